"""The verdict about an e-mail address, judged from the facts.

The verdict does not depend on which rules are selected: ignoring a rule hides its
findings, not what the address is.
"""

from __future__ import annotations

from linter.facts import ContactFacts, DomainKind
from linter.model import Verdict


def judge(facts: ContactFacts) -> Verdict:
    if facts.syntax_error is not None:
        return Verdict.INVALID
    local = facts.local
    domain = facts.domain
    # A mailbox at a provider of personal (or throw-away) mailboxes is someone's.
    at_provider = domain is not None and (
        domain.is_mailbox_provider or domain.kind is DomainKind.DISPOSABLE
    )
    if facts.look_alike is not None:
        # Never a role: what imitates a role word is no role address.
        return Verdict.PERSONAL if local.is_person or at_provider else Verdict.UNKNOWN
    if local.is_person or facts.personal_domain:
        return Verdict.PERSONAL
    if at_provider:
        return Verdict.ROLE if local.is_role else Verdict.PERSONAL
    if local.is_role:
        return Verdict.ROLE
    return Verdict.UNKNOWN
