"""Does a piece of free text (a contact name, an attention line) name a person?

`Anna Svensson`, `Lars-Erik Johansson`, `Sørensen, Mette`, `Dr. Hans Weber`, `J. Smith`
and `van der Berg` name people; `Ekonomiavdelningen`, `Accounts Payable`, `IT-drift`,
`Acme AB` and `Svensson & Co` name a unit or a company. A legal form or a company word
outweighs a surname beside it, and role words outweigh unknown words. Text that mixes
a unit or company with a person (`Kvarnbo AB, Lars Nilsson`, `Accounts Payable (John
Smith)`) is read part by part, so the person is still found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from linter.model import new_tuple
from linter.names import NameReader
from linter.transliteration import plain

# A word: letters, possibly with an inner apostrophe (O'Brien, d'Artagnan).
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Where a mixed text splits into parts: `Kvarnbo AB, Lars Nilsson`, `Team (Anna)`.
_PART_BREAK = re.compile(r"[,;()/|]|\s[-–]\s|\sv/\s")
# Characters that only company names carry.
_COMPANY_SIGNS = frozenset("&@")
# More name words than this is a sentence, not a name.
_MOST_NAME_WORDS = 5


class Word(NamedTuple):
    text: str
    word: str
    start: int
    end: int


class PersonName(NamedTuple):
    """Where the name is, in code points of the text it was found in, and the evidence."""

    span: tuple[int, int]
    evidence: str


def words_of(text: str, offset: int = 0) -> list[Word]:
    """The words of `text`; each looked up without diacritics, as the lists also hold
    every entry (`Eldbjørg` finds `Eldbjörg`)."""
    return [
        new_tuple(Word, (m[0], plain(m[0].lower()), offset + m.start(), offset + m.end()))
        for m in _WORD.finditer(text)
    ]


class PersonNameFinder:
    """`lenient` readers (attention lines) also take unknown capitalised words for a name:
    after `Att:` a recipient is expected, and it is a person unless it reads as a unit."""

    def __init__(self, names: NameReader, lenient: bool = False) -> None:
        self.names = names
        self.lenient = lenient
        parts = names.parts
        self.titles = parts.titles
        self.particles = parts.particles
        self.company_markers = parts.company_markers
        self.unit_words = parts.unit_words
        self.legal_form = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(f) for f in parts.legal_forms) + r")(?!\w)",
            re.IGNORECASE,
        )

    def find(self, text: str) -> PersonName | None:
        if not text:
            return None
        whole = self._find_in_part(text, 0)
        if whole is not None or not _PART_BREAK.search(text):
            return whole
        start = 0
        for match in [*_PART_BREAK.finditer(text), None]:
            end = match.start() if match is not None else len(text)
            found = self._find_in_part(text[start:end], start)
            if found is not None:
                return found
            if match is not None:
                start = match.end()
        return None

    def _find_in_part(self, text: str, offset: int) -> PersonName | None:
        if _COMPANY_SIGNS.intersection(text) or self.legal_form.search(text):
            return None
        return self.find_in_words(words_of(text, offset))

    def find_in_words(self, words: Sequence[Word]) -> PersonName | None:
        names = self.names
        has_title = False
        first: list[Word] = []
        surnames: list[Word] = []
        unknown: list[Word] = []
        initials: list[Word] = []
        particles: list[Word] = []
        units = 0
        if len(words) > 1 and names.is_role("".join(w.word for w in words)):
            return None  # `On-call`, `IT-Support`: a role written in parts
        for w in words:
            word = w.word
            # A legal form as written: `Åsa` is a name, `ASA` a Norwegian company.
            if w.text.lower() in self.company_markers:
                return None
            if word in self.titles:
                has_title = True
            elif word in self.particles:
                particles.append(w)
            elif names.is_role(word) or word in self.unit_words or names.is_unit_compound(word):
                units += 1
            elif len(word) == 1:
                if not w.text.isupper():
                    return None  # `Bageriet i Tallmo`: a word, not an initial
                initials.append(w)
            elif word in names.first_names:
                first.append(w)
            elif names.is_surname_like(word):
                surnames.append(w)
            elif w.text[0].isupper() or self.lenient:
                unknown.append(w)
            else:
                return None
        others = surnames + unknown
        known = len(first) + len(surnames)
        if (not first and not others) or len(first) + len(others) > _MOST_NAME_WORDS:
            return None
        if units and not has_title and (units >= known or known < 2):
            return None
        capitalised = all(w.text[0].isupper() for w in others)
        if first:
            evidence = "a first name"
        elif has_title:
            evidence = "a title"
        elif initials and capitalised:
            evidence = "an initial"
        elif particles and particles[0].start < others[0].start and capitalised:
            evidence = "a surname with its particle"
        elif len(others) >= 2 and capitalised and any(w.word in names.surnames for w in others):
            evidence = "a known surname"
        elif (
            len(others) >= 2
            and capitalised
            and not units
            and words[-1] in others
            and names.has_distinctive_surname_ending(words[-1].word)
        ):
            # `Ylvali Strandqvist`: a surname the lists lack, where a surname stands. A
            # company or place named so comes first (`Oberhuber Transporte`).
            evidence = "a surname's ending"
        elif (
            self.lenient
            and not units
            and (len(others) >= 2 or any(w.word in names.surnames for w in surnames))
        ):
            evidence = "the recipient of an attention line"
        else:
            return None
        names_at = {w.start for w in first + others + initials}
        parts = first + others + initials + _particles_in_names(words, particles, names_at)
        parts.sort(key=lambda w: w.start)
        return PersonName((parts[0].start, parts[-1].end), evidence)


def _particles_in_names(
    words: Sequence[Word], particles: list[Word], names_at: set[int]
) -> list[Word]:
    """The particles that lead into a name (`van der Berg`), not those before a title
    (`de heer Jan de Vries`): each must be followed by a name word or another such."""
    particles_at = {w.start for w in particles}
    kept: list[Word] = []
    leads_into_name = False
    for w in reversed(words):
        if w.start in particles_at:
            if leads_into_name:
                kept.append(w)
        else:
            leads_into_name = w.start in names_at
    return kept
