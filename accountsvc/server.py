"""Assembly: the gRPC server with its services, standard health checking and reflection."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from accountsvc.api.lint import LintServicer
from accountsvc.v1 import lint_pb2, lint_pb2_grpc
from linter import Linter

# Requests are small (one contact); anything larger is refused before it is read.
MAX_MESSAGE_BYTES = 1024 * 1024


@dataclass
class RunningServer:
    server: grpc.Server
    port: int
    health: health.HealthServicer

    def stop(self, grace: float | None = 5.0) -> None:
        """Stop taking calls; calls in flight get `grace` seconds to finish."""
        self.health.enter_graceful_shutdown()
        self.server.stop(grace).wait()


def start_server(listen: str, linter: Linter | None = None, workers: int = 8) -> RunningServer:
    """Start serving on `listen` (`127.0.0.1:0` picks a free port)."""
    linter = linter or Linter()
    linter.load()
    server = grpc.server(
        ThreadPoolExecutor(max_workers=workers),
        options=[
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        ],
    )
    lint_pb2_grpc.add_LintServiceServicer_to_server(LintServicer(linter), server)
    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    lint_service = lint_pb2.DESCRIPTOR.services_by_name["LintService"].full_name
    reflection.enable_server_reflection(
        (lint_service, health.SERVICE_NAME, reflection.SERVICE_NAME), server
    )
    try:
        port = server.add_insecure_port(listen)
    except RuntimeError as error:  # grpcio's way of saying the address cannot be bound
        raise OSError(f"cannot listen on {listen}") from error
    server.start()
    for service in ("", lint_service):
        health_servicer.set(service, health_pb2.HealthCheckResponse.SERVING)
    return RunningServer(server, port, health_servicer)
