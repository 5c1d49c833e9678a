"""Checks every write makes before it changes anything: the account exists and is open,
the caller's etag is current. And the acknowledgements that belong to one resource."""

from __future__ import annotations

from datetime import UTC, datetime

from accountsvc.domain.errors import AccountClosed, NotFound, StaleEtag
from accountsvc.resources import Account, AccountState, Acknowledgement
from accountsvc.storage.repositories import Repositories


def now() -> datetime:
    return datetime.now(UTC)


def active_account(repos: Repositories, account: str) -> Account:
    """The account, locked for the write, or the error saying why it cannot be written."""
    found = repos.accounts.get(account, lock=True)
    if found is None:
        raise NotFound(f"accounts/{account}", "ACCOUNT_NOT_FOUND")
    if found.state is AccountState.CLOSED:
        raise AccountClosed(found.name)
    return found


def check_etag(given: str, current: str, resource: str) -> None:
    """An empty etag writes unconditionally; any other must be the current one."""
    if given and given != current:
        raise StaleEtag(resource)


def acknowledgements_on(
    acknowledgements: frozenset[Acknowledgement], path: str
) -> list[Acknowledgement]:
    """Acknowledgements of the contact at `path`, with fields named on its resource."""
    prefix = f"{path}."
    return [
        Acknowledgement(a.rule, a.field.removeprefix(prefix))
        for a in sorted(acknowledgements, key=lambda a: (a.field, a.rule))
        if a.field.startswith(prefix)
    ]
