"""Word classes: is this word a first name, a surname, a role word? And joined names.

Every question is a set look-up in the lists of `Knowledge`; words arrive lower-cased.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple

from linter.knowledge import Knowledge

# The shortest first name or surname that counts inside a joined local part (`annasvensson`).
MIN_JOINED_PART = 3
# Role words can be two letters long (`it`, `hr`): a joined role starts with one of those.
ROLE_HEAD = 2
# Distinct words whose `is_role` and `is_unit_compound` answers are remembered: names
# and role words repeat, and each answer tries every split of the word.
WORD_CACHE_SIZE = 16_384
# The shortest role or unit word that counts inside a compound (`fakturamottagning`).
MIN_COMPOUND_PART = 5
# The shortest word a distinctive surname ending marks as a surname by itself, and the
# fewest letters before the ending.
MIN_SURNAME_BY_ENDING = 6
MIN_STEM_BEFORE_ENDING = 3


class JoinedName(NamedTuple):
    """A single word read as a name: the pattern and where the parts split."""

    pattern: str
    split: int


class NameReader:
    def __init__(self, knowledge: Knowledge) -> None:
        self.first_names = knowledge.first_names
        self.surnames = knowledge.surnames
        self.role_words = knowledge.role_words
        self.parts = knowledge.name_parts
        # How joined words can begin: most words are rejected on their first letters
        # without trying every split (`annasvensson` cannot start with a role word).
        self._role_heads = _heads(self.role_words, ROLE_HEAD)
        self._first_name_heads = _heads(self.first_names, MIN_JOINED_PART)
        # Words repeat (names most of all), and both answers try every split of a word.
        self.is_role: Callable[[str], bool] = lru_cache(maxsize=WORD_CACHE_SIZE)(self._is_role)
        self.is_unit_compound: Callable[[str], bool] = lru_cache(maxsize=WORD_CACHE_SIZE)(
            self._is_unit_compound
        )

    def is_name(self, word: str) -> bool:
        return word in self.first_names or word in self.surnames

    def _is_role(self, word: str) -> bool:
        return word in self.role_words or self.is_joined_role(word)

    def is_joined_role(self, word: str) -> bool:
        """Two role or unit words written together: `itsupport`, `ekonomiavdelningen`."""
        if word[:ROLE_HEAD] not in self._role_heads:
            return False
        roles, units = self.role_words, self.parts.unit_words
        for i in range(2, len(word) - 1):
            head, tail = word[:i], word[i:]
            if head in roles and (tail in roles or tail in units):
                return True
        return False

    def _is_unit_compound(self, word: str) -> bool:
        """`fakturamottagning`, `personalabteilung`, `rechnungsprüfung`: a compound that
        starts with a role word or ends with a unit word (the Nordic and German way)."""
        roles, units = self.role_words, self.parts.unit_words
        for i in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
            if word[:i] in roles or word[i:] in units or word[i:] in roles:
                return True
        return False

    def has_surname_ending(self, word: str) -> bool:
        """`lindqvist`, `kowalczyk`: an ending surnames have, after at least two letters."""
        endings = self.parts.surname_endings
        if len(word) < 4 or not word.endswith(endings):
            return False
        return any(word.endswith(end) and len(word) > len(end) + 1 for end in endings)

    def has_distinctive_surname_ending(self, word: str) -> bool:
        """`strandqvist`, `fjellheim`, `wojciechowski`: a surname by its ending alone."""
        endings = self.parts.distinctive_surname_endings
        if len(word) < MIN_SURNAME_BY_ENDING or not word.endswith(endings):
            return False
        return any(
            word.endswith(end) and len(word) - len(end) >= MIN_STEM_BEFORE_ENDING for end in endings
        )

    def is_surname_like(self, word: str) -> bool:
        return word in self.surnames or self.has_surname_ending(word)

    def read_joined(self, word: str) -> JoinedName | None:
        """`annasvensson` (firstlast), `asvensson` (flast), `annas` (first + initial)."""
        first, surnames = self.first_names, self.surnames
        n = len(word)
        if word[:MIN_JOINED_PART] not in self._first_name_heads:
            return self._read_initial_and_surname(word)
        # firstlast: the longest known first name followed by a known surname, or by a
        # word with a surname's ending (for surnames the lists do not have).
        for i in range(n - MIN_JOINED_PART, MIN_JOINED_PART - 1, -1):
            if word[:i] in first and word[i:] in surnames:
                return JoinedName("firstlast", i)
        for i in range(n - MIN_JOINED_PART, MIN_JOINED_PART - 1, -1):
            if word[:i] in first and self.has_surname_ending(word[i:]):
                return JoinedName("firstlast", i)
        return self._read_initial_and_surname(word)

    def _read_initial_and_surname(self, word: str) -> JoinedName | None:
        """`asvensson` (flast), `ahsvensson` (two initials), `annas` (first + initial)."""
        n = len(word)
        if n > MIN_JOINED_PART + 1 and word[1:] in self.surnames:
            return JoinedName("flast", 1)
        if n > MIN_JOINED_PART + 2 and word[2:] in self.surnames:
            return JoinedName("fflast", 2)
        if n > MIN_JOINED_PART and word[:-1] in self.first_names:
            return JoinedName("firstl", n - 1)
        return None


def _heads(words: Iterable[str], length: int) -> frozenset[str]:
    """The first `length` letters of every word (whole words when shorter)."""
    return frozenset(word[:length] for word in words)
