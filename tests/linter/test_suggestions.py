"""Role addresses suggested instead of a personal one, at the customer's own domain.

Ranked by the language of the domain's country (`.se`: `ekonomi@`, `faktura@`, then the
defaults `finance@` ...), by purpose, never at a free-mail, ISP or disposable domain,
never the address itself."""

from __future__ import annotations

import pytest

from linter import Contact, Linter, Purpose
from linter.config import LintConfig
from linter.syntax import check_syntax


def suggested(linter: Linter, contact: Contact) -> list[str]:
    return [s.email for s in linter.lint(contact).suggestions]


@pytest.mark.parametrize(
    ("email", "purpose", "expected"),
    [
        pytest.param(
            "anna@kvarnbo.se",
            Purpose.BILLING,
            ["ekonomi", "faktura", "finance", "billing", "invoices"],
            id="swedish-billing",
        ),
        pytest.param(
            "anna@kvarnbo.se",
            Purpose.TECHNICAL,
            ["drift", "it", "ops", "noc", "tech"],
            id="swedish-technical",
        ),
        pytest.param(
            "anna@kvarnbo.se",
            Purpose.SECURITY,
            ["sakerhet", "security", "soc", "cert"],
            id="swedish-security",
        ),
        pytest.param(
            "anna@kvarnbo.se",
            Purpose.ACCOUNT,
            ["admin", "kontoret", "it", "office"],
            id="swedish-account",
        ),
        pytest.param(
            "anna@kvarnbo.ax",
            Purpose.BILLING,
            ["ekonomi", "faktura", "finance", "billing", "invoices"],
            id="aland-is-swedish",
        ),
        pytest.param(
            "anna@bauwerk.de",
            Purpose.BILLING,
            ["buchhaltung", "rechnungen", "finance", "billing", "invoices"],
            id="german-billing",
        ),
        pytest.param(
            "anna@firma.no",
            Purpose.BILLING,
            ["regnskap", "faktura", "okonomi", "finance", "billing"],
            id="norwegian-billing",
        ),
        pytest.param(
            "anna@firma.dk",
            Purpose.BILLING,
            ["bogholderi", "faktura", "regnskab", "finance", "billing"],
            id="danish-billing",
        ),
        pytest.param(
            "anna@yritys.fi",
            Purpose.BILLING,
            ["laskutus", "talous", "finance", "billing", "invoices"],
            id="finnish-billing",
        ),
        pytest.param(
            "anna@bedrijf.nl",
            Purpose.BILLING,
            ["boekhouding", "facturen", "administratie", "finance", "billing"],
            id="dutch-billing",
        ),
        pytest.param(
            "anna@kvarnbo.com",
            Purpose.BILLING,
            ["accounts", "invoices", "finance", "billing"],
            id="english-billing-without-repeats",
        ),
        pytest.param(
            "anna@sub.kvarnbo.co.uk",
            Purpose.BILLING,
            ["accounts", "invoices", "finance", "billing"],
            id="registrable-domain-of-a-subdomain",
        ),
    ],
)
def test_language_of_the_domain_comes_first(
    linter: Linter, email: str, purpose: Purpose, expected: list[str]
) -> None:
    domain = email.partition("@")[2].removeprefix("sub.")

    assert suggested(linter, Contact(email, purpose=purpose)) == [
        f"{local}@{domain}" for local in expected
    ]


def test_without_purpose_billing_technical_and_security_take_turns(linter: Linter) -> None:
    assert suggested(linter, Contact("anna@kvarnbo.se")) == [
        "ekonomi@kvarnbo.se",
        "drift@kvarnbo.se",
        "sakerhet@kvarnbo.se",
        "faktura@kvarnbo.se",
        "it@kvarnbo.se",
    ]


@pytest.mark.parametrize(
    "contact",
    [
        pytest.param(Contact("anna@gmail.com"), id="free-mail"),
        pytest.param(Contact("lars@telia.com"), id="isp"),
        pytest.param(Contact("xyzzy@guerrillamail.com"), id="disposable"),
        pytest.param(Contact("anna@gmail.com", domain="hotmail.se"), id="free-mail-given"),
        pytest.param(Contact("anna@gmail.com", domain="mailinator.com"), id="disposable-given"),
        pytest.param(Contact("anna@gmail.com", domain="kvarnbo"), id="given-without-dot"),
        pytest.param(Contact("anna@gmail.com", domain="kvarnbo .se"), id="given-with-space"),
        pytest.param(Contact("anna@svensson.se"), id="personal-domain"),
        pytest.param(Contact("post@annasvensson.se"), id="full-name-domain"),
    ],
)
def test_nothing_is_suggested_without_a_company_domain(linter: Linter, contact: Contact) -> None:
    assert suggested(linter, contact) == []


@pytest.mark.parametrize(
    "contact",
    [
        pytest.param(Contact("ekonomi@kvarnbo.se"), id="swedish-role"),
        pytest.param(Contact("finance@ericsson.com"), id="role-at-surname-domain"),
        pytest.param(Contact("it.support@kvarnbo.se", purpose=Purpose.TECHNICAL), id="it-support"),
        pytest.param(Contact("ekonomi@kvarnbo.se", domain="kvarnbo.se"), id="domain-given"),
        pytest.param(Contact("xyzzy@kvarnbo.se"), id="unknown-at-company"),
        pytest.param(Contact("anna..svensson@kvarnbo.se"), id="invalid-address"),
    ],
)
def test_nothing_is_suggested_for_a_role_or_unclear_company_address(
    linter: Linter, contact: Contact
) -> None:
    assert suggested(linter, contact) == []


