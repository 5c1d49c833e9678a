"""SQLite's write-ahead log is moved into the database file by the checkpointer's thread,
never inside a commit of the service's own connections."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import text

from accountsvc.storage.database import Database, make_engine, migrate

ROWS = 200


def write_rows(database: Database, first: int = 0, count: int = ROWS) -> None:
    for i in range(first, first + count):
        with database.transaction(writes=True) as repos:
            repos.connection.execute(
                text(
                    "insert into accounts (id, master_email, master_name, state, lint_policy,"
                    " etag, create_time, update_time) values (:id, 'ops@kvarnbo.se',"
                    " 'Kvarnbo AB', 'active', 'advise', '1', '2026-11-25 12:00:00.000000',"
                    " '2026-11-25 12:00:00.000000')"
                ),
                {"id": f"{i:032x}"},
            )


def test_the_services_connections_leave_checkpoints_to_the_checkpointer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'accountsvc.db'}"
    migrate(url)
    database = Database(url)
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
    finally:
        database.close()
    plain = make_engine(url)
    with plain.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
    plain.dispose()


def test_a_checkpoint_moves_the_log_into_the_database_file(tmp_path: Path) -> None:
    path = tmp_path / "accountsvc.db"
    url = f"sqlite:///{path}"
    migrate(url)
    database = Database(url, checkpoint_every=3600)  # no checkpoint but the one below
    try:
        database_file_before = path.stat().st_size
        write_rows(database)
        assert path.stat().st_size == database_file_before  # everything is still in the log
        database.checkpoint()
        assert path.stat().st_size > database_file_before
    finally:
        database.close()


def test_the_log_starts_over_while_writes_go_on(tmp_path: Path) -> None:
    """Back-to-back writes leave the checkpointer no quiet moment; the log must still be
    started over rather than grow with every write."""
    checkpoint_every = 0.02
    # Long enough for many checkpoints however fast or slow the machine is at the moment:
    # the log may grow between two of them, so a handful alone would prove nothing.
    writing_for = 40 * checkpoint_every

    def log_size(path: Path) -> int:
        return path.with_name(path.name + "-wal").stat().st_size

    checked = tmp_path / "checked.db"
    migrate(f"sqlite:///{checked}")
    database = Database(f"sqlite:///{checked}", checkpoint_every=checkpoint_every)
    written = 0
    try:
        started = time.monotonic()
        while time.monotonic() - started < writing_for:
            write_rows(database, first=written, count=20)
            written += 20
        checkpointed = log_size(checked)
    finally:
        database.close()

    unchecked = tmp_path / "unchecked.db"
    migrate(f"sqlite:///{unchecked}")
    database = Database(f"sqlite:///{unchecked}", checkpoint_every=3600)
    try:
        write_rows(database, count=written)
        never_started_over = log_size(unchecked)
    finally:
        database.close()
    assert checkpointed < never_started_over / 2
