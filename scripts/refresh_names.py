"""Regenerate the person-name lists `first_names.tsv` and `surnames.tsv`.

The names come from two MIT-licensed packages installed by `pip install -e '.[data]'`:

- Faker: the person providers of the European locales the linter serves. Their lists
  were compiled by Faker's contributors, mostly from published name statistics.
- names: ships the US Census Bureau 1990 name files (public domain, with frequencies).

Each output line is `Name<TAB>languages`, the languages being the ISO 639-1 codes of
every source that lists the name. Output is sorted, so the files only change when the
installed sources change. The `# Date:` header line is kept as it is when nothing else
in the file changes; pass `--date` to set it explicitly.

Usage: python scripts/refresh_names.py [--data-dir DIR] [--date YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import unicodedata
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path

import names as census_names
from faker.providers.person import Provider as BasePersonProvider

from linter.transliteration import spellings

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO_ROOT / "linter" / "knowledge" / "data"
REFRESH_COMMAND = "pip install -e '.[data]' && python scripts/refresh_names.py"

# Faker locale -> ISO 639-1 code of the language its names are tagged with.
FAKER_LOCALES: dict[str, str] = {
    "sv_SE": "sv",
    "no_NO": "nb",
    "da_DK": "da",
    "fi_FI": "fi",
    "is_IS": "is",
    "et_EE": "et",
    "de_DE": "de",
    "de_AT": "de",
    "de_CH": "de",
    "nl_NL": "nl",
    "nl_BE": "nl",
    "en_GB": "en",
    "en_US": "en",
    "en_IE": "en",
    "fr_FR": "fr",
    "pl_PL": "pl",
}

# Provider attributes holding first names.
FIRST_NAME_ATTRIBUTES = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_nonbinary",
)
# Provider attributes holding family names. pl_PL has no `last_names` but two lists of its
# own; is_IS builds patronymics at random and lists its fixed family names as `middle_names`.
SURNAME_ATTRIBUTES = ("last_names", "unisex_last_names", "male_last_names", "middle_names")

CENSUS_LANGUAGE = "en"
CENSUS_FIRST_NAME_FILES = ("dist.male.first", "dist.female.first")
CENSUS_SURNAME_FILE = "dist.all.last"
# The census surname list runs to 88,799 names, most of them rare; keep the frequent part.
CENSUS_SURNAME_MAX_RANK = 20_000

# Words that occur in the sources as names but are far more often a role, a function or
# a generic mailbox in an address (`sales@`, `post@`), so they must not count as names.
# Only words actually found in the sources are listed (checked against the versions in the
# header). Real first names that double as words (Per, Bill, Mark, Job, Sys) stay: the
# linter decides those by context. Compared case-insensitively, in every spelling.
EXCLUDED_WORDS: frozenset[str] = frozenset(
    {
        "board",  # board@: the board of an association or housing co-op (census surname)
        "post",  # post@: the usual Nordic general mailbox (census, nl_NL and et_EE surname)
        "press",  # press@: press office (census surname)
        "rector",  # rector@: head of a Dutch secondary school (census surname)
        "root",  # root@: system administrator mailbox (census surname)
        "sales",  # sales@: sales department (census surname)
        "service",  # service@: customer service (census surname)
        "staff",  # staff@: all-staff list (census surname)
        "test",  # test@: test and placeholder accounts (census surname)
    }
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'"})


def clean(raw: str) -> str | None:
    """The name as it should be written, or None when it is not a usable name."""
    name = unicodedata.normalize("NFC", raw.translate(_APOSTROPHES)).strip()
    name = " ".join(name.split())
    letters = name.replace("-", "").replace(" ", "").replace("'", "")
    if len(letters) < 2 or not letters.isalpha():
        return None
    # Every spelling the linter would look up, so no variant of an excluded word slips in.
    if spellings(letters.lower()) & EXCLUDED_WORDS:
        return None
    return name


def provider_values(provider: type, attribute: str) -> Iterator[str]:
    """Entries of a list defined by the locale provider itself, not Faker's generic one."""
    for cls in provider.__mro__:
        if cls is BasePersonProvider:
            return
        if attribute in vars(cls):
            # Tuples, lists and weighted OrderedDicts all iterate over the names.
            yield from vars(cls)[attribute]
            return


def polish_feminine(surname: str) -> str | None:
    """The feminine form of an adjectival Polish surname: Kowalski -> Kowalska."""
    if surname.endswith(("ski", "cki", "dzki")):
        return surname[:-1] + "a"
    return None


def faker_names(attributes: Iterable[str], surnames: bool) -> Iterator[tuple[str, str]]:
    for locale, language in FAKER_LOCALES.items():
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in attributes:
            for name in provider_values(provider, attribute):
                yield name, language
                # Faker only lists the masculine forms; women carry the feminine one.
                feminine = polish_feminine(name) if surnames and locale == "pl_PL" else None
                if feminine is not None:
                    yield feminine, language


