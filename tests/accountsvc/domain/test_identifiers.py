"""Ids: 32 lower-case hex digits that sort in creation order and never repeat; etags."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from time import time_ns

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountsvc.domain.identifiers import IdSource, is_id

HEX = set("0123456789abcdef")


def test_an_id_is_32_lower_case_hex_digits() -> None:
    made = IdSource().new_id()
    assert (len(made), set(made) <= HEX) == (32, True)


def test_ids_sort_in_creation_order() -> None:
    ids = IdSource()
    made = [ids.new_id() for _ in range(5000)]
    assert sorted(made) == made


def test_ids_never_repeat() -> None:
    ids = IdSource()
    made = [ids.new_id() for _ in range(5000)]
    assert len(set(made)) == len(made)


def test_ids_made_in_one_millisecond_count_up_from_zero() -> None:
    ids = IdSource()
    counters: dict[str, list[int]] = {}
    for made in (ids.new_id() for _ in range(2000)):
        counters.setdefault(made[:12], []).append(int(made[12:16], 16))
    assert max(len(c) for c in counters.values()) > 1
    assert all(c == list(range(len(c))) for c in counters.values())


def test_an_id_starts_with_its_creation_time_in_milliseconds() -> None:
    before = time_ns() // 1_000_000
    made = IdSource().new_id()
    after = time_ns() // 1_000_000
    assert before <= int(made[:12], 16) <= after


def test_ids_made_on_many_threads_are_all_different() -> None:
    ids = IdSource()
    with ThreadPoolExecutor(max_workers=8) as pool:
        made = list(pool.map(lambda _: ids.new_id(), range(4000)))
    assert len(set(made)) == 4000


def test_ids_from_two_sources_are_different() -> None:
    assert IdSource().new_id() != IdSource().new_id()


def test_made_ids_are_ids() -> None:
    ids = IdSource()
    assert all(is_id(ids.new_id()) for _ in range(100))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0193a1b2c3d400008f3e2a1b4c5d6e7f", True),
        ("0" * 32, True),
        ("0193A1B2C3D400008F3E2A1B4C5D6E7F", False),
        ("0193a1b2c3d400008f3e2a1b4c5d6e7", False),
        ("0193a1b2c3d400008f3e2a1b4c5d6e7f0", False),
        ("0193a1b2c3d400008f3e2a1b4c5d6e7g", False),
        ("0193a1b2-c3d4-0000-8f3e-2a1b4c5d", False),
        ("", False),
        ("０" * 32, False),
    ],
    ids=[
        "id",
        "zeros",
        "upper-case",
        "31-digits",
        "33-digits",
        "not-hex",
        "hyphens",
        "empty",
        "full-width-digits",
    ],
)
def test_is_id_accepts_only_32_lower_case_hex_digits(text: str, expected: bool) -> None:
    assert is_id(text) is expected


@given(st.text())
def test_is_id_agrees_with_the_definition(text: str) -> None:
    assert is_id(text) is (len(text) == 32 and set(text) <= HEX)


def test_an_etag_is_16_hex_digits() -> None:
    etag = IdSource().new_etag()
    assert (len(etag), set(etag) <= HEX) == (16, True)


def test_etags_differ_between_calls() -> None:
    ids = IdSource()
    assert len({ids.new_etag() for _ in range(1000)}) == 1000
