"""A bulk audit: lint every record of an input, in input order, in constant memory.

The main process cuts the input into batches: blocks of whole JSONL lines, or chunks of
CSV rows. Worker processes (one per core by default) cut a block into rows, turn rows
into contacts, lint them and format the report records; the main process writes each
batch's text back in input order. At most a few batches are in flight, so memory does
not grow with the input. Small inputs are linted in-process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, BinaryIO, TextIO

from linter.engine import FieldTooLong, Linter
from linter.formats import AuditItem, Report, Summary
from linter.model import Contact, DomainCheck, MailChecks, MailStatus, new_tuple
from linter.records import (
    Columns,
    LineBlock,
    RawRow,
    RecordError,
    contact_from_csv_cells,
    contact_from_json_line,
)

if TYPE_CHECKING:  # DNS is imported only by runs that verify
    from linter.verification import DomainVerifier

CHUNK_ROWS = 1000
# What the main process hands a worker: a block of JSONL lines, or a chunk of raw rows.
Batch = LineBlock | list[RawRow]
# A batch, with what DNS said of its domains (None when DNS is off).
Chunk = tuple[Batch, "MailChecks | None"]
# A batch's formatted records (joined by the report's separator) and totals.
Done = tuple[bytes, Summary]
GC_THRESHOLDS = (100_000, 50, 100)
CHUNKS_IN_FLIGHT_PER_WORKER = 3


@dataclass(frozen=True, slots=True)
class RowReader:
    """How to turn a raw row into a contact: a JSON line, or CSV cells in `columns`.

    A row the input reader could not cut out arrives as the `RecordError` to report."""

    columns: Columns | None = None

    def item(
        self, linter: Linter, row: int, raw: object, checks: MailChecks | None = None
    ) -> AuditItem:
        try:
            record_id, contact = self.contact(raw)
        except RecordError as error:
            return AuditItem(row, error.record_id, error=str(error))
        try:
            result = linter.lint(contact, checks)
        except FieldTooLong as error:
            return AuditItem(row, record_id, contact, error=str(error))
        return new_tuple(AuditItem, (row, record_id, contact, result, None))

    def contact(self, raw: object) -> tuple[str | None, Contact]:
        """The record id and contact of a raw row; RecordError if it is unreadable."""
        if isinstance(raw, bytes):
            return contact_from_json_line(raw)
        if isinstance(raw, list) and self.columns is not None:
            return contact_from_csv_cells(raw, self.columns)
        if isinstance(raw, RecordError):
            raise raw
        raise RecordError(f"unreadable row ({type(raw).__name__})")


@dataclass(frozen=True, slots=True)
class Job:
    """What a worker needs: the linter, the report, how to read rows."""

    linter: Linter
    report: Report
    reader: RowReader

    def run(self, batch: Batch, checks: MailChecks | None = None) -> Done:
        """Lint and format `batch`; `checks` is what DNS said of its domains, if asked."""
        summary = Summary()
        out: list[bytes] = []
        item_of, record, add = self.reader.item, self.report.record, summary.add
        linter = self.linter
        for row, raw in rows_of(batch):
            item = item_of(linter, row, raw, checks)
            add(item)
            text = record(item)
            if text:
                out.append(text)
        return self.report.separator.join(out), summary


def rows_of(batch: Batch) -> Iterable[RawRow]:
    """The raw rows of a batch: a block's lines cut apart, or the chunk itself."""
    return batch.rows() if isinstance(batch, LineBlock) else batch


# The job of a worker process, inherited from the parent when the pool forks.
_JOB: Job | None = None


def _run_in_worker(batch: Batch, plain: PlainChecks | None) -> Done:
    assert _JOB is not None, "worker started without a job"
    return _JOB.run(batch, None if plain is None else _checks_from_plain(plain))


# What DNS said of a chunk's domains, on its way to a worker: {domain: (status, detail)}.
# Pickle takes a slow path for each DomainCheck (a named tuple holding an enum), which
# cost the main process more than the look-ups; strings and tuples it writes in C.
PlainChecks = dict[str, tuple[str, str]]


def _plain_checks(checks: MailChecks) -> PlainChecks:
    return {domain: (check.status.value, check.detail) for domain, check in checks.items()}


def _checks_from_plain(plain: PlainChecks) -> MailChecks:
    return {
        domain: DomainCheck(domain, MailStatus(status), detail)
        for domain, (status, detail) in plain.items()
    }


