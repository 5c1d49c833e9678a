"""The resources the service holds, as plain immutable values.

They sit below both `domain` and `storage`: the domain works with them, and the
repositories take and return them, so neither layer imports the other's insides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class AccountState(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"


class LintPolicy(StrEnum):
    """What findings on a write of the account's contacts mean (see `domain.lint_policy`)."""

    ADVISE = "advise"
    ACKNOWLEDGE = "acknowledge"
    ENFORCE = "enforce"


class NotificationCategory(StrEnum):
    SECURITY_INCIDENTS = "security_incidents"
    TERMS_UPDATES = "terms_updates"
    SECURITY_MEASURE_CHANGES = "security_measure_changes"
    MAINTENANCE_WINDOWS = "maintenance_windows"
    SERVICE_DISRUPTIONS = "service_disruptions"
    NEWS = "news"


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """ "I know this field names a person": a rule code and a field path, such as
    `billing_info.email` in a request or `email` on a stored resource."""

    rule: str
    field: str


@dataclass(frozen=True, slots=True)
class RecordedAcknowledgement:
    """An acknowledgement as stored with the resource it was given on."""

    rule: str
    field: str
    create_time: datetime


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    master_email: str
    master_name: str
    state: AccountState
    lint_policy: LintPolicy
    etag: str
    create_time: datetime
    update_time: datetime

    @property
    def name(self) -> str:
        return f"accounts/{self.id}"


@dataclass(frozen=True, slots=True)
class PostalAddress:
    address_lines: tuple[str, ...] = ()
    postal_code: str = ""
    city: str = ""
    country_code: str = ""


@dataclass(frozen=True, slots=True)
class BillingInfo:
    account_id: str
    email: str
    contact_name: str
    postal_address: PostalAddress
    payment_verification_hash: str
    etag: str
    update_time: datetime
    acknowledgements: tuple[RecordedAcknowledgement, ...] = ()

    @property
    def name(self) -> str:
        return f"accounts/{self.account_id}/billingInfo"


@dataclass(frozen=True, slots=True)
class TechnicalContact:
    id: str
    account_id: str
    email: str
    display_name: str
    language: str
    notification_categories: tuple[NotificationCategory, ...]
    etag: str
    create_time: datetime
    update_time: datetime
    acknowledgements: tuple[RecordedAcknowledgement, ...] = ()

    @property
    def name(self) -> str:
        return f"accounts/{self.account_id}/technicalContacts/{self.id}"
