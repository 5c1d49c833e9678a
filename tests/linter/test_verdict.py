"""The verdict about an e-mail address, judged from the facts alone (no rules involved)."""

from __future__ import annotations

import pytest

from linter import Contact, Linter, Verdict
from linter.config import LintConfig
from linter.verdict import judge


def verdict_of(linter: Linter, contact: Contact) -> Verdict:
    return judge(linter.finder.facts(contact))


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        pytest.param("fіnance@kvarnbo.se", Verdict.UNKNOWN, id="cyrillic-i-imitating-role"),
        pytest.param("ｅkonomi@kvarnbo.se", Verdict.UNKNOWN, id="full-width-imitating-role"),
        pytest.param("ﬁnance@kvarnbo.se", Verdict.UNKNOWN, id="ligature-imitating-role"),
        pytest.param("аnna@kvarnbo.se", Verdict.PERSONAL, id="look-alike-of-a-name"),
    ],
)
def test_look_alike_is_never_a_role(linter: Linter, email: str, expected: Verdict) -> None:
    assert verdict_of(linter, Contact(email)) is expected


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        pytest.param("info@gmail.com", Verdict.ROLE, id="role-word"),
        pytest.param("kvarnbo.ekonomi@gmail.com", Verdict.ROLE, id="company-and-role-word"),
        pytest.param("faktura@telia.com", Verdict.ROLE, id="role-word-at-isp"),
        pytest.param("xyzzy@gmail.com", Verdict.PERSONAL, id="unknown-word"),
        pytest.param("1234@gmail.com", Verdict.PERSONAL, id="digits"),
        pytest.param("anna.svensson@hotmail.se", Verdict.PERSONAL, id="name"),
        pytest.param("ѕupport@gmail.com", Verdict.PERSONAL, id="look-alike-of-a-role-word"),
    ],
)
def test_free_mail_is_personal_unless_a_role_word_says_otherwise(
    linter: Linter, email: str, expected: Verdict
) -> None:
    assert verdict_of(linter, Contact(email)) is expected


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        pytest.param("post@annasvensson.se", Verdict.PERSONAL, id="role-at-full-name"),
        pytest.param("anna@svensson.se", Verdict.PERSONAL, id="first-at-surname"),
        pytest.param("finance@ericsson.com", Verdict.ROLE, id="role-at-surname"),
        pytest.param("info@svensson.se", Verdict.ROLE, id="general-role-at-surname"),
    ],
)
def test_personal_domain(linter: Linter, email: str, expected: Verdict) -> None:
    assert verdict_of(linter, Contact(email)) is expected


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        pytest.param(Contact("anna..svensson@kvarnbo.se"), Verdict.INVALID, id="invalid"),
        pytest.param(Contact("anna.svensson@kvarnbo.se"), Verdict.PERSONAL, id="name"),
        pytest.param(Contact("ekonomi@kvarnbo.se"), Verdict.ROLE, id="role"),
        pytest.param(Contact("per.ekonomi@kvarnbo.se"), Verdict.PERSONAL, id="name-beside-role"),
        pytest.param(Contact("xyzzy@kvarnbo.se"), Verdict.UNKNOWN, id="unknown-word"),
        pytest.param(Contact("a.b@kvarnbo.se"), Verdict.UNKNOWN, id="two-initials"),
        pytest.param(
            Contact("ekonomi@kvarnbo.se", name="Anna Svensson"),
            Verdict.ROLE,
            id="role-with-personal-contact-name",
        ),
        pytest.param(
            Contact("zbrzeczyszczykiewicz@kvarnbo.se"), Verdict.UNKNOWN, id="unlisted-name"
        ),
        pytest.param(
            Contact("zbrzeczyszczykiewicz@kvarnbo.se", name="Zbigniew Brzęczyszczykiewicz"),
            Verdict.PERSONAL,
            id="unlisted-name-matching-contact-name",
        ),
    ],
)
def test_company_domain(linter: Linter, contact: Contact, expected: Verdict) -> None:
    assert verdict_of(linter, contact) is expected


def test_disposable_mailbox_belongs_to_one_person(linter: Linter) -> None:
    """E004: whoever holds a disposable mailbox is one person, as at a free-mail provider."""
    assert verdict_of(linter, Contact("xyzzy@guerrillamail.com")) is Verdict.PERSONAL


def test_allowed_domain_is_a_company_domain() -> None:
    allowing = Linter(LintConfig(allowed_domains=frozenset({"gmail.com"})))

    assert verdict_of(allowing, Contact("xyzzy@gmail.com")) is Verdict.UNKNOWN
