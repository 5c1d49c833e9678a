"""The account service's domain layer without gRPC: a write that fails leaves nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from accountsvc.domain.accounts import AccountService, NewAccount
from accountsvc.domain.contact_lint import ContactLinter
from accountsvc.domain.deadline import Deadline
from accountsvc.domain.drafts import AccountFields, BillingFields, ContactFields
from accountsvc.domain.errors import DeadlineExceeded
from accountsvc.domain.identifiers import IdSource
from accountsvc.storage.database import Database, migrate
from linter import Linter


@pytest.fixture(scope="module")
def contacts() -> ContactLinter:
    return ContactLinter(Linter())


@pytest.fixture
def service(tmp_path: Path, contacts: ContactLinter) -> Iterator[AccountService]:
    url = f"sqlite:///{tmp_path / 'accountsvc.db'}"
    migrate(url)
    database = Database(url)
    try:
        yield AccountService(database, contacts, IdSource())
    finally:
        database.close()


NEW = NewAccount(
    AccountFields("admin@kvarnbo.se", "Kvarnbo AB"),
    BillingFields("ekonomi@kvarnbo.se"),
    (ContactFields("drift@kvarnbo.se"), ContactFields("noc@kvarnbo.se")),
)


def test_a_create_past_its_deadline_stores_nothing(service: AccountService) -> None:
    with pytest.raises(DeadlineExceeded):
        service.create_account(NEW, Deadline(at=0.0))
    assert service.list_accounts(0, "", None).accounts == ()


def test_a_create_within_its_deadline_stores_everything(service: AccountService) -> None:
    written = service.create_account(NEW, Deadline.after(30))
    assert [c.email for c in written.contacts] == ["drift@kvarnbo.se", "noc@kvarnbo.se"]
    assert service.list_accounts(0, "", None).accounts == (written.account,)


def test_an_update_past_its_deadline_changes_nothing(service: AccountService) -> None:
    account = service.create_account(NEW).account
    with pytest.raises(DeadlineExceeded):
        service.update_account(
            account.name, AccountFields(master_name="Late AB"), ["master_name"], "", Deadline(0.0)
        )
    assert service.get_account(account.name) == account
