"""Assembly: the gRPC server with its services, standard health checking and reflection."""

from __future__ import annotations

import gc
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from accountsvc.api.accounts import AccountServicer
from accountsvc.api.lint import LintServicer
from accountsvc.domain.accounts import AccountService
from accountsvc.domain.contact_lint import ContactLinter
from accountsvc.domain.identifiers import IdSource
from accountsvc.domain.technical_contacts import TechnicalContactService
from accountsvc.server_logging import CallLogInterceptor
from accountsvc.storage.database import Database
from accountsvc.v1 import accounts_pb2, accounts_pb2_grpc, lint_pb2, lint_pb2_grpc
from linter import Linter

# Requests are small (one contact); anything larger is refused before it is read.
MAX_MESSAGE_BYTES = 1024 * 1024


@dataclass
class RunningServer:
    server: grpc.Server
    port: int
    health: health.HealthServicer
    database: Database

    def stop(self, grace: float | None = 5.0) -> None:
        """Stop taking calls; calls in flight get `grace` seconds to finish."""
        self.health.enter_graceful_shutdown()
        self.server.stop(grace).wait()
        self.database.close()


def start_server(
    listen: str,
    database_url: str,
    linter: Linter | None = None,
    workers: int = 8,
    log_calls: bool = False,
) -> RunningServer:
    """Start serving on `listen` (`127.0.0.1:0` picks a free port) over the database at
    `database_url`, which must be migrated (`accountsvc migrate`)."""
    database = Database(database_url)
    database.require_current_schema()
    linter = linter or Linter()
    linter.load()
    # The linter's lists live as long as the server: keep the collector from walking them
    # on every full collection (each such walk stalled a call for milliseconds).
    gc.collect()
    gc.freeze()
    contacts, ids = ContactLinter(linter), IdSource()
    server = grpc.server(
        ThreadPoolExecutor(max_workers=workers),
        interceptors=[CallLogInterceptor()] if log_calls else [],
        options=[
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        ],
    )
    lint_pb2_grpc.add_LintServiceServicer_to_server(LintServicer(linter), server)
    accounts_pb2_grpc.add_AccountServiceServicer_to_server(
        AccountServicer(
            AccountService(database, contacts, ids),
            TechnicalContactService(database, contacts, ids),
        ),
        server,
    )
    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    lint_service = lint_pb2.DESCRIPTOR.services_by_name["LintService"].full_name
    account_service = accounts_pb2.DESCRIPTOR.services_by_name["AccountService"].full_name
    reflection.enable_server_reflection(
        (lint_service, account_service, health.SERVICE_NAME, reflection.SERVICE_NAME), server
    )
    try:
        port = server.add_insecure_port(listen)
    except RuntimeError as error:  # grpcio's way of saying the address cannot be bound
        database.close()
        raise OSError(f"cannot listen on {listen}") from error
    server.start()
    for service in ("", lint_service, account_service):
        health_servicer.set(service, health_pb2.HealthCheckResponse.SERVING)
    return RunningServer(server, port, health_servicer, database)
