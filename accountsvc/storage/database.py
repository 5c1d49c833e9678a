"""Engines, transactions and migrations. SQLite is the embedded default (WAL, foreign
keys on); PostgreSQL is the production engine; one set of Alembic migrations serves both."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import IntegrityError

from accountsvc.storage.repositories import Repositories

# An execution option: this transaction will write (SQLite then takes the write lock at
# BEGIN, so two writers queue instead of one failing half-way with "database is locked").
_WRITES = "accountsvc_writes"


class SchemaNotCurrent(Exception):
    """The database has not been migrated to the schema this code needs."""


class ConstraintViolated(Exception):
    """A write broke a unique or foreign-key constraint; nothing of it was stored."""


MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # In WAL mode NORMAL survives a crash of the process; only a power cut can lose the
    # last commits. FULL would sync the disk on every commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
    # Transactions begin where SQLAlchemy says, not where the driver guesses.
    connection.isolation_level = None


def _sqlite_begin(connection: Connection) -> None:
    writes = connection.get_execution_options().get(_WRITES, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


class Database:
    """One engine, and transactions that hand out the repositories."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self._writer = self.engine.execution_options(**{_WRITES: True})

    @contextmanager
    def transaction(self, *, writes: bool = False) -> Iterator[Repositories]:
        """Commit when the block ends, roll back if it raises."""
        try:
            with (self._writer if writes else self.engine).begin() as connection:
                yield Repositories(connection)
        except IntegrityError as error:
            raise ConstraintViolated(type(error.orig).__name__) from error

    def require_current_schema(self) -> None:
        """Refuse to serve a database its migrations have not reached."""
        with self.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
        head = ScriptDirectory.from_config(
            alembic_config(self.engine.url.render_as_string(hide_password=False))
        ).get_current_head()
        if current != head:
            self.engine.dispose()
            raise SchemaNotCurrent(
                f"the database is at schema {current or 'none'}, this version needs {head}:"
                " run `accountsvc migrate` first"
            )

    def close(self) -> None:
        self.engine.dispose()


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
