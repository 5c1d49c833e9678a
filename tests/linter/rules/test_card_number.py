"""C001 card-number: a payment card number in any field.

A card number is 13 to 19 digits, optionally grouped by single spaces or hyphens,
with a card scheme's prefix, passing the Luhn check. Postal codes, phone numbers and
Luhn-invalid numbers are not card numbers."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import Contact, Field, Linter, Severity
from linter.model import Span
from linter.rules.card_number import may_hold_card_number

CODE = "C001"
# The `located` fixture (conftest.py): (field, span, text covered) of each finding.
Locate = Callable[[str, Contact], list[tuple[Field, Span | None, str | None]]]


@pytest.mark.parametrize(
    ("contact", "field", "span", "covered"),
    [
        pytest.param(
            Contact("ekonomi@kvarnbo.se", name="Anna 4111 1111 1111 1111"),
            Field.NAME,
            (5, 24),
            "4111 1111 1111 1111",
            id="visa-grouped-by-spaces-in-name",
        ),
        pytest.param(
            Contact("ekonomi@kvarnbo.se", name="4111-1111-1111-1111"),
            Field.NAME,
            (0, 19),
            "4111-1111-1111-1111",
            id="visa-grouped-by-hyphens",
        ),
        pytest.param(
            Contact("ekonomi@kvarnbo.se", name="4111111111111111"),
            Field.NAME,
            (0, 16),
            "4111111111111111",
            id="visa-ungrouped",
        ),
        pytest.param(
            Contact("ekonomi@kvarnbo.se", name="5500 0000 0000 0004"),
            Field.NAME,
            (0, 19),
            "5500 0000 0000 0004",
            id="mastercard",
        ),
        pytest.param(
            Contact("ekonomi@kvarnbo.se", name="2223003122003222"),
            Field.NAME,
            (0, 16),
            "2223003122003222",
            id="mastercard-2-series",
        ),
        pytest.param(
            Contact("ekonomi@kvarnbo.se", name="378282246310005"),
            Field.NAME,
            (0, 15),
            "378282246310005",
            id="amex-15-digits",
        ),
        pytest.param(
            Contact("ekonomi@kvarnbo.se", name="6011111111111117"),
            Field.NAME,
            (0, 16),
            "6011111111111117",
            id="discover",
        ),
        pytest.param(
            Contact("ekonomi@kvarnbo.se", name="4222222222222"),
            Field.NAME,
            (0, 13),
            "4222222222222",
            id="visa-13-digits",
        ),
        pytest.param(
            Contact("ekonomi@kvarnbo.se", name="4000000000000000006"),
            Field.NAME,
            (0, 19),
            "4000000000000000006",
            id="visa-19-digits",
        ),
        pytest.param(
            Contact("ekonomi@kvarnbo.se", name="card:4111111111111111."),
            Field.NAME,
            (5, 21),
            "4111111111111111",
            id="between-punctuation",
        ),
        pytest.param(
            Contact("ekonomi@kvarnbo.se", address="Kort 4111 1111 1111 1111, Storgatan 1"),
            Field.ADDRESS,
            (5, 24),
            "4111 1111 1111 1111",
            id="in-address",
        ),
        pytest.param(
            Contact("ekonomi@kvarnbo.se", name="４１１１ １１１１ １１１１ １１１１"),
            Field.NAME,
            (0, 19),
            "４１１１ １１１１ １１１１ １１１１",
            id="full-width-digits",
        ),
        pytest.param(
            Contact("ekonomi@kvarnbo.se", name="kort ٤١١١١١١١١١١١١١١١"),
            Field.NAME,
            (5, 21),
            "٤١١١١١١١١١١١١١١١",
            id="arabic-indic-digits",
        ),
        pytest.param(
            Contact("4111111111111111@kvarnbo.se"),
            Field.EMAIL,
            (0, 16),
            "4111111111111111",
            id="in-email",
        ),
    ],
)
def test_card_number_is_flagged(
    located: Locate, contact: Contact, field: Field, span: Span, covered: str
) -> None:
    assert located(CODE, contact) == [(field, span, covered)]


@pytest.mark.parametrize(
    "contact",
    [
        pytest.param(Contact("x@kvarnbo.se", name="4111111111111112"), id="luhn-invalid"),
        pytest.param(
            Contact("x@kvarnbo.se", name="4111 1111 1111 1112"), id="luhn-invalid-grouped"
        ),
        pytest.param(
            Contact("x@kvarnbo.se", name="1234567812345670"), id="luhn-valid-no-card-prefix"
        ),
        pytest.param(Contact("x@kvarnbo.se", name="0000000000000000"), id="all-zeros"),
        pytest.param(
            Contact("x@kvarnbo.se", name="４１１１１１１１１１１１１１１２"),
            id="full-width-luhn-invalid",
        ),
        pytest.param(Contact("x@kvarnbo.se", name="411111111117"), id="twelve-digits-luhn-valid"),
        pytest.param(
            Contact("x@kvarnbo.se", name="41111111111111111115"), id="twenty-digits-luhn-valid"
        ),
        pytest.param(
            Contact("x@kvarnbo.se", address="Storgatan 1, 111 22 Stockholm"),
            id="swedish-postal-code",
        ),
        pytest.param(
            Contact("x@kvarnbo.se", address="SE-111 22 Stockholm"), id="postal-code-with-country"
        ),
        pytest.param(Contact("x@kvarnbo.se", name="+46 70 123 45 67"), id="phone-number"),
        pytest.param(
            Contact("x@kvarnbo.se", name="Anna Svensson 19850101-1234"),
            id="swedish-personal-number",
        ),
        pytest.param(
            Contact("x@kvarnbo.se", address="4111  1111  1111  1111"),
            id="groups-split-by-two-spaces",
        ),
        pytest.param(
            Contact("x@kvarnbo.se", address="OCR 4111 1111 1111 1111 2222 3333"),
            id="longer-grouped-reference",
        ),
    ],
)
def test_other_digits_are_not_flagged(located: Locate, contact: Contact) -> None:
    assert located(CODE, contact) == []


def test_card_number_is_an_error(linter: Linter) -> None:
    (finding,) = linter.lint(Contact("ekonomi@kvarnbo.se", name="4111111111111111")).findings

    assert (finding.rule, finding.severity) == (CODE, Severity.ERROR)


@given(st.text(alphabet=st.sampled_from("0123456789 -aä²\n٤４"), max_size=40))
@settings(max_examples=500, deadline=None)
def test_the_digit_count_turns_away_only_text_without_a_card_like_run(text: str) -> None:
    expected = re.search(r"\d(?:[ -]?\d){12}", text) is not None
    assert may_hold_card_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("4111 1111 1111 1", True, id="thirteen-grouped"),
        pytest.param("4111 1111 1111", False, id="twelve"),
        pytest.param("Storgatan 12, 111 22 Stockholm, 08 123 456", False, id="address"),
        pytest.param("411111111111١", True, id="arabic-indic-thirteenth"),
        pytest.param("Sveavägen 4111 1111 1111 1", True, id="latin-1-text"),
        pytest.param("Sveavägen 12, 111 22 Malmö, ²³¹", False, id="latin-1-superscripts"),
    ],
)
def test_may_hold_card_number(text: str, expected: bool) -> None:
    assert may_hold_card_number(text) is expected
