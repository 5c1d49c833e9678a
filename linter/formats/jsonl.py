"""`jsonl`: one JSON object per input record, in input order (the contract in DESIGN.md)."""

from __future__ import annotations

from typing import Any

import orjson

from linter.formats import AuditItem, Summary


def item_object(item: AuditItem) -> dict[str, Any]:
    """The contract's object for one record; an unreadable record gets `error` and `row`."""
    if item.result is None:
        return {"id": item.record_id, "row": item.row, "error": item.error}
    return item.result.to_dict(item.record_id)


class JsonLinesReport:
    separator = b""

    def header(self) -> bytes:
        return b""

    def record(self, item: AuditItem) -> bytes:
        return orjson.dumps(item_object(item), option=orjson.OPT_APPEND_NEWLINE)

    def footer(self, summary: Summary) -> bytes:
        return b""
