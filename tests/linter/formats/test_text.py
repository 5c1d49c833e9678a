"""The text report: compiler-style diagnostics, quiet for clean records, safe for terminals."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.formats import AuditItem, Summary
from linter.formats.text import MAX_LINE_WIDTH, TextReport, excerpt
from linter.model import (
    Contact,
    Field,
    Finding,
    LintResult,
    Purpose,
    Severity,
    Span,
    Suggestion,
    Verdict,
)

ASA = Contact(
    email="åsa.ström@kvarnbo.se",
    name="Åsa Ström",
    purpose=Purpose.BILLING,
    address="Åsa Ström\nKvarnvägen 3\n123 45 Kvarnbo",
)
# "yamada" in fullwidth Latin letters, two columns each.
FULLWIDTH = "\uff59\uff41\uff4d\uff41\uff44\uff41"


def lint_item(
    contact: Contact,
    *findings: Finding,
    verdict: Verdict = Verdict.PERSONAL,
    suggestions: tuple[Suggestion, ...] = (),
    record_id: str | None = "42",
    row: int = 2,
) -> AuditItem:
    result = LintResult(verdict, findings, suggestions)
    return AuditItem(row=row, record_id=record_id, contact=contact, result=result)


def email_finding(span: Span | None, severity: Severity = Severity.WARNING) -> Finding:
    return Finding("CL101", Field.EMAIL, severity, "the local part is a person's name", span)


def text(item: AuditItem, color: bool = False) -> str:
    return TextReport(color=color).record(item).decode()


def test_record_with_findings_reads_like_compiler_diagnostics() -> None:
    item = lint_item(
        ASA,
        email_finding((0, 9)),
        Finding("CL201", Field.NAME, Severity.INFO, "the contact is a person", None),
        suggestions=(
            Suggestion("ekonomi@kvarnbo.se", "billing, in Swedish", verified=True),
            Suggestion("finance@kvarnbo.se", "billing", verified=False),
            Suggestion("faktura@kvarnbo.se", "invoices, in Swedish"),
        ),
    )

    assert text(item) == (
        "id 42, row 2: personal\n"
        "  email: warning[CL101]: the local part is a person's name\n"
        "    åsa.ström@kvarnbo.se\n"
        "    ^^^^^^^^^\n"
        "  name: info[CL201]: the contact is a person\n"
        "    Åsa Ström\n"
        "    ^^^^^^^^^\n"
        "  suggestion: ekonomi@kvarnbo.se (billing, in Swedish) (verified)\n"
        "  suggestion: finance@kvarnbo.se (billing) (not verified: domain does not accept mail)\n"
        "  suggestion: faktura@kvarnbo.se (invoices, in Swedish)\n"
        "\n"
    )


def test_unreadable_record_is_one_error_line() -> None:
    item = AuditItem(row=7, record_id=None, error="expected a JSON object")

    assert text(item) == "row 7: error: expected a JSON object\n\n"


def test_record_without_findings_prints_nothing() -> None:
    item = lint_item(Contact(email="ekonomi@kvarnbo.se"), verdict=Verdict.ROLE)

    assert TextReport().record(item) == b""


def test_invalid_record_is_printed_even_without_findings() -> None:
    item = lint_item(Contact(email="anna.svensson@"), verdict=Verdict.INVALID, record_id=None)

    assert text(item) == "row 2: invalid\n\n"


def test_invalid_address_shows_its_error_finding() -> None:
    finding = Finding("CL001", Field.EMAIL, Severity.ERROR, "the domain is missing", (14, 14))
    item = lint_item(Contact(email="anna.svensson@"), finding, verdict=Verdict.INVALID)

    assert text(item) == (
        "id 42, row 2: invalid\n"
        "  email: error[CL001]: the domain is missing\n"
        "    anna.svensson@\n"
        "                  ^\n"
        "\n"
    )


@pytest.mark.parametrize(
    ("value", "span", "shown", "carets"),
    [
        pytest.param(
            "anna.svensson@acme.se", (0, 13), "anna.svensson@acme.se", "^" * 13, id="ascii"
        ),
        pytest.param(
            "åsa.ström@kvarnbo.se", (4, 9), "åsa.ström@kvarnbo.se", "    ^^^^^", id="nordic"
        ),
        pytest.param(
            "jääskeläinen@oy.fi", (0, 12), "jääskeläinen@oy.fi", "^" * 12, id="finnish-umlauts"
        ),
        pytest.param(
            "ольга.иванова@завод.рф",
            (6, 13),
            "ольга.иванова@завод.рф",
            " " * 6 + "^" * 7,
            id="cyrillic",
        ),
        pytest.param("山田太郎", (2, 4), "山田太郎", "    ^^^^", id="cjk-wide"),
        pytest.param(
            FULLWIDTH + "@example.jp", (0, 6), FULLWIDTH + "@example.jp", "^" * 12, id="fullwidth"
        ),
        pytest.param("Bjørn Ødegård", None, "Bjørn Ødegård", "^" * 13, id="whole-value"),
        pytest.param("José", (3, 5), "José", "   ^", id="combining-accent-is-zero-width"),
        pytest.param("anna@acme.se", (4, 4), "anna@acme.se", "    ^", id="empty-span-one-caret"),
        pytest.param("anna@acme.se", (4, 99), "anna@acme.se", "    " + "^" * 8, id="span-past-end"),
        pytest.param("an\x1bna@acme.se", (0, 5), "an\\x1bna@acme.se", "^" * 8, id="escape-char"),
        pytest.param(
            "anna\u202e@acme.se", (4, 5), "anna\\u202e@acme.se", "    ^^^^^^", id="bidi-override"
        ),
    ],
)
def test_carets_line_up_under_the_span(
    value: str, span: Span | None, shown: str, carets: str
) -> None:
    item = lint_item(Contact(email=value), email_finding(span))

    lines = text(item).splitlines()

    assert lines[2:4] == ["    " + shown, "    " + carets]


def test_empty_value_shows_no_excerpt() -> None:
    finding = Finding("CL301", Field.NAME, Severity.INFO, "no contact name", None)
    item = lint_item(Contact(email="ops@acme.se"), finding, verdict=Verdict.ROLE)

    assert text(item) == "id 42, row 2: role\n  name: info[CL301]: no contact name\n\n"


@pytest.mark.parametrize(
    ("address", "span", "shown", "carets"),
    [
        pytest.param(
            "Kvarnvägen 3\n123 45 Kvarnbo", (13, 19), "123 45 Kvarnbo", "^^^^^^", id="second-line"
        ),
        pytest.param("Storgata 12\r\n0155 Oslo", (18, 22), "0155 Oslo", "     ^^^^", id="crlf"),
        pytest.param(
            "Storgata 12\n0155 Oslo", (0, 20), "Storgata 12", "^" * 11, id="span-over-newline"
        ),
        pytest.param("Storgata 12\n0155 Oslo", None, "Storgata 12", "^" * 11, id="whole-address"),
    ],
)
def test_postal_address_shows_the_line_holding_the_span(
    address: str, span: Span | None, shown: str, carets: str
) -> None:
    finding = Finding("CL401", Field.ADDRESS, Severity.INFO, "a person in the address", span)
    item = lint_item(Contact(email="ekonomi@kvarnbo.se", address=address), finding)

    lines = text(item).splitlines()

    assert lines[2:4] == ["    " + shown, "    " + carets]


def test_long_value_is_cut_to_a_window_around_the_span() -> None:
    value = "x" * 300 + "anna.svensson" + "y" * 300 + "@acme.se"
    item = lint_item(Contact(email=value), email_finding((300, 313)))

    shown, carets = text(item).splitlines()[2:4]

    assert shown.startswith("    …x") and shown.endswith("y…")
    assert len(shown) - 4 <= MAX_LINE_WIDTH
    assert shown[carets.index("^") :].startswith("anna.svensson")
    assert carets.strip() == "^" * 13


def test_long_value_near_its_end_fills_the_window_from_the_left() -> None:
    value = "x" * 300 + "@acme.se"
    item = lint_item(Contact(email=value), email_finding((301, 308)))

    shown, carets = text(item).splitlines()[2:4]

    assert shown == "    …" + "x" * 110 + "@acme.se"
    assert carets == "    " + " " * 112 + "^" * 7


def test_hostile_values_cannot_reach_the_terminal() -> None:
    item = lint_item(
        Contact(email="anna\x1b]0;pwned\x07@acme.se"),
        Finding("CL\x1b[2J", Field.EMAIL, Severity.WARNING, "odd\r\x1b[1Aline", None),
        suggestions=(Suggestion("ops@acme.se\x9b2J", "reason\x1b[0m"),),
        record_id="42\x1b[31m",
    )

    output = text(item)

    assert "\x1b" not in output and "\x07" not in output and "\x9b" not in output
    assert "\r" not in output
    assert "anna\\x1b]0;pwned\\x07@acme.se" in output


def test_color_marks_severity_and_default_has_none() -> None:
    item = lint_item(ASA, email_finding((0, 9), Severity.ERROR))

    assert "\x1b" not in text(item)
    assert "\x1b[1;31merror[CL101]\x1b[0m" in text(item, color=True)


@pytest.mark.parametrize(
    ("severity", "code"),
    [
        pytest.param(Severity.ERROR, "\x1b[1;31m", id="error-red"),
        pytest.param(Severity.WARNING, "\x1b[1;33m", id="warning-yellow"),
        pytest.param(Severity.INFO, "\x1b[1;36m", id="info-cyan"),
    ],
)
def test_color_carets_take_the_severity_colour(severity: Severity, code: str) -> None:
    item = lint_item(ASA, email_finding((0, 3), severity))

    assert text(item, color=True).splitlines()[3] == f"    {code}^^^\x1b[0m"


def test_footer_totals_the_run() -> None:
    summary = Summary(
        records=6,
        errors=1,
        verdicts=Counter({"personal": 3, "role": 1, "invalid": 1}),
        rules=Counter({"CL201": 1, "CL101": 3, "CL001": 1}),
    )

    assert TextReport().footer(summary).decode() == (
        "records read     6\n"
        "unreadable rows  1\n"
        "verdicts         3 personal, 1 role, 0 unknown, 1 invalid\n"
        "findings         CL101 3, CL001 1, CL201 1\n"
        "3 of 5 addresses identify a person; each could be a role address.\n"
    )


@pytest.mark.parametrize(
    ("records", "personal", "conclusion"),
    [
        pytest.param(0, 0, "0 of 0 addresses identify a person.", id="empty-input"),
        pytest.param(
            1, 1, "1 of 1 address identifies a person; it could be a role address.", id="one"
        ),
        pytest.param(4, 0, "0 of 4 addresses identify a person.", id="all-clean"),
    ],
)
def test_footer_conclusion_counts_people(records: int, personal: int, conclusion: str) -> None:
    summary = Summary(records=records, verdicts=Counter({"personal": personal}))

    assert TextReport().footer(summary).decode().splitlines()[-1] == conclusion


def test_footer_with_color_is_bold_at_the_end() -> None:
    footer = TextReport(color=True).footer(Summary()).decode()

    assert footer.endswith("\x1b[1m0 of 0 addresses identify a person.\x1b[0m\n")


def display_width(line: str) -> int:
    wide = ("W", "F")
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in wide else 1
        for c in line
    )


values = st.text(st.characters(codec="utf-8"), max_size=300)


@given(value=values, start=st.integers(0, 320), length=st.integers(0, 40))
def test_output_is_printable_whatever_the_value(value: str, start: int, length: int) -> None:
    finding = Finding("CL101", Field.ADDRESS, Severity.WARNING, value, (start, start + length))
    item = lint_item(Contact(email=value, address=value), finding, record_id=value)

    output = text(item)

    assert all(c == "\n" or c.isprintable() or unicodedata.category(c) == "Zs" for c in output)
    assert all(display_width(line) <= MAX_LINE_WIDTH + 4 for line in output.splitlines()[2:4])


@given(
    value=st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=100)
)
def test_carets_start_at_the_span_start_in_short_ascii_values(value: str) -> None:
    start = len(value) // 2
    shown = excerpt(value, (start, len(value)))

    assert shown == (value, start, max(len(value) - start, 1))
