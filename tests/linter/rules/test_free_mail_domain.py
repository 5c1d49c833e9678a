"""E003 free-mail-domain: a personal mailbox at a free-mail provider or consumer ISP.

The span covers the domain as written in the field, after the @."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from linter import Contact, Field, Linter
from linter.model import Span

CODE = "E003"
# The `located` fixture (conftest.py): (field, span, text covered) of each finding.
Locate = Callable[[str, Contact], list[tuple[Field, Span | None, str | None]]]


@pytest.mark.parametrize(
    ("contact", "span", "covered"),
    [
        pytest.param(Contact("anna1987@hotmail.se"), (9, 19), "hotmail.se", id="free-mail"),
        pytest.param(Contact("lars.nilsson@telia.com"), (13, 22), "telia.com", id="consumer-isp"),
        pytest.param(
            Contact("Anna.Svensson@Hotmail.SE"), (14, 24), "Hotmail.SE", id="mixed-case-domain"
        ),
        pytest.param(Contact("anna@mail.hotmail.com"), (5, 21), "mail.hotmail.com", id="subdomain"),
        pytest.param(Contact("1234@gmail.com"), (5, 14), "gmail.com", id="digits-only"),
        pytest.param(Contact("xyzzy@gmail.com"), (6, 15), "gmail.com", id="unknown-word"),
        pytest.param(Contact("a@gmail.com"), (2, 11), "gmail.com", id="single-letter"),
        pytest.param(
            Contact("ѕupport@gmail.com"), (8, 17), "gmail.com", id="look-alike-role-is-no-role"
        ),
        pytest.param(
            Contact("anna@gmail.com", domain="kvarnbo.se"),
            (5, 14),
            "gmail.com",
            id="company-domain-given",
        ),
    ],
)
def test_personal_mailbox_at_free_mail_is_flagged(
    located: Locate, contact: Contact, span: Span, covered: str
) -> None:
    assert located(CODE, contact) == [(Field.EMAIL, span, covered)]


@pytest.mark.parametrize(
    "contact",
    [
        pytest.param(Contact("info@gmail.com"), id="role-at-free-mail"),
        pytest.param(Contact("kvarnbo.ekonomi@gmail.com"), id="company-and-role-at-free-mail"),
        pytest.param(Contact("faktura@telia.com"), id="role-at-isp"),
        pytest.param(Contact("anna.svensson@kvarnbo.se"), id="company-domain"),
        pytest.param(Contact("anna@kvarnbo.co.uk"), id="company-domain-two-label-suffix"),
        pytest.param(Contact("ekonomi@mailinator.com"), id="disposable-domain"),
        pytest.param(Contact("gmail@kvarnbo.se"), id="provider-name-before-at"),
        pytest.param(Contact("anna..svensson@gmail.com"), id="invalid-address"),
    ],
)
def test_role_or_company_address_is_not_flagged(located: Locate, contact: Contact) -> None:
    assert located(CODE, contact) == []


@pytest.mark.parametrize(
    ("domain", "asks_for_domain"),
    [
        pytest.param("", True, id="no-company-domain"),
        pytest.param("kvarnbo.se", False, id="company-domain-given"),
    ],
)
def test_message_asks_for_the_company_domain_only_when_missing(
    linter: Linter, domain: str, asks_for_domain: bool
) -> None:
    contact = Contact("anna@gmail.com", domain=domain)

    (finding,) = [f for f in linter.lint(contact).findings if f.rule == CODE]

    assert ("no company domain is known" in finding.message) is asks_for_domain
