"""Storage: SQLAlchemy 2 models, the database engine, Alembic migrations."""
