"""How a local part reads: a person's name (and in which pattern), a role, or unclear.

Readings are computed from the tokens of `tokenize_local_part`, with the word lists of
the shipped `Knowledge`, and optionally the words of the contact's own name."""

from __future__ import annotations

import pytest

from linter import Linter
from linter.address import tokenize_local_part
from linter.local_part import (
    LocalPartReader,
    LocalPartReading,
    Reading,
    contact_name_words,
)

ZBIGNIEW = "Zbigniew Brzęczyszczykiewicz"


@pytest.fixture(scope="module")
def reader(linter: Linter) -> LocalPartReader:
    return linter.finder.local_parts


def read(reader: LocalPartReader, local: str, contact_name: str = "") -> LocalPartReading:
    tokens, _tag = tokenize_local_part(local, 0)
    return reader.read(tokens, contact_name_words(contact_name))


@pytest.mark.parametrize(
    ("local", "pattern", "span"),
    [
        pytest.param("anna.svensson", "first.last", (0, 13), id="first.last"),
        pytest.param("a.svensson", "f.last", (0, 10), id="f.last"),
        pytest.param("asvensson", "flast", (0, 9), id="flast"),
        pytest.param("ansvensson", "fflast", (0, 10), id="fflast"),
        pytest.param("annasvensson", "firstlast", (0, 12), id="firstlast"),
        pytest.param("anna_svensson", "first.last", (0, 13), id="first_last"),
        pytest.param("svensson.anna", "last.first", (0, 13), id="last.first"),
        pytest.param("anna.s", "first.l", (0, 6), id="first.l"),
        pytest.param("anna", "first", (0, 4), id="first"),
        pytest.param("svensson", "last", (0, 8), id="last"),
        pytest.param("j.doe", "f.last", (0, 5), id="initial-and-surname"),
        pytest.param("anna.xyzzy", "first.word", (0, 10), id="first-and-unknown-word"),
        pytest.param("jan.van.der.berg", "first.last.particle.last", (0, 16), id="particles"),
        pytest.param("per.ekonomi", "first.word", (0, 3), id="first-name-beside-role"),
        pytest.param("lon.svensson", "first.last", (0, 12), id="ambiguous-word-beside-surname"),
    ],
)
def test_person_patterns(
    reader: LocalPartReader, local: str, pattern: str, span: tuple[int, int]
) -> None:
    assert read(reader, local) == LocalPartReading(Reading.PERSON, pattern, span)


@pytest.mark.parametrize(
    ("local", "role_word", "span"),
    [
        pytest.param("ekonomi", "ekonomi", (0, 7), id="role-word"),
        pytest.param("it.support", "it", (0, 10), id="two-role-words"),
        pytest.param("itsupport", "itsupport", (0, 9), id="joined-role-words"),
        pytest.param("kvarnbo.ekonomi", "ekonomi", (0, 15), id="company-and-role"),
        pytest.param("lon", "lon", (0, 3), id="ambiguous-word-alone"),
        pytest.param("lon.ekonomi", "ekonomi", (0, 11), id="ambiguous-word-beside-role"),
        pytest.param("personal", "personal", (0, 8), id="swedish-german-staff"),
        pytest.param("inkasso", "inkasso", (0, 7), id="collections"),
        pytest.param("leverandørfaktura", "leverandorfaktura", (0, 17), id="supplier-invoices"),
    ],
)
def test_role_readings(
    reader: LocalPartReader, local: str, role_word: str, span: tuple[int, int]
) -> None:
    assert read(reader, local) == LocalPartReading(Reading.ROLE, span=span, role_word=role_word)


@pytest.mark.parametrize(
    "local",
    [
        pytest.param("", id="empty"),
        pytest.param("1234", id="digits"),
        pytest.param("xyzzy", id="unknown-word"),
        pytest.param("a.b", id="two-initials"),
        pytest.param("brzeczyszczykiewicz", id="unlisted-surname"),
        pytest.param("zbrzeczyszczykiewicz", id="initial-and-unlisted-surname-joined"),
    ],
)
def test_unclear_readings(reader: LocalPartReader, local: str) -> None:
    assert read(reader, local).reading is Reading.UNCLEAR


