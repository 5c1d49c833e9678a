"""What the linter knows: person names, role words, and kinds of mail domains.

Every list lives in a data file under `data/`, with a header that names its source,
version, date, licence and the script that refreshes it (see `data/SOURCES.md`).
Files are read lazily, once per `Knowledge` object, the first time a list is asked for.

File formats (lines starting with `#` are comments, blank lines are skipped):

- `first_names.tsv`, `surnames.tsv`: `name<TAB>languages`, languages as comma-separated
  ISO 639-1 codes (`sv,nb,da`). Names are written as people write them (with diacritics).
- `role_words.tsv`: `word<TAB>purposes<TAB>languages`; purposes are `billing`,
  `technical`, `security`, `account` or `general`.
- `freemail_domains.txt`, `isp_domains.txt`, `disposable_domains.txt`: one registrable
  domain per line.
- `confusables.tsv`: `character<TAB>ascii<TAB>name`, look-alikes of ASCII letters.
- `name_parts.toml`: particles, titles, surname endings, company markers, unit words and
  attention-line markers.
- `suggestions.toml`: `[purpose]` tables mapping a language code (or `default`) to the
  local parts to suggest, best first.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

from linter.transliteration import spellings

DATA_PACKAGE = "linter.knowledge"


@dataclass(frozen=True, slots=True)
class NameParts:
    """Small word classes for reading names and addresses (`data/name_parts.toml`)."""

    particles: frozenset[str]
    titles: frozenset[str]
    surname_endings: tuple[str, ...]
    distinctive_surname_endings: tuple[str, ...]
    company_markers: frozenset[str]
    legal_forms: tuple[str, ...]
    unit_words: frozenset[str]
    attention: Mapping[str, tuple[str, ...]]
    attention_suggestion: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class RoleWord:
    word: str
    purposes: frozenset[str]
    languages: frozenset[str]


def _data_lines(text: str) -> Iterator[list[str]]:
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            yield line.split("\t")


class Knowledge:
    """The lists, read from `data_dir` (default: the files shipped in the package).

    `extra_role_words` adds role words from configuration.
    """

    def __init__(
        self,
        data_dir: Path | None = None,
        extra_role_words: Iterable[str] = (),
    ) -> None:
        self._data_dir = data_dir
        self._extra_role_words = tuple(w.strip().lower() for w in extra_role_words if w.strip())

    def _read(self, name: str) -> str:
        if self._data_dir is not None:
            return (self._data_dir / name).read_text(encoding="utf-8")
        return resources.files(DATA_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")

    def _names(self, file_name: str) -> frozenset[str]:
        """Every spelling (lower case, folded) of every name in the file.

        Compound names (`Lars-Erik`, `van der Berg`) also contribute their joined form,
        since local parts drop spaces and hyphens (`larserik`, `vanderberg`).
        """
        out: set[str] = set()
        add, update = out.add, out.update
        for columns in _data_lines(self._read(file_name)):
            name = columns[0].lower()
            joined = name.replace("-", "").replace(" ", "").replace("'", "")
            for form in (name,) if joined == name else (name, joined):
                if not form.isalpha():
                    continue
                # Most names are ASCII, their only spelling themselves: this loop runs
                # for some 50,000 names at every start.
                if form.isascii():
                    add(form)
                else:
                    update(spellings(form))
        return frozenset(out)

    @cached_property
    def first_names(self) -> frozenset[str]:
        return self._names("first_names.tsv")

    @cached_property
    def surnames(self) -> frozenset[str]:
        return self._names("surnames.tsv")

    @cached_property
    def role_words(self) -> Mapping[str, RoleWord]:
        words: dict[str, RoleWord] = {}
        for columns in _data_lines(self._read("role_words.tsv")):
            word = columns[0].lower()
            purposes = frozenset(columns[1].split(",")) if len(columns) > 1 else frozenset()
            languages = frozenset(columns[2].split(",")) if len(columns) > 2 else frozenset()
            for form in spellings(word):
                known = words.get(form)
                if known is not None:
                    # bokföring (sv) and bokføring (nb) fold to one spelling: keep both.
                    purposes, languages = purposes | known.purposes, languages | known.languages
                words[form] = RoleWord(word, purposes - {""}, languages - {""})
        for word in self._extra_role_words:
            words[word] = RoleWord(word, frozenset({"general"}), frozenset())
        return words

    def _domains(self, file_name: str) -> frozenset[str]:
        return frozenset(columns[0].lower() for columns in _data_lines(self._read(file_name)))

    @cached_property
    def freemail_domains(self) -> frozenset[str]:
        return self._domains("freemail_domains.txt")

    @cached_property
    def isp_domains(self) -> frozenset[str]:
        return self._domains("isp_domains.txt")

    @cached_property
    def disposable_domains(self) -> frozenset[str]:
        return self._domains("disposable_domains.txt")

    @cached_property
    def confusables(self) -> Mapping[str, str]:
        """Non-ASCII characters that look like an ASCII letter or digit, and that letter."""
        return {columns[0]: columns[1] for columns in _data_lines(self._read("confusables.tsv"))}

    @cached_property
    def name_parts(self) -> NameParts:
        table = tomllib.loads(self._read("name_parts.toml"))

        def words(key: str) -> frozenset[str]:
            return frozenset(form for word in table[key] for form in spellings(word))

        distinctive = {
            form for word in table["distinctive_surname_endings"] for form in spellings(word)
        }
        endings = distinctive | {
            form for word in table["surname_endings"] for form in spellings(word)
        }
        return NameParts(
            particles=words("particles"),
            titles=words("titles"),
            # Longest first, so the most specific ending is tried first.
            surname_endings=tuple(sorted(endings, key=len, reverse=True)),
            distinctive_surname_endings=tuple(sorted(distinctive, key=len, reverse=True)),
            company_markers=words("company_markers"),
            legal_forms=tuple(table["legal_forms"]),
            unit_words=words("unit_words"),
            attention={lang: tuple(markers) for lang, markers in table["attention"].items()},
            attention_suggestion=dict(table["attention_suggestion"]),
        )

    @cached_property
    def suggestion_lists(self) -> Mapping[str, Mapping[str, tuple[str, ...]]]:
        table = tomllib.loads(self._read("suggestions.toml"))
        return {
            purpose: {lang: tuple(parts) for lang, parts in by_language.items()}
            for purpose, by_language in table.items()
        }
