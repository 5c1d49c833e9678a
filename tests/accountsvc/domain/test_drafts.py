"""Drafts: update masks over what a caller writes, merging a write into what is stored, and
the checks of each kind of draft."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountsvc.domain.drafts import (
    ACCOUNT_PATHS,
    BILLING_PATHS,
    CONTACT_PATHS,
    AccountFields,
    BillingFields,
    ContactFields,
    account_problems,
    billing_problems,
    contact_problems,
    merged,
    resolve_mask,
)
from accountsvc.domain.errors import InvalidArgument
from accountsvc.resources import LintPolicy, NotificationCategory, PostalAddress

STORED_ADDRESS = PostalAddress(("Storgatan 1",), "111 22", "Stockholm", "SE")
STORED_BILLING = BillingFields(
    email="ekonomi@kvarnbo.se",
    contact_name="Ekonomi",
    postal_address=STORED_ADDRESS,
    payment_verification_hash="",
)


# resolve_mask


def test_no_paths_mean_the_fields_the_write_sets() -> None:
    given = AccountFields(master_name="Kvarnbo AB", lint_policy=LintPolicy.ENFORCE)
    assert resolve_mask([], ACCOUNT_PATHS, given) == {"master_name", "lint_policy"}


def test_no_paths_and_nothing_set_write_nothing() -> None:
    assert resolve_mask([], CONTACT_PATHS, ContactFields()) == frozenset()


def test_no_paths_name_a_set_address_as_a_whole() -> None:
    given = BillingFields(postal_address=PostalAddress(city="Göteborg"))
    assert resolve_mask([], BILLING_PATHS, given) == {"postal_address"}


def test_no_paths_count_a_set_list_of_categories() -> None:
    given = ContactFields(notification_categories=(NotificationCategory.NEWS,))
    assert resolve_mask([], CONTACT_PATHS, given) == {"notification_categories"}


def test_star_means_every_top_level_field_set_or_not() -> None:
    assert resolve_mask(["*"], BILLING_PATHS, BillingFields()) == {
        "email",
        "contact_name",
        "postal_address",
        "payment_verification_hash",
    }


def test_star_over_account_fields_is_every_account_path() -> None:
    assert resolve_mask(["*"], ACCOUNT_PATHS, AccountFields()) == set(ACCOUNT_PATHS)


def test_named_paths_are_the_fields_written() -> None:
    paths = ["email", "postal_address.city"]
    assert resolve_mask(paths, BILLING_PATHS, BillingFields()) == {"email", "postal_address.city"}


def test_an_unknown_path_is_refused_on_update_mask() -> None:
    with pytest.raises(InvalidArgument) as refused:
        resolve_mask(["master_email", "state"], ACCOUNT_PATHS, AccountFields())
    assert refused.value.reason == "INVALID_UPDATE_MASK"
    ((field, description),) = [(v.field, v.description) for v in refused.value.violations]
    assert field == "update_mask"
    assert description == (
        "cannot update 'state': updatable are master_email, master_name, lint_policy"
    )


def test_each_unknown_path_gets_its_own_violation() -> None:
    with pytest.raises(InvalidArgument) as refused:
        resolve_mask(["id", "email", "etag"], CONTACT_PATHS, ContactFields())
    assert [(v.field, v.description.split(":")[0]) for v in refused.value.violations] == [
        ("update_mask", "cannot update 'id'"),
        ("update_mask", "cannot update 'etag'"),
    ]


@pytest.mark.parametrize(
    "paths",
    [["postal_address.street"], ["*", "email"], ["Email"], ["email.local_part"]],
    ids=["unknown-address-part", "star-with-others", "wrong-case", "part-of-a-plain-field"],
)
def test_paths_outside_the_allowed_ones_are_refused(paths: list[str]) -> None:
    with pytest.raises(InvalidArgument) as refused:
        resolve_mask(paths, BILLING_PATHS, BillingFields())
    assert {v.field for v in refused.value.violations} == {"update_mask"}


# merged


def test_merge_takes_the_written_fields_and_keeps_the_rest() -> None:
    current = AccountFields("ekonomi@kvarnbo.se", "Kvarnbo AB", LintPolicy.ADVISE)
    given = AccountFields("it@kvarnbo.se", "Other AB", LintPolicy.ENFORCE)
    assert merged(current, given, frozenset({"master_email"})) == AccountFields(
        "it@kvarnbo.se", "Kvarnbo AB", LintPolicy.ADVISE
    )


def test_merge_writes_an_empty_value_when_its_path_is_named() -> None:
    current = ContactFields("drift@kvarnbo.se", "Drift", "sv")
    assert merged(current, ContactFields(), frozenset({"display_name"})) == ContactFields(
        "drift@kvarnbo.se", "", "sv"
    )


def test_merging_nothing_keeps_the_current_fields() -> None:
    assert merged(STORED_BILLING, BillingFields(), frozenset()) == STORED_BILLING


def test_merging_one_address_part_keeps_the_other_parts() -> None:
    given = BillingFields(postal_address=PostalAddress(city="Göteborg"))
    result = merged(STORED_BILLING, given, frozenset({"postal_address.city"}))
    assert result.postal_address == PostalAddress(("Storgatan 1",), "111 22", "Göteborg", "SE")
    assert result.email == "ekonomi@kvarnbo.se"


def test_merging_two_address_parts_writes_both() -> None:
    given = BillingFields(postal_address=PostalAddress(("Box 12",), "411 01", "Göteborg", "NO"))
    paths = frozenset({"postal_address.city", "postal_address.address_lines"})
    assert merged(STORED_BILLING, given, paths).postal_address == PostalAddress(
        ("Box 12",), "111 22", "Göteborg", "SE"
    )


def test_merging_the_whole_address_replaces_it_even_beside_one_of_its_parts() -> None:
    given = BillingFields(postal_address=PostalAddress(city="Göteborg"))
    paths = frozenset({"postal_address", "postal_address.city"})
    assert merged(STORED_BILLING, given, paths).postal_address == PostalAddress(city="Göteborg")


def test_merge_returns_a_new_value_and_leaves_current_as_it_was() -> None:
    given = BillingFields(email="it@kvarnbo.se")
    result = merged(STORED_BILLING, given, frozenset({"email"}))
    assert (result.email, STORED_BILLING.email) == ("it@kvarnbo.se", "ekonomi@kvarnbo.se")


contact_fields = st.builds(
    ContactFields,
    email=st.text(max_size=20),
    display_name=st.text(max_size=20),
    language=st.sampled_from(["", "sv", "en-GB"]),
    notification_categories=st.lists(st.sampled_from(NotificationCategory), max_size=3).map(tuple),
)


@given(current=contact_fields, given_fields=contact_fields)
def test_merging_under_star_is_the_written_value(
    current: ContactFields, given_fields: ContactFields
) -> None:
    paths = resolve_mask(["*"], CONTACT_PATHS, given_fields)
    assert merged(current, given_fields, paths) == given_fields


@given(current=contact_fields, given_fields=contact_fields)
def test_merging_under_no_paths_keeps_what_the_write_leaves_unset(
    current: ContactFields, given_fields: ContactFields
) -> None:
    result = merged(current, given_fields, resolve_mask([], CONTACT_PATHS, given_fields))
    for path in CONTACT_PATHS:
        written = getattr(given_fields, path)
        expected = written if written != getattr(ContactFields(), path) else getattr(current, path)
        assert getattr(result, path) == expected


# *_problems


def test_account_problems_are_named_under_the_prefix() -> None:
    fields = AccountFields("", "Kvarnbo\nAB")
    assert [p.violation.field for p in account_problems("account.", fields)] == [
        "account.master_email",
        "account.master_name",
    ]


def test_account_problems_check_only_the_written_paths() -> None:
    fields = AccountFields("", "Kvarnbo\nAB")
    problems = account_problems("account.", fields, ("master_name",))
    assert [p.violation.field for p in problems] == ["account.master_name"]


def test_a_good_account_has_no_problems() -> None:
    assert (
        list(account_problems("account.", AccountFields("ekonomi@kvarnbo.se", "Kvarnbo AB"))) == []
    )


def test_billing_problems_cover_every_field() -> None:
    fields = BillingFields(
        email="",
        contact_name="x" * 201,
        postal_address=PostalAddress(country_code="se"),
        payment_verification_hash="4111 1111 1111 1111",
    )
    assert [(p.violation.field, p.reason) for p in billing_problems("billing_info.", fields)] == [
        ("billing_info.email", "REQUIRED_FIELD"),
        ("billing_info.contact_name", "FIELD_TOO_LONG"),
        ("billing_info.postal_address.country_code", "INVALID_FIELD"),
        ("billing_info.payment_verification_hash", "CARD_DATA_REFUSED"),
    ]


def test_writing_one_address_part_checks_the_address() -> None:
    fields = BillingFields(postal_address=PostalAddress(city="Stock\nholm"))
    problems = billing_problems("billing_info.", fields, ("postal_address.city",))
    assert [p.violation.field for p in problems] == ["billing_info.postal_address.city"]


def test_billing_problems_skip_unwritten_fields() -> None:
    fields = BillingFields(email="", payment_verification_hash="4111 1111 1111 1111")
    assert list(billing_problems("billing_info.", fields, ("contact_name",))) == []


def test_contact_problems_cover_email_name_and_language() -> None:
    fields = ContactFields(email="", display_name="Drift\n", language="svenska")
    problems = contact_problems("technical_contacts[2].", fields)
    assert [p.violation.field for p in problems] == [
        "technical_contacts[2].email",
        "technical_contacts[2].display_name",
        "technical_contacts[2].language",
    ]


def test_contact_problems_check_only_the_written_paths() -> None:
    fields = ContactFields(email="", display_name="Drift\n", language="svenska")
    problems = contact_problems("technical_contact.", fields, ("language",))
    assert [p.violation.field for p in problems] == ["technical_contact.language"]