class OrderedWriter:
    """Writes batches' formatted records, with the report's separator between non-empty
    ones (a batch's text has it between its own records already)."""

    def __init__(self, out: BinaryIO, separator: bytes) -> None:
        self.out = out
        self.separator = separator
        self.wrote = False

    def write(self, text: bytes) -> None:
        if not text:
            return
        if self.wrote and self.separator:
            text = self.separator + text
        self.out.write(text)
        self.wrote = True


class Progress:
    """A one-line counter on a terminal's stderr; silent otherwise."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.shown = 0.0

    def update(self, records: int) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        if now - self.shown < 0.2:
            return
        self.shown = now
        rate = records / max(now - self.started, 1e-9)
        self.stream.write(f"\r{records:,} records, {rate:,.0f}/s ")
        self.stream.flush()

    def done(self) -> None:
        if self.stream is not None:
            self.stream.write("\r\033[K")
            self.stream.flush()


def batched(rows: Iterable[RawRow], size: int = CHUNK_ROWS) -> Iterator[list[RawRow]]:
    """Raw rows in chunks of `size`, for inputs read row by row (CSV)."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def default_jobs() -> int:
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 8))


def run_audit(
    job: Job,
    batches: Iterable[Batch],
    out: BinaryIO,
    jobs: int,
    progress: Progress | None = None,
    verifier: DomainVerifier | None = None,
) -> Summary:
    """Lint every row of `batches` (`json_blocks` of the input, or `batched` rows), write
    the report to `out`, and return the totals.

    With a `verifier`, the domains of each batch are checked over DNS (in this process,
    with one cache for the whole run) before the batch is linted."""
    progress = progress or Progress(None)
    with _settled_memory(job.linter):
        return _run(job, batches, out, jobs, progress, verifier)


def _run(
    job: Job,
    batches: Iterable[Batch],
    out: BinaryIO,
    jobs: int,
    progress: Progress,
    verifier: DomainVerifier | None,
) -> Summary:
    writer = OrderedWriter(out, job.report.separator)
    summary = Summary()
    out.write(job.report.header())
    chunks = _with_checks(iter(batches), job, verifier)
    first = next(chunks, None)
    if first is not None:
        second = next(chunks, None)
        if jobs <= 1 or second is None:
            for batch, checks in _prepend(first, second, chunks):
                _collect(job.run(batch, checks), writer, summary, progress)
        else:
            _run_parallel(job, _prepend(first, second, chunks), writer, summary, progress, jobs)
    progress.done()
    out.write(job.report.footer(summary))
    out.flush()
    return summary


@contextmanager
def _settled_memory(linter: Linter) -> Iterator[None]:
    """Load the lists, then keep the garbage collector off them for the run.

    What is loaded lives as long as the linter; `gc.freeze` stops each collection from
    walking it again, and forked workers share it unchanged. A bulk run allocates many
    short-lived objects and no cycles of its own, so collections are made rarer too.
    The collector's settings are put back afterwards, for programs that call this."""
    linter.load()
    thresholds = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _with_checks(
    batches: Iterator[Batch], job: Job, verifier: DomainVerifier | None
) -> Iterator[Chunk]:
    """Each batch with what DNS said of its contacts' domains (nothing when DNS is off)."""
    for batch in batches:
        if verifier is None:
            yield batch, None
            continue
        domains: list[str] = []
        for _row, raw in rows_of(batch):
            try:
                _record_id, contact = job.reader.contact(raw)
            except RecordError:
                continue
            domains.extend(job.linter.domains_to_verify(contact))
        yield batch, verifier.check_all_now(domains)


def _prepend(first: Chunk, second: Chunk | None, rest: Iterator[Chunk]) -> Iterator[Chunk]:
    yield first
    if second is not None:
        yield second
        yield from rest


def _collect(done: Done, writer: OrderedWriter, summary: Summary, progress: Progress) -> None:
    text, part = done
    writer.write(text)
    summary.merge(part)
    progress.update(summary.records)


def _run_parallel(
    job: Job,
    chunks: Iterator[Chunk],
    writer: OrderedWriter,
    summary: Summary,
    progress: Progress,
    jobs: int,
) -> None:
    global _JOB
    _JOB = job  # inherited by the forked workers; nothing large is pickled per task
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    pending: deque[Future[Done]] = deque()
    limit = jobs * CHUNKS_IN_FLIGHT_PER_WORKER
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for batch, checks in chunks:
            plain = None if checks is None else _plain_checks(checks)
            pending.append(pool.submit(_run_in_worker, batch, plain))
            if len(pending) >= limit:
                _collect(pending.popleft().result(), writer, summary, progress)
        while pending:
            _collect(pending.popleft().result(), writer, summary, progress)
    _JOB = None
