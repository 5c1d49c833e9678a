"""An e-mail address parsed once into the facts every rule reads.

`parse_address` checks the syntax and finds the local part and the domain;
`tokenize_local_part` splits the local part into word tokens with their character
positions in the original field value. `DomainReader` finds the registrable
domain with the public suffix list tldextract ships (never fetched).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property, lru_cache
from typing import NamedTuple

from linter.model import new_tuple
from linter.public_suffix import PublicSuffixList
from linter.syntax import (
    SyntaxCheck,
    check_by_parts,
    check_domain_part,
    check_local_part,
    check_syntax,
    plain_domain,
    plain_parts,
)
from linter.transliteration import plain

# `+` starts a sub-address tag; words are runs of letters, anything else separates them.
TAG_START = "+"
# Letters, with any combining marks written after them (`u` + U+0308 is `ü`).
_LETTERS = re.compile(r"(?:[^\W\d_][\u0300-\u036f]*)+")


class Token(NamedTuple):
    """A run of letters in the local part: `text` as written, `word` lower-cased.

    `start` and `end` count code points in the original e-mail field."""

    text: str
    word: str
    start: int
    end: int


class Domain(NamedTuple):
    """What the domain is: its registrable part, public suffix and the label before it."""

    name: str
    registrable: str
    suffix: str
    label: str


class ParsedAddress(NamedTuple):
    """A syntactically valid address: the local part as written and where it begins,
    and the domain, normalised (lower case, Unicode) as email-validator returns it."""

    email: str
    local: str
    local_start: int
    domain: str

    @property
    def local_span(self) -> tuple[int, int]:
        return (self.local_start, self.local_start + len(self.local))

    @property
    def domain_span(self) -> tuple[int, int]:
        """Where the domain is in the field: after the last @, to the end."""
        return (self.email.rfind("@") + 1, len(self.email))


def _split_camel_case(text: str, start: int) -> list[tuple[str, int]]:
    """`AnnaSvensson` -> `Anna`, `Svensson`; all-lower or all-upper words stay whole."""
    if text.islower() or text.isupper():
        return [(text, start)]
    parts: list[tuple[str, int]] = []
    begin = 0
    for i in range(1, len(text)):
        if text[i].isupper() and text[i - 1].islower():
            parts.append((text[begin:i], start + begin))
            begin = i
    parts.append((text[begin:], start + begin))
    return parts


_ASCII_NON_LETTERS = "".join(chr(code) for code in range(128) if not chr(code).isalpha())


def token_source(local: str) -> str:
    """The shortest start of `local` that gives the same tokens and reads the same: an
    ASCII local part without its `+tag` and the digits and marks after its last letter
    (`anna.svensson84+x` -> `anna.svensson`). A bulk run can then read such local parts
    once. Other local parts are returned whole (their look-alikes depend on every
    character)."""
    if not local.isascii():
        return local
    return local.partition(TAG_START)[0].rstrip(_ASCII_NON_LETTERS)


def tokenize_local_part(local: str, offset: int) -> tuple[tuple[Token, ...], str]:
    """Word tokens of the local part (digits dropped) and its `+tag`, if any.

    `offset` is where the local part starts in the field, so spans point into the field."""
    body, plus, tag = local.partition(TAG_START)
    tokens: list[Token] = []
    for match in _LETTERS.finditer(body):
        text = match[0]
        start = offset + match.start()
        # Words are looked up without diacritics (`eldbjørg` finds the list's `Eldbjörg`):
        # the lists hold every entry's spelling without them too (`plain`).
        if not text.isascii():
            composed = unicodedata.normalize("NFC", text)
            if len(composed) != len(text):
                # Composed letters are shorter: keep the span of what was written.
                word = plain(composed.lower())
                tokens.append(new_tuple(Token, (text, word, start, start + len(text))))
                continue
            text = composed
        if text.islower():
            tokens.append(new_tuple(Token, (text, plain(text), start, start + len(text))))
            continue
        for part, part_start in _split_camel_case(text, start):
            word = plain(part.lower())
            tokens.append(new_tuple(Token, (part, word, part_start, part_start + len(part))))
    return tuple(tokens), tag if plus else ""


class DomainReader:
    """Splits domains into registrable domain and public suffix, offline, with the
    snapshot of the public suffix list that tldextract ships (see `public_suffix`)."""

    @cached_property
    def _suffixes(self) -> PublicSuffixList:
        return PublicSuffixList.bundled()

    def read(self, domain: str) -> Domain:
        """`domain` as `check_syntax` returns it: a valid domain name, lower case."""
        label, suffix = self._suffixes.split(domain.split("."))
        registrable = f"{label}.{suffix}" if label and suffix else domain
        return new_tuple(Domain, (domain, registrable, suffix, label or domain.split(".")[0]))


class AddressParser:
    """`parse_address`, remembering the verdicts on domains and on non-plain local parts.

    In a bulk run most addresses are distinct but their domains repeat: a plain address
    is then one pattern match and one look-up, and any other address that email-validator
    splits at its one @ is two look-ups and a length check."""

    def __init__(self, size: int) -> None:
        self._plain_domain = lru_cache(maxsize=size)(plain_domain)
        self._local_part = lru_cache(maxsize=size)(check_local_part)
        self.domain_part = lru_cache(maxsize=size)(check_domain_part)

    def parse(self, email: str) -> ParsedAddress | str:
        plain = plain_parts(email, self._plain_domain)
        if plain is None:
            return _parsed(email, check_by_parts(email, self._local_part, self.domain_part))
        local, domain = plain
        return new_tuple(ParsedAddress, (email, local, 0, domain))


def parse_address(email: str) -> ParsedAddress | str:
    """The parsed address, or a message saying why `email` is not a valid address."""
    return _parsed(email, check_syntax(email))


def _parsed(email: str, checked: SyntaxCheck) -> ParsedAddress | str:
    if checked.error is not None:
        return checked.error
    local_start = email.find(checked.local) if checked.local else 0
    return ParsedAddress(email, checked.local, local_start, checked.domain)
