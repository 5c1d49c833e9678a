"""Create, Get, List, Update and DeleteTechnicalContact through the generated stub, against
a real server on loopback (one per database engine)."""

from __future__ import annotations

from collections.abc import Sequence

import grpc
import pytest
from google.protobuf import field_mask_pb2

from accountsvc.v1 import accounts_pb2 as pb
from accountsvc.v1 import accounts_pb2_grpc
from tests.support.account_calls import set_policy
from tests.support.rpc_errors import call_error

Stub = accounts_pb2_grpc.AccountServiceStub

UNKNOWN_ID = "0123456789abcdef0123456789abcdef"
SECURITY_INCIDENTS = pb.NOTIFICATION_CATEGORY_SECURITY_INCIDENTS
SECURITY_MEASURE_CHANGES = pb.NOTIFICATION_CATEGORY_SECURITY_MEASURE_CHANGES
MAINTENANCE_WINDOWS = pb.NOTIFICATION_CATEGORY_MAINTENANCE_WINDOWS
SERVICE_DISRUPTIONS = pb.NOTIFICATION_CATEGORY_SERVICE_DISRUPTIONS


def create_account(accounts: Stub, policy: pb.LintPolicy.ValueType = pb.LINT_POLICY_ADVISE) -> str:
    """A new account at kvarnbo.se under `policy`, without technical contacts; its name."""
    created = accounts.CreateAccount(
        pb.CreateAccountRequest(
            account=pb.Account(master_email="ops@kvarnbo.se", lint_policy=policy),
            billing_info=pb.BillingInfo(email="finance@kvarnbo.se"),
        ),
        timeout=5,
    )
    return created.account.name


def create_contact(
    accounts: Stub,
    parent: str,
    contact: pb.TechnicalContact,
    acknowledgements: Sequence[pb.Acknowledgement] = (),
) -> pb.TechnicalContactResponse:
    return accounts.CreateTechnicalContact(
        pb.CreateTechnicalContactRequest(
            parent=parent, technical_contact=contact, acknowledgements=acknowledgements
        ),
        timeout=5,
    )


def drift(**fields: object) -> pb.TechnicalContact:
    return pb.TechnicalContact(email="drift@kvarnbo.se", **fields)  # type: ignore[arg-type]


def update(
    accounts: Stub, contact: pb.TechnicalContact, *paths: str
) -> pb.TechnicalContactResponse:
    return accounts.UpdateTechnicalContact(
        pb.UpdateTechnicalContactRequest(
            technical_contact=contact, update_mask=field_mask_pb2.FieldMask(paths=list(paths))
        ),
        timeout=5,
    )


def get(accounts: Stub, name: str) -> pb.TechnicalContact:
    return accounts.GetTechnicalContact(pb.GetTechnicalContactRequest(name=name), timeout=5)


def list_pages(
    accounts: Stub, parent: str, page_size: int
) -> list[pb.ListTechnicalContactsResponse]:
    pages = [
        accounts.ListTechnicalContacts(
            pb.ListTechnicalContactsRequest(parent=parent, page_size=page_size), timeout=5
        )
    ]
    while pages[-1].next_page_token and len(pages) < 20:
        pages.append(
            accounts.ListTechnicalContacts(
                pb.ListTechnicalContactsRequest(
                    parent=parent, page_size=page_size, page_token=pages[-1].next_page_token
                ),
                timeout=5,
            )
        )
    return pages


# CreateTechnicalContact


def test_create_names_the_contact_under_its_account(accounts: Stub) -> None:
    account = create_account(accounts)
    contact = create_contact(accounts, account, drift()).technical_contact
    collection, _, contact_id = contact.name.rpartition("/")
    assert collection == f"{account}/technicalContacts"
    assert len(contact_id) == 32


def test_create_returns_what_was_given(accounts: Stub) -> None:
    account = create_account(accounts)
    contact = create_contact(
        accounts, account, drift(display_name="Driftgruppen", language="sv")
    ).technical_contact
    assert (contact.email, contact.display_name, contact.language) == (
        "drift@kvarnbo.se",
        "Driftgruppen",
        "sv",
    )
    assert contact.etag


def test_create_without_a_language_defaults_to_en(accounts: Stub) -> None:
    account = create_account(accounts)
    assert create_contact(accounts, account, drift()).technical_contact.language == "en"


def test_get_returns_the_contact_as_created(accounts: Stub) -> None:
    account = create_account(accounts)
    created = create_contact(
        accounts, account, drift(display_name="Driftgruppen", notification_categories=[4, 5])
    ).technical_contact
    assert get(accounts, created.name) == created


