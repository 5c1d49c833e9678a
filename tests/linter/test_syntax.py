"""The syntax check gives email-validator's verdict, whichever path it takes.

`check_syntax` answers plain ASCII addresses itself, checks an address that
email-validator splits at its one @ part by part with email-validator's part checks, and
hands everything else to email-validator whole; the property is that it never disagrees
with email-validator (`check_deliverability=False`) on whether an address is valid, on
the message saying why not, nor on its domain."""

from __future__ import annotations

import string
import sys
import unicodedata
from functools import lru_cache

import pytest
from email_validator import EmailNotValidError, ValidatedEmail, validate_email
from email_validator.syntax import split_email
from hypothesis import example, given, settings
from hypothesis import strategies as st

from linter.syntax import (
    SyntaxCheck,
    check_by_parts,
    check_domain_part,
    check_local_part,
    check_syntax,
    split_address,
)

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


# Letters of the Nordic and German addresses of a customer base, and the characters that
# change where email-validator splits an address or what NFC makes of it.
LETTERS = "abdeiklnoprstuvåäöøæüßéABKLNPÅÄÖØÆÜ"
MARKS = "\u0308\u030a"  # combining diaeresis and ring above: `a` + U+030A is `å`
NFC_CHANGED = "\u212b\u037e"  # the Ångström sign is `Å` and the Greek question mark `;`
SEPARATORS = ".-+ "
SPLITTERS = '@"<>＠\\[]'
PART_ALPHABET = LETTERS + string.digits + MARKS + NFC_CHANGED + SEPARATORS
# A label with one non-ASCII letter is longer in its IDNA form than in UTF-8.
IDNA_LONGER_LABEL = "kvarnbo" * 7 + "ö"
IDNA_LONGER_DOMAIN = ".".join([IDNA_LONGER_LABEL] * 3) + ".se"

nordic_text = st.text(alphabet=PART_ALPHABET, max_size=24)
long_local_parts = st.builds(
    lambda letter, n: letter * n, st.sampled_from("aåö"), st.integers(60, 200)
)
long_labels = st.builds(
    lambda n, letter: "k" * n + letter, st.integers(20, 62), st.sampled_from("öåx")
)
nordic_domains = st.one_of(
    st.builds(lambda name, top: name + top, nordic_text, st.sampled_from([".se", ".de", ""])),
    st.lists(long_labels, min_size=1, max_size=4).map(lambda labels: ".".join([*labels, "se"])),
)
nordic_local_parts = st.one_of(nordic_text, long_local_parts)
nordic_addresses = st.one_of(
    st.text(alphabet=PART_ALPHABET + SPLITTERS, max_size=40),
    st.builds("{}@{}".format, nordic_local_parts, nordic_domains),
    st.builds('"{}"@{}'.format, nordic_local_parts, nordic_domains),
    st.builds("{} <{}@{}>".format, nordic_text, nordic_local_parts, nordic_domains),
)


def expected_answer(email: str) -> tuple[str | None, str, str]:
    """email-validator's message for an invalid address, or the normalised domain and its
    IDNA form for a valid one."""
    try:
        valid = validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        return (str(error), "", "")
    return (None, valid.domain, valid.ascii_domain)


def answer(checked: SyntaxCheck) -> tuple[str | None, str, str]:
    return (checked.error, checked.domain, checked.ascii_domain)


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


@settings(max_examples=500, deadline=None)
@given(st.one_of(nordic_addresses, addresses))
@example("björn.öberg@åkerlund146.com")
@example("billing@grünwald200.dk")
@example("per..pedersen@x.dk")
@example("mikael.@ekholm155.no")
@example("ingrid larsson@waldhof205.de")
@example("troels.wallin@-skarvik29.co.uk")
@example("karin@strandvej195")
@example("a@b@c.se")
@example("karin.strandvej195.se")
@example("a\u030asa@\u0308kvarnbo.se")
@example("a" * 77 + "@" + IDNA_LONGER_DOMAIN)
@example("a" * 78 + "@" + IDNA_LONGER_DOMAIN)
@example("Anna Larsson <anna@kvarnbo.se>")
@example('"anna larsson"@kvarnbo.se')
def test_answers_as_email_validator(email: str) -> None:
    assert answer(check_syntax(email)) == expected_answer(email)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(nordic_addresses, addresses), min_size=2, max_size=8))
def test_cached_part_checks_answer_as_email_validator(emails: list[str]) -> None:
    local_part_of = lru_cache(maxsize=2)(check_local_part)
    domain_part_of = lru_cache(maxsize=2)(check_domain_part)

    answers = [answer(check_by_parts(e, local_part_of, domain_part_of)) for e in emails * 2]

    assert answers == [expected_answer(email) for email in emails * 2]


