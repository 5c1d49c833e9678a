"""E008: the address's domain accepts no mail, as DNS said."""

from __future__ import annotations

import pytest

from linter import Contact, Linter
from linter.model import DomainCheck, MailStatus

CODE = "E008"


@pytest.mark.parametrize(
    ("status", "flagged"),
    [
        pytest.param(MailStatus.NO_DOMAIN, True, id="nxdomain"),
        pytest.param(MailStatus.NULL_MX, True, id="null-mx"),
        pytest.param(MailStatus.NO_ADDRESS, True, id="no-mx-no-address"),
        pytest.param(MailStatus.ACCEPTS, False, id="accepts-mail"),
        pytest.param(MailStatus.UNKNOWN, False, id="could-not-verify-is-no-finding"),
    ],
)
def test_finding_follows_what_dns_said(linter: Linter, status: MailStatus, flagged: bool) -> None:
    checks = {"kvarnbo.se": DomainCheck("kvarnbo.se", status)}
    result = linter.lint(Contact("ekonomi@kvarnbo.se"), checks)
    found = [f for f in result.findings if f.rule == CODE]
    assert bool(found) is flagged
    if flagged:
        assert found[0].span == (8, 18)
        assert status.value in found[0].message


def test_without_checks_nothing_is_said(linter: Linter) -> None:
    result = linter.lint(Contact("ekonomi@kvarnbo.se"))
    assert CODE not in {f.rule for f in result.findings}


def test_verdict_does_not_depend_on_dns(linter: Linter) -> None:
    checks = {"kvarnbo.se": DomainCheck("kvarnbo.se", MailStatus.NO_DOMAIN)}
    with_dns = linter.lint(Contact("ekonomi@kvarnbo.se"), checks)
    assert with_dns.verdict == linter.lint(Contact("ekonomi@kvarnbo.se")).verdict == "role"


@pytest.mark.parametrize(
    ("status", "verified"),
    [
        pytest.param(MailStatus.ACCEPTS, True, id="accepts"),
        pytest.param(MailStatus.NULL_MX, False, id="null-mx"),
        pytest.param(MailStatus.UNKNOWN, None, id="unknown"),
    ],
)
def test_suggestions_carry_what_dns_said_of_their_domain(
    linter: Linter, status: MailStatus, verified: bool | None
) -> None:
    checks = {"kvarnbo.se": DomainCheck("kvarnbo.se", status)}
    result = linter.lint(Contact("anna.svensson@kvarnbo.se"), checks)
    assert result.suggestions
    assert {s.verified for s in result.suggestions} == {verified}


def test_suggestions_at_the_given_domain_use_its_check(linter: Linter) -> None:
    checks = {
        "hotmail.se": DomainCheck("hotmail.se", MailStatus.ACCEPTS),
        "kvarnbo.se": DomainCheck("kvarnbo.se", MailStatus.NO_DOMAIN),
    }
    contact = Contact("lars@hotmail.se", domain="kvarnbo.se")
    assert linter.domains_to_verify(contact) == ("hotmail.se", "kvarnbo.se")
    result = linter.lint(contact, checks)
    assert {s.verified for s in result.suggestions} == {False}


@pytest.mark.parametrize(
    ("email", "domains"),
    [
        pytest.param("Ekonomi@Kvarnbo.SE", ("kvarnbo.se",), id="lower-case"),
        pytest.param("åsa.ström@kvärnbo.se", ("kvärnbo.se",), id="internationalised"),
        pytest.param("anna..svensson@kvarnbo.se", ("kvarnbo.se",), id="bad-local-part"),
        pytest.param("anna.svensson", (), id="no-at"),
        pytest.param("anna@kvarnbo", (), id="no-top-level-domain"),
        pytest.param("anna@kvarnbo..se", (), id="empty-label"),
    ],
)
def test_domains_to_verify_reads_only_the_domain(
    linter: Linter, email: str, domains: tuple[str, ...]
) -> None:
    assert linter.domains_to_verify(Contact(email)) == domains
