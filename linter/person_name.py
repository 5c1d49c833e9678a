"""Does a piece of free text (a contact name, an attention line) name a person?

`Anna Svensson`, `Lars-Erik Johansson`, `Sørensen, Mette`, `Dr. Hans Weber` and
`Jan van der Berg` name people; `Ekonomiavdelningen`, `Accounts Payable`, `IT-drift`,
`Acme AB` and `Svensson & Co` name a unit or a company. A legal form or a company word
outweighs a surname in it; role and unit words outweigh unknown words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from linter.names import NameReader

# A word: letters, possibly with an inner apostrophe (O'Brien, d'Artagnan).
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Characters that only company names carry.
_COMPANY_SIGNS = frozenset("&@")


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    word: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PersonName:
    """Where the name is, in code points of the text it was found in."""

    span: tuple[int, int]
    known: str


def words_of(text: str) -> list[Word]:
    return [Word(m[0], m[0].lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


class PersonNameFinder:
    def __init__(self, names: NameReader) -> None:
        self.names = names
        parts = names.parts
        self.titles = parts.titles
        self.particles = parts.particles
        self.company_markers = parts.company_markers
        self.unit_words = parts.unit_words

    def find(self, text: str) -> PersonName | None:
        if not text or _COMPANY_SIGNS.intersection(text):
            return None
        return self.find_in_words(words_of(text))

    def find_in_words(self, words: Sequence[Word]) -> PersonName | None:
        names = self.names
        has_title = False
        first: list[Word] = []
        surnames: list[Word] = []
        unknown: list[Word] = []
        units = 0
        for w in words:
            word = w.word
            if word in self.company_markers:
                return None
            if word in self.titles:
                has_title = True
                continue
            if word in self.particles and (first or surnames or unknown):
                continue
            if names.is_role(word) or word in self.unit_words:
                units += 1
            elif word in names.first_names:
                first.append(w)
            elif names.is_surname_like(word):
                surnames.append(w)
            elif len(word) > 1:
                unknown.append(w)
        name_words = first + surnames + unknown
        if not name_words or units >= len(first) + len(surnames) or len(name_words) > 5:
            return None
        if first:
            known = "a first name"
        elif has_title:
            known = "a title"
        elif len(surnames) >= 1 and len(name_words) >= 2 and not unknown:
            known = "surnames"
        else:
            return None
        if units and not has_title and len(first) + len(surnames) < 2:
            return None
        ordered = sorted(name_words, key=lambda w: w.start)
        return PersonName((ordered[0].start, ordered[-1].end), known)
