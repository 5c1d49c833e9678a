"""E001: the e-mail address is not a valid address."""

from __future__ import annotations

from collections.abc import Sequence

from linter.facts import ContactFacts
from linter.model import Field, Finding, Severity
from linter.rules.base import Rule


class AddressSyntax(Rule):
    """The e-mail address is not valid, so no mail will reach it.

    Verdicts agree with email-validator's default mode: internationalised addresses are
    valid, quoted local parts, IP-address literals and special-use domains are not.

    Bad:  `anna..svensson@kvarnbo.se` (two dots in a row), `ekonomi@kvarnbo` (no top-level domain)
    Good: `ekonomi@kvarnbo.se`
    """

    code = "E001"
    name = "invalid-address"
    summary = "The e-mail address is not a valid address"
    severity = Severity.ERROR

    def check(self, facts: ContactFacts) -> Sequence[Finding]:
        if facts.syntax_error is not None:
            return (self.finding(Field.EMAIL, facts.syntax_error),)
        return ()
