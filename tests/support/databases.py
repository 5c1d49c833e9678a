"""Databases for tests: a SQLite file always, PostgreSQL when configured.

`ACCOUNTSVC_TEST_DATABASE_URL` (set by .ci/run) points at a PostgreSQL database the
tests may empty: each user starts from no tables and leaves none behind.
"""

from __future__ import annotations

import os

from sqlalchemy import MetaData

from accountsvc.storage.database import make_engine

POSTGRES_URL = os.environ.get("ACCOUNTSVC_TEST_DATABASE_URL", "")
ENGINES = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]


def drop_everything(url: str) -> None:
    engine = make_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    metadata.drop_all(engine)
    engine.dispose()
