"""`contactlint` with DNS verification on, against a DNS server on a loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.support.dns_server import LoopbackDnsServer, Zone, running

CONTACTLINT = (sys.executable, "-m", "linter.cli")

ZONE = Zone(
    records={
        "kvarnbo.se": {"MX": ["10 mx.kvarnbo.se."]},
        "fjordtech.no": {"A": ["192.0.2.7"]},
        "gammal.se": {"MX": ["0 ."]},
    },
    slow={"slow.se"},
    slow_seconds=1.5,
)


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackDnsServer]:
    with running(ZONE) as dns_server:
        yield dns_server


def audit(
    lines: list[dict[str, Any]], *args: str, env: dict[str, str] | None = None
) -> tuple[int, list[dict[str, Any]], str]:
    data = b"".join(orjson.dumps(line) + b"\n" for line in lines)
    done = subprocess.run(
        [*CONTACTLINT, "audit", "-", "--format", "jsonl", "--isolated", *args],
        input=data,
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )
    results = [orjson.loads(line) for line in done.stdout.splitlines()]
    return done.returncode, results, done.stderr.decode()


def nameserver(server: LoopbackDnsServer) -> str:
    return f"127.0.0.1:{server.port}"


def verified(result: dict[str, Any]) -> set[bool | None]:
    return {s["verified"] for s in result["suggestions"]}


def rules(result: dict[str, Any]) -> list[str]:
    return [f["rule"] for f in result["findings"]]


def test_suggestions_at_a_domain_with_mx_are_verified(server: LoopbackDnsServer) -> None:
    line = {"id": "1", "email": "anna.svensson@kvarnbo.se", "purpose": "billing"}
    _, [result], _ = audit([line], "--nameserver", nameserver(server))
    assert verified(result) == {True}
    assert "E008" not in rules(result)


def test_address_only_domain_accepts_mail(server: LoopbackDnsServer) -> None:
    line = {"id": "1", "email": "lars@hotmail.se", "domain": "fjordtech.no"}
    _, [result], _ = audit([line], "--nameserver", nameserver(server))
    assert verified(result) == {True}


def test_undeliverable_contact_domain_is_a_finding(server: LoopbackDnsServer) -> None:
    lines = [
        {"id": "1", "email": "ekonomi@gammal.se"},
        {"id": "2", "email": "ekonomi@missing-domain.se"},
    ]
    _, results, _ = audit(lines, "--nameserver", nameserver(server))
    assert [rules(r) for r in results] == [["E008"], ["E008"]]
    assert results[0]["findings"][0]["span"] == [8, 17]
    assert "null MX" in results[0]["findings"][0]["message"]


def test_suggestions_at_an_undeliverable_domain_are_not_verified(
    server: LoopbackDnsServer,
) -> None:
    line = {"id": "1", "email": "anna@missing-domain.se", "purpose": "billing"}
    _, [result], _ = audit([line], "--nameserver", nameserver(server))
    assert verified(result) == {False}


def test_timeout_is_not_verified_and_not_undeliverable(server: LoopbackDnsServer) -> None:
    line = {"id": "1", "email": "anna@slow.se", "purpose": "billing"}
    args = ("--nameserver", nameserver(server), "--dns-timeout", "0.3", "--dns-retries", "0")
    _, [result], _ = audit([line], *args)
    assert verified(result) == {None}
    assert "E008" not in rules(result)


def test_offline_asks_nothing(server: LoopbackDnsServer) -> None:
    before = sum(server.questions.values())
    line = {"id": "1", "email": "anna@kvarnbo.se", "purpose": "billing"}
    _, [result], _ = audit([line], "--nameserver", nameserver(server), "--offline")
    assert verified(result) == {None}
    assert sum(server.questions.values()) == before


def test_nameserver_from_the_environment(server: LoopbackDnsServer) -> None:
    line = {"id": "1", "email": "anna@kvarnbo.se", "purpose": "billing"}
    _, [result], _ = audit([line], env={"CONTACTLINT_NAMESERVER": nameserver(server)})
    assert verified(result) == {True}


def test_bulk_audit_asks_once_per_domain_and_type(tmp_path: Path) -> None:
    domains = [f"company{i}.se" for i in range(100)]
    zone = Zone(records={d: {"MX": [f"10 mx.{d}."]} for d in domains})
    lines = [
        {"id": str(i), "email": f"anna{i}@{domains[i % 100]}", "purpose": "billing"}
        for i in range(10_000)
    ]
    with running(zone) as dns_server:
        status, results, _ = audit(lines, "--nameserver", nameserver(dns_server), "--jobs", "2")
    assert status == 1 and len(results) == 10_000
    assert all(verified(r) == {True} for r in results)
    assert sum(dns_server.questions.values()) == 100
    assert set(dns_server.questions) == {(d, "MX") for d in domains}


def test_unreachable_resolver_is_reported_once_and_the_run_finishes() -> None:
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    port = silent.getsockname()[1]
    lines = [{"id": str(i), "email": f"anna@company{i}.se"} for i in range(300)]
    started = time.monotonic()
    try:
        _, results, stderr = audit(lines, "--nameserver", f"127.0.0.1:{port}")
    finally:
        silent.close()
    assert time.monotonic() - started < 10
    assert len(results) == 300
    assert all(verified(r) <= {None} for r in results)
    assert stderr.count("does not answer") == 1


def test_resolver_that_denies_every_domain_is_not_believed() -> None:
    """A resolver that says NXDOMAIN even for the DNS root would otherwise make every
    contact's domain a finding E008."""
    lines = [{"id": str(i), "email": f"anna@company{i}.se"} for i in range(50)]
    with running(Zone(records={}, denies_everything=True)) as dns_server:
        _, results, stderr = audit(lines, "--nameserver", nameserver(dns_server))
        root_questions = dns_server.questions[("", "SOA")]
    assert len(results) == 50
    assert not any("E008" in rules(r) for r in results)
    assert all(verified(r) <= {None} for r in results)
    assert stderr.count("not even the DNS root") == 1
    assert root_questions == 1


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("--nameserver", "dns.example"), id="not-an-address"),
        pytest.param(("--nameserver", "127.0.0.1:99999"), id="bad-port"),
        pytest.param(("--dns-timeout", "0"), id="zero-timeout"),
    ],
)
def test_bad_dns_options_exit_2(args: tuple[str, ...]) -> None:
    status, _, stderr = audit([{"id": "1", "email": "anna@kvarnbo.se"}], *args)
    assert status == 2
    assert "contactlint:" in stderr
