"""The contactlint benchmark: throughput against email-validator, peak memory, and the
audit with DNS verification against email-validator's deliverability check. Then the
account service over gRPC: LintContact, and CreateAccount on SQLite and PostgreSQL, each
against the health Check on the same server.

Run with `make bench`, or `.venv/bin/python bench/run.py --help` for the options.
Figures go to stdout as a table; progress goes to stderr. bench/README.md explains
what each figure means.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import account_writes
import dns.exception
import dns.name
import grpc_latency
import orjson
from generate import DEFAULT_SEED, FREE_MAIL_DOMAINS, company_domain_names, generate

# The loopback DNS server is the tests' own (tests/support/dns_server.py). This script's
# directory, bench/, is on sys.path; the repository root, where `tests` lives, may not be.
REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.append(str(REPO_ROOT))

from tests.support.dns_server import LoopbackDnsServer, Zone, running  # noqa: E402

THROUGHPUT_RATIO_TARGET = 2.0  # audit records/s divided by email-validator records/s, at least
MEMORY_RATIO_TARGET = 1.5  # peak RSS at the larger count divided by the smaller, at most
# Audit records/s with DNS on divided by email-validator's with check_deliverability=True,
# at least.
DNS_RATIO_TARGET = 20.0
# In the DNS section's zone, one company domain in this many has no MX record, only an
# address, so that mail goes to the domain's own address (RFC 5321 section 5.1).
WITHOUT_MX_EVERY = 100
# That address. email-validator accepts only a globally routable one as a mail server, so
# it cannot come from a documentation range; nothing ever connects to it.
WITHOUT_MX_ADDRESS = "203.0.114.25"
SMOKE_RECORDS = 50
AUDIT_SUCCESS_CODES = (0, 1)  # 0: no findings, 1: findings; 2 is a usage or input error

# The baseline: the same file, the same JSON parsing, email-validator's syntax check alone.
# It prints how many addresses it accepted and rejected so the parent can check the count.
EMAIL_VALIDATOR_LOOP = """\
import sys
import orjson
from email_validator import EmailNotValidError, validate_email

accepted = rejected = 0
with open(sys.argv[1], "rb") as records:
    for line in records:
        try:
            validate_email(orjson.loads(line)["email"], check_deliverability=False)
            accepted += 1
        except EmailNotValidError:
            rejected += 1
print(accepted, rejected)
"""

# The DNS baseline: email-validator's deliverability check per address, the way its
# documentation shows it with a resolver of one's own, here pointed at the loopback server
# and without a cache, as email-validator's default resolver has none. It counts the
# addresses accepted (and, of those, the ones whose look-up gave no answer), refused as
# undeliverable, and refused for their syntax.
EMAIL_VALIDATOR_DNS_LOOP = """\
import sys
import dns.resolver
import orjson
from email_validator import EmailNotValidError, EmailUndeliverableError, validate_email

path, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
resolver = dns.resolver.Resolver(configure=False)
resolver.port = port
resolver.nameservers = ["127.0.0.1"]
resolver.cache = None
accepted = unanswered = undeliverable = invalid = 0
with open(path, "rb") as records:
    for _, line in zip(range(count), records):
        try:
            result = validate_email(
                orjson.loads(line)["email"], check_deliverability=True, dns_resolver=resolver
            )
        except EmailUndeliverableError:
            undeliverable += 1
        except EmailNotValidError:
            invalid += 1
        else:
            accepted += 1
            unanswered += getattr(result, "mx", None) is None
print(accepted, unanswered, undeliverable, invalid)
"""

# Started in place of the measured program. On Linux a process's peak RSS survives exec,
# so a program started straight from this (larger) Python would report at least this
# process's size. This small launcher forks a fresh child, execs the program there, and
# writes the program's own exit status, wall time, CPU time and peak RSS to a report file.
MEASURING_LAUNCHER = """\
import os
import sys
import time

report_path, argv = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    except OSError as error:
        os.write(2, f"cannot run {argv[0]}: {error}\\n".encode())
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall_seconds = time.perf_counter() - started
with open(report_path, "w") as report:
    report.write(
        f"{os.waitstatus_to_exitcode(status)} {wall_seconds!r} "
        f"{usage.ru_utime + usage.ru_stime!r} {usage.ru_maxrss}\\n"
    )
