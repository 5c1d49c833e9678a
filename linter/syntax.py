"""Is this a valid e-mail address? The same answer as email-validator's default mode.

Most addresses are plain ASCII `dot-atom@host.tld`; a short check recognises those that
email-validator is certain to accept, without its normalisation machinery. Everything
else (internationalised addresses, odd lengths, Punycode, special-use names, anything
invalid) goes to email-validator itself, which also writes the message saying what is
wrong. So the verdicts are email-validator's, and only the common case is faster.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from email_validator import SPECIAL_USE_DOMAIN_NAMES as _SPECIAL_USE
from email_validator import EmailNotValidError, validate_email

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
    email: str,
    is_plain_local: Callable[[str], bool] = is_plain_local_part,
    domain_of: Callable[[str], str | None] = plain_domain,
) -> tuple[str, str] | None:
    """The local part and the lower-case domain of a plain ASCII address email-validator
    certainly accepts, else None. The checks of the two parts may be given (cached ones,
    for a bulk run)."""
    local, at, domain = email.rpartition("@")
    if not at or len(email) > _EMAIL_MAX or not is_plain_local(local):
        return None
    normalised = domain_of(domain)
    return None if normalised is None else (local, normalised)


def check_syntax(email: str) -> SyntaxCheck:
    """Check `email` as email-validator does with `check_deliverability=False`."""
    plain = plain_parts(email)
    if plain is not None:
        local, domain = plain
        return SyntaxCheck(None, local, domain, domain)
    try:
        valid = validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        return SyntaxCheck(str(error))
    local = email.rpartition("@")[0]
    return SyntaxCheck(None, local, valid.domain, valid.ascii_domain or valid.domain)


def check_domain(domain: str) -> SyntaxCheck:
    """Check `domain` as the domain part of an address (behind a local part that is valid
    anywhere)."""
    return check_syntax(f"{_ANY_LOCAL_PART}@{domain}")
