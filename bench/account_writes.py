"""CreateAccount against the standard health Check, on SQLite and on PostgreSQL.

For each engine one `accountsvc serve` process runs over an empty, migrated database,
and this client calls it one call at a time over loopback, alternating blocks of
CreateAccount and Check so that a slow moment of the machine hits both. Each
CreateAccount is a signup as the signup flow sends it, for a company domain of its own,
so that neither the linter nor the database sees the same request twice.
"""

from __future__ import annotations

import random
import sys
import tempfile
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import grpc
from generate import (
    DEFAULT_SEED,
    DEPARTMENT_NAMES,
    FIRST_NAMES,
    ROLE_LOCAL_PARTS,
    SURNAMES,
    SWEDISH_POSTAL,
    ascii_spelling,
)
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_latency import (
    REPO,
    Latencies,
    ServerFailed,
    latency_header,
    latency_row,
    migrated,
    serving,
    timed,
)
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

if str(REPO) not in sys.path:
    sys.path.append(str(REPO))

from accountsvc.v1 import accounts_pb2, accounts_pb2_grpc, lint_pb2
from tests.support.databases import drop_everything

CHECK_RATIO_TARGET = 0.5  # CreateAccount calls/s on SQLite divided by Check's, at least
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
POSTGRES_CONNECT_SECONDS = 5
BLOCK = 50  # calls of one method before the other's turn
WARM_UP = 50  # calls of each method before the measured ones, not counted
# The share of addresses that are a person's: most signups give role addresses.
PERSONAL_SHARE = 0.2
CALL_TIMEOUT_SECONDS = 10
CONTACTS_PER_CALL = 3  # the master user, the billing contact, one technical contact
COMPANY_STEM = "kvarnbo"
TECHNICAL_CATEGORIES = (
    accounts_pb2.NOTIFICATION_CATEGORY_SECURITY_INCIDENTS,
    accounts_pb2.NOTIFICATION_CATEGORY_MAINTENANCE_WINDOWS,
)


@dataclass(frozen=True)
class EngineRun:
    """CreateAccount and Check latencies measured on one server over one engine, and the
    verdicts in the CreateAccount responses' lint."""

    engine: str
    create: Latencies
    check: Latencies
    verdicts: Counter[str]
    target: float | None  # CHECK_RATIO_TARGET, or None where the figure is only reported

    @property
    def ratio(self) -> float:
        return self.create.calls_per_second / self.check.calls_per_second

    @property
    def meets_target(self) -> bool:
        return self.target is None or self.ratio >= self.target


@dataclass(frozen=True)
class SkippedEngine:
    engine: str
    reason: str


# The requests.