"""


class BenchmarkError(Exception):
    """A measurement could not be taken; the message says which and why."""


@dataclass(frozen=True)
class ProcessRun:
    """One child process, measured from the outside: wall clock and its own rusage."""

    argv: tuple[str, ...]
    exit_code: int
    wall_seconds: float
    cpu_seconds: float
    peak_rss_kib: int
    stdout_path: Path
    stderr_tail: str


@dataclass(frozen=True)
class Throughput:
    """Repeated runs of one program over the same records; the fastest run counts."""

    label: str
    records: int
    runs: tuple[ProcessRun, ...]

    @property
    def fastest(self) -> ProcessRun:
        return min(self.runs, key=lambda run: run.wall_seconds)

    @property
    def records_per_second(self) -> float:
        return self.records / self.fastest.wall_seconds


@dataclass(frozen=True)
class ThroughputComparison:
    audit: Throughput
    email_validator: Throughput

    @property
    def ratio(self) -> float:
        return self.audit.records_per_second / self.email_validator.records_per_second

    @property
    def meets_target(self) -> bool:
        return self.ratio >= THROUGHPUT_RATIO_TARGET


@dataclass(frozen=True)
class AuditOutputSummary:
    """What the audit wrote: one JSON object per record, tallied by verdict. Also what DNS
    verification left in it: E008 findings, and suggestions by their `verified` value."""

    lines: int
    verdicts: Counter[str]
    errors: int
    undeliverable: int = 0
    suggestions: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class DnsInput:
    """The DNS section's records, and the zone the loopback server answers from for them."""

    path: Path
    records: int
    zone: Zone
    company_domains: int  # distinct company domains in the records
    without_mx: int  # of those, how many have an address but no MX
    free_mail_domains: int
    internationalised_domains: int

    @property
    def domains(self) -> int:
        """Distinct domains in the records that the zone answers for."""
        return self.company_domains + self.free_mail_domains + self.internationalised_domains


Questions = Counter[tuple[str, str]]  # (name, type) -> how often the server was asked


@dataclass(frozen=True)
class ServedRun:
    """A measured run against the loopback server: what it asked, and what answering cost
    the server (CPU time of the benchmark process, in which the server's threads run)."""

    run: ProcessRun
    questions: Questions
    server_cpu_seconds: float


@dataclass(frozen=True)
class EmailValidatorDnsCounts:
    accepted: int
    unanswered: int  # accepted because the look-up gave no answer (a timeout)
    undeliverable: int
    invalid: int

    @property
    def total(self) -> int:
        return self.accepted + self.undeliverable + self.invalid


@dataclass(frozen=True)
class DnsComparison:
    """The audit with DNS on and --offline over the same records, and email-validator's
    deliverability check over the first `email_validator.records` of them."""

    dns_input: DnsInput
    online: Throughput
    offline: Throughput
    email_validator: Throughput
    served: dict[ProcessRun, ServedRun]

    @property
    def online_to_offline(self) -> float:
        return self.online.records_per_second / self.offline.records_per_second

    @property
    def ratio(self) -> float:
        return self.online.records_per_second / self.email_validator.records_per_second

    @property
    def meets_target(self) -> bool:
        return self.ratio >= DNS_RATIO_TARGET

    @property
    def online_served(self) -> ServedRun:
        return self.served[self.online.fastest]

    @property
    def email_validator_served(self) -> ServedRun:
        return self.served[self.email_validator.fastest]


@dataclass(frozen=True)
class PeakMemory:
    records: int
    run: ProcessRun

    @property
    def peak_rss_mib(self) -> float:
        return self.run.peak_rss_kib / 1024


@dataclass(frozen=True)
class MemoryComparison:
    smaller: PeakMemory
    larger: PeakMemory

    @property
    def ratio(self) -> float:
        return self.larger.run.peak_rss_kib / self.smaller.run.peak_rss_kib

    @property
    def meets_target(self) -> bool:
        return self.ratio <= MEMORY_RATIO_TARGET


class Progress:
    """Timestamped progress lines on stderr, so stdout holds only the figures."""

    def __init__(self) -> None:
        self._start = time.perf_counter()

    def __call__(self, message: str) -> None:
        elapsed = time.perf_counter() - self._start
        print(f"[{elapsed:6.1f}s] {message}", file=sys.stderr, flush=True)


# Running and measuring a child.


