"""Lint policy decisions, on real linter results (no gRPC, no storage)."""

from __future__ import annotations

import pytest

from accountsvc.domain.lint_policy import (
    Acknowledgement,
    ContactRole,
    LintedContact,
    LintPolicy,
    Outcome,
    decide,
)
from linter import Contact, Linter, Purpose


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def linted(
    linter: Linter, role: ContactRole, email: str, name: str = "", path: str = ""
) -> LintedContact:
    purpose = {ContactRole.BILLING: Purpose.BILLING, ContactRole.TECHNICAL: Purpose.TECHNICAL}
    contact = Contact(email, name=name, purpose=purpose.get(role, Purpose.ACCOUNT))
    return LintedContact(path or role.value, role, linter.lint(contact))


@pytest.mark.parametrize("policy", list(LintPolicy), ids=lambda p: p.value)
def test_role_addresses_are_allowed_under_every_policy(linter: Linter, policy: LintPolicy) -> None:
    contacts = [
        linted(linter, ContactRole.BILLING, "ekonomi@kvarnbo.se", path="billing_info"),
        linted(linter, ContactRole.TECHNICAL, "drift@kvarnbo.se", path="technical_contacts[0]"),
    ]
    assert decide(policy, contacts).outcome is Outcome.ALLOWED


def test_advise_allows_personal_data_and_returns_the_findings(linter: Linter) -> None:
    billing = linted(linter, ContactRole.BILLING, "anna.svensson@kvarnbo.se", "Anna Svensson")
    decision = decide(LintPolicy.ADVISE, [billing])
    assert decision.outcome is Outcome.ALLOWED
    assert {f.field for f in decision.findings} == {"billing.email", "billing.name"}


def test_acknowledge_needs_every_personal_finding_acknowledged(linter: Linter) -> None:
    billing = linted(
        linter, ContactRole.BILLING, "anna.svensson@kvarnbo.se", "Anna Svensson", "billing_info"
    )
    first = decide(LintPolicy.ACKNOWLEDGE, [billing])
    assert first.outcome is Outcome.NEEDS_ACKNOWLEDGEMENT
    wanted = {Acknowledgement(f.finding.rule, f.field) for f in first.unacknowledged}
    assert wanted == {
        Acknowledgement("E002", "billing_info.email"),
        Acknowledgement("N001", "billing_info.name"),
    }
    partly = decide(LintPolicy.ACKNOWLEDGE, [billing], frozenset(list(wanted)[:1]))
    assert partly.outcome is Outcome.NEEDS_ACKNOWLEDGEMENT
    done = decide(LintPolicy.ACKNOWLEDGE, [billing], frozenset(wanted))
    assert (done.outcome, done.acknowledgements_used) == (Outcome.ALLOWED, frozenset(wanted))


def test_enforce_rejects_a_personal_billing_address_with_suggestions(linter: Linter) -> None:
    billing = linted(linter, ContactRole.BILLING, "anna.svensson@kvarnbo.se", path="billing_info")
    decision = decide(LintPolicy.ENFORCE, [billing])
    assert decision.outcome is Outcome.REJECTED
    (rejection,) = decision.rejections
    assert rejection.field == "billing_info.email"
    assert rejection.suggestions[0].email == "ekonomi@kvarnbo.se"


@pytest.mark.parametrize("policy", list(LintPolicy), ids=lambda p: p.value)
def test_master_users_own_address_is_only_advised(linter: Linter, policy: LintPolicy) -> None:
    master = linted(linter, ContactRole.MASTER, "anna.svensson@kvarnbo.se", "Anna Svensson")
    decision = decide(policy, [master])
    assert decision.outcome is Outcome.ALLOWED
    assert decision.findings


@pytest.mark.parametrize("policy", list(LintPolicy), ids=lambda p: p.value)
def test_card_numbers_are_rejected_under_every_policy(linter: Linter, policy: LintPolicy) -> None:
    card = linted(linter, ContactRole.MASTER, "ekonomi@kvarnbo.se", "4111 1111 1111 1111")
    decision = decide(policy, [card])
    assert decision.outcome is Outcome.REJECTED
    assert [r.field for r in decision.rejections] == ["master.name"]
