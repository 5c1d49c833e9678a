"""The shipped person-name lists: what they contain, what they leave out, their headers."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from linter.knowledge import Knowledge

NAME_FILES = ("first_names.tsv", "surnames.tsv")
ALLOWED_LANGUAGES = {"sv", "nb", "da", "fi", "de", "nl", "en", "fr", "pl", "is", "et"}


def _text(file_name: str) -> str:
    return resources.files("linter.knowledge").joinpath("data", file_name).read_text("utf-8")


def _header(file_name: str) -> list[str]:
    lines = _text(file_name).splitlines()
    return [line for line in lines if line.startswith("#")]


def _rows(file_name: str) -> list[list[str]]:
    return [
        line.split("\t")
        for line in _text(file_name).splitlines()
        if line.strip() and not line.startswith("#")
    ]


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return Knowledge()


@pytest.mark.parametrize(
    "spelling",
    [
        "åsa",
        "asa",  # Åsa, diacritic dropped
        "aasa",  # Åsa, Scandinavian two-letter spelling
        "søren",
        "soren",
        "soeren",
        "jürgen",
        "jurgen",
        "juergen",
        "łukasz",
        "lukasz",
        "björn",
        "bjorn",
        "bjoern",
        "bjørn",
        "guðrún",
        "gudrun",
        "larserik",  # Lars-Erik, joined as in a local part
        "annemarie",
        "mikko",
        "kristjan",
        "anna",
        "erik",
        "per",  # kept: a real name, though also a Swedish preposition
        "bill",
        "mark",
    ],
)
def test_first_names_have_every_spelling(knowledge: Knowledge, spelling: str) -> None:
    assert spelling in knowledge.first_names


@pytest.mark.parametrize(
    "spelling",
    [
        "müller",
        "muller",
        "mueller",
        "ström",
        "strom",
        "stroem",
        "andersson",
        "johansson",
        "nielsen",
        "hansen",
        "virtanen",
        "lindström",
        "lindstrom",
        "devries",  # de Vries, joined
        "kowalski",
        "kowalska",  # feminine form derived from Kowalski
        "dubois",
        "mägi",
        "smith",
    ],
)
def test_surnames_have_every_spelling(knowledge: Knowledge, spelling: str) -> None:
    assert spelling in knowledge.surnames


@pytest.mark.parametrize(
    "word",
    [
        # Found in the census lists and excluded by scripts/refresh_names.py.
        "sales",
        "service",
        "post",
        "press",
        "staff",
        "root",
        "test",
        "board",
        "rector",
        # Never in the sources; must stay out if a source ever adds them.
        "info",
        "admin",
        "support",
        "office",
        "billing",
        "kontakt",
        "ekonomi",
        "faktura",
        "invoice",
    ],
)
def test_role_words_are_not_names(knowledge: Knowledge, word: str) -> None:
    assert word not in knowledge.first_names
    assert word not in knowledge.surnames


def test_lists_are_large_enough(knowledge: Knowledge) -> None:
    # Guards against a refresh that silently lost a source.
    assert len(knowledge.first_names) > 10_000
    assert len(knowledge.surnames) > 25_000


@pytest.mark.parametrize("file_name", NAME_FILES)
def test_header_names_source_licence_date_and_refresh(file_name: str) -> None:
    header = _header(file_name)
    sources = [line for line in header if line.startswith("# Source:")]
    assert any("Faker" in line for line in sources)
    assert any("names" in line and "Census" in line for line in sources)
    assert any(line.startswith("# Licence:") and "MIT" in line for line in header)
    assert any(re.fullmatch(r"# Date: \d{4}-\d{2}-\d{2}", line) for line in header)
    assert any(line.startswith("# Refresh:") and "refresh_names.py" in line for line in header)


@pytest.mark.parametrize("file_name", NAME_FILES)
def test_every_row_is_a_name_and_allowed_languages(file_name: str) -> None:
    rows = _rows(file_name)
    assert rows
    for row in rows:
        assert len(row) == 2, row
        name, languages = row
        letters = name.replace("-", "").replace(" ", "").replace("'", "")
        assert letters.isalpha() and len(letters) > 1, name
        codes = languages.split(",")
        assert codes and set(codes) <= ALLOWED_LANGUAGES, row
        assert codes == sorted(set(codes)), row


@pytest.mark.parametrize("file_name", NAME_FILES)
def test_one_sorted_line_per_name(file_name: str) -> None:
    keys = [row[0].lower() for row in _rows(file_name)]
    assert keys == sorted(set(keys))


def test_languages_are_merged_into_one_line() -> None:
    languages = {name: codes for name, codes in _rows("first_names.tsv")}
    assert set(languages["Anna"].split(",")) >= {"sv", "de", "en", "fi", "nb", "da"}
    assert languages["Åsa"] == "sv"
    assert languages["Søren"] == "da"
    assert languages["Łukasz"] == "pl"


@pytest.mark.parametrize(
    ("file_name", "name", "language"),
    [
        # Very common names that Python Faker lacks (or lacks for the language), added by
        # the @faker-js/faker lists.
        ("surnames.tsv", "Nowak", "pl"),  # the most common Polish surname
        ("first_names.tsv", "Katarzyna", "pl"),
        ("first_names.tsv", "Małgorzata", "pl"),
        ("first_names.tsv", "Weronika", "pl"),
        ("first_names.tsv", "Władysław", "pl"),
        ("first_names.tsv", "Vibeke", "da"),
        ("surnames.tsv", "Bisgaard", "da"),
        ("first_names.tsv", "Synne", "nb"),
        ("surnames.tsv", "Fjeld", "nb"),
        ("first_names.tsv", "Famke", "nl"),
    ],
)
def test_faker_js_names_are_listed_for_their_language(
    file_name: str, name: str, language: str
) -> None:
    languages = {row[0]: row[1].split(",") for row in _rows(file_name)}
    assert language in languages.get(name, []), (name, languages.get(name))


@pytest.mark.parametrize(
    "spelling", ["katarzyna", "malgorzata", "małgorzata", "weronika", "wladyslaw", "synne"]
)
def test_faker_js_first_names_have_every_spelling(knowledge: Knowledge, spelling: str) -> None:
    assert spelling in knowledge.first_names


@pytest.mark.parametrize("spelling", ["nowak", "bisgaard", "fjeld"])
def test_faker_js_surnames_have_every_spelling(knowledge: Knowledge, spelling: str) -> None:
    assert spelling in knowledge.surnames


@pytest.mark.parametrize("word", ["name", "baby", "co", "da", "de", "ne", "lg", "scc"])
def test_placeholders_and_fragments_are_not_names(knowledge: Knowledge, word: str) -> None:
    # In the faker-js lists, excluded by scripts/refresh_names.py.
    assert word not in knowledge.first_names
    assert word not in knowledge.surnames


def test_words_excluded_from_one_list_stay_in_the_other(knowledge: Knowledge) -> None:
    # Green: a common surname, but as a first name it made greenmoor.co.uk a person.
    assert "green" not in knowledge.first_names
    assert "green" in knowledge.surnames
    # Von: a first name, but as a surname only the particle of `von Bismarck`.
    assert "von" in knowledge.first_names
    assert "von" not in knowledge.surnames


@pytest.mark.parametrize("file_name", NAME_FILES)
def test_header_names_faker_js_version_and_licence(file_name: str) -> None:
    header = _header(file_name)
    assert any(
        re.match(r"# Source: @faker-js/faker \d+\.\d+\.\d+, released \d{4}-\d{2}-\d{2} ", line)
        for line in header
    )
    assert any(line.startswith("# Licence:") and "@faker-js/faker: MIT" in line for line in header)
    assert any(line.startswith("# Refresh:") and "--faker-js" in line for line in header)
