"""Regenerate the person-name lists `first_names.tsv` and `surnames.tsv`.

The names come from two MIT-licensed packages installed by `pip install -e '.[data]'`:

- Faker: the person providers of the European locales the linter serves. Their lists
  were compiled by Faker's contributors, mostly from published name statistics.
- names: ships the US Census Bureau 1990 name files (public domain, with frequencies).

and, with `--faker-js PATH`, from a third MIT-licensed package that is not a Python one:

- @faker-js/faker (npm): its locales' `person.first_name` and `person.last_name` lists,
  for several languages longer than Python Faker's. PATH is the tarball that
  `npm pack @faker-js/faker` downloads, or that tarball unpacked, or a source checkout of
  the faker-js repository. The lists are read as text, so node is not needed: the
  published package's bundles under `dist/` (one per locale, reached through
  `dist/locale/<locale>.js`), or in a checkout `src/locales/<locale>/person/*.ts`.

Each output line is `Name<TAB>languages`, the languages being the ISO 639-1 codes of
every source that lists the name. Output is sorted, so the files only change when the
installed sources change. The `# Date:` header line is kept as it is when nothing else
in the file changes; pass `--date` to set it explicitly.

Usage: python scripts/refresh_names.py [--data-dir DIR] [--date YYYY-MM-DD] [--faker-js PATH]
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import re
import tarfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import names as census_names
from faker.providers.person import Provider as BasePersonProvider

from linter.transliteration import spellings

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO_ROOT / "linter" / "knowledge" / "data"
REFRESH_COMMAND = "pip install -e '.[data]' && python scripts/refresh_names.py"
REFRESH_COMMAND_FAKER_JS = (
    "pip install -e '.[data]' && npm pack @faker-js/faker"
    " && python scripts/refresh_names.py --faker-js faker-js-faker-*.tgz"
)

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

# faker-js locale -> ISO 639-1 code. en_GB, en_US and en_IE have no name lists of their own
# (they use en's); is and et are not faker-js locales (as of 10.6.0). A locale or a list the
# package does not have is skipped, and the header names only the locales that were read.
FAKER_JS_LOCALES: dict[str, str] = {
    "sv": "sv",
    "nb_NO": "nb",
    "da": "da",
    "fi": "fi",
    "is": "is",
    "et": "et",
    "de": "de",
    "de_AT": "de",
    "de_CH": "de",
    "nl": "nl",
    "nl_BE": "nl",
    "en": "en",
    "en_GB": "en",
    "en_US": "en",
    "en_IE": "en",
    "fr": "fr",
    "pl": "pl",
}
# The `person` definitions read: each is an object of lists by sex (generic, female,
# male) or, in older versions, one list. `middle_name` is left out: en's holds words
# (Ocean, Saturn, Journey) and da's are mostly common nouns (Skov, Smed, Nord).
FAKER_JS_FIRST_NAME_KEY = "first_name"
FAKER_JS_SURNAME_KEY = "last_name"

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
        # Not names at all: placeholders and the debris of split or abbreviated entries.
        "baby",  # placeholder for an unnamed infant in US birth data (faker-js en first name)
        "name",  # the word itself, a form placeholder (faker-js en first name)
        "co",  # company marker `& Co` (faker-js de surname, a fragment)
        "da",  # particle of `da Silva` (faker-js de surname, a fragment)
        "de",  # particle of `de Vries`, `De Luca` (faker-js de surname, a fragment)
        "ne",  # fragment (faker-js de surname)
        "lg",  # abbreviation, no vowel (faker-js de surname)
        "scc",  # abbreviation, no vowel (faker-js de surname)
    }
)

# Words dropped from one list only: real names of the other kind, whose listing in this
# one is rare and is outweighed by the common word in company names and domains.
EXCLUDED_FIRST_NAMES: frozenset[str] = frozenset(
    {
        # greenmoor.co.uk, greenfield: the colour read as a first name before a surname.
        # Stays a surname (census rank 35). (faker-js en male first name)
        "green",
        # Ordinary English words in faker-js's en first names that a local part or a
        # company name uses as words (general@, Judge & Co, Heaven Hair); none is a
        # common given name in the languages we serve.
        "general",
        "judge",
        "sister",
        "christ",
        "unique",
        "miracle",
        "heaven",
    }
)
EXCLUDED_SURNAMES: frozenset[str] = frozenset(
    {
        # The particle of `von Bismarck`, never a surname alone; stays a first name (census,
        # is_IS). (faker-js en and de surname)
        "von",
    }
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'"})


def clean(raw: str, excluded: frozenset[str] = frozenset()) -> str | None:
    """The name as it should be written, or None when it is not a usable name.

    `excluded` holds the words dropped from this list only, on top of EXCLUDED_WORDS.
    """
    name = unicodedata.normalize("NFC", raw.translate(_APOSTROPHES)).strip()
    name = " ".join(name.split())
    letters = name.replace("-", "").replace(" ", "").replace("'", "")
    if len(letters) < 2 or not letters.isalpha():
        return None
    # Every spelling the linter would look up, so no variant of an excluded word slips in.
    if spellings(letters.lower()) & (EXCLUDED_WORDS | excluded):
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


class JsSyntaxError(ValueError):
    """The faker-js data is not the plain literal this script can read."""


_JS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_JS_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_JS_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")
_JS_CONSTANTS: dict[str, object] = {"true": True, "false": False, "null": None}


class JsLiteral:
    """Reader of one JavaScript literal: objects, arrays, strings, numbers, `!0`/`!1`.

    Enough for faker-js's locale data, in the TypeScript sources (`['Ada', 'Adam']`) and
    in the published bundles, whose minifier writes long lists as one template string
    split on a separator (`` `Ada.Adam`.split(`.`) ``). Anything else (a reference to a
    variable, a function call, an interpolation) raises JsSyntaxError rather than being
    guessed at.
    """

    def __init__(self, text: str, pos: int = 0) -> None:
        self.text = text
        self.pos = pos

    def error(self, what: str) -> JsSyntaxError:
        return JsSyntaxError(
            f"{what} at offset {self.pos}: {self.text[self.pos : self.pos + 40]!r}"
        )

    def skip_space(self) -> None:
        while self.pos < len(self.text):
            if self.text[self.pos].isspace():
                self.pos += 1
            elif self.text.startswith("//", self.pos):
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end
            elif self.text.startswith("/*", self.pos):
                end = self.text.find("*/", self.pos + 2)
                if end < 0:
                    raise self.error("unterminated comment")
                self.pos = end + 2
            else:
                return

    def peek(self) -> str:
        self.skip_space()
        return self.text[self.pos : self.pos + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise self.error(f"expected {char!r}")
        self.pos += 1

    def value(self) -> object:
        char = self.peek()
        if char == "{":
            return self.js_object()
        if char == "[":
            return self.js_array()
        if char in "`'\"":
            text = self.js_string()
            if self.text.startswith(".split(", self.pos):
                self.pos += len(".split(")
                separator = self.js_string()
                self.expect(")")
                return text.split(separator)
            return text
        if self.text.startswith(("!0", "!1"), self.pos):
            self.pos += 2
            return self.text[self.pos - 1] == "0"
        number = _JS_NUMBER.match(self.text, self.pos)
        if number:
            self.pos = number.end()
            return float(number.group()) if "." in number.group() else int(number.group())
        identifier = _JS_IDENTIFIER.match(self.text, self.pos)
        if identifier and identifier.group() in _JS_CONSTANTS:
            self.pos = identifier.end()
            return _JS_CONSTANTS[identifier.group()]
        raise self.error("unsupported value")

    def js_object(self) -> dict[str, object]:
        self.expect("{")
        result: dict[str, object] = {}
        while self.peek() != "}":
            if self.peek() in "`'\"":
                key = self.js_string()
            else:
                identifier = _JS_IDENTIFIER.match(self.text, self.pos)
                if identifier is None:
                    raise self.error("expected a key")
                key = identifier.group()
                self.pos = identifier.end()
            self.expect(":")
            result[key] = self.value()
            if self.peek() != ",":
                break
            self.pos += 1
        self.expect("}")
        return result

    def js_array(self) -> list[object]:
        self.expect("[")
        result: list[object] = []
        while self.peek() != "]":
            result.append(self.value())
            if self.peek() != ",":
                break
            self.pos += 1
        self.expect("]")
        return result

    def js_string(self) -> str:
        quote = self.peek()
        self.pos += 1
        parts: list[str] = []
        while True:
            if self.pos >= len(self.text):
                raise self.error("unterminated string")
            char = self.text[self.pos]
            if char == quote:
                self.pos += 1
                return "".join(parts)
            if quote == "`" and self.text.startswith("${", self.pos):
                raise self.error("template interpolation")
            if char == "\\":
                parts.append(self.escape())
                continue
            if char == "\n" and quote != "`":
                raise self.error("line break in string")
            parts.append(char)
            self.pos += 1

    def escape(self) -> str:
        char = self.text[self.pos + 1 : self.pos + 2]
        self.pos += 2
        if char == "x":
            code = self.text[self.pos : self.pos + 2]
            self.pos += 2
            return chr(int(code, 16))
        if char == "u":
            if self.text.startswith("{", self.pos):
                end = self.text.index("}", self.pos)
                code, self.pos = self.text[self.pos + 1 : end], end + 1
            else:
                code, self.pos = self.text[self.pos : self.pos + 4], self.pos + 4
            return chr(int(code, 16))
        if char == "\n":  # line continuation
            return ""
        return _JS_ESCAPES.get(char, char)


def parse_js(text: str, pos: int = 0) -> object:
    return JsLiteral(text, pos).value()


@dataclass(frozen=True)
class FakerJs:
    """A faker-js package or checkout: its version, release date and files as text."""

    version: str
    released: str | None
    kind: str  # "npm package" or "repository source"
    read: Callable[[str], str | None]  # path relative to the package root -> text

    @classmethod
    def open(cls, path: Path) -> FakerJs:
        if path.is_dir():
            root = path / "package" if (path / "package" / "package.json").is_file() else path

            def read(name: str) -> str | None:
                file = root / name
                return file.read_text(encoding="utf-8") if file.is_file() else None

        else:
            files: dict[str, str] = {}
            with tarfile.open(path) as archive:
                for member in archive.getmembers():
                    # npm tarballs hold everything under `package/`.
                    name = member.name.removeprefix("./").partition("/")[2]
                    wanted = name.endswith((".js", ".ts")) or name in {
                        "package.json",
                        "CHANGELOG.md",
                    }
                    extracted = archive.extractfile(member) if wanted else None
                    if extracted is not None:
                        files[name] = extracted.read().decode("utf-8")

            def read(name: str) -> str | None:
                return files.get(name)

        manifest = read("package.json")
        if manifest is None:
            raise SystemExit(f"{path}: no package.json, not a faker-js package")
        package = json.loads(manifest)
        if package.get("name") != "@faker-js/faker":
            raise SystemExit(f"{path}: package {package.get('name')!r}, not @faker-js/faker")
        if package.get("license") != "MIT":
            raise SystemExit(f"{path}: licence {package.get('license')!r}, expected MIT")
        version = package["version"]
        released = None
        changelog = read("CHANGELOG.md") or ""
        heading = re.search(
            rf"^##+ \[?{re.escape(version)}\]?.*?\((\d{{4}}-\d{{2}}-\d{{2}})\)", changelog, re.M
        )
        if heading:
            released = heading.group(1)
        source = read(f"src/locales/en/person/{FAKER_JS_FIRST_NAME_KEY}.ts") is not None
        return cls(version, released, "repository source" if source else "npm package", read)

    def person(self, locale: str) -> dict[str, object] | None:
        """The locale's own `person` definitions (not those it inherits), or None."""
        sources: dict[str, object] = {}
        for key in (FAKER_JS_FIRST_NAME_KEY, FAKER_JS_SURNAME_KEY):
            text = self.read(f"src/locales/{locale}/person/{key}.ts")
            if text is not None:
                start = text.find("export default")
                if start < 0:
                    raise SystemExit(f"src/locales/{locale}/person/{key}.ts: no export default")
                try:
                    sources[key] = parse_js(text, start + len("export default"))
                except JsSyntaxError as error:
                    raise SystemExit(f"src/locales/{locale}/person/{key}.ts: {error}") from error
        if sources:
            return sources
        entry = self.read(f"dist/locale/{locale}.js")
        if entry is None:
            return None
        # The entry imports the bundles of the locales it is built from: its own, named
        # after it (`../pl-BXqbAama.js`, `../de-CaTyBoah.js`), and those it falls back to
        # (`../en-Blck6vH3.js`, `../base-BpJm8uRb.js`). Locale names have no hyphen.
        imported = re.findall(r"""from\s*["']\.\./([\w.-]+\.js)["']""", entry)
        own = [name for name in imported if name.startswith(f"{locale}-")]
        if len(own) != 1:
            raise SystemExit(f"dist/locale/{locale}.js: imports {imported}, none of them its own")
        bundle_name = f"dist/{own[0]}"
        bundle = self.read(bundle_name)
        if bundle is None:
            raise SystemExit(f"{bundle_name}: the data bundle of {locale} was not found")
        starts = [match.end() - 1 for match in re.finditer(r"[{,]person:\{", bundle)]
        if len(starts) > 1:
            raise SystemExit(f"{bundle_name}: {len(starts)} person definitions, expected one")
        if not starts:
            return {}
        try:
            person = parse_js(bundle, starts[0])
        except JsSyntaxError as error:
            raise SystemExit(f"{bundle_name}: {error}") from error
        assert isinstance(person, dict)
        return person


