"""Report formats: one module per format, all with the same streaming shape.

A report is `header()`, then `record(item)` for every input record in input order, then
`footer(summary)`. A record may format to `b""` when there is nothing to say about it;
`separator` is written only between two records that formatted to something. Each
returns the bytes to write, so a report streams in constant memory, and `record` is a
pure function of its item so that worker processes can format records in parallel.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from linter.model import Contact, LintResult, Verdict


class AuditItem(NamedTuple):
    """One input record and what became of it: a result, or an error if it was unreadable.

    `row` is the 1-based line number (JSONL) or row number counting the header (CSV)."""

    row: int
    record_id: str | None
    contact: Contact | None = None
    result: LintResult | None = None
    error: str | None = None


@dataclass(slots=True)
class Summary:
    """Totals over a run, for the formats that close with them."""

    records: int = 0
    errors: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)

    def add(self, item: AuditItem) -> None:
        self.records += 1
        result = item.result
        if result is None:
            self.errors += 1
            return
        verdicts = self.verdicts
        verdicts[result.verdict] = verdicts.get(result.verdict, 0) + 1
        if result.findings:
            rules = self.rules
            for finding in result.findings:
                rules[finding.rule] = rules.get(finding.rule, 0) + 1

    def merge(self, other: Summary) -> None:
        self.records += other.records
        self.errors += other.errors
        self.verdicts.update(other.verdicts)
        self.rules.update(other.rules)

    @property
    def personal(self) -> int:
        return self.verdicts[Verdict.PERSONAL.value]

    @property
    def findings(self) -> int:
        return sum(self.rules.values())


class Report(Protocol):
    separator: bytes

    def header(self) -> bytes: ...

    def record(self, item: AuditItem) -> bytes: ...

    def footer(self, summary: Summary) -> bytes: ...