@pytest.mark.parametrize(
    ("local", "contact_name", "span"),
    [
        pytest.param("brzeczyszczykiewicz", ZBIGNIEW, (0, 19), id="surname-folded"),
        pytest.param("zbrzeczyszczykiewicz", ZBIGNIEW, (0, 20), id="initial-and-surname-joined"),
        pytest.param("xyzzy.quux", "Quux Xyzzy", (0, 10), id="last.first-unlisted"),
        pytest.param("qxyzzy", "Quux Xyzzy", (0, 6), id="flast-unlisted"),
        pytest.param("stroem", "Åsa Ström", (0, 6), id="surname-expanded-spelling"),
    ],
)
def test_contact_name_matches_without_dictionary(
    reader: LocalPartReader, local: str, contact_name: str, span: tuple[int, int]
) -> None:
    expected = LocalPartReading(Reading.PERSON, "contact name", span, from_contact_name=True)

    assert read(reader, local, contact_name) == expected


def test_initial_and_unlisted_surname_match_the_contact_name(reader: LocalPartReader) -> None:
    reading = read(reader, "z.brzeczyszczykiewicz", ZBIGNIEW)

    assert (reading.reading, reading.from_contact_name) == (Reading.PERSON, True)
    assert reading.span == (0, 21)  # the initial belongs to the name


def test_role_word_in_contact_name_does_not_make_a_person(reader: LocalPartReader) -> None:
    assert read(reader, "ekonomi", "Ekonomi Svensson").reading is Reading.ROLE


def test_unrelated_contact_name_leaves_an_unknown_word_unclear(reader: LocalPartReader) -> None:
    assert read(reader, "xyzzy", "Anna Svensson").reading is Reading.UNCLEAR


@pytest.mark.parametrize(
    ("name", "contains"),
    [
        pytest.param(ZBIGNIEW, {"brzęczyszczykiewicz", "brzeczyszczykiewicz"}, id="folded"),
        pytest.param("Åsa Ström", {"åsa", "asa", "aasa", "ström", "strom", "stroem"}, id="nordic"),
        pytest.param("Svensson, Anna-Karin", {"svensson", "anna", "karin"}, id="comma-and-hyphen"),
    ],
)
def test_contact_name_words_include_every_spelling(name: str, contains: set[str]) -> None:
    assert contains <= contact_name_words(name)


def test_contact_name_words_skip_initials_and_non_words() -> None:
    assert contact_name_words("A. B. 123") == frozenset()


@pytest.mark.parametrize(
    "local",
    [
        pytest.param("no-reply", id="no-reply"),
        pytest.param("kund.tjanst", id="kundtjanst-in-parts"),
        pytest.param("accounts.payable", id="accounts-payable"),
        pytest.param("support.desk", id="role-and-unit"),
    ],
)
def test_role_written_in_parts_is_a_role(reader: LocalPartReader, local: str) -> None:
    assert read(reader, local).reading is Reading.ROLE


# Surnames the lists lack, known by a distinctive ending.


@pytest.mark.parametrize(
    ("local", "pattern"),
    [
        pytest.param("ylvali.strandqvist", "word.last", id="first.last"),
        pytest.param("strandqvist_ylvali", "last.word", id="last_first"),
        pytest.param("ragnvald.fjellheim", "word.last", id="norwegian-heim"),
    ],
)
def test_an_unlisted_surname_with_a_distinctive_ending_beside_a_word_is_a_person(
    linter: Linter, reader: LocalPartReader, local: str, pattern: str
) -> None:
    names = linter.finder.names
    assert not any(names.is_name(word) for word in local.replace("_", ".").split("."))

    assert read(reader, local) == LocalPartReading(Reading.PERSON, pattern, (0, len(local)))


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        pytest.param("strandqvist", Reading.UNCLEAR, id="alone"),
        pytest.param("strandqvist.support", Reading.ROLE, id="beside-a-role-word"),
        pytest.param("ylvali.ekstedt", Reading.UNCLEAR, id="stem-too-short"),
        pytest.param("ylvali.kvammen", Reading.UNCLEAR, id="no-distinctive-ending"),
    ],
)
def test_a_distinctive_ending_alone_or_beside_a_role_word_does_not_make_a_person(
    reader: LocalPartReader, local: str, expected: Reading
) -> None:
    assert read(reader, local).reading is expected


def test_a_token_is_looked_up_without_its_diacritics(
    linter: Linter, reader: LocalPartReader
) -> None:
    first_names = linter.finder.names.first_names
    assert "eldbjørg" not in first_names and "eldbjorg" in first_names

    assert read(reader, "eldbjørg").reading is Reading.PERSON
