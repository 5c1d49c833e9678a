"""Accounts and their billing information: the signup flow's create, reads, updates with
field masks and etags, closing. Every write of a contact is linted and put to the
account's policy first; every call is one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from accountsvc.domain import drafts, validation
from accountsvc.domain.contact_lint import (
    ContactLinter,
    billing_text,
    company_domain,
    master_text,
    technical_text,
)
from accountsvc.domain.deadline import NO_DEADLINE, Deadline
from accountsvc.domain.drafts import AccountFields, BillingFields, ContactFields
from accountsvc.domain.errors import NotFound
from accountsvc.domain.identifiers import IdSource
from accountsvc.domain.lint_policy import ContactRole, LintedContact, decide, raise_unless_allowed
from accountsvc.domain.pagination import next_page_token, page_request
from accountsvc.domain.resource_names import account_id, billing_account_id
from accountsvc.domain.write_checks import (
    acknowledgements_on,
    active_account,
    check_etag,
    now,
)
from accountsvc.resources import (
    Account,
    AccountState,
    Acknowledgement,
    BillingInfo,
    LintPolicy,
    TechnicalContact,
)
from accountsvc.storage.database import ConstraintViolated, Database
from accountsvc.storage.repositories import (
    BILLING_RESOURCE,
    Inserts,
    Repositories,
    contact_resource,
)


@dataclass(frozen=True, slots=True)
class NewAccount:
    account: AccountFields
    billing: BillingFields
    contacts: tuple[ContactFields, ...] = ()
    request_id: str = ""
    acknowledgements: frozenset[Acknowledgement] = frozenset()


@dataclass(frozen=True, slots=True)
class AccountWrite:
    """A written account (with what was created alongside it) and the lint of its contacts."""

    account: Account
    billing: BillingInfo | None = None
    contacts: tuple[TechnicalContact, ...] = ()
    lint: tuple[LintedContact, ...] = ()


@dataclass(frozen=True, slots=True)
class BillingWrite:
    billing: BillingInfo
    lint: tuple[LintedContact, ...]


@dataclass(frozen=True, slots=True)
class AccountPage:
    accounts: tuple[Account, ...]
    next_page_token: str


def _record_acknowledgements(
    inserts: Inserts,
    used: frozenset[Acknowledgement],
    billing: BillingInfo,
    contacts: tuple[TechnicalContact, ...],
    when: datetime,
) -> tuple[BillingInfo, tuple[TechnicalContact, ...]]:
    """Store the acknowledgements a new account's write used, each on the resource it
    was given on; returns the billing information and contacts carrying them."""
    billing = replace(
        billing,
        acknowledgements=inserts.acknowledgements(
            billing.account_id,
            BILLING_RESOURCE,
            acknowledgements_on(used, "billing_info"),
            when,
        ),
    )
    contacts = tuple(
        replace(
            contact,
            acknowledgements=inserts.acknowledgements(
                contact.account_id,
                contact_resource(contact.id),
                acknowledgements_on(used, f"technical_contacts[{i}]"),
                when,
            ),
        )
        for i, contact in enumerate(contacts)
    )
    return billing, contacts


class AccountService:
    def __init__(self, database: Database, contacts: ContactLinter, ids: IdSource) -> None:
        self.database = database
        self.linter = contacts
        self.ids = ids

    # The signup flow.

    def create_account(self, new: NewAccount, deadline: Deadline = NO_DEADLINE) -> AccountWrite:
        validation.raise_if_any(self._problems(new))
        request_id = validation.canonical_request_id(new.request_id)
        policy = new.account.lint_policy or LintPolicy.ADVISE
        lint = self._lint_new(new)
        decision = decide(policy, lint, new.acknowledgements)
        raise_unless_allowed(decision)
        created = now()
        account = Account(
            id=self.ids.new_id(),
            master_email=new.account.master_email,
            master_name=new.account.master_name,
            state=AccountState.ACTIVE,
            lint_policy=policy,
            etag=self.ids.new_etag(),
            create_time=created,
            update_time=created,
        )
        billing = drafts.billing_info(account.id, new.billing, created, self.ids.new_etag())
        contacts = tuple(
            drafts.technical_contact(
                self.ids.new_id(), account.id, fields, created, self.ids.new_etag()
            )
            for fields in new.contacts
        )
        used = decision.acknowledgements_used
        try:
            with self.database.inserting() as inserts:
                inserts.account(account, request_id or None)
                inserts.billing(billing)
                inserts.contacts(contacts)
                if used:
                    billing, contacts = _record_acknowledgements(
                        inserts, used, billing, contacts, created
                    )
                deadline.check()
        except ConstraintViolated:
            if not request_id:
                raise
            # A retry: the request_id is taken, so the first call's account is the answer.
            # Asking before the insert would cost every create a query for the rare retry.
            with self.database.transaction() as repos:
                first = repos.accounts.id_for_request(request_id)
                if first is None:
                    raise
                return self._as_created(repos, first)
        return AccountWrite(account, billing, contacts, lint)

    def _problems(self, new: NewAccount) -> list[validation.Problem]:
        problems = [
            *validation.request_id("request_id", new.request_id),
            *drafts.account_problems("account.", new.account),
            *drafts.billing_problems("billing_info.", new.billing),
        ]
        if len(new.contacts) > validation.MAX_TECHNICAL_CONTACTS:
            problems.append(
                validation.problem(
                    "technical_contacts",
                    f"at most {validation.MAX_TECHNICAL_CONTACTS} technical contacts",
                )
            )
        for i, contact in enumerate(new.contacts):
            problems += drafts.contact_problems(f"technical_contacts[{i}].", contact)
        return problems

    def _lint_new(self, new: NewAccount) -> tuple[LintedContact, ...]:
        domain = company_domain(new.account.master_email)
        master = self.linter.lint(
            "account",
            ContactRole.MASTER,
            master_text(new.account.master_email, new.account.master_name),
            domain,
        )
        billing = self.linter.lint(
            "billing_info",
            ContactRole.BILLING,
            billing_text(new.billing.email, new.billing.contact_name, new.billing.postal_address),
            domain,
        )
        contacts = tuple(
            self.linter.lint(
                f"technical_contacts[{i}]",
                ContactRole.TECHNICAL,
                technical_text(c.email, c.display_name, c.notification_categories),
                domain,
            )
            for i, c in enumerate(new.contacts)
        )
        return (master, billing, *contacts)

    def _as_created(self, repos: Repositories, account: str) -> AccountWrite:
        """The account as CreateAccount returned it first, linted again for the retry."""
        found = repos.accounts.get(account)
        if found is None:
            raise NotFound(f"accounts/{account}", "ACCOUNT_NOT_FOUND")
        billing = repos.billing.get(account)
        contacts = tuple(repos.contacts.page(account, "", validation.MAX_TECHNICAL_CONTACTS))
        lint: tuple[LintedContact, ...] = ()
        if billing is not None:
            lint = self._lint_new(
                NewAccount(
                    AccountFields(found.master_email, found.master_name),
                    drafts.billing_fields_of(billing),
                    tuple(drafts.contact_fields_of(c) for c in contacts),
                )
            )
        return AccountWrite(found, billing, contacts, lint)

    # Reads.

    def get_account(self, name: str) -> Account:
        account = account_id(name)
        with self.database.transaction() as repos:
            found = repos.accounts.get(account)
        if found is None:
            raise NotFound(name, "ACCOUNT_NOT_FOUND")
        return found

    def list_accounts(
        self, page_size: int, page_token: str, state: AccountState | None
    ) -> AccountPage:
        query = f"state={state.value if state else ''}"
        page = page_request(page_size, page_token, query)
        with self.database.transaction() as repos:
            found = repos.accounts.page(state, page.after_id, page.size + 1)
        more = len(found) > page.size
        accounts = tuple(found[: page.size])
        token = next_page_token(accounts[-1].id, query) if more else ""
        return AccountPage(accounts, token)

    def get_billing_info(self, name: str) -> BillingInfo:
        account = billing_account_id(name)
        with self.database.transaction() as repos:
            found = repos.billing.get(account)
        if found is None:
            raise NotFound(name, "BILLING_INFO_NOT_FOUND")
        return found

    # Updates.

    def update_account(
        self,
        name: str,
        given: AccountFields,
        paths: Sequence[str],
        etag: str = "",
        deadline: Deadline = NO_DEADLINE,
    ) -> AccountWrite:
        account = account_id(name, "account.name")
        written = drafts.resolve_mask(paths, drafts.ACCOUNT_PATHS, given)
        validation.raise_if_any(drafts.account_problems("account.", given, tuple(written)))
        with self.database.transaction(writes=True) as repos:
            current = active_account(repos, account)
            check_etag(etag, current.etag, current.name)
            fields = drafts.merged(
                AccountFields(current.master_email, current.master_name, current.lint_policy),
                given,
                written,
            )
            lint = self.linter.lint(
                "account",
                ContactRole.MASTER,
                master_text(fields.master_email, fields.master_name),
                company_domain(fields.master_email),
                written,
            )
            raise_unless_allowed(decide(current.lint_policy, [lint]))
            updated = replace(
                current,
                master_email=fields.master_email,
                master_name=fields.master_name,
                lint_policy=fields.lint_policy or LintPolicy.ADVISE,
                etag=self.ids.new_etag(),
                update_time=now(),
            )
            repos.accounts.update(updated)
            deadline.check()
        return AccountWrite(updated, lint=(lint,))

    def close_account(self, name: str, etag: str = "", deadline: Deadline = NO_DEADLINE) -> Account:
        account = account_id(name)
        with self.database.transaction(writes=True) as repos:
            current = repos.accounts.get(account, lock=True)
            if current is None:
                raise NotFound(name, "ACCOUNT_NOT_FOUND")
            check_etag(etag, current.etag, current.name)
            if current.state is AccountState.CLOSED:
                return current
            closed = replace(
                current, state=AccountState.CLOSED, etag=self.ids.new_etag(), update_time=now()
            )
            repos.accounts.update(closed)
            deadline.check()
        return closed

    def update_billing_info(
        self,
        name: str,
        given: BillingFields,
        paths: Sequence[str],
        etag: str = "",
        acknowledgements: frozenset[Acknowledgement] = frozenset(),
        deadline: Deadline = NO_DEADLINE,
    ) -> BillingWrite:
        account = billing_account_id(name, "billing_info.name")
        written = drafts.resolve_mask(paths, drafts.BILLING_PATHS, given)
        validation.raise_if_any(drafts.billing_problems("billing_info.", given, tuple(written)))
        with self.database.transaction(writes=True) as repos:
            owner = active_account(repos, account)
            current = repos.billing.get(account, lock=True)
            if current is None:
                raise NotFound(name, "BILLING_INFO_NOT_FOUND")
            check_etag(etag, current.etag, name)
            fields = drafts.merged(drafts.billing_fields_of(current), given, written)
            lint = self.linter.lint(
                "billing_info",
                ContactRole.BILLING,
                billing_text(fields.email, fields.contact_name, fields.postal_address),
                company_domain(owner.master_email),
                written,
            )
            decision = decide(owner.lint_policy, [lint], acknowledgements)
            raise_unless_allowed(decision)
            updated = drafts.billing_info(account, fields, now(), self.ids.new_etag())
            repos.billing.update(updated)
            used = acknowledgements_on(decision.acknowledgements_used, "billing_info")
            added = repos.inserts.acknowledgements(
                account, BILLING_RESOURCE, used, updated.update_time
            )
            deadline.check()
        return BillingWrite(
            replace(updated, acknowledgements=current.acknowledgements + added), (lint,)
        )
