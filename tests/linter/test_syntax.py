"""The syntax check gives email-validator's verdict, fast path or not.

`check_syntax` answers plain ASCII addresses itself and hands everything else to
email-validator; the property is that it never disagrees with email-validator
(`check_deliverability=False`) on whether an address is valid, nor on its domain."""

from __future__ import annotations

import string

import pytest
from email_validator import EmailNotValidError, ValidatedEmail, validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st

from linter.syntax import check_syntax

ATEXT = string.ascii_letters + string.digits + "!#$%&'*+/=?^_`{|}~-"
NON_ASCII = "åäöøæüéñßłıİиαｆ张"
ODD_LOCAL_PARTS = ["", ".anna", "anna.", "anna..svensson", '"anna svensson"', "anna svensson",
                   "ANNA.SVENSSON", "(comment)anna", "anna\\@x"]  # fmt: skip
ODD_LABELS = ["xn--strm-7qa", "xn--p1ai", "xn--a", "xn--", "XN--STRM-7QA", "ab--cd", "a--b",
              "a-", "-a", "", "ström", "İstanbul", "ＫＶＡＲＮＢＯ", "KVARNBO", "k_b", "123",
              "k" * 63, "k" * 64]  # fmt: skip
TOP_LABELS = ["se", "com", "co.uk", "SE", "museum", "xn--p1ai", "test", "local", "localhost",
              "onion", "arpa", "invalid", "example", "123", "1c", "c1", "s", "a-b",
              "b-"]  # fmt: skip


def reference(email: str) -> ValidatedEmail | None:
    """email-validator's answer: the validated address, or None when it is invalid."""
    try:
        return validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return None


def address_of_length(length: int) -> str:
    """A plain ASCII address exactly `length` characters long, its labels at most 63."""
    local = "anna.svensson"
    room = length - len(local) - 1 - len(".se")
    labels = []
    while room > 0:
        size = min(63, room)
        if room - size == 1:  # one character would be left for a dot and no label
            size -= 2
        labels.append("k" * size)
        room -= size + 1
    return f"{local}@{'.'.join(labels)}.se"


atoms = st.text(alphabet=ATEXT, min_size=1, max_size=12)
non_ascii_atoms = st.text(alphabet=ATEXT + NON_ASCII, min_size=1, max_size=10)
local_parts = st.one_of(
    st.lists(atoms, min_size=1, max_size=4).map(".".join),
    st.lists(non_ascii_atoms, min_size=1, max_size=3).map(".".join),
    st.sampled_from(ODD_LOCAL_PARTS),
    st.integers(60, 70).map(lambda n: "a" * n),
)
labels = st.one_of(
    st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True),
    st.sampled_from(ODD_LABELS),
    st.integers(60, 66).map(lambda n: "k" * n),
)
top_labels = st.one_of(
    st.sampled_from(TOP_LABELS),
    labels,
)
domains = st.builds(
    lambda inner, top, end: ".".join([*inner, top]) + end,
    st.lists(labels, max_size=3),
    top_labels,
    st.sampled_from(["", "", "", "."]),
)
addresses = st.one_of(
    st.builds(lambda local, domain: f"{local}@{domain}", local_parts, domains),
    st.integers(240, 260).map(address_of_length),
    st.text(max_size=40),
)


@settings(max_examples=400, deadline=None)
@given(addresses)
@example("a" * 64 + "@kvarnbo.se")
@example("anna@" + "k" * 63 + ".se")
@example("anna@" + "k" * 64 + ".se")
@example(address_of_length(254))
@example(address_of_length(255))
@example("anna@xn--strm-7qa.se")
@example("anna@ab--cd.se")
@example("anna@kvarnbo.test")
@example("anna@kvarnbo.123")
@example("anna@kvarnbo.se.")
@example("ANNA@KVARNBO.SE")
def test_valid_exactly_when_email_validator_says_so(email: str) -> None:
    assert (check_syntax(email).error is None) == (reference(email) is not None)


@settings(max_examples=300, deadline=None)
@given(addresses)
@example("ANNA@KVARNBO.SE")
@example("anna@xn--strm-7qa.se")
@example("anna@STRÖM.se")
def test_valid_address_has_email_validators_domain(email: str) -> None:
    validated = reference(email)
    checked = check_syntax(email)
    if validated is None:
        return
    assert (checked.domain, checked.ascii_domain) == (validated.domain, validated.ascii_domain)


@pytest.mark.parametrize(
    ("email", "valid"),
    [
        pytest.param("anna@" + "k" * 63 + ".se", True, id="63-character-label"),
        pytest.param("anna@" + "k" * 64 + ".se", False, id="64-character-label"),
        pytest.param(address_of_length(254), True, id="254-characters"),
        pytest.param(address_of_length(255), False, id="255-characters"),
        pytest.param("a" * 64 + "@kvarnbo.se", True, id="64-character-local-part"),
        pytest.param("anna@xn--strm-7qa.se", True, id="punycode-label"),
        pytest.param("anna@xn--a.se", False, id="invalid-punycode-label"),
        pytest.param("anna@ab--cd.se", False, id="hyphens-in-third-and-fourth-place"),
        pytest.param("anna@kvarnbo.test", False, id="special-use-test"),
        pytest.param("anna@printer.local", False, id="special-use-local"),
        pytest.param("anna@kvarnbo.123", False, id="numeric-top-level-domain"),
        pytest.param("anna@kvarnbo.1c", True, id="top-level-domain-ending-in-a-letter"),
        pytest.param("anna@kvarnbo.se.", False, id="trailing-dot"),
        pytest.param("ANNA@KVARNBO.SE", True, id="upper-case"),
        pytest.param("åsa@ström.se", True, id="non-ascii"),
    ],
)
def test_edge_case_verdict(email: str, valid: bool) -> None:
    assert (check_syntax(email).error is None, reference(email) is not None) == (valid, valid)


def test_address_of_length_builds_the_length_asked_for() -> None:
    assert [len(address_of_length(n)) for n in (240, 253, 254, 255, 260)] == [
        240, 253, 254, 255, 260,
    ]  # fmt: skip


def test_valid_address_keeps_the_local_part_as_written() -> None:
    checked = check_syntax("Anna.Svensson@KVARNBO.SE")

    assert (checked.local, checked.domain) == ("Anna.Svensson", "kvarnbo.se")
