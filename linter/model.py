"""The values that flow through the linter: a contact in, a result out.

These are the shapes of the output contract in DESIGN.md: a result has a verdict about
the e-mail address, findings (rule, field, severity, message, span) and suggestions
(email, reason, verified).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, NamedTuple


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Verdict(StrEnum):
    PERSONAL = "personal"
    ROLE = "role"
    UNKNOWN = "unknown"
    INVALID = "invalid"


class Purpose(StrEnum):
    BILLING = "billing"
    TECHNICAL = "technical"
    SECURITY = "security"
    ACCOUNT = "account"


class Field(StrEnum):
    EMAIL = "email"
    NAME = "name"
    ADDRESS = "address"
    PURPOSE = "purpose"
    DOMAIN = "domain"


class MailStatus(StrEnum):
    ACCEPTS = "accepts mail"
    NULL_MX = "accepts no mail (null MX)"
    NO_DOMAIN = "does not exist"
    NO_ADDRESS = "has no MX record and no address"
    UNKNOWN = "could not be verified"


# Read where every record is linted: an enum's member costs a class attribute look-up.
_ACCEPTS, _UNKNOWN = MailStatus.ACCEPTS, MailStatus.UNKNOWN


class DomainCheck(NamedTuple):
    domain: str
    status: MailStatus
    detail: str = ""

    @property
    def deliverable(self) -> bool | None:
        """True or False once DNS said so; None when it could not be asked."""
        status = self.status
        if status is _UNKNOWN:
            return None
        return status is _ACCEPTS


MailChecks = Mapping[str, DomainCheck]
"""What DNS said of each domain (lower case), for the domains of the contacts at hand."""

new_tuple = tuple.__new__
"""`new_tuple(Finding, (rule, field, severity, message, span))`: a NamedTuple from every one
of its fields, in order. It builds the same tuple as `Finding(...)` but skips the Python
`__new__` that `namedtuple` writes, which costs about a thousand instructions a call; code
that runs for every record of a bulk audit builds its tuples this way."""


class Contact(NamedTuple):
    """One contact to lint. Only `email` is required; the rest sharpen the result.

    `domain` is the customer's own domain, used for suggestions when the address is at
    a free-mail provider and so says nothing about the company.
    """

    email: str
    name: str = ""
    purpose: Purpose | None = None
    address: str = ""
    domain: str = ""


Span = tuple[int, int]


class Finding(NamedTuple):
    rule: str
    field: Field
    severity: Severity
    message: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract's object, for orjson: it writes the enums as their values and the
        span as an array."""
        return {
            "rule": self.rule,
            "field": self.field,
            "severity": self.severity,
            "message": self.message,
            "span": self.span,
        }


class Suggestion(NamedTuple):
    email: str
    reason: str
    verified: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"email": self.email, "reason": self.reason, "verified": self.verified}


class LintResult(NamedTuple):
    verdict: Verdict
    findings: tuple[Finding, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()

    def to_dict(self, record_id: str | None = None) -> dict[str, Any]:
        """The contract's object (with `id` first when given), for orjson, as above."""
        out: dict[str, Any] = {} if record_id is None else {"id": record_id}
        out["verdict"] = self.verdict
        out["findings"] = [f.to_dict() for f in self.findings]
        out["suggestions"] = [s.to_dict() for s in self.suggestions]
        return out
