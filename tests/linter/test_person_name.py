"""Does a piece of free text name a person? `PersonNameFinder`, used by N001 and A001."""

from __future__ import annotations

import pytest

from linter import Linter
from linter.person_name import PersonName, PersonNameFinder, words_of


@pytest.fixture(scope="module")
def finder(linter: Linter) -> PersonNameFinder:
    return linter.finder.person_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Anna Svensson", PersonName((0, 13), "a first name"), id="first-last"),
        pytest.param("Sørensen, Mette", PersonName((0, 15), "a first name"), id="last-first"),
        pytest.param("Dr. Hans Weber", PersonName((4, 14), "a first name"), id="title-first"),
        pytest.param("Dr. Okonkwo", PersonName((4, 11), "a title"), id="title-unknown"),
        pytest.param("Frau Müller", PersonName((5, 11), "a title"), id="title-surname"),
        pytest.param("J. Smith", PersonName((0, 8), "an initial"), id="initial"),
        pytest.param(
            "Svensson Lindqvist", PersonName((0, 18), "a known surname"), id="two-surnames"
        ),
        pytest.param(
            "Kvarnbo AB, Lars Nilsson",
            PersonName((12, 24), "a first name"),
            id="person-in-second-part",
        ),
        pytest.param(
            "Accounts Payable (John Smith)",
            PersonName((18, 28), "a first name"),
            id="person-in-parentheses",
        ),
    ],
)
def test_person_is_found_with_its_evidence(
    finder: PersonNameFinder, text: str, expected: PersonName
) -> None:
    assert finder.find(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("Ekonomi", id="role-word"),
        pytest.param("Accounts Payable", id="unit"),
        pytest.param("Kvarnbo AB", id="legal-form"),
        pytest.param("Svensson & Co", id="ampersand"),
        pytest.param("info@kvarnbo.se", id="address"),
        pytest.param("Svensson", id="lone-surname"),
        pytest.param("Okonkwo", id="lone-unknown-word"),
        pytest.param("Team Anna", id="unit-outweighs-one-name"),
    ],
)
def test_no_person_is_found(finder: PersonNameFinder, text: str) -> None:
    assert finder.find(text) is None


def test_lenient_reader_takes_an_unknown_recipient(linter: Linter) -> None:
    """After `Att:` a recipient is expected, so unknown capitalised names count."""
    lenient = PersonNameFinder(linter.finder.names, lenient=True)

    assert lenient.find("Okonkwo Adebayo") == PersonName(
        (0, 15), "the recipient of an attention line"
    )


def test_strict_reader_does_not_take_unknown_words(finder: PersonNameFinder) -> None:
    assert finder.find("Okonkwo Adebayo") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Anna Svensson", [("Anna", 0, 4), ("Svensson", 5, 13)], id="two-words"),
        pytest.param("O'Brien", [("O'Brien", 0, 7)], id="inner-apostrophe"),
        pytest.param("Lars-Erik", [("Lars", 0, 4), ("Erik", 5, 9)], id="hyphen-splits"),
        pytest.param("Dr. Åsa", [("Dr", 0, 2), ("Åsa", 4, 7)], id="non-ascii"),
        pytest.param("Box 123", [("Box", 0, 3)], id="digits-are-no-word"),
    ],
)
def test_words_of_keep_their_positions(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert [(w.text, w.start, w.end) for w in words_of(text)] == expected


def test_words_of_shift_by_offset() -> None:
    assert [(w.start, w.end) for w in words_of("Anna", offset=10)] == [(10, 14)]


def test_a_name_is_found_whatever_diacritics_the_list_spells_it_with(
    linter: Linter, finder: PersonNameFinder
) -> None:
    """The list has the Icelandic `Eldbjörg`; a Norwegian writes `Eldbjørg`."""
    first_names = linter.finder.names.first_names
    assert "eldbjørg" not in first_names and "eldbjorg" in first_names

    assert finder.find("Eldbjørg Fjellheim") == PersonName((0, 18), "a first name")


def test_a_legal_form_counts_as_written_not_without_its_diacritics(
    finder: PersonNameFinder,
) -> None:
    """`ASA` is a Norwegian company's legal form; `Åsa` without its ring is the same word."""
    assert finder.find("Kvarnbo ASA") is None
    assert finder.find("Åsa Lind") == PersonName((0, 8), "a first name")


def test_an_unlisted_name_is_found_by_a_surname_ending_where_the_surname_stands(
    linter: Linter, finder: PersonNameFinder
) -> None:
    names = linter.finder.names
    assert not names.is_name("ylvali") and not names.is_name("strandqvist")

    assert finder.find("Ylvali Strandqvist") == PersonName((0, 18), "a surname's ending")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Oberhuber Transporte", id="company-named-after-a-family"),
        pytest.param("Göteborg Hamn", id="place-first"),
        pytest.param("Strandqvist", id="one-word"),
    ],
)
def test_a_surname_ending_first_or_alone_is_no_name(finder: PersonNameFinder, text: str) -> None:
    assert finder.find(text) is None
