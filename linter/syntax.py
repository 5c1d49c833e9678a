"""Is this a valid e-mail address? The same answer as email-validator's default mode.

Most addresses are plain ASCII `dot-atom@host.tld`; a short check recognises those that
email-validator is certain to accept, without its normalisation machinery. An address
that email-validator splits at its one @ (no quotes, no angle brackets, no bracketed
IP address) is checked part by part with email-validator's own part checks, called as
its `validate_email` calls them, so a bulk run can remember the verdict on each local
part and domain. Anything else goes to `validate_email` whole. The verdicts and the
messages saying what is wrong are email-validator's; only the work is shared.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

import email_validator
from email_validator import SPECIAL_USE_DOMAIN_NAMES as _SPECIAL_USE
from email_validator import EmailNotValidError, EmailSyntaxError, ValidatedEmail, validate_email
from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES
from email_validator.syntax import (
    LocalPartValidationResult,
    validate_email_domain_name,
    validate_email_length,
    validate_email_local_part,
)

# RFC 5322 atext: the characters of an unquoted local part, between dots.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
# A host name label: letters, digits, inner hyphens (RFC 952/1123).
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
# The last label ends in a letter: no top-level domain ends in a digit.
_TOP_LABEL = r"(?:[A-Za-z0-9][A-Za-z0-9-]*)?[A-Za-z]"
# A dot-atom local part, and a host name of at least two labels. Neither contains an @,
# so an address is plain when the parts on either side of its last @ are.
_PLAIN_LOCAL_PART = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")
_PLAIN_DOMAIN = re.compile(rf"(?:{_LABEL}\.)+{_TOP_LABEL}")
_ANY_LOCAL_PART = "x"
_EMAIL_MAX = 254
_DOMAIN_MAX = 253
_LABEL_MAX = 63
# Characters that make email-validator's `split_email` do more than split at the @: a
# quote starts a quoted local part (which may hold an @), an angle bracket a display name.
_SPLIT_CHANGERS = ('"', "<")
_EMPTY_DOMAIN = "There must be something after the @-sign."
_AFTER_NORMALIZATION = "After Unicode normalization: "


class SyntaxCheck(NamedTuple):
    """The outcome: `error` is None for a valid address, else what is wrong.

    For a valid address, `local` is the local part as written and `domain` the
    normalised (lower-case, Unicode) domain and `ascii_domain` its IDNA form.
    """

    error: str | None
    local: str = ""
    domain: str = ""
    ascii_domain: str = ""


_SPECIAL_USE_NAMES = frozenset(_SPECIAL_USE)
_SPECIAL_USE_SUFFIXES = tuple("." + name for name in _SPECIAL_USE)


def _is_special_use(domain: str) -> bool:
    return domain in _SPECIAL_USE_NAMES or domain.endswith(_SPECIAL_USE_SUFFIXES)


def is_plain_local_part(local: str) -> bool:
    """`local` is a plain ASCII dot-atom, which email-validator accepts as it is."""
    return _PLAIN_LOCAL_PART.fullmatch(local) is not None


def plain_domain(domain: str) -> str | None:
    """`domain` in lower case if it is a plain ASCII host name email-validator certainly
    accepts, else None (it may still be valid: email-validator decides)."""
    if _PLAIN_DOMAIN.fullmatch(domain) is None:
        return None
    domain = domain.lower()
    if len(domain) > _DOMAIN_MAX or _is_special_use(domain):
        return None
    if len(domain) > _LABEL_MAX or "--" in domain:
        for label in domain.split("."):
            # Over-long labels and `ab--` labels (Punycode or invalid) need the full check.
            if len(label) > _LABEL_MAX or label[2:4] == "--":
                return None
    return domain


def plain_parts(
    email: str, domain_of: Callable[[str], str | None] = plain_domain
) -> tuple[str, str] | None:
    """The local part and the lower-case domain of a plain ASCII address email-validator
    certainly accepts, else None. The check of the domain may be given (a cached one, for
    a bulk run); the local part's is one pattern match, cheaper than a cache's upkeep."""
    local, at, domain = email.rpartition("@")
    if not at or len(email) > _EMAIL_MAX or not is_plain_local_part(local):
        return None
    normalised = domain_of(domain)
    return None if normalised is None else (local, normalised)


class LocalPartCheck(NamedTuple):
    """The verdict on a local part: `error` is None when it is valid, and then `local_part`
    is its normalised form (NFC, lower case for the RFC 2142 mailbox names) and
    `ascii_local_part` the same when it is ASCII, else None."""

    error: str | None
    local_part: str = ""
    ascii_local_part: str | None = None


class DomainPartCheck(NamedTuple):
    """The verdict on the part after the @: `error` is None when it is a valid domain
    name, and then `domain` is its normalised (lower-case, Unicode) form and
    `ascii_domain` its IDNA form."""

    error: str | None
    domain: str = ""
    ascii_domain: str = ""


def split_address(email: str) -> tuple[str, str] | None:
    """The local part and the domain name of `email` when email-validator's `split_email`
    splits it at its one @ and no more, else None.

    Without a quote or an angle bracket, `split_email` splits at the first @ that no
    following character combines with under NFC, and no character does: none decomposes
    to an @ followed by something. A bracketed domain is an IP address, not a name."""
    local, at, domain = email.partition("@")
    if not at or "@" in domain or any(changer in email for changer in _SPLIT_CHANGERS):
        return None
    if domain.startswith("[") and domain.endswith("]"):
        return None
    return local, domain


def _validated_local_part(local: str) -> LocalPartValidationResult:
    return validate_email_local_part(
        local,
        allow_smtputf8=email_validator.ALLOW_SMTPUTF8,
        allow_empty_local=email_validator.ALLOW_EMPTY_LOCAL,
        quoted_local_part=False,
        strict=email_validator.STRICT,
    )


def _normalised_local_part(local: str) -> LocalPartCheck:
    validated = _validated_local_part(local)
    composed = unicodedata.normalize("NFC", local)
    if composed != local:
        try:
            validated = _validated_local_part(composed)
        except EmailSyntaxError as error:
            raise EmailSyntaxError(_AFTER_NORMALIZATION + str(error)) from error
    local_part, ascii_local_part = validated["local_part"], validated["ascii_local_part"]
    if ascii_local_part is not None and ascii_local_part.lower() in CASE_INSENSITIVE_MAILBOX_NAMES:
        return LocalPartCheck(None, local_part.lower(), ascii_local_part.lower())
    return LocalPartCheck(None, local_part, ascii_local_part)


def check_local_part(local: str) -> LocalPartCheck:
    """Check an unquoted local part as `validate_email` does, with its default options."""
    try:
        return _normalised_local_part(local)
    except EmailSyntaxError as error:
        return LocalPartCheck(str(error))


def check_domain_part(domain: str) -> DomainPartCheck:
    """Check the domain name after the @ as `validate_email` does, with its default
    options; a plain ASCII host name needs only lower-casing."""
    if not domain:
        return DomainPartCheck(_EMPTY_DOMAIN)
    plain = plain_domain(domain)
    if plain is not None:
        return DomainPartCheck(None, plain, plain)
    try:
        validated = validate_email_domain_name(
            domain,
            test_environment=email_validator.TEST_ENVIRONMENT,
            globally_deliverable=email_validator.GLOBALLY_DELIVERABLE,
        )
    except EmailSyntaxError as error:
        return DomainPartCheck(str(error))
    return DomainPartCheck(None, validated["domain"], validated["ascii_domain"])


def _length_error(email: str, local: LocalPartCheck, domain: DomainPartCheck) -> str | None:
    """What is wrong with the length of `email`, as written, normalised or with its IDNA
    domain, or None."""
    address = ValidatedEmail()
    address.original = email
    address.local_part = local.local_part
    address.ascii_local_part = local.ascii_local_part
    address.domain = domain.domain
    address.ascii_domain = domain.ascii_domain
    address.normalized = f"{local.local_part}@{domain.domain}"
    try:
        validate_email_length(address)
    except EmailSyntaxError as error:
        return str(error)
    return None


def _check_whole(email: str) -> SyntaxCheck:
    try:
        valid = validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        return SyntaxCheck(str(error))
    local = email.rpartition("@")[0]
    return SyntaxCheck(None, local, valid.domain, valid.ascii_domain or valid.domain)


def check_by_parts(
    email: str,
    local_part_of: Callable[[str], LocalPartCheck] = check_local_part,
    domain_part_of: Callable[[str], DomainPartCheck] = check_domain_part,
) -> SyntaxCheck:
    """`check_syntax` without its plain ASCII short path. The checks of the two parts may
    be given (cached ones, for a bulk run); the length is checked for each address."""
    parts = split_address(email)
    if parts is None:
        return _check_whole(email)
    local, domain = parts
    checked_local = local_part_of(local)
    if checked_local.error is not None:
        return SyntaxCheck(checked_local.error)
    checked_domain = domain_part_of(domain)
    if checked_domain.error is not None:
        return SyntaxCheck(checked_domain.error)
    error = _length_error(email, checked_local, checked_domain)
    if error is not None:
        return SyntaxCheck(error)
    return SyntaxCheck(None, local, checked_domain.domain, checked_domain.ascii_domain)


def check_syntax(email: str) -> SyntaxCheck:
    """Check `email` as email-validator does with `check_deliverability=False`."""
    plain = plain_parts(email)
    if plain is not None:
        local, domain = plain
        return SyntaxCheck(None, local, domain, domain)
    return check_by_parts(email)


def check_domain(domain: str) -> SyntaxCheck:
    """Check `domain` as the domain part of an address (behind a local part that is valid
    anywhere)."""
    return check_syntax(f"{_ANY_LOCAL_PART}@{domain}")
