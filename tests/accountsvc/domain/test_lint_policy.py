"""Lint policy decisions, on real linter results (no gRPC, no storage)."""

from __future__ import annotations

import pytest

from accountsvc.domain.contact_lint import ContactLinter, billing_text, master_text
from accountsvc.domain.errors import AcknowledgementRequired, InvalidArgument
from accountsvc.domain.lint_policy import (
    ContactRole,
    LintedContact,
    Outcome,
    decide,
    raise_unless_allowed,
)
from accountsvc.resources import Acknowledgement, LintPolicy, PostalAddress
from linter import Linter


@pytest.fixture(scope="module")
def contacts() -> ContactLinter:
    return ContactLinter(Linter())


def billing(
    contacts: ContactLinter,
    email: str,
    name: str = "",
    written: frozenset[str] | None = None,
) -> LintedContact:
    text = billing_text(email, name, PostalAddress())
    return contacts.lint("billing_info", ContactRole.BILLING, text, "kvarnbo.se", written)


def master(contacts: ContactLinter, email: str, name: str = "") -> LintedContact:
    return contacts.lint("account", ContactRole.MASTER, master_text(email, name), "kvarnbo.se")


@pytest.mark.parametrize("policy", list(LintPolicy), ids=lambda p: p.value)
def test_role_addresses_are_allowed_under_every_policy(
    contacts: ContactLinter, policy: LintPolicy
) -> None:
    assert decide(policy, [billing(contacts, "ekonomi@kvarnbo.se")]).outcome is Outcome.ALLOWED


def test_advise_allows_personal_data(contacts: ContactLinter) -> None:
    linted = billing(contacts, "anna.svensson@kvarnbo.se", "Anna Svensson")
    assert {f.field for f in linted.findings} == {"billing_info.email", "billing_info.contact_name"}
    assert decide(LintPolicy.ADVISE, [linted]).outcome is Outcome.ALLOWED


def test_acknowledge_needs_every_personal_finding_acknowledged(contacts: ContactLinter) -> None:
    linted = billing(contacts, "anna.svensson@kvarnbo.se", "Anna Svensson")
    first = decide(LintPolicy.ACKNOWLEDGE, [linted])
    assert first.outcome is Outcome.NEEDS_ACKNOWLEDGEMENT
    wanted = {Acknowledgement(f.finding.rule, f.field) for f in first.unacknowledged}
    assert wanted == {
        Acknowledgement("E002", "billing_info.email"),
        Acknowledgement("N001", "billing_info.contact_name"),
    }
    partly = decide(LintPolicy.ACKNOWLEDGE, [linted], frozenset(list(wanted)[:1]))
    assert partly.outcome is Outcome.NEEDS_ACKNOWLEDGEMENT
    done = decide(LintPolicy.ACKNOWLEDGE, [linted], frozenset(wanted))
    assert (done.outcome, done.acknowledgements_used) == (Outcome.ALLOWED, frozenset(wanted))


def test_acknowledgement_of_another_field_does_not_count(contacts: ContactLinter) -> None:
    linted = billing(contacts, "anna.svensson@kvarnbo.se")
    elsewhere = frozenset({Acknowledgement("E002", "technical_contacts[0].email")})
    assert decide(LintPolicy.ACKNOWLEDGE, [linted], elsewhere).outcome is (
        Outcome.NEEDS_ACKNOWLEDGEMENT
    )


def test_enforce_rejects_a_personal_billing_address_with_suggestions(
    contacts: ContactLinter,
) -> None:
    decision = decide(LintPolicy.ENFORCE, [billing(contacts, "anna.svensson@kvarnbo.se")])
    assert decision.outcome is Outcome.REJECTED
    (rejection,) = decision.rejections
    assert rejection.field == "billing_info.email"
    assert rejection.suggestions[0].email == "ekonomi@kvarnbo.se"


@pytest.mark.parametrize(
    "policy", [LintPolicy.ACKNOWLEDGE, LintPolicy.ENFORCE], ids=lambda p: p.value
)
def test_an_unwritten_personal_address_does_not_stop_a_write(
    contacts: ContactLinter, policy: LintPolicy
) -> None:
    only_name = billing(
        contacts, "anna.svensson@kvarnbo.se", "Ekonomi", written=frozenset({"contact_name"})
    )
    assert decide(policy, [only_name]).outcome is Outcome.ALLOWED


@pytest.mark.parametrize("policy", list(LintPolicy), ids=lambda p: p.value)
def test_master_users_own_address_is_only_advised(
    contacts: ContactLinter, policy: LintPolicy
) -> None:
    linted = master(contacts, "anna.svensson@kvarnbo.se", "Anna Svensson")
    assert linted.findings
    assert decide(policy, [linted]).outcome is Outcome.ALLOWED


@pytest.mark.parametrize("policy", list(LintPolicy), ids=lambda p: p.value)
def test_card_numbers_are_rejected_under_every_policy(
    contacts: ContactLinter, policy: LintPolicy
) -> None:
    decision = decide(policy, [master(contacts, "ekonomi@kvarnbo.se", "4111 1111 1111 1111")])
    assert decision.outcome is Outcome.REJECTED
    assert [(r.field, r.card_data) for r in decision.rejections] == [("account.master_name", True)]
    with pytest.raises(InvalidArgument) as refused:
        raise_unless_allowed(decision)
    assert refused.value.reason == "CARD_DATA_REFUSED"
    assert "4111" not in str(refused.value)


def test_an_invalid_address_is_rejected_even_for_the_master_user(contacts: ContactLinter) -> None:
    decision = decide(LintPolicy.ADVISE, [master(contacts, "ekonomi@@kvarnbo.se")])
    assert [r.field for r in decision.rejections] == ["account.master_email"]


def test_needed_acknowledgements_become_one_error_listing_them(contacts: ContactLinter) -> None:
    decision = decide(LintPolicy.ACKNOWLEDGE, [billing(contacts, "anna.svensson@kvarnbo.se")])
    with pytest.raises(AcknowledgementRequired) as needed:
        raise_unless_allowed(decision)
    assert [(f.rule, f.field) for f in needed.value.findings] == [("E002", "billing_info.email")]
