"""Databases for storage tests: a SQLite file always, PostgreSQL when configured.

`ACCOUNTSVC_TEST_DATABASE_URL` (set by .ci/run) points at a PostgreSQL database the
tests may empty: each test starts from no tables and leaves none behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import MetaData

from accountsvc.storage.database import make_engine

POSTGRES_URL = os.environ.get("ACCOUNTSVC_TEST_DATABASE_URL", "")
ENGINES = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]


def _drop_everything(url: str) -> None:
    engine = make_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture(params=ENGINES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'accountsvc.db'}"
        return
    _drop_everything(POSTGRES_URL)
    try:
        yield POSTGRES_URL
    finally:
        _drop_everything(POSTGRES_URL)
