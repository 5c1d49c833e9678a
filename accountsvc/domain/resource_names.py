"""Resource names (`accounts/{account}`, `accounts/{account}/billingInfo`,
`accounts/{account}/technicalContacts/{contact}`) read into ids, or a clear error."""

from __future__ import annotations

from accountsvc.domain.errors import FieldViolation, InvalidArgument
from accountsvc.domain.identifiers import is_id


def _invalid(field: str, expected: str) -> InvalidArgument:
    return InvalidArgument(
        [FieldViolation(field, f"must be a resource name of the form {expected}")],
        "INVALID_RESOURCE_NAME",
    )


def account_id(name: str, field: str = "name") -> str:
    parts = name.split("/")
    if len(parts) != 2 or parts[0] != "accounts" or not is_id(parts[1]):
        raise _invalid(field, "accounts/{account}")
    return parts[1]


def billing_account_id(name: str, field: str = "name") -> str:
    parts = name.split("/")
    if (
        len(parts) != 3
        or parts[0] != "accounts"
        or not is_id(parts[1])
        or parts[2] != "billingInfo"
    ):
        raise _invalid(field, "accounts/{account}/billingInfo")
    return parts[1]


def technical_contact_ids(name: str, field: str = "name") -> tuple[str, str]:
    parts = name.split("/")
    if (
        len(parts) != 4
        or parts[0] != "accounts"
        or parts[2] != "technicalContacts"
        or not (is_id(parts[1]) and is_id(parts[3]))
    ):
        raise _invalid(field, "accounts/{account}/technicalContacts/{contact}")
    return parts[1], parts[3]