def faker_js_list(value: object) -> Iterator[str]:
    """The names of one definition: a list, or an object of lists by sex."""
    lists = value.values() if isinstance(value, dict) else [value]
    for names in lists:
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise SystemExit(f"faker-js: expected a list of names, got {str(names)[:60]}")
        yield from names


@dataclass(frozen=True)
class FakerJsNames:
    """(name, language) entries from faker-js, and the locales that had the list."""

    entries: list[tuple[str, str]]
    locales: list[str]


def faker_js_names(faker_js: FakerJs, key: str, surnames: bool) -> FakerJsNames:
    """Every listed locale's `person.<key>`, and which locales have one."""
    entries: list[tuple[str, str]] = []
    locales: list[str] = []
    for locale, language in FAKER_JS_LOCALES.items():
        person = faker_js.person(locale)
        if person is None or key not in person:
            continue
        locales.append(locale)
        for name in faker_js_list(person[key]):
            entries.append((name, language))
            # Like Faker, faker-js lists the masculine forms only.
            feminine = polish_feminine(name) if surnames and language == "pl" else None
            if feminine is not None:
                entries.append((feminine, language))
    return FakerJsNames(entries, sorted(locales))


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


def merge(
    preferred: Iterable[tuple[str, str]],
    fallback: Iterable[tuple[str, str]],
    excluded: frozenset[str] = frozenset(),
) -> list[str]:
    """One `Name<TAB>languages` line per name, sorted.

    Names are merged regardless of letter case. The spelling shown is the first in sort
    order from the `preferred` sources if any lists it (Faker writes McDonald, where the
    census has MCDONALD), else from the `fallback` ones.
    """
    written: tuple[dict[str, set[str]], dict[str, set[str]]] = ({}, {})
    languages: dict[str, set[str]] = {}
    for found, entries in zip(written, (preferred, fallback), strict=True):
        for raw, language in entries:
            name = clean(raw, excluded)
            if name is not None:
                found.setdefault(name.lower(), set()).add(name)
                languages.setdefault(name.lower(), set()).add(language)
    lines = []
    for key in sorted(languages):
        name = min(written[0].get(key) or written[1][key])
        lines.append(f"{name}\t{','.join(sorted(languages[key]))}")
    return lines


