"""A real gRPC server on a free loopback port, ready when its health check says so."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from accountsvc.server import RunningServer, start_server
from tests.support.grpc_health import wait_until_serving


@pytest.fixture(scope="session")
def running_server() -> Iterator[RunningServer]:
    server = start_server("127.0.0.1:0")
    try:
        yield server
    finally:
        server.stop(grace=1)


@pytest.fixture(scope="session")
def channel(running_server: RunningServer) -> Iterator[grpc.Channel]:
    with grpc.insecure_channel(f"127.0.0.1:{running_server.port}") as chan:
        wait_until_serving(chan)
        yield chan
