"""What an account's lint policy makes of the findings on a write of its contacts.

- ADVISE (the default): the write succeeds; the findings go back with the response.
- ACKNOWLEDGE: personal data in billing or technical contacts stops the write until the
  request acknowledges each such finding by rule and field; the acknowledgements used
  are returned so they can be stored.
- ENFORCE: a personal e-mail address in billing or technical contacts rejects the write,
  with the role addresses to use instead; other findings are advice.

Under every policy a card number rejects the write, and the master user's own contact
is only ever advised on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from linter import Finding, LintResult, Suggestion, Verdict

CARD_NUMBER_RULE = "C001"
# Rules whose findings say a field identifies a person.
PERSONAL_DATA_RULES = frozenset({"E002", "E003", "E005", "N001", "A001"})


class LintPolicy(StrEnum):
    ADVISE = "advise"
    ACKNOWLEDGE = "acknowledge"
    ENFORCE = "enforce"


class ContactRole(StrEnum):
    MASTER = "master"
    BILLING = "billing"
    TECHNICAL = "technical"


class Outcome(StrEnum):
    ALLOWED = "allowed"
    NEEDS_ACKNOWLEDGEMENT = "needs acknowledgement"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """ "I know this field names a person": a rule code and a field path such as
    `billing_info.email` or `technical_contacts[0].name`."""

    rule: str
    field: str


@dataclass(frozen=True, slots=True)
class LintedContact:
    """One contact of the write: where it sits in the request, its role, its lint."""

    path: str
    role: ContactRole
    result: LintResult


@dataclass(frozen=True, slots=True)
class FieldFinding:
    field: str
    finding: Finding


@dataclass(frozen=True, slots=True)
class Rejection:
    field: str
    reason: str
    suggestions: tuple[Suggestion, ...] = ()


@dataclass(frozen=True, slots=True)
class PolicyDecision:
    outcome: Outcome
    findings: tuple[FieldFinding, ...] = ()
    unacknowledged: tuple[FieldFinding, ...] = ()
    rejections: tuple[Rejection, ...] = ()
    acknowledgements_used: frozenset[Acknowledgement] = field(default_factory=frozenset)


def decide(
    policy: LintPolicy,
    contacts: Sequence[LintedContact],
    acknowledged: frozenset[Acknowledgement] = frozenset(),
) -> PolicyDecision:
    """The decision for one write."""
    every = tuple(
        FieldFinding(f"{c.path}.{f.field.value}", f) for c in contacts for f in c.result.findings
    )
    cards = [
        Rejection(ff.field, ff.finding.message)
        for ff in every
        if ff.finding.rule == CARD_NUMBER_RULE
    ]
    if cards:
        return PolicyDecision(Outcome.REJECTED, every, rejections=tuple(cards))
    guarded = [c for c in contacts if c.role is not ContactRole.MASTER]
    if policy is LintPolicy.ENFORCE:
        rejections = tuple(
            Rejection(
                f"{c.path}.email",
                "a personal address is not accepted here: use a role address",
                c.result.suggestions,
            )
            for c in guarded
            if c.result.verdict is Verdict.PERSONAL
        )
        if rejections:
            return PolicyDecision(Outcome.REJECTED, every, rejections=rejections)
        return PolicyDecision(Outcome.ALLOWED, every)
    if policy is LintPolicy.ACKNOWLEDGE:
        personal = [
            FieldFinding(f"{c.path}.{f.field.value}", f)
            for c in guarded
            for f in c.result.findings
            if f.rule in PERSONAL_DATA_RULES
        ]
        needed = {Acknowledgement(ff.finding.rule, ff.field): ff for ff in personal}
        missing = tuple(ff for ack, ff in needed.items() if ack not in acknowledged)
        if missing:
            return PolicyDecision(Outcome.NEEDS_ACKNOWLEDGEMENT, every, unacknowledged=missing)
        used = frozenset(needed) & acknowledged
        return PolicyDecision(Outcome.ALLOWED, every, acknowledgements_used=used)
    return PolicyDecision(Outcome.ALLOWED, every)
