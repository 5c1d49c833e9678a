"""Page sizes and page tokens: a token carries where the next page starts and the query it
belongs to, and nothing else is accepted as a token."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountsvc.domain.errors import FieldViolation, InvalidArgument
from accountsvc.domain.pagination import PageRequest, next_page_token, page_request

ACCOUNT_ID = "0193a1b2c3d400008f3e2a1b4c5d6e7f"


def token_of(data: str) -> str:
    return base64.urlsafe_b64encode(data.encode()).decode("ascii")


# Page sizes.


def test_no_page_size_means_50() -> None:
    assert page_request(0, "", "state=") == PageRequest(50, "")


@pytest.mark.parametrize(
    ("page_size", "expected"),
    [(1, 1), (50, 50), (999, 999), (1000, 1000), (1001, 1000), (1_000_000, 1000)],
    ids=["one", "default-value", "below-cap", "cap", "just-over-cap", "far-over-cap"],
)
def test_page_size_is_capped_at_1000(page_size: int, expected: int) -> None:
    assert page_request(page_size, "", "state=").size == expected


def test_a_negative_page_size_is_refused_on_page_size() -> None:
    with pytest.raises(InvalidArgument) as refused:
        page_request(-1, "", "state=")
    assert refused.value.violations == (FieldViolation("page_size", "must not be negative"),)
    assert refused.value.reason == "INVALID_PAGE_SIZE"


def test_no_token_starts_at_the_beginning() -> None:
    assert page_request(10, "", "state=active").after_id == ""


# Tokens.


def test_a_token_returns_the_id_to_start_after() -> None:
    token = next_page_token(ACCOUNT_ID, "state=active")
    assert page_request(10, token, "state=active") == PageRequest(10, ACCOUNT_ID)


@given(after=st.text(), query=st.text(), size=st.integers(min_value=1, max_value=1000))
def test_every_token_round_trips_to_its_id(after: str, query: str, size: int) -> None:
    assert page_request(size, next_page_token(after, query), query) == PageRequest(size, after)


def test_a_token_is_url_safe_ascii() -> None:
    token = next_page_token("ÅÄÖ/+?", "parent=accounts/ÅÄÖ")
    assert token.isascii()
    assert not set(token) & {"+", "/"}


def test_a_token_of_another_query_is_refused() -> None:
    token = next_page_token(ACCOUNT_ID, "state=active")
    with pytest.raises(InvalidArgument) as refused:
        page_request(10, token, "state=closed")
    assert refused.value.violations == (
        FieldViolation("page_token", "belongs to a list call with other parameters"),
    )
    assert refused.value.reason == "INVALID_PAGE_TOKEN"


@given(query=st.text(), other=st.text())
def test_a_token_is_only_accepted_by_its_own_query(query: str, other: str) -> None:
    token = next_page_token(ACCOUNT_ID, query)
    if other == query:
        assert page_request(10, token, other).after_id == ACCOUNT_ID
    else:
        with pytest.raises(InvalidArgument):
            page_request(10, token, other)


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        "!!!!",
        "abc",
        "ÅÄÖ",
        token_of("not json"),
        token_of("[]"),
        token_of('"after"'),
        token_of("42"),
        token_of('{"after": "x"}'),
        token_of('{"query": "state="}'),
        base64.urlsafe_b64encode(b"\xff\xfe\xfd").decode("ascii"),
    ],
    ids=[
        "word",
        "punctuation",
        "bad-padding",
        "non-ascii",
        "not-json",
        "json-list",
        "json-string",
        "json-number",
        "no-query",
        "no-after",
        "not-utf8",
    ],
)
def test_a_token_this_service_did_not_hand_out_is_refused_on_page_token(token: str) -> None:
    with pytest.raises(InvalidArgument) as refused:
        page_request(10, token, "state=")
    assert refused.value.violations == (
        FieldViolation("page_token", "is not a token this service handed out"),
    )
    assert refused.value.reason == "INVALID_PAGE_TOKEN"


def test_a_token_whose_id_is_not_text_is_refused() -> None:
    with pytest.raises(InvalidArgument) as refused:
        page_request(10, token_of('{"after": 7, "query": "state="}'), "state=")
    assert [v.field for v in refused.value.violations] == ["page_token"]


@given(st.text(min_size=1))
def test_any_text_as_a_token_is_accepted_or_refused_on_page_token(token: str) -> None:
    try:
        page_request(10, token, "state=")
    except InvalidArgument as refused:
        assert [v.field for v in refused.violations] == ["page_token"]
        assert refused.reason == "INVALID_PAGE_TOKEN"
