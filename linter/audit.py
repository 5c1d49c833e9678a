"""A bulk audit: lint every record of an input, in input order, in constant memory.

The main process cuts the input into batches: blocks of whole JSONL lines, or chunks of
CSV rows. Worker processes (one per core by default) cut a block into rows, turn rows
into contacts, lint them and format the report records; the main process writes each
batch's text back in input order. At most a few batches are in flight, so memory does
not grow with the input. Small inputs are linted in-process.

With DNS on, the run has one verifier, in the main process, and the workers ask it
about the domains they do not know yet (`linter.known_checks`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, BinaryIO, TextIO

from linter.engine import FieldTooLong, Linter
from linter.formats import AuditItem, Report, Summary
from linter.known_checks import CheckService, DirectAnswers, KnownChecks
from linter.model import Contact, MailChecks, new_tuple
from linter.records import (
    Columns,
    LineBlock,
    RawRow,
    RecordError,
    contact_from_csv_cells,
    contact_from_json_line,
)
from linter.syntax import plain_domain

if TYPE_CHECKING:  # DNS is imported only by runs that verify
    from linter.verification import DomainVerifier

CHUNK_ROWS = 1000
# What the main process hands a worker: a block of JSONL lines, or a chunk of raw rows.
Batch = LineBlock | list[RawRow]
# A batch's formatted records (joined by the report's separator) and totals.
Done = tuple[bytes, Summary]
GC_THRESHOLDS = (100_000, 50, 100)
CHUNKS_IN_FLIGHT_PER_WORKER = 3


@dataclass(frozen=True, slots=True)
class RowReader:
    """How to turn a raw row into a contact: a JSON line, or CSV cells in `columns`.

    A row the input reader could not cut out arrives as the `RecordError` to report."""

    columns: Columns | None = None

    def item(self, linter: Linter, row: int, raw: object) -> AuditItem:
        try:
            record_id, contact = self.contact(raw)
        except RecordError as error:
            return AuditItem(row, error.record_id, error=str(error))
        return linted(linter, row, record_id, contact, None)

    def contact(self, raw: object) -> tuple[str | None, Contact]:
        """The record id and contact of a raw row; RecordError if it is unreadable."""
        if isinstance(raw, bytes):
            return contact_from_json_line(raw)
        if isinstance(raw, list) and self.columns is not None:
            return contact_from_csv_cells(raw, self.columns)
        if isinstance(raw, RecordError):
            raise raw
        raise RecordError(f"unreadable row ({type(raw).__name__})")


def linted(
    linter: Linter, row: int, record_id: str | None, contact: Contact, checks: MailChecks | None
) -> AuditItem:
    try:
        result = linter.lint(contact, checks)
    except FieldTooLong as error:
        return AuditItem(row, record_id, contact, error=str(error))
    return new_tuple(AuditItem, (row, record_id, contact, result, None))


@dataclass(frozen=True, slots=True)
class Job:
    """What a worker needs: the linter, the report, how to read rows."""

    linter: Linter
    report: Report
    reader: RowReader

    def run(self, batch: Batch, known: KnownChecks | None = None) -> Done:
        """Lint and format `batch`; with `known`, DNS verifies its contacts' domains."""
        summary = Summary()
        out: list[bytes] = []
        record, add = self.report.record, summary.add
        items = self._items(batch) if known is None else self._verified_items(batch, known)
        for item in items:
            add(item)
            text = record(item)
            if text:
                out.append(text)
        return self.report.separator.join(out), summary

    def _items(self, batch: Batch) -> Iterator[AuditItem]:
        item_of, linter = self.reader.item, self.linter
        for row, raw in rows_of(batch):
            yield item_of(linter, row, raw)

    def _verified_items(self, batch: Batch, known: KnownChecks) -> list[AuditItem]:
        """The batch's items, its contacts linted with what DNS said of their domains.
        The domains not known yet are asked about at once, and the contacts that need
        none of them are linted while the answers come."""
        linter, contact_of = self.linter, self.reader.contact
        checks, until = known.checks, known.until
        now = known.start_batch()
        items: list[AuditItem] = []
        # The rows read as contacts: their place in `items`, and whether they wait.
        contacts: list[tuple[int, int, str | None, Contact, bool]] = []
        unknown: dict[str, None] = {}
        for row, raw in rows_of(batch):
            try:
                record_id, contact = contact_of(raw)
            except RecordError as error:
                items.append(AuditItem(row, error.record_id, error=str(error)))
                continue
            waits = False
            for domain in linter.domains_to_verify(contact):
                if until.get(domain, 0.0) <= now:
                    unknown[domain] = None
                    waits = True
            contacts.append((len(items), row, record_id, contact, waits))
            items.append(_NOT_YET)
        if unknown:
            known.ask(list(unknown))
        for index, row, record_id, contact, waits in contacts:
            if not waits:
                items[index] = linted(linter, row, record_id, contact, checks)
        if unknown:
            known.take_answers()
            for index, row, record_id, contact, waits in contacts:
                if waits:
                    items[index] = linted(linter, row, record_id, contact, checks)
        return items


