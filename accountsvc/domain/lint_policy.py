"""What an account's lint policy makes of the findings on a write of its contacts.

- ADVISE (the default): the write succeeds; the findings go back with the response.
- ACKNOWLEDGE: personal data in billing or technical contacts stops the write until the
  request acknowledges each such finding by rule and field; the acknowledgements used
  are returned so they can be stored.
- ENFORCE: a personal e-mail address in billing or technical contacts rejects the write,
  with the role addresses to use instead; other findings are advice.

Under every policy a card number or an invalid address rejects the write, and the master
user's own contact is only ever advised on. Only the fields the write changes count: a
write that leaves a personal address as it was is not stopped by it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from accountsvc.domain.errors import (
    AcknowledgementRequired,
    FieldViolation,
    InvalidArgument,
    UnacknowledgedFinding,
)
from accountsvc.resources import Acknowledgement, LintPolicy
from linter import Finding, LintResult, Suggestion, Verdict

CARD_NUMBER_RULE = "C001"
INVALID_ADDRESS_RULE = "E001"
# Rules whose findings say a field identifies a person.
PERSONAL_DATA_RULES = frozenset({"E002", "E003", "E005", "N001", "A001"})


class ContactRole(StrEnum):
    MASTER = "master"
    BILLING = "billing"
    TECHNICAL = "technical"


class Outcome(StrEnum):
    ALLOWED = "allowed"
    NEEDS_ACKNOWLEDGEMENT = "needs acknowledgement"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class FieldFinding:
    """A finding placed on a request field (`billing_info.email`, with its span counted
    in that field's value)."""

    field: str
    finding: Finding


@dataclass(frozen=True, slots=True)
class LintedContact:
    """One contact of the write: where it sits in the request, its role, its lint, and
    which of its fields the write changes: paths on the resource as an update mask names
    them (`email`, `postal_address.city`), or None for all of them."""

    path: str
    role: ContactRole
    result: LintResult
    findings: tuple[FieldFinding, ...]
    email_field: str
    written: frozenset[str] | None = None

    def writes(self, field: str) -> bool:
        """Whether the write changes the request field `field` (a finding's field)."""
        if self.written is None:
            return True
        on_resource = field.removeprefix(f"{self.path}.")
        return any(
            on_resource == p or on_resource.startswith((f"{p}.", f"{p}[")) for p in self.written
        )

    @property
    def verdict(self) -> Verdict:
        return self.result.verdict

    @property
    def suggestions(self) -> tuple[Suggestion, ...]:
        return self.result.suggestions


@dataclass(frozen=True, slots=True)
class Rejection:
    field: str
    reason: str
    suggestions: tuple[Suggestion, ...] = ()
    card_data: bool = False


@dataclass(frozen=True, slots=True)
class PolicyDecision:
    outcome: Outcome
    unacknowledged: tuple[FieldFinding, ...] = ()
    rejections: tuple[Rejection, ...] = ()
    acknowledgements_used: frozenset[Acknowledgement] = field(default_factory=frozenset)


def _refused_everywhere(contacts: Sequence[LintedContact]) -> list[Rejection]:
    """Card numbers in any written field, invalid written addresses: never stored."""
    refused = []
    for contact in contacts:
        for ff in contact.findings:
            if not contact.writes(ff.field):
                continue
            if ff.finding.rule == CARD_NUMBER_RULE:
                refused.append(Rejection(ff.field, ff.finding.message, card_data=True))
            elif ff.finding.rule == INVALID_ADDRESS_RULE:
                refused.append(Rejection(ff.field, ff.finding.message))
    return refused


def decide(
    policy: LintPolicy,
    contacts: Sequence[LintedContact],
    acknowledged: frozenset[Acknowledgement] = frozenset(),
) -> PolicyDecision:
    """The decision for one write."""
    refused = _refused_everywhere(contacts)
    if refused:
        return PolicyDecision(Outcome.REJECTED, rejections=tuple(refused))
    guarded = [c for c in contacts if c.role is not ContactRole.MASTER]
    if policy is LintPolicy.ENFORCE:
        rejections = tuple(
            Rejection(
                c.email_field,
                "a personal address is not accepted here: use a role address",
                c.suggestions,
            )
            for c in guarded
            if c.verdict is Verdict.PERSONAL and c.writes(c.email_field)
        )
        if rejections:
            return PolicyDecision(Outcome.REJECTED, rejections=rejections)
        return PolicyDecision(Outcome.ALLOWED)
    if policy is LintPolicy.ACKNOWLEDGE:
        needed = {
            Acknowledgement(ff.finding.rule, ff.field): ff
            for c in guarded
            for ff in c.findings
            if ff.finding.rule in PERSONAL_DATA_RULES and c.writes(ff.field)
        }
        missing = tuple(ff for ack, ff in needed.items() if ack not in acknowledged)
        if missing:
            return PolicyDecision(Outcome.NEEDS_ACKNOWLEDGEMENT, unacknowledged=missing)
        return PolicyDecision(Outcome.ALLOWED, acknowledgements_used=frozenset(needed))
    return PolicyDecision(Outcome.ALLOWED)


def raise_unless_allowed(decision: PolicyDecision) -> None:
    """A refused write as the domain's error: field violations (card data, an invalid or
    a personal address under ENFORCE), or the findings still to acknowledge."""
    if decision.outcome is Outcome.REJECTED:
        card = any(r.card_data for r in decision.rejections)
        raise InvalidArgument(
            [FieldViolation(r.field, r.reason, r.suggestions) for r in decision.rejections],
            "CARD_DATA_REFUSED" if card else "CONTACT_REFUSED",
        )
    if decision.outcome is Outcome.NEEDS_ACKNOWLEDGEMENT:
        raise AcknowledgementRequired(
            [
                UnacknowledgedFinding(ff.finding.rule, ff.field, ff.finding.message)
                for ff in decision.unacknowledged
            ]
        )