@settings(max_examples=500, deadline=None)
@given(st.one_of(nordic_addresses, addresses))
@example("anna@\u0308kvarnbo.se")
@example("anna\\@kvarnbo.se")
def test_split_address_splits_where_email_validator_does(email: str) -> None:
    parts = split_address(email)
    if parts is None:
        return
    local, domain = parts

    assert split_email(email) == (None, local, local, False, domain)


@settings(max_examples=300, deadline=None)
@given(st.one_of(nordic_addresses, addresses))
@example("Postmaster@kvarnbo.se")
@example("a\u0308sa@kvarnbo.se")
def test_local_part_check_normalises_as_email_validator(email: str) -> None:
    parts = split_address(email)
    validated = reference(email)
    if parts is None or validated is None:
        return

    checked = check_local_part(parts[0])

    assert checked == (None, validated.local_part, validated.ascii_local_part)


def test_no_character_composes_with_the_at_sign() -> None:
    """NFC composes a character with what follows only into a character that decomposes
    to it: none decomposes to an @ and more, so email-validator splits at any @ it meets
    outside quotes."""
    composing = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.decomposition(chr(code)).split(" ")[0] == "0040"
    ]

    assert (composing, unicodedata.decomposition("@"), unicodedata.combining("@")) == ([], "", 0)


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        pytest.param(
            "a\u0308sa@kvarnbo.se", (None, "kvarnbo.se", "kvarnbo.se"), id="nfc-changes-local-part"
        ),
        pytest.param(
            "anna\u037e@kvarnbo.se",
            ("After Unicode normalization: The email address contains invalid characters "
             "before the @-sign: ';'.", "", ""),
            id="local-part-invalid-only-after-nfc",
        ),
        pytest.param(
            "Postmaster@ÅKER.se", (None, "åker.se", "xn--ker-tla.se"), id="case-insensitive-name"
        ),
        pytest.param(
            "a" * 78 + "@" + IDNA_LONGER_DOMAIN,
            ("The email address is too long when the part after the @-sign is converted to "
             "IDNA ASCII (1 byte too many).", "", ""),
            id="too-long-only-in-idna-form",
        ),
        pytest.param(
            "a" * 184 + "@istanbul" + "İ" * 20 + ".se",
            ("The email address is too long after normalization (2 bytes too many).", "", ""),
            id="too-long-only-after-normalization",
        ),
        pytest.param(
            "anna@", ("There must be something after the @-sign.", "", ""), id="empty-domain"
        ),
        pytest.param(
            "per..pedersen@-skarvik29.dk",
            ("An email address cannot have two periods in a row.", "", ""),
            id="local-part-error-before-domain-error",
        ),
        pytest.param(
            "anna@[127.0.0.1]",
            ("A bracketed IP address after the @-sign is not allowed here.", "", ""),
            id="domain-literal",
        ),
        pytest.param(
            "per..pedersen@[127.0.0.1]",
            ("An email address cannot have two periods in a row.", "", ""),
            id="local-part-error-before-domain-literal",
        ),
        pytest.param(
            "a@b@c.se",
            ("The part after the @-sign contains invalid characters: '@'.", "", ""),
            id="two-at-signs",
        ),
        pytest.param(
            '"anna larsson"@kvarnbo.se',
            ("Quoting the part before the @-sign is not allowed here.", "", ""),
            id="quoted-local-part",
        ),
    ],
)  # fmt: skip
def test_tricky_address(email: str, expected: tuple[str | None, str, str]) -> None:
    assert answer(check_syntax(email)) == expected == expected_answer(email)


@pytest.mark.parametrize(
    ("email", "parts"),
    [
        pytest.param("björn.öberg@åker146.com", ("björn.öberg", "åker146.com"), id="one-at"),
        pytest.param("anna@", ("anna", ""), id="empty-domain"),
        pytest.param("karin.strandvej195.se", None, id="no-at"),
        pytest.param("a@b@c.se", None, id="two-at-signs"),
        pytest.param('"a@b"@kvarnbo.se', None, id="quoted-local-part"),
        pytest.param("Anna <anna@kvarnbo.se>", None, id="display-name"),
        pytest.param("anna@[127.0.0.1]", None, id="domain-literal"),
    ],
)  # fmt: skip
def test_split_address_leaves_to_email_validator_what_it_splits_otherwise(
    email: str, parts: tuple[str, str] | None
) -> None:
    assert split_address(email) == parts