def test_create_keeps_the_categories_in_the_order_given(accounts: Stub) -> None:
    account = create_account(accounts)
    given = [SERVICE_DISRUPTIONS, SECURITY_INCIDENTS, MAINTENANCE_WINDOWS]
    created = create_contact(accounts, account, drift(notification_categories=given))
    assert list(created.technical_contact.notification_categories) == given
    assert list(get(accounts, created.technical_contact.name).notification_categories) == given


def test_create_removes_repeated_categories_keeping_the_first(accounts: Stub) -> None:
    account = create_account(accounts)
    given = [SERVICE_DISRUPTIONS, MAINTENANCE_WINDOWS, SERVICE_DISRUPTIONS, MAINTENANCE_WINDOWS]
    created = create_contact(accounts, account, drift(notification_categories=given))
    assert list(created.technical_contact.notification_categories) == [
        SERVICE_DISRUPTIONS,
        MAINTENANCE_WINDOWS,
    ]


def test_create_under_an_unknown_account_is_not_found(accounts: Stub) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        create_contact(accounts, f"accounts/{UNKNOWN_ID}", drift())
    error = call_error(raised.value)
    assert (error.code, error.reason) == (grpc.StatusCode.NOT_FOUND, "ACCOUNT_NOT_FOUND")


@pytest.mark.parametrize(
    "parent",
    [
        pytest.param("", id="empty"),
        pytest.param(UNKNOWN_ID, id="bare-id"),
        pytest.param(f"accounts/{UNKNOWN_ID}/technicalContacts", id="collection"),
        pytest.param("accounts/kvarnbo", id="id-not-hex"),
        pytest.param(f"accounts/{UNKNOWN_ID.upper()}", id="upper-case-id"),
    ],
)
def test_create_with_a_malformed_parent_is_invalid_argument_on_parent(
    accounts: Stub, parent: str
) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        create_contact(accounts, parent, drift())
    error = call_error(raised.value)
    assert (error.code, error.fields, error.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        ["parent"],
        "INVALID_RESOURCE_NAME",
    )


@pytest.mark.parametrize(
    "language",
    [
        pytest.param("sv_SE", id="underscore"),
        pytest.param("en-", id="empty-subtag"),
        pytest.param("svenska", id="language-name"),
        pytest.param("1a", id="digit-in-primary"),
        pytest.param("en-GB-toolongsubtag", id="subtag-over-8"),
    ],
)
def test_create_with_a_bad_language_tag_is_invalid_argument_on_the_language(
    accounts: Stub, language: str
) -> None:
    account = create_account(accounts)
    with pytest.raises(grpc.RpcError) as raised:
        create_contact(accounts, account, drift(language=language))
    error = call_error(raised.value)
    assert (error.code, error.fields) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        ["technical_contact.language"],
    )


@pytest.mark.parametrize(
    "language", [pytest.param("en-GB", id="region"), pytest.param("zh-Hant-TW", id="script")]
)
def test_create_keeps_a_tag_with_subtags(accounts: Stub, language: str) -> None:
    account = create_account(accounts)
    created = create_contact(accounts, account, drift(language=language))
    assert created.technical_contact.language == language


def test_create_with_an_unknown_category_is_invalid_argument_on_the_categories(
    accounts: Stub,
) -> None:
    account = create_account(accounts)
    with pytest.raises(grpc.RpcError) as raised:
        create_contact(accounts, account, drift(notification_categories=[MAINTENANCE_WINDOWS, 99]))
    error = call_error(raised.value)
    assert (error.code, error.fields, error.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        ["technical_contact.notification_categories"],
        "UNKNOWN_ENUM_VALUE",
    )


def test_create_without_an_email_is_a_required_field(accounts: Stub) -> None:
    account = create_account(accounts)
    with pytest.raises(grpc.RpcError) as raised:
        create_contact(accounts, account, pb.TechnicalContact(display_name="Drift"))
    error = call_error(raised.value)
    assert (error.code, error.fields, error.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        ["technical_contact.email"],
        "REQUIRED_FIELD",
    )


def test_create_on_a_closed_account_fails_the_state_precondition(accounts: Stub) -> None:
    account = create_account(accounts)
    accounts.CloseAccount(pb.CloseAccountRequest(name=account), timeout=5)
    with pytest.raises(grpc.RpcError) as raised:
        create_contact(accounts, account, drift())
    error = call_error(raised.value)
    assert (error.code, error.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "ACCOUNT_CLOSED")


# ListTechnicalContacts


