"""Migrations on SQLite and PostgreSQL: the same scripts, the schema the models describe."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from accountsvc.storage.database import alembic_config, downgrade, make_engine, migrate
from accountsvc.storage.models import Account, Base, BillingInfo

TABLES = {"accounts", "billing_info", "technical_contacts", "lint_acknowledgements"}
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def account(account_id: str = "acc-1", request_id: str | None = None) -> Account:
    return Account(
        id=account_id,
        master_email="ekonomi@kvarnbo.se",
        master_name="Kvarnbo AB",
        state="active",
        lint_policy="advise",
        etag="1",
        request_id=request_id,
        create_time=NOW,
        update_time=NOW,
    )


def test_migrate_creates_the_tables_and_downgrade_removes_them(database_url: str) -> None:
    migrate(database_url)
    engine = make_engine(database_url)
    assert set(inspect(engine).get_table_names()) >= TABLES
    downgrade(database_url, "base")
    assert not TABLES & set(inspect(engine).get_table_names())
    engine.dispose()


def test_models_and_migrations_describe_the_same_schema(database_url: str) -> None:
    migrate(database_url)
    engine = make_engine(database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_migrate_twice_changes_nothing(database_url: str) -> None:
    migrate(database_url)
    migrate(database_url)
    engine = make_engine(database_url)
    with engine.connect() as connection:
        version = connection.execute(text("select version_num from alembic_version")).scalar()
    engine.dispose()
    head = ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()
    assert head is not None and version == head


def test_upgrade_keeps_rows_written_before_it(database_url: str) -> None:
    migrate(database_url, "0001")
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "insert into accounts (id, master_email, master_name, state, lint_policy, etag,"
                " create_time, update_time) values ('acc-1', 'ekonomi@kvarnbo.se', 'Kvarnbo AB',"
                " 'active', 'advise', '1', :now, :now)"
            ),
            {"now": NOW},
        )
    migrate(database_url)
    with Session(engine) as session:
        kept = session.get(Account, "acc-1")
        assert kept is not None and kept.master_email == "ekonomi@kvarnbo.se"
    engine.dispose()


def test_foreign_keys_hold(database_url: str) -> None:
    migrate(database_url)
    engine = make_engine(database_url)
    with Session(engine) as session, pytest.raises(IntegrityError):
        session.add(
            BillingInfo(
                account_id="no-such-account",
                email="ekonomi@kvarnbo.se",
                contact_name="Ekonomi",
                address_lines=["Storgatan 1"],
                postal_code="111 22",
                city="Stockholm",
                country_code="SE",
                etag="1",
                update_time=NOW,
            )
        )
        session.commit()
    engine.dispose()


def test_a_failed_write_leaves_nothing_behind(database_url: str) -> None:
    migrate(database_url)
    engine = make_engine(database_url)
    with Session(engine) as session:
        session.add(account("acc-1", request_id="req-1"))
        session.commit()
    with Session(engine) as session, pytest.raises(IntegrityError):
        session.add(account("acc-2"))
        session.add(account("acc-3", request_id="req-1"))  # the same request id again
        session.commit()
    with Session(engine) as session:
        assert [a.id for a in session.query(Account).order_by(Account.id)] == ["acc-1"]
    engine.dispose()


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'wal.db'}"
    migrate(url)
    engine = make_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_migrate_command_creates_the_database_file(tmp_path: Path) -> None:
    target = tmp_path / "var" / "accountsvc.db"
    done = subprocess.run(
        [sys.executable, "-m", "accountsvc.cli", "migrate", "--database", f"sqlite:///{target}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert target.is_file()
