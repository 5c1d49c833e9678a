"""What a worker knows of DNS: it asks the run's verifier only about the domains it has not
been told about, keeps each answer for its TTL, and lints every contact with the answers
about its own domains, whether they were known or asked for."""

from __future__ import annotations

import io
import multiprocessing
from collections.abc import Iterator

import orjson
import pytest

from linter.audit import Job, RowReader, batched, likely_domains, run_audit
from linter.engine import Linter
from linter.formats.jsonl import JsonLinesReport
from linter.known_checks import CheckService, DirectAnswers, KnownChecks
from linter.model import MailStatus
from linter.records import Columns, LineBlock, RawRow
from linter.verification import DomainVerifier, ResolverSettings
from tests.support.dns_server import LoopbackDnsServer, Zone, running

ZONE = Zone(
    records={
        "kvarnbo.se": {"MX": ["10 mx.kvarnbo.se."]},
        "fjordtech.no": {"A": ["192.0.2.7"]},
        "gammal.se": {"MX": ["0 ."]},
        **{f"company{i}.se": {"MX": [f"10 mx.company{i}.se."]} for i in range(30)},
    },
    ttl=60,
)


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackDnsServer]:
    with running(ZONE) as dns_server:
        yield dns_server


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def verifier_for(server: LoopbackDnsServer) -> DomainVerifier:
    return DomainVerifier(ResolverSettings(nameservers=(server.address,), timeout=0.5))


class CountedAnswers(DirectAnswers):
    """The verifier in this process, noting each batch of domains it is asked about."""

    def __init__(self, verifier: DomainVerifier) -> None:
        super().__init__(verifier)
        self.asked: list[list[str]] = []

    def send(self, domains: list[str]) -> None:
        self.asked.append(domains)
        super().send(domains)


def rows(*emails: str) -> list[RawRow]:
    lines = [orjson.dumps({"id": str(i), "email": e}) for i, e in enumerate(emails, 1)]
    return list(enumerate(lines, 1))


def test_a_worker_asks_only_about_domains_it_does_not_know(
    server: LoopbackDnsServer, linter: Linter
) -> None:
    answers = CountedAnswers(verifier_for(server))
    known = KnownChecks(answers)
    job = Job(linter, JsonLinesReport(), RowReader())
    job.run(rows("anna@kvarnbo.se", "lars@fjordtech.no"), known)
    job.run(rows("per@kvarnbo.se", "eva@gammal.se", "ola@fjordtech.no"), known)
    job.run(rows("anna.svensson@kvarnbo.se"), known)
    assert answers.asked == [["kvarnbo.se", "fjordtech.no"], ["gammal.se"]]


def test_a_worker_asks_again_once_an_answer_has_expired(server: LoopbackDnsServer) -> None:
    now = [100.0]
    answers = CountedAnswers(verifier_for(server))
    known = KnownChecks(answers, clock=lambda: now[0])
    for seconds in (0, 30, 29, 2):
        now[0] += seconds
        known.start_batch()
        if known.until.get("kvarnbo.se", 0.0) <= now[0]:
            known.ask(["kvarnbo.se"])
            known.take_answers()
    # Asked at 100; at 130 and 159 the answer (TTL 60) holds; at 161 it has expired.
    assert len(answers.asked) == 2
    assert known.checks["kvarnbo.se"].status is MailStatus.ACCEPTS


def test_contacts_linted_while_waiting_and_after_get_their_own_answers(
    server: LoopbackDnsServer, linter: Linter
) -> None:
    """A batch mixes contacts whose domains are known with contacts whose domains are
    asked about; every record comes out in input order, with its own domain's answer."""
    known = KnownChecks(DirectAnswers(verifier_for(server)))
    job = Job(linter, JsonLinesReport(), RowReader())
    job.run(rows("anna@kvarnbo.se"), known)
    emails = ("per@gammal.se", "lars@kvarnbo.se", "not an address", "eva@gone.se", "o@kvarnbo.se")
    text, summary = job.run(rows(*emails), known)
    results = [orjson.loads(line) for line in text.splitlines()]
    assert [r["id"] for r in results] == ["1", "2", "3", "4", "5"]
    undeliverable = [any(f["rule"] == "E008" for f in r.get("findings", ())) for r in results]
    assert undeliverable == [True, False, False, True, False]
    assert summary.errors == 0 and results[2]["verdict"] == "invalid"


