"""Domain verification against a real DNS server on a loopback port, over UDP and TCP."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Iterator

import pytest

from linter.verification import (
    DomainVerifier,
    MailStatus,
    ResolverSettings,
    parse_nameserver,
)
from tests.support.dns_server import LoopbackDnsServer, Zone, running

ZONE = Zone(
    records={
        "kvarnbo.se": {"MX": ["10 mx1.kvarnbo.se.", "20 mx2.kvarnbo.se."]},
        "nullmx.se": {"MX": ["0 ."]},
        "aonly.se": {"A": ["192.0.2.10"]},
        "aaaaonly.se": {"AAAA": ["2001:db8::10"]},
        "nothing.se": {"TXT": ['"v=spf1 -all"']},
        "big.se": {"MX": [f"{i} mx{i}.big.se." for i in range(1, 40)]},
    },
    servfail={"broken.se"},
    slow={"slow.se"},
    truncated={"big.se"},
    slow_seconds=2.0,
)


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackDnsServer]:
    with running(ZONE) as dns_server:
        yield dns_server


def verifier_for(server: LoopbackDnsServer, timeout: float = 0.5) -> DomainVerifier:
    return DomainVerifier(ResolverSettings(nameservers=(server.address,), timeout=timeout))


@pytest.mark.parametrize(
    ("domain", "status"),
    [
        pytest.param("kvarnbo.se", MailStatus.ACCEPTS, id="mx"),
        pytest.param("nullmx.se", MailStatus.NULL_MX, id="null-mx"),
        pytest.param("aonly.se", MailStatus.ACCEPTS, id="a-only-falls-back"),
        pytest.param("aaaaonly.se", MailStatus.ACCEPTS, id="aaaa-only-falls-back"),
        pytest.param("nothing.se", MailStatus.NO_ADDRESS, id="no-mx-no-address"),
        pytest.param("missing.se", MailStatus.NO_DOMAIN, id="nxdomain"),
        pytest.param("broken.se", MailStatus.UNKNOWN, id="servfail-is-not-undeliverable"),
        pytest.param("slow.se", MailStatus.UNKNOWN, id="timeout-is-not-undeliverable"),
    ],
)
def test_domain_status(server: LoopbackDnsServer, domain: str, status: MailStatus) -> None:
    check = verifier_for(server).check_all_now([domain])[domain]
    assert check.status is status


def test_deliverable_is_none_when_dns_could_not_tell(server: LoopbackDnsServer) -> None:
    checks = verifier_for(server).check_all_now(["kvarnbo.se", "missing.se", "broken.se"])
    assert [c.deliverable for c in checks.values()] == [True, False, None]


def test_truncated_udp_answer_is_asked_again_over_tcp(server: LoopbackDnsServer) -> None:
    before = server.tcp_questions[("big.se", "MX")]
    check = verifier_for(server).check_all_now(["big.se"])["big.se"]
    assert check.status is MailStatus.ACCEPTS
    assert server.tcp_questions[("big.se", "MX")] == before + 1


def test_asyncio_callers_get_the_same_answers_without_blocking_their_loop(
    server: LoopbackDnsServer,
) -> None:
    verifier = verifier_for(server)

    async def both() -> tuple[dict[str, MailStatus], int]:
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)

        ticker = asyncio.create_task(tick())
        checks = await verifier.check_all(["kvarnbo.se", "slow.se", "nullmx.se"])
        ticker.cancel()
        return {domain: check.status for domain, check in checks.items()}, ticks

    statuses, ticks = asyncio.run(both())
    assert statuses == {
        "kvarnbo.se": MailStatus.ACCEPTS,
        "slow.se": MailStatus.UNKNOWN,
        "nullmx.se": MailStatus.NULL_MX,
    }
    # slow.se times out after 0.5 s twice (one retry): the loop ran on meanwhile.
    assert ticks > 20


def test_many_contacts_over_few_domains_ask_once_per_domain_and_type() -> None:
    domains = [f"company{i}.se" for i in range(100)]
    zone = Zone(records={d: {"MX": [f"10 mx.{d}."]} for d in domains})
    contacts = [domains[i % 100] for i in range(10_000)]
    with running(zone) as dns_server:
        checks = verifier_for(dns_server).check_all_now(contacts)
    assert all(c.status is MailStatus.ACCEPTS for c in checks.values())
    assert sum(dns_server.questions.values()) == 100
    assert set(dns_server.questions.values()) == {1}


def test_questions_asked_at_once_share_one_socket() -> None:
    domains = [f"company{i}.se" for i in range(200)]
    zone = Zone(records={d: {"MX": [f"10 mx.{d}."]} for d in domains})
    with running(zone) as dns_server:
        verifier_for(dns_server).check_all_now(domains)
    assert len(dns_server.udp_clients) == 1


def test_nxdomain_is_believed_once_the_root_is_known_to_exist() -> None:
    with running(Zone(records={})) as dns_server:
        checks = verifier_for(dns_server).check_all_now([f"gone{i}.se" for i in range(20)])
    assert {c.status for c in checks.values()} == {MailStatus.NO_DOMAIN}
    assert dns_server.questions[("", "SOA")] == 1


def test_resolver_that_denies_the_root_is_given_up_on() -> None:
    messages: list[str] = []
    with running(Zone(records={}, denies_everything=True)) as dns_server:
        verifier = DomainVerifier(
            ResolverSettings(nameservers=(dns_server.address,), timeout=0.5),
            on_unreachable=messages.append,
        )
        checks = verifier.check_all_now([f"company{i}.se" for i in range(20)])
    assert {c.status for c in checks.values()} == {MailStatus.UNKNOWN}
    assert verifier.unreachable
    assert len(messages) == 1 and "not even the DNS root" in messages[0]


def test_negative_answers_are_cached_too() -> None:
    with running(Zone(records={})) as dns_server:
        verifier = verifier_for(dns_server)
        verifier.check_all_now(["gone.se"])
        verifier.check_all_now(["gone.se"])
    assert dns_server.questions[("gone.se", "MX")] == 1


def test_cached_answer_expires_with_its_ttl() -> None:
    now = [1000.0]
    zone = Zone(records={"kvarnbo.se": {"MX": ["10 mx.kvarnbo.se."]}}, ttl=60)
    with running(zone) as dns_server:
        verifier = DomainVerifier(
            ResolverSettings(nameservers=(dns_server.address,), timeout=0.5),
            clock=lambda: now[0],
        )
        verifier.check_all_now(["kvarnbo.se"])
        now[0] += 59
        verifier.check_all_now(["kvarnbo.se"])
        asked_within_ttl = dns_server.questions[("kvarnbo.se", "MX")]
        now[0] += 2
        verifier.check_all_now(["kvarnbo.se"])
    assert (asked_within_ttl, dns_server.questions[("kvarnbo.se", "MX")]) == (1, 2)


def test_negative_ttl_comes_from_the_soa() -> None:
    now = [0.0]
    with running(Zone(records={}, negative_ttl=30)) as dns_server:
        verifier = DomainVerifier(
            ResolverSettings(nameservers=(dns_server.address,), timeout=0.5),
            clock=lambda: now[0],
        )
        verifier.check_all_now(["gone.se"])
        now[0] += 29
        verifier.check_all_now(["gone.se"])
        now[0] += 2
        verifier.check_all_now(["gone.se"])
    assert dns_server.questions[("gone.se", "MX")] == 2


def test_unreachable_resolver_is_noticed_quickly_and_reported_once() -> None:
    # A UDP socket that is bound but never read: questions go unanswered.
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    messages: list[str] = []
    verifier = DomainVerifier(
        ResolverSettings(nameservers=(silent.getsockname(),), timeout=0.3, retries=0),
        on_unreachable=messages.append,
    )
    domains = [f"company{i}.se" for i in range(200)]
    started = time.monotonic()
    try:
        checks = verifier.check_all_now(domains)
    finally:
        silent.close()
    assert time.monotonic() - started < 5
    assert all(c.deliverable is None for c in checks.values())
    assert len(messages) == 1 and "does not answer" in messages[0]
    assert verifier.unreachable


def test_one_slow_domain_does_not_make_a_working_resolver_unreachable(
    server: LoopbackDnsServer,
) -> None:
    verifier = verifier_for(server, timeout=0.2)
    checks = verifier.check_all_now(["kvarnbo.se", "slow.se"])
    assert checks["slow.se"].status is MailStatus.UNKNOWN
    assert not verifier.unreachable


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        pytest.param("127.0.0.1", ("127.0.0.1", 53), id="ipv4"),
        pytest.param("127.0.0.1:5353", ("127.0.0.1", 5353), id="ipv4-port"),
        pytest.param("::1", ("::1", 53), id="ipv6"),
        pytest.param("[::1]:5353", ("::1", 5353), id="ipv6-port"),
    ],
)
def test_parse_nameserver(text: str, parsed: tuple[str, int]) -> None:
    assert parse_nameserver(text) == parsed


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("dns.example", id="name-not-address"),
        pytest.param("127.0.0.1:0", id="port-zero"),
        pytest.param("127.0.0.1:dns", id="port-not-number"),
        pytest.param("[::1]:70000", id="port-too-large"),
    ],
)
def test_parse_nameserver_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="nameserver"):
        parse_nameserver(text)


def test_resolver_that_stops_answering_midway_is_noticed() -> None:
    zone = Zone(records={"kvarnbo.se": {"MX": ["10 mx.kvarnbo.se."]}})
    with running(zone) as dns_server:
        address = dns_server.address
        messages: list[str] = []
        verifier = DomainVerifier(
            ResolverSettings(nameservers=(address,), timeout=0.3, retries=0),
            on_unreachable=messages.append,
        )
        assert verifier.check_all_now(["kvarnbo.se"])["kvarnbo.se"].deliverable is True
    # The server is gone: nothing answers on its port any more.
    started = time.monotonic()
    checks = verifier.check_all_now([f"company{i}.se" for i in range(100)])
    assert time.monotonic() - started < 5
    assert all(c.deliverable is None for c in checks.values())
    assert verifier.unreachable and len(messages) == 1
