"""E002 person-name-in-local-part: the part before the @ is a person's name.

Spans count code points in the e-mail field and cover the name, not digits or `+tags`."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from linter import Contact, Field, Linter
from linter.model import Span

CODE = "E002"
# The `located` fixture (conftest.py): (field, span, text covered) of each finding.
Locate = Callable[[str, Contact], list[tuple[Field, Span | None, str | None]]]
ZBIGNIEW = "Zbigniew Brzęczyszczykiewicz"


@pytest.mark.parametrize(
    ("contact", "span", "covered"),
    [
        pytest.param(
            Contact("anna.svensson@kvarnbo.se"), (0, 13), "anna.svensson", id="first.last"
        ),
        pytest.param(Contact("a.svensson@kvarnbo.se"), (0, 10), "a.svensson", id="f.last"),
        pytest.param(Contact("asvensson@kvarnbo.se"), (0, 9), "asvensson", id="flast"),
        pytest.param(Contact("annasvensson@kvarnbo.se"), (0, 12), "annasvensson", id="firstlast"),
        pytest.param(
            Contact("anna_svensson@kvarnbo.se"), (0, 13), "anna_svensson", id="first_last"
        ),
        pytest.param(
            Contact("anna-svensson@kvarnbo.se"), (0, 13), "anna-svensson", id="first-last"
        ),
        pytest.param(
            Contact("svensson.anna@kvarnbo.se"), (0, 13), "svensson.anna", id="last.first"
        ),
        pytest.param(Contact("anna.s@kvarnbo.se"), (0, 6), "anna.s", id="first.l"),
        pytest.param(Contact("anna@kvarnbo.se"), (0, 4), "anna", id="first"),
        pytest.param(Contact("AnnaSvensson@kvarnbo.se"), (0, 12), "AnnaSvensson", id="camel-case"),
        pytest.param(
            Contact("ANNA.SVENSSON@KVARNBO.SE"), (0, 13), "ANNA.SVENSSON", id="upper-case"
        ),
        pytest.param(
            Contact("anna.svensson2@kvarnbo.se"), (0, 13), "anna.svensson", id="trailing-digit"
        ),
        pytest.param(
            Contact("2anna.svensson@kvarnbo.se"), (1, 14), "anna.svensson", id="leading-digit"
        ),
        pytest.param(Contact("anna1987@hotmail.se"), (0, 4), "anna", id="birth-year"),
        pytest.param(
            Contact("anna.svensson+faktura@kvarnbo.se"), (0, 13), "anna.svensson", id="plus-tag"
        ),
        pytest.param(Contact("åsa.ström@kvarnbo.se"), (0, 9), "åsa.ström", id="nordic-letters"),
        pytest.param(Contact("asa.strom@kvarnbo.se"), (0, 9), "asa.strom", id="nordic-plain"),
        pytest.param(
            Contact("aasa.stroem@kvarnbo.se"), (0, 11), "aasa.stroem", id="nordic-expanded"
        ),
        pytest.param(
            Contact("jurgen.mueller@bauwerk.de"), (0, 14), "jurgen.mueller", id="german-ue"
        ),
        pytest.param(
            Contact("jürgen.müller@bauwerk.de"), (0, 13), "jürgen.müller", id="german-umlaut"
        ),
        pytest.param(
            Contact("lars-erik.johansson@kvarnbo.se"),
            (0, 19),
            "lars-erik.johansson",
            id="double-first-name",
        ),
        pytest.param(
            Contact("jan.van.der.berg@kvarnbo.nl"), (0, 16), "jan.van.der.berg", id="particles"
        ),
        pytest.param(
            Contact("anna.lindqvist@kvarnbo.se"),
            (0, 14),
            "anna.lindqvist",
            id="first-name-and-surname-ending",
        ),
        pytest.param(Contact("per.ekonomi@kvarnbo.se"), (0, 3), "per", id="name-beside-role"),
        pytest.param(Contact("support.anna@kvarnbo.se"), (8, 12), "anna", id="role-beside-name"),
        pytest.param(
            Contact("z.brzeczyszczykiewicz@kvarnbo.se", name=ZBIGNIEW),
            (0, 21),
            "z.brzeczyszczykiewicz",
            id="initial-and-unlisted-surname",
        ),
        pytest.param(
            Contact("zbrzeczyszczykiewicz@kvarnbo.se", name=ZBIGNIEW),
            (0, 20),
            "zbrzeczyszczykiewicz",
            id="contact-name-joined",
        ),
        pytest.param(
            Contact("brzeczyszczykiewicz@kvarnbo.se", name=ZBIGNIEW),
            (0, 19),
            "brzeczyszczykiewicz",
            id="contact-name-surname-only",
        ),
        pytest.param(
            Contact("аnna.svensson@kvarnbo.se"),
            (0, 13),
            "аnna.svensson",
            id="look-alike-still-names-a-person",
        ),
        pytest.param(
            Contact("İаnna.svensson@kvarnbo.se"),
            (0, 14),
            "İаnna.svensson",
            id="look-alike-whose-lower-case-is-longer",
        ),
        pytest.param(
            Contact("mu\u0308ller@bauwerk.de"),
            (0, 7),
            "mu\u0308ller",
            id="decomposed-umlaut-nfd",
        ),
    ],
)
def test_person_name_in_local_part_is_flagged(
    located: Locate, contact: Contact, span: Span, covered: str
) -> None:
    assert located(CODE, contact) == [(Field.EMAIL, span, covered)]


@pytest.mark.parametrize(
    "contact",
    [
        pytest.param(Contact("ekonomi@kvarnbo.se"), id="swedish-role"),
        pytest.param(Contact("finance@ericsson.com"), id="english-role"),
        pytest.param(Contact("buchhaltung@bauwerk.de"), id="german-role"),
        pytest.param(Contact("it.support@kvarnbo.se"), id="two-role-words"),
        pytest.param(Contact("itsupport@kvarnbo.se"), id="joined-role-words"),
        pytest.param(Contact("ekonomiavdelningen@kvarnbo.se"), id="role-and-unit-word"),
        pytest.param(Contact("drift2@kvarnbo.se"), id="role-with-digit"),
        pytest.param(Contact("noreply@kvarnbo.se"), id="no-reply"),
        pytest.param(Contact("ekonomi+anna@kvarnbo.se"), id="name-only-in-plus-tag"),
        pytest.param(Contact("lon@kvarnbo.se"), id="role-word-that-is-also-a-name"),
        pytest.param(Contact("kvarnbo.ekonomi@gmail.com"), id="company-and-role"),
        pytest.param(Contact("xyzzy@kvarnbo.se"), id="unknown-word"),
        pytest.param(Contact("1234@kvarnbo.se"), id="digits-only"),
        pytest.param(Contact("fіnance@kvarnbo.se"), id="look-alike-role"),
        pytest.param(Contact("anna..svensson@kvarnbo.se"), id="invalid-address"),
        pytest.param(
            Contact("ekonomi@kvarnbo.se", name="Anna Svensson"), id="role-with-personal-name"
        ),
        pytest.param(
            Contact("ekonomi@kvarnbo.se", name="Ekonomi Svensson"),
            id="role-word-in-contact-name",
        ),
        pytest.param(
            Contact("zbrzeczyszczykiewicz@kvarnbo.se"), id="unlisted-name-without-contact-name"
        ),
    ],
)
def test_role_or_unclear_local_part_is_not_flagged(located: Locate, contact: Contact) -> None:
    assert located(CODE, contact) == []


@pytest.mark.parametrize(
    ("email", "pattern"),
    [
        pytest.param("anna.svensson@kvarnbo.se", "first.last", id="first.last"),
        pytest.param("a.svensson@kvarnbo.se", "f.last", id="f.last"),
        pytest.param("asvensson@kvarnbo.se", "flast", id="flast"),
        pytest.param("annasvensson@kvarnbo.se", "firstlast", id="firstlast"),
        pytest.param("svensson.anna@kvarnbo.se", "last.first", id="last.first"),
        pytest.param("anna.s@kvarnbo.se", "first.l", id="first.l"),
        pytest.param("anna@kvarnbo.se", "first", id="first"),
    ],
)
def test_message_names_the_pattern(linter: Linter, email: str, pattern: str) -> None:
    (finding,) = [f for f in linter.lint(Contact(email)).findings if f.rule == CODE]

    assert f"reads as a person's name ({pattern})" in finding.message


def test_message_says_when_the_contact_name_matched(linter: Linter) -> None:
    contact = Contact("zbrzeczyszczykiewicz@kvarnbo.se", name=ZBIGNIEW)

    (finding,) = [f for f in linter.lint(contact).findings if f.rule == CODE]

    assert "matches the contact's name" in finding.message
