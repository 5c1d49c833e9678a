"""A001: an attention line in the postal address names a person."""

from __future__ import annotations

import re
from collections.abc import Sequence

from linter.facts import ContactFacts, FactFinder
from linter.model import Field, Finding
from linter.rules.base import Rule

# Where the parts of one line of an address are separated.
_PARTS = re.compile(r"[,;]")


class AttentionLine(Rule):
    """An attention line (`c/o`, `Att:`, `Attn`, `z. Hd.`, `t.a.v.`) names a person. Mail
    for the company then carries that person's name; a function serves as well.

    Bad:  `Att: Anna Svensson, Storgatan 1, 111 22 Stockholm`
    Good: `Att: Ekonomi, Storgatan 1, 111 22 Stockholm`
    """

    code = "A001"
    name = "attention-line-names-person"
    summary = "An attention line in the postal address names a person"

    def __init__(self, finder: FactFinder) -> None:
        super().__init__(finder)
        self.person_name_in = finder.person_name_in
        self.recipient_in = finder.recipient_in
        parts = finder.knowledge.name_parts
        self.languages_of_marker: dict[str, list[str]] = {}
        for language, markers in parts.attention.items():
            for marker in markers:
                languages = self.languages_of_marker.setdefault(marker.rstrip(".:").lower(), [])
                if language not in languages:
                    languages.append(language)
        alternatives = sorted(self.languages_of_marker, key=len, reverse=True)
        # The look-ahead for the markers' first letters spares most lines the alternatives.
        first_letters = "".join(sorted({m[0] for m in alternatives}))
        line = (
            r"[ \t]*(?=["
            + re.escape(first_letters)
            + r"])(?P<marker>"
            + "|".join(re.escape(m) for m in alternatives)
            + r")(?:[.:]+[ \t]*|[ \t]+)(?P<rest>[^\n]*)"
        )
        # An attention line starts the address, or a line or part of one. Searching for
        # the separator first lets the search skip from one to the next.
        self.marker_at_start = re.compile(line, re.IGNORECASE)
        self.marker_after_separator = re.compile(r"[\n,;]" + line, re.IGNORECASE)
        self.suggestion = parts.attention_suggestion

    def check(self, facts: ContactFacts) -> Sequence[Finding]:
        address = facts.contact.address
        if not address:
            return ()
        findings: list[Finding] = []
        for match in self._attention_lines(address):
            span = self._recipient_span(match["rest"], match.start("rest"))
            if span is None:
                continue
            language = self._language(match["marker"], facts)
            instead = self.suggestion.get(language, self.suggestion["en"])
            message = (
                f"the attention line names a person: address it to a function, "
                f"for example '{instead}'"
            )
            findings.append(self.finding(Field.ADDRESS, message, span))
        return findings

    def _attention_lines(self, address: str) -> list[re.Match[str]]:
        """The attention lines of `address`, in order, none inside another's text."""
        first = self.marker_at_start.match(address)
        if first is None:
            return list(self.marker_after_separator.finditer(address))
        return [first, *self.marker_after_separator.finditer(address, first.end())]

    def _language(self, marker: str, facts: ContactFacts) -> str:
        """The marker's language; for one shared by several (`Attn`, `c/o`), the
        language of the customer's domain when the marker is used there, else English."""
        languages = self.languages_of_marker.get(marker.lower(), [])
        if len(languages) == 1:
            return languages[0]
        domain_language = facts.domain.language if facts.domain is not None else ""
        return domain_language if domain_language in languages else "en"

    def _recipient_span(self, rest: str, offset: int) -> tuple[int, int] | None:
        """The span of a person named after the marker, up to the street (digits).

        The words right after the marker are the recipient: a person unless they read
        as a unit. Later parts of the line (`Att: Ekonomi, Anna Svensson`) need the
        ordinary evidence of a name, so that a town is not taken for a person."""
        reader = self.recipient_in
        for part in _PARTS.split(rest):
            if any(map(str.isdigit, part)):
                return None
            person = reader(part)
            if person is not None:
                start, end = person.span
                return (offset + start, offset + end)
            offset += len(part) + 1
            reader = self.person_name_in
        return None
