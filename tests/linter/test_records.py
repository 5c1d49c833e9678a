"""Reading contact records: CSV columns, JSONL lines, raw rows and their numbers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from linter.model import Contact, Purpose
from linter.records import (
    Columns,
    InputError,
    RawRow,
    RecordError,
    columns_of,
    contact_from_csv_cells,
    contact_from_json_line,
    csv_rows,
    input_kind,
    json_blocks,
    open_input,
)

# --- CSV header ---------------------------------------------------------------------------


def test_header_with_email_id_and_name_columns() -> None:
    assert columns_of(["id", "email", "name"]) == Columns(email=1, id=0, name=2)


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(["E-Mail"], id="e-mail-capitalised"),
        pytest.param([" email "], id="padded-with-spaces"),
        pytest.param(["epost"], id="swedish-epost"),
        pytest.param(["\ufeffemail"], id="utf8-bom-before-first-name"),
    ],
)
def test_email_column_aliases(header: list[str]) -> None:
    assert columns_of(header).email == 0


def test_field_column_aliases() -> None:
    header = ["account_id", "mail", "contact_name", "purpose", "postal_address", "company_domain"]
    columns = columns_of(header)
    assert columns == Columns(email=1, id=0, name=2, purpose=3, address=4, domain=5)


def test_header_without_email_column_names_the_columns_it_found() -> None:
    with pytest.raises(InputError) as error:
        columns_of(["id", "mail_addr", "name"])
    message = str(error.value)
    assert "'email'" in message
    assert "'id', 'mail_addr', 'name'" in message


# --- JSONL lines --------------------------------------------------------------------------


def test_json_line_with_all_fields() -> None:
    line = (
        b'{"id": "42", "email": "anna.svensson@kvarnbo.se", "name": "Anna Svensson",'
        b' "purpose": "billing", "address": "Storgatan 1", "domain": "kvarnbo.se"}'
    )
    assert contact_from_json_line(line) == (
        "42",
        Contact(
            "anna.svensson@kvarnbo.se",
            "Anna Svensson",
            Purpose.BILLING,
            "Storgatan 1",
            "kvarnbo.se",
        ),
    )


def test_json_line_without_id_has_no_record_id() -> None:
    assert contact_from_json_line(b'{"email": "ekonomi@kvarnbo.se"}') == (
        None,
        Contact("ekonomi@kvarnbo.se"),
    )


def test_numeric_id_is_read_as_text() -> None:
    record_id, _ = contact_from_json_line(b'{"id": 42, "email": "ekonomi@kvarnbo.se"}')
    assert record_id == "42"


def test_null_fields_read_as_empty() -> None:
    line = b'{"id": "7", "email": "ekonomi@kvarnbo.se", "name": null, "purpose": null}'
    assert contact_from_json_line(line) == ("7", Contact("ekonomi@kvarnbo.se"))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param(b'{"id": "7", "email": "a@x.se", "purpose": [1]}', "'purpose'", id="list"),
        pytest.param(b'{"email": "a@x.se", "name": 5}', "'name' must be", id="name-number"),
        pytest.param(b'{"id": true, "email": "a@x.se"}', "'id' must be", id="id-boolean"),
    ],
)
def test_field_of_the_wrong_type_is_an_error_naming_it(line: bytes, message: str) -> None:
    with pytest.raises(RecordError, match=message):
        contact_from_json_line(line)


def test_purpose_is_read_in_any_case() -> None:
    _, contact = contact_from_json_line(b'{"email": "ekonomi@kvarnbo.se", "purpose": " Billing"}')
    assert contact.purpose is Purpose.BILLING


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param(b"not json", "not valid JSON", id="invalid-json"),
        pytest.param(b'{"email": "a@kvarnbo.se"', "not valid JSON", id="truncated-object"),
        pytest.param(b'["a@kvarnbo.se"]', "JSON list, not an object", id="json-array"),
        pytest.param(b'"a@kvarnbo.se"', "JSON str, not an object", id="json-string"),
        pytest.param(b'{"id": "1"}', "no 'email'", id="missing-email"),
        pytest.param(b'{"email": ["a@kvarnbo.se"]}', "'email' must be a string", id="list-email"),
        pytest.param(b'{"email": true}', "'email' must be a string", id="bool-email"),
        pytest.param(b'{"email": {"a": 1}}', "'email' must be a string", id="object-email"),
        pytest.param(
            b'{"email": "a@kvarnbo.se", "name": 1.5e3, "id": []}',
            "'id' must be a string",
            id="list-id",
        ),
        pytest.param(b'{"email": "\xff@kvarnbo.se"}', "not valid UTF-8", id="invalid-utf8"),
        pytest.param(
            b'{"email": "a@kvarnbo.se", "purpose": "marketing"}',
            "unknown purpose 'marketing' (known: billing, technical, security, account)",
            id="unknown-purpose",
        ),
    ],
)
def test_unreadable_json_line_says_why(line: bytes, message: str) -> None:
    with pytest.raises(ValueError) as error:
        contact_from_json_line(line)
    assert message in str(error.value)


def test_numeric_email_is_not_read_as_an_address() -> None:
    # A number is never an e-mail address: `{"email": 5}` is a record written wrong, like
    # `{"email": true}`, and should say so rather than be linted as the address "5".
    with pytest.raises(ValueError, match="'email' must be a string"):
        contact_from_json_line(b'{"id": "5", "email": 5}')


def test_json_line_after_a_utf8_bom_is_read() -> None:
    # Windows tools write a byte order mark at the start of a UTF-8 file; the CSV reader
    # drops it from the header, so the first line of a JSONL file should be read too.
    stream = io.BytesIO(b'\xef\xbb\xbf{"id": "1", "email": "ekonomi@kvarnbo.se"}\n')
    [(number, line)] = json_rows(stream)
    assert number == 1
    assert contact_from_json_line(line) == ("1", Contact("ekonomi@kvarnbo.se"))


# --- CSV cells ----------------------------------------------------------------------------

COLUMNS = Columns(email=1, id=0, name=2, purpose=3)


def test_csv_cells_to_contact() -> None:
    cells = ["7", "anna.svensson@kvarnbo.se", "Anna Svensson", "technical"]
    assert contact_from_csv_cells(cells, COLUMNS) == (
        "7",
        Contact("anna.svensson@kvarnbo.se", "Anna Svensson", Purpose.TECHNICAL),
    )


def test_csv_row_with_empty_id_has_no_record_id() -> None:
    assert contact_from_csv_cells(["", "ekonomi@kvarnbo.se"], COLUMNS) == (
        None,
        Contact("ekonomi@kvarnbo.se"),
    )


def test_csv_row_short_of_optional_columns_is_read() -> None:
    assert contact_from_csv_cells(["7", "ekonomi@kvarnbo.se"], COLUMNS)[1] == Contact(
        "ekonomi@kvarnbo.se"
    )


def test_csv_row_without_the_email_cell_says_which_column() -> None:
    with pytest.raises(ValueError, match="the row has 1 cells; the e-mail is in column 2"):
        contact_from_csv_cells(["7"], COLUMNS)


def test_csv_row_with_undecodable_bytes_is_not_valid_utf8() -> None:
    cell = b"\xff@kvarnbo.se".decode("utf-8", "surrogateescape")
    with pytest.raises(ValueError, match="not valid UTF-8"):
        contact_from_csv_cells(["7", cell], COLUMNS)


def test_csv_row_with_unknown_purpose_says_which() -> None:
    with pytest.raises(ValueError, match="unknown purpose 'marketing'"):
        contact_from_csv_cells(["7", "ekonomi@kvarnbo.se", "", "marketing"], COLUMNS)


# --- Input kinds and files ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "given", "kind"),
    [
        pytest.param("contacts.csv", None, "csv", id="csv"),
        pytest.param("CONTACTS.CSV", None, "csv", id="csv-upper-case"),
        pytest.param("contacts.jsonl", None, "jsonl", id="jsonl"),
        pytest.param("contacts.ndjson", None, "jsonl", id="ndjson"),
        pytest.param("-", None, "jsonl", id="stdin"),
        pytest.param("contacts.txt", "csv", "csv", id="given-overrides-suffix"),
        pytest.param("contacts.csv", "jsonl", "jsonl", id="given-overrides-csv"),
    ],
)
def test_input_kind(name: str, given: str | None, kind: str) -> None:
    assert input_kind(name, given) == kind


def test_unknown_suffix_asks_for_input_format() -> None:
    with pytest.raises(InputError, match="--input-format"):
        input_kind("contacts.txt", None)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"cannot open .*nope\.csv: No such file"):
        open_input(f"{tmp_path}/nope.csv")


# --- Raw rows -----------------------------------------------------------------------------


def json_rows(stream: io.BytesIO) -> list[RawRow]:
    return [row for block in json_blocks(stream) for row in block.rows()]


def test_json_rows_skip_blank_lines_and_keep_line_numbers() -> None:
    stream = io.BytesIO(b'{"email": "a@x.se"}\n\n   \n{"email": "b@x.se"}\n')
    assert json_rows(stream) == [
        (1, b'{"email": "a@x.se"}'),
        (4, b'{"email": "b@x.se"}'),
    ]


def test_json_rows_read_a_last_line_without_newline() -> None:
    assert json_rows(io.BytesIO(b'{"email": "a@x.se"}')) == [(1, b'{"email": "a@x.se"}')]


def test_csv_rows_number_rows_counting_the_header() -> None:
    columns, rows = csv_rows(io.BytesIO(b"id,email\n1,a@x.se\n\n2,b@x.se\n"))
    assert columns == Columns(email=1, id=0)
    assert list(rows) == [(2, ["1", "a@x.se"]), (4, ["2", "b@x.se"])]


def test_csv_rows_keep_undecodable_bytes_and_the_rows_after_them() -> None:
    _, rows = csv_rows(io.BytesIO(b"email\n\xff@x.se\nb@x.se\n"))
    assert list(rows) == [(2, ["\udcff@x.se"]), (3, ["b@x.se"])]


def test_csv_record_with_a_multiline_address_is_numbered_by_its_first_row() -> None:
    # A postal address in a quoted cell spans lines. The record starts on row 2 (as a
    # line and as a row); the reader's line number after it is 3.
    data = b'email,address\na@x.se,"Storgatan 1\n123 45 Kvarnby"\nb@x.se,\n'
    _, rows = csv_rows(io.BytesIO(data))
    assert next(rows) == (2, ["a@x.se", "Storgatan 1\n123 45 Kvarnby"])


def test_empty_csv_is_an_input_error() -> None:
    with pytest.raises(InputError, match="empty"):
        csv_rows(io.BytesIO(b""))


MEGABYTES_OF_ROWS = 4 * 1024 * 1024


def test_csv_rows_read_the_input_as_they_go() -> None:
    row = b"7,ekonomi@kvarnbo.se\n"
    stream = io.BytesIO(b"id,email\n" + row * (MEGABYTES_OF_ROWS // len(row)))
    _, rows = csv_rows(stream)
    assert next(rows) == (2, ["7", "ekonomi@kvarnbo.se"])
    assert stream.tell() < 256 * 1024  # how far the reader has read


def test_json_blocks_read_the_input_as_they_go() -> None:
    line = b'{"email": "ekonomi@kvarnbo.se"}\n'
    stream = io.BytesIO(line * (MEGABYTES_OF_ROWS // len(line)))
    first = next(json_blocks(stream))
    assert next(first.rows()) == (1, line.rstrip())
    assert stream.tell() < 256 * 1024  # how far the reader has read


def test_csv_unterminated_quote_is_an_unreadable_row() -> None:
    # The quote opened on row 2 never closes, so the reader takes the rest of the file as
    # one cell and the rows after it vanish. The run should say that row 2 is unreadable
    # rather than lint "unterminated\n3,c@x.se\n" as an e-mail address.
    _, rows = csv_rows(io.BytesIO(b'id,email\n1,"unterminated\n3,c@x.se\n'))
    read = list(rows)
    assert len(read) == 1
    number, raw = read[0]
    assert number == 2
    assert isinstance(raw, ValueError)


def test_json_blocks_end_on_whole_lines_and_number_them_across_blocks() -> None:
    lines = [b'{"id": "%d", "email": "a@x.se"}' % n for n in range(1, 40)]
    stream = io.BytesIO(b"\n".join(lines))
    blocks = list(json_blocks(stream, size=64))
    assert len(blocks) > 1
    assert all(block.data.endswith(b"\n") for block in blocks[:-1])
    rows = [row for block in blocks for row in block.rows()]
    assert rows == list(enumerate(lines, 1))


def test_json_blocks_skip_a_byte_order_mark_on_the_first_line_only() -> None:
    stream = io.BytesIO(b'\xef\xbb\xbf{"email": "a@x.se"}\n\xef\xbb\xbf{"email": "b@x.se"}\n')
    [block] = json_blocks(stream)
    assert [line for _, line in block.rows()] == [
        b'{"email": "a@x.se"}',
        b'\xef\xbb\xbf{"email": "b@x.se"}',
    ]
