"""What the local part of an address says: a person's name, a role, or nothing clear.

The reading is computed once per address and shared by the rules and the verdict.
Evidence for a person: tokens that are known first names and surnames in the patterns
companies use (`first.last`, `f.last`, `flast`, `firstlast`, `last.first`, `first.l`,
`first`), or tokens that match the contact's own name, which needs no dictionary.
Evidence for a role: tokens that are role words (`finance`, `ekonomi`, `it.support`).
A word that is both a first name and a role word is read from its neighbours.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

from linter.address import Token
from linter.names import NameReader
from linter.transliteration import spellings


class Reading(Enum):
    PERSON = "person"
    ROLE = "role"
    UNCLEAR = "unclear"


# Read by the properties below for every record, bound once: on Python 3.11 a member
# read off its class goes through EnumType's `__getattr__` hook, some 400 instructions.
_PERSON = Reading.PERSON
_ROLE = Reading.ROLE
_UNCLEAR = Reading.UNCLEAR


class LocalPartReading(NamedTuple):
    reading: Reading
    pattern: str = ""
    span: tuple[int, int] | None = None
    from_contact_name: bool = False
    role_word: str = ""

    @property
    def is_person(self) -> bool:
        return self.reading is _PERSON

    @property
    def is_role(self) -> bool:
        return self.reading is _ROLE

    @property
    def is_unclear(self) -> bool:
        return self.reading is _UNCLEAR


UNCLEAR = LocalPartReading(Reading.UNCLEAR)


def contact_name_words(name: str) -> frozenset[str]:
    """Every spelling of every word of a contact name, for matching against a local part."""
    words: set[str] = set()
    for raw in name.replace(",", " ").replace("-", " ").split():
        word = raw.strip(".'").lower()
        if len(word) >= 2 and word.isalpha():
            words.update(spellings(word))
    return frozenset(words)


def _span(tokens: Sequence[Token]) -> tuple[int, int]:
    return (tokens[0].start, tokens[-1].end)


def _joined_contact_name(word: str, words: frozenset[str]) -> bool:
    """`annasvensson`, `asvensson`, `svenssona` built from the contact's name words."""
    for i in range(1, len(word)):
        head, tail = word[:i], word[i:]
        head_ok = head in words or (len(head) == 1 and any(w[0] == head for w in words))
        tail_ok = tail in words or (len(tail) == 1 and any(w[0] == tail for w in words))
        if head_ok and tail_ok and (len(head) > 1 or len(tail) > 1):
            return True
    return False


class LocalPartReader:
    def __init__(self, names: NameReader) -> None:
        self.names = names
        self.particles = names.parts.particles

    def read(
        self, tokens: Sequence[Token], name_words: frozenset[str] = frozenset()
    ) -> LocalPartReading:
        if not tokens:
            return UNCLEAR
        if name_words:
            by_name = self._read_with_contact_name(tokens, name_words)
            if by_name is not None:
                return by_name
        if len(tokens) == 1:
            return self._read_single(tokens[0])
        return self._read_several(tokens)

    def _read_with_contact_name(
        self, tokens: Sequence[Token], words: frozenset[str]
    ) -> LocalPartReading | None:
        matched = [t for t in tokens if t.word in words and not self.names.is_role(t.word)]
        if matched:
            # An initial of the contact's name belongs to the match (`z.brzeczyszczykiewicz`).
            initials = {w[0] for w in words}
            matched += [t for t in tokens if len(t.word) == 1 and t.word in initials]
            matched.sort(key=_start)
            return LocalPartReading(
                Reading.PERSON, "contact name", _span(matched), from_contact_name=True
            )
        if len(tokens) == 1 and _joined_contact_name(tokens[0].word, words):
            return LocalPartReading(
                Reading.PERSON, "contact name", _span(tokens), from_contact_name=True
            )
        return None

    def _read_single(self, token: Token) -> LocalPartReading:
        names, word = self.names, token.word
        span = (token.start, token.end)
        if names.is_role(word):
            return LocalPartReading(Reading.ROLE, span=span, role_word=word)
        if word in names.first_names:
            return LocalPartReading(Reading.PERSON, "first", span)
        joined = names.read_joined(word)
        if joined is not None:
            return LocalPartReading(Reading.PERSON, joined.pattern, span)
        if word in names.surnames:
            return LocalPartReading(Reading.PERSON, "last", span)
        return UNCLEAR

    def _read_several(self, tokens: Sequence[Token]) -> LocalPartReading:
        names = self.names
        joined = "".join(t.word for t in tokens)
        if joined in names.role_words and not any(t.word in names.role_words for t in tokens):
            # A role written in parts: `no-reply`, `kund.tjanst`.
            return LocalPartReading(Reading.ROLE, span=_span(tokens), role_word=joined)
        roles: list[Token] = []
        people: list[Token] = []
        initials: list[Token] = []
        others: list[Token] = []
        ambiguous: list[Token] = []
        by_ending: list[Token] = []
        for token in tokens:
            word = token.word
            if word in self.particles:
                continue
            is_role = names.is_role(word)
            is_name = names.is_name(word)
            if is_role and is_name:
                ambiguous.append(token)
            elif is_role:
                roles.append(token)
            elif is_name:
                people.append(token)
            elif len(word) == 1:
                initials.append(token)
            elif names.has_distinctive_surname_ending(word):
                by_ending.append(token)
            else:
                others.append(token)
        if by_ending:
            # A surname the lists lack, known by its ending (`ylvali.strandqvist`), unless
            # a role word is there to say what the address is for.
            (others if roles or ambiguous else people).extend(by_ending)
        if people and (len(people) + len(ambiguous) + len(initials) >= 2 or not roles):
            # A known name with another name, an initial, or words that are no role
            # (`anna.svensson`, `a.svensson`, `anna.s`, `anna.xyz`).
            person_tokens = sorted(people + ambiguous + initials, key=lambda t: t.start)
            if len(person_tokens) == 1 and others:
                person_tokens = sorted(person_tokens + others, key=lambda t: t.start)
            return LocalPartReading(Reading.PERSON, self._pattern(tokens), _span(person_tokens))
        if roles or ambiguous:
            role = (roles or ambiguous)[0]
            if people:
                # A role word beside a person's name still names the person.
                return LocalPartReading(
                    Reading.PERSON, self._pattern(tokens), _span(sorted(people, key=_start))
                )
            return LocalPartReading(Reading.ROLE, span=_span(tokens), role_word=role.word)
        if initials and others:
            # `j.doe`, `anna.k`: an initial beside a word is how people, not roles, are named.
            return LocalPartReading(Reading.PERSON, self._pattern(tokens), _span(tokens))
        return UNCLEAR

    def _pattern(self, tokens: Sequence[Token]) -> str:
        """A short description like `first.last` for messages."""
        names = self.names
        labels: list[str] = []
        for token in tokens:
            word = token.word
            if len(word) == 1:
                labels.append("l" if labels else "f")
            elif word in names.first_names and (not labels or word not in names.surnames):
                labels.append("first")
            elif word in names.surnames or names.has_surname_ending(word):
                labels.append("last")
            elif word in self.particles:
                labels.append("particle")
            else:
                labels.append("word")
        return ".".join(labels)


def _start(token: Token) -> int:
    return token.start
