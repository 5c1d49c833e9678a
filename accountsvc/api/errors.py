"""Errors as `google.rpc.Status` with details, the one place they are built, and the one
place domain errors become status codes:

| domain error            | code                | details                        |
|-------------------------|---------------------|--------------------------------|
| InvalidArgument         | INVALID_ARGUMENT    | BadRequest field violations    |
| NotFound                | NOT_FOUND           | ResourceInfo                   |
| StaleEtag               | FAILED_PRECONDITION | PreconditionFailure, type ETAG |
| AccountClosed           | FAILED_PRECONDITION | PreconditionFailure, type STATE |
| AcknowledgementRequired | FAILED_PRECONDITION | PreconditionFailure (1)        |
| DeadlineExceeded        | DEADLINE_EXCEEDED   |                                |
| anything else           | INTERNAL            | none (2)                       |

Every status also carries an ErrorInfo with its reason. (1) One violation of type
LINT_ACKNOWLEDGEMENT per finding to acknowledge, subject "RULE:field". (2) The error's
text is neither sent nor logged: it may quote what the caller sent.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import NoReturn, TypeVar

import grpc
from google.protobuf.message import Message
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from accountsvc.domain.errors import (
    AccountClosed,
    AcknowledgementRequired,
    DeadlineExceeded,
    DomainError,
    FieldViolation,
    InvalidArgument,
    NotFound,
    StaleEtag,
)
from accountsvc.server_logging import log_event

ERROR_DOMAIN = "accountsvc"


def abort(
    context: grpc.ServicerContext,
    code: int,
    message: str,
    reason: str,
    details: tuple[Message, ...] = (),
    metadata: Mapping[str, str] | None = None,
) -> NoReturn:
    status = status_pb2.Status(code=code, message=message)
    info = error_details_pb2.ErrorInfo(reason=reason, domain=ERROR_DOMAIN, metadata=metadata)
    for detail in (*details, info):
        status.details.add().Pack(detail)
    context.abort_with_status(rpc_status.to_status(status))
    raise AssertionError("abort_with_status returned")  # it raises; this line is not reached


def abort_invalid_argument(
    context: grpc.ServicerContext, field: str, description: str, reason: str
) -> NoReturn:
    """INVALID_ARGUMENT with one BadRequest field violation and an ErrorInfo reason."""
    abort_with(context, InvalidArgument([FieldViolation(field, description)], reason))


def _violation(v: FieldViolation) -> error_details_pb2.BadRequest.FieldViolation:
    description = v.description
    if v.suggestions:
        description += "; for example " + ", ".join(s.email for s in v.suggestions)
    return error_details_pb2.BadRequest.FieldViolation(field=v.field, description=description)


_TYPES = {
    "accounts": "accountsvc.v1.Account",
    "billingInfo": "accountsvc.v1.BillingInfo",
    "technicalContacts": "accountsvc.v1.TechnicalContact",
}


def resource_type(name: str) -> str:
    """The message type a resource name names: `accounts/a/billingInfo` is a BillingInfo."""
    parts = name.split("/")
    collection = parts[-1] if len(parts) % 2 else parts[-2]
    return _TYPES.get(collection, "")


def abort_with(context: grpc.ServicerContext, error: DomainError) -> NoReturn:
    """The status for a domain error; see the table above."""
    if isinstance(error, InvalidArgument):
        bad = error_details_pb2.BadRequest(
            field_violations=[_violation(v) for v in error.violations]
        )
        abort(context, code_pb2.INVALID_ARGUMENT, error.message, error.reason, (bad,))
    if isinstance(error, NotFound):
        resource = error_details_pb2.ResourceInfo(
            resource_type=resource_type(error.resource), resource_name=error.resource
        )
        abort(context, code_pb2.NOT_FOUND, error.message, error.reason, (resource,))
    if isinstance(error, StaleEtag | AccountClosed):
        kind = "ETAG" if isinstance(error, StaleEtag) else "STATE"
        failure = error_details_pb2.PreconditionFailure(
            violations=[
                error_details_pb2.PreconditionFailure.Violation(
                    type=kind, subject=error.resource, description=error.message
                )
            ]
        )
        abort(context, code_pb2.FAILED_PRECONDITION, error.message, error.reason, (failure,))
    if isinstance(error, AcknowledgementRequired):
        failure = error_details_pb2.PreconditionFailure(
            violations=[
                error_details_pb2.PreconditionFailure.Violation(
                    type="LINT_ACKNOWLEDGEMENT",
                    subject=f"{f.rule}:{f.field}",
                    description=f.message,
                )
                for f in error.findings
            ]
        )
        abort(context, code_pb2.FAILED_PRECONDITION, error.message, error.reason, (failure,))
    if isinstance(error, DeadlineExceeded):
        abort(context, code_pb2.DEADLINE_EXCEEDED, error.message, error.reason)
    abort(context, code_pb2.INTERNAL, "internal error", error.reason)


_Servicer = TypeVar("_Servicer")
_Request = TypeVar("_Request")
_Reply = TypeVar("_Reply")


def maps_domain_errors(
    method: Callable[[_Servicer, _Request, grpc.ServicerContext], _Reply],
) -> Callable[[_Servicer, _Request, grpc.ServicerContext], _Reply]:
    """A servicer method whose domain errors become their status."""

    @functools.wraps(method)
    def call(self: _Servicer, request: _Request, context: grpc.ServicerContext) -> _Reply:
        try:
            return method(self, request, context)
        except DomainError as error:
            abort_with(context, error)
        except Exception as error:
            if context.code() is not None:
                raise  # the method aborted the call itself, with a status of its own
            # Anything else is a fault of ours. Its text may quote what the caller sent (a
            # database error quotes the statement's values), so neither the log nor the
            # caller gets it: the log names the method and the kind of error.
            log_event("internal-error", method=method.__name__, error=type(error).__name__)
            abort(context, code_pb2.INTERNAL, "internal error", "INTERNAL")

    return call
