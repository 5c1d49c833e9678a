"""What a caller writes: the fields of an account, its billing information or a technical
contact before they are stored, their checks, and update masks over them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from accountsvc.domain import validation
from accountsvc.domain.errors import FieldViolation, InvalidArgument
from accountsvc.domain.validation import Problem
from accountsvc.resources import (
    BillingInfo,
    LintPolicy,
    NotificationCategory,
    PostalAddress,
    TechnicalContact,
)


@dataclass(frozen=True, slots=True)
class AccountFields:
    master_email: str = ""
    master_name: str = ""
    lint_policy: LintPolicy | None = None


@dataclass(frozen=True, slots=True)
class BillingFields:
    email: str = ""
    contact_name: str = ""
    postal_address: PostalAddress = field(default_factory=PostalAddress)
    payment_verification_hash: str = ""


@dataclass(frozen=True, slots=True)
class ContactFields:
    email: str = ""
    display_name: str = ""
    language: str = ""
    notification_categories: tuple[NotificationCategory, ...] = ()


ACCOUNT_PATHS = ("master_email", "master_name", "lint_policy")
_ADDRESS_PARTS = ("address_lines", "postal_code", "city", "country_code")
BILLING_PATHS = (
    "email",
    "contact_name",
    "postal_address",
    *(f"postal_address.{part}" for part in _ADDRESS_PARTS),
    "payment_verification_hash",
)
CONTACT_PATHS = ("email", "display_name", "language", "notification_categories")

_Fields = TypeVar("_Fields", "AccountFields", "BillingFields", "ContactFields")


def account_problems(
    prefix: str, fields: AccountFields, paths: Sequence[str] = ACCOUNT_PATHS
) -> Iterator[Problem]:
    if "master_email" in paths:
        yield from validation.email(f"{prefix}master_email", fields.master_email)
    if "master_name" in paths:
        yield from validation.text(f"{prefix}master_name", fields.master_name, validation.MAX_NAME)


def billing_problems(
    prefix: str, fields: BillingFields, paths: Sequence[str] = BILLING_PATHS
) -> Iterator[Problem]:
    if "email" in paths:
        yield from validation.email(f"{prefix}email", fields.email)
    if "contact_name" in paths:
        yield from validation.text(
            f"{prefix}contact_name", fields.contact_name, validation.MAX_NAME
        )
    if any(p.startswith("postal_address") for p in paths):
        yield from validation.postal_address(f"{prefix}postal_address", fields.postal_address)
    if "payment_verification_hash" in paths:
        yield from validation.payment_verification_hash(
            f"{prefix}payment_verification_hash", fields.payment_verification_hash
        )


def contact_problems(
    prefix: str, fields: ContactFields, paths: Sequence[str] = CONTACT_PATHS
) -> Iterator[Problem]:
    if "email" in paths:
        yield from validation.email(f"{prefix}email", fields.email)
    if "display_name" in paths:
        yield from validation.text(
            f"{prefix}display_name", fields.display_name, validation.MAX_NAME
        )
    if "language" in paths:
        yield from validation.language(f"{prefix}language", fields.language)


def resolve_mask(paths: Sequence[str], allowed: Sequence[str], given: object) -> frozenset[str]:
    """The fields an update writes. No paths means every field `given` sets; `*` means
    every field, set or not."""
    if not paths:
        empty = type(given)()
        return frozenset(
            p for p in allowed if "." not in p and getattr(given, p) != getattr(empty, p)
        )
    if list(paths) == ["*"]:
        return frozenset(p for p in allowed if "." not in p)
    unknown = [p for p in paths if p not in allowed]
    if unknown:
        raise InvalidArgument(
            [
                FieldViolation(
                    "update_mask", f"cannot update {p!r}: updatable are {', '.join(allowed)}"
                )
                for p in unknown
            ],
            "INVALID_UPDATE_MASK",
        )
    return frozenset(paths)


def merged(current: _Fields, given: _Fields, paths: frozenset[str]) -> _Fields:
    """`current` with the fields named in `paths` taken from `given`; a path may name one
    field of a nested value (`postal_address.city`)."""
    changes: dict[str, Any] = {}
    for path in sorted(paths):
        top, _, inner = path.partition(".")
        if not inner:
            changes[top] = getattr(given, top)
            continue
        if top in paths:
            continue  # the whole nested value is written anyway
        base = changes.get(top, getattr(current, top))
        nested: Any = base
        changes[top] = dataclasses.replace(nested, **{inner: getattr(getattr(given, top), inner)})
    return dataclasses.replace(current, **changes)


def billing_info(account: str, fields: BillingFields, when: datetime, etag: str) -> BillingInfo:
    """The billing information `fields` describe, as stored at `when`."""
    return BillingInfo(
        account_id=account,
        email=fields.email,
        contact_name=fields.contact_name,
        postal_address=fields.postal_address,
        payment_verification_hash=fields.payment_verification_hash,
        etag=etag,
        update_time=when,
    )


def billing_fields_of(billing: BillingInfo) -> BillingFields:
    """The fields of stored billing information, to merge an update into."""
    return BillingFields(
        billing.email,
        billing.contact_name,
        billing.postal_address,
        billing.payment_verification_hash,
    )


def technical_contact(
    contact: str,
    account: str,
    fields: ContactFields,
    when: datetime,
    etag: str,
    created: datetime | None = None,
) -> TechnicalContact:
    """The technical contact `fields` describe: language "en" if none, each category once."""
    return TechnicalContact(
        id=contact,
        account_id=account,
        email=fields.email,
        display_name=fields.display_name,
        language=fields.language or validation.DEFAULT_LANGUAGE,
        notification_categories=tuple(dict.fromkeys(fields.notification_categories)),
        etag=etag,
        create_time=created or when,
        update_time=when,
    )


def contact_fields_of(contact: TechnicalContact) -> ContactFields:
    """The fields of a stored technical contact, to merge an update into."""
    return ContactFields(
        contact.email, contact.display_name, contact.language, contact.notification_categories
    )