class Signups:
    """CreateAccount requests as the signup flow sends them, each for a new company
    domain (kvarnbo0.se, kvarnbo1.se ...) and with a fresh request_id."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._index = 0

    def take(self, count: int) -> list[accounts_pb2.CreateAccountRequest]:
        return [self._next() for _ in range(count)]

    def _next(self) -> accounts_pb2.CreateAccountRequest:
        domain = f"{COMPANY_STEM}{self._index}.se"
        self._index += 1
        master_email, master_name = self._contact("account", domain, named=True)
        billing_email, billing_name = self._contact("billing", domain)
        technical_email, technical_name = self._contact("technical", domain)
        street = self._rng.choice(SWEDISH_POSTAL.streets)
        return accounts_pb2.CreateAccountRequest(
            request_id=str(uuid.uuid4()),
            account=accounts_pb2.Account(master_email=master_email, master_name=master_name),
            billing_info=accounts_pb2.BillingInfo(
                email=billing_email,
                contact_name=billing_name,
                postal_address=accounts_pb2.PostalAddress(
                    address_lines=[
                        f"Att: {billing_name}",
                        f"{street} {self._rng.randrange(1, 80)}",
                    ],
                    postal_code=SWEDISH_POSTAL.postcode(self._rng),
                    city=self._rng.choice(SWEDISH_POSTAL.cities),
                    country_code="SE",
                ),
            ),
            technical_contacts=[
                accounts_pb2.TechnicalContact(
                    email=technical_email,
                    display_name=technical_name,
                    language="sv",
                    notification_categories=TECHNICAL_CATEGORIES,
                )
            ],
        )

    def _contact(self, purpose: str, domain: str, named: bool = False) -> tuple[str, str]:
        """An address at `domain` and a name: a role address and a department's name, or
        (PERSONAL_SHARE of the time) a person's address and name. `named`: the name is a
        person's either way, as the master user's is."""
        first, last = self._rng.choice(FIRST_NAMES), self._rng.choice(SURNAMES)
        person = f"{first} {last}"
        if self._rng.random() < PERSONAL_SHARE:
            return f"{ascii_spelling(first)}.{ascii_spelling(last)}@{domain}", person
        role = self._rng.choice(ROLE_LOCAL_PARTS[purpose])
        return f"{role}@{domain}", person if named else self._rng.choice(DEPARTMENT_NAMES[purpose])


# Measuring.


def postgres_unreachable(url: str) -> str | None:
    """Why the bench cannot use the PostgreSQL database at `url`, or None if it can."""
    try:
        engine = create_engine(url, connect_args={"connect_timeout": POSTGRES_CONNECT_SECONDS})
        try:
            with engine.connect():
                pass
        finally:
            engine.dispose()
    except (SQLAlchemyError, ImportError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return f"{type(error).__name__}: {first_line}"
    return None


def measure_engine(
    engine: str, database_url: str, calls: int, seed: int, target: float | None
) -> EngineRun:
    """`calls` CreateAccount and `calls` Check calls on one server over the empty database
    at `database_url`, which this migrates."""
    signups = Signups(seed)
    responses: list[accounts_pb2.CreateAccountResponse] = []
    create_times: list[float] = []
    check_times: list[float] = []
    with serving(migrated(database_url)) as channel:
        accounts = accounts_pb2_grpc.AccountServiceStub(channel)
        health = health_pb2_grpc.HealthStub(channel)
        check = health_pb2.HealthCheckRequest()

        def create_accounts(count: int, into: list[float]) -> None:
            requests = iter(signups.take(count))  # built before the clock starts
            timed(lambda: responses.append(create(accounts, next(requests))), count, into)

        # Warm both paths, then alternate blocks so drift hits both alike.
        create_accounts(WARM_UP, [])
        timed(lambda: health.Check(check, timeout=CALL_TIMEOUT_SECONDS), WARM_UP, [])
        responses.clear()
        while len(create_times) < calls:
            block = min(BLOCK, calls - len(create_times))
            create_accounts(block, create_times)
            timed(lambda: health.Check(check, timeout=CALL_TIMEOUT_SECONDS), block, check_times)
    return EngineRun(
        engine,
        Latencies("CreateAccount", create_times),
        Latencies("health Check", check_times),
        lint_verdicts(responses),
        target,
    )


def create(
    accounts: accounts_pb2_grpc.AccountServiceStub, request: accounts_pb2.CreateAccountRequest
) -> accounts_pb2.CreateAccountResponse:
    try:
        response: accounts_pb2.CreateAccountResponse = accounts.CreateAccount(
            request, timeout=CALL_TIMEOUT_SECONDS
        )
    except grpc.RpcError as error:
        message = f"CreateAccount failed: {error.code().name}: {error.details()}"
        raise ServerFailed(message) from error
    return response


def lint_verdicts(responses: list[accounts_pb2.CreateAccountResponse]) -> Counter[str]:
    """The lint verdicts of every contact in `responses` ("role", "personal" ...), after
    checking that each response is a created account with its contacts linted."""
    verdicts: Counter[str] = Counter()
    for response in responses:
        if not response.account.name or len(response.lint) != CONTACTS_PER_CALL:
            raise ServerFailed(
                f"CreateAccount answered without an account or with {len(response.lint)} "
                f"linted contacts instead of {CONTACTS_PER_CALL}"
            )
        for contact in response.lint:
            verdicts[lint_pb2.Verdict.Name(contact.verdict).removeprefix("VERDICT_").lower()] += 1
    return verdicts


def measure(
    calls: int,
    workdir: Path,
    postgres_url: str = DEFAULT_POSTGRES_URL,
    seed: int = DEFAULT_SEED,
    progress: Callable[[str], None] = lambda _: None,
) -> list[EngineRun | SkippedEngine]:
    """Both engines in turn: SQLite in a file under `workdir`, then PostgreSQL at
    `postgres_url` ("" leaves it out), emptied before and after."""
    progress(f"gRPC: {calls:,} CreateAccount and health Check calls on SQLite")
    sqlite_url = f"sqlite:///{workdir / 'account-writes.db'}"
    results: list[EngineRun | SkippedEngine] = [
        measure_engine("SQLite", sqlite_url, calls, seed, CHECK_RATIO_TARGET)
    ]
    if not postgres_url:
        results.append(SkippedEngine("PostgreSQL", "no URL given"))
        return results
    where = make_url(postgres_url).render_as_string(hide_password=True)
    reason = postgres_unreachable(postgres_url)
    if reason is not None:
        progress(f"gRPC: skipping PostgreSQL, cannot connect to {where}")
        results.append(SkippedEngine("PostgreSQL", f"cannot connect to {where} ({reason})"))
        return results
    progress(f"gRPC: {calls:,} CreateAccount and health Check calls on PostgreSQL")
    drop_everything(postgres_url)
    try:
        results.append(measure_engine("PostgreSQL", postgres_url, calls, seed, None))
    finally:
        drop_everything(postgres_url)
    return results


# The figures.


def format_section(results: list[EngineRun | SkippedEngine]) -> str:
    measured = [result for result in results if isinstance(result, EngineRun)]
    calls = len(measured[0].create.seconds) if measured else 0
    rows = [
        f"CreateAccount against health Check, one server per engine, {calls:,} sequential "
        "calls each"
    ]
    for result in results:
        rows.append(f"  {result.engine}")
        if isinstance(result, SkippedEngine):
            rows.append(f"    skipped: {result.reason}")
            continue
        rows += [latency_header(), latency_row(result.create), latency_row(result.check)]
        label = f"  ratio calls/s CreateAccount / Check, {result.engine}"
        figure = f"{label:<50}{result.ratio:>12.2f}x"
        if result.target is None:
            rows.append(f"{figure}   no target")
        else:
            verdict = "PASS" if result.meets_target else "MISS"
            rows.append(f"{figure}   target >= {result.target}   {verdict}")
        rows.append(f"  lint in the responses: {format_verdicts(result.verdicts)}")
    return "\n".join(rows)


def format_verdicts(verdicts: Counter[str]) -> str:
    total = sum(verdicts.values())
    shares = ", ".join(f"{name} {count / total:.0%}" for name, count in verdicts.most_common())
    return f"{total:,} contacts, {shares}"


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="account-writes-") as tmp:
        figures = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 1000, Path(tmp))
    print(format_section(figures))
