"""Real gRPC servers on free loopback ports, ready when their health check says so.

`channel` reaches a server on a migrated SQLite file, for calls that do not care about
the database. `accounts` reaches one server per database engine (SQLite always,
PostgreSQL when configured), so every account test runs against each.
"""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from accountsvc.server import RunningServer, start_server
from accountsvc.storage.database import migrate
from accountsvc.v1 import accounts_pb2_grpc
from tests.support.databases import ENGINES, POSTGRES_URL, drop_everything
from tests.support.grpc_health import wait_until_serving


def _serve(url: str) -> RunningServer:
    migrate(url)
    return start_server("127.0.0.1:0", url)


@pytest.fixture(scope="session")
def running_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    server = _serve(f"sqlite:///{tmp_path_factory.mktemp('service') / 'accountsvc.db'}")
    try:
        yield server
    finally:
        server.stop(grace=1)


@pytest.fixture(scope="session")
def channel(running_server: RunningServer) -> Iterator[grpc.Channel]:
    with grpc.insecure_channel(f"127.0.0.1:{running_server.port}") as chan:
        wait_until_serving(chan)
        yield chan


@pytest.fixture(scope="module", params=ENGINES)
def engine_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """A server of its own for one test module and one engine."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('accounts') / 'accountsvc.db'}"
    else:
        url = POSTGRES_URL
        drop_everything(url)
    server = _serve(url)
    try:
        yield server
    finally:
        server.stop(grace=1)
        if request.param != "sqlite":
            drop_everything(url)


@pytest.fixture(scope="module")
def accounts(engine_server: RunningServer) -> Iterator[accounts_pb2_grpc.AccountServiceStub]:
    with grpc.insecure_channel(f"127.0.0.1:{engine_server.port}") as chan:
        wait_until_serving(chan)
        yield accounts_pb2_grpc.AccountServiceStub(chan)
