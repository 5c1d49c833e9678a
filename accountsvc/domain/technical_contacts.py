"""Technical contacts of an account: who receives which notifications. Create, get, list,
update (field mask, etag) and delete; every write of one is linted under the account's
policy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from accountsvc.domain import drafts, validation
from accountsvc.domain.contact_lint import ContactLinter, company_domain, technical_text
from accountsvc.domain.deadline import NO_DEADLINE, Deadline
from accountsvc.domain.drafts import ContactFields
from accountsvc.domain.errors import NotFound
from accountsvc.domain.identifiers import IdSource
from accountsvc.domain.lint_policy import ContactRole, LintedContact, decide, raise_unless_allowed
from accountsvc.domain.pagination import next_page_token, page_request
from accountsvc.domain.resource_names import account_id, technical_contact_ids
from accountsvc.domain.write_checks import (
    acknowledgements_on,
    active_account,
    check_etag,
    now,
)
from accountsvc.resources import Account, Acknowledgement, TechnicalContact
from accountsvc.storage.database import Database
from accountsvc.storage.repositories import contact_resource

REQUEST_PATH = "technical_contact"


@dataclass(frozen=True, slots=True)
class ContactWrite:
    contact: TechnicalContact
    lint: tuple[LintedContact, ...]


@dataclass(frozen=True, slots=True)
class ContactPage:
    contacts: tuple[TechnicalContact, ...]
    next_page_token: str


class TechnicalContactService:
    def __init__(self, database: Database, contacts: ContactLinter, ids: IdSource) -> None:
        self.database = database
        self.linter = contacts
        self.ids = ids

    def create(
        self,
        parent: str,
        given: ContactFields,
        acknowledgements: frozenset[Acknowledgement] = frozenset(),
        deadline: Deadline = NO_DEADLINE,
    ) -> ContactWrite:
        account = account_id(parent, "parent")
        validation.raise_if_any(drafts.contact_problems(f"{REQUEST_PATH}.", given))
        with self.database.transaction(writes=True) as repos:
            owner = active_account(repos, account)
            if repos.contacts.count(account) >= validation.MAX_TECHNICAL_CONTACTS:
                validation.raise_if_any(
                    [
                        validation.problem(
                            "parent",
                            f"has {validation.MAX_TECHNICAL_CONTACTS} technical contacts,"
                            " the most an account may have",
                            "TOO_MANY_CONTACTS",
                        )
                    ]
                )
            lint = self._lint(owner, given, None)
            decision = decide(owner.lint_policy, [lint], acknowledgements)
            raise_unless_allowed(decision)
            contact = drafts.technical_contact(
                self.ids.new_id(), account, given, now(), self.ids.new_etag()
            )
            repos.inserts.contacts([contact])
            used = acknowledgements_on(decision.acknowledgements_used, REQUEST_PATH)
            added = repos.inserts.acknowledgements(
                account, contact_resource(contact.id), used, contact.create_time
            )
            deadline.check()
        return ContactWrite(replace(contact, acknowledgements=added), (lint,))

    def get(self, name: str) -> TechnicalContact:
        account, contact = technical_contact_ids(name)
        with self.database.transaction() as repos:
            found = repos.contacts.get(account, contact)
        if found is None:
            raise NotFound(name, "TECHNICAL_CONTACT_NOT_FOUND")
        return found

    def list(self, parent: str, page_size: int, page_token: str) -> ContactPage:
        account = account_id(parent, "parent")
        page = page_request(page_size, page_token, parent)
        with self.database.transaction() as repos:
            if repos.accounts.get(account) is None:
                raise NotFound(parent, "ACCOUNT_NOT_FOUND")
            found = repos.contacts.page(account, page.after_id, page.size + 1)
        more = len(found) > page.size
        contacts = tuple(found[: page.size])
        return ContactPage(contacts, next_page_token(contacts[-1].id, parent) if more else "")

    def update(
        self,
        name: str,
        given: ContactFields,
        paths: Sequence[str],
        etag: str = "",
        acknowledgements: frozenset[Acknowledgement] = frozenset(),
        deadline: Deadline = NO_DEADLINE,
    ) -> ContactWrite:
        account, contact = technical_contact_ids(name, f"{REQUEST_PATH}.name")
        written = drafts.resolve_mask(paths, drafts.CONTACT_PATHS, given)
        validation.raise_if_any(drafts.contact_problems(f"{REQUEST_PATH}.", given, tuple(written)))
        with self.database.transaction(writes=True) as repos:
            owner = active_account(repos, account)
            current = repos.contacts.get(account, contact, lock=True)
            if current is None:
                raise NotFound(name, "TECHNICAL_CONTACT_NOT_FOUND")
            check_etag(etag, current.etag, name)
            fields = drafts.merged(drafts.contact_fields_of(current), given, written)
            lint = self._lint(owner, fields, written)
            decision = decide(owner.lint_policy, [lint], acknowledgements)
            raise_unless_allowed(decision)
            updated = drafts.technical_contact(
                contact, account, fields, now(), self.ids.new_etag(), current.create_time
            )
            repos.contacts.update(updated)
            used = acknowledgements_on(decision.acknowledgements_used, REQUEST_PATH)
            added = repos.inserts.acknowledgements(
                account, contact_resource(contact), used, updated.update_time
            )
            deadline.check()
        return ContactWrite(
            replace(updated, acknowledgements=current.acknowledgements + added), (lint,)
        )

    def delete(self, name: str, etag: str = "", deadline: Deadline = NO_DEADLINE) -> None:
        account, contact = technical_contact_ids(name)
        with self.database.transaction(writes=True) as repos:
            active_account(repos, account)
            current = repos.contacts.get(account, contact, lock=True)
            if current is None:
                raise NotFound(name, "TECHNICAL_CONTACT_NOT_FOUND")
            check_etag(etag, current.etag, name)
            repos.contacts.delete(account, contact)
            deadline.check()

    def _lint(
        self, owner: Account, fields: ContactFields, written: frozenset[str] | None
    ) -> LintedContact:
        return self.linter.lint(
            REQUEST_PATH,
            ContactRole.TECHNICAL,
            technical_text(fields.email, fields.display_name, fields.notification_categories),
            company_domain(owner.master_email),
            written,
        )
