"""LintContact against the standard health Check, on one server over loopback.

The server runs as its own process (`accountsvc serve`, call log on as in production),
the client here calls it one call at a time, alternating the two methods in blocks so both
see the same machine. `migrated`, `serving` and `timed` serve the other gRPC sections too.
"""

from __future__ import annotations

import json
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))

from accountsvc.v1 import lint_pb2, lint_pb2_grpc  # noqa: E402
from tests.support.grpc_health import wait_until_serving  # noqa: E402

LINT_P50_TARGET = 1.3  # LintContact p50 within 1.3x of Check's
BLOCK = 250
# From start to the server's first stderr line ("serving"): the linter loads its lists.
STARTUP_SECONDS = 60.0
STDERR_TAIL_LINES = 20


class ServerFailed(Exception):
    """`accountsvc` could not be migrated or started, or a call to it failed; the message
    says which, with the end of its stderr where there is one."""


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


def timed(call: Callable[[], object], count: int, into: list[float]) -> None:
    """Make `count` calls one after another, appending each one's seconds to `into`."""
    for _ in range(count):
        started = time.perf_counter()
        call()
        into.append(time.perf_counter() - started)


class StderrDrain:
    """Reads a server's stderr to its end in a thread of its own, so that the server never
    blocks on a full pipe while it logs a line per call. Hands over the first line and
    keeps the last few, for error messages."""

    def __init__(self, stream: IO[str]) -> None:
        self._first: queue.Queue[str] = queue.Queue(maxsize=1)
        self._tail: deque[str] = deque(maxlen=STDERR_TAIL_LINES)
        self._thread = threading.Thread(
            target=self._read, args=(stream,), name="server-stderr", daemon=True
        )
        self._thread.start()

    def _read(self, stream: IO[str]) -> None:
        first = True
        for line in stream:
            if first:
                self._first.put(line)
                first = False
            self._tail.append(line)
        if first:
            self._first.put("")  # the server closed stderr without a line: it has exited

    def first_line(self, timeout: float) -> str | None:
        """The first line, "" if there was none, None if none came within `timeout`."""
        try:
            return self._first.get(timeout=timeout)
        except queue.Empty:
            return None

    def tail(self) -> str:
        """The last lines read so far; final once the server has exited and `join` returned."""
        return "".join(self._tail).rstrip()

    def join(self, timeout: float = 5.0) -> None:
        self._thread.join(timeout)


def accountsvc_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "accountsvc.cli", *args]


def migrated(database_url: str) -> str:
    """`accountsvc migrate` the database at `database_url`; returns the URL."""
    done = subprocess.run(
        accountsvc_command("migrate", "--database", database_url),
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    if done.returncode != 0:
        last_lines = "\n".join(done.stderr.splitlines()[-STDERR_TAIL_LINES:])
        raise ServerFailed(f"accountsvc migrate exited with {done.returncode}:\n{last_lines}")
    return database_url


@contextmanager
def serving(database_url: str) -> Iterator[grpc.Channel]:
    """`accountsvc serve` over the migrated database at `database_url`, on a free loopback
    port, as its own process; a channel to it once its health check says SERVING. The
    server is stopped (SIGTERM) when the block ends."""
    server = subprocess.Popen(
        accountsvc_command("serve", "--listen", "127.0.0.1:0", "--database", database_url),
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert server.stderr is not None
    drain = StderrDrain(server.stderr)
    try:
        first = drain.first_line(STARTUP_SECONDS)
        if first is None:
            raise ServerFailed(f"accountsvc serve said nothing within {STARTUP_SECONDS:.0f} s")
        try:
            started = json.loads(first)
        except ValueError:
            started = {}
        if not isinstance(started, dict) or started.get("event") != "serving":
            server.wait(timeout=15)
            drain.join()
            raise ServerFailed(
                f"accountsvc serve did not start (exit status {server.returncode}):\n"
                f"{drain.tail() or first.rstrip()}"
            )
        with grpc.insecure_channel(f"127.0.0.1:{started['port']}") as channel:
            wait_until_serving(channel)
            yield channel
    finally:
        if server.poll() is None:
            server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        drain.join()


def measure(calls: int, workdir: Path) -> tuple[Latencies, Latencies]:
    """Latencies of `calls` LintContact and `calls` health Check calls on one server, over
    a SQLite file in `workdir`."""
    with serving(migrated(f"sqlite:///{workdir / 'grpc-latency.db'}")) as channel:
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
        timed(lambda: lint.LintContact(request, timeout=5), 100, [])
        timed(lambda: health.Check(check, timeout=5), 100, [])
        while len(lint_times) < calls:
            timed(lambda: lint.LintContact(request, timeout=5), BLOCK, lint_times)
            timed(lambda: health.Check(check, timeout=5), BLOCK, check_times)
    return Latencies("LintContact", lint_times), Latencies("health Check", check_times)


def latency_header() -> str:
    return f"  {'method':<20}{'p50 ms':>10}{'p99 ms':>10}{'mean ms':>10}{'calls/s':>12}"


def latency_row(item: Latencies) -> str:
    return (
        f"  {item.name:<20}{item.percentile(0.5) * 1e3:>10.3f}"
        f"{item.percentile(0.99) * 1e3:>10.3f}{statistics.fmean(item.seconds) * 1e3:>10.3f}"
        f"{item.calls_per_second:>12,.0f}"
    )


def format_section(lint: Latencies, check: Latencies) -> str:
    ratio = lint.percentile(0.5) / check.percentile(0.5)
    verdict = "PASS" if ratio <= LINT_P50_TARGET else "MISS"
    rows = [
        f"gRPC over loopback, one server, {len(lint.seconds):,} sequential calls each",
        latency_header(),
        latency_row(lint),
        latency_row(check),
        f"  ratio p50 LintContact / Check{ratio:>22.2f}x   target <= {LINT_P50_TARGET}   {verdict}",
    ]
    return "\n".join(rows)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="grpc-latency-") as tmp:
        figures = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 2000, Path(tmp))
    print(format_section(*figures))
