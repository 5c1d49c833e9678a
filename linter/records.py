"""Reading contact records from CSV and JSONL, one record at a time.

Reading is split in two so that the expensive half runs in worker processes: the main
process only cuts the input into blocks of whole JSONL lines (`LineBlock`) or raw CSV
rows (`RawRow`: a row number and the line or CSV cells as read), and
`contact_from_json_line` or `contact_from_csv_cells` turns a raw row into a `Contact` or
an error message. A row that cannot be read never stops the run.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import orjson

from linter.model import Contact, Purpose, new_tuple

# Column names accepted for each field, compared in lower case.
EMAIL_COLUMNS = ("email", "e-mail", "mail", "email_address", "emailaddress", "epost", "e-post")
_FIELD_COLUMNS = {
    "id": ("id", "account", "account_id", "record"),
    "name": ("name", "contact_name", "contact", "display_name"),
    "purpose": ("purpose",),
    "address": ("address", "postal_address"),
    "domain": ("domain", "company_domain"),
}
_PURPOSES = {p.value: p for p in Purpose}
# Large enough for any field we will refuse politely rather than crash on.
csv.field_size_limit(64 * 1024 * 1024)
_BOM = "\ufeff".encode()


class InputError(Exception):
    """The input as a whole cannot be read (exit status 2)."""


@dataclass(frozen=True, slots=True)
class Columns:
    """Where each field is in a CSV row (-1: absent)."""

    email: int
    id: int = -1
    name: int = -1
    purpose: int = -1
    address: int = -1
    domain: int = -1


RawRow = tuple[int, Any]


def columns_of(header: Sequence[str]) -> Columns:
    names = [h.strip().lower().lstrip("\ufeff") for h in header]

    def find(candidates: Sequence[str]) -> int:
        for candidate in candidates:
            if candidate in names:
                return names.index(candidate)
        return -1

    email = find(EMAIL_COLUMNS)
    if email < 0:
        found = ", ".join(repr(h) for h in header) or "none"
        raise InputError(f"no e-mail column (looked for 'email'); the columns are: {found}")
    return Columns(email, **{key: find(alias) for key, alias in _FIELD_COLUMNS.items()})


class RecordError(ValueError):
    """A record that cannot be read; `record_id` is its id when that much was readable."""

    def __init__(self, message: str, record_id: str | None = None) -> None:
        super().__init__(message)
        self.record_id = record_id


def _text(value: Any, key: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    raise RecordError(f"'{key}' must be a string, not {type(value).__name__}")


def _record_id(value: Any) -> str | None:
    """Ids may be strings or whole numbers (`"id": 42`); anything else is unreadable."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise RecordError(f"'id' must be a string or a whole number, not {type(value).__name__}")


def _purpose(value: str) -> Purpose | None:
    if not value:
        return None
    purpose = _PURPOSES.get(value.strip().lower())
    if purpose is None:
        raise RecordError(f"unknown purpose '{value[:40]}' (known: {', '.join(_PURPOSES)})")
    return purpose


def contact_from_fields(fields: dict[str, Any]) -> tuple[str | None, Contact]:
    """The record id and the contact; RecordError saying what is wrong otherwise."""
    get = fields.get
    record_id, email, name, purpose, address, domain = (
        get("id"), get("email"), get("name", ""), get("purpose", ""), get("address", ""),
        get("domain", ""),
    )  # fmt: skip
    if (
        type(record_id) is str
        and type(email) is str
        and type(name) is str
        and type(address) is str
        and type(domain) is str
        and type(purpose) is str
        and (not purpose or purpose in _PURPOSES)
    ):
        # The common record, read without the checks below: every field a string and the
        # purpose written as it is named.
        return record_id, new_tuple(Contact, (email, name, _PURPOSES.get(purpose), address, domain))
    record_id = _record_id(record_id)
    try:
        if email is None:
            raise RecordError("the record has no 'email'")
        contact = Contact(
            email=_text(email, "email"),
            name=_text(name, "name"),
            purpose=_purpose(_text(purpose, "purpose")),
            address=_text(address, "address"),
            domain=_text(domain, "domain"),
        )
    except RecordError as error:
        raise RecordError(str(error), record_id) from None
    return record_id, contact


