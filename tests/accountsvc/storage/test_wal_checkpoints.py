"""SQLite's write-ahead log is moved into the database file by the checkpointer's thread,
never inside a commit of the service's own connections."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from accountsvc.storage.database import Database, make_engine, migrate

ROWS = 200


def write_rows(database: Database, first: int = 0) -> None:
    for i in range(first, first + ROWS):
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

    def log_size_after_writes(name: str, checkpoint_every: float) -> int:
        path = tmp_path / name
        url = f"sqlite:///{path}"
        migrate(url)
        database = Database(url, checkpoint_every=checkpoint_every)
        try:
            for round_ in range(5):
                write_rows(database, first=round_ * ROWS)
            return path.with_name(path.name + "-wal").stat().st_size
        finally:
            database.close()

    never_started_over = log_size_after_writes("unchecked.db", checkpoint_every=3600)
    checkpointed = log_size_after_writes("checked.db", checkpoint_every=0.05)
    assert checkpointed < never_started_over / 2
