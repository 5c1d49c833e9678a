"""E001 invalid-address: the e-mail address is not a valid address.

The verdicts are email-validator's (default mode, no DNS); the finding concerns the
whole field, so it has no span."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from email_validator import EmailNotValidError, validate_email

from linter import Contact, Field, Linter, Severity
from linter.model import Span

CODE = "E001"
# The `located` fixture (conftest.py): (field, span, text covered) of each finding.
Locate = Callable[[str, Contact], list[tuple[Field, Span | None, str | None]]]


@pytest.mark.parametrize(
    "email",
    [
        pytest.param("anna..svensson@kvarnbo.se", id="two-dots-in-a-row"),
        pytest.param(".ekonomi@kvarnbo.se", id="leading-dot"),
        pytest.param("ekonomi.@kvarnbo.se", id="dot-before-at"),
        pytest.param("ekonomi@kvarnbo", id="no-top-level-domain"),
        pytest.param("ekonomi", id="no-at-sign"),
        pytest.param("", id="empty"),
        pytest.param("@kvarnbo.se", id="empty-local-part"),
        pytest.param("ekonomi@", id="empty-domain"),
        pytest.param("ekonomi@@kvarnbo.se", id="two-at-signs"),
        pytest.param("eko nomi@kvarnbo.se", id="space-in-local-part"),
        pytest.param(" ekonomi@kvarnbo.se", id="leading-space"),
        pytest.param("ekonomi@kvarnbo.se.", id="trailing-dot"),
        pytest.param('"ekonomi"@kvarnbo.se', id="quoted-local-part"),
        pytest.param("ekonomi@[192.0.2.1]", id="ip-address-literal"),
        pytest.param("ekonomi@kvarnbo.test", id="special-use-test"),
        pytest.param("ekonomi@printer.local", id="special-use-local"),
        pytest.param("ekonomi@localhost", id="localhost"),
        pytest.param("ekonomi@kvarnbo.123", id="numeric-top-level-domain"),
        pytest.param("ekonomi@ab--cd.se", id="hyphens-in-third-and-fourth-place"),
        pytest.param("ekonomi@-kvarnbo.se", id="label-starts-with-hyphen"),
        pytest.param("ekonomi@" + "k" * 64 + ".se", id="64-character-label"),
        pytest.param("Anna Svensson <anna@kvarnbo.se>", id="display-name"),
    ],
)
def test_invalid_address_is_flagged_on_the_whole_field(located: Locate, email: str) -> None:
    assert located(CODE, Contact(email)) == [(Field.EMAIL, None, None)]


@pytest.mark.parametrize(
    "email",
    [
        pytest.param("ekonomi@kvarnbo.se", id="plain"),
        pytest.param("Ekonomi@KVARNBO.SE", id="upper-case"),
        pytest.param("ekonomi+faktura@kvarnbo.se", id="plus-tag"),
        pytest.param("åsa.ström@kvarnbo.se", id="non-ascii-local-part"),
        pytest.param("ekonomi@ström.se", id="non-ascii-domain"),
        pytest.param("ekonomi@xn--strm-7qa.se", id="punycode-domain"),
        pytest.param("ekonomi@kvarnbo.co.uk", id="two-label-suffix"),
        pytest.param("ekonomi@" + "k" * 63 + ".se", id="63-character-label"),
        pytest.param("1234@kvarnbo.se", id="digits-only-local-part"),
        pytest.param("anna.svensson@kvarnbo.se", id="personal-but-valid"),
    ],
)
def test_valid_address_is_not_flagged(located: Locate, email: str) -> None:
    assert located(CODE, Contact(email)) == []


def test_message_is_what_email_validator_says(linter: Linter) -> None:
    email = "ekonomi@kvarnbo"
    with pytest.raises(EmailNotValidError) as expected:
        validate_email(email, check_deliverability=False)

    (finding,) = linter.lint(Contact(email)).findings

    assert (finding.rule, finding.message) == (CODE, str(expected.value))


def test_invalid_address_is_an_error(linter: Linter) -> None:
    (finding,) = linter.lint(Contact("anna..svensson@kvarnbo.se")).findings

    assert finding.severity is Severity.ERROR


def test_invalid_address_gets_no_other_address_finding(linter: Linter) -> None:
    """Nothing about the local part or the domain is read from an invalid address."""
    result = linter.lint(Contact("anna..svensson@hotmail.se", name="Ekonomi"))

    assert [f.rule for f in result.findings] == [CODE]