def census_file(file_name: str) -> Iterator[tuple[str, int]]:
    """(name, rank) per line of a census file: `NAME  freq  cumulative  rank`."""
    path = Path(census_names.__file__).parent / file_name
    for line in path.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) == 4:
            yield fields[0].capitalize(), int(fields[3])


def census_first_names() -> Iterator[tuple[str, str]]:
    for file_name in CENSUS_FIRST_NAME_FILES:
        for name, _rank in census_file(file_name):
            yield name, CENSUS_LANGUAGE


def census_surnames() -> Iterator[tuple[str, str]]:
    for name, rank in census_file(CENSUS_SURNAME_FILE):
        if rank <= CENSUS_SURNAME_MAX_RANK:
            yield name, CENSUS_LANGUAGE


def merge(preferred: Iterable[tuple[str, str]], fallback: Iterable[tuple[str, str]]) -> list[str]:
    """One `Name<TAB>languages` line per name, sorted.

    Names are merged regardless of letter case. The spelling shown is the first in sort
    order from the `preferred` sources if any lists it (Faker writes McDonald, where the
    census has MCDONALD), else from the `fallback` ones.
    """
    written: tuple[dict[str, set[str]], dict[str, set[str]]] = ({}, {})
    languages: dict[str, set[str]] = {}
    for found, entries in zip(written, (preferred, fallback), strict=True):
        for raw, language in entries:
            name = clean(raw)
            if name is not None:
                found.setdefault(name.lower(), set()).add(name)
                languages.setdefault(name.lower(), set()).add(language)
    lines = []
    for key in sorted(languages):
        name = min(written[0].get(key) or written[1][key])
        lines.append(f"{name}\t{','.join(sorted(languages[key]))}")
    return lines


def header(title: str, notes: Iterable[str], date: str) -> list[str]:
    return [
        f"# {title}: Name<TAB>languages (ISO 639-1 codes of the sources that list the name).",
        "# Generated by scripts/refresh_names.py; do not edit by hand.",
        *(f"# {note}" for note in notes),
        "# Licence: Faker: MIT License. names: MIT License."
        " US Census 1990 name files: public domain (work of the US federal government).",
        "# Filter: dropped are entries that are not letters once hyphens, spaces and"
        " apostrophes are removed, single letters, and the role and mailbox words in"
        " EXCLUDED_WORDS of the script.",
        f"# Date: {date}",
        f"# Refresh: {REFRESH_COMMAND}",
    ]


def faker_note(attributes: Iterable[str]) -> str:
    return (
        f"Source: Faker {metadata.version('faker')} (https://github.com/joke2k/faker),"
        f" person providers, lists {', '.join(attributes)} of locales"
        f" {', '.join(sorted(FAKER_LOCALES))}; language = the locale's (no_NO -> nb)."
    )


def census_note(what: str) -> str:
    return (
        f"Source: names {metadata.version('names')} (https://github.com/treyhunner/names),"
        f" US Census Bureau 1990 name files: {what}; language en."
    )


def previous_date(path: Path, lines: list[str]) -> str | None:
    """The date of the existing file if it differs from `lines` in nothing else."""
    if not path.exists():
        return None
    old = path.read_text(encoding="utf-8").splitlines()
    if len(old) != len(lines):
        return None
    date: str | None = None
    for old_line, new_line in zip(old, lines, strict=True):
        if old_line.startswith("# Date: ") and new_line.startswith("# Date: "):
            date = old_line.removeprefix("# Date: ")
        elif old_line != new_line:
            return None
    return date


def write(path: Path, title: str, notes: list[str], body: list[str], date: str | None) -> None:
    if date is None:
        unchanged = previous_date(path, header(title, notes, "") + body)
        date = unchanged or datetime.date.today().isoformat()
    lines = header(title, notes, date) + body
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path}: {len(body)} names")


def main() -> None:
    parser = argparse.ArgumentParser(description="Regenerate first_names.tsv and surnames.tsv.")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument(
        "--date", help="date for the header (default: kept if unchanged, else today)"
    )
    args = parser.parse_args()
    data_dir: Path = args.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)

    write(
        data_dir / "first_names.tsv",
        "Person first names",
        [
            faker_note(FIRST_NAME_ATTRIBUTES),
            census_note(f"{' and '.join(CENSUS_FIRST_NAME_FILES)}, all entries"),
        ],
        merge(faker_names(FIRST_NAME_ATTRIBUTES, surnames=False), census_first_names()),
        args.date,
    )
    write(
        data_dir / "surnames.tsv",
        "Person surnames",
        [
            faker_note(SURNAME_ATTRIBUTES),
            "Derived: feminine forms of pl_PL -ski/-cki/-dzki surnames (Kowalski -> Kowalska).",
            census_note(f"{CENSUS_SURNAME_FILE}, ranks 1 to {CENSUS_SURNAME_MAX_RANK}"),
        ],
        merge(faker_names(SURNAME_ATTRIBUTES, surnames=True), census_surnames()),
        args.date,
    )


if __name__ == "__main__":
    main()