def test_list_pages_through_every_contact_in_creation_order(accounts: Stub) -> None:
    account = create_account(accounts)
    created = [
        create_contact(accounts, account, pb.TechnicalContact(email=email)).technical_contact.name
        for email in (
            "drift@kvarnbo.se",
            "ops@kvarnbo.se",
            "noc@kvarnbo.se",
            "it@kvarnbo.se",
            "tech@kvarnbo.se",
        )
    ]
    pages = list_pages(accounts, account, 2)
    assert [[c.name for c in page.technical_contacts] for page in pages] == [
        created[0:2],
        created[2:4],
        created[4:5],
    ]


def test_list_has_an_empty_next_page_token_only_on_the_last_page(accounts: Stub) -> None:
    account = create_account(accounts)
    for email in ("drift@kvarnbo.se", "ops@kvarnbo.se", "noc@kvarnbo.se"):
        create_contact(accounts, account, pb.TechnicalContact(email=email))
    pages = list_pages(accounts, account, 2)
    assert [bool(page.next_page_token) for page in pages] == [True, False]


def test_page_token_of_another_account_is_invalid_argument_on_page_token(
    accounts: Stub,
) -> None:
    first, second = create_account(accounts), create_account(accounts)
    for email in ("drift@kvarnbo.se", "ops@kvarnbo.se"):
        create_contact(accounts, first, pb.TechnicalContact(email=email))
    token = list_pages(accounts, first, 1)[0].next_page_token
    with pytest.raises(grpc.RpcError) as raised:
        accounts.ListTechnicalContacts(
            pb.ListTechnicalContactsRequest(parent=second, page_size=1, page_token=token),
            timeout=5,
        )
    error = call_error(raised.value)
    assert (error.code, error.fields, error.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        ["page_token"],
        "INVALID_PAGE_TOKEN",
    )


def test_negative_page_size_is_invalid_argument_on_page_size(accounts: Stub) -> None:
    account = create_account(accounts)
    with pytest.raises(grpc.RpcError) as raised:
        accounts.ListTechnicalContacts(
            pb.ListTechnicalContactsRequest(parent=account, page_size=-1), timeout=5
        )
    error = call_error(raised.value)
    assert (error.code, error.fields) == (grpc.StatusCode.INVALID_ARGUMENT, ["page_size"])


def test_list_under_an_unknown_account_is_not_found(accounts: Stub) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        accounts.ListTechnicalContacts(
            pb.ListTechnicalContactsRequest(parent=f"accounts/{UNKNOWN_ID}"), timeout=5
        )
    assert call_error(raised.value).code == grpc.StatusCode.NOT_FOUND


# DeleteTechnicalContact


def test_get_after_delete_is_not_found(accounts: Stub) -> None:
    account = create_account(accounts)
    contact = create_contact(accounts, account, drift()).technical_contact
    accounts.DeleteTechnicalContact(
        pb.DeleteTechnicalContactRequest(name=contact.name, etag=contact.etag), timeout=5
    )
    with pytest.raises(grpc.RpcError) as raised:
        get(accounts, contact.name)
    error = call_error(raised.value)
    assert (error.code, error.reason, error.resource) == (
        grpc.StatusCode.NOT_FOUND,
        "TECHNICAL_CONTACT_NOT_FOUND",
        contact.name,
    )


def test_delete_with_a_stale_etag_fails_the_etag_precondition(accounts: Stub) -> None:
    account = create_account(accounts)
    created = create_contact(accounts, account, drift()).technical_contact
    update(accounts, pb.TechnicalContact(name=created.name, display_name="Drift"), "display_name")
    with pytest.raises(grpc.RpcError) as raised:
        accounts.DeleteTechnicalContact(
            pb.DeleteTechnicalContactRequest(name=created.name, etag=created.etag), timeout=5
        )
    error = call_error(raised.value)
    assert (error.code, error.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "ETAG_MISMATCH")
    assert [kind for kind, _, _ in error.preconditions] == ["ETAG"]


def test_delete_with_a_stale_etag_keeps_the_contact(accounts: Stub) -> None:
    account = create_account(accounts)
    created = create_contact(accounts, account, drift()).technical_contact
    current = update(
        accounts, pb.TechnicalContact(name=created.name, display_name="Drift"), "display_name"
    ).technical_contact
    with pytest.raises(grpc.RpcError):
        accounts.DeleteTechnicalContact(
            pb.DeleteTechnicalContactRequest(name=created.name, etag=created.etag), timeout=5
        )
    assert get(accounts, created.name) == current


# UpdateTechnicalContact


