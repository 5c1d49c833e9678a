"""`csv`: one row per finding, for a spreadsheet or a database import.

A record without findings still gets one row, with the rule columns empty, so every
input record can be found in the output; an unreadable record gets a row with `error`.
Suggestions are joined with `;`.

The output is meant to be opened in spreadsheets, and every value in it may come from the
input. A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return would be
read as a formula, so it gets a leading `'` (OWASP's advice against CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from linter.formats import AuditItem, Summary
from linter.model import Finding

COLUMNS = (
    "id",
    "row",
    "verdict",
    "rule",
    "field",
    "severity",
    "message",
    "span_start",
    "span_end",
    "suggestions",
    "error",
)

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | None
# The rule, field, severity, message and span columns of a row without a finding.
_NO_FINDING: tuple[Cell, ...] = ("", "", "", "", None, None)


def inert(text: str | None) -> str:
    """`text` as a cell no spreadsheet evaluates: `=1+1` becomes `'=1+1`."""
    if text is None:
        return ""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _finding_cells(finding: Finding) -> tuple[Cell, ...]:
    start, end = finding.span if finding.span is not None else (None, None)
    message = inert(finding.message)
    return (inert(finding.rule), finding.field.value, finding.severity.value, message, start, end)


def _rows(item: AuditItem) -> list[Sequence[Cell]]:
    """The rows for one record: one per finding, or one with the finding columns empty."""
    record_id = inert(item.record_id)
    if item.result is None:
        return [(record_id, item.row, "", *_NO_FINDING, "", inert(item.error))]
    verdict = item.result.verdict.value
    suggestions = inert(";".join(suggestion.email for suggestion in item.result.suggestions))
    findings = [_finding_cells(finding) for finding in item.result.findings] or [_NO_FINDING]
    return [(record_id, item.row, verdict, *cells, suggestions, "") for cells in findings]


def _encoded(rows: Iterable[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    # Input read with surrogate escapes could hold lone surrogates; keep them visible.
    return buffer.getvalue().encode("utf-8", "backslashreplace")


class CsvReport:
    separator = b""

    def header(self) -> bytes:
        return _encoded([COLUMNS])

    def record(self, item: AuditItem) -> bytes:
        return _encoded(_rows(item))

    def footer(self, summary: Summary) -> bytes:
        return b""
