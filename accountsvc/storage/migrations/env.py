"""Alembic's environment: our models' metadata, our engine (with SQLite's pragmas)."""

from __future__ import annotations

from alembic import context

from accountsvc.storage.database import make_engine
from accountsvc.storage.models import Base

config = context.config
engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=engine.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
