"""E007: a role address kept at a free-mail provider instead of the company's domain."""

from __future__ import annotations

from collections.abc import Sequence

from linter.facts import ContactFacts
from linter.model import Field, Finding, Severity
from linter.rules.base import Rule


class RoleAddressAtFreeMail(Rule):
    """Role words in the local part (`finance`, `ekonomi`, `it.support`, `drift2`, in
    English and the Nordic, German and Dutch languages) make an address a role address.
    At a free-mail provider or consumer ISP such a mailbox is still someone's private
    account: it depends on one person's password and leaves with them.

    Bad:  `kvarnbo.ekonomi@gmail.com`
    Good: `ekonomi@kvarnbo.se`
    """

    code = "E007"
    name = "role-address-at-free-mail"
    summary = "A role address at a free-mail provider instead of the company's domain"
    severity = Severity.INFO

    def check(self, facts: ContactFacts) -> Sequence[Finding]:
        domain, address = facts.domain, facts.address
        if domain is None or address is None or not domain.is_mailbox_provider:
            return ()
        if not facts.local.is_role or facts.look_alike is not None:
            return ()
        return (
            self.finding(
                Field.EMAIL,
                f"a role address at {domain.domain.registrable}, a {domain.kind.value} mailbox: "
                "use the company's own domain so it does not depend on one person",
                address.local_span,
            ),
        )
