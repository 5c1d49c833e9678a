"""Checks of single values, each returning what is wrong (or None) in words a caller can act
on. The address syntax itself is the linter's call (rule E001), made with the lint.

The payment verification hash has one documented format: `sha256:` and 64 lower-case
hexadecimal digits, the hash the payment provider returns for a verified card. Anything
else is refused, and something that looks like a card number is refused as card data
without the value ever being echoed, logged or stored.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from accountsvc.domain.errors import FieldViolation, InvalidArgument
from accountsvc.resources import PostalAddress
from linter.rules.card_number import card_numbers

MAX_EMAIL = 254
MAX_NAME = 200
MAX_ADDRESS_LINES = 5
MAX_ADDRESS_LINE = 100
MAX_POSTAL_CODE = 20
MAX_CITY = 100
MAX_TECHNICAL_CONTACTS = 20

PAYMENT_HASH_FORMAT = "sha256: followed by 64 lower-case hexadecimal digits"
_PAYMENT_HASH = re.compile(r"sha256:[0-9a-f]{64}")
# As many digits as the shortest card number.
_CARD_DIGITS = 12
_CONTROL = re.compile(r"[\x00-\x1f]")
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
_LANGUAGE_SUBTAG = re.compile(r"[A-Za-z0-9]{1,8}")
_LANGUAGE_PRIMARY = re.compile(r"[A-Za-z]{2,3}")
DEFAULT_LANGUAGE = "en"
# A UUID as `str(uuid.UUID(...))` writes it, as clients mostly send it: taken as it is,
# without parsing it twice.
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True, slots=True)
class Problem:
    """One field's problem; `reason` is the ErrorInfo reason when it is the only one."""

    violation: FieldViolation
    reason: str = "INVALID_FIELD"


def problem(field: str, description: str, reason: str = "INVALID_FIELD") -> Problem:
    return Problem(FieldViolation(field, description), reason)


def raise_if_any(problems: Iterable[Problem]) -> None:
    """Every problem of the request in one error; card data decides the reason."""
    found = list(problems)
    if not found:
        return
    reasons = {p.reason for p in found}
    reason = "CARD_DATA_REFUSED" if "CARD_DATA_REFUSED" in reasons else found[0].reason
    raise InvalidArgument([p.violation for p in found], reason)


# The checks of single strings return their problems rather than yield them: a write
# checks a dozen fields, nearly always without a problem, and a generator per field
# cost more than the check.


def email(field: str, value: str) -> tuple[Problem, ...]:
    if not value:
        return (problem(field, "is required", "REQUIRED_FIELD"),)
    if len(value) > MAX_EMAIL:
        return (problem(field, f"is longer than {MAX_EMAIL} characters", "FIELD_TOO_LONG"),)
    return ()


def text(field: str, value: str, limit: int) -> tuple[Problem, ...]:
    if len(value) > limit:
        return (problem(field, f"is longer than {limit} characters", "FIELD_TOO_LONG"),)
    if _CONTROL.search(value):
        return (problem(field, "holds control characters (a line break?)"),)
    return ()


def postal_address(field: str, address: PostalAddress) -> Iterator[Problem]:
    if len(address.address_lines) > MAX_ADDRESS_LINES:
        yield problem(
            f"{field}.address_lines", f"has more than {MAX_ADDRESS_LINES} lines", "FIELD_TOO_LONG"
        )
    for i, line in enumerate(address.address_lines):
        yield from text(f"{field}.address_lines[{i}]", line, MAX_ADDRESS_LINE)
    yield from text(f"{field}.postal_code", address.postal_code, MAX_POSTAL_CODE)
    yield from text(f"{field}.city", address.city, MAX_CITY)
    if address.country_code and not _COUNTRY_CODE.fullmatch(address.country_code):
        yield problem(
            f"{field}.country_code", "must be an ISO 3166-1 alpha-2 code in capitals, e.g. SE"
        )


def payment_verification_hash(field: str, value: str) -> Iterator[Problem]:
    if not value or _PAYMENT_HASH.fullmatch(value):
        return
    if _looks_like_card_data(value):
        yield problem(
            field,
            f"looks like card data, which is never accepted: send {PAYMENT_HASH_FORMAT}",
            "CARD_DATA_REFUSED",
        )
    else:
        yield problem(field, f"must be {PAYMENT_HASH_FORMAT}", "INVALID_PAYMENT_HASH")


def _looks_like_card_data(value: str) -> bool:
    """Nothing but digits (spaced or not) as many as a card has, or a digit run that passes
    the card-number rule (Luhn and an issuer prefix) anywhere in the value."""
    digits = value.replace(" ", "").replace("-", "")
    if digits.isdigit() and len(digits) >= _CARD_DIGITS:
        return True
    return next(card_numbers(value), None) is not None


def language(field: str, value: str) -> Iterator[Problem]:
    """A BCP 47 tag's shape: a primary language and subtags (`sv`, `en-GB`, `zh-Hant-TW`)."""
    if not value:
        return
    primary, *subtags = value.split("-")
    if (
        len(value) > 35
        or not _LANGUAGE_PRIMARY.fullmatch(primary)
        or not all(_LANGUAGE_SUBTAG.fullmatch(s) for s in subtags)
    ):
        yield problem(field, "must be a BCP 47 language tag, e.g. sv or en-GB")


def request_id(field: str, value: str) -> Iterator[Problem]:
    if not value or _CANONICAL_UUID.fullmatch(value):
        return
    try:
        uuid.UUID(value)
    except ValueError:
        yield problem(field, "must be a UUID, e.g. 3f2c5f8e-8d4a-4b7e-9c1d-2a6b0e4f7a15")


def canonical_request_id(value: str) -> str:
    if not value or _CANONICAL_UUID.fullmatch(value):
        return value
    return str(uuid.UUID(value))
