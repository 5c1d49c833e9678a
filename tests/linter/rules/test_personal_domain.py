"""E005 personal-domain: the domain itself is a person's name.

A full name as the domain is personal whatever stands before the @; a surname as the
domain only with a first name or an initial before it (`finance@ericsson.com` is a
company's). The span covers the domain's label as written; it is None where the field
does not spell the label as the linter reads it (Punycode)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from linter import Contact, Field, Linter
from linter.model import Span

CODE = "E005"
# The `located` fixture (conftest.py): (field, span, text covered) of each finding.
Locate = Callable[[str, Contact], list[tuple[Field, Span | None, str | None]]]


@pytest.mark.parametrize(
    ("contact", "span", "covered"),
    [
        pytest.param(Contact("anna@svensson.se"), (5, 13), "svensson", id="first-at-surname"),
        pytest.param(
            Contact("post@annasvensson.se"), (5, 17), "annasvensson", id="role-at-full-name"
        ),
        pytest.param(
            Contact("lars@annasvensson.com"), (5, 17), "annasvensson", id="other-name-at-full-name"
        ),
        pytest.param(
            Contact("info@anna-svensson.se"), (5, 18), "anna-svensson", id="hyphenated-full-name"
        ),
        pytest.param(Contact("anna@svensson.co.uk"), (5, 13), "svensson", id="two-label-suffix"),
        pytest.param(Contact("anna@Svensson.SE"), (5, 13), "Svensson", id="mixed-case-domain"),
        pytest.param(Contact("anna@ström.se"), (5, 10), "ström", id="non-ascii-surname"),
        pytest.param(Contact("anna@xn--strm-7qa.se"), None, None, id="punycode-surname"),
        pytest.param(Contact("a@svensson.se"), (2, 10), "svensson", id="initial-at-surname"),
    ],
)
def test_personal_domain_is_flagged(
    located: Locate, contact: Contact, span: Span | None, covered: str | None
) -> None:
    assert located(CODE, contact) == [(Field.EMAIL, span, covered)]


@pytest.mark.parametrize(
    "contact",
    [
        pytest.param(Contact("finance@ericsson.com"), id="role-at-surname"),
        pytest.param(Contact("info@svensson.se"), id="general-role-at-surname"),
        pytest.param(Contact("ekonomi@kvarnbo.se"), id="company-domain"),
        pytest.param(Contact("anna@kvarnbo.se"), id="first-at-company-domain"),
        pytest.param(Contact("anna@svensson-bygg.se"), id="surname-and-trade"),
        pytest.param(Contact("anna@gmail.com"), id="free-mail"),
        pytest.param(Contact("ekonomi@xn--strm-7qa.se"), id="role-at-punycode-surname"),
        pytest.param(Contact("anna@@svensson.se"), id="invalid-address"),
    ],
)
def test_company_domain_is_not_flagged(located: Locate, contact: Contact) -> None:
    assert located(CODE, contact) == []


def test_span_stays_on_the_label_when_lower_case_is_longer(linter: Linter) -> None:
    """`İ` lower-cases to two code points; the span must still count the field's own."""
    email = "x@anna-İİİİnsson.se"

    (finding,) = [f for f in linter.lint(Contact(email)).findings if f.rule == CODE]

    assert finding.span in ((2, 16), None), f"span {finding.span} in a field of {len(email)}"