def test_update_of_the_display_name_changes_only_the_display_name(accounts: Stub) -> None:
    account = create_account(accounts)
    created = create_contact(
        accounts, account, drift(display_name="Drift", language="sv", notification_categories=[4])
    ).technical_contact
    given = pb.TechnicalContact(
        name=created.name, email="ops@kvarnbo.se", display_name="Driftgruppen", etag=created.etag
    )
    updated = update(accounts, given, "display_name").technical_contact
    expected = pb.TechnicalContact()
    expected.CopyFrom(created)
    expected.display_name = "Driftgruppen"
    expected.etag = updated.etag
    expected.update_time.CopyFrom(updated.update_time)
    assert updated == expected
    assert updated.etag != created.etag


def test_update_with_a_stale_etag_fails_the_etag_precondition(accounts: Stub) -> None:
    account = create_account(accounts)
    created = create_contact(accounts, account, drift(display_name="Drift")).technical_contact
    update(accounts, pb.TechnicalContact(name=created.name, display_name="NOC"), "display_name")
    stale = pb.TechnicalContact(name=created.name, display_name="Driftgruppen", etag=created.etag)
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, stale, "display_name")
    error = call_error(raised.value)
    assert (error.code, error.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "ETAG_MISMATCH")
    assert [(kind, subject) for kind, subject, _ in error.preconditions] == [("ETAG", created.name)]
    assert get(accounts, created.name).display_name == "NOC"


def test_update_with_an_unknown_mask_path_is_invalid_argument_on_update_mask(
    accounts: Stub,
) -> None:
    account = create_account(accounts)
    created = create_contact(accounts, account, drift()).technical_contact
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, pb.TechnicalContact(name=created.name, display_name="Drift"), "name")
    error = call_error(raised.value)
    assert (error.code, error.fields) == (grpc.StatusCode.INVALID_ARGUMENT, ["update_mask"])


# Another account's contact


def other_accounts_name(accounts: Stub) -> tuple[pb.TechnicalContact, str]:
    """A contact, and its name with the id of another existing account put in."""
    owner, other = create_account(accounts), create_account(accounts)
    contact = create_contact(accounts, owner, drift(display_name="Drift")).technical_contact
    return contact, contact.name.replace(owner, other)


def test_get_of_a_contact_under_another_account_is_not_found(accounts: Stub) -> None:
    _, swapped = other_accounts_name(accounts)
    with pytest.raises(grpc.RpcError) as raised:
        get(accounts, swapped)
    assert call_error(raised.value).code == grpc.StatusCode.NOT_FOUND


def test_update_of_a_contact_under_another_account_is_not_found(accounts: Stub) -> None:
    contact, swapped = other_accounts_name(accounts)
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, pb.TechnicalContact(name=swapped, display_name="Taken"), "display_name")
    assert call_error(raised.value).code == grpc.StatusCode.NOT_FOUND
    assert get(accounts, contact.name) == contact


def test_delete_of_a_contact_under_another_account_is_not_found(accounts: Stub) -> None:
    contact, swapped = other_accounts_name(accounts)
    with pytest.raises(grpc.RpcError) as raised:
        accounts.DeleteTechnicalContact(pb.DeleteTechnicalContactRequest(name=swapped), timeout=5)
    assert call_error(raised.value).code == grpc.StatusCode.NOT_FOUND
    assert get(accounts, contact.name) == contact


# The account's lint policy


def test_advise_returns_the_findings_on_request_field_paths(accounts: Stub) -> None:
    account = create_account(accounts)
    response = create_contact(
        accounts, account, pb.TechnicalContact(email="anna.svensson@kvarnbo.se")
    )
    assert [lint.contact for lint in response.lint] == ["technical_contact"]
    assert [(f.rule, f.field) for f in response.lint[0].findings] == [
        ("E002", "technical_contact.email")
    ]
    assert response.technical_contact.email == "anna.svensson@kvarnbo.se"


def test_acknowledge_without_acknowledgements_fails_listing_the_findings(
    accounts: Stub,
) -> None:
    account = create_account(accounts, pb.LINT_POLICY_ACKNOWLEDGE)
    with pytest.raises(grpc.RpcError) as raised:
        create_contact(accounts, account, pb.TechnicalContact(email="anna.svensson@kvarnbo.se"))
    error = call_error(raised.value)
    assert (error.code, error.reason) == (
        grpc.StatusCode.FAILED_PRECONDITION,
        "ACKNOWLEDGEMENT_REQUIRED",
    )
    assert [(kind, subject) for kind, subject, _ in error.preconditions] == [
        ("LINT_ACKNOWLEDGEMENT", "E002:technical_contact.email")
    ]


