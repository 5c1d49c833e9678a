"""Engines, transactions and migrations. SQLite is the embedded default (WAL, foreign
keys on); PostgreSQL is the production engine; one set of Alembic migrations serves both."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

import sqlalchemy.exc
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, PoolProxiedConnection, create_engine, event
from sqlalchemy.exc import IntegrityError

from accountsvc.storage.repositories import Inserts, Repositories

# An execution option: this transaction will write (SQLite then takes the write lock at
# BEGIN, so two writers queue instead of one failing half-way with "database is locked").
_WRITES = "accountsvc_writes"


class SchemaNotCurrent(Exception):
    """The database has not been migrated to the schema this code needs."""


class ConstraintViolated(Exception):
    """A write broke a unique or foreign-key constraint; nothing of it was stored."""


# How long a write waits for another to finish before it fails: SQLite's busy timeout,
# and the wait for `WriteTurn` in this process.
BUSY_TIMEOUT_SECONDS = 10.0


MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str, *, checkpoints_elsewhere: bool = False) -> Engine:
    """An engine for `url`. SQLite: WAL, foreign keys, writes that take the write lock at
    BEGIN; with `checkpoints_elsewhere` its connections leave moving the WAL into the
    database file to someone else (see `WalCheckpointer`)."""
    # Every transaction ends in a commit or a rollback, so a connection going back to the
    # pool needs no second rollback.
    engine = create_engine(url, pool_reset_on_return=None)
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        if checkpoints_elsewhere:
            event.listen(engine, "connect", _no_automatic_checkpoints)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # In WAL mode NORMAL survives a crash of the process; only a power cut can lose the
    # last commits. FULL would sync the disk on every commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")
    cursor.close()
    # Transactions begin where SQLAlchemy says, not where the driver guesses.
    connection.isolation_level = None


class WriteTurn:
    """SQLite lets one transaction write at a time. The process's own writers queue for
    it here, each woken as soon as the one before is done; SQLite's busy handler, left
    for other processes, sleeps 1 to 100 ms between its tries. A writer that waits
    longer than `timeout` fails as SQLite's busy handler would, with the driver's
    OperationalError "database is locked"."""

    def __init__(self, locked_error: type[Exception], timeout: float) -> None:
        self._lock = threading.Lock()
        self._locked_error = locked_error
        self._timeout = timeout

    def __enter__(self) -> None:
        if not self._lock.acquire(timeout=self._timeout):
            raise self._locked_error(
                f"database is locked: another write held it for {self._timeout:g} s"
            )

    def __exit__(self, *_exc: object) -> None:
        self._lock.release()


def _no_automatic_checkpoints(connection: Any, _record: Any) -> None:
    connection.execute("PRAGMA wal_autocheckpoint=0")


class WalCheckpointer:
    """Moves SQLite's write-ahead log into the database file from a thread of its own.

    Left to itself SQLite does it inside whichever commit fills the log past 1,000 pages,
    and that call waits milliseconds for it: one signup in about a hundred. Here a
    checkpoint runs every `every` seconds instead, in two steps:

    - PASSIVE copies the log into the database file without blocking anyone;
    - RESTART copies what was written meanwhile and makes the next writer start the log
      from its beginning. It waits for the writer of the moment and holds new writers
      back while it runs, which is short because PASSIVE did the copying.

    PASSIVE alone never gets the log restarted under steady writes: a writer restarts
    it only when no write came between the checkpoint and its own, and the log then
    grows without end (185 MB after 6,000 signups), every look-up in it slower.

    RESTART takes its turn among the process's own writers (`WriteTurn`). Left to
    SQLite's busy handler, which sleeps and tries again, it lost the write lock to
    back-to-back writers for long stretches, and the log grew meanwhile.
    """

    def __init__(self, engine: Engine, writes: WriteTurn, every: float = 0.5) -> None:
        self.engine = engine
        self.writes = writes
        self.every = every
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stopping.wait(self.every):
            try:
                self.checkpoint()
            except (sqlalchemy.exc.DBAPIError, self.engine.dialect.loaded_dbapi.Error):
                # Busy or gone for a moment: the log just waits for the next turn, and
                # a database that is really gone fails the calls, which say so.
                continue

    def checkpoint(self) -> None:
        connection = self.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
            with self.writes:
                cursor.execute("PRAGMA wal_checkpoint(RESTART)")
            cursor.close()
        finally:
            connection.close()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join()
        self.checkpoint()


def _sqlite_begin(connection: Connection) -> None:
    writes = connection.get_execution_options().get(_WRITES, False)
    # On the driver's cursor: a statement through SQLAlchemy costs more than the BEGIN.
    cursor = connection.connection.cursor()
    cursor.execute("BEGIN IMMEDIATE" if writes else "BEGIN")
    cursor.close()


class Database:
    """One engine, and transactions that hand out the repositories."""

    def __init__(
        self, url: str, checkpoint_every: float = 0.5, busy_timeout: float = BUSY_TIMEOUT_SECONDS
    ) -> None:
        """`checkpoint_every`: seconds between SQLite checkpoints (see `WalCheckpointer`);
        `busy_timeout`: how long a write waits for the one before (see `WriteTurn`)."""
        self.engine = make_engine(url, checkpoints_elsewhere=True)
        self._sqlite = self.engine.dialect.name == "sqlite"
        self._sqlite_file = _is_sqlite_file(self.engine)
        dbapi = self.engine.dialect.loaded_dbapi
        sqlite_writes = WriteTurn(dbapi.OperationalError, busy_timeout)
        # PostgreSQL takes concurrent writers as they come.
        self._writes: AbstractContextManager[object] = (
            sqlite_writes if self._sqlite else nullcontext()
        )
        self._checkpointer = (
            WalCheckpointer(self.engine, sqlite_writes, checkpoint_every)
            if self._sqlite_file
            else None
        )
        self._writer = self.engine.execution_options(**{_WRITES: True})
        self._driver_error: type[Exception] = dbapi.Error
        self._driver_integrity_error: type[Exception] = dbapi.IntegrityError
        self._inserter: PoolProxiedConnection | None = None

    @contextmanager
    def transaction(self, *, writes: bool = False) -> Iterator[Repositories]:
        """Commit when the block ends, roll back if it raises."""
        try:
            with (
                self._writes if writes else nullcontext(),
                (self._writer if writes else self.engine).begin() as connection,
            ):
                yield Repositories(connection)
        except IntegrityError as error:
            raise ConstraintViolated(type(error.orig).__name__) from error
        except self._driver_integrity_error as error:  # from `Inserts`, run on the driver
            raise ConstraintViolated(type(error).__name__) from error

    @contextmanager
    def inserting(self) -> Iterator[Inserts]:
        """A write transaction that only adds rows (the signup's): commit when the block
        ends, roll back if it raises.

        It is held on the driver's own connection with no SQLAlchemy connection around
        it: an empty write transaction through SQLAlchemy costs about 120 µs of Python on
        SQLite, ten times the driver's BEGIN and COMMIT. On a SQLite file it is always the
        same connection (see `_sqlite_inserter`).
        """
        try:
            # The turn first, then the connection: a writer waiting its turn holds none.
            with self._writes:
                pooled = (
                    self._sqlite_inserter() if self._sqlite_file else self.engine.raw_connection()
                )
                driver: Any = pooled.driver_connection
                try:
                    if self._sqlite:
                        driver.execute("BEGIN IMMEDIATE")
                    yield Inserts(self.engine.dialect, driver)
                    driver.commit()
                except BaseException:
                    try:
                        driver.rollback()
                    except self._driver_error:
                        # The connection is gone (PostgreSQL restarted, say): the pool
                        # makes a new one.
                        pooled.invalidate()
                        self._inserter = None
                    raise
                finally:
                    if pooled is not self._inserter:
                        pooled.close()
        except self._driver_integrity_error as error:
            raise ConstraintViolated(type(error).__name__) from error

    def _sqlite_inserter(self) -> PoolProxiedConnection:
        """The connection that SQLite inserts keep to themselves, taken from the pool the
        first time. SQLite writes one transaction at a time anyway, and a connection
        keeps the pages it has read only while no other connection writes: inserts that
        took turns with the pool's connections read a dozen pages again on each signup,
        a third of its write. Called in the write turn."""
        if self._inserter is None:
            self._inserter = self.engine.raw_connection()
        return self._inserter

    def require_current_schema(self) -> None:
        """Refuse to serve a database its migrations have not reached."""
        with self.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
        head = ScriptDirectory.from_config(
            alembic_config(self.engine.url.render_as_string(hide_password=False))
        ).get_current_head()
        if current != head:
            self.close()
            raise SchemaNotCurrent(
                f"the database is at schema {current or 'none'}, this version needs {head}:"
                " run `accountsvc migrate` first"
            )

    def checkpoint(self) -> None:
        """Move SQLite's log into the database file now (PostgreSQL: nothing to do)."""
        if self._checkpointer is not None:
            self._checkpointer.checkpoint()

    def close(self) -> None:
        if self._inserter is not None:
            with self._writes:
                self._inserter.close()
                self._inserter = None
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        self.engine.dispose()


def _is_sqlite_file(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:")


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(url: str, revision: str = "head") -> None:
    """Bring the database at `url` to `revision` (the newest by default)."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)
