"""E005: the domain itself is a person's name."""

from __future__ import annotations

from collections.abc import Sequence

from linter.facts import ContactFacts
from linter.model import Field, Finding, Span
from linter.rules.base import Rule


class PersonalDomain(Rule):
    """The domain is a person's name (`annasvensson.se`), or a surname with a first name
    or initial before the @ (`anna@svensson.se`): a family's or one person's domain.
    A surname domain with a role before the @ (`finance@ericsson.com`) is a company's.

    Bad:  `anna@svensson.se`, `post@annasvensson.se`
    Good: `ekonomi@kvarnbo.se`
    """

    code = "E005"
    name = "personal-domain"
    summary = "The domain is a person's name"

    def check(self, facts: ContactFacts) -> Sequence[Finding]:
        domain, address = facts.domain, facts.address
        if domain is None or address is None or not facts.personal_domain:
            return ()
        start = address.domain_span[0]
        label = domain.domain.label
        span: Span | None = (start, start + len(label))
        if address.email[start : start + len(label)].lower() != label:
            span = None  # the label's letters change length in lower case (`İ`)
        message = (
            f"the domain {domain.domain.registrable} is a person's name: "
            "the address identifies that person or family"
        )
        return (self.finding(Field.EMAIL, message, span),)
