"""The domain's own errors. The API layer maps each to one gRPC status, in one place.

No message here carries a personal value: they name fields, rules and resources.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from linter import Suggestion


@dataclass(frozen=True, slots=True)
class FieldViolation:
    """What is wrong with one field, named by its path in the request."""

    field: str
    description: str
    suggestions: tuple[Suggestion, ...] = ()


class DomainError(Exception):
    reason = "DOMAIN_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidArgument(DomainError):
    """The request itself is wrong: each violation names a field."""

    def __init__(self, violations: Sequence[FieldViolation], reason: str) -> None:
        self.violations = tuple(violations)
        self.reason = reason
        super().__init__("; ".join(f"{v.field}: {v.description}" for v in self.violations))


class NotFound(DomainError):
    def __init__(self, resource: str, reason: str) -> None:
        self.resource = resource
        self.reason = reason
        super().__init__(f"{resource} does not exist")


class StaleEtag(DomainError):
    """The caller's etag is not the resource's: it changed since the caller read it."""

    reason = "ETAG_MISMATCH"

    def __init__(self, resource: str) -> None:
        self.resource = resource
        super().__init__(f"{resource} has changed since it was read: get it again and retry")


class AccountClosed(DomainError):
    reason = "ACCOUNT_CLOSED"

    def __init__(self, account: str) -> None:
        self.resource = account
        super().__init__(f"{account} is closed and takes no more changes")


@dataclass(frozen=True, slots=True)
class UnacknowledgedFinding:
    rule: str
    field: str
    message: str


class AcknowledgementRequired(DomainError):
    """Under the ACKNOWLEDGE policy: personal data that the request did not acknowledge."""

    reason = "ACKNOWLEDGEMENT_REQUIRED"

    def __init__(self, findings: Sequence[UnacknowledgedFinding]) -> None:
        self.findings = tuple(findings)
        fields = ", ".join(f"{f.rule} on {f.field}" for f in self.findings)
        super().__init__(f"the account's policy asks to acknowledge personal data: {fields}")


class DeadlineExceeded(DomainError):
    reason = "DEADLINE_EXCEEDED"

    def __init__(self) -> None:
        super().__init__("the call's deadline passed before the write; nothing was stored")
