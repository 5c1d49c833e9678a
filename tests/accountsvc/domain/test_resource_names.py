"""Resource names read into ids, or an error naming the field and the expected form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountsvc.domain.errors import FieldViolation, InvalidArgument
from accountsvc.domain.resource_names import account_id, billing_account_id, technical_contact_ids

ACCOUNT = "0193a1b2c3d400008f3e2a1b4c5d6e7f"
CONTACT = "0193a1b2c3d500012a6b0e4f7a153f2c"


# account_id


def test_account_name_reads_into_its_id() -> None:
    assert account_id(f"accounts/{ACCOUNT}") == ACCOUNT


@pytest.mark.parametrize(
    "name",
    [
        "",
        ACCOUNT,
        f"accounts/{ACCOUNT}/",
        f"/accounts/{ACCOUNT}",
        f"Accounts/{ACCOUNT}",
        f"account/{ACCOUNT}",
        "accounts/",
        "accounts/acc-1",
        f"accounts/{ACCOUNT.upper()}",
        f"accounts/{ACCOUNT}/billingInfo",
        f"accounts/{ACCOUNT}/technicalContacts/{CONTACT}",
    ],
    ids=[
        "empty",
        "bare-id",
        "trailing-slash",
        "leading-slash",
        "capitalised-collection",
        "singular-collection",
        "no-id",
        "not-an-id",
        "upper-case-id",
        "billing-info-name",
        "technical-contact-name",
    ],
)
def test_other_names_are_not_account_names(name: str) -> None:
    with pytest.raises(InvalidArgument) as refused:
        account_id(name)
    assert refused.value.violations == (
        FieldViolation("name", "must be a resource name of the form accounts/{account}"),
    )
    assert refused.value.reason == "INVALID_RESOURCE_NAME"


def test_a_bad_account_name_is_refused_on_the_field_given() -> None:
    with pytest.raises(InvalidArgument) as refused:
        account_id("accounts/acc-1", "account.name")
    assert [v.field for v in refused.value.violations] == ["account.name"]


# billing_account_id


def test_billing_info_name_reads_into_its_account_id() -> None:
    assert billing_account_id(f"accounts/{ACCOUNT}/billingInfo") == ACCOUNT


@pytest.mark.parametrize(
    "name",
    [
        f"accounts/{ACCOUNT}",
        f"accounts/{ACCOUNT}/billinginfo",
        f"accounts/{ACCOUNT}/billingInfo/",
        f"accounts/{ACCOUNT}/billing_info",
        "accounts/acc-1/billingInfo",
        f"customers/{ACCOUNT}/billingInfo",
        "",
    ],
    ids=[
        "account-name",
        "wrong-case",
        "trailing-slash",
        "snake-case",
        "not-an-id",
        "other-collection",
        "empty",
    ],
)
def test_other_names_are_not_billing_info_names(name: str) -> None:
    with pytest.raises(InvalidArgument) as refused:
        billing_account_id(name, "billing_info.name")
    assert refused.value.violations == (
        FieldViolation(
            "billing_info.name",
            "must be a resource name of the form accounts/{account}/billingInfo",
        ),
    )
    assert refused.value.reason == "INVALID_RESOURCE_NAME"


# technical_contact_ids


def test_technical_contact_name_reads_into_account_and_contact_ids() -> None:
    name = f"accounts/{ACCOUNT}/technicalContacts/{CONTACT}"
    assert technical_contact_ids(name) == (ACCOUNT, CONTACT)


@pytest.mark.parametrize(
    "name",
    [
        f"accounts/{ACCOUNT}/technicalContacts",
        f"accounts/{ACCOUNT}/technicalContacts/",
        f"accounts/{ACCOUNT}/technicalContacts/contact-1",
        f"accounts/acc-1/technicalContacts/{CONTACT}",
        f"accounts/{ACCOUNT}/technical_contacts/{CONTACT}",
        f"accounts/{ACCOUNT}/technicalContacts/{CONTACT}/x",
        f"accounts/{ACCOUNT}/billingInfo",
    ],
    ids=[
        "collection",
        "no-contact-id",
        "contact-not-an-id",
        "account-not-an-id",
        "snake-case-collection",
        "extra-segment",
        "billing-info-name",
    ],
)
def test_other_names_are_not_technical_contact_names(name: str) -> None:
    with pytest.raises(InvalidArgument) as refused:
        technical_contact_ids(name)
    assert refused.value.violations == (
        FieldViolation(
            "name",
            "must be a resource name of the form accounts/{account}/technicalContacts/{contact}",
        ),
    )
    assert refused.value.reason == "INVALID_RESOURCE_NAME"


def test_a_bad_technical_contact_name_is_refused_on_the_field_given() -> None:
    with pytest.raises(InvalidArgument) as refused:
        technical_contact_ids("accounts/x/technicalContacts/y", "technical_contact.name")
    assert [v.field for v in refused.value.violations] == ["technical_contact.name"]


def test_the_error_message_names_the_field_and_form_but_not_the_value() -> None:
    with pytest.raises(InvalidArgument) as refused:
        account_id("accounts/anna.svensson@kvarnbo.se")
    assert str(refused.value) == "name: must be a resource name of the form accounts/{account}"


ids = st.text(alphabet="0123456789abcdef", min_size=32, max_size=32)


@given(account=ids, contact=ids)
def test_every_name_made_from_ids_reads_back_into_them(account: str, contact: str) -> None:
    assert (
        account_id(f"accounts/{account}"),
        billing_account_id(f"accounts/{account}/billingInfo"),
        technical_contact_ids(f"accounts/{account}/technicalContacts/{contact}"),
    ) == (account, account, (account, contact))