def header(title: str, notes: Iterable[str], date: str, faker_js: bool, excluded: str) -> list[str]:
    return [
        f"# {title}: Name<TAB>languages (ISO 639-1 codes of the sources that list the name).",
        "# Generated by scripts/refresh_names.py; do not edit by hand.",
        *(f"# {note}" for note in notes),
        "# Licence: Faker: MIT License. names: MIT License."
        + (" @faker-js/faker: MIT License." if faker_js else "")
        + " US Census 1990 name files: public domain (work of the US federal government).",
        "# Filter: dropped are entries that are not letters once hyphens, spaces and"
        " apostrophes are removed, single letters, and the words in EXCLUDED_WORDS and"
        f" {excluded} of the script (role and mailbox words, placeholders, fragments).",
        f"# Date: {date}",
        f"# Refresh: {REFRESH_COMMAND_FAKER_JS if faker_js else REFRESH_COMMAND}",
    ]


def faker_note(attributes: Iterable[str]) -> str:
    return (
        f"Source: Faker {metadata.version('faker')} (https://github.com/joke2k/faker),"
        f" person providers, lists {', '.join(attributes)} of locales"
        f" {', '.join(sorted(FAKER_LOCALES))}; language = the locale's (no_NO -> nb)."
    )


def faker_js_note(faker_js: FakerJs, key: str, locales: Iterable[str]) -> str:
    released = f", released {faker_js.released}" if faker_js.released else ""
    return (
        f"Source: @faker-js/faker {faker_js.version}{released}"
        f" (https://github.com/faker-js/faker, {faker_js.kind}), definitions person.{key}"
        f" of locales {', '.join(locales)}; language = the locale's (nb_NO -> nb)."
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


def write(
    path: Path,
    title: str,
    notes: list[str],
    body: list[str],
    date: str | None,
    faker_js: bool,
    excluded: str,
) -> None:
    if date is None:
        unchanged = previous_date(path, header(title, notes, "", faker_js, excluded) + body)
        date = unchanged or datetime.date.today().isoformat()
    lines = header(title, notes, date, faker_js, excluded) + body
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path}: {len(body)} names")


