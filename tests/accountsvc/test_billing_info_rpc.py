"""GetBillingInfo and UpdateBillingInfo through the generated stub, against a real server
on loopback (one per database engine)."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import field_mask_pb2

from accountsvc.v1 import accounts_pb2 as pb
from accountsvc.v1 import accounts_pb2_grpc
from tests.support.account_calls import set_policy
from tests.support.rpc_errors import call_error

Stub = accounts_pb2_grpc.AccountServiceStub

VALID_HASH = "sha256:" + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
UNKNOWN_ACCOUNT = "0123456789abcdef0123456789abcdef"


def create_account(
    accounts: Stub,
    policy: pb.LintPolicy.ValueType = pb.LINT_POLICY_ADVISE,
    billing_email: str = "ekonomi@kvarnbo.se",
) -> pb.BillingInfo:
    """A new account at kvarnbo.se under `policy`; its billing information as created."""
    created = accounts.CreateAccount(
        pb.CreateAccountRequest(
            account=pb.Account(master_email="drift@kvarnbo.se", lint_policy=policy),
            billing_info=pb.BillingInfo(
                email=billing_email,
                contact_name="Ekonomiavdelningen",
                postal_address=pb.PostalAddress(
                    address_lines=["Att: Ekonomi", "Box 12"],
                    postal_code="111 22",
                    city="Stockholm",
                    country_code="SE",
                ),
            ),
        ),
        timeout=5,
    )
    return created.billing_info


def update(
    accounts: Stub,
    billing_info: pb.BillingInfo,
    *paths: str,
    acknowledgements: tuple[pb.Acknowledgement, ...] = (),
) -> pb.UpdateBillingInfoResponse:
    return accounts.UpdateBillingInfo(
        pb.UpdateBillingInfoRequest(
            billing_info=billing_info,
            update_mask=field_mask_pb2.FieldMask(paths=list(paths)),
            acknowledgements=acknowledgements,
        ),
        timeout=5,
    )


def get(accounts: Stub, name: str) -> pb.BillingInfo:
    return accounts.GetBillingInfo(pb.GetBillingInfoRequest(name=name), timeout=5)


# GetBillingInfo


def test_get_returns_the_billing_info_as_created(accounts: Stub) -> None:
    created = create_account(accounts)
    got = get(accounts, created.name)
    assert (got.email, got.contact_name, list(got.postal_address.address_lines)) == (
        "ekonomi@kvarnbo.se",
        "Ekonomiavdelningen",
        ["Att: Ekonomi", "Box 12"],
    )
    assert (got.postal_address.postal_code, got.postal_address.city) == ("111 22", "Stockholm")
    assert got.postal_address.country_code == "SE"


def test_get_names_the_billing_info_after_its_account(accounts: Stub) -> None:
    created = create_account(accounts)
    account = created.name.removesuffix("/billingInfo")
    got = get(accounts, created.name)
    assert got.name == f"{account}/billingInfo"
    assert account.startswith("accounts/")


def test_get_returns_the_etag_of_the_create(accounts: Stub) -> None:
    created = create_account(accounts)
    got = get(accounts, created.name)
    assert got.etag
    assert got.etag == created.etag


def test_get_of_an_unknown_account_is_not_found(accounts: Stub) -> None:
    name = f"accounts/{UNKNOWN_ACCOUNT}/billingInfo"
    with pytest.raises(grpc.RpcError) as raised:
        get(accounts, name)
    error = call_error(raised.value)
    assert (error.code, error.reason, error.resource, error.resource_type) == (
        grpc.StatusCode.NOT_FOUND,
        "BILLING_INFO_NOT_FOUND",
        name,
        "accountsvc.v1.BillingInfo",
    )


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(f"accounts/{UNKNOWN_ACCOUNT}", id="account-name"),
        pytest.param(f"accounts/{UNKNOWN_ACCOUNT}/billing", id="wrong-collection"),
        pytest.param("accounts/KVARNBO/billingInfo", id="id-not-hex"),
        pytest.param(f"customers/{UNKNOWN_ACCOUNT}/billingInfo", id="wrong-root"),
        pytest.param("", id="empty"),
    ],
)
def test_get_with_a_malformed_name_is_invalid_argument_on_name(accounts: Stub, name: str) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        get(accounts, name)
    error = call_error(raised.value)
    assert (error.code, error.fields, error.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        ["name"],
        "INVALID_RESOURCE_NAME",
    )


# UpdateBillingInfo: masks and etags


def test_update_of_one_masked_field_changes_only_that_field(accounts: Stub) -> None:
    created = create_account(accounts)
    given = pb.BillingInfo(
        name=created.name, email="faktura@kvarnbo.se", contact_name="Ignored Because Unmasked"
    )
    updated = update(accounts, given, "email").billing_info
    expected = pb.BillingInfo()
    expected.CopyFrom(created)
    expected.email = "faktura@kvarnbo.se"
    assert (updated.email, updated.contact_name, updated.postal_address) == (
        expected.email,
        expected.contact_name,
        expected.postal_address,
    )


def test_update_returns_a_new_etag_that_get_then_returns(accounts: Stub) -> None:
    created = create_account(accounts)
    given = pb.BillingInfo(name=created.name, email="faktura@kvarnbo.se", etag=created.etag)
    updated = update(accounts, given, "email").billing_info
    assert updated.etag != created.etag
    assert get(accounts, created.name).etag == updated.etag


def test_update_of_a_nested_address_field_keeps_the_other_address_fields(
    accounts: Stub,
) -> None:
    created = create_account(accounts)
    given = pb.BillingInfo(name=created.name, postal_address=pb.PostalAddress(city="Uppsala"))
    updated = update(accounts, given, "postal_address.city").billing_info
    assert updated.postal_address == pb.PostalAddress(
        address_lines=["Att: Ekonomi", "Box 12"],
        postal_code="111 22",
        city="Uppsala",
        country_code="SE",
    )


def test_update_with_a_stale_etag_fails_the_etag_precondition(accounts: Stub) -> None:
    created = create_account(accounts)
    update(accounts, pb.BillingInfo(name=created.name, email="faktura@kvarnbo.se"), "email")
    stale = pb.BillingInfo(name=created.name, email="finance@kvarnbo.se", etag=created.etag)
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, stale, "email")
    error = call_error(raised.value)
    assert (error.code, error.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "ETAG_MISMATCH")
    assert [(kind, subject) for kind, subject, _ in error.preconditions] == [("ETAG", created.name)]


def test_update_with_a_stale_etag_leaves_the_stored_value(accounts: Stub) -> None:
    created = create_account(accounts)
    current = update(
        accounts, pb.BillingInfo(name=created.name, email="faktura@kvarnbo.se"), "email"
    ).billing_info
    stale = pb.BillingInfo(name=created.name, email="finance@kvarnbo.se", etag=created.etag)
    with pytest.raises(grpc.RpcError):
        update(accounts, stale, "email")
    after = get(accounts, created.name)
    assert (after.email, after.etag) == ("faktura@kvarnbo.se", current.etag)


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("name", id="output-only-name"),
        pytest.param("etag", id="etag"),
        pytest.param("postal_address.street", id="unknown-address-part"),
        pytest.param("billing_email", id="unknown-field"),
    ],
)
def test_update_with_an_unknown_mask_path_is_invalid_argument_on_update_mask(
    accounts: Stub, path: str
) -> None:
    created = create_account(accounts)
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, pb.BillingInfo(name=created.name, email="faktura@kvarnbo.se"), path)
    error = call_error(raised.value)
    assert (error.code, error.fields, error.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        ["update_mask"],
        "INVALID_UPDATE_MASK",
    )


def test_update_with_a_malformed_name_is_invalid_argument_on_billing_info_name(
    accounts: Stub,
) -> None:
    given = pb.BillingInfo(name=f"accounts/{UNKNOWN_ACCOUNT}", email="faktura@kvarnbo.se")
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, given, "email")
    error = call_error(raised.value)
    assert (error.code, error.fields) == (grpc.StatusCode.INVALID_ARGUMENT, ["billing_info.name"])


# UpdateBillingInfo: the payment verification hash


def test_valid_payment_hash_is_stored_and_returned(accounts: Stub) -> None:
    created = create_account(accounts)
    given = pb.BillingInfo(name=created.name, payment_verification_hash=VALID_HASH)
    updated = update(accounts, given, "payment_verification_hash").billing_info
    assert updated.payment_verification_hash == VALID_HASH
    assert get(accounts, created.name).payment_verification_hash == VALID_HASH


CARD_NUMBERS = [
    pytest.param("4111 1111 1111 1111", id="spaced"),
    pytest.param("4111-1111-1111-1111", id="dashed"),
    pytest.param("4111111111111111", id="bare"),
    pytest.param("sha256:4111111111111111", id="behind-the-prefix"),
]


@pytest.mark.parametrize("card", CARD_NUMBERS)
def test_card_number_as_payment_hash_is_refused_as_card_data(accounts: Stub, card: str) -> None:
    created = create_account(accounts)
    given = pb.BillingInfo(name=created.name, payment_verification_hash=card)
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, given, "payment_verification_hash")
    error = call_error(raised.value)
    assert (error.code, error.fields, error.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        ["billing_info.payment_verification_hash"],
        "CARD_DATA_REFUSED",
    )


@pytest.mark.parametrize("card", CARD_NUMBERS)
def test_refused_card_number_appears_nowhere_in_the_error(accounts: Stub, card: str) -> None:
    created = create_account(accounts)
    given = pb.BillingInfo(name=created.name, payment_verification_hash=card)
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, given, "payment_verification_hash")
    error = call_error(raised.value)
    trailers = b"".join(
        value if isinstance(value, bytes) else value.encode()
        for _, value in raised.value.trailing_metadata()  # type: ignore[attr-defined]
    )
    said = " ".join([error.message, *(d for _, d in error.violations)])
    assert b"billing_info.payment_verification_hash" in trailers  # the details are there
    for digits in ("4111", "1111"):
        assert digits not in said
        assert digits.encode() not in trailers


@pytest.mark.parametrize("card", CARD_NUMBERS)
def test_refused_card_number_leaves_the_billing_info_unchanged(accounts: Stub, card: str) -> None:
    created = create_account(accounts)
    update(accounts, pb.BillingInfo(name=created.name, payment_verification_hash=VALID_HASH),
           "payment_verification_hash")  # fmt: skip
    before = get(accounts, created.name)
    given = pb.BillingInfo(name=created.name, payment_verification_hash=card)
    with pytest.raises(grpc.RpcError):
        update(accounts, given, "payment_verification_hash")
    assert get(accounts, created.name) == before


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("sha256:", id="prefix-only"),
        pytest.param("sha256:" + "abcdef" * 10 + "abc", id="63-hex-digits"),
        pytest.param("sha256:" + "abcdef" * 10 + "abcde", id="65-hex-digits"),
        pytest.param("md5:d41d8cd9", id="other-algorithm"),
        pytest.param("verified", id="a-word"),
    ],
)
def test_payment_hash_of_another_shape_is_invalid_payment_hash(accounts: Stub, value: str) -> None:
    created = create_account(accounts)
    given = pb.BillingInfo(name=created.name, payment_verification_hash=value)
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, given, "payment_verification_hash")
    error = call_error(raised.value)
    assert (error.code, error.fields, error.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        ["billing_info.payment_verification_hash"],
        "INVALID_PAYMENT_HASH",
    )


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(VALID_HASH[:-1], id="one-digit-short"),
        pytest.param(VALID_HASH.upper().replace("SHA256", "sha256"), id="upper-case-hex"),
        pytest.param("sha512:" + VALID_HASH.removeprefix("sha256:"), id="other-algorithm"),
    ],
)
def test_near_miss_hash_is_invalid_payment_hash_not_card_data(accounts: Stub, value: str) -> None:
    """A real hash has some 40 decimal digits among its hex letters; one with a typo is
    a malformed hash, not a card number."""
    created = create_account(accounts)
    given = pb.BillingInfo(name=created.name, payment_verification_hash=value)
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, given, "payment_verification_hash")
    assert call_error(raised.value).reason == "INVALID_PAYMENT_HASH"


# UpdateBillingInfo: other fields


@pytest.mark.parametrize(
    "card",
    [
        pytest.param("4111 1111 1111 1111", id="ascii-digits"),
        pytest.param("４１１１ １１１１ １１１１ １１１１", id="full-width-digits"),
    ],
)
def test_card_number_in_the_contact_name_is_refused_as_card_data(accounts: Stub, card: str) -> None:
    created = create_account(accounts)
    given = pb.BillingInfo(name=created.name, contact_name=card)
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, given, "contact_name")
    error = call_error(raised.value)
    assert (error.code, error.fields, error.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        ["billing_info.contact_name"],
        "CARD_DATA_REFUSED",
    )
    assert get(accounts, created.name).contact_name == "Ekonomiavdelningen"


@pytest.mark.parametrize(
    "country_code",
    [
        pytest.param("se", id="lower-case"),
        pytest.param("SWE", id="alpha-3"),
        pytest.param("Sverige", id="country-name"),
        pytest.param("S1", id="digit"),
    ],
)
def test_bad_country_code_is_invalid_argument_on_the_country_code(
    accounts: Stub, country_code: str
) -> None:
    created = create_account(accounts)
    given = pb.BillingInfo(
        name=created.name, postal_address=pb.PostalAddress(country_code=country_code)
    )
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, given, "postal_address.country_code")
    error = call_error(raised.value)
    assert (error.code, error.fields) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        ["billing_info.postal_address.country_code"],
    )


def test_update_on_a_closed_account_fails_the_state_precondition(accounts: Stub) -> None:
    created = create_account(accounts)
    account = created.name.removesuffix("/billingInfo")
    accounts.CloseAccount(pb.CloseAccountRequest(name=account), timeout=5)
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, pb.BillingInfo(name=created.name, email="faktura@kvarnbo.se"), "email")
    error = call_error(raised.value)
    assert (error.code, error.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "ACCOUNT_CLOSED")
    assert get(accounts, created.name).email == "ekonomi@kvarnbo.se"


# UpdateBillingInfo under the account's lint policy


def test_advise_returns_the_findings_on_request_field_paths(accounts: Stub) -> None:
    created = create_account(accounts)
    given = pb.BillingInfo(name=created.name, email="anna.svensson@kvarnbo.se")
    response = update(accounts, given, "email")
    assert [lint.contact for lint in response.lint] == ["billing_info"]
    assert [(f.rule, f.field) for f in response.lint[0].findings] == [
        ("E002", "billing_info.email")
    ]
    assert response.billing_info.email == "anna.svensson@kvarnbo.se"


def test_acknowledge_without_acknowledgements_fails_listing_the_findings(
    accounts: Stub,
) -> None:
    created = create_account(accounts, pb.LINT_POLICY_ACKNOWLEDGE)
    given = pb.BillingInfo(name=created.name, email="anna.svensson@kvarnbo.se")
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, given, "email")
    error = call_error(raised.value)
    assert (error.code, error.reason) == (
        grpc.StatusCode.FAILED_PRECONDITION,
        "ACKNOWLEDGEMENT_REQUIRED",
    )
    assert [(kind, subject) for kind, subject, _ in error.preconditions] == [
        ("LINT_ACKNOWLEDGEMENT", "E002:billing_info.email")
    ]
    assert get(accounts, created.name).email == "ekonomi@kvarnbo.se"


def test_acknowledge_with_the_acknowledgements_stores_the_write(accounts: Stub) -> None:
    created = create_account(accounts, pb.LINT_POLICY_ACKNOWLEDGE)
    given = pb.BillingInfo(name=created.name, email="anna.svensson@kvarnbo.se")
    acknowledged = (pb.Acknowledgement(rule="E002", field="billing_info.email"),)
    update(accounts, given, "email", acknowledgements=acknowledged)
    assert get(accounts, created.name).email == "anna.svensson@kvarnbo.se"


def test_acknowledgements_are_returned_on_the_resource_relative_to_it(accounts: Stub) -> None:
    created = create_account(accounts, pb.LINT_POLICY_ACKNOWLEDGE)
    given = pb.BillingInfo(name=created.name, email="anna.svensson@kvarnbo.se")
    acknowledged = (pb.Acknowledgement(rule="E002", field="billing_info.email"),)
    response = update(accounts, given, "email", acknowledgements=acknowledged)
    stored = get(accounts, created.name)
    assert [(a.rule, a.field) for a in response.billing_info.acknowledgements] == [
        ("E002", "email")
    ]
    assert [(a.rule, a.field) for a in stored.acknowledgements] == [("E002", "email")]
    assert stored.acknowledgements[0].create_time.seconds > 0


def test_enforce_rejects_a_personal_address_naming_role_addresses(accounts: Stub) -> None:
    created = create_account(accounts, pb.LINT_POLICY_ENFORCE)
    given = pb.BillingInfo(name=created.name, email="anna.svensson@kvarnbo.se")
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, given, "email")
    error = call_error(raised.value)
    assert (error.code, error.fields) == (grpc.StatusCode.INVALID_ARGUMENT, ["billing_info.email"])
    assert "ekonomi@kvarnbo.se" in error.violations[0][1]
    assert get(accounts, created.name).email == "ekonomi@kvarnbo.se"


def test_enforce_allows_a_city_update_beside_a_stored_personal_address(accounts: Stub) -> None:
    created = create_account(accounts, billing_email="anna.svensson@kvarnbo.se")
    set_policy(accounts, created.name.removesuffix("/billingInfo"), pb.LINT_POLICY_ENFORCE)
    given = pb.BillingInfo(name=created.name, postal_address=pb.PostalAddress(city="Uppsala"))
    updated = update(accounts, given, "postal_address.city").billing_info
    assert (updated.email, updated.postal_address.city) == ("anna.svensson@kvarnbo.se", "Uppsala")


def test_acknowledge_allows_a_city_update_beside_a_stored_attention_line(
    accounts: Stub,
) -> None:
    """Only the fields a write changes count: the attention line is not written here."""
    created = create_account(accounts)
    update(
        accounts,
        pb.BillingInfo(
            name=created.name,
            postal_address=pb.PostalAddress(address_lines=["Att: Lars Berg", "Box 12"]),
        ),
        "postal_address.address_lines",
    )
    set_policy(accounts, created.name.removesuffix("/billingInfo"), pb.LINT_POLICY_ACKNOWLEDGE)
    given = pb.BillingInfo(name=created.name, postal_address=pb.PostalAddress(city="Uppsala"))
    updated = update(accounts, given, "postal_address.city").billing_info
    assert (updated.postal_address.address_lines[0], updated.postal_address.city) == (
        "Att: Lars Berg",
        "Uppsala",
    )
