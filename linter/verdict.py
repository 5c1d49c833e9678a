"""The verdict about an e-mail address, judged from the facts.

The verdict does not depend on which rules are selected: ignoring a rule hides its
findings, not what the address is.
"""

from __future__ import annotations

from linter.facts import KIND_DISPOSABLE, ContactFacts
from linter.model import Verdict

# The verdicts, bound once: on Python 3.11 `Verdict.ROLE` goes through EnumType's
# `__getattr__` hook, some 400 instructions a read, and every record is judged.
INVALID, PERSONAL, ROLE, UNKNOWN = Verdict.INVALID, Verdict.PERSONAL, Verdict.ROLE, Verdict.UNKNOWN


def judge(facts: ContactFacts) -> Verdict:
    if facts.syntax_error is not None:
        return INVALID
    local = facts.local
    domain = facts.domain
    # A mailbox at a provider of personal (or throw-away) mailboxes is someone's.
    at_provider = domain is not None and (
        domain.is_mailbox_provider or domain.kind is KIND_DISPOSABLE
    )
    if facts.look_alike is not None:
        # Never a role: what imitates a role word is no role address.
        return PERSONAL if local.is_person or at_provider else UNKNOWN
    if local.is_person or facts.personal_domain:
        return PERSONAL
    if at_provider:
        return ROLE if local.is_role else PERSONAL
    if local.is_role:
        return ROLE
    return UNKNOWN
