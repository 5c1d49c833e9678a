"""`json`: the records as one JSON array, pretty-printed."""

from __future__ import annotations

import orjson

from linter.formats import AuditItem, Summary
from linter.formats.jsonl import item_object


class JsonReport:
    separator = b",\n"

    def header(self) -> bytes:
        return b"[\n"

    def record(self, item: AuditItem) -> bytes:
        return orjson.dumps(item_object(item), option=orjson.OPT_INDENT_2)

    def footer(self, summary: Summary) -> bytes:
        return b"\n]\n" if summary.records else b"]\n"
