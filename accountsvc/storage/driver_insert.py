"""INSERTs for the signup path, compiled once per dialect and run on the driver's cursor.

SQLAlchemy Core spends about 50 µs of Python on each statement it executes; a signup
writes three or four rows, so that overhead was most of CreateAccount's time on SQLite.
Here SQLAlchemy still writes the SQL and converts each value (its own bind processors
for the column types, so JSON and times are stored exactly as Core stores them), once
per dialect; each call only converts the values and hands them to the driver's own
connection (a DB-API connection, not SQLAlchemy's), inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Dialect, Table, bindparam, insert


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]
    positional: bool
    converters: tuple[Callable[[Any], Any] | None, ...]


class DriverInsert:
    """An INSERT of every column of `table`."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self._compiled: dict[str, _Compiled] = {}

    def run(self, dialect: Dialect, driver: Any, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert `rows` (column name to value; every column given) in the transaction of
        `driver`, a DB-API connection of `dialect`. Constraint violations raise the
        driver's IntegrityError."""
        if not rows:
            return
        compiled = self._compiled.get(dialect.name) or self._compile(dialect)
        params = [self._params(compiled, row) for row in rows]
        cursor = driver.cursor()
        try:
            if len(params) == 1:
                cursor.execute(compiled.sql, params[0])
            else:
                cursor.executemany(compiled.sql, params)
        finally:
            cursor.close()

    @staticmethod
    def _params(compiled: _Compiled, row: Mapping[str, Any]) -> Any:
        values = [
            row[name] if convert is None or row[name] is None else convert(row[name])
            for name, convert in zip(compiled.names, compiled.converters, strict=True)
        ]
        return (
            tuple(values) if compiled.positional else dict(zip(compiled.names, values, strict=True))
        )

    def _compile(self, dialect: Dialect) -> _Compiled:
        columns = [c for c in self.table.columns if not (c.primary_key and c.autoincrement is True)]
        statement = insert(self.table).values({c.name: bindparam(c.name) for c in columns})
        compiled = statement.compile(dialect=dialect)
        names = (
            tuple(compiled.positiontup or ())
            if compiled.positional
            else tuple(c.name for c in columns)
        )
        types = {c.name: c.type for c in columns}
        converters = tuple(types[n].dialect_impl(dialect).bind_processor(dialect) for n in names)
        done = _Compiled(compiled.string, names, compiled.positional, converters)
        self._compiled[dialect.name] = done
        return done