def contact_from_json_line(line: bytes) -> tuple[str | None, Contact]:
    try:
        fields = orjson.loads(line)
    except orjson.JSONDecodeError as error:
        if _is_invalid_utf8(line):
            raise RecordError("the line is not valid UTF-8") from error
        raise RecordError(f"the line is not valid JSON ({error})") from error
    if not isinstance(fields, dict):
        raise RecordError(f"the line holds a JSON {type(fields).__name__}, not an object")
    return contact_from_fields(fields)


def contact_from_csv_cells(cells: list[str], columns: Columns) -> tuple[str | None, Contact]:
    if any(_has_surrogates(value) for value in cells if not value.isascii()):
        raise RecordError("the row is not valid UTF-8")
    if len(cells) <= columns.email:
        raise RecordError(
            f"the row has {len(cells)} cells; the e-mail is in column {columns.email + 1}"
        )

    def cell(index: int) -> str:
        return cells[index] if 0 <= index < len(cells) else ""

    return contact_from_fields({
        "id": cell(columns.id) or None,
        "email": cells[columns.email],
        "name": cell(columns.name),
        "purpose": cell(columns.purpose),
        "address": cell(columns.address),
        "domain": cell(columns.domain),
    })  # fmt: skip


def _is_invalid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= c <= "\udcff" for c in text)


def open_input(name: str) -> BinaryIO:
    if name == "-":
        return sys.stdin.buffer
    path = Path(name)
    try:
        return path.open("rb")
    except OSError as error:
        raise InputError(f"cannot open {name}: {error.strerror}") from error


def input_kind(name: str, given: str | None) -> str:
    if given:
        return given
    if name == "-":
        return "jsonl"
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    raise InputError(
        f"cannot tell the format of {name}: name it .csv or .jsonl, or pass --input-format"
    )


# How much of a JSONL input one block holds (then to the end of its last line): about a
# thousand records, read and sent to a worker as one bytes object.
BLOCK_BYTES = 128 * 1024


class LineBlock(NamedTuple):
    """Whole lines of a JSONL input as read, and the number of the first of them.

    Cutting the lines apart is left to whoever lints them, so the process that reads the
    input does one read and one count per block, whatever the number of lines."""

    first: int
    data: bytes

    def rows(self) -> Iterator[RawRow]:
        """(line number, line) for every line that is not blank. A UTF-8 byte order mark
        at the start of the input (as some editors write) is skipped, as for CSV."""
        for number, line in enumerate(self.data.split(b"\n"), self.first):
            if number == 1 and line.startswith(_BOM):
                line = line[len(_BOM) :]
            if line.strip():
                yield number, line


def json_blocks(stream: BinaryIO, size: int = BLOCK_BYTES) -> Iterator[LineBlock]:
    """The input in blocks of about `size` bytes, each ending where a line ends."""
    first = 1
    while data := stream.read(size):
        if not data.endswith(b"\n"):
            data += stream.readline()
        yield LineBlock(first, data)
        first += data.count(b"\n")


def csv_rows(stream: BinaryIO) -> tuple[Columns, Iterator[RawRow]]:
    """The columns from the header, and (row number, cells) for every later row.

    Bytes that are not UTF-8 are kept as surrogates, so the row they are in can be
    reported without losing the rows around it."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.reader(text, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(
            "the CSV input is empty: it needs a header row with an 'email' column"
        ) from None
    except csv.Error as error:
        raise InputError(f"cannot read the CSV header: {error}") from None
    columns = columns_of(header)

    def rows() -> Iterator[RawRow]:
        while True:
            # A record may span lines (a quoted address); it is numbered by its first.
            first_line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                if "unexpected end of data" in str(error):
                    yield (
                        first_line,
                        RecordError(
                            f"a quote opened in this row is never closed: the rest of the input, "
                            f"rows {first_line} to {reader.line_num}, could not be read"
                        ),
                    )
                    return
                yield first_line, RecordError(f"cannot read the CSV row: {error}")
                continue
            if cells:
                yield first_line, cells

    return columns, rows()
