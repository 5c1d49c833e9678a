"""E004 disposable-domain: the address is at a disposable (throw-away) mail domain."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from linter import Contact, Field, Linter
from linter.model import Span

CODE = "E004"
# The `located` fixture (conftest.py): (field, span, text covered) of each finding.
Locate = Callable[[str, Contact], list[tuple[Field, Span | None, str | None]]]


@pytest.mark.parametrize(
    ("contact", "span", "covered"),
    [
        pytest.param(
            Contact("ekonomi@mailinator.com"), (8, 22), "mailinator.com", id="role-at-disposable"
        ),
        pytest.param(
            Contact("x@guerrillamail.com"), (2, 19), "guerrillamail.com", id="unclear-local-part"
        ),
        pytest.param(
            Contact("anna.svensson@mailinator.com"),
            (14, 28),
            "mailinator.com",
            id="person-at-disposable",
        ),
        pytest.param(
            Contact("ekonomi@sub.mailinator.com"),
            (8, 26),
            "sub.mailinator.com",
            id="subdomain-of-disposable",
        ),
        pytest.param(Contact("EKONOMI@MAILINATOR.COM"), (8, 22), "MAILINATOR.COM", id="upper-case"),
    ],
)
def test_disposable_domain_is_flagged(
    located: Locate, contact: Contact, span: Span, covered: str
) -> None:
    assert located(CODE, contact) == [(Field.EMAIL, span, covered)]


@pytest.mark.parametrize(
    "contact",
    [
        pytest.param(Contact("ekonomi@kvarnbo.se"), id="company-domain"),
        pytest.param(Contact("anna@gmail.com"), id="free-mail-is-not-disposable"),
        pytest.param(Contact("lars@telia.com"), id="isp-is-not-disposable"),
        pytest.param(Contact("mailinator@kvarnbo.se"), id="provider-name-before-at"),
        pytest.param(Contact("ekonomi@mailinator.com.kvarnbo.se"), id="provider-name-as-label"),
        pytest.param(Contact("ekonomi@@mailinator.com"), id="invalid-address"),
    ],
)
def test_other_domain_is_not_flagged(located: Locate, contact: Contact) -> None:
    assert located(CODE, contact) == []


def test_message_names_the_registrable_domain(linter: Linter) -> None:
    (finding,) = [
        f for f in linter.lint(Contact("ekonomi@sub.mailinator.com")).findings if f.rule == CODE
    ]

    assert finding.message == "mailinator.com hands out disposable mailboxes"
