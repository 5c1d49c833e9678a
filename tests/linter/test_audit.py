"""The bulk audit: every row linted, reported in input order, in bounded memory."""

from __future__ import annotations

import gc
import io
import itertools
from collections.abc import Iterator

import orjson
import pytest

from linter.audit import (
    CHUNK_ROWS,
    CHUNKS_IN_FLIGHT_PER_WORKER,
    Job,
    OrderedWriter,
    Progress,
    RowReader,
    batched,
    run_audit,
)
from linter.engine import MAX_FIELD_LENGTH, Linter
from linter.formats import Summary
from linter.formats.json import JsonReport
from linter.formats.jsonl import JsonLinesReport
from linter.model import Contact
from linter.records import Columns, RawRow, RecordError


@pytest.fixture(autouse=True)
def restore_gc() -> Iterator[None]:
    """`run_audit` freezes the collector and raises its threshold for the process; give the
    test process its own settings back."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


@pytest.fixture(scope="module")
def plain_linter() -> Linter:
    return Linter()


def jsonl_job(linter: Linter) -> Job:
    return Job(linter, JsonLinesReport(), RowReader())


def audit(job: Job, rows: list[RawRow], jobs: int = 1) -> tuple[list[dict[str, object]], Summary]:
    out = io.BytesIO()
    summary = run_audit(job, batched(rows), out, jobs=jobs)
    return [orjson.loads(line) for line in out.getvalue().splitlines()], summary


def numbered(*lines: bytes) -> list[RawRow]:
    return list(enumerate(lines, 1))


# --- One record out per row in, in order --------------------------------------------------


def test_each_row_gives_one_record_in_input_order(plain_linter: Linter) -> None:
    rows = numbered(
        b'{"id": "a", "email": "anna.svensson@kvarnbo.se"}',
        b"not json",
        b'{"id": "c", "email": "ekonomi@kvarnbo.se"}',
    )
    records, _ = audit(jsonl_job(plain_linter), rows)
    assert [(r.get("id"), r.get("verdict"), r.get("row")) for r in records] == [
        ("a", "personal", None),
        (None, None, 2),
        ("c", "role", None),
    ]
    assert "not valid JSON" in str(records[1]["error"])


def test_summary_counts_records_errors_verdicts_and_rules(plain_linter: Linter) -> None:
    rows = numbered(
        b'{"email": "anna.svensson@kvarnbo.se"}',
        b'{"email": "erik.lind@kvarnbo.se"}',
        b"[1]",
        b'{"email": "ekonomi@kvarnbo.se"}',
    )
    _, summary = audit(jsonl_job(plain_linter), rows)
    assert (summary.records, summary.errors, summary.personal) == (4, 1, 2)
    assert summary.verdicts["role"] == 1
    assert summary.rules["E002"] == 2


def test_no_rows_write_the_reports_header_and_footer(plain_linter: Linter) -> None:
    out = io.BytesIO()
    summary = run_audit(Job(plain_linter, JsonReport(), RowReader()), [], out, jobs=1)
    assert orjson.loads(out.getvalue()) == []
    assert summary.records == 0


def test_parallel_run_writes_what_a_serial_run_writes(plain_linter: Linter) -> None:
    lines = [
        b'{"id": "%d", "email": "anna.svensson@kvarnbo.se"}',
        b'{"id": "%d", "email": "ekonomi@kvarnbo.se", "purpose": "billing"}',
        b'{"id": "%d", "email": "lars1972@hotmail.se", "domain": "kvarnbo.se"}',
        b'{"id": "%d", "email": 5, "purpose": "nonsense"}',
        b"[%d]",
    ]
    rows = [(n, lines[n % len(lines)] % n) for n in range(1, 2 * CHUNK_ROWS + 500)]
    serial, parallel = io.BytesIO(), io.BytesIO()
    serial_summary = run_audit(jsonl_job(plain_linter), batched(rows), serial, jobs=1)
    parallel_summary = run_audit(jsonl_job(plain_linter), batched(rows), parallel, jobs=2)
    assert parallel.getvalue() == serial.getvalue()
    assert parallel_summary == serial_summary
    assert parallel.getvalue().count(b"\n") == len(rows)


# --- Bounded memory -----------------------------------------------------------------------


class Enough(Exception):
    """Raised by the output once it has seen enough records to judge the run."""


class EndlessRows:
    """More rows than memory holds: an endless input that counts how far it was read.

    It refuses to be read past `cap` rows, so a run that collects its input before
    writing fails here instead of running out of memory."""

    LINE = b'{"id": "7", "email": "anna.svensson@kvarnbo.se"}'

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.read = 0

    def __iter__(self) -> Iterator[RawRow]:
        for number in itertools.count(1):
            if number > self.cap:
                raise AssertionError(f"the audit read {self.cap} rows before writing enough")
            self.read = number
            yield number, self.LINE


class BoundedLagOutput:
    """An output that checks, at every write, that the input has not been read more than
    `lag` rows ahead of what has been written; it stops the run after `stop_after` records."""

    def __init__(self, rows: EndlessRows, lag: int, stop_after: int) -> None:
        self.rows = rows
        self.lag = lag
        self.stop_after = stop_after
        self.written = 0
        self.worst_lag = 0

    def write(self, data: bytes) -> int:
        ahead = self.rows.read - self.written
        self.worst_lag = max(self.worst_lag, ahead)
        assert ahead <= self.lag, f"input read {ahead} rows ahead of the output"
        self.written += data.count(b"\n")
        if self.written >= self.stop_after:
            raise Enough
        return len(data)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize("jobs", [1, 2], ids=["serial", "two-workers"])
def test_audit_reads_its_input_as_it_writes(plain_linter: Linter, jobs: int) -> None:
    rows = EndlessRows(cap=60 * CHUNK_ROWS)
    lag = (jobs * CHUNKS_IN_FLIGHT_PER_WORKER + 2) * CHUNK_ROWS
    out = BoundedLagOutput(rows, lag=lag, stop_after=20 * CHUNK_ROWS)
    with pytest.raises(Enough):
        run_audit(jsonl_job(plain_linter), batched(rows), out, jobs=jobs)  # type: ignore[arg-type]
    assert out.written >= 20 * CHUNK_ROWS
    assert out.worst_lag > 0


# --- Turning raw rows into items ----------------------------------------------------------


def test_reader_passes_on_a_row_that_could_not_be_cut(plain_linter: Linter) -> None:
    item = RowReader(Columns(email=0)).item(plain_linter, 9, RecordError("cannot read"))
    assert (item.row, item.record_id, item.result, item.error) == (9, None, None, "cannot read")


def test_reader_lints_csv_cells(plain_linter: Linter) -> None:
    item = RowReader(Columns(email=1, id=0)).item(plain_linter, 2, ["7", "ekonomi@kvarnbo.se"])
    assert item.record_id == "7"
    assert item.contact == Contact("ekonomi@kvarnbo.se")
    assert item.result is not None and item.result.verdict == "role"


def test_too_long_field_is_an_error_that_keeps_the_record_id(plain_linter: Linter) -> None:
    line = orjson.dumps({"id": "7", "email": "ekonomi@kvarnbo.se", "name": "x" * 10**6})
    item = RowReader().item(plain_linter, 3, line)
    assert (item.row, item.record_id, item.result) == (3, "7", None)
    assert item.error == (
        f"the name field is {10**6} characters long; the longest accepted is {MAX_FIELD_LENGTH}"
    )


# --- Writing ------------------------------------------------------------------------------


def test_writer_puts_the_separator_only_between_batches_with_records() -> None:
    out = io.BytesIO()
    writer = OrderedWriter(out, b",")
    writer.write(b"1,2")
    writer.write(b"")
    writer.write(b"3")
    assert out.getvalue() == b"1,2,3"


def test_writer_without_separator_writes_batches_as_they_are() -> None:
    out = io.BytesIO()
    writer = OrderedWriter(out, b"")
    writer.write(b"a\n")
    writer.write(b"b\n")
    assert out.getvalue() == b"a\nb\n"


def test_progress_on_a_stream_counts_records_then_clears_its_line() -> None:
    stream = io.StringIO()
    progress = Progress(stream)
    progress.update(12345)
    assert stream.getvalue().startswith("\r12,345 records, ")
    progress.done()
    assert stream.getvalue().endswith("\r\x1b[K")
