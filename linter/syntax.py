"""Is this a valid e-mail address? The same answer as email-validator's default mode.

Most addresses are plain ASCII `dot-atom@host.tld`; a short check recognises those that
email-validator is certain to accept, without its normalisation machinery. Everything
else (internationalised addresses, odd lengths, Punycode, special-use names, anything
invalid) goes to email-validator itself, which also writes the message saying what is
wrong. So the verdicts are email-validator's, and only the common case is faster.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from email_validator import SPECIAL_USE_DOMAIN_NAMES as _SPECIAL_USE
from email_validator import EmailNotValidError, validate_email

# RFC 5322 atext: the characters of an unquoted local part, between dots.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
# A host name label: letters, digits, inner hyphens (RFC 952/1123).
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
# The last label ends in a letter: no top-level domain ends in a digit.
_TOP_LABEL = r"(?:[A-Za-z0-9][A-Za-z0-9-]*)?[A-Za-z]"
_PLAIN_ADDRESS = re.compile(
    rf"(?P<local>{_ATOM}(?:\.{_ATOM})*)@(?P<domain>(?:{_LABEL}\.)+{_TOP_LABEL})",
)
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


def _plain_address(email: str) -> SyntaxCheck | None:
    """The result for a plain ASCII address email-validator certainly accepts, else None."""
    if len(email) > _EMAIL_MAX:
        return None
    match = _PLAIN_ADDRESS.fullmatch(email)
    if match is None:
        return None
    domain = match["domain"].lower()
    if len(domain) > _DOMAIN_MAX or _is_special_use(domain):
        return None
    if len(domain) > _LABEL_MAX or "--" in domain:
        for label in domain.split("."):
            # Over-long labels and `ab--` labels (Punycode or invalid) need the full check.
            if len(label) > _LABEL_MAX or label[2:4] == "--":
                return None
    return SyntaxCheck(None, match["local"], domain, domain)


def check_syntax(email: str) -> SyntaxCheck:
    """Check `email` as email-validator does with `check_deliverability=False`."""
    plain = _plain_address(email)
    if plain is not None:
        return plain
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
