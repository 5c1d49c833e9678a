"""Waiting for a gRPC server: on its standard health check, with a deadline, no sleeps."""

from __future__ import annotations

import time

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

READY_WITHIN_SECONDS = 10.0


def wait_until_serving(channel: grpc.Channel) -> None:
    stub = health_pb2_grpc.HealthStub(channel)
    deadline = time.monotonic() + READY_WITHIN_SECONDS
    while True:
        try:
            reply = stub.Check(health_pb2.HealthCheckRequest(), timeout=1, wait_for_ready=True)
            if reply.status == health_pb2.HealthCheckResponse.SERVING:
                return
        except grpc.RpcError:
            if time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            raise TimeoutError("the server did not report SERVING in time")
