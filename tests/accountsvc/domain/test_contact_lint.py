"""Linting a write's contacts with a real linter, each finding placed on the request field
it is about; a postal address's findings on one of its lines, the span counted there."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountsvc.domain.contact_lint import (
    ContactLinter,
    ContactText,
    billing_text,
    company_domain,
    master_text,
    technical_text,
)
from accountsvc.domain.lint_policy import ContactRole, LintedContact
from accountsvc.resources import NotificationCategory, PostalAddress
from linter import Field, Linter, Purpose

CARD = "4111 1111 1111 1111"


@pytest.fixture(scope="module")
def contacts() -> ContactLinter:
    return ContactLinter(Linter())


def lint_billing(
    contacts: ContactLinter,
    address: PostalAddress,
    email: str = "ekonomi@kvarnbo.se",
    name: str = "Ekonomi",
    domain: str = "kvarnbo.se",
) -> LintedContact:
    text = billing_text(email, name, address)
    return contacts.lint("billing_info", ContactRole.BILLING, text, domain)


def placed(linted: LintedContact) -> list[tuple[str, str, tuple[int, int] | None]]:
    """Each placed finding as (request field, rule, span in that field)."""
    return [(f.field, f.finding.rule, f.finding.span) for f in linted.findings]


# The texts the linter reads.


def test_master_text_reads_the_master_fields_for_the_account() -> None:
    assert master_text("ekonomi@kvarnbo.se", "Kvarnbo AB") == ContactText(
        ("master_email", "ekonomi@kvarnbo.se"), ("master_name", "Kvarnbo AB"), (), Purpose.ACCOUNT
    )


def test_billing_text_reads_each_address_line_then_postal_code_and_city() -> None:
    address = PostalAddress(("Storgatan 1", "Box 12"), "111 22", "Stockholm", "SE")
    assert billing_text("ekonomi@kvarnbo.se", "Ekonomi", address) == ContactText(
        ("email", "ekonomi@kvarnbo.se"),
        ("contact_name", "Ekonomi"),
        (
            ("postal_address.address_lines[0]", "Storgatan 1"),
            ("postal_address.address_lines[1]", "Box 12"),
            ("postal_address.postal_code", "111 22"),
            ("postal_address.city", "Stockholm"),
        ),
        Purpose.BILLING,
    )


@pytest.mark.parametrize(
    ("categories", "purpose"),
    [
        ((NotificationCategory.SECURITY_INCIDENTS,), Purpose.SECURITY),
        ((NotificationCategory.SECURITY_MEASURE_CHANGES,), Purpose.SECURITY),
        (
            (
                NotificationCategory.SECURITY_INCIDENTS,
                NotificationCategory.SECURITY_MEASURE_CHANGES,
            ),
            Purpose.SECURITY,
        ),
        (
            (NotificationCategory.SECURITY_INCIDENTS, NotificationCategory.SECURITY_INCIDENTS),
            Purpose.SECURITY,
        ),
        (
            (NotificationCategory.SECURITY_INCIDENTS, NotificationCategory.MAINTENANCE_WINDOWS),
            Purpose.TECHNICAL,
        ),
        ((NotificationCategory.NEWS,), Purpose.TECHNICAL),
        ((), Purpose.TECHNICAL),
    ],
    ids=[
        "incidents-only",
        "measure-changes-only",
        "both-security-categories",
        "security-repeated",
        "security-and-maintenance",
        "news",
        "no-categories",
    ],
)
def test_technical_purpose_is_security_only_for_security_only_categories(
    categories: tuple[NotificationCategory, ...], purpose: Purpose
) -> None:
    assert technical_text("cert@kvarnbo.se", "CERT", categories).purpose is purpose


def test_technical_text_reads_email_and_display_name() -> None:
    text = technical_text("drift@kvarnbo.se", "Drift", (NotificationCategory.NEWS,))
    assert (text.email, text.name, text.address) == (
        ("email", "drift@kvarnbo.se"),
        ("display_name", "Drift"),
        (),
    )


@pytest.mark.parametrize(
    ("master_email", "domain"),
    [("ekonomi@kvarnbo.se", "kvarnbo.se"), ('"a@b"@kvarnbo.se', "kvarnbo.se"), ("", "")],
    ids=["plain", "at-sign-in-quoted-local-part", "empty"],
)
def test_company_domain_is_what_follows_the_last_at_sign(master_email: str, domain: str) -> None:
    assert company_domain(master_email) == domain


# Where findings land.


def test_an_attention_line_finding_lands_on_its_address_line_with_the_span_in_that_line(
    contacts: ContactLinter,
) -> None:
    address = PostalAddress(("Storgatan 1", "Att: Anna Svensson"), "111 22", "Stockholm", "SE")
    linted = lint_billing(contacts, address)
    assert placed(linted) == [("billing_info.postal_address.address_lines[1]", "A001", (5, 18))]


def test_the_span_on_an_address_line_covers_the_name_in_that_line(
    contacts: ContactLinter,
) -> None:
    lines = ("Box 12", "Storgatan 1", "c/o Anna Svensson")
    linted = lint_billing(contacts, PostalAddress(lines, "111 22", "Stockholm", "SE"))
    ((field, finding_rule, span),) = placed(linted)
    assert (field, finding_rule) == ("billing_info.postal_address.address_lines[2]", "A001")
    assert span is not None
    assert lines[2][span[0] : span[1]] == "Anna Svensson"


def test_an_attention_line_on_the_first_line_keeps_its_span(contacts: ContactLinter) -> None:
    address = PostalAddress(("Att: Ekonomi, Anna Svensson", "Storgatan 1"), "111 22", "Stockholm")
    assert placed(lint_billing(contacts, address)) == [
        ("billing_info.postal_address.address_lines[0]", "A001", (14, 27))
    ]


def test_an_empty_address_line_does_not_shift_the_spans_after_it(contacts: ContactLinter) -> None:
    address = PostalAddress(("", "Att: Anna Svensson"), "111 22", "Stockholm")
    assert placed(lint_billing(contacts, address)) == [
        ("billing_info.postal_address.address_lines[1]", "A001", (5, 18))
    ]


@settings(max_examples=50, deadline=None)
@given(
    before=st.lists(
        st.sampled_from(["Storgatan 1", "Box 12", "", "Kvarnbo AB", "Plan 3, Hus B"]), max_size=4
    )
)
def test_an_attention_line_is_found_on_its_own_line_wherever_it_stands(
    contacts: ContactLinter, before: list[str]
) -> None:
    address = PostalAddress((*before, "Att: Anna Svensson"), "111 22", "Stockholm", "SE")
    assert placed(lint_billing(contacts, address)) == [
        (f"billing_info.postal_address.address_lines[{len(before)}]", "A001", (5, 18))
    ]


@pytest.mark.parametrize(
    ("address", "field"),
    [
        (PostalAddress(("Storgatan 1",), CARD, "Stockholm"), "postal_code"),
        (PostalAddress(("Storgatan 1",), "111 22", CARD), "city"),
        (PostalAddress(("",), "", CARD), "city"),
    ],
    ids=["postal-code", "city", "city-after-empty-parts"],
)
def test_a_card_number_in_the_address_lands_on_its_part(
    contacts: ContactLinter, address: PostalAddress, field: str
) -> None:
    assert placed(lint_billing(contacts, address)) == [
        (f"billing_info.postal_address.{field}", "C001", (0, 19))
    ]


def test_billing_email_and_name_findings_land_on_their_fields(contacts: ContactLinter) -> None:
    linted = lint_billing(contacts, PostalAddress(), "anna.svensson@kvarnbo.se", "Anna Svensson")
    assert placed(linted) == [
        ("billing_info.email", "E002", (0, 13)),
        ("billing_info.contact_name", "N001", (0, 13)),
    ]


def test_master_findings_land_on_the_account_fields(contacts: ContactLinter) -> None:
    text = master_text("anna.svensson@kvarnbo.se", "Anna Svensson")
    linted = contacts.lint("account", ContactRole.MASTER, text, "kvarnbo.se")
    assert [f.field for f in linted.findings] == ["account.master_email", "account.master_name"]


def test_technical_findings_land_on_the_contacts_place_in_the_request(
    contacts: ContactLinter,
) -> None:
    text = technical_text("anna.svensson@kvarnbo.se", "Anna Svensson", ())
    linted = contacts.lint("technical_contacts[1]", ContactRole.TECHNICAL, text, "kvarnbo.se")
    assert placed(linted) == [
        ("technical_contacts[1].email", "E002", (0, 13)),
        ("technical_contacts[1].display_name", "N001", (0, 13)),
    ]


def test_a_finding_on_the_customers_domain_is_not_placed_on_the_contact(
    contacts: ContactLinter,
) -> None:
    linted = lint_billing(contacts, PostalAddress(), domain=CARD)
    assert [(f.rule, f.field) for f in linted.result.findings] == [("C001", Field.DOMAIN)]
    assert linted.findings == ()


def test_a_role_contact_has_nothing_placed(contacts: ContactLinter) -> None:
    address = PostalAddress(("Att: Ekonomi", "Storgatan 1"), "111 22", "Stockholm", "SE")
    assert lint_billing(contacts, address).findings == ()


# What the linted contact carries.


def test_the_linted_contact_names_its_path_role_and_email_field(contacts: ContactLinter) -> None:
    text = technical_text("drift@kvarnbo.se", "Drift", ())
    linted = contacts.lint("technical_contacts[0]", ContactRole.TECHNICAL, text, "kvarnbo.se")
    assert (linted.path, linted.role, linted.email_field) == (
        "technical_contacts[0]",
        ContactRole.TECHNICAL,
        "technical_contacts[0].email",
    )


def test_the_master_email_field_is_master_email(contacts: ContactLinter) -> None:
    text = master_text("ekonomi@kvarnbo.se", "Kvarnbo AB")
    linted = contacts.lint("account", ContactRole.MASTER, text, "kvarnbo.se")
    assert linted.email_field == "account.master_email"


def test_every_field_counts_as_written_unless_told(contacts: ContactLinter) -> None:
    address = PostalAddress(("Att: Anna Svensson",))
    linted = lint_billing(contacts, address, "anna.svensson@kvarnbo.se", "Anna Svensson")
    assert linted.written is None
    assert [linted.writes(f.field) for f in linted.findings] == [True, True, True]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ({"email"}, [True, False, False]),
        ({"contact_name"}, [False, True, False]),
        ({"postal_address"}, [False, False, True]),
        ({"postal_address.address_lines"}, [False, False, True]),
        ({"postal_address.city"}, [False, False, False]),
        (set(), [False, False, False]),
    ],
    ids=["email", "name", "whole-address", "address-lines", "city-only", "nothing"],
)
def test_only_findings_on_written_paths_count_as_written(
    contacts: ContactLinter, written: set[str], expected: list[bool]
) -> None:
    text = billing_text(
        "anna.svensson@kvarnbo.se", "Anna Svensson", PostalAddress(("Att: Anna Svensson",))
    )
    linted = contacts.lint(
        "billing_info", ContactRole.BILLING, text, "kvarnbo.se", frozenset(written)
    )
    assert [f.field for f in linted.findings] == [
        "billing_info.email",
        "billing_info.contact_name",
        "billing_info.postal_address.address_lines[0]",
    ]
    assert [linted.writes(f.field) for f in linted.findings] == expected


def test_a_security_only_contact_is_offered_security_role_addresses(
    contacts: ContactLinter,
) -> None:
    text = technical_text(
        "anna.svensson@kvarnbo.se", "", (NotificationCategory.SECURITY_INCIDENTS,)
    )
    linted = contacts.lint("technical_contacts[0]", ContactRole.TECHNICAL, text, "kvarnbo.se")
    assert "security@kvarnbo.se" in [s.email for s in linted.suggestions]


def test_a_technical_contact_is_offered_technical_role_addresses(
    contacts: ContactLinter,
) -> None:
    text = technical_text("anna.svensson@kvarnbo.se", "", (NotificationCategory.NEWS,))
    linted = contacts.lint("technical_contacts[0]", ContactRole.TECHNICAL, text, "kvarnbo.se")
    suggested = [s.email for s in linted.suggestions]
    assert "security@kvarnbo.se" not in suggested
    assert "ops@kvarnbo.se" in suggested


def test_suggestions_for_a_free_mail_contact_go_to_the_company_domain(
    contacts: ContactLinter,
) -> None:
    linted = lint_billing(contacts, PostalAddress(), email="anna.svensson@gmail.com")
    assert linted.suggestions[0].email.endswith("@kvarnbo.se")
