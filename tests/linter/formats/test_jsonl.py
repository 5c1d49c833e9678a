"""The JSON Lines and JSON reports: the objects of the output contract in DESIGN.md."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pytest

from linter.formats import AuditItem, Report, Summary
from linter.formats.json import JsonReport
from linter.formats.jsonl import JsonLinesReport
from linter.model import Contact, Field, Finding, LintResult, Severity, Suggestion, Verdict

ANNA = Contact(email="anna.svensson@acme.se", name="Anna Svensson")
ASA = Contact(email="åsa.ström@kvarnbo.se", name="Åsa Ström")

ANNA_RESULT = LintResult(
    Verdict.PERSONAL,
    (
        Finding("CL101", Field.EMAIL, Severity.WARNING, "the local part names a person", (0, 13)),
        Finding("CL201", Field.NAME, Severity.INFO, "the contact is a person"),
    ),
    (
        Suggestion("finance@acme.se", "billing", verified=True),
        Suggestion("ekonomi@acme.se", "billing, in Swedish"),
    ),
)
ASA_RESULT = LintResult(
    Verdict.PERSONAL,
    (Finding("CL101", Field.EMAIL, Severity.WARNING, "the local part names a person", (0, 9)),),
    (Suggestion("ekonomi@kvarnbo.se", "billing, in Swedish", verified=False),),
)

ITEMS = [
    AuditItem(row=2, record_id="42", contact=ANNA, result=ANNA_RESULT),
    AuditItem(row=3, record_id="43", contact=ASA, result=ASA_RESULT),
    AuditItem(
        row=4, record_id="44", contact=Contact("ops@acme.se"), result=LintResult(Verdict.ROLE)
    ),
    AuditItem(row=5, record_id=None, error="expected a JSON object"),
]

ANNA_OBJECT = {
    "id": "42",
    "verdict": "personal",
    "findings": [
        {
            "rule": "CL101",
            "field": "email",
            "severity": "warning",
            "message": "the local part names a person",
            "span": [0, 13],
        },
        {
            "rule": "CL201",
            "field": "name",
            "severity": "info",
            "message": "the contact is a person",
            "span": None,
        },
    ],
    "suggestions": [
        {"email": "finance@acme.se", "reason": "billing", "verified": True},
        {"email": "ekonomi@acme.se", "reason": "billing, in Swedish", "verified": None},
    ],
}


def render(report: Report, items: Iterable[AuditItem]) -> bytes:
    summary = Summary()
    chunks = []
    for item in items:
        summary.add(item)
        chunks.append(report.record(item))
    return report.header() + report.separator.join(chunks) + report.footer(summary)


def jsonl_objects(items: Iterable[AuditItem]) -> list[Any]:
    lines = render(JsonLinesReport(), items).decode().splitlines()
    return [json.loads(line) for line in lines]


def test_jsonl_record_is_the_contract_object() -> None:
    (anna,) = jsonl_objects(ITEMS[:1])

    assert anna == ANNA_OBJECT
    assert list(anna) == ["id", "verdict", "findings", "suggestions"]


def test_jsonl_writes_one_line_per_record_in_input_order() -> None:
    output = render(JsonLinesReport(), ITEMS)

    assert output.endswith(b"\n")
    assert [obj.get("id") for obj in jsonl_objects(ITEMS)] == ["42", "43", "44", None]


def test_span_counts_code_points_not_bytes() -> None:
    (asa,) = jsonl_objects(ITEMS[1:2])

    email = ASA.email
    start, end = asa["findings"][0]["span"]
    assert email[start:end] == "åsa.ström"
    assert len(email[start:end].encode()) == 11


@pytest.mark.parametrize(
    ("verified", "expected"),
    [
        pytest.param(True, True, id="confirmed"),
        pytest.param(False, False, id="refuted"),
        pytest.param(None, None, id="not-checked"),
    ],
)
def test_suggestion_verified_is_true_false_or_null(verified: bool | None, expected: Any) -> None:
    result = LintResult(Verdict.PERSONAL, (), (Suggestion("ops@acme.se", "technical", verified),))

    (obj,) = jsonl_objects([AuditItem(row=2, record_id="1", contact=ANNA, result=result)])

    assert obj["suggestions"] == [
        {"email": "ops@acme.se", "reason": "technical", "verified": expected}
    ]


def test_clean_record_has_empty_findings_and_suggestions() -> None:
    (obj,) = jsonl_objects(ITEMS[2:3])

    assert obj == {"id": "44", "verdict": "role", "findings": [], "suggestions": []}


def test_unreadable_record_has_error_and_row() -> None:
    (obj,) = jsonl_objects(ITEMS[3:])

    assert obj == {"id": None, "row": 5, "error": "expected a JSON object"}


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("ольга.иванова@завод.рф", id="cyrillic"),
        pytest.param("山田太郎", id="cjk"),
        pytest.param('Svensson, "Anna"\n\x1b[31m', id="quotes-newline-escape"),
    ],
)
def test_jsonl_keeps_any_text_on_one_line(value: str) -> None:
    result = LintResult(Verdict.UNKNOWN, (Finding("CL9", Field.NAME, Severity.INFO, value),))
    item = AuditItem(row=2, record_id=value, contact=ANNA, result=result)

    output = render(JsonLinesReport(), [item])

    assert output.count(b"\n") == 1
    (obj,) = jsonl_objects([item])
    assert (obj["id"], obj["findings"][0]["message"]) == (value, value)


@pytest.mark.parametrize(
    "count",
    [pytest.param(0, id="no-records"), pytest.param(1, id="one"), pytest.param(4, id="many")],
)
def test_json_report_is_one_array_of_the_same_objects(count: int) -> None:
    items = ITEMS[:count]

    array = json.loads(render(JsonReport(), items))

    assert array == jsonl_objects(items)


def test_json_report_is_indented_for_people() -> None:
    output = render(JsonReport(), ITEMS[:1]).decode()

    assert output.startswith('[\n{\n  "id": "42",\n  "verdict": "personal",')
    assert output.endswith("}\n]\n")