def audit_with_dns(
    linter: Linter, server: LoopbackDnsServer, lines: list[RawRow], jobs: int
) -> bytes:
    out = io.BytesIO()
    run_audit(
        Job(linter, JsonLinesReport(), RowReader()),
        batched(lines, 50),
        out,
        jobs=jobs,
        verifier=verifier_for(server),
    )
    return out.getvalue()


def test_parallel_audit_reports_what_a_serial_one_does(
    server: LoopbackDnsServer, linter: Linter
) -> None:
    domains = [*(f"company{i}.se" for i in range(30)), "gammal.se", "gone.se", "fjordtech.no"]
    lines = rows(*(f"anna.svensson{i}@{domains[i % len(domains)]}" for i in range(600)))
    serial = audit_with_dns(linter, server, lines, jobs=1)
    parallel = audit_with_dns(linter, server, lines, jobs=2)
    assert parallel == serial
    verified = [
        s["verified"] for line in serial.splitlines() for s in orjson.loads(line)["suggestions"]
    ]
    assert True in verified and False in verified


def test_the_service_answers_each_worker_on_its_own_pipe(server: LoopbackDnsServer) -> None:
    """Workers claim a pipe each when first asking, and the main process answers each."""
    context = multiprocessing.get_context("fork")
    service = CheckService(verifier_for(server), 2, context)
    results = context.Queue()

    def worker(domain: str) -> None:
        known = service.known_in_worker()
        known.ask([domain])
        known.take_answers()
        pipe = known.answers.pipe.fileno()  # type: ignore[attr-defined]
        results.put((domain, known.checks[domain].status.value, pipe))

    with service:
        processes = [context.Process(target=worker, args=(d,)) for d in ("kvarnbo.se", "gammal.se")]
        for process in processes:
            process.start()
        for process in processes:
            process.join(10)
    got = [results.get(timeout=5) for _ in processes]
    assert {domain: status for domain, status, _ in got} == {
        "kvarnbo.se": MailStatus.ACCEPTS.value,
        "gammal.se": MailStatus.NULL_MX.value,
    }
    assert len({pipe for _, _, pipe in got}) == 2


def test_the_main_process_looks_ahead_at_plain_domains_only_once_each() -> None:
    """The look-ahead picks e-mail domains out of raw lines and CSV cells: plain ones,
    each once per run; internationalised and invalid ones are left to the workers."""
    lines = [
        {"id": "1", "email": "anna@Kvarnbo.se", "name": "x@decoy.se"},
        {"id": "2", "email": "ekonomi@kvarnbo.se"},
        {"id": "3", "email": "per@-kvarnbo.se"},
        {"id": "4", "email": "eva@kvarnbo..se"},
        {"id": "5", "email": "lars@kvärnbo.se"},
        {"id": "6", "email": "ola@fjordtech.no"},
    ]
    block = LineBlock(1, b"".join(orjson.dumps(line) + b"\n" for line in lines))
    seen: set[str] = set()
    assert sorted(likely_domains(block, None, seen)) == ["fjordtech.no", "kvarnbo.se"]
    again = LineBlock(7, orjson.dumps({"email": "ola@fjordtech.no"}) + b"\n")
    assert likely_domains(again, None, seen) == []
    cells = [(2, ["1", "anna@gammal.se"]), (3, ["2", "no address"]), (4, ["3"])]
    assert likely_domains(cells, Columns(email=1, id=0), seen) == ["gammal.se"]
