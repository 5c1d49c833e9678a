"""AccountService's account calls through generated stubs, against a real server on each
database engine: the signup flow's CreateAccount under each policy, retries, reads, lists,
updates with masks and etags, closing."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest
from google.protobuf.field_mask_pb2 import FieldMask

from accountsvc.v1 import accounts_pb2 as pb
from accountsvc.v1 import accounts_pb2_grpc, lint_pb2
from tests.support.rpc_errors import CallError, call_error

Stub = accounts_pb2_grpc.AccountServiceStub


def signup(
    domain: str = "kvarnbo.se",
    billing_email: str = "",
    policy: pb.LintPolicy.ValueType = pb.LINT_POLICY_UNSPECIFIED,
    contacts: tuple[pb.TechnicalContact, ...] = (),
    request_id: str = "",
    acknowledgements: tuple[tuple[str, str], ...] = (),
) -> pb.CreateAccountRequest:
    return pb.CreateAccountRequest(
        request_id=request_id or str(uuid.uuid4()),
        account=pb.Account(
            master_email=f"admin@{domain}", master_name="Kvarnbo AB", lint_policy=policy
        ),
        billing_info=pb.BillingInfo(
            email=billing_email or f"ekonomi@{domain}",
            contact_name="Ekonomiavdelningen",
            postal_address=pb.PostalAddress(
                address_lines=["Att: Ekonomi", "Storgatan 1"],
                postal_code="111 22",
                city="Stockholm",
                country_code="SE",
            ),
        ),
        technical_contacts=contacts,
        acknowledgements=[pb.Acknowledgement(rule=r, field=f) for r, f in acknowledgements],
    )


def failed(call: object) -> CallError:
    assert isinstance(call, grpc.RpcError)
    return call_error(call)


def all_account_names(accounts: Stub, state: pb.AccountState.ValueType = 0) -> list[str]:
    names, token = [], ""
    while True:
        page = accounts.ListAccounts(
            pb.ListAccountsRequest(page_size=1000, page_token=token, state=state), timeout=5
        )
        names += [a.name for a in page.accounts]
        token = page.next_page_token
        if not token:
            return names


# CreateAccount


def test_create_stores_the_account_its_billing_and_contacts(accounts: Stub) -> None:
    created = accounts.CreateAccount(
        signup(contacts=(pb.TechnicalContact(email="drift@kvarnbo.se", language="sv"),)),
        timeout=5,
    )
    assert created.account.name.startswith("accounts/")
    assert created.account.state == pb.ACCOUNT_STATE_ACTIVE
    assert created.account.lint_policy == pb.LINT_POLICY_ADVISE
    assert created.billing_info.name == f"{created.account.name}/billingInfo"
    assert list(created.billing_info.postal_address.address_lines) == [
        "Att: Ekonomi",
        "Storgatan 1",
    ]
    (contact,) = created.technical_contacts
    assert contact.name.startswith(f"{created.account.name}/technicalContacts/")
    assert accounts.GetAccount(pb.GetAccountRequest(name=created.account.name), timeout=5) == (
        created.account
    )


def test_create_returns_the_lint_of_every_contact(accounts: Stub) -> None:
    created = accounts.CreateAccount(
        signup(
            billing_email="anna.svensson@kvarnbo.se",
            contacts=(pb.TechnicalContact(email="drift@kvarnbo.se"),),
        ),
        timeout=5,
    )
    by_contact = {lint.contact: lint for lint in created.lint}
    assert set(by_contact) == {"account", "billing_info", "technical_contacts[0]"}
    billing = by_contact["billing_info"]
    assert billing.verdict == lint_pb2.VERDICT_PERSONAL
    assert [(f.rule, f.field, f.span.end) for f in billing.findings] == [
        ("E002", "billing_info.email", 13)
    ]
    assert billing.suggestions[0].email == "ekonomi@kvarnbo.se"
    assert by_contact["technical_contacts[0]"].verdict == lint_pb2.VERDICT_ROLE


def test_a_retried_create_returns_the_first_account(accounts: Stub) -> None:
    request = signup(domain="retry.se")
    first = accounts.CreateAccount(request, timeout=5)
    again = accounts.CreateAccount(request, timeout=5)
    assert (again.account, again.billing_info) == (first.account, first.billing_info)
    assert [lint.contact for lint in again.lint] == [lint.contact for lint in first.lint]
    assert all_account_names(accounts).count(first.account.name) == 1


def test_request_ids_are_compared_as_uuids(accounts: Stub) -> None:
    request_id = str(uuid.uuid4())
    first = accounts.CreateAccount(signup(request_id=request_id), timeout=5)
    again = accounts.CreateAccount(signup(request_id=request_id.upper()), timeout=5)
    assert again.account.name == first.account.name


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        pytest.param(
            lambda r: setattr(r, "request_id", "not-a-uuid"), "request_id", "INVALID_FIELD",
            id="request-id",
        ),
        pytest.param(
            lambda r: r.account.ClearField("master_email"), "account.master_email",
            "REQUIRED_FIELD", id="no-master-email",
        ),
        pytest.param(
            lambda r: r.billing_info.ClearField("email"), "billing_info.email", "REQUIRED_FIELD",
            id="no-billing-email",
        ),
        pytest.param(
            lambda r: setattr(r.billing_info, "email", "ekonomi@@kvarnbo.se"),
            "billing_info.email", "CONTACT_REFUSED", id="invalid-billing-email",
        ),
        pytest.param(
            lambda r: setattr(r.account, "lint_policy", 42), "account.lint_policy",
            "UNKNOWN_ENUM_VALUE", id="unknown-policy",
        ),
        pytest.param(
            lambda r: r.technical_contacts.add(email="drift@kvarnbo.se", language="svenska!"),
            "technical_contacts[0].language", "INVALID_FIELD", id="bad-language",
        ),
        pytest.param(
            lambda r: r.technical_contacts.add(
                email="drift@kvarnbo.se", display_name="4111 1111 1111 1111"
            ),
            "technical_contacts[0].display_name", "CARD_DATA_REFUSED", id="card-number",
        ),
    ],
)  # fmt: skip
def test_bad_create_is_invalid_argument_and_stores_nothing(
    accounts: Stub, change: object, field: str, reason: str
) -> None:
    request = signup(domain="refused.se")
    change(request)  # type: ignore[operator]
    before = all_account_names(accounts)
    with pytest.raises(grpc.RpcError) as raised:
        accounts.CreateAccount(request, timeout=5)
    error = failed(raised.value)
    assert (error.code, error.fields, error.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        [field],
        reason,
    )
    assert "4111" not in error.message + repr(error.violations)
    assert all_account_names(accounts) == before


def test_acknowledge_policy_needs_the_findings_acknowledged(accounts: Stub) -> None:
    request = signup(billing_email="anna.svensson@kvarnbo.se", policy=pb.LINT_POLICY_ACKNOWLEDGE)
    with pytest.raises(grpc.RpcError) as raised:
        accounts.CreateAccount(request, timeout=5)
    error = failed(raised.value)
    assert (error.code, error.reason) == (
        grpc.StatusCode.FAILED_PRECONDITION,
        "ACKNOWLEDGEMENT_REQUIRED",
    )
    assert [(t, s) for t, s, _ in error.preconditions] == [
        ("LINT_ACKNOWLEDGEMENT", "E002:billing_info.email")
    ]
    request.acknowledgements.add(rule="E002", field="billing_info.email")
    created = accounts.CreateAccount(request, timeout=5)
    stored = accounts.GetBillingInfo(
        pb.GetBillingInfoRequest(name=created.billing_info.name), timeout=5
    )
    assert [(a.rule, a.field) for a in stored.acknowledgements] == [("E002", "email")]


def test_acknowledge_policy_allows_role_addresses_without_acknowledgement(accounts: Stub) -> None:
    created = accounts.CreateAccount(signup(policy=pb.LINT_POLICY_ACKNOWLEDGE), timeout=5)
    assert created.account.lint_policy == pb.LINT_POLICY_ACKNOWLEDGE
    assert not created.billing_info.acknowledgements


def test_enforce_policy_refuses_a_personal_technical_contact(accounts: Stub) -> None:
    request = signup(
        policy=pb.LINT_POLICY_ENFORCE,
        contacts=(pb.TechnicalContact(email="lars.berg@kvarnbo.se"),),
    )
    before = all_account_names(accounts)
    with pytest.raises(grpc.RpcError) as raised:
        accounts.CreateAccount(request, timeout=5)
    error = failed(raised.value)
    assert (error.code, error.fields, error.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        ["technical_contacts[0].email"],
        "CONTACT_REFUSED",
    )
    assert "drift@kvarnbo.se" in error.violations[0][1]
    assert all_account_names(accounts) == before


@pytest.mark.parametrize(
    "policy",
    [pb.LINT_POLICY_ADVISE, pb.LINT_POLICY_ACKNOWLEDGE, pb.LINT_POLICY_ENFORCE],
    ids=["advise", "acknowledge", "enforce"],
)
def test_the_master_users_own_address_is_only_advised(
    accounts: Stub, policy: pb.LintPolicy.ValueType
) -> None:
    request = signup(policy=policy)
    request.account.master_email = "anna.svensson@kvarnbo.se"
    created = accounts.CreateAccount(request, timeout=5)
    master = next(lint for lint in created.lint if lint.contact == "account")
    assert master.verdict == lint_pb2.VERDICT_PERSONAL
    assert created.account.master_email == "anna.svensson@kvarnbo.se"


# GetAccount and ListAccounts


def test_get_of_an_unknown_account_is_not_found(accounts: Stub) -> None:
    name = "accounts/0123456789abcdef0123456789abcdef"
    with pytest.raises(grpc.RpcError) as raised:
        accounts.GetAccount(pb.GetAccountRequest(name=name), timeout=5)
    error = failed(raised.value)
    assert (error.code, error.reason, error.resource, error.resource_type) == (
        grpc.StatusCode.NOT_FOUND,
        "ACCOUNT_NOT_FOUND",
        name,
        "accountsvc.v1.Account",
    )


@pytest.mark.parametrize("name", ["", "accounts/", "accounts/x", "users/" + "a" * 32])
def test_get_with_a_malformed_name_is_invalid_argument(accounts: Stub, name: str) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        accounts.GetAccount(pb.GetAccountRequest(name=name), timeout=5)
    error = failed(raised.value)
    assert (error.code, error.fields) == (grpc.StatusCode.INVALID_ARGUMENT, ["name"])


def test_list_pages_through_accounts_in_creation_order(accounts: Stub) -> None:
    made = [
        accounts.CreateAccount(signup(domain=f"page{i}.se"), timeout=5).account.name
        for i in range(5)
    ]
    seen, token, pages = [], "", 0
    while True:
        page = accounts.ListAccounts(
            pb.ListAccountsRequest(page_size=2, page_token=token), timeout=5
        )
        assert len(page.accounts) <= 2
        seen += [a.name for a in page.accounts]
        pages += 1
        token = page.next_page_token
        if not token:
            break
    assert [name for name in seen if name in made] == made
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert pages == (len(seen) + 1) // 2


def test_list_filters_by_state(accounts: Stub) -> None:
    closing = accounts.CreateAccount(signup(domain="closing.se"), timeout=5).account
    accounts.CloseAccount(pb.CloseAccountRequest(name=closing.name), timeout=5)
    closed = all_account_names(accounts, pb.ACCOUNT_STATE_CLOSED)
    active = all_account_names(accounts, pb.ACCOUNT_STATE_ACTIVE)
    assert closing.name in closed and closing.name not in active
    assert set(closed) | set(active) == set(all_account_names(accounts))


def test_a_page_token_of_another_filter_is_refused(accounts: Stub) -> None:
    for i in range(2):
        accounts.CreateAccount(signup(domain=f"token{i}.se"), timeout=5)
    page = accounts.ListAccounts(pb.ListAccountsRequest(page_size=1), timeout=5)
    assert page.next_page_token
    other = pb.ListAccountsRequest(page_token=page.next_page_token, state=pb.ACCOUNT_STATE_CLOSED)
    with pytest.raises(grpc.RpcError) as raised:
        accounts.ListAccounts(other, timeout=5)
    error = failed(raised.value)
    assert (error.code, error.fields) == (grpc.StatusCode.INVALID_ARGUMENT, ["page_token"])


# UpdateAccount and CloseAccount


def test_update_changes_the_masked_fields_and_the_etag(accounts: Stub) -> None:
    account = accounts.CreateAccount(signup(domain="update.se"), timeout=5).account
    change = pb.Account(
        name=account.name,
        master_name="Uppdaterad AB",
        master_email="ignored@update.se",
        etag=account.etag,
    )
    updated = accounts.UpdateAccount(
        pb.UpdateAccountRequest(account=change, update_mask=FieldMask(paths=["master_name"])),
        timeout=5,
    ).account
    assert (updated.master_name, updated.master_email) == ("Uppdaterad AB", "admin@update.se")
    assert updated.etag != account.etag
    assert updated.create_time == account.create_time


def test_update_with_a_stale_etag_fails_and_changes_nothing(accounts: Stub) -> None:
    account = accounts.CreateAccount(signup(domain="stale.se"), timeout=5).account
    mask = FieldMask(paths=["master_name"])
    accounts.UpdateAccount(
        pb.UpdateAccountRequest(
            account=pb.Account(name=account.name, master_name="First", etag=account.etag),
            update_mask=mask,
        ),
        timeout=5,
    )
    with pytest.raises(grpc.RpcError) as raised:
        accounts.UpdateAccount(
            pb.UpdateAccountRequest(
                account=pb.Account(name=account.name, master_name="Second", etag=account.etag),
                update_mask=mask,
            ),
            timeout=5,
        )
    error = failed(raised.value)
    assert (error.code, error.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "ETAG_MISMATCH")
    assert [(t, s) for t, s, _ in error.preconditions] == [("ETAG", account.name)]
    stored = accounts.GetAccount(pb.GetAccountRequest(name=account.name), timeout=5)
    assert stored.master_name == "First"


def test_update_without_a_mask_writes_the_fields_that_are_set(accounts: Stub) -> None:
    account = accounts.CreateAccount(signup(domain="nomask.se"), timeout=5).account
    updated = accounts.UpdateAccount(
        pb.UpdateAccountRequest(
            account=pb.Account(name=account.name, lint_policy=pb.LINT_POLICY_ENFORCE)
        ),
        timeout=5,
    ).account
    assert (updated.lint_policy, updated.master_name) == (pb.LINT_POLICY_ENFORCE, "Kvarnbo AB")


@pytest.mark.parametrize("path", ["state", "etag", "name", "billing_info"])
def test_update_of_a_field_that_cannot_be_updated_is_refused(accounts: Stub, path: str) -> None:
    account = accounts.CreateAccount(signup(domain="mask.se"), timeout=5).account
    with pytest.raises(grpc.RpcError) as raised:
        accounts.UpdateAccount(
            pb.UpdateAccountRequest(
                account=pb.Account(name=account.name), update_mask=FieldMask(paths=[path])
            ),
            timeout=5,
        )
    error = failed(raised.value)
    assert (error.code, error.fields) == (grpc.StatusCode.INVALID_ARGUMENT, ["update_mask"])


def test_update_returns_advice_on_the_master_users_address(accounts: Stub) -> None:
    account = accounts.CreateAccount(signup(domain="advice.se"), timeout=5).account
    response = accounts.UpdateAccount(
        pb.UpdateAccountRequest(
            account=pb.Account(name=account.name, master_email="anna.svensson@advice.se"),
            update_mask=FieldMask(paths=["master_email"]),
        ),
        timeout=5,
    )
    (lint,) = response.lint
    assert [(f.rule, f.field) for f in lint.findings] == [("E002", "account.master_email")]


def test_close_is_idempotent_and_a_closed_account_takes_no_updates(accounts: Stub) -> None:
    account = accounts.CreateAccount(signup(domain="close.se"), timeout=5).account
    closed = accounts.CloseAccount(pb.CloseAccountRequest(name=account.name), timeout=5)
    assert closed.state == pb.ACCOUNT_STATE_CLOSED
    assert accounts.CloseAccount(pb.CloseAccountRequest(name=account.name), timeout=5) == closed
    with pytest.raises(grpc.RpcError) as raised:
        accounts.UpdateAccount(
            pb.UpdateAccountRequest(
                account=pb.Account(name=account.name, master_name="Again"),
                update_mask=FieldMask(paths=["master_name"]),
            ),
            timeout=5,
        )
    error = failed(raised.value)
    assert (error.code, error.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "ACCOUNT_CLOSED")


def test_close_with_a_stale_etag_leaves_the_account_active(accounts: Stub) -> None:
    account = accounts.CreateAccount(signup(domain="closestale.se"), timeout=5).account
    with pytest.raises(grpc.RpcError) as raised:
        accounts.CloseAccount(pb.CloseAccountRequest(name=account.name, etag="0" * 16), timeout=5)
    assert failed(raised.value).code == grpc.StatusCode.FAILED_PRECONDITION
    stored = accounts.GetAccount(pb.GetAccountRequest(name=account.name), timeout=5)
    assert stored.state == pb.ACCOUNT_STATE_ACTIVE


# Concurrent calls


def test_concurrent_retries_of_one_create_make_one_account(accounts: Stub) -> None:
    request = signup(domain="concurrent.se")
    with ThreadPoolExecutor(max_workers=6) as pool:
        replies = list(pool.map(lambda _: accounts.CreateAccount(request, timeout=10), range(6)))
    names = {reply.account.name for reply in replies}
    assert len(names) == 1
    assert all_account_names(accounts).count(names.pop()) == 1


def test_concurrent_updates_with_one_etag_let_exactly_one_through(accounts: Stub) -> None:
    account = accounts.CreateAccount(signup(domain="race.se"), timeout=5).account

    def rename(i: int) -> grpc.StatusCode:
        change = pb.Account(name=account.name, master_name=f"Writer {i}", etag=account.etag)
        try:
            accounts.UpdateAccount(
                pb.UpdateAccountRequest(
                    account=change, update_mask=FieldMask(paths=["master_name"])
                ),
                timeout=10,
            )
        except grpc.RpcError as error:
            return failed(error).code
        return grpc.StatusCode.OK

    with ThreadPoolExecutor(max_workers=6) as pool:
        codes = list(pool.map(rename, range(6)))
    assert sorted(c.name for c in codes) == ["FAILED_PRECONDITION"] * 5 + ["OK"]
    winner = codes.index(grpc.StatusCode.OK)
    stored = accounts.GetAccount(pb.GetAccountRequest(name=account.name), timeout=5)
    assert stored.master_name == f"Writer {winner}"