def test_contact_domain_is_used_when_the_address_is_free_mail(linter: Linter) -> None:
    contact = Contact("anna@gmail.com", purpose=Purpose.TECHNICAL, domain="kvarnbo.se")

    assert suggested(linter, contact) == [
        "drift@kvarnbo.se",
        "it@kvarnbo.se",
        "ops@kvarnbo.se",
        "noc@kvarnbo.se",
        "tech@kvarnbo.se",
    ]


def test_contact_domain_is_used_when_the_address_is_at_a_personal_domain(linter: Linter) -> None:
    contact = Contact("anna@svensson.se", purpose=Purpose.BILLING, domain="kvarnbo.se")

    assert suggested(linter, contact)[:2] == ["ekonomi@kvarnbo.se", "faktura@kvarnbo.se"]


@pytest.mark.parametrize(
    ("domain", "registrable"),
    [
        pytest.param("Kvarnbo.SE.", "kvarnbo.se", id="case-and-trailing-dot"),
        pytest.param(" kvarnbo.se ", "kvarnbo.se", id="surrounding-spaces"),
        pytest.param("mail.kvarnbo.co.uk", "kvarnbo.co.uk", id="subdomain"),
    ],
)
def test_contact_domain_is_normalised_to_its_registrable_domain(
    linter: Linter, domain: str, registrable: str
) -> None:
    contact = Contact("anna@hotmail.se", purpose=Purpose.BILLING, domain=domain)

    assert {s.partition("@")[2] for s in suggested(linter, contact)} == {registrable}


def test_same_role_comes_first_at_the_company_domain(linter: Linter) -> None:
    result = linter.lint(Contact("ekonomi@hotmail.se", domain="kvarnbo.se"))

    assert [(s.email, s.reason) for s in result.suggestions[:1]] == [
        ("ekonomi@kvarnbo.se", "the same role at kvarnbo.se, the company's own domain")
    ]


def test_look_alike_gets_no_same_role_suggestion(linter: Linter) -> None:
    """`fіnance@` imitates `finance@`; its suggestions are the ordinary ranked ones."""
    assert suggested(linter, Contact("fіnance@kvarnbo.se", purpose=Purpose.BILLING)) == [
        "ekonomi@kvarnbo.se",
        "faktura@kvarnbo.se",
        "finance@kvarnbo.se",
        "billing@kvarnbo.se",
        "invoices@kvarnbo.se",
    ]


@pytest.mark.parametrize(
    "email",
    [
        pytest.param("anna@kvarnbo.se", id="same-case"),
        pytest.param("Anna@KVARNBO.SE", id="other-case"),
    ],
)
def test_the_address_itself_is_never_suggested(email: str) -> None:
    config = LintConfig(suggestions={"billing": {"sv": ("anna", "ekonomi")}})

    emails = suggested(Linter(config), Contact(email, purpose=Purpose.BILLING))

    assert (emails[0], "anna@kvarnbo.se" in emails) == ("ekonomi@kvarnbo.se", False)


def test_at_most_five_suggestions(linter: Linter) -> None:
    assert len(suggested(linter, Contact("anna@kvarnbo.se"))) == 5


@pytest.mark.parametrize(
    ("email", "reason"),
    [
        pytest.param(
            "anna@kvarnbo.se", "a billing role address in Swedish at kvarnbo.se", id="swedish"
        ),
        pytest.param(
            "anna@bauwerk.de", "a billing role address in German at bauwerk.de", id="german"
        ),
    ],
)
def test_reason_names_purpose_language_and_domain(linter: Linter, email: str, reason: str) -> None:
    (first, *_rest) = linter.lint(Contact(email, purpose=Purpose.BILLING)).suggestions

    assert first.reason == reason


def test_reason_never_shows_a_bare_language_code(linter: Linter) -> None:
    result = linter.lint(Contact("anna@kvarnbo.com", purpose=Purpose.BILLING))

    assert [s.reason for s in result.suggestions if " in en " in s.reason] == []


@pytest.mark.parametrize(
    "domain",
    [
        pytest.param("kvarnbo.se", id="plain"),
        pytest.param("http://kvarnbo.se", id="url"),
        pytest.param("kvarnbo.se/faktura", id="path"),
        pytest.param("kvarnbo..se", id="empty-label"),
        pytest.param("192.0.2.1", id="ip-address"),
        pytest.param("[192.0.2.1]", id="address-literal"),
        pytest.param("kvarnbo.se:25", id="port"),
    ],
)
def test_every_suggestion_is_a_valid_address(linter: Linter, domain: str) -> None:
    emails = suggested(linter, Contact("anna@gmail.com", domain=domain))

    assert [e for e in emails if check_syntax(e).error is not None] == []


def test_reason_uses_an_before_a_vowel(linter: Linter) -> None:
    result = linter.lint(Contact("anna.svensson@kvarnbo.se", purpose=Purpose.ACCOUNT))
    assert result.suggestions
    assert all(s.reason.startswith("an account role address") for s in result.suggestions)
