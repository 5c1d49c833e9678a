"""E007 role-address-at-free-mail: a role address kept at a free-mail provider or ISP.

The span covers the local part (with its `+tag`): the role, which belongs at the
company's own domain."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from linter import Contact, Field, Linter, Severity
from linter.model import Span

CODE = "E007"
# The `located` fixture (conftest.py): (field, span, text covered) of each finding.
Locate = Callable[[str, Contact], list[tuple[Field, Span | None, str | None]]]


@pytest.mark.parametrize(
    ("contact", "span", "covered"),
    [
        pytest.param(
            Contact("kvarnbo.ekonomi@gmail.com"),
            (0, 15),
            "kvarnbo.ekonomi",
            id="company-and-role",
        ),
        pytest.param(Contact("info@gmail.com"), (0, 4), "info", id="general-role"),
        pytest.param(Contact("it.support@gmail.com"), (0, 10), "it.support", id="two-role-words"),
        pytest.param(Contact("Ekonomi@Gmail.com"), (0, 7), "Ekonomi", id="capitalised"),
        pytest.param(Contact("faktura@telia.com"), (0, 7), "faktura", id="consumer-isp"),
        pytest.param(
            Contact("ekonomi+kvarnbo@gmail.com"), (0, 15), "ekonomi+kvarnbo", id="with-plus-tag"
        ),
        pytest.param(
            Contact("ekonomi@hotmail.se", domain="kvarnbo.se"),
            (0, 7),
            "ekonomi",
            id="company-domain-given",
        ),
    ],
)
def test_role_at_free_mail_is_flagged(
    located: Locate, contact: Contact, span: Span, covered: str
) -> None:
    assert located(CODE, contact) == [(Field.EMAIL, span, covered)]


@pytest.mark.parametrize(
    "contact",
    [
        pytest.param(Contact("ekonomi@kvarnbo.se"), id="role-at-company-domain"),
        pytest.param(Contact("anna@gmail.com"), id="person-at-free-mail"),
        pytest.param(Contact("xyzzy@gmail.com"), id="unclear-at-free-mail"),
        pytest.param(Contact("ѕupport@gmail.com"), id="look-alike-role"),
        pytest.param(Contact("ekonomi@mailinator.com"), id="role-at-disposable"),
        pytest.param(Contact("ekonomi..x@gmail.com"), id="invalid-address"),
    ],
)
def test_other_address_is_not_flagged(located: Locate, contact: Contact) -> None:
    assert located(CODE, contact) == []


def test_role_at_free_mail_is_information(linter: Linter) -> None:
    (finding,) = [f for f in linter.lint(Contact("info@gmail.com")).findings if f.rule == CODE]

    assert finding.severity is Severity.INFO
