"""E006 look-alike-characters: look-alike characters or mixed scripts before the @.

The span runs from the first to the last look-alike character in the field. Latin
letters with diacritics (`åsa.ström`) and local parts written wholly in another script
(`иван`) are genuine, not imitations."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from linter import Contact, Field, Linter, Severity
from linter.model import Span

CODE = "E006"
# The `located` fixture (conftest.py): (field, span, text covered) of each finding.
Locate = Callable[[str, Contact], list[tuple[Field, Span | None, str | None]]]


@pytest.mark.parametrize(
    ("email", "span", "covered"),
    [
        pytest.param("fіnance@kvarnbo.se", (1, 2), "і", id="cyrillic-i-in-finance"),
        pytest.param("ѕupport@kvarnbo.se", (0, 1), "ѕ", id="cyrillic-dze-in-support"),
        pytest.param("ѕеrvісе@kvarnbo.se", (0, 7), "ѕеrvісе", id="several-cyrillic"),
        pytest.param("раураl@kvarnbo.se", (0, 5), "раура", id="cyrillic-paypal"),
        pytest.param("асе@kvarnbo.se", (0, 3), "асе", id="all-cyrillic-look-alikes"),
        pytest.param("αnna@kvarnbo.se", (0, 1), "α", id="greek-alpha"),
        pytest.param("ｆｉｎａｎｃｅ@kvarnbo.se", (0, 7), "ｆｉｎａｎｃｅ", id="full-width-word"),
        pytest.param("ｅkonomi@kvarnbo.se", (0, 1), "ｅ", id="full-width-letter"),
        pytest.param("support１@kvarnbo.se", (7, 8), "１", id="full-width-digit"),
        pytest.param("ﬁnance@kvarnbo.se", (0, 1), "ﬁ", id="fi-ligature"),
        pytest.param("ekonomі+kvarnbo@kvarnbo.se", (6, 7), "і", id="look-alike-before-tag"),
        pytest.param("ѕupport@gmail.com", (0, 1), "ѕ", id="at-free-mail"),
    ],
)
def test_look_alike_is_flagged(located: Locate, email: str, span: Span, covered: str) -> None:
    assert located(CODE, Contact(email)) == [(Field.EMAIL, span, covered)]


@pytest.mark.parametrize(
    "email",
    [
        pytest.param("åsa.ström@kvarnbo.se", id="swedish-letters"),
        pytest.param("müller@bauwerk.de", id="german-umlaut"),
        pytest.param("søren.ørsted@firma.dk", id="danish-letters"),
        pytest.param("łukasz.nowak@firma.pl", id="polish-letters"),
        pytest.param("josé@empresa.es", id="accented-letter"),
        pytest.param("иван@kvarnbo.se", id="genuine-cyrillic"),
        pytest.param("ελενη@kvarnbo.se", id="genuine-greek"),
        pytest.param("张伟@kvarnbo.se", id="genuine-chinese"),
        pytest.param("finance@kvarnbo.se", id="ascii"),
        pytest.param("f1nance@kvarnbo.se", id="ascii-digit"),
        pytest.param("ekonomi@kvarnbо.se", id="look-alike-only-in-domain"),
        pytest.param("fіnance@@kvarnbo.se", id="invalid-address"),
    ],
)
def test_genuine_letters_are_not_flagged(located: Locate, email: str) -> None:
    assert located(CODE, Contact(email)) == []


def test_message_says_what_it_reads_as(linter: Linter) -> None:
    (finding,) = [f for f in linter.lint(Contact("fіnance@kvarnbo.se")).findings if f.rule == CODE]

    assert "reads as 'finance'" in finding.message


def test_look_alike_is_an_error(linter: Linter) -> None:
    (finding,) = [f for f in linter.lint(Contact("fіnance@kvarnbo.se")).findings if f.rule == CODE]

    assert finding.severity is Severity.ERROR
