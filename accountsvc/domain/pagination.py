"""Page sizes and page tokens for list calls.

A token is opaque to the caller: the id the next page starts after, and the query it
belongs to, so a token cannot be replayed against another filter or parent.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from accountsvc.domain.errors import FieldViolation, InvalidArgument

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True, slots=True)
class PageRequest:
    size: int
    after_id: str


def page_request(page_size: int, page_token: str, query: str) -> PageRequest:
    """`query` identifies the filter and parent; a token from another query is refused."""
    if page_size < 0:
        raise InvalidArgument(
            [FieldViolation("page_size", "must not be negative")], "INVALID_PAGE_SIZE"
        )
    size = min(page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    if not page_token:
        return PageRequest(size, "")
    try:
        decoded = json.loads(base64.urlsafe_b64decode(page_token.encode("ascii")))
        after, token_query = decoded["after"], decoded["query"]
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeError):
        raise InvalidArgument(
            [FieldViolation("page_token", "is not a token this service handed out")],
            "INVALID_PAGE_TOKEN",
        ) from None
    if token_query != query or not isinstance(after, str):
        raise InvalidArgument(
            [FieldViolation("page_token", "belongs to a list call with other parameters")],
            "INVALID_PAGE_TOKEN",
        )
    return PageRequest(size, after)


def next_page_token(last_id: str, query: str) -> str:
    data = json.dumps({"after": last_id, "query": query}, separators=(",", ":"))
    return base64.urlsafe_b64encode(data.encode()).decode("ascii")
