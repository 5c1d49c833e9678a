"""A database per storage test: a SQLite file always, PostgreSQL when configured."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.databases import ENGINES, POSTGRES_URL, drop_everything


@pytest.fixture(params=ENGINES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'accountsvc.db'}"
        return
    drop_everything(POSTGRES_URL)
    try:
        yield POSTGRES_URL
    finally:
        drop_everything(POSTGRES_URL)
