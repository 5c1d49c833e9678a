"""The repositories through `Database`: what is written reads back as it was, per account,
one transaction at a time (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import insert

from accountsvc.resources import (
    Account,
    AccountState,
    Acknowledgement,
    BillingInfo,
    LintPolicy,
    NotificationCategory,
    PostalAddress,
    RecordedAcknowledgement,
    TechnicalContact,
)
from accountsvc.storage import models
from accountsvc.storage.database import ConstraintViolated, Database, SchemaNotCurrent, migrate
from accountsvc.storage.repositories import BILLING_RESOURCE, contact_resource

CREATED = datetime(2026, 11, 25, 12, 0, 0, 123456, tzinfo=UTC)
UPDATED = datetime(2026, 11, 26, 8, 30, 0, 654321, tzinfo=UTC)
ADDRESS = PostalAddress(("Storgatan 1", "Box 12"), "111 22", "Stockholm", "SE")
HASH = "sha256:" + "ab" * 32


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    migrate(database_url)
    opened = Database(database_url)
    try:
        yield opened
    finally:
        opened.close()


def account(account_id: str, state: AccountState = AccountState.ACTIVE) -> Account:
    return Account(
        id=account_id,
        master_email="ekonomi@kvarnbo.se",
        master_name="Kvarnbo AB",
        state=state,
        lint_policy=LintPolicy.ACKNOWLEDGE,
        etag="e1",
        create_time=CREATED,
        update_time=CREATED,
    )


def billing(account_id: str) -> BillingInfo:
    return BillingInfo(
        account_id=account_id,
        email="ekonomi@kvarnbo.se",
        contact_name="Ekonomi",
        postal_address=ADDRESS,
        payment_verification_hash=HASH,
        etag="b1",
        update_time=CREATED,
    )


def contact(contact_id: str, account_id: str) -> TechnicalContact:
    return TechnicalContact(
        id=contact_id,
        account_id=account_id,
        email="drift@kvarnbo.se",
        display_name="Drift",
        language="sv",
        notification_categories=(
            NotificationCategory.SECURITY_INCIDENTS,
            NotificationCategory.MAINTENANCE_WINDOWS,
        ),
        etag="c1",
        create_time=CREATED,
        update_time=CREATED,
    )


def add_accounts(database: Database, *accounts: Account) -> None:
    with database.transaction(writes=True) as repos:
        for each in accounts:
            repos.inserts.account(each, None)


class Rollback(Exception):
    """Raised inside a transaction's block."""


# Accounts.