def test_acknowledge_without_acknowledgements_stores_no_contact(accounts: Stub) -> None:
    account = create_account(accounts, pb.LINT_POLICY_ACKNOWLEDGE)
    with pytest.raises(grpc.RpcError):
        create_contact(accounts, account, pb.TechnicalContact(email="anna.svensson@kvarnbo.se"))
    listed = accounts.ListTechnicalContacts(
        pb.ListTechnicalContactsRequest(parent=account), timeout=5
    )
    assert list(listed.technical_contacts) == []


def test_acknowledge_with_the_acknowledgements_stores_them_relative_to_the_contact(
    accounts: Stub,
) -> None:
    account = create_account(accounts, pb.LINT_POLICY_ACKNOWLEDGE)
    response = create_contact(
        accounts,
        account,
        pb.TechnicalContact(email="anna.svensson@kvarnbo.se"),
        [pb.Acknowledgement(rule="E002", field="technical_contact.email")],
    )
    stored = get(accounts, response.technical_contact.name)
    assert stored.email == "anna.svensson@kvarnbo.se"
    assert [(a.rule, a.field) for a in stored.acknowledgements] == [("E002", "email")]


def test_acknowledge_on_update_lists_the_findings_on_request_field_paths(
    accounts: Stub,
) -> None:
    account = create_account(accounts, pb.LINT_POLICY_ACKNOWLEDGE)
    created = create_contact(accounts, account, drift()).technical_contact
    given = pb.TechnicalContact(name=created.name, email="anna.svensson@kvarnbo.se")
    with pytest.raises(grpc.RpcError) as raised:
        update(accounts, given, "email")
    subjects = [subject for _, subject, _ in call_error(raised.value).preconditions]
    assert subjects == ["E002:technical_contact.email"]
    assert get(accounts, created.name).email == "drift@kvarnbo.se"


def test_enforce_rejects_a_personal_address_naming_role_addresses(accounts: Stub) -> None:
    account = create_account(accounts, pb.LINT_POLICY_ENFORCE)
    with pytest.raises(grpc.RpcError) as raised:
        create_contact(accounts, account, pb.TechnicalContact(email="anna.svensson@kvarnbo.se"))
    error = call_error(raised.value)
    assert (error.code, error.fields) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        ["technical_contact.email"],
    )
    assert "drift@kvarnbo.se" in error.violations[0][1]


def test_enforce_allows_a_display_name_update_beside_a_stored_personal_address(
    accounts: Stub,
) -> None:
    account = create_account(accounts)
    created = create_contact(
        accounts, account, pb.TechnicalContact(email="anna.svensson@kvarnbo.se")
    ).technical_contact
    set_policy(accounts, account, pb.LINT_POLICY_ENFORCE)
    given = pb.TechnicalContact(name=created.name, display_name="Drift")
    updated = update(accounts, given, "display_name").technical_contact
    assert (updated.email, updated.display_name) == ("anna.svensson@kvarnbo.se", "Drift")


@pytest.mark.parametrize(
    "categories",
    [
        pytest.param([SECURITY_INCIDENTS], id="incidents"),
        pytest.param([SECURITY_INCIDENTS, SECURITY_MEASURE_CHANGES], id="incidents-and-measures"),
    ],
)
def test_security_only_contact_gets_security_role_suggestions(
    accounts: Stub, categories: list[pb.NotificationCategory.ValueType]
) -> None:
    account = create_account(accounts)
    response = create_contact(
        accounts,
        account,
        pb.TechnicalContact(email="anna.svensson@kvarnbo.se", notification_categories=categories),
    )
    suggested = [s.email for s in response.lint[0].suggestions]
    assert "security@kvarnbo.se" in suggested
    assert "drift@kvarnbo.se" not in suggested


def test_contact_with_other_categories_gets_technical_role_suggestions(accounts: Stub) -> None:
    account = create_account(accounts)
    response = create_contact(
        accounts,
        account,
        pb.TechnicalContact(
            email="anna.svensson@kvarnbo.se",
            notification_categories=[SECURITY_INCIDENTS, MAINTENANCE_WINDOWS],
        ),
    )
    suggested = [s.email for s in response.lint[0].suggestions]
    assert "drift@kvarnbo.se" in suggested
    assert "security@kvarnbo.se" not in suggested


def test_enforce_suggests_security_addresses_for_a_security_only_contact(accounts: Stub) -> None:
    account = create_account(accounts, pb.LINT_POLICY_ENFORCE)
    with pytest.raises(grpc.RpcError) as raised:
        create_contact(
            accounts,
            account,
            pb.TechnicalContact(
                email="anna.svensson@kvarnbo.se", notification_categories=[SECURITY_INCIDENTS]
            ),
        )
    assert "security@kvarnbo.se" in call_error(raised.value).violations[0][1]
