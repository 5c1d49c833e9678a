"""A001 attention-line-names-person: an attention line in the postal address names a person.

An attention line starts a line of the address (after a newline, a comma or a
semicolon) with a marker (`Att:`, `c/o`, `z. Hd.`, `t.a.v.`, `FAO` ...). The span covers
the person's name after the marker."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import Contact, Field, Linter
from linter.model import Span
from linter.rules.attention_line import AttentionLine

CODE = "A001"
# The `located` fixture (conftest.py): (field, span, text covered) of each finding.
Locate = Callable[[str, Contact], list[tuple[Field, Span | None, str | None]]]


@pytest.mark.parametrize(
    ("address", "span", "covered"),
    [
        pytest.param(
            "Att: Anna Svensson, Storgatan 1, 111 22 Stockholm",
            (5, 18),
            "Anna Svensson",
            id="swedish-att",
        ),
        pytest.param(
            "Kvarnbo AB\nc/o Lars Nilsson\nStorgatan 1", (15, 27), "Lars Nilsson", id="care-of-line"
        ),
        pytest.param(
            "Bauwerk GmbH\nz. Hd. Jürgen Müller\nHauptstr. 5",
            (20, 33),
            "Jürgen Müller",
            id="german-z-hd",
        ),
        pytest.param(
            "t.a.v. Jan de Vries, Keizersgracht 1", (7, 19), "Jan de Vries", id="dutch-tav"
        ),
        pytest.param("Attn: John Smith", (6, 16), "John Smith", id="english-attn"),
        pytest.param("FAO Peter Parker", (4, 16), "Peter Parker", id="english-fao"),
        pytest.param("ATT: ANNA SVENSSON", (5, 18), "ANNA SVENSSON", id="upper-case"),
        pytest.param("Attention: Dr. Hans Weber", (15, 25), "Hans Weber", id="title-outside-span"),
        pytest.param(
            "Storgatan 1, att: Anna Svensson",
            (18, 31),
            "Anna Svensson",
            id="after-a-comma",
        ),
        pytest.param(
            "Att: Ekonomi, Anna Svensson", (14, 27), "Anna Svensson", id="unit-then-person"
        ),
        pytest.param("Att: Okonkwo Adebayo", (5, 20), "Okonkwo Adebayo", id="unlisted-recipient"),
        pytest.param(
            "À l'attention de Marie Dubois, 1 rue de la Paix",
            (17, 29),
            "Marie Dubois",
            id="french",
        ),
        pytest.param(
            "Attn: Mary Jones; 5 High St", (6, 16), "Mary Jones", id="semicolon-ends-line"
        ),
    ],
)
def test_attention_line_naming_a_person_is_flagged(
    located: Locate, address: str, span: Span, covered: str
) -> None:
    assert located(CODE, Contact("ekonomi@kvarnbo.se", address=address)) == [
        (Field.ADDRESS, span, covered)
    ]


def test_each_attention_line_is_flagged(located: Locate) -> None:
    contact = Contact("ekonomi@kvarnbo.se", address="Att: Anna Svensson\nAtt: Lars Nilsson")

    assert located(CODE, contact) == [
        (Field.ADDRESS, (5, 18), "Anna Svensson"),
        (Field.ADDRESS, (24, 36), "Lars Nilsson"),
    ]


@pytest.mark.parametrize(
    "address",
    [
        pytest.param("", id="no-address"),
        pytest.param("Att: Ekonomi, Storgatan 1, 111 22 Stockholm", id="att-function"),
        pytest.param("z.Hd. Buchhaltung, Hauptstr. 5", id="german-function"),
        pytest.param("Attn: Accounts Payable, 1 Main St", id="english-function"),
        pytest.param("c/o Acme AB", id="care-of-company"),
        pytest.param("c/o Svensson & Co, Storgatan 1", id="care-of-company-with-surname"),
        pytest.param("c/o Kvarnbo AB, Att: Ekonomi", id="company-then-function"),
        pytest.param("Storgatan 1, 111 22 Stockholm", id="no-attention-line"),
        pytest.param("Anna Svensson, Storgatan 1", id="name-without-marker"),
        pytest.param("Attila Nagy, Storgatan 1", id="marker-only-as-prefix-of-a-word"),
        pytest.param("Att:", id="marker-alone"),
        pytest.param("Attn:   ", id="marker-and-spaces"),
    ],
)
def test_address_without_a_named_person_is_not_flagged(located: Locate, address: str) -> None:
    assert located(CODE, Contact("ekonomi@kvarnbo.se", address=address)) == []


@pytest.mark.parametrize(
    ("address", "instead"),
    [
        pytest.param("z. Hd. Jürgen Müller", "z. Hd. Buchhaltung", id="german"),
        pytest.param("t.a.v. Jan de Vries", "t.a.v. Boekhouding", id="dutch"),
        pytest.param("FAO Peter Parker", "Attn: Accounts Payable", id="english"),
    ],
)
def test_message_suggests_a_function_in_the_markers_language(
    linter: Linter, address: str, instead: str
) -> None:
    contact = Contact("ekonomi@kvarnbo.se", address=address)

    (finding,) = [f for f in linter.lint(contact).findings if f.rule == CODE]

    assert finding.message.endswith(f"for example '{instead}'")


def test_particle_before_a_title_is_not_part_of_the_name(linter: Linter) -> None:
    address = "t.a.v. de heer Jan de Vries, Dorpsstraat 1, 3011 AD Rotterdam"
    result = linter.lint(Contact("ekonomi@kvarnbo.nl", address=address))
    (finding,) = [f for f in result.findings if f.rule == CODE]
    assert finding.span is not None
    assert address[finding.span[0] : finding.span[1]] == "Jan de Vries"


_WORDS = ("Att: ", "ATTN ", "c/o ", "z. Hd. ", "Anna Svensson", "Ekonomi", "Storgatan 1", "att")
_ADDRESS_PIECES = st.sampled_from([*_WORDS, " ", "\n", ",", ";", "\t", ":"])


@given(st.lists(_ADDRESS_PIECES, max_size=12).map("".join))
@settings(max_examples=300, deadline=None)
def test_attention_lines_are_those_one_pattern_finds_at_each_line_start(
    linter: Linter, address: str
) -> None:
    # The rule searches separator by separator; a single search for a marker at the start
    # or after a newline, comma or semicolon says where the lines are.
    (rule,) = [r for r in linter.rules if isinstance(r, AttentionLine)]
    at_line_start = re.compile(r"(?:^|(?<=[\n,;]))" + rule.marker_at_start.pattern, re.I)

    found = [(m.span("marker"), m.span("rest")) for m in rule._attention_lines(address)]

    assert found == [(m.span("marker"), m.span("rest")) for m in at_line_start.finditer(address)]
