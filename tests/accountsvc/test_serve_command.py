"""`accountsvc serve` as its own process: serves, reports its port, stops on SIGTERM."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import grpc
import pytest

from accountsvc.storage.database import migrate
from accountsvc.v1 import accounts_pb2, accounts_pb2_grpc, lint_pb2, lint_pb2_grpc
from tests.support.grpc_health import wait_until_serving


def test_serve_answers_and_stops_gracefully_on_sigterm(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'accountsvc.db'}"
    migrate(database)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "accountsvc.cli",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database",
            database,
            "--no-call-log",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        started = json.loads(process.stderr.readline())
        assert started["event"] == "serving"
        with grpc.insecure_channel(f"127.0.0.1:{started['port']}") as channel:
            wait_until_serving(channel)
            reply = lint_pb2_grpc.LintServiceStub(channel).LintContact(
                lint_pb2.LintContactRequest(email="ekonomi@kvarnbo.se"), timeout=5
            )
        assert reply.verdict == lint_pb2.VERDICT_ROLE
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
        events = [json.loads(line)["event"] for line in process.stderr.read().splitlines()]
        assert events == ["stopping", "stopped"]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_on_an_address_it_cannot_bind_exits_2(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'accountsvc.db'}"
    migrate(database)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "accountsvc.cli",
            "serve",
            "--listen",
            "256.0.0.1:1",
            "--database",
            database,
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    assert json.loads(done.stderr.splitlines()[-1])["event"] == "listen-failed"


def test_serve_refuses_a_database_that_was_not_migrated(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "accountsvc.cli",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database",
            f"sqlite:///{tmp_path / 'empty.db'}",
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    assert json.loads(done.stderr.splitlines()[-1])["event"] == "schema-not-current"
    assert "accountsvc migrate" in done.stderr


def test_the_call_log_names_methods_and_codes_but_no_value_sent(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'accountsvc.db'}"
    migrate(database)
    process = subprocess.Popen(
        [
            sys.executable, "-m", "accountsvc.cli", "serve", "--listen", "127.0.0.1:0",
            "--database", database,
        ],
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    sent = {
        "email": "anna.svensson@kvarnbo.se",
        "name": "Anna Svensson",
        "card": "4111 1111 1111 1111",
    }
    try:
        assert process.stderr is not None
        started = json.loads(process.stderr.readline())
        with grpc.insecure_channel(f"127.0.0.1:{started['port']}") as channel:
            wait_until_serving(channel)
            accounts = accounts_pb2_grpc.AccountServiceStub(channel)
            request = accounts_pb2.CreateAccountRequest(
                account=accounts_pb2.Account(master_email=sent["email"], master_name=sent["name"]),
                billing_info=accounts_pb2.BillingInfo(
                    email=sent["email"], contact_name=sent["card"]
                ),
            )
            with pytest.raises(grpc.RpcError):
                accounts.CreateAccount(request, timeout=5)
            request.billing_info.contact_name = sent["name"]
            accounts.CreateAccount(request, timeout=5)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
        log = process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    calls = [json.loads(line) for line in log.splitlines() if '"rpc"' in line]
    assert [(c["method"], c["code"]) for c in calls if "Account" in c["method"]] == [
        ("/accountsvc.v1.AccountService/CreateAccount", "INVALID_ARGUMENT"),
        ("/accountsvc.v1.AccountService/CreateAccount", "OK"),
    ]
    for value in [*sent.values(), "anna.svensson", "Svensson", "4111"]:
        assert value not in log
