"""An e-mail address parsed once into the facts every rule reads.

`parse_address` checks the syntax, splits the local part into word tokens with their
character positions in the original field value, and finds the registrable domain with
tldextract's bundled public suffix list (never fetched).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import tldextract

from linter.syntax import check_syntax

# Characters that separate words in a local part; `+` starts a sub-address tag.
SEPARATORS = frozenset("._-")
TAG_START = "+"


@dataclass(frozen=True, slots=True)
class Token:
    """A run of letters in the local part: `text` as written, `word` lower-cased.

    `start` and `end` count code points in the original e-mail field."""

    text: str
    word: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Domain:
    """What the domain is: its registrable part, public suffix and the label before it."""

    name: str
    registrable: str
    suffix: str
    label: str


@dataclass(frozen=True, slots=True)
class ParsedAddress:
    """A syntactically valid address. `local_start` is where the local part begins."""

    email: str
    local: str
    local_start: int
    tag: str
    tokens: tuple[Token, ...]
    domain: Domain

    @property
    def local_span(self) -> tuple[int, int]:
        return (self.local_start, self.local_start + len(self.local))


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


def tokenize_local_part(local: str, offset: int) -> tuple[tuple[Token, ...], str]:
    """Word tokens of the local part (digits dropped) and its `+tag`, if any.

    `offset` is where the local part starts in the field, so spans point into the field."""
    body, plus, tag = local.partition(TAG_START)
    tokens: list[Token] = []
    run_start = -1
    for i, char in enumerate(body + "."):
        if char.isalpha():
            if run_start < 0:
                run_start = i
            continue
        if run_start >= 0:
            for text, start in _split_camel_case(body[run_start:i], offset + run_start):
                tokens.append(Token(text, text.lower(), start, start + len(text)))
            run_start = -1
    return tuple(tokens), tag if plus else ""


class DomainReader:
    """Splits domains into registrable domain and public suffix, offline.

    tldextract is told to use only the public suffix list snapshot it ships with, so it
    never opens a network connection or writes a cache."""

    @cached_property
    def _extract(self) -> tldextract.TLDExtract:
        return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    def read(self, domain: str) -> Domain:
        parts = self._extract(domain)
        if parts.domain and parts.suffix:
            registrable = f"{parts.domain}.{parts.suffix}"
        else:
            registrable = domain
        return Domain(domain, registrable, parts.suffix, parts.domain or domain.split(".")[0])


def parse_address(email: str, domains: DomainReader) -> ParsedAddress | str:
    """The parsed address, or a message saying why `email` is not a valid address."""
    checked = check_syntax(email)
    if checked.error is not None:
        return checked.error
    local_start = email.find(checked.local) if checked.local else 0
    tokens, tag = tokenize_local_part(checked.local, local_start)
    return ParsedAddress(
        email=email,
        local=checked.local,
        local_start=local_start,
        tag=tag,
        tokens=tokens,
        domain=domains.read(checked.domain),
    )
