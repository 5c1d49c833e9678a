"""E004: the address is at a disposable (throw-away) mail domain."""

from __future__ import annotations

from collections.abc import Sequence

from linter.facts import KIND_DISPOSABLE, ContactFacts
from linter.model import Field, Finding
from linter.rules.base import Rule


class DisposableDomain(Rule):
    """The domain hands out throw-away mailboxes: mail to it soon reaches nobody, and
    whoever holds it is one person, not the customer's organisation.

    Bad:  `ekonomi@mailinator.com`
    Good: `ekonomi@kvarnbo.se`
    """

    code = "E004"
    name = "disposable-domain"
    summary = "The address is at a disposable mail domain"

    def check(self, facts: ContactFacts) -> Sequence[Finding]:
        domain, address = facts.domain, facts.address
        if domain is None or address is None or domain.kind is not KIND_DISPOSABLE:
            return ()
        return (
            self.finding(
                Field.EMAIL,
                f"{domain.domain.registrable} hands out disposable mailboxes",
                address.domain_span,
            ),
        )
