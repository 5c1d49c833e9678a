"""The verdict about an e-mail address, judged from the facts.

The verdict does not depend on which rules are selected: ignoring a rule hides its
findings, not what the address is.
"""

from __future__ import annotations

from linter.facts import ContactFacts
from linter.model import Verdict


def judge(facts: ContactFacts) -> Verdict:
    if facts.syntax_error is not None:
        return Verdict.INVALID
    local = facts.local
    if facts.look_alike is not None:
        # Never a role: what imitates a role word is no role address.
        return Verdict.PERSONAL if local.is_person else Verdict.UNKNOWN
    if local.is_person or facts.personal_domain:
        return Verdict.PERSONAL
    if facts.domain is not None and facts.domain.is_mailbox_provider:
        return Verdict.ROLE if local.is_role else Verdict.PERSONAL
    if local.is_role:
        return Verdict.ROLE
    return Verdict.UNKNOWN
