"""Repositories: read and write the resources, in the caller's transaction.

Each takes and returns the plain values of `accountsvc.resources`; rows stay in here.
Reads, updates and deletes speak SQLAlchemy Core over the transaction's connection: one
statement per step, no unit of work to flush. New rows go through `Inserts`, on the
driver's own connection (see `driver_insert`). `lock=True` reads a row for update, so a
check-then-write (an etag, a state) holds on PostgreSQL as it does on SQLite, where every
write transaction is exclusive from its start.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Dialect,
    Row,
    Select,
    Table,
    bindparam,
    delete,
    func,
    select,
    update,
)

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
from accountsvc.storage.driver_insert import DriverInsert

_accounts = cast(Table, models.Account.__table__)
_billing = cast(Table, models.BillingInfo.__table__)
_contacts = cast(Table, models.TechnicalContact.__table__)
_acknowledgements = cast(Table, models.LintAcknowledgement.__table__)

# Built once: a statement made per call costs more than the SQLite write it describes.
_INSERT_ACCOUNT = DriverInsert(_accounts)
_INSERT_BILLING = DriverInsert(_billing)
_INSERT_CONTACT = DriverInsert(_contacts)
_INSERT_ACKNOWLEDGEMENT = DriverInsert(_acknowledgements)
_ACCOUNT_FOR_REQUEST = select(_accounts.c.id).where(
    _accounts.c.request_id == bindparam("request_id")
)


def _utc(moment: datetime) -> datetime:
    """Everything is stored in UTC and read back in UTC: SQLite hands back naive
    datetimes, PostgreSQL aware ones in the session's time zone."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _locked(query: Select[Any], lock: bool) -> Select[Any]:
    return query.with_for_update() if lock else query


class AccountRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def get(self, account_id: str, *, lock: bool = False) -> Account | None:
        query = _locked(select(_accounts).where(_accounts.c.id == account_id), lock)
        row = self.connection.execute(query).first()
        return None if row is None else _account(row)

    def id_for_request(self, request_id: str) -> str | None:
        found: str | None = self.connection.execute(
            _ACCOUNT_FOR_REQUEST, {"request_id": request_id}
        ).scalar()
        return found

    def update(self, account: Account) -> None:
        self.connection.execute(
            update(_accounts).where(_accounts.c.id == account.id).values(**_account_row(account))
        )

    def page(self, state: AccountState | None, after_id: str, limit: int) -> list[Account]:
        """Up to `limit` accounts with ids after `after_id`, in id (creation) order."""
        query = select(_accounts).where(_accounts.c.id > after_id)
        if state is not None:
            query = query.where(_accounts.c.state == state.value)
        rows = self.connection.execute(query.order_by(_accounts.c.id).limit(limit))
        return [_account(row) for row in rows]


def _account(row: Row[Any]) -> Account:
    return Account(
        id=row.id,
        master_email=row.master_email,
        master_name=row.master_name,
        state=AccountState(row.state),
        lint_policy=LintPolicy(row.lint_policy),
        etag=row.etag,
        create_time=_utc(row.create_time),
        update_time=_utc(row.update_time),
    )


def _account_row(account: Account) -> dict[str, Any]:
    return {
        "master_email": account.master_email,
        "master_name": account.master_name,
        "state": account.state.value,
        "lint_policy": account.lint_policy.value,
        "etag": account.etag,
        "create_time": account.create_time,
        "update_time": account.update_time,
    }


BILLING_RESOURCE = "billingInfo"


def contact_resource(contact_id: str) -> str:
    return f"technicalContacts/{contact_id}"


class AcknowledgementRepository:
    """Acknowledgements, by the resource they were given on: `billingInfo` or
    `technicalContacts/{id}` under the account."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def of(
        self, account_id: str, resources: Sequence[str]
    ) -> dict[str, tuple[RecordedAcknowledgement, ...]]:
        """Each resource's acknowledgements, in the order they were given."""
        if not resources:
            return {}
        found: dict[str, list[RecordedAcknowledgement]] = {r: [] for r in resources}
        query = (
            select(_acknowledgements)
            .where(
                _acknowledgements.c.account_id == account_id,
                _acknowledgements.c.resource.in_(resources),
            )
            .order_by(_acknowledgements.c.id)
        )
        for row in self.connection.execute(query):
            found[row.resource].append(
                RecordedAcknowledgement(row.rule, row.field, _utc(row.create_time))
            )
        return {resource: tuple(acks) for resource, acks in found.items()}

    def remove(self, account_id: str, resource: str) -> None:
        self.connection.execute(
            delete(_acknowledgements).where(
                _acknowledgements.c.account_id == account_id,
                _acknowledgements.c.resource == resource,
            )
        )


class BillingInfoRepository:
    def __init__(self, connection: Connection, acknowledgements: AcknowledgementRepository) -> None:
        self.connection = connection
        self.acknowledgements = acknowledgements

    def get(self, account_id: str, *, lock: bool = False) -> BillingInfo | None:
        query = _locked(select(_billing).where(_billing.c.account_id == account_id), lock)
        row = self.connection.execute(query).first()
        if row is None:
            return None
        recorded = self.acknowledgements.of(account_id, [BILLING_RESOURCE])[BILLING_RESOURCE]
        return BillingInfo(
            account_id=row.account_id,
            email=row.email,
            contact_name=row.contact_name,
            postal_address=PostalAddress(
                tuple(row.address_lines), row.postal_code, row.city, row.country_code
            ),
            payment_verification_hash=row.payment_verification_hash or "",
            etag=row.etag,
            update_time=_utc(row.update_time),
            acknowledgements=recorded,
        )

    def update(self, billing: BillingInfo) -> None:
        self.connection.execute(
            update(_billing)
            .where(_billing.c.account_id == billing.account_id)
            .values(**_billing_row(billing))
        )


