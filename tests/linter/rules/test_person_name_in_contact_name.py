"""N001 person-name-in-contact-name: the contact name is a person's name.

The span covers the name itself: titles before it and companies or units beside it
stay outside."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from linter import Contact, Field
from linter.model import Span

CODE = "N001"
# The `located` fixture (conftest.py): (field, span, text covered) of each finding.
Locate = Callable[[str, Contact], list[tuple[Field, Span | None, str | None]]]


@pytest.mark.parametrize(
    ("name", "span", "covered"),
    [
        pytest.param("Anna Svensson", (0, 13), "Anna Svensson", id="first-last"),
        pytest.param("Lars-Erik Johansson", (0, 19), "Lars-Erik Johansson", id="double-first"),
        pytest.param("Sørensen, Mette", (0, 15), "Sørensen, Mette", id="last-comma-first"),
        pytest.param("Dr. Hans Weber", (4, 14), "Hans Weber", id="title-outside-span"),
        pytest.param("Jan van der Berg", (0, 16), "Jan van der Berg", id="particles"),
        pytest.param("J. Smith", (0, 8), "J. Smith", id="initial-and-surname"),
        pytest.param("O'Brien, Sean", (0, 13), "O'Brien, Sean", id="apostrophe"),
        pytest.param("ANNA SVENSSON", (0, 13), "ANNA SVENSSON", id="upper-case"),
        pytest.param("  Anna Svensson  ", (2, 15), "Anna Svensson", id="surrounding-spaces"),
        pytest.param("Anna", (0, 4), "Anna", id="first-name-alone"),
        pytest.param("Svensson Lindqvist", (0, 18), "Svensson Lindqvist", id="two-surnames"),
        pytest.param("Frau Müller", (5, 11), "Müller", id="title-and-surname"),
        pytest.param("Dr. Okonkwo", (4, 11), "Okonkwo", id="title-and-unlisted-surname"),
        pytest.param(
            "Zbigniew Brzęczyszczykiewicz",
            (0, 28),
            "Zbigniew Brzęczyszczykiewicz",
            id="unlisted-surname",
        ),
        pytest.param(
            "Kvarnbo AB, Lars Nilsson", (12, 24), "Lars Nilsson", id="company-then-person"
        ),
        pytest.param(
            "Accounts Payable (John Smith)", (18, 28), "John Smith", id="unit-then-person"
        ),
        pytest.param("Ekonomi Anna Svensson", (8, 21), "Anna Svensson", id="role-word-then-name"),
    ],
)
def test_person_name_is_flagged(located: Locate, name: str, span: Span, covered: str) -> None:
    assert located(CODE, Contact("ekonomi@kvarnbo.se", name=name)) == [(Field.NAME, span, covered)]


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("", id="no-name"),
        pytest.param("Ekonomiavdelningen", id="unit-compound"),
        pytest.param("Accounts Payable", id="english-unit"),
        pytest.param("IT-drift", id="hyphenated-role"),
        pytest.param("IT-Support", id="role-written-in-parts"),
        pytest.param("Kundtjänst", id="role-word"),
        pytest.param("Fakturamottagning", id="role-compound"),
        pytest.param("Acme AB", id="swedish-company"),
        pytest.param("Kvarnbo B.V.", id="legal-form-with-dots"),
        pytest.param("Svensson & Co", id="company-with-surname"),
        pytest.param("Müller GmbH", id="german-company-with-surname"),
        pytest.param("Svensson och Son", id="family-firm"),
        pytest.param("Svensson", id="surname-alone"),
        pytest.param("Bageriet i Tallmo", id="lower-case-words"),
        pytest.param("Anna Svensson Lindqvist Berg Holm Dahl", id="too-many-words"),
    ],
)
def test_company_or_unit_name_is_not_flagged(located: Locate, name: str) -> None:
    assert located(CODE, Contact("ekonomi@kvarnbo.se", name=name)) == []
