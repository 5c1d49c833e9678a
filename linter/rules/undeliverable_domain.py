"""E008: DNS says the address's domain accepts no mail."""

from __future__ import annotations

from collections.abc import Sequence

from linter.facts import ContactFacts
from linter.model import Field, Finding
from linter.rules.base import Rule


class UndeliverableDomain(Rule):
    """The domain of the address does not exist, has a null MX (RFC 7505), or has
    neither MX nor address records: nothing sent there arrives. Checked only when DNS
    verification is on; a time-out or server failure is never reported as this.

    Bad:  `ekonomi@kvarnbo-gammal.se` (the domain has lapsed)
    Good: `ekonomi@kvarnbo.se`
    """

    code = "E008"
    name = "undeliverable-domain"
    summary = "DNS says the address's domain accepts no mail"

    def check(self, facts: ContactFacts) -> Sequence[Finding]:
        mail, address = facts.mail, facts.address
        if mail is None or address is None or mail.deliverable is not False:
            return ()
        message = f"the domain {mail.domain} {mail.status.value}: mail to this address is lost"
        return (self.finding(Field.EMAIL, message, address.domain_span),)
