"""A fault of the service's own is INTERNAL, and neither the caller nor the log sees the
text of the error, which may quote the values the caller sent."""

from __future__ import annotations

import json
from pathlib import Path

import grpc
import pytest
from sqlalchemy import text

from accountsvc.server import start_server
from accountsvc.storage.database import make_engine, migrate
from accountsvc.v1 import accounts_pb2 as pb
from accountsvc.v1 import accounts_pb2_grpc
from tests.support.grpc_health import wait_until_serving
from tests.support.rpc_errors import call_error


def test_a_broken_database_is_internal_and_quotes_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'accountsvc.db'}"
    migrate(url)
    server = start_server("127.0.0.1:0", url)
    try:
        engine = make_engine(url)
        with engine.begin() as connection:  # the schema breaks under the running server
            connection.execute(text("drop table technical_contacts"))
        engine.dispose()
        with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            wait_until_serving(channel)
            request = pb.CreateAccountRequest(
                account=pb.Account(master_email="anna.svensson@kvarnbo.se"),
                billing_info=pb.BillingInfo(email="ekonomi@kvarnbo.se"),
                technical_contacts=[pb.TechnicalContact(email="lars.berg@kvarnbo.se")],
            )
            with pytest.raises(grpc.RpcError) as raised:
                accounts_pb2_grpc.AccountServiceStub(channel).CreateAccount(request, timeout=5)
    finally:
        server.stop(grace=1)
    error = call_error(raised.value)
    assert (error.code, error.message, error.reason) == (
        grpc.StatusCode.INTERNAL,
        "internal error",
        "INTERNAL",
    )
    logged = capfd.readouterr().err
    events = [json.loads(line) for line in logged.splitlines() if line.startswith("{")]
    assert {"event": "internal-error", "method": "CreateAccount", "error": "OperationalError"} in (
        events
    )
    for value in ("anna.svensson", "lars.berg", "kvarnbo.se"):
        assert value not in logged
        assert value not in str(raised.value.debug_error_string())
