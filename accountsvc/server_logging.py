"""Structured logs: one JSON object per line on stderr. They carry events, method names,
status codes, durations, counts and ids, never a value a caller sent."""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import grpc

_write_lock = threading.Lock()


def log_event(event: str, **fields: object) -> None:
    line = json.dumps({"event": event, **fields}) + "\n"
    with _write_lock:
        sys.stderr.write(line)
        sys.stderr.flush()


class CallLogInterceptor(grpc.ServerInterceptor):  # type: ignore[misc]
    """Logs each unary call: method, status code, milliseconds. A method's handler is
    wrapped once, on its first call, not again on every call."""

    def __init__(self) -> None:
        self._wrapped: dict[str, grpc.RpcMethodHandler] = {}

    def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler | None],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler | None:
        method: str = handler_call_details.method
        wrapped = self._wrapped.get(method)
        if wrapped is not None:
            return wrapped
        handler = continuation(handler_call_details)
        if handler is None or handler.unary_unary is None:
            return handler
        inner = handler.unary_unary

        def logged(request: Any, context: grpc.ServicerContext) -> Any:
            started = time.perf_counter()
            try:
                return inner(request, context)
            finally:
                code = context.code() or grpc.StatusCode.OK
                log_event(
                    "rpc",
                    method=method,
                    code=code.name if isinstance(code, grpc.StatusCode) else str(code),
                    ms=round((time.perf_counter() - started) * 1000, 3),
                )

        wrapped = grpc.unary_unary_rpc_method_handler(
            logged,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
        self._wrapped[method] = wrapped
        return wrapped
