"""The tables, typed SQLAlchemy 2 models. Personal columns declare purpose, legal basis
and retention beside them (see `personal_data`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from accountsvc.storage.personal_data import LegalBasis, Retention, personal

LEGITIMATE = LegalBasis.LEGITIMATE_INTEREST
OBLIGATION = LegalBasis.LEGAL_OBLIGATION

_ACCOUNT = "run the account, create panel and API users"
_BILLING = "invoice and collect payment; bookkeeping law"
_TECHNICAL = (
    "notify of security breaches, terms updates, changes to security measures, maintenance "
    "windows, service disruptions and news"
)


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = (
        UniqueConstraint("request_id", name="uq_accounts_request_id"),
        Index("ix_accounts_state_id", "state", "id"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    master_email: Mapped[str] = mapped_column(
        String(254),
        info=personal(_ACCOUNT, LEGITIMATE, retention=Retention.WHILE_SERVICES_PROVIDED_THEN_GRACE),
    )
    master_name: Mapped[str] = mapped_column(
        String(200),
        info=personal(_ACCOUNT, LEGITIMATE, retention=Retention.WHILE_SERVICES_PROVIDED_THEN_GRACE),
    )
    state: Mapped[str] = mapped_column(String(16))
    lint_policy: Mapped[str] = mapped_column(String(16))
    etag: Mapped[str] = mapped_column(String(64))
    request_id: Mapped[str | None] = mapped_column(String(64))
    create_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    update_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class BillingInfo(Base):
    __tablename__ = "billing_info"

    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    email: Mapped[str] = mapped_column(
        String(254),
        info=personal(
            _BILLING, LEGITIMATE, OBLIGATION, retention=Retention.BOOKKEEPING_SEVEN_YEARS
        ),
    )
    contact_name: Mapped[str] = mapped_column(
        String(200),
        info=personal(
            _BILLING, LEGITIMATE, OBLIGATION, retention=Retention.BOOKKEEPING_SEVEN_YEARS
        ),
    )
    address_lines: Mapped[list[str]] = mapped_column(
        JSON,
        info=personal(
            _BILLING, LEGITIMATE, OBLIGATION, retention=Retention.BOOKKEEPING_SEVEN_YEARS
        ),
    )
    postal_code: Mapped[str] = mapped_column(String(20))
    city: Mapped[str] = mapped_column(String(100))
    country_code: Mapped[str] = mapped_column(String(2))
    # A hash in the documented format only; card data is refused before it gets here.
    payment_verification_hash: Mapped[str | None] = mapped_column(String(128))
    etag: Mapped[str] = mapped_column(String(64))
    update_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TechnicalContact(Base):
    __tablename__ = "technical_contacts"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(
        String(254),
        info=personal(
            _TECHNICAL, LEGITIMATE, OBLIGATION, retention=Retention.WHILE_SERVICES_PROVIDED
        ),
    )
    display_name: Mapped[str] = mapped_column(
        String(200),
        info=personal(
            _TECHNICAL, LEGITIMATE, OBLIGATION, retention=Retention.WHILE_SERVICES_PROVIDED
        ),
    )
    language: Mapped[str] = mapped_column(String(16))
    notification_categories: Mapped[list[str]] = mapped_column(JSON)
    etag: Mapped[str] = mapped_column(String(64))
    create_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    update_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LintAcknowledgement(Base):
    """A finding someone acknowledged on a write: which rule, on which field of which
    resource (`billingInfo`, `technicalContacts/{id}`), and when. Holds no personal value."""

    __tablename__ = "lint_acknowledgements"
    __table_args__ = (Index("ix_lint_acknowledgements_resource", "account_id", "resource"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    resource: Mapped[str] = mapped_column(String(80))
    rule: Mapped[str] = mapped_column(String(8))
    field: Mapped[str] = mapped_column(String(80))
    create_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
