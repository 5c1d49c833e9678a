"""Errors as `google.rpc.Status` with details, the one place they are built."""

from __future__ import annotations

from typing import NoReturn

import grpc
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

ERROR_DOMAIN = "accountsvc"


def abort_invalid_argument(
    context: grpc.ServicerContext, field: str, description: str, reason: str
) -> NoReturn:
    """INVALID_ARGUMENT with a BadRequest field violation and an ErrorInfo reason."""
    bad_request = error_details_pb2.BadRequest(
        field_violations=[
            error_details_pb2.BadRequest.FieldViolation(field=field, description=description)
        ]
    )
    info = error_details_pb2.ErrorInfo(reason=reason, domain=ERROR_DOMAIN)
    status = status_pb2.Status(code=code_pb2.INVALID_ARGUMENT, message=f"{field}: {description}")
    for detail in (bad_request, info):
        status.details.add().Pack(detail)
    context.abort_with_status(rpc_status.to_status(status))
    raise AssertionError("abort_with_status returned")  # it raises; this line is not reached
