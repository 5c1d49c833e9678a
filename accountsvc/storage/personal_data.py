"""Each personal field says once, next to its column, why it is kept and for how long.

`personal(...)` goes into a column's `info`; `register_of_processing` derives the
register from the models, so retention sweeps and exports (later) read the same
declarations and nothing is written twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import MetaData

INFO_KEY = "personal_data"


class LegalBasis(StrEnum):
    LEGITIMATE_INTEREST = "legitimate interest"
    LEGAL_OBLIGATION = "legal obligation"


class Retention(StrEnum):
    """How long a field is kept, as DESIGN.md's table of data held says."""

    WHILE_SERVICES_PROVIDED = "while services are provided"
    WHILE_SERVICES_PROVIDED_THEN_GRACE = "while services are provided, then a grace period"
    BOOKKEEPING_SEVEN_YEARS = (
        "to the end of the seventh year after the calendar year in which the financial "
        "year ended (Swedish bookkeeping rules)"
    )
    CONFIGURABLE_PERIOD = "a configurable period"


@dataclass(frozen=True, slots=True)
class PersonalData:
    purpose: str
    legal_basis: tuple[LegalBasis, ...]
    retention: Retention


def personal(purpose: str, *legal_basis: LegalBasis, retention: Retention) -> dict[str, Any]:
    """The `info` of a column that holds personal data."""
    return {INFO_KEY: PersonalData(purpose, legal_basis, retention)}


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    table: str
    column: str
    declaration: PersonalData


def register_of_processing(metadata: MetaData) -> list[RegisterEntry]:
    """Every personal column of every table, with its declaration, in table order."""
    return [
        RegisterEntry(table.name, column.name, column.info[INFO_KEY])
        for table in metadata.sorted_tables
        for column in table.columns
        if INFO_KEY in column.info
    ]
