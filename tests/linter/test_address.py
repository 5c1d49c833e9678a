"""Parsing an address once: the local part's word tokens, the domain, the registrable part.

Token positions count code points in the e-mail field (`offset` is where the local part
starts), so rules can point at them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import Linter
from linter.address import (
    AddressParser,
    Domain,
    DomainReader,
    ParsedAddress,
    parse_address,
    token_source,
    tokenize_local_part,
)


@pytest.mark.parametrize(
    ("local", "tokens", "tag"),
    [
        pytest.param(
            "anna.svensson",
            [("anna", "anna", 0, 4), ("svensson", "svensson", 5, 13)],
            "",
            id="dot",
        ),
        pytest.param(
            "anna_svensson",
            [("anna", "anna", 0, 4), ("svensson", "svensson", 5, 13)],
            "",
            id="underscore",
        ),
        pytest.param(
            "anna-svensson",
            [("anna", "anna", 0, 4), ("svensson", "svensson", 5, 13)],
            "",
            id="hyphen",
        ),
        pytest.param("anna1987", [("anna", "anna", 0, 4)], "", id="trailing-digits-dropped"),
        pytest.param(
            "2anna.svensson",
            [("anna", "anna", 1, 5), ("svensson", "svensson", 6, 14)],
            "",
            id="leading-digit-dropped",
        ),
        pytest.param(
            "anna2svensson",
            [("anna", "anna", 0, 4), ("svensson", "svensson", 5, 13)],
            "",
            id="digit-separates-words",
        ),
        pytest.param("1234", [], "", id="digits-only"),
        pytest.param("", [], "", id="empty"),
        pytest.param(
            "anna.svensson+news",
            [("anna", "anna", 0, 4), ("svensson", "svensson", 5, 13)],
            "news",
            id="plus-tag",
        ),
        pytest.param("ekonomi+anna", [("ekonomi", "ekonomi", 0, 7)], "anna", id="name-in-tag"),
        pytest.param("a+b+c", [("a", "a", 0, 1)], "b+c", id="tag-keeps-later-plus"),
        pytest.param("+tag", [], "tag", id="tag-only"),
        pytest.param(
            "AnnaSvensson",
            [("Anna", "anna", 0, 4), ("Svensson", "svensson", 4, 12)],
            "",
            id="camel-case",
        ),
        pytest.param(
            "annaSvensson",
            [("anna", "anna", 0, 4), ("Svensson", "svensson", 4, 12)],
            "",
            id="lower-camel-case",
        ),
        pytest.param("ANNA", [("ANNA", "anna", 0, 4)], "", id="upper-case-stays-whole"),
        pytest.param(
            "ÅsaStröm",
            [("Åsa", "asa", 0, 3), ("Ström", "strom", 3, 8)],
            "",
            id="non-ascii-camel-case",
        ),
        pytest.param(
            "åsa.ström", [("åsa", "asa", 0, 3), ("ström", "strom", 4, 9)], "", id="non-ascii"
        ),
        pytest.param("иван", [("иван", "иван", 0, 4)], "", id="cyrillic"),
        pytest.param("张伟", [("张伟", "张伟", 0, 2)], "", id="chinese"),
    ],
)
def test_tokens_and_tag(local: str, tokens: list[tuple[str, str, int, int]], tag: str) -> None:
    found, found_tag = tokenize_local_part(local, 0)

    assert ([(t.text, t.word, t.start, t.end) for t in found], found_tag) == (tokens, tag)


def test_token_positions_shift_by_offset() -> None:
    tokens, _tag = tokenize_local_part("anna.svensson", 7)

    assert [(t.start, t.end) for t in tokens] == [(7, 11), (12, 20)]


def test_decomposed_letter_stays_inside_its_word() -> None:
    """`jürgen` typed with a combining diaeresis (NFD) is one word, not `ju` and `rgen`."""
    tokens, _tag = tokenize_local_part("ju\u0308rgen", 0)

    assert [(t.start, t.end) for t in tokens] == [(0, 7)]


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        pytest.param(
            "anna.svensson@kvarnbo.se",
            ParsedAddress("anna.svensson@kvarnbo.se", "anna.svensson", 0, "kvarnbo.se"),
            id="plain",
        ),
        pytest.param(
            "Anna@KVARNBO.SE",
            ParsedAddress("Anna@KVARNBO.SE", "Anna", 0, "kvarnbo.se"),
            id="domain-lower-cased-local-part-as-written",
        ),
        pytest.param(
            "anna@xn--strm-7qa.se",
            ParsedAddress("anna@xn--strm-7qa.se", "anna", 0, "ström.se"),
            id="punycode-domain-in-unicode",
        ),
        pytest.param(
            "åsa@STRÖM.SE",
            ParsedAddress("åsa@STRÖM.SE", "åsa", 0, "ström.se"),
            id="non-ascii",
        ),
    ],
)
def test_parse_address(email: str, expected: ParsedAddress) -> None:
    assert parse_address(email) == expected


def test_parse_address_gives_the_reason_for_an_invalid_address() -> None:
    assert parse_address("anna@kvarnbo") == (
        "The part after the @-sign is not valid. It should have a period."
    )


@pytest.mark.parametrize(
    ("email", "local_span", "domain_span"),
    [
        pytest.param("anna@kvarnbo.se", (0, 4), (5, 15), id="plain"),
        pytest.param("anna+x@KVARNBO.SE", (0, 6), (7, 17), id="tag-and-upper-case"),
        pytest.param("åsa@xn--strm-7qa.se", (0, 3), (4, 19), id="punycode-as-written"),
    ],
)
def test_spans_point_into_the_field(
    email: str, local_span: tuple[int, int], domain_span: tuple[int, int]
) -> None:
    parsed = parse_address(email)
    assert isinstance(parsed, ParsedAddress)

    assert (parsed.local_span, parsed.domain_span) == (local_span, domain_span)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("kvarnbo.se", Domain("kvarnbo.se", "kvarnbo.se", "se", "kvarnbo"), id="plain"),
        pytest.param(
            "a.b.kvarnbo.se",
            Domain("a.b.kvarnbo.se", "kvarnbo.se", "se", "kvarnbo"),
            id="subdomains",
        ),
        pytest.param(
            "mail.hotmail.co.uk",
            Domain("mail.hotmail.co.uk", "hotmail.co.uk", "co.uk", "hotmail"),
            id="two-label-suffix",
        ),
        pytest.param("ström.se", Domain("ström.se", "ström.se", "se", "ström"), id="unicode"),
        pytest.param(
            "localhost", Domain("localhost", "localhost", "", "localhost"), id="no-suffix"
        ),
    ],
)
def test_domain_reader_finds_the_registrable_domain(
    linter: Linter, name: str, expected: Domain
) -> None:
    reader: DomainReader = linter.finder.domain_reader

    assert reader.read(name) == expected


# Addresses built from parts that are plain, nearly plain, internationalised or not valid
# at all, so that AddressParser's paths (plain, part by part, whole) and their edges are
# reached, and its small caches are filled and emptied.
_parts = st.sampled_from(
    ["anna", "Anna.Svensson", "a..b", ".anna", "anna.", "per+tag", '"q u"', "åsa", "x" * 64,
     "x" * 65, "", "a@b", "kvarnbo.se", "KVARNBO.SE", "xn--kvrnbo-pua.se", "ab--c.se",
     "kvarnbo.local", "kvarnbo", "1.2.3.4", "[127.0.0.1]", "-kvarnbo.se", "kvärnbo.se",
     "a" * 63 + ".se", "a" * 64 + ".se", ("a" * 60 + ".") * 4 + "se", "björn.öberg",
     "Postmaster", "a\u0308sa", "anna\u037e", "anna larsson", "ÅKERLUND.se", "grünwald200.dk",
     "-åker.se", ("ö" * 60 + ".") * 4 + "se", "åker＠lund.se"]
)  # fmt: skip
_addresses = st.one_of(
    st.builds(lambda local, domain: f"{local}@{domain}", _parts, _parts),
    st.builds(lambda *parts: "@".join(parts), _parts, _parts, _parts),
    st.text(max_size=40),
)


@given(_addresses)
@settings(max_examples=400, deadline=None)
def test_address_parser_answers_as_parse_address(email: str) -> None:
    parser = AddressParser(size=16)

    first, again = parser.parse(email), parser.parse(email)  # the second from its caches

    assert first == again == parse_address(email)


@given(st.lists(_addresses, min_size=2, max_size=8))
@settings(max_examples=200, deadline=None)
def test_address_parser_with_small_caches_answers_as_parse_address(emails: list[str]) -> None:
    parser = AddressParser(size=2)

    answers = [parser.parse(email) for email in emails + emails]  # evicting as it goes

    assert answers == [parse_address(email) for email in emails + emails]


@pytest.mark.parametrize(
    ("local", "source"),
    [
        pytest.param("anna.svensson84", "anna.svensson", id="trailing-digits"),
        pytest.param("per+billing", "per", id="tag"),
        pytest.param("a.svensson_1+x.y", "a.svensson", id="digits-and-tag"),
        pytest.param("2024", "", id="no-letters"),
        pytest.param("björn.öberg84", "björn.öberg84", id="non-ascii-whole"),
    ],
)
def test_token_source_drops_what_gives_no_tokens(local: str, source: str) -> None:
    assert token_source(local) == source


@given(st.text(alphabet="aAbeEknNrsSvV.-_+0189", max_size=24), st.integers(0, 30))
@settings(max_examples=400, deadline=None)
def test_token_source_gives_the_same_tokens(local: str, offset: int) -> None:
    tokens, _tag = tokenize_local_part(local, offset)
    assert tokenize_local_part(token_source(local), offset)[0] == tokens