def _billing_row(billing: BillingInfo) -> dict[str, Any]:
    return {
        "email": billing.email,
        "contact_name": billing.contact_name,
        "address_lines": list(billing.postal_address.address_lines),
        "postal_code": billing.postal_address.postal_code,
        "city": billing.postal_address.city,
        "country_code": billing.postal_address.country_code,
        "payment_verification_hash": billing.payment_verification_hash or None,
        "etag": billing.etag,
        "update_time": billing.update_time,
    }


class TechnicalContactRepository:
    def __init__(self, connection: Connection, acknowledgements: AcknowledgementRepository) -> None:
        self.connection = connection
        self.acknowledgements = acknowledgements

    def get(
        self, account_id: str, contact_id: str, *, lock: bool = False
    ) -> TechnicalContact | None:
        query = select(_contacts).where(
            _contacts.c.id == contact_id, _contacts.c.account_id == account_id
        )
        found = self._contacts(account_id, _locked(query, lock))
        return found[0] if found else None

    def page(self, account_id: str, after_id: str, limit: int) -> list[TechnicalContact]:
        query = (
            select(_contacts)
            .where(_contacts.c.account_id == account_id, _contacts.c.id > after_id)
            .order_by(_contacts.c.id)
            .limit(limit)
        )
        return self._contacts(account_id, query)

    def count(self, account_id: str) -> int:
        query = (
            select(func.count()).select_from(_contacts).where(_contacts.c.account_id == account_id)
        )
        return int(self.connection.execute(query).scalar_one())

    def update(self, contact: TechnicalContact) -> None:
        self.connection.execute(
            update(_contacts)
            .where(_contacts.c.id == contact.id, _contacts.c.account_id == contact.account_id)
            .values(**_contact_row(contact))
        )

    def delete(self, account_id: str, contact_id: str) -> None:
        self.connection.execute(
            delete(_contacts).where(
                _contacts.c.id == contact_id, _contacts.c.account_id == account_id
            )
        )
        self.acknowledgements.remove(account_id, contact_resource(contact_id))

    def _contacts(self, account_id: str, query: Select[Any]) -> list[TechnicalContact]:
        rows = self.connection.execute(query).all()
        recorded = self.acknowledgements.of(account_id, [contact_resource(r.id) for r in rows])
        return [
            TechnicalContact(
                id=row.id,
                account_id=row.account_id,
                email=row.email,
                display_name=row.display_name,
                language=row.language,
                notification_categories=tuple(
                    NotificationCategory(c) for c in row.notification_categories
                ),
                etag=row.etag,
                create_time=_utc(row.create_time),
                update_time=_utc(row.update_time),
                acknowledgements=recorded[contact_resource(row.id)],
            )
            for row in rows
        ]


def _contact_row(contact: TechnicalContact) -> dict[str, Any]:
    return {
        "email": contact.email,
        "display_name": contact.display_name,
        "language": contact.language,
        "notification_categories": [c.value for c in contact.notification_categories],
        "etag": contact.etag,
        "create_time": contact.create_time,
        "update_time": contact.update_time,
    }


class Repositories:
    """The repositories of one transaction."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.acknowledgements = AcknowledgementRepository(connection)
        self.accounts = AccountRepository(connection)
        self.billing = BillingInfoRepository(connection, self.acknowledgements)
        self.contacts = TechnicalContactRepository(connection, self.acknowledgements)
        self.inserts = Inserts.on(connection)


class Inserts:
    """New rows, written on the driver's own connection (see `driver_insert`) in its
    transaction: `Repositories.inserts` in any transaction, and the whole of a signup's
    write (`Database.inserting`), which needs nothing but inserts."""

    def __init__(self, dialect: Dialect, driver: Any) -> None:
        self.dialect = dialect
        self.driver = driver

    @classmethod
    def on(cls, connection: Connection) -> Inserts:
        """Inserts in the transaction of a SQLAlchemy connection."""
        return cls(connection.dialect, connection.connection.driver_connection)

    def account(self, account: Account, request_id: str | None) -> None:
        row = {"id": account.id, "request_id": request_id, **_account_row(account)}
        _INSERT_ACCOUNT.run(self.dialect, self.driver, [row])

    def billing(self, billing: BillingInfo) -> None:
        row = {"account_id": billing.account_id, **_billing_row(billing)}
        _INSERT_BILLING.run(self.dialect, self.driver, [row])

    def contacts(self, contacts: Sequence[TechnicalContact]) -> None:
        rows = [{"id": c.id, "account_id": c.account_id, **_contact_row(c)} for c in contacts]
        _INSERT_CONTACT.run(self.dialect, self.driver, rows)

    def acknowledgements(
        self,
        account_id: str,
        resource: str,
        acknowledgements: Iterable[Acknowledgement],
        when: datetime,
    ) -> tuple[RecordedAcknowledgement, ...]:
        """Store them; returns them as recorded."""
        rows: list[dict[str, Any]] = [
            {
                "account_id": account_id,
                "resource": resource,
                "rule": a.rule,
                "field": a.field,
                "create_time": when,
            }
            for a in acknowledgements
        ]
        _INSERT_ACKNOWLEDGEMENT.run(self.dialect, self.driver, rows)
        return tuple(RecordedAcknowledgement(r["rule"], r["field"], when) for r in rows)
