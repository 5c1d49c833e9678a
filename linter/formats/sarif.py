"""`sarif`: a SARIF 2.1.0 log, for code-scanning dashboards and other SARIF viewers.

The log has one run. Each finding is a result whose logical location names the record
and the field (`record[42].email`); when the input's URI is known, a physical location
points at the record's row in that file as `region.startLine`. The finding's span counts
code points in the field value, not in the input file, so it is the result property
`span` and not a region (a region's `charOffset` counts from the start of the file).
Suggestions, the verdict, the record id and the row are result properties as well. An
unreadable record is an error result of the rule `unreadable-record`. The run's
properties close the log with the totals.

Streaming: the header opens the `results` array and the footer closes it. A record
without findings formats to nothing, and the results of two records are joined by
`separator`, which the writer puts only between two records that formatted to something;
written between every two records, the commas around clean records would not be JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import orjson

from linter.formats import AuditItem, Summary
from linter.model import Finding, LintResult, Severity, Verdict

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "contactlint"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class RuleInfo(Protocol):
    """What the log says about a rule: its stable code, its name and a one-line summary."""

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def summary(self) -> str: ...


@dataclass(frozen=True, slots=True)
class ReportRule:
    code: str
    name: str
    summary: str


# Not a lint rule: the report's own rule for the results that say a record was unreadable.
UNREADABLE_RECORD = ReportRule(
    "unreadable-record",
    "UnreadableRecord",
    "A record in the input could not be read, so it was not linted.",
)


def rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    """The SARIF `reportingDescriptor` for a rule."""
    return {"id": rule.code, "name": rule.name, "shortDescription": {"text": rule.summary}}


def summary_properties(summary: Summary) -> dict[str, Any]:
    """The totals of a run, as the property bag that closes the log."""
    ranked = sorted(summary.rules.items(), key=lambda rule: (-rule[1], rule[0]))
    return {
        "records": summary.records,
        "unreadable": summary.errors,
        "verdicts": {verdict.value: summary.verdicts[verdict.value] for verdict in Verdict},
        "findings": dict(ranked),
    }


class SarifReport:
    """A SARIF log with `rules` as the driver's rules; `input_uri` is the input file's URI
    reference (a relative path such as `contacts.csv` will do), None for standard input."""

    separator = b",\n"

    def __init__(
        self,
        rules: Sequence[RuleInfo] | None = None,
        input_uri: str | None = None,
        information_uri: str | None = None,
    ) -> None:
        self._rules = [rule_descriptor(rule) for rule in (*(rules or ()), UNREADABLE_RECORD)]
        self._rule_index = {rule["id"]: index for index, rule in enumerate(self._rules)}
        self._input_uri = input_uri
        self._information_uri = information_uri

    def header(self) -> bytes:
        driver: dict[str, Any] = {"name": TOOL_NAME}
        if self._information_uri is not None:
            driver["informationUri"] = self._information_uri
        driver["rules"] = self._rules
        return (
            b'{"version":'
            + orjson.dumps(SARIF_VERSION)
            + b',"$schema":'
            + orjson.dumps(SARIF_SCHEMA)
            + b',"runs":[{"tool":'
            + orjson.dumps({"driver": driver})
            + b',"results":[\n'
        )

    def record(self, item: AuditItem) -> bytes:
        if item.result is None:
            results = [self._error_result(item)]
        else:
            results = [self._finding_result(item, item.result, f) for f in item.result.findings]
        return self.separator.join(orjson.dumps(result) for result in results)

    def footer(self, summary: Summary) -> bytes:
        properties = {"summary": summary_properties(summary)}
        return b'\n],"properties":' + orjson.dumps(properties) + b"}]}\n"

    def _finding_result(
        self, item: AuditItem, result: LintResult, finding: Finding
    ) -> dict[str, Any]:
        return self._result(
            item,
            rule=finding.rule,
            level=_LEVELS[finding.severity],
            message=finding.message,
            field=finding.field.value,
            properties={
                "verdict": result.verdict.value,
                "span": list(finding.span) if finding.span is not None else None,
                "suggestions": [suggestion.to_dict() for suggestion in result.suggestions],
            },
        )

    def _error_result(self, item: AuditItem) -> dict[str, Any]:
        return self._result(
            item,
            rule=UNREADABLE_RECORD.code,
            level="error",
            message=item.error or "unreadable record",
            field=None,
            properties={},
        )

    def _result(
        self,
        item: AuditItem,
        *,
        rule: str,
        level: str,
        message: str,
        field: str | None,
        properties: dict[str, Any],
    ) -> dict[str, Any]:
        result: dict[str, Any] = {"ruleId": rule}
        if rule in self._rule_index:
            result["ruleIndex"] = self._rule_index[rule]
        result["level"] = level
        result["message"] = {"text": message}
        result["locations"] = [self._location(item, field)]
        result["properties"] = {"record": item.record_id, "row": item.row, **properties}
        return result

    def _location(self, item: AuditItem, field: str | None) -> dict[str, Any]:
        record = f"record[{item.record_id}]" if item.record_id is not None else f"row[{item.row}]"
        if field is None:
            logical = {"name": record, "fullyQualifiedName": record, "kind": "object"}
        else:
            logical = {"name": field, "fullyQualifiedName": f"{record}.{field}", "kind": "member"}
        location: dict[str, Any] = {}
        if self._input_uri is not None:
            physical: dict[str, Any] = {"artifactLocation": {"uri": self._input_uri}}
            if item.row >= 1:
                physical["region"] = {"startLine": item.row}
            location["physicalLocation"] = physical
        location["logicalLocations"] = [logical]
        return location
