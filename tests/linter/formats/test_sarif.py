"""The SARIF report: a valid SARIF 2.1.0 log for any number of records, clean or not."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.formats import AuditItem, Report, Summary
from linter.formats.sarif import SARIF_SCHEMA, SarifReport
from linter.model import Contact, Field, Finding, LintResult, Severity, Suggestion, Verdict


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    doc: str = ""


RULES = [
    Rule("CL101", "personal-local-part", "The local part names a person."),
    Rule("CL201", "personal-contact-name", "The contact name is a person's name."),
]

ASA = Contact(email="åsa.ström@kvarnbo.se", name="Åsa Ström")


def render(report: Report, items: Iterable[AuditItem]) -> bytes:
    """What the writer does: records in order, `separator` between two non-empty ones."""
    summary = Summary()
    chunks = []
    for item in items:
        summary.add(item)
        chunk = report.record(item)
        if chunk:
            chunks.append(chunk)
    return report.header() + report.separator.join(chunks) + report.footer(summary)


def log(items: Iterable[AuditItem], report: SarifReport | None = None) -> Any:
    return json.loads(render(report or SarifReport(RULES), items))


def personal(record_id: str, row: int, *findings: Finding) -> AuditItem:
    result = LintResult(Verdict.PERSONAL, findings, (Suggestion("ekonomi@kvarnbo.se", "billing"),))
    return AuditItem(row=row, record_id=record_id, contact=ASA, result=result)


def clean(record_id: str, row: int) -> AuditItem:
    contact = Contact(email="ekonomi@kvarnbo.se")
    return AuditItem(row=row, record_id=record_id, contact=contact, result=LintResult(Verdict.ROLE))


LOCAL_PART = Finding(
    "CL101", Field.EMAIL, Severity.WARNING, "the local part names a person", (0, 9)
)
NAME = Finding("CL201", Field.NAME, Severity.INFO, "the contact is a person")
UNREADABLE = AuditItem(row=5, record_id=None, error="expected a JSON object")


@pytest.mark.parametrize(
    ("items", "results"),
    [
        pytest.param([], 0, id="no-records"),
        pytest.param([clean("1", 2)], 0, id="one-clean"),
        pytest.param([personal("1", 2, LOCAL_PART)], 1, id="one-finding"),
        pytest.param([personal("1", 2, LOCAL_PART, NAME)], 2, id="one-record-two-findings"),
        pytest.param(
            [clean("1", 2), personal("2", 3, LOCAL_PART), clean("3", 4), UNREADABLE, clean("6", 6)],
            2,
            id="clean-around-findings",
        ),
        pytest.param(
            [personal(str(n), n + 1, LOCAL_PART, NAME) for n in range(50)], 100, id="many"
        ),
    ],
)
def test_log_is_valid_sarif_for_any_number_of_records(items: list[AuditItem], results: int) -> None:
    sarif = log(items)

    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"] == SARIF_SCHEMA
    (run,) = sarif["runs"]
    assert run["tool"]["driver"]["name"] == "contactlint"
    assert len(run["results"]) == results
    for result in run["results"]:
        assert {"ruleId", "level", "message", "locations"} <= result.keys()
        assert result["level"] in ("error", "warning", "note")
        assert isinstance(result["message"]["text"], str)


def test_clean_record_formats_to_nothing() -> None:
    assert SarifReport().record(clean("1", 2)) == b""


def test_driver_lists_the_rules_and_result_indexes_point_at_them() -> None:
    sarif = log([personal("42", 2, LOCAL_PART, NAME), UNREADABLE])

    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert rules[:2] == [
        {
            "id": "CL101",
            "name": "personal-local-part",
            "shortDescription": {"text": "The local part names a person."},
        },
        {
            "id": "CL201",
            "name": "personal-contact-name",
            "shortDescription": {"text": "The contact name is a person's name."},
        },
    ]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_finding_result_names_record_and_field_and_keeps_the_span() -> None:
    sarif = log([personal("42", 2, LOCAL_PART)])

    (result,) = sarif["runs"][0]["results"]
    assert result == {
        "ruleId": "CL101",
        "ruleIndex": 0,
        "level": "warning",
        "message": {"text": "the local part names a person"},
        "locations": [
            {
                "logicalLocations": [
                    {"name": "email", "fullyQualifiedName": "record[42].email", "kind": "member"}
                ]
            }
        ],
        "properties": {
            "record": "42",
            "row": 2,
            "verdict": "personal",
            "span": [0, 9],
            "suggestions": [{"email": "ekonomi@kvarnbo.se", "reason": "billing", "verified": None}],
        },
    }


def test_input_uri_gives_a_physical_location_at_the_row() -> None:
    report = SarifReport(RULES, input_uri="exports/contacts.jsonl")

    (result,) = log([personal("42", 7, LOCAL_PART)], report)["runs"][0]["results"]

    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "exports/contacts.jsonl"},
        "region": {"startLine": 7},
    }


def test_information_uri_is_given_to_the_driver() -> None:
    report = SarifReport(information_uri="https://example.org/contactlint")

    sarif = log([], report)

    assert sarif["runs"][0]["tool"]["driver"]["informationUri"] == "https://example.org/contactlint"


@pytest.mark.parametrize(
    ("severity", "level"),
    [
        pytest.param(Severity.ERROR, "error", id="error"),
        pytest.param(Severity.WARNING, "warning", id="warning"),
        pytest.param(Severity.INFO, "note", id="info-is-note"),
    ],
)
def test_severity_maps_to_sarif_level(severity: Severity, level: str) -> None:
    finding = Finding("CL101", Field.EMAIL, severity, "m", None)

    (result,) = log([personal("1", 2, finding)])["runs"][0]["results"]

    assert (result["level"], result["properties"]["span"]) == (level, None)


def test_unreadable_record_is_an_error_result_at_its_row() -> None:
    report = SarifReport(RULES, input_uri="contacts.csv")

    (result,) = log([UNREADABLE], report)["runs"][0]["results"]

    assert result["ruleId"] == "unreadable-record"
    assert result["level"] == "error"
    assert result["message"]["text"] == "expected a JSON object"
    location = result["locations"][0]
    assert location["physicalLocation"]["region"] == {"startLine": 5}
    assert location["logicalLocations"] == [
        {"name": "row[5]", "fullyQualifiedName": "row[5]", "kind": "object"}
    ]


def test_run_properties_hold_the_totals() -> None:
    items = [personal("1", 2, LOCAL_PART, NAME), personal("2", 3, LOCAL_PART), clean("3", 4)]

    run = log([*items, UNREADABLE])["runs"][0]

    assert run["properties"]["summary"] == {
        "records": 4,
        "unreadable": 1,
        "verdicts": {"personal": 2, "role": 1, "unknown": 0, "invalid": 0},
        "findings": {"CL101": 2, "CL201": 1},
    }


@given(
    record_id=st.text(st.characters(codec="utf-8")),
    message=st.text(st.characters(codec="utf-8"), min_size=1),
    clean_first=st.booleans(),
)
def test_any_text_gives_a_valid_log(record_id: str, message: str, clean_first: bool) -> None:
    finding = Finding(message, Field.EMAIL, Severity.WARNING, message, (0, 1))
    items = [personal(record_id, 3, finding), AuditItem(row=4, record_id=record_id, error=message)]
    if clean_first:
        items.insert(0, clean(record_id, 2))

    results = log(items)["runs"][0]["results"]

    assert [r["message"]["text"] for r in results] == [message, message]
    assert results[0]["properties"]["record"] == record_id