def test_an_added_account_reads_back_as_written(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    with database.transaction() as repos:
        assert repos.accounts.get("acc-1") == account("acc-1")


def test_account_times_read_back_timezone_aware_in_utc(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    with database.transaction() as repos:
        found = repos.accounts.get("acc-1")
    assert found is not None
    assert (found.create_time.utcoffset(), found.update_time.utcoffset()) == (
        timedelta(0),
        timedelta(0),
    )
    assert (found.create_time, found.update_time) == (CREATED, CREATED)


def test_a_missing_account_reads_as_none(database: Database) -> None:
    with database.transaction() as repos:
        assert repos.accounts.get("acc-1") is None


def test_a_locked_read_returns_the_account(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    with database.transaction(writes=True) as repos:
        assert repos.accounts.get("acc-1", lock=True) == account("acc-1")


def test_an_updated_account_reads_back_with_the_new_values(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    closed = replace(
        account("acc-1"),
        master_name="Kvarnbo Holding AB",
        state=AccountState.CLOSED,
        lint_policy=LintPolicy.ENFORCE,
        etag="e2",
        update_time=UPDATED,
    )
    with database.transaction(writes=True) as repos:
        repos.accounts.update(closed)
    with database.transaction() as repos:
        assert repos.accounts.get("acc-1") == closed


def test_an_account_is_found_by_the_request_that_created_it(database: Database) -> None:
    with database.transaction(writes=True) as repos:
        repos.inserts.account(account("acc-1"), "3f2c5f8e-8d4a-4b7e-9c1d-2a6b0e4f7a15")
    with database.transaction() as repos:
        assert repos.accounts.id_for_request("3f2c5f8e-8d4a-4b7e-9c1d-2a6b0e4f7a15") == "acc-1"
        assert repos.accounts.id_for_request("0c1d2a6b-0e4f-4a15-9f2c-5f8e8d4a4b7e") is None


def test_page_lists_accounts_of_a_state_in_id_order(database: Database) -> None:
    add_accounts(
        database,
        account("acc-3"),
        account("acc-1"),
        account("acc-2", AccountState.CLOSED),
        account("acc-4"),
    )
    with database.transaction() as repos:
        active = repos.accounts.page(AccountState.ACTIVE, "", 10)
        closed = repos.accounts.page(AccountState.CLOSED, "", 10)
    assert [a.id for a in active] == ["acc-1", "acc-3", "acc-4"]
    assert [a.id for a in closed] == ["acc-2"]


def test_page_without_a_state_lists_every_account(database: Database) -> None:
    add_accounts(database, account("acc-2", AccountState.CLOSED), account("acc-1"))
    with database.transaction() as repos:
        assert [a.id for a in repos.accounts.page(None, "", 10)] == ["acc-1", "acc-2"]


def test_page_starts_after_the_id_given(database: Database) -> None:
    add_accounts(
        database,
        account("acc-1"),
        account("acc-2", AccountState.CLOSED),
        account("acc-3"),
        account("acc-4"),
    )
    with database.transaction() as repos:
        page = repos.accounts.page(AccountState.ACTIVE, "acc-1", 10)
    assert [a.id for a in page] == ["acc-3", "acc-4"]


def test_page_returns_at_most_the_limit(database: Database) -> None:
    add_accounts(database, account("acc-1"), account("acc-2"), account("acc-3"))
    with database.transaction() as repos:
        first = repos.accounts.page(None, "", 2)
        rest = repos.accounts.page(None, first[-1].id, 2)
    assert ([a.id for a in first], [a.id for a in rest]) == (["acc-1", "acc-2"], ["acc-3"])


# Billing information.


def test_billing_info_reads_back_as_written(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    with database.transaction(writes=True) as repos:
        repos.inserts.billing(billing("acc-1"))
    with database.transaction() as repos:
        assert repos.billing.get("acc-1") == billing("acc-1")


def test_billing_info_without_a_payment_hash_reads_back_without_one(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    unverified = replace(billing("acc-1"), payment_verification_hash="")
    with database.transaction(writes=True) as repos:
        repos.inserts.billing(unverified)
    with database.transaction() as repos:
        found = repos.billing.get("acc-1")
    assert found is not None and found.payment_verification_hash == ""


def test_billing_info_of_an_account_without_it_reads_as_none(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    with database.transaction() as repos:
        assert repos.billing.get("acc-1") is None


def test_a_billing_update_replaces_what_was_stored(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    with database.transaction(writes=True) as repos:
        repos.inserts.billing(billing("acc-1"))
    moved = replace(
        billing("acc-1"),
        email="faktura@kvarnbo.se",
        contact_name="Faktura",
        postal_address=PostalAddress(("Hamngatan 2",), "411 01", "Göteborg", "SE"),
        payment_verification_hash="",
        etag="b2",
        update_time=UPDATED,
    )
    with database.transaction(writes=True) as repos:
        repos.billing.update(moved)
    with database.transaction() as repos:
        assert repos.billing.get("acc-1") == moved


def test_a_billing_update_touches_only_its_account(database: Database) -> None:
    add_accounts(database, account("acc-1"), account("acc-2"))
    with database.transaction(writes=True) as repos:
        repos.inserts.billing(billing("acc-1"))
        repos.inserts.billing(billing("acc-2"))
        repos.billing.update(replace(billing("acc-1"), email="faktura@kvarnbo.se"))
    with database.transaction() as repos:
        assert repos.billing.get("acc-2") == billing("acc-2")


def test_billing_info_for_a_missing_account_is_a_constraint_violation(
    database: Database,
) -> None:
    with pytest.raises(ConstraintViolated), database.transaction(writes=True) as repos:
        repos.inserts.billing(billing("acc-1"))


def test_second_billing_info_for_an_account_is_a_constraint_violation(
    database: Database,
) -> None:
    add_accounts(database, account("acc-1"))
    with database.transaction(writes=True) as repos:
        repos.inserts.billing(billing("acc-1"))
    with pytest.raises(ConstraintViolated), database.transaction(writes=True) as repos:
        repos.inserts.billing(replace(billing("acc-1"), email="faktura@kvarnbo.se"))
    with database.transaction() as repos:
        assert repos.billing.get("acc-1") == billing("acc-1")


# Technical contacts.


def test_a_technical_contact_reads_back_as_written(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    with database.transaction(writes=True) as repos:
        repos.inserts.contacts([contact("con-1", "acc-1")])
    with database.transaction() as repos:
        assert repos.contacts.get("acc-1", "con-1") == contact("con-1", "acc-1")


def test_contact_page_lists_only_the_accounts_own_contacts_in_id_order(
    database: Database,
) -> None:
    add_accounts(database, account("acc-1"), account("acc-2"))
    with database.transaction(writes=True) as repos:
        repos.inserts.contacts(
            [
                contact("con-3", "acc-1"),
                contact("con-2", "acc-2"),
                contact("con-1", "acc-1"),
                contact("con-4", "acc-2"),
            ]
        )
    with database.transaction() as repos:
        first = repos.contacts.page("acc-1", "", 10)
        second = repos.contacts.page("acc-2", "", 10)
    assert [(c.account_id, c.id) for c in first] == [("acc-1", "con-1"), ("acc-1", "con-3")]
    assert [(c.account_id, c.id) for c in second] == [("acc-2", "con-2"), ("acc-2", "con-4")]


def test_contact_page_after_another_accounts_contact_stays_in_the_account(
    database: Database,
) -> None:
    add_accounts(database, account("acc-1"), account("acc-2"))
    with database.transaction(writes=True) as repos:
        repos.inserts.contacts(
            [contact("con-1", "acc-1"), contact("con-2", "acc-2"), contact("con-3", "acc-1")]
        )
    with database.transaction() as repos:
        page = repos.contacts.page("acc-1", "con-2", 10)
    assert [c.id for c in page] == ["con-3"]


def test_contact_page_returns_at_most_the_limit_after_the_id_given(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    with database.transaction(writes=True) as repos:
        repos.inserts.contacts([contact(f"con-{i}", "acc-1") for i in range(1, 5)])
    with database.transaction() as repos:
        page = repos.contacts.page("acc-1", "con-1", 2)
    assert [c.id for c in page] == ["con-2", "con-3"]


def test_a_contact_is_not_found_under_another_account(database: Database) -> None:
    add_accounts(database, account("acc-1"), account("acc-2"))
    with database.transaction(writes=True) as repos:
        repos.inserts.contacts([contact("con-1", "acc-1")])
    with database.transaction() as repos:
        assert repos.contacts.get("acc-2", "con-1") is None


def test_contacts_are_counted_per_account(database: Database) -> None:
    add_accounts(database, account("acc-1"), account("acc-2"))
    with database.transaction(writes=True) as repos:
        repos.inserts.contacts(
            [contact("con-1", "acc-1"), contact("con-2", "acc-1"), contact("con-3", "acc-2")]
        )
    with database.transaction() as repos:
        counts = [repos.contacts.count(a) for a in ("acc-1", "acc-2", "acc-3")]
    assert counts == [2, 1, 0]


def test_an_updated_contact_reads_back_with_the_new_values(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    with database.transaction(writes=True) as repos:
        repos.inserts.contacts([contact("con-1", "acc-1")])
    changed = replace(
        contact("con-1", "acc-1"),
        email="cert@kvarnbo.se",
        display_name="CERT",
        language="en-GB",
        notification_categories=(NotificationCategory.NEWS,),
        etag="c2",
        update_time=UPDATED,
    )
    with database.transaction(writes=True) as repos:
        repos.contacts.update(changed)
    with database.transaction() as repos:
        assert repos.contacts.get("acc-1", "con-1") == changed


def test_a_contact_update_under_another_account_changes_nothing(database: Database) -> None:
    add_accounts(database, account("acc-1"), account("acc-2"))
    with database.transaction(writes=True) as repos:
        repos.inserts.contacts([contact("con-1", "acc-1")])
        repos.contacts.update(replace(contact("con-1", "acc-2"), email="cert@kvarnbo.se"))
    with database.transaction() as repos:
        assert repos.contacts.get("acc-1", "con-1") == contact("con-1", "acc-1")


def test_a_deleted_contact_is_gone(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    with database.transaction(writes=True) as repos:
        repos.inserts.contacts([contact("con-1", "acc-1"), contact("con-2", "acc-1")])
    with database.transaction(writes=True) as repos:
        repos.contacts.delete("acc-1", "con-1")
    with database.transaction() as repos:
        assert repos.contacts.get("acc-1", "con-1") is None
        assert [c.id for c in repos.contacts.page("acc-1", "", 10)] == ["con-2"]


def test_deleting_under_another_account_keeps_the_contact(database: Database) -> None:
    add_accounts(database, account("acc-1"), account("acc-2"))
    with database.transaction(writes=True) as repos:
        repos.inserts.contacts([contact("con-1", "acc-1")])
    with database.transaction(writes=True) as repos:
        repos.contacts.delete("acc-2", "con-1")
    with database.transaction() as repos:
        assert repos.contacts.get("acc-1", "con-1") == contact("con-1", "acc-1")


# Acknowledgements.


def test_acknowledgements_are_returned_as_recorded(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    given = [Acknowledgement("E002", "email"), Acknowledgement("N001", "contact_name")]
    with database.transaction(writes=True) as repos:
        recorded = repos.inserts.acknowledgements("acc-1", BILLING_RESOURCE, given, UPDATED)
    assert recorded == (
        RecordedAcknowledgement("E002", "email", UPDATED),
        RecordedAcknowledgement("N001", "contact_name", UPDATED),
    )


def test_billing_info_reads_back_with_its_acknowledgements_in_the_order_given(
    database: Database,
) -> None:
    add_accounts(database, account("acc-1"))
    given = [Acknowledgement("N001", "contact_name"), Acknowledgement("E002", "email")]
    with database.transaction(writes=True) as repos:
        repos.inserts.billing(billing("acc-1"))
        repos.inserts.acknowledgements("acc-1", BILLING_RESOURCE, given, UPDATED)
    with database.transaction() as repos:
        found = repos.billing.get("acc-1")
    assert found is not None
    assert found.acknowledgements == (
        RecordedAcknowledgement("N001", "contact_name", UPDATED),
        RecordedAcknowledgement("E002", "email", UPDATED),
    )
    assert found.acknowledgements[0].create_time.utcoffset() == timedelta(0)


def test_each_resource_reads_back_with_only_its_own_acknowledgements(database: Database) -> None:
    add_accounts(database, account("acc-1"), account("acc-2"))
    with database.transaction(writes=True) as repos:
        repos.inserts.billing(billing("acc-1"))
        repos.inserts.billing(billing("acc-2"))
        repos.inserts.contacts([contact("con-1", "acc-1"), contact("con-2", "acc-1")])
        repos.inserts.acknowledgements(
            "acc-1", BILLING_RESOURCE, [Acknowledgement("E002", "email")], CREATED
        )
        repos.inserts.acknowledgements(
            "acc-1", contact_resource("con-1"), [Acknowledgement("N001", "display_name")], CREATED
        )
        repos.inserts.acknowledgements(
            "acc-2", BILLING_RESOURCE, [Acknowledgement("A001", "postal_address")], CREATED
        )
    with database.transaction() as repos:
        first_billing = repos.billing.get("acc-1")
        other_billing = repos.billing.get("acc-2")
        contacts = repos.contacts.page("acc-1", "", 10)
    assert first_billing is not None and other_billing is not None
    assert [a.rule for a in first_billing.acknowledgements] == ["E002"]
    assert [a.rule for a in other_billing.acknowledgements] == ["A001"]
    assert [(c.id, [a.rule for a in c.acknowledgements]) for c in contacts] == [
        ("con-1", ["N001"]),
        ("con-2", []),
    ]


def test_acknowledgements_are_read_per_resource(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    with database.transaction(writes=True) as repos:
        repos.inserts.acknowledgements(
            "acc-1", BILLING_RESOURCE, [Acknowledgement("E002", "email")], CREATED
        )
        repos.inserts.acknowledgements(
            "acc-1", contact_resource("con-1"), [Acknowledgement("N001", "display_name")], UPDATED
        )
    with database.transaction() as repos:
        found = repos.acknowledgements.of(
            "acc-1", [BILLING_RESOURCE, contact_resource("con-1"), contact_resource("con-9")]
        )
    assert found == {
        "billingInfo": (RecordedAcknowledgement("E002", "email", CREATED),),
        "technicalContacts/con-1": (RecordedAcknowledgement("N001", "display_name", UPDATED),),
        "technicalContacts/con-9": (),
    }


def test_no_acknowledgements_add_nothing(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    with database.transaction(writes=True) as repos:
        recorded = repos.inserts.acknowledgements("acc-1", BILLING_RESOURCE, [], CREATED)
    with database.transaction() as repos:
        stored = repos.acknowledgements.of("acc-1", [BILLING_RESOURCE])
    assert (recorded, stored) == ((), {"billingInfo": ()})


def test_a_deleted_contacts_acknowledgements_go_with_it(database: Database) -> None:
    add_accounts(database, account("acc-1"))
    with database.transaction(writes=True) as repos:
        repos.inserts.contacts([contact("con-1", "acc-1"), contact("con-2", "acc-1")])
        for contact_id in ("con-1", "con-2"):
            repos.inserts.acknowledgements(
                "acc-1",
                contact_resource(contact_id),
                [Acknowledgement("E002", "email")],
                CREATED,
            )
        repos.inserts.acknowledgements(
            "acc-1", BILLING_RESOURCE, [Acknowledgement("E002", "email")], CREATED
        )
    with database.transaction(writes=True) as repos:
        repos.contacts.delete("acc-1", "con-1")
    with database.transaction() as repos:
        left = repos.acknowledgements.of(
            "acc-1", [contact_resource("con-1"), contact_resource("con-2"), BILLING_RESOURCE]
        )
    assert {resource: len(acks) for resource, acks in left.items()} == {
        "technicalContacts/con-1": 0,
        "technicalContacts/con-2": 1,
        "billingInfo": 1,
    }


# Transactions.


def test_a_transaction_commits_when_its_block_ends(database: Database) -> None:
    with database.transaction(writes=True) as repos:
        repos.inserts.account(account("acc-1"), None)
    other = Database(database.engine.url.render_as_string(hide_password=False))
    try:
        with other.transaction() as repos:
            assert repos.accounts.get("acc-1") == account("acc-1")
    finally:
        other.close()


def test_a_transaction_whose_block_raises_stores_nothing(database: Database) -> None:
    with pytest.raises(Rollback), database.transaction(writes=True) as repos:
        repos.inserts.account(account("acc-1"), None)
        repos.inserts.billing(billing("acc-1"))
        raise Rollback
    with database.transaction() as repos:
        assert (repos.accounts.get("acc-1"), repos.billing.get("acc-1")) == (None, None)


def test_a_repeated_request_id_is_a_constraint_violation_and_only_the_first_is_stored(
    database: Database,
) -> None:
    request_id = "3f2c5f8e-8d4a-4b7e-9c1d-2a6b0e4f7a15"
    with database.transaction(writes=True) as repos:
        repos.inserts.account(account("acc-1"), request_id)
    with pytest.raises(ConstraintViolated), database.transaction(writes=True) as repos:
        repos.inserts.account(account("acc-2"), request_id)
    with database.transaction() as repos:
        assert [a.id for a in repos.accounts.page(None, "", 10)] == ["acc-1"]
        assert repos.accounts.id_for_request(request_id) == "acc-1"


def test_a_constraint_violation_undoes_the_whole_transaction(database: Database) -> None:
    request_id = "3f2c5f8e-8d4a-4b7e-9c1d-2a6b0e4f7a15"
    with database.transaction(writes=True) as repos:
        repos.inserts.account(account("acc-1"), request_id)
    with pytest.raises(ConstraintViolated), database.transaction(writes=True) as repos:
        repos.inserts.account(account("acc-2"), None)
        repos.inserts.account(account("acc-3"), request_id)
    with database.transaction() as repos:
        assert [a.id for a in repos.accounts.page(None, "", 10)] == ["acc-1"]


def test_accounts_without_a_request_id_do_not_collide(database: Database) -> None:
    with database.transaction(writes=True) as repos:
        repos.inserts.account(account("acc-1"), None)
        repos.inserts.account(account("acc-2"), None)
    with database.transaction() as repos:
        assert [a.id for a in repos.accounts.page(None, "", 10)] == ["acc-1", "acc-2"]


# Inserts on the driver's connection (the signup's write).


def test_rows_added_on_the_drivers_connection_read_back_as_written(database: Database) -> None:
    given = (Acknowledgement("E101", "billing_info.email"),)
    with database.inserting() as inserts:
        inserts.account(account("acc-1"), "3f2c5f8e-8d4a-4b7e-9c1d-2a6b0e4f7a15")
        inserts.billing(billing("acc-1"))
        inserts.contacts([contact("c-1", "acc-1"), contact("c-2", "acc-1")])
        recorded = inserts.acknowledgements("acc-1", BILLING_RESOURCE, given, UPDATED)
    assert recorded == (RecordedAcknowledgement("E101", "billing_info.email", UPDATED),)
    with database.transaction() as repos:
        assert repos.accounts.get("acc-1") == account("acc-1")
        assert repos.accounts.id_for_request("3f2c5f8e-8d4a-4b7e-9c1d-2a6b0e4f7a15") == "acc-1"
        assert repos.billing.get("acc-1") == replace(billing("acc-1"), acknowledgements=recorded)
        assert repos.contacts.page("acc-1", "", 10) == [
            contact("c-1", "acc-1"),
            contact("c-2", "acc-1"),
        ]


def test_rows_added_on_the_drivers_connection_are_stored_as_sqlalchemy_stores_them(
    database: Database,
) -> None:
    """The same values through the driver and through SQLAlchemy Core give the same stored
    values, times and JSON included; the same instant in another zone is another value."""
    elsewhere = CREATED.astimezone(timezone(timedelta(hours=1)))
    written = [
        replace(contact("c-1", "acc-1"), create_time=CREATED, update_time=CREATED),
        replace(contact("c-2", "acc-1"), create_time=elsewhere, update_time=UPDATED),
    ]
    with database.inserting() as inserts:
        inserts.account(account("acc-1"), None)
        inserts.contacts(written)
    table = models.TechnicalContact.__table__
    with database.engine.begin() as connection:
        for c in written:
            connection.execute(
                insert(table).values(
                    id=f"core-{c.id}",
                    account_id=c.account_id,
                    email=c.email,
                    display_name=c.display_name,
                    language=c.language,
                    notification_categories=[n.value for n in c.notification_categories],
                    etag=c.etag,
                    create_time=c.create_time,
                    update_time=c.update_time,
                )
            )
        stored = {
            row[0]: row[1:]
            for row in connection.exec_driver_sql(
                "SELECT id, create_time, update_time, notification_categories"
                " FROM technical_contacts"
            )
        }
    assert stored["c-1"] == stored["core-c-1"]
    assert stored["c-2"] == stored["core-c-2"]


def test_an_error_in_an_insert_block_leaves_nothing_behind(database: Database) -> None:
    with pytest.raises(Rollback), database.inserting() as inserts:
        inserts.account(account("acc-1"), None)
        inserts.billing(billing("acc-1"))
        raise Rollback
    with database.transaction() as repos:
        assert repos.accounts.page(None, "", 10) == []
        assert repos.billing.get("acc-1") is None


def test_a_constraint_violation_in_an_insert_block_undoes_it_and_the_next_one_works(
    database: Database,
) -> None:
    request_id = "3f2c5f8e-8d4a-4b7e-9c1d-2a6b0e4f7a15"
    with database.inserting() as inserts:
        inserts.account(account("acc-1"), request_id)
    with pytest.raises(ConstraintViolated), database.inserting() as inserts:
        inserts.account(account("acc-2"), None)
        inserts.billing(billing("acc-2"))
        inserts.account(account("acc-3"), request_id)
    with database.inserting() as inserts:
        inserts.account(account("acc-4"), None)
    with database.transaction() as repos:
        assert [a.id for a in repos.accounts.page(None, "", 10)] == ["acc-1", "acc-4"]
        assert repos.billing.get("acc-2") is None


def test_a_connection_that_dies_in_an_insert_block_is_not_handed_out_again(
    database: Database,
) -> None:
    """The pool must not give the next write the dead connection."""
    driver_error = database.engine.dialect.loaded_dbapi.Error
    with pytest.raises(driver_error), database.inserting() as inserts:
        inserts.account(account("acc-1"), None)
        inserts.driver.close()  # gone, as when the server restarts
        inserts.billing(billing("acc-1"))
    with database.inserting() as inserts:
        inserts.account(account("acc-2"), None)
    with database.transaction() as repos:
        assert [a.id for a in repos.accounts.page(None, "", 10)] == ["acc-2"]


def test_sqlite_file_inserts_keep_one_connection_and_see_other_writes(tmp_path: Path) -> None:
    """A signup's inserts on SQLite reuse one connection, which keeps its pages between
    signups; a write through the pool in between is seen, not overwritten."""
    url = f"sqlite:///{tmp_path / 'accountsvc.db'}"
    migrate(url)
    database = Database(url)
    try:
        with database.inserting() as inserts:
            inserts.account(account("acc-1"), None)
            first = inserts.driver
        # Two connections in the pool now, each back in it after its block.
        with database.transaction() as reading:
            assert [a.id for a in reading.accounts.page(None, "", 10)] == ["acc-1"]
            with database.transaction(writes=True) as repos:
                repos.inserts.account(account("acc-2"), None)
        with database.inserting() as inserts:
            inserts.account(account("acc-3"), None)
            assert inserts.driver is first
        with database.transaction() as repos:
            assert [a.id for a in repos.accounts.page(None, "", 10)] == ["acc-1", "acc-2", "acc-3"]
    finally:
        database.close()


@contextmanager
def another_write_open(database: Database, for_seconds: float = 10.0) -> Iterator[None]:
    """While the block runs, another thread's write transaction (it adds `acc-1`) is
    open; it commits after `for_seconds` or when the block ends, whichever is first."""
    holding, release = threading.Event(), threading.Event()

    def hold_a_write() -> None:
        with database.transaction(writes=True) as repos:
            repos.inserts.account(account("acc-1"), None)
            holding.set()
            release.wait(for_seconds)

    writer = threading.Thread(target=hold_a_write)
    writer.start()
    try:
        assert holding.wait(10)
        yield
    finally:
        release.set()
        writer.join()


def test_an_insert_block_waits_for_another_writer_instead_of_failing(
    database: Database,
) -> None:
    with another_write_open(database, for_seconds=0.2), database.inserting() as inserts:
        inserts.account(account("acc-2"), None)
    with database.transaction() as repos:
        assert [a.id for a in repos.accounts.page(None, "", 10)] == ["acc-1", "acc-2"]


def test_a_write_that_waits_too_long_for_another_fails_as_sqlite_would(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'accountsvc.db'}"
    migrate(url)
    database = Database(url, busy_timeout=0.2)
    try:
        with another_write_open(database):
            started = time.monotonic()
            with (
                pytest.raises(sqlite3.OperationalError, match="database is locked"),
                database.inserting() as inserts,
            ):
                inserts.account(account("acc-2"), None)
            waited = time.monotonic() - started
        with database.transaction() as repos:
            assert [a.id for a in repos.accounts.page(None, "", 10)] == ["acc-1"]
    finally:
        database.close()
    assert 0.2 <= waited < 5


# Schema.


def test_an_unmigrated_database_is_not_current(database_url: str) -> None:
    unmigrated = Database(database_url)
    try:
        with pytest.raises(SchemaNotCurrent, match="accountsvc migrate"):
            unmigrated.require_current_schema()
    finally:
        unmigrated.close()


def test_a_database_behind_the_newest_migration_is_not_current(database_url: str) -> None:
    migrate(database_url, "0001")
    behind = Database(database_url)
    try:
        with pytest.raises(SchemaNotCurrent, match="at schema 0001"):
            behind.require_current_schema()
    finally:
        behind.close()


def test_a_database_migrated_to_the_newest_schema_is_current_and_serves(
    database_url: str,
) -> None:
    migrate(database_url, "0001")
    migrate(database_url)
    current = Database(database_url)
    try:
        current.require_current_schema()
        with current.transaction() as repos:
            assert repos.accounts.page(None, "", 1) == []
    finally:
        current.close()