def run_child(argv: Sequence[str], stdout_path: Path) -> ProcessRun:
    """Run `argv` to completion, stdout to a file, and measure it alone.

    The launcher takes the figures with os.wait4 on the program's process: its wall time
    from fork to exit, its CPU time and its peak RSS (with those of any children it waited
    for), and nothing of the launcher, of this process or of earlier runs.
    """
    stderr_path = stdout_path.with_suffix(".stderr")
    report_path = stdout_path.with_suffix(".rusage")
    launcher = [sys.executable, "-I", "-S", "-c", MEASURING_LAUNCHER, str(report_path)]
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
        subprocess.run(
            [*launcher, *argv], stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, check=False
        )
    stderr_tail = tail(stderr_path.read_text(encoding="utf-8", errors="replace"))
    try:
        exit_code, wall_seconds, cpu_seconds, max_rss = report_path.read_text().split()
    except (OSError, ValueError):
        raise BenchmarkError(
            f"the measuring launcher failed for: {' '.join(argv)}\n{stderr_tail}"
        ) from None
    return ProcessRun(
        argv=tuple(argv),
        exit_code=int(exit_code),
        wall_seconds=float(wall_seconds),
        cpu_seconds=float(cpu_seconds),
        peak_rss_kib=peak_rss_kib(int(max_rss)),
        stdout_path=stdout_path,
        stderr_tail=stderr_tail,
    )


def peak_rss_kib(max_rss: int) -> int:
    """ru_maxrss is in KiB on Linux and the BSDs, in bytes on macOS."""
    return max_rss // 1024 if sys.platform == "darwin" else max_rss


def tail(text: str, lines: int = 8) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def describe_failure(problem: str, run: ProcessRun) -> str:
    """The problem, the command, its exit status and the end of its stderr."""
    message = f"{problem}\n  command: {' '.join(run.argv)}\n  exit status: {run.exit_code}"
    if run.stderr_tail:
        indented = "\n".join(f"    {line}" for line in run.stderr_tail.splitlines())
        message += f"\n  stderr (last lines):\n{indented}"
    return message


OFFLINE = ("--offline",)


def audit_command(
    contactlint: Path, records_path: Path, dns_options: Sequence[str] = OFFLINE
) -> list[str]:
    """The audit; offline unless `dns_options` say otherwise (`--nameserver HOST:PORT`)."""
    return [str(contactlint), "audit", str(records_path), *dns_options, "--format", "jsonl"]


def run_audit(
    contactlint: Path, records_path: Path, stdout_path: Path, dns_options: Sequence[str] = OFFLINE
) -> ProcessRun:
    run = run_child(audit_command(contactlint, records_path, dns_options), stdout_path)
    if run.exit_code not in AUDIT_SUCCESS_CODES:
        raise BenchmarkError(describe_failure("contactlint audit failed", run))
    return run


def run_email_validator(records_path: Path, stdout_path: Path) -> ProcessRun:
    run = run_child([sys.executable, "-c", EMAIL_VALIDATOR_LOOP, str(records_path)], stdout_path)
    if run.exit_code != 0:
        raise BenchmarkError(describe_failure("the email-validator loop failed", run))
    return run


def run_email_validator_dns(
    records_path: Path, records: int, port: int, stdout_path: Path
) -> ProcessRun:
    loop = [sys.executable, "-c", EMAIL_VALIDATOR_DNS_LOOP]
    run = run_child([*loop, str(records_path), str(port), str(records)], stdout_path)
    if run.exit_code != 0:
        raise BenchmarkError(
            describe_failure("the email-validator deliverability loop failed", run)
        )
    return run


def served(server: LoopbackDnsServer, launch: Callable[[], ProcessRun]) -> ServedRun:
    """Run a measured program against `server`, noting the questions it asked and the CPU
    time the server spent answering them."""
    asked_before = server.questions.copy()
    cpu_before = own_cpu_seconds()
    run = launch()
    cpu_seconds = own_cpu_seconds() - cpu_before
    return ServedRun(run, server.questions - asked_before, cpu_seconds)


