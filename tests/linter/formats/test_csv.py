"""The CSV report: one row per finding, readable by the csv module, inert in spreadsheets."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.formats import AuditItem
from linter.formats.csv import COLUMNS, FORMULA_PREFIXES, CsvReport
from linter.model import Contact, Field, Finding, LintResult, Severity, Suggestion, Verdict

ANNA = Contact(email="anna.svensson@acme.se", name="Anna Svensson")
ASA = Contact(email="åsa.ström@kvarnbo.se", name="Åsa Ström")


def parsed(*items: AuditItem) -> list[dict[str, str]]:
    report = CsvReport()
    output = report.header() + b"".join(report.record(item) for item in items)
    rows = csv.DictReader(io.StringIO(output.decode(), newline=""))
    assert tuple(rows.fieldnames or ()) == COLUMNS
    return list(rows)


def test_header_names_the_columns() -> None:
    assert CsvReport().header() == (
        b"id,row,verdict,rule,field,severity,message,span_start,span_end,suggestions,error\r\n"
    )


def test_one_row_per_finding_with_suggestions_joined() -> None:
    result = LintResult(
        Verdict.PERSONAL,
        (
            Finding("CL101", Field.EMAIL, Severity.WARNING, "the local part is a name", (0, 9)),
            Finding("CL201", Field.NAME, Severity.INFO, "the contact is a person"),
        ),
        (Suggestion("ekonomi@kvarnbo.se", "billing"), Suggestion("finance@kvarnbo.se", "billing")),
    )

    rows = parsed(AuditItem(row=2, record_id="42", contact=ASA, result=result))

    assert rows == [
        {
            "id": "42",
            "row": "2",
            "verdict": "personal",
            "rule": "CL101",
            "field": "email",
            "severity": "warning",
            "message": "the local part is a name",
            "span_start": "0",
            "span_end": "9",
            "suggestions": "ekonomi@kvarnbo.se;finance@kvarnbo.se",
            "error": "",
        },
        {
            "id": "42",
            "row": "2",
            "verdict": "personal",
            "rule": "CL201",
            "field": "name",
            "severity": "info",
            "message": "the contact is a person",
            "span_start": "",
            "span_end": "",
            "suggestions": "ekonomi@kvarnbo.se;finance@kvarnbo.se",
            "error": "",
        },
    ]


def test_record_without_findings_gets_one_row_with_empty_rule_columns() -> None:
    item = AuditItem(row=3, record_id="43", contact=ANNA, result=LintResult(Verdict.ROLE))

    assert CsvReport().record(item) == b"43,3,role,,,,,,,,\r\n"


def test_unreadable_record_row_has_the_error() -> None:
    item = AuditItem(row=4, record_id=None, error='unclosed quote in "name"')

    (row,) = parsed(item)

    assert (row["id"], row["row"], row["verdict"], row["rule"]) == ("", "4", "", "")
    assert row["error"] == 'unclosed quote in "name"'


def test_records_in_input_order_parse_back() -> None:
    items = [
        AuditItem(
            row=row,
            record_id=str(row),
            contact=ANNA,
            result=LintResult(
                Verdict.PERSONAL, (Finding("CL101", Field.EMAIL, Severity.WARNING, "m"),)
            ),
        )
        for row in range(2, 12)
    ]

    assert [row["id"] for row in parsed(*items)] == [str(n) for n in range(2, 12)]


@pytest.mark.parametrize(
    "value",
    [
        pytest.param('=HYPERLINK("http://evil.example","Anna")', id="equals"),
        pytest.param("+46 8 123 45 67", id="plus"),
        pytest.param("-2+3+cmd|' /C calc'!A0", id="minus"),
        pytest.param("@SUM(A1:A2)", id="at"),
        pytest.param("\t=1+1", id="tab"),
        pytest.param("\r=1+1", id="carriage-return"),
    ],
)
def test_formula_like_text_gets_a_leading_quote(value: str) -> None:
    result = LintResult(
        Verdict.PERSONAL,
        (Finding(value, Field.NAME, Severity.WARNING, value),),
        (Suggestion(value, "reason"),),
    )
    items = [
        AuditItem(row=2, record_id=value, contact=ANNA, result=result),
        AuditItem(row=3, record_id=value, error=value),
    ]

    finding_row, error_row = parsed(*items)

    escaped = "'" + value
    assert [finding_row[c] for c in ("id", "rule", "message", "suggestions")] == [escaped] * 4
    assert [error_row[c] for c in ("id", "error")] == [escaped] * 2


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("Åsa Ström", id="nordic"),
        pytest.param("ольга.иванова@завод.рф", id="cyrillic"),
        pytest.param("山田太郎", id="cjk"),
        pytest.param('Svensson, "Anna"\nEkonomi', id="comma-quote-newline"),
        pytest.param("42", id="plain-number"),
    ],
)
def test_ordinary_text_is_kept_as_it_is(value: str) -> None:
    result = LintResult(Verdict.PERSONAL, (Finding("CL201", Field.NAME, Severity.INFO, value),))

    (row,) = parsed(AuditItem(row=2, record_id=value, contact=ANNA, result=result))

    assert (row["id"], row["message"]) == (value, value)


@given(value=st.text(st.characters(codec="utf-8")))
def test_no_cell_starts_a_formula(value: str) -> None:
    item = AuditItem(row=2, record_id=value, error=value)

    (row,) = parsed(item)

    expected = "'" + value if value.startswith(FORMULA_PREFIXES) else value
    assert (row["id"], row["error"]) == (expected, expected)
    assert not row["id"].startswith(FORMULA_PREFIXES)
