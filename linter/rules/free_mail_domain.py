"""E003: a personal mailbox at a free-mail provider or consumer ISP."""

from __future__ import annotations

from collections.abc import Sequence

from linter.facts import ContactFacts
from linter.model import Field, Finding
from linter.rules.base import Rule


class FreeMailDomain(Rule):
    """The address is at a free-mail provider or a consumer ISP, where a mailbox belongs
    to a person unless its local part names a role. It also leaves with that person.

    Bad:  `anna1987@hotmail.se`, `lars.nilsson@telia.com`
    Good: `ekonomi@kvarnbo.se`
    """

    code = "E003"
    name = "free-mail-domain"
    summary = "A personal mailbox at a free-mail provider or consumer ISP"

    def check(self, facts: ContactFacts) -> Sequence[Finding]:
        domain, address = facts.domain, facts.address
        if domain is None or address is None or not domain.is_mailbox_provider:
            return ()
        if facts.local.is_role and facts.look_alike is None:
            return ()
        ask = (
            ""
            if facts.contact.domain
            else (
                "; no company domain is known: give the customer's own domain to get role addresses"
            )
        )
        return (
            self.finding(
                Field.EMAIL,
                f"{domain.domain.registrable} is a {domain.kind.value} mailbox: "
                f"it belongs to a person{ask}",
                address.domain_span,
            ),
        )
