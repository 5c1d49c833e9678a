"""The contactlint benchmark: throughput against email-validator, and peak memory.

Run with `make bench`, or `.venv/bin/python bench/run.py --help` for the options.
Figures go to stdout as a table; progress goes to stderr. bench/README.md explains
what each figure means.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import orjson
from generate import DEFAULT_SEED, generate

THROUGHPUT_RATIO_TARGET = 2.0  # audit records/s divided by email-validator records/s, at least
MEMORY_RATIO_TARGET = 1.5  # peak RSS at the larger count divided by the smaller, at most
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
    """What the audit wrote: one JSON object per record, tallied by verdict."""

    lines: int
    verdicts: Counter[str]
    errors: int


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


def audit_command(contactlint: Path, records_path: Path) -> list[str]:
    return [str(contactlint), "audit", str(records_path), "--offline", "--format", "jsonl"]


def run_audit(contactlint: Path, records_path: Path, stdout_path: Path) -> ProcessRun:
    run = run_child(audit_command(contactlint, records_path), stdout_path)
    if run.exit_code not in AUDIT_SUCCESS_CODES:
        raise BenchmarkError(describe_failure("contactlint audit failed", run))
    return run


def run_email_validator(records_path: Path, stdout_path: Path) -> ProcessRun:
    run = run_child([sys.executable, "-c", EMAIL_VALIDATOR_LOOP, str(records_path)], stdout_path)
    if run.exit_code != 0:
        raise BenchmarkError(describe_failure("the email-validator loop failed", run))
    return run


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
    lines = errors = 0
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
            else:
                problem = f"line {lines} of the audit output has neither a verdict nor an error"
                raise BenchmarkError(describe_failure(problem, run))
    return AuditOutputSummary(lines=lines, verdicts=verdicts, errors=errors)


def email_validator_counts(run: ProcessRun) -> tuple[int, int]:
    accepted, rejected = run.stdout_path.read_text(encoding="utf-8").split()
    return int(accepted), int(rejected)


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


# The report.


def format_header(records: int, seed: int, repeat: int) -> str:
    return (
        f"contactlint benchmark: {records:,} records for throughput, seed {seed}, "
        f"best of {repeat}\n"
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs"
    )


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
        description="Measure contactlint audit throughput against email-validator, and its "
        "peak memory at two input sizes. Figures on stdout, progress on stderr.",
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
        "--contactlint",
        type=Path,
        default=default_contactlint(),
        help="the contactlint executable (default: the one next to this Python)",
    )
    parser.add_argument(
        "--repeat",
        type=positive_int,
        default=3,
        help="throughput runs of each program; the fastest counts (default: 3)",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="generator seed (default: %(default)s)"
    )
    return parser.parse_args(argv)


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
        except BenchmarkError as error:
            print(f"bench: {error}", file=sys.stderr)
            return 2
        progress("done")
    print("\n\n".join(sections))
    return 0


if __name__ == "__main__":
    sys.exit(main())