# A place kept in a batch's items for a contact not linted yet.
_NOT_YET = AuditItem(0, None)


# An e-mail address's plain domain in a JSONL line, picked out without parsing the line.
_EMAIL_DOMAIN = re.compile(rb'"email"\s*:\s*"[^"\\@]*@([A-Za-z0-9.-]+)"')


def likely_domains(batch: Batch, columns: Columns | None, seen: set[str]) -> list[str]:
    """The plain ASCII domains of a batch's e-mail addresses not in `seen` (which gets
    them), found without reading its records: what its contacts will mostly ask DNS
    about. A guess, to look ahead with; what a worker asks about is the linter's say."""
    if isinstance(batch, LineBlock):
        found = {raw.decode("ascii").lower() for raw in _EMAIL_DOMAIN.findall(batch.data)}
    elif columns is not None:
        column = columns.email
        found = {
            cells[column].rpartition("@")[2].lower()
            for _, cells in batch
            if isinstance(cells, list) and len(cells) > column and "@" in cells[column]
        }
    else:
        return []
    found -= seen
    seen |= found
    return [plain for domain in found if (plain := plain_domain(domain)) is not None]


def rows_of(batch: Batch) -> Iterable[RawRow]:
    """The raw rows of a batch: a block's lines cut apart, or the chunk itself."""
    return batch.rows() if isinstance(batch, LineBlock) else batch


# The job of a worker process, and the run's DNS checks when on, inherited from the
# parent when the pool forks.
_JOB: Job | None = None
_CHECKS: CheckService | None = None


def _run_in_worker(batch: Batch) -> Done:
    assert _JOB is not None, "worker started without a job"
    return _JOB.run(batch, None if _CHECKS is None else _CHECKS.known_in_worker())


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
    batches = iter(batches)
    first = next(batches, None)
    if first is not None:
        second = next(batches, None)
        if jobs <= 1 or second is None:
            known = None if verifier is None else KnownChecks(DirectAnswers(verifier))
            for batch in _prepend(first, second, batches):
                _collect(job.run(batch, known), writer, summary, progress)
        else:
            batches = _prepend(first, second, batches)
            _run_parallel(job, batches, writer, summary, progress, jobs, verifier)
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


def _prepend(first: Batch, second: Batch | None, rest: Iterator[Batch]) -> Iterator[Batch]:
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
    batches: Iterator[Batch],
    writer: OrderedWriter,
    summary: Summary,
    progress: Progress,
    jobs: int,
    verifier: DomainVerifier | None,
) -> None:
    global _JOB, _CHECKS
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    # Inherited by the forked workers; nothing large is pickled per task.
    _JOB = job
    _CHECKS = None if verifier is None else CheckService(verifier, jobs, context)
    pending: deque[Future[Done]] = deque()
    limit = jobs * CHUNKS_IN_FLIGHT_PER_WORKER
    seen: set[str] = set()
    try:
        checks = _CHECKS or nullcontext()
        with checks, ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for batch in batches:
                if _CHECKS is not None:
                    _CHECKS.look_ahead(likely_domains(batch, job.reader.columns, seen))
                pending.append(pool.submit(_run_in_worker, batch))
                if len(pending) >= limit:
                    _collect(pending.popleft().result(), writer, summary, progress)
            while pending:
                _collect(pending.popleft().result(), writer, summary, progress)
    finally:
        _JOB = _CHECKS = None
