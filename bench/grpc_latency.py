"""LintContact against the standard health Check, on one server over loopback.

The server runs as its own process (`accountsvc serve`), the client here calls it one
call at a time, alternating the two methods in blocks so both see the same machine.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))

from accountsvc.v1 import lint_pb2, lint_pb2_grpc  # noqa: E402
from tests.support.grpc_health import wait_until_serving  # noqa: E402

LINT_P50_TARGET = 1.3  # LintContact p50 within 1.3x of Check's
BLOCK = 250


@dataclass(frozen=True)
class Latencies:
    name: str
    seconds: list[float]

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    @property
    def calls_per_second(self) -> float:
        return len(self.seconds) / sum(self.seconds)


def _timed(call: Callable[[], object], count: int, into: list[float]) -> None:
    for _ in range(count):
        started = time.perf_counter()
        call()
        into.append(time.perf_counter() - started)


def measure(calls: int) -> tuple[Latencies, Latencies]:
    """Latencies of `calls` LintContact and `calls` health Check calls on one server."""
    server = subprocess.Popen(
        [sys.executable, "-m", "accountsvc.cli", "serve", "--listen", "127.0.0.1:0"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert server.stderr is not None
        port = json.loads(server.stderr.readline())["port"]
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            wait_until_serving(channel)
            lint = lint_pb2_grpc.LintServiceStub(channel)
            health = health_pb2_grpc.HealthStub(channel)
            request = lint_pb2.LintContactRequest(
                email="anna.svensson@kvarnbo.se",
                name="Anna Svensson",
                purpose=lint_pb2.PURPOSE_BILLING,
                postal_address="Att: Anna Svensson\nStorgatan 1\n111 22 Stockholm",
            )
            check = health_pb2.HealthCheckRequest()
            lint_times: list[float] = []
            check_times: list[float] = []
            # Warm both paths, then alternate blocks so drift hits both alike.
            _timed(lambda: lint.LintContact(request, timeout=5), 100, [])
            _timed(lambda: health.Check(check, timeout=5), 100, [])
            while len(lint_times) < calls:
                _timed(lambda: lint.LintContact(request, timeout=5), BLOCK, lint_times)
                _timed(lambda: health.Check(check, timeout=5), BLOCK, check_times)
    finally:
        server.terminate()
        server.wait(timeout=15)
    return Latencies("LintContact", lint_times), Latencies("health Check", check_times)


def format_section(lint: Latencies, check: Latencies) -> str:
    ratio = lint.percentile(0.5) / check.percentile(0.5)
    verdict = "PASS" if ratio <= LINT_P50_TARGET else "MISS"
    rows = [
        f"gRPC over loopback, one server, {len(lint.seconds):,} sequential calls each",
        f"  {'method':<20}{'p50 ms':>10}{'p99 ms':>10}{'mean ms':>10}{'calls/s':>12}",
    ]
    for item in (lint, check):
        rows.append(
            f"  {item.name:<20}{item.percentile(0.5) * 1e3:>10.3f}"
            f"{item.percentile(0.99) * 1e3:>10.3f}{statistics.fmean(item.seconds) * 1e3:>10.3f}"
            f"{item.calls_per_second:>12,.0f}"
        )
    rows.append(
        f"  ratio p50 LintContact / Check{ratio:>22.2f}x   target <= {LINT_P50_TARGET}   {verdict}"
    )
    return "\n".join(rows)


if __name__ == "__main__":
    print(format_section(*measure(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)))