def own_cpu_seconds() -> float:
    """User + system CPU time of this process, all threads (the DNS server's included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# Checking what the children wrote.


def count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            count += chunk.count(b"\n")
    return count


def require_one_line_per_record(run: ProcessRun, records: int) -> None:
    lines = count_lines(run.stdout_path)
    if lines != records:
        raise BenchmarkError(
            describe_failure(
                f"contactlint audit wrote {lines} lines for {records} records, "
                "but the contract is one JSON object per record",
                run,
            )
        )


def summarise_audit_output(run: ProcessRun) -> AuditOutputSummary:
    """Tally the verdicts, checking that every line is a JSON object with a verdict, or
    with an error for a record that could not be read."""
    verdicts: Counter[str] = Counter()
    suggestions: Counter[str] = Counter()
    lines = errors = undeliverable = 0
    with run.stdout_path.open("rb") as stream:
        for line in stream:
            lines += 1
            try:
                result = orjson.loads(line)
            except orjson.JSONDecodeError as error:
                problem = f"line {lines} of the audit output is not JSON: {error}"
                raise BenchmarkError(describe_failure(problem, run)) from None
            if isinstance(result, dict) and "error" in result:
                errors += 1
            elif isinstance(result, dict) and isinstance(result.get("verdict"), str):
                verdicts[result["verdict"]] += 1
                undeliverable += count_undeliverable(result.get("findings"))
                suggestions.update(verified_values(result.get("suggestions")))
            else:
                problem = f"line {lines} of the audit output has neither a verdict nor an error"
                raise BenchmarkError(describe_failure(problem, run))
    return AuditOutputSummary(
        lines=lines,
        verdicts=verdicts,
        errors=errors,
        undeliverable=undeliverable,
        suggestions=suggestions,
    )


def count_undeliverable(findings: object) -> int:
    """E008 findings: DNS said the domain accepts no mail."""
    if not isinstance(findings, list):
        return 0
    return sum(1 for f in findings if isinstance(f, dict) and f.get("rule") == "E008")


VERIFIED_NAMES = {True: "verified", False: "refuted", None: "unverified"}


def verified_values(suggestions: object) -> list[str]:
    """Each suggestion's `verified`: true (DNS confirmed its domain), false (DNS refuted
    it) or null (not asked, or no answer)."""
    if not isinstance(suggestions, list):
        return []
    return [
        VERIFIED_NAMES.get(s.get("verified"), "other") for s in suggestions if isinstance(s, dict)
    ]


def email_validator_counts(run: ProcessRun) -> tuple[int, int]:
    accepted, rejected = run.stdout_path.read_text(encoding="utf-8").split()
    return int(accepted), int(rejected)


def email_validator_dns_counts(run: ProcessRun) -> EmailValidatorDnsCounts:
    accepted, unanswered, undeliverable, invalid = run.stdout_path.read_text().split()
    return EmailValidatorDnsCounts(int(accepted), int(unanswered), int(undeliverable), int(invalid))


# Inputs.


def default_contactlint() -> Path:
    return Path(sys.executable).parent / "contactlint"


def require_working_contactlint(contactlint: Path, workdir: Path, seed: int) -> None:
    """Fail fast, with a clear message, if contactlint is missing or cannot run an audit."""
    if not (contactlint.is_file() and os.access(contactlint, os.X_OK)):
        raise BenchmarkError(
            f"contactlint not found at {contactlint}: run `make install`, "
            "or pass --contactlint PATH"
        )
    sample = workdir / "smoke.jsonl"
    generate(sample, SMOKE_RECORDS, seed)
    run = run_child(audit_command(contactlint, sample), workdir / "smoke.out")
    if run.exit_code not in AUDIT_SUCCESS_CODES or count_lines(run.stdout_path) == 0:
        raise BenchmarkError(
            describe_failure(
                f"contactlint at {contactlint} cannot audit a file of {SMOKE_RECORDS} records yet",
                run,
            )
        )
    require_one_line_per_record(run, SMOKE_RECORDS)
    summarise_audit_output(run)


def write_first_lines(source: Path, target: Path, count: int) -> None:
    with source.open("rb") as lines, target.open("wb") as out:
        for _, line in zip(range(count), lines, strict=False):
            out.write(line)


def generate_inputs(
    counts: set[int], workdir: Path, seed: int, progress: Progress
) -> dict[int, Path]:
    """One JSONL file per record count. The generator is sequential, so the records for a
    smaller count are the first lines of the largest file: generate that once, copy the rest."""
    largest = max(counts)
    paths = {count: workdir / f"contacts-{count}.jsonl" for count in counts}
    progress(f"generating {largest:,} records (seed {seed})")
    generate(paths[largest], largest, seed)
    for count in sorted(counts - {largest}):
        write_first_lines(paths[largest], paths[count], count)
    return paths


def dns_input(path: Path, records: int, company_domains: int) -> DnsInput:
    """The zone for the records at `path`: an MX record for every company domain in them,
    except one in WITHOUT_MX_EVERY that has an A record only; an MX record for every
    free-mail domain the generator uses; and one for every internationalised domain in
    them, under its ASCII (xn--) name, which is the name a resolver asks for."""
    company_index = {
        name: index for index, name in enumerate(company_domain_names(company_domains))
    }
    free_mail = set(FREE_MAIL_DOMAINS)
    companies: set[str] = set()
    free_mail_used: set[str] = set()
    internationalised: set[str] = set()
    with path.open("rb") as lines:
        for line in lines:
            domain = orjson.loads(line)["email"].rpartition("@")[2].lower()
            if domain in company_index:
                companies.add(domain)
            elif domain in free_mail:
                free_mail_used.add(domain)
            elif not domain.isascii() and (name := ascii_name(domain)) is not None:
                internationalised.add(name)
    # The other invalid addresses' domains (`-kvarnbo1.se`, `kvarnbo1..se`) are left out:
    # the audit should not ask about them, and if it does, the answer is NXDOMAIN.
    records_by_name: dict[str, dict[str, list[str]]] = {}
    without_mx = 0
    for name in sorted(companies):
        if company_index[name] % WITHOUT_MX_EVERY == 0:
            records_by_name[name] = {"A": [WITHOUT_MX_ADDRESS]}
            without_mx += 1
        else:
            records_by_name[name] = {"MX": [f"10 mx.{name}."]}
    for name in (*FREE_MAIL_DOMAINS, *sorted(internationalised)):
        records_by_name[name] = {"MX": [f"10 mx.{name}."]}
    return DnsInput(
        path=path,
        records=records,
        zone=Zone(records=records_by_name),
        company_domains=len(companies),
        without_mx=without_mx,
        free_mail_domains=len(free_mail_used),
        internationalised_domains=len(internationalised),
    )


def ascii_name(domain: str) -> str | None:
    """The name in the form the loopback server sees in a question (`xn--kvrnbo7-...se`)."""
    try:
        return dns.name.from_text(domain).to_text(omit_final_dot=True).lower()
    except (dns.exception.DNSException, UnicodeError):
        return None


# The measurements.


def measure_throughput(
    contactlint: Path,
    records_path: Path,
    records: int,
    repeat: int,
    workdir: Path,
    progress: Progress,
) -> ThroughputComparison:
    """Alternate audit and baseline runs so that a slow spell on the machine hits both."""
    audit_runs: list[ProcessRun] = []
    baseline_runs: list[ProcessRun] = []
    for attempt in range(1, repeat + 1):
        progress(f"throughput run {attempt}/{repeat}: contactlint audit over {records:,} records")
        audit = run_audit(contactlint, records_path, workdir / f"audit-{attempt}.jsonl")
        require_one_line_per_record(audit, records)
        audit_runs.append(audit)
        progress(f"throughput run {attempt}/{repeat}: email-validator over {records:,} records")
        baseline = run_email_validator(records_path, workdir / f"email-validator-{attempt}.txt")
        if sum(email_validator_counts(baseline)) != records:
            raise BenchmarkError(f"the email-validator loop did not read {records} records")
        baseline_runs.append(baseline)
    return ThroughputComparison(
        audit=Throughput("contactlint audit --offline", records, tuple(audit_runs)),
        email_validator=Throughput("email-validator validate_email", records, tuple(baseline_runs)),
    )


def measure_audit_peak_memory(
    contactlint: Path, records_path: Path, records: int, workdir: Path, progress: Progress
) -> PeakMemory:
    progress(f"peak memory: contactlint audit over {records:,} records")
    run = run_audit(contactlint, records_path, workdir / f"memory-{records}.jsonl")
    require_one_line_per_record(run, records)
    run.stdout_path.unlink()  # up to a few hundred MB at a million records
    return PeakMemory(records=records, run=run)


def measure_dns(
    contactlint: Path,
    dns_input: DnsInput,
    sample: int,
    repeat: int,
    workdir: Path,
    progress: Progress,
) -> DnsComparison:
    """The audit with DNS on, the audit offline and email-validator's deliverability loop,
    taking turns as in the throughput comparison, all against one loopback DNS server."""
    records, path = dns_input.records, dns_input.path
    online_runs: list[ProcessRun] = []
    offline_runs: list[ProcessRun] = []
    baseline_runs: list[ProcessRun] = []
    served_runs: dict[ProcessRun, ServedRun] = {}
    with running(dns_input.zone) as server:
        nameserver = ("--nameserver", f"127.0.0.1:{server.port}")
        progress(
            f"loopback DNS server on 127.0.0.1:{server.port}, "
            f"answering for {len(dns_input.zone.records):,} domains"
        )
        for attempt in range(1, repeat + 1):
            step = f"DNS run {attempt}/{repeat}"
            progress(f"{step}: contactlint audit with DNS over {records:,} records")
            out = workdir / f"dns-audit-{attempt}.jsonl"
            online = served(server, partial(run_audit, contactlint, path, out, nameserver))
            require_one_line_per_record(online.run, records)
            if not online.questions:
                problem = (
                    "contactlint audit with --nameserver asked the loopback DNS server "
                    "nothing: DNS verification did not run"
                )
                raise BenchmarkError(describe_failure(problem, online.run))
            online_runs.append(online.run)
            served_runs[online.run] = online

            progress(f"{step}: contactlint audit --offline over {records:,} records")
            out = workdir / f"dns-offline-{attempt}.jsonl"
            offline = served(server, partial(run_audit, contactlint, path, out))
            require_one_line_per_record(offline.run, records)
            if offline.questions:
                problem = "contactlint audit --offline asked the loopback DNS server questions"
                raise BenchmarkError(describe_failure(problem, offline.run))
            offline_runs.append(offline.run)

            progress(f"{step}: email-validator with deliverability over {sample:,} records")
            out = workdir / f"dns-email-validator-{attempt}.txt"
            baseline = served(
                server, partial(run_email_validator_dns, path, sample, server.port, out)
            )
            if email_validator_dns_counts(baseline.run).total != sample:
                raise BenchmarkError(
                    f"the email-validator deliverability loop did not read {sample} records"
                )
            baseline_runs.append(baseline.run)
            served_runs[baseline.run] = baseline
    return DnsComparison(
        dns_input=dns_input,
        online=Throughput("contactlint audit, DNS on", records, tuple(online_runs)),
        offline=Throughput("contactlint audit --offline", records, tuple(offline_runs)),
        email_validator=Throughput(
            "email-validator, deliverability *", sample, tuple(baseline_runs)
        ),
        served=served_runs,
    )


# The report.


def format_header(records: int, seed: int, repeat: int) -> str:
    return (
        f"contactlint benchmark: {records:,} records for throughput, seed {seed}, "
        f"best of {repeat}\n"
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; linter modules {linter_build()}"
    )


def linter_build() -> str:
    """Whether this Python imports the linter compiled (`make`) or as plain Python source
    (`make pure`), which the figures depend on."""
    spec = importlib.util.find_spec("linter.engine")
    origin = spec.origin if spec is not None and spec.origin else ""
    return "compiled with Cython" if origin.endswith(tuple(EXTENSION_SUFFIXES)) else "pure Python"


def format_throughput(comparison: ThroughputComparison, summary: AuditOutputSummary) -> str:
    rows = [
        f"Throughput over {comparison.audit.records:,} records (whole process, fastest run)",
        f"  {'program':<34}{'wall s':>8}{'cpu s':>8}{'records/s':>12}{'peak RSS':>12}",
    ]
    for throughput in (comparison.audit, comparison.email_validator):
        run = throughput.fastest
        rows.append(
            f"  {throughput.label:<34}{run.wall_seconds:>8.2f}{run.cpu_seconds:>8.2f}"
            f"{throughput.records_per_second:>12,.0f}{run.peak_rss_kib / 1024:>8.1f} MiB"
        )
    verdict = "PASS" if comparison.meets_target else "MISS"
    rows.append(
        f"  {'ratio audit / email-validator':<50}{comparison.ratio:>12.2f}x"
        f"   target >= {THROUGHPUT_RATIO_TARGET:.1f}   {verdict}"
    )
    rows.append(f"  audit output: {format_verdicts(summary)}")
    return "\n".join(rows)


def format_verdicts(summary: AuditOutputSummary) -> str:
    parts = [
        f"{verdict} {count / summary.lines:.1%}"
        for verdict, count in sorted(summary.verdicts.items(), key=lambda item: -item[1])
    ]
    parts.append(f"error {summary.errors}")
    return ", ".join(parts)


def format_dns(comparison: DnsComparison, summary: AuditOutputSummary) -> str:
    dns_input = comparison.dns_input
    rows = [
        f"DNS verification over {dns_input.records:,} records and {dns_input.domains:,} "
        "domains (whole process, fastest run)",
        f"  {'program':<34}{'wall s':>8}{'cpu s':>8}{'records/s':>12}{'peak RSS':>12}",
    ]
    for throughput in (comparison.online, comparison.offline, comparison.email_validator):
        run = throughput.fastest
        rows.append(
            f"  {throughput.label:<34}{run.wall_seconds:>8.2f}{run.cpu_seconds:>8.2f}"
            f"{throughput.records_per_second:>12,.0f}{run.peak_rss_kib / 1024:>8.1f} MiB"
        )
    verdict = "PASS" if comparison.meets_target else "MISS"
    online, baseline = comparison.online_served, comparison.email_validator_served
    counts = email_validator_dns_counts(baseline.run)
    outside = {name for name, _ in online.questions} - set(dns_input.zone.records)
    suggestions = ", ".join(
        f"{name} {summary.suggestions[name]:,}" for name in ("verified", "refuted", "unverified")
    )
    rows += [
        f"  {'ratio DNS on / offline':<50}{comparison.online_to_offline:>12.2f}x",
        f"  {'ratio DNS on / email-validator':<50}{comparison.ratio:>12.2f}x"
        f"   target >= {DNS_RATIO_TARGET:.1f}   {verdict}",
        f"  * email-validator over the first {comparison.email_validator.records:,} records "
        "only (all of them would take minutes)",
        f"  domains: {dns_input.domains:,} = {dns_input.company_domains:,} company "
        f"({dns_input.without_mx:,} of them A only, no MX), "
        f"{dns_input.free_mail_domains:,} free-mail, "
        f"{dns_input.internationalised_domains:,} internationalised",
        f"  DNS questions, audit: {format_questions(online.questions, dns_input.domains)} "
        "per domain",
        f"    {len(outside):,} names asked outside the zone; "
        f"loopback server CPU {online.server_cpu_seconds:.2f} s",
        f"  DNS questions, email-validator: {format_questions(baseline.questions, counts.total)}"
        " per record",
        f"    accepted {counts.accepted:,} ({counts.unanswered:,} without an answer), "
        f"undeliverable {counts.undeliverable:,}, invalid {counts.invalid:,}; "
        f"loopback server CPU {baseline.server_cpu_seconds:.2f} s",
        f"  audit output, DNS on: {format_verdicts(summary)}",
        f"    E008 {summary.undeliverable:,}; suggestions {suggestions}",
    ]
    return "\n".join(rows)


def format_questions(questions: Questions, per: int) -> str:
    """`2,199 (MX 2,179, A 20) about 2,179 names, 1.01`: all questions, by type, the names
    they asked about, and questions per domain or record."""
    by_type: Counter[str] = Counter()
    for (_, rdtype), count in questions.items():
        by_type[rdtype] += count
    asked = by_type.total()
    types = ", ".join(f"{rdtype} {count:,}" for rdtype, count in by_type.most_common())
    names = len({name for name, _ in questions})
    return f"{asked:,} ({types}) about {names:,} names, {asked / per:.2f}"


def format_memory(comparison: MemoryComparison) -> str:
    rows = [
        "Peak memory of contactlint audit (child's ru_maxrss)",
        f"  {'records':<34}{'wall s':>8}{'records/s':>20}{'peak RSS':>12}",
    ]
    for measurement in (comparison.smaller, comparison.larger):
        run = measurement.run
        rows.append(
            f"  {measurement.records:<34,}{run.wall_seconds:>8.2f}"
            f"{measurement.records / run.wall_seconds:>20,.0f}{measurement.peak_rss_mib:>8.1f} MiB"
        )
    verdict = "PASS" if comparison.meets_target else "MISS"
    label = f"ratio {comparison.larger.records:,} / {comparison.smaller.records:,}"
    rows.append(
        f"  {label:<50}{comparison.ratio:>12.2f}x   target <= {MEMORY_RATIO_TARGET:.1f}   {verdict}"
    )
    return "\n".join(rows)


# Command line.


def positive_int(text: str) -> int:
    value = int(text.replace("_", "").replace(",", ""))
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text}")
    return value


def two_record_counts(text: str) -> tuple[int, int]:
    parts = text.split(",")
    if len(parts) != 2:
        raise argparse.ArgumentTypeError(f"expected two counts as A,B, got {text!r}")
    smaller, larger = (positive_int(part) for part in parts)
    if smaller >= larger:
        raise argparse.ArgumentTypeError(f"expected A smaller than B, got {text!r}")
    return smaller, larger


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Measure contactlint audit throughput against email-validator, its "
        "peak memory at two input sizes, and its throughput with DNS verification against "
        "email-validator's deliverability check. Figures on stdout, progress on stderr.",
        epilog="Example: python bench/run.py --records 20000 --skip-memory",
    )
    parser.add_argument(
        "--records",
        type=positive_int,
        default=200_000,
        help="records for the throughput comparison (default: 200000)",
    )
    parser.add_argument(
        "--memory-records",
        type=two_record_counts,
        default=(100_000, 1_000_000),
        metavar="A,B",
        help="the two record counts for the peak-memory comparison (default: 100000,1000000)",
    )
    parser.add_argument("--skip-memory", action="store_true", help="skip the peak-memory runs")
    parser.add_argument(
        "--dns-records",
        type=positive_int,
        default=100_000,
        metavar="N",
        help="records for the DNS verification comparison (default: 100000)",
    )
    parser.add_argument(
        "--dns-domains",
        type=positive_int,
        default=10_000,
        metavar="N",
        help="distinct company domains in those records (default: 10000)",
    )
    parser.add_argument(
        "--dns-sample",
        type=positive_int,
        default=5_000,
        metavar="N",
        help="of those records, how many email-validator checks for deliverability (default: 5000)",
    )
    parser.add_argument(
        "--skip-dns", action="store_true", help="skip the DNS verification comparison"
    )
    parser.add_argument(
        "--skip-grpc", action="store_true", help="skip the LintContact latency comparison"
    )
    parser.add_argument(
        "--grpc-calls",
        type=positive_int,
        default=2000,
        help="sequential calls of each gRPC method (default 2,000)",
    )
    parser.add_argument(
        "--skip-writes",
        action="store_true",
        help="skip the CreateAccount comparison on SQLite and PostgreSQL",
    )
    parser.add_argument(
        "--write-calls",
        type=positive_int,
        default=2000,
        metavar="N",
        help="sequential CreateAccount and Check calls on each engine (default 2,000)",
    )
    parser.add_argument(
        "--postgres-url",
        default=account_writes.DEFAULT_POSTGRES_URL,
        metavar="URL",
        help="PostgreSQL database the CreateAccount comparison empties and uses; '' skips "
        "it (default: %(default)s)",
    )
    parser.add_argument(
        "--contactlint",
        type=Path,
        default=default_contactlint(),
        help="the contactlint executable (default: the one next to this Python)",
    )
    parser.add_argument(
        "--repeat",
        type=positive_int,
        default=3,
        help="throughput and DNS runs of each program; the fastest counts (default: 3)",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="generator seed (default: %(default)s)"
    )
    return parser.parse_args(argv)


def measure_dns_section(args: argparse.Namespace, workdir: Path, progress: Progress) -> str:
    path = workdir / "dns-contacts.jsonl"
    progress(
        f"generating {args.dns_records:,} records over {args.dns_domains:,} company domains "
        f"(seed {args.seed})"
    )
    generate(path, args.dns_records, args.seed, company_domains=args.dns_domains)
    comparison = measure_dns(
        args.contactlint,
        dns_input(path, args.dns_records, args.dns_domains),
        min(args.dns_sample, args.dns_records),
        args.repeat,
        workdir,
        progress,
    )
    return format_dns(comparison, summarise_audit_output(comparison.online.fastest))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    progress = Progress()
    with tempfile.TemporaryDirectory(prefix="contactlint-bench-") as tmp:
        workdir = Path(tmp)
        try:
            progress(f"checking {args.contactlint}")
            require_working_contactlint(args.contactlint, workdir, args.seed)
            counts = {args.records}
            if not args.skip_memory:
                counts.update(args.memory_records)
            inputs = generate_inputs(counts, workdir, args.seed, progress)
            throughput = measure_throughput(
                args.contactlint, inputs[args.records], args.records, args.repeat, workdir, progress
            )
            summary = summarise_audit_output(throughput.audit.fastest)
            sections = [
                format_header(args.records, args.seed, args.repeat),
                format_throughput(throughput, summary),
            ]
            if not args.skip_memory:
                memory = MemoryComparison(
                    *(
                        measure_audit_peak_memory(
                            args.contactlint, inputs[count], count, workdir, progress
                        )
                        for count in args.memory_records
                    )
                )
                sections.append(format_memory(memory))
            if not args.skip_dns:
                sections.append(measure_dns_section(args, workdir, progress))
            if not args.skip_grpc:
                progress(f"gRPC: {args.grpc_calls:,} LintContact and health Check calls")
                latencies = grpc_latency.measure(args.grpc_calls, workdir)
                sections.append(grpc_latency.format_section(*latencies))
            if not args.skip_writes:
                writes = account_writes.measure(
                    args.write_calls, workdir, args.postgres_url, args.seed, progress
                )
                sections.append(account_writes.format_section(writes))
        except (BenchmarkError, grpc_latency.ServerFailed) as error:
            print(f"bench: {error}", file=sys.stderr)
            return 2
        progress("done")
    print("\n\n".join(sections))
    return 0


if __name__ == "__main__":
    sys.exit(main())
