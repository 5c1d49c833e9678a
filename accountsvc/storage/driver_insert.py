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
from operator import itemgetter
from typing import Any

from sqlalchemy import DateTime, Dialect, Table, bindparam, insert


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]
    positional: bool
    values_of: Callable[[Mapping[str, Any]], tuple[Any, ...]]  # a row's values, in `names` order
    converters: tuple[tuple[int, Callable[[Any], Any]], ...]  # (index in `names`, converter)


class _SameAsLast:
    """A converter that gives the same object's value again without converting it: a
    signup stores its one creation time in five columns of three tables."""

    __slots__ = ("_convert", "_last")

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        self._convert = convert
        self._last: tuple[object, Any] = (None, None)  # one tuple, so threads read a pair

    def __call__(self, value: object) -> Any:
        last, converted = self._last
        if value is last:
            return converted
        converted = self._convert(value)
        self._last = (value, converted)
        return converted


# One per time type and dialect, shared by every table's columns of that type.
_TIMES: dict[tuple[str, str], _SameAsLast] = {}


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
        values = list(compiled.values_of(row))
        for index, convert in compiled.converters:
            value = values[index]
            if value is not None:
                values[index] = convert(value)
        if compiled.positional:
            return tuple(values)
        return dict(zip(compiled.names, values, strict=True))

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
        converters = []
        for index, name in enumerate(names):
            convert = types[name].dialect_impl(dialect).bind_processor(dialect)
            if convert is not None:
                if isinstance(types[name], DateTime):
                    key = (dialect.name, repr(types[name]))
                    convert = _TIMES.setdefault(key, _SameAsLast(convert))
                converters.append((index, convert))
        done = _Compiled(
            compiled.string, names, compiled.positional, _getter(names), tuple(converters)
        )
        self._compiled[dialect.name] = done
        return done


def _getter(names: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """A row's values for `names`, as a tuple even for one name."""
    if len(names) == 1:
        (name,) = names
        return lambda row: (row[name],)
    return itemgetter(*names)
