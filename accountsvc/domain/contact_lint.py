"""Linting the contacts of a write, with each finding placed on the request field it is
about: `billing_info.email`, `technical_contacts[1].display_name`, or one line of a
postal address (`billing_info.postal_address.address_lines[0]`, its span counted in
that line)."""

from __future__ import annotations

from dataclasses import dataclass

from accountsvc.domain.lint_policy import ContactRole, FieldFinding, LintedContact
from accountsvc.resources import NotificationCategory, PostalAddress
from linter import Contact, Field, Finding, Linter, Purpose
from linter.model import new_tuple

_SECURITY_ONLY = frozenset(
    {NotificationCategory.SECURITY_INCIDENTS, NotificationCategory.SECURITY_MEASURE_CHANGES}
)


@dataclass(frozen=True, slots=True)
class ContactText:
    """A contact's text as the linter reads it. Each part names its field on the resource;
    the postal address is several parts the linter reads as one text, a line each."""

    email: tuple[str, str]
    name: tuple[str, str] = ("", "")
    address: tuple[tuple[str, str], ...] = ()
    purpose: Purpose = Purpose.ACCOUNT


def master_text(email: str, name: str) -> ContactText:
    return ContactText(("master_email", email), ("master_name", name), (), Purpose.ACCOUNT)


def billing_text(email: str, contact_name: str, address: PostalAddress) -> ContactText:
    parts = [
        (f"postal_address.address_lines[{i}]", line) for i, line in enumerate(address.address_lines)
    ]
    parts += [
        ("postal_address.postal_code", address.postal_code),
        ("postal_address.city", address.city),
    ]
    return ContactText(
        ("email", email), ("contact_name", contact_name), tuple(parts), Purpose.BILLING
    )


def technical_text(
    email: str, display_name: str, categories: tuple[NotificationCategory, ...]
) -> ContactText:
    security_only = bool(categories) and set(categories) <= _SECURITY_ONLY
    purpose = Purpose.SECURITY if security_only else Purpose.TECHNICAL
    return ContactText(("email", email), ("display_name", display_name), (), purpose)


def company_domain(master_email: str) -> str:
    """The domain suggestions fall back on when a contact is at a free-mail provider."""
    return master_email.rpartition("@")[2]


class ContactLinter:
    def __init__(self, linter: Linter) -> None:
        self.linter = linter

    def lint(
        self,
        path: str,
        role: ContactRole,
        text: ContactText,
        domain: str,
        written: frozenset[str] | None = None,
    ) -> LintedContact:
        address = "\n".join([value for _, value in text.address]) if text.address else ""
        result = self.linter.lint(
            new_tuple(Contact, (text.email[1], text.name[1], text.purpose, address, domain))
        )
        placed = []
        for finding in result.findings:
            where = self._place(path, text, finding)
            if where is not None:
                placed.append(FieldFinding(*where))
        return LintedContact(path, role, result, tuple(placed), f"{path}.{text.email[0]}", written)

    @staticmethod
    def _place(path: str, text: ContactText, finding: Finding) -> tuple[str, Finding] | None:
        if finding.field is Field.EMAIL:
            return f"{path}.{text.email[0]}", finding
        if finding.field is Field.NAME:
            return f"{path}.{text.name[0]}", finding
        if finding.field is not Field.ADDRESS:
            return None  # the domain hint and the purpose are not this contact's fields
        if finding.span is None:
            return f"{path}.postal_address", finding
        start = 0
        for name, value in text.address:
            end = start + len(value)
            if finding.span[0] <= end:
                span = (finding.span[0] - start, min(finding.span[1], end) - start)
                rule, field, severity, message, _ = finding
                return f"{path}.{name}", new_tuple(Finding, (rule, field, severity, message, span))
            start = end + 1
        return f"{path}.postal_address", finding
