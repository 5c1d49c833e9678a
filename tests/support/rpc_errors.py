"""What a failed call said: its code and the `google.rpc.Status` details, unpacked."""

from __future__ import annotations

from dataclasses import dataclass, field

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status


@dataclass
class CallError:
    code: grpc.StatusCode
    message: str
    reason: str = ""
    violations: list[tuple[str, str]] = field(default_factory=list)  # (field, description)
    preconditions: list[tuple[str, str, str]] = field(default_factory=list)  # type, subject, why
    resource: str = ""
    resource_type: str = ""

    @property
    def fields(self) -> list[str]:
        return [f for f, _ in self.violations]


def call_error(error: grpc.RpcError) -> CallError:
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    out = CallError(error.code(), error.details() or "")  # type: ignore[attr-defined]
    if status is None:
        return out
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            out.violations += [(v.field, v.description) for v in bad.field_violations]
        elif detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            out.reason = info.reason
        elif detail.Is(error_details_pb2.PreconditionFailure.DESCRIPTOR):
            failure = error_details_pb2.PreconditionFailure()
            detail.Unpack(failure)
            out.preconditions += [(v.type, v.subject, v.description) for v in failure.violations]
        elif detail.Is(error_details_pb2.ResourceInfo.DESCRIPTOR):
            info_r = error_details_pb2.ResourceInfo()
            detail.Unpack(info_r)
            out.resource, out.resource_type = info_r.resource_name, info_r.resource_type
    return out
