"""Repositories: read and write the resources, in the caller's transaction.

Each takes and returns the plain values of `accountsvc.resources`; the SQLAlchemy rows
stay in here. `lock=True` reads a row for update, so a check-then-write (an etag, a
state) holds on PostgreSQL as it does on SQLite, where every write transaction is
exclusive from its start.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

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


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class AccountRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, account_id: str, *, lock: bool = False) -> Account | None:
        query = select(models.Account).where(models.Account.id == account_id)
        row = self.session.scalars(query.with_for_update() if lock else query).first()
        return None if row is None else _account(row)

    def id_for_request(self, request_id: str) -> str | None:
        query = select(models.Account.id).where(models.Account.request_id == request_id)
        return self.session.scalars(query).first()

    def add(self, account: Account, request_id: str | None) -> None:
        row = models.Account(id=account.id, request_id=request_id)
        _copy_account(account, row)
        self.session.add(row)

    def update(self, account: Account) -> None:
        row = self.session.get_one(models.Account, account.id)
        _copy_account(account, row)

    def page(self, state: AccountState | None, after_id: str, limit: int) -> list[Account]:
        """Up to `limit` accounts with ids after `after_id`, in id (creation) order."""
        query = select(models.Account).where(models.Account.id > after_id)
        if state is not None:
            query = query.where(models.Account.state == state.value)
        rows = self.session.scalars(query.order_by(models.Account.id).limit(limit))
        return [_account(row) for row in rows]


def _account(row: models.Account) -> Account:
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


def _copy_account(account: Account, row: models.Account) -> None:
    row.master_email = account.master_email
    row.master_name = account.master_name
    row.state = account.state.value
    row.lint_policy = account.lint_policy.value
    row.etag = account.etag
    row.create_time = account.create_time
    row.update_time = account.update_time


class AcknowledgementRepository:
    """Acknowledgements, by the resource they were given on: `billingInfo` or
    `technicalContacts/{id}` under the account."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        account_id: str,
        resource: str,
        acknowledgements: Iterable[Acknowledgement],
        when: datetime,
    ) -> None:
        self.session.add_all(
            models.LintAcknowledgement(
                account_id=account_id,
                resource=resource,
                rule=a.rule,
                field=a.field,
                create_time=when,
            )
            for a in acknowledgements
        )

    def of(self, account_id: str, resource: str) -> tuple[RecordedAcknowledgement, ...]:
        query = (
            select(models.LintAcknowledgement)
            .where(
                models.LintAcknowledgement.account_id == account_id,
                models.LintAcknowledgement.resource == resource,
            )
            .order_by(models.LintAcknowledgement.id)
        )
        return tuple(
            RecordedAcknowledgement(row.rule, row.field, _utc(row.create_time))
            for row in self.session.scalars(query)
        )

    def remove(self, account_id: str, resource: str) -> None:
        self.session.execute(
            delete(models.LintAcknowledgement).where(
                models.LintAcknowledgement.account_id == account_id,
                models.LintAcknowledgement.resource == resource,
            )
        )


BILLING_RESOURCE = "billingInfo"


def contact_resource(contact_id: str) -> str:
    return f"technicalContacts/{contact_id}"


class BillingInfoRepository:
    def __init__(self, session: Session, acknowledgements: AcknowledgementRepository) -> None:
        self.session = session
        self.acknowledgements = acknowledgements

    def get(self, account_id: str, *, lock: bool = False) -> BillingInfo | None:
        query = select(models.BillingInfo).where(models.BillingInfo.account_id == account_id)
        row = self.session.scalars(query.with_for_update() if lock else query).first()
        if row is None:
            return None
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
            acknowledgements=self.acknowledgements.of(account_id, BILLING_RESOURCE),
        )

    def put(self, billing: BillingInfo) -> None:
        """Insert the account's billing information, or replace what it had."""
        row = self.session.get(models.BillingInfo, billing.account_id)
        if row is None:
            row = models.BillingInfo(account_id=billing.account_id)
            self.session.add(row)
        row.email = billing.email
        row.contact_name = billing.contact_name
        row.address_lines = list(billing.postal_address.address_lines)
        row.postal_code = billing.postal_address.postal_code
        row.city = billing.postal_address.city
        row.country_code = billing.postal_address.country_code
        row.payment_verification_hash = billing.payment_verification_hash or None
        row.etag = billing.etag
        row.update_time = billing.update_time


class TechnicalContactRepository:
    def __init__(self, session: Session, acknowledgements: AcknowledgementRepository) -> None:
        self.session = session
        self.acknowledgements = acknowledgements

    def get(
        self, account_id: str, contact_id: str, *, lock: bool = False
    ) -> TechnicalContact | None:
        query = select(models.TechnicalContact).where(
            models.TechnicalContact.id == contact_id,
            models.TechnicalContact.account_id == account_id,
        )
        row = self.session.scalars(query.with_for_update() if lock else query).first()
        return None if row is None else self._contact(row)

    def page(self, account_id: str, after_id: str, limit: int) -> list[TechnicalContact]:
        query = (
            select(models.TechnicalContact)
            .where(
                models.TechnicalContact.account_id == account_id,
                models.TechnicalContact.id > after_id,
            )
            .order_by(models.TechnicalContact.id)
            .limit(limit)
        )
        return [self._contact(row) for row in self.session.scalars(query)]

    def count(self, account_id: str) -> int:
        query = select(models.TechnicalContact.id).where(
            models.TechnicalContact.account_id == account_id
        )
        return len(self.session.scalars(query).all())

    def put(self, contact: TechnicalContact) -> None:
        row = self.session.get(models.TechnicalContact, contact.id)
        if row is None:
            row = models.TechnicalContact(id=contact.id, account_id=contact.account_id)
            self.session.add(row)
        row.email = contact.email
        row.display_name = contact.display_name
        row.language = contact.language
        row.notification_categories = [c.value for c in contact.notification_categories]
        row.etag = contact.etag
        row.create_time = contact.create_time
        row.update_time = contact.update_time

    def delete(self, account_id: str, contact_id: str) -> None:
        self.session.execute(
            delete(models.TechnicalContact).where(
                models.TechnicalContact.id == contact_id,
                models.TechnicalContact.account_id == account_id,
            )
        )
        self.acknowledgements.remove(account_id, contact_resource(contact_id))

    def _contact(self, row: models.TechnicalContact) -> TechnicalContact:
        return TechnicalContact(
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
            acknowledgements=self.acknowledgements.of(row.account_id, contact_resource(row.id)),
        )


class Repositories:
    """The repositories of one transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.acknowledgements = AcknowledgementRepository(session)
        self.accounts = AccountRepository(session)
        self.billing = BillingInfoRepository(session, self.acknowledgements)
        self.contacts = TechnicalContactRepository(session, self.acknowledgements)