def main() -> None:
    parser = argparse.ArgumentParser(description="Regenerate first_names.tsv and surnames.tsv.")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument(
        "--date", help="date for the header (default: kept if unchanged, else today)"
    )
    parser.add_argument(
        "--faker-js",
        type=Path,
        metavar="PATH",
        help="also read the name lists of @faker-js/faker: the tarball of `npm pack"
        " @faker-js/faker`, that tarball unpacked, or a checkout of the repository",
    )
    args = parser.parse_args()
    data_dir: Path = args.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    faker_js = FakerJs.open(args.faker_js) if args.faker_js else None

    first_notes = [faker_note(FIRST_NAME_ATTRIBUTES)]
    first_preferred: list[tuple[str, str]] = list(
        faker_names(FIRST_NAME_ATTRIBUTES, surnames=False)
    )
    surname_notes = [faker_note(SURNAME_ATTRIBUTES)]
    surname_preferred: list[tuple[str, str]] = list(faker_names(SURNAME_ATTRIBUTES, surnames=True))
    derived = "Derived: feminine forms of pl_PL -ski/-cki/-dzki surnames (Kowalski -> Kowalska)."
    if faker_js is not None:
        first = faker_js_names(faker_js, FAKER_JS_FIRST_NAME_KEY, surnames=False)
        first_notes.append(faker_js_note(faker_js, FAKER_JS_FIRST_NAME_KEY, first.locales))
        first_preferred += first.entries
        last = faker_js_names(faker_js, FAKER_JS_SURNAME_KEY, surnames=True)
        surname_notes.append(faker_js_note(faker_js, FAKER_JS_SURNAME_KEY, last.locales))
        surname_preferred += last.entries
        derived = (
            "Derived: feminine forms of the -ski/-cki/-dzki surnames of Faker's pl_PL and"
            " faker-js's pl (Kowalski -> Kowalska)."
        )

    write(
        data_dir / "first_names.tsv",
        "Person first names",
        [
            *first_notes,
            census_note(f"{' and '.join(CENSUS_FIRST_NAME_FILES)}, all entries"),
        ],
        merge(first_preferred, census_first_names(), EXCLUDED_FIRST_NAMES),
        args.date,
        faker_js is not None,
        "EXCLUDED_FIRST_NAMES",
    )
    write(
        data_dir / "surnames.tsv",
        "Person surnames",
        [
            *surname_notes,
            derived,
            census_note(f"{CENSUS_SURNAME_FILE}, ranks 1 to {CENSUS_SURNAME_MAX_RANK}"),
        ],
        merge(surname_preferred, census_surnames(), EXCLUDED_SURNAMES),
        args.date,
        faker_js is not None,
        "EXCLUDED_SURNAMES",
    )


if __name__ == "__main__":
    main()
