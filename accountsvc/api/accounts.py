"""AccountService: accounts, billing information and technical contacts, translated to and
from the domain services. Domain errors become statuses in `errors`."""

from __future__ import annotations

from collections.abc import Sequence

import grpc
from google.protobuf import empty_pb2

from accountsvc.api import messages
from accountsvc.api.errors import maps_domain_errors
from accountsvc.domain.accounts import AccountService, NewAccount
from accountsvc.domain.deadline import Deadline
from accountsvc.domain.lint_policy import LintedContact
from accountsvc.domain.technical_contacts import TechnicalContactService
from accountsvc.resources import TechnicalContact
from accountsvc.v1 import accounts_pb2 as pb
from accountsvc.v1 import accounts_pb2_grpc

# Above this a deadline is as good as none (grpcio reports "no deadline" as a huge number).
_NO_DEADLINE = 10 * 365 * 86400.0


def deadline_of(context: grpc.ServicerContext) -> Deadline:
    remaining = context.time_remaining()
    return Deadline.after(None if remaining is None or remaining > _NO_DEADLINE else remaining)


def _contact_response(
    contact: TechnicalContact, lint: Sequence[LintedContact]
) -> pb.TechnicalContactResponse:
    response = pb.TechnicalContactResponse()
    messages.write_contact(response.technical_contact, contact)
    messages.write_lint(response.lint, lint)
    return response


class AccountServicer(accounts_pb2_grpc.AccountServiceServicer):
    def __init__(self, accounts: AccountService, contacts: TechnicalContactService) -> None:
        self.accounts = accounts
        self.contacts = contacts

    @maps_domain_errors
    def CreateAccount(
        self, request: pb.CreateAccountRequest, context: grpc.ServicerContext
    ) -> pb.CreateAccountResponse:
        new = NewAccount(
            account=messages.account_fields(request.account, "account"),
            billing=messages.billing_fields(request.billing_info),
            contacts=tuple(
                messages.contact_fields(c, f"technical_contacts[{i}]")
                for i, c in enumerate(request.technical_contacts)
            ),
            request_id=request.request_id,
            acknowledgements=messages.acknowledgements(request.acknowledgements),
        )
        written = self.accounts.create_account(new, deadline_of(context))
        response = pb.CreateAccountResponse()
        messages.write_account(response.account, written.account)
        if written.billing is not None:
            messages.write_billing(response.billing_info, written.billing)
        for contact in written.contacts:
            messages.write_contact(response.technical_contacts.add(), contact)
        messages.write_lint(response.lint, written.lint)
        return response

    @maps_domain_errors
    def GetAccount(
        self, request: pb.GetAccountRequest, context: grpc.ServicerContext
    ) -> pb.Account:
        return messages.account_message(self.accounts.get_account(request.name))

    @maps_domain_errors
    def ListAccounts(
        self, request: pb.ListAccountsRequest, context: grpc.ServicerContext
    ) -> pb.ListAccountsResponse:
        state = messages.account_state(request.state, "state")
        page = self.accounts.list_accounts(request.page_size, request.page_token, state)
        response = pb.ListAccountsResponse(next_page_token=page.next_page_token)
        for account in page.accounts:
            messages.write_account(response.accounts.add(), account)
        return response

    @maps_domain_errors
    def UpdateAccount(
        self, request: pb.UpdateAccountRequest, context: grpc.ServicerContext
    ) -> pb.UpdateAccountResponse:
        written = self.accounts.update_account(
            request.account.name,
            messages.account_fields(request.account, "account"),
            tuple(request.update_mask.paths),
            request.account.etag,
            deadline_of(context),
        )
        response = pb.UpdateAccountResponse()
        messages.write_account(response.account, written.account)
        messages.write_lint(response.lint, written.lint)
        return response

    @maps_domain_errors
    def CloseAccount(
        self, request: pb.CloseAccountRequest, context: grpc.ServicerContext
    ) -> pb.Account:
        closed = self.accounts.close_account(request.name, request.etag, deadline_of(context))
        return messages.account_message(closed)

    @maps_domain_errors
    def GetBillingInfo(
        self, request: pb.GetBillingInfoRequest, context: grpc.ServicerContext
    ) -> pb.BillingInfo:
        return messages.billing_message(self.accounts.get_billing_info(request.name))

    @maps_domain_errors
    def UpdateBillingInfo(
        self, request: pb.UpdateBillingInfoRequest, context: grpc.ServicerContext
    ) -> pb.UpdateBillingInfoResponse:
        written = self.accounts.update_billing_info(
            request.billing_info.name,
            messages.billing_fields(request.billing_info),
            tuple(request.update_mask.paths),
            request.billing_info.etag,
            messages.acknowledgements(request.acknowledgements),
            deadline_of(context),
        )
        response = pb.UpdateBillingInfoResponse()
        messages.write_billing(response.billing_info, written.billing)
        messages.write_lint(response.lint, written.lint)
        return response

    @maps_domain_errors
    def CreateTechnicalContact(
        self, request: pb.CreateTechnicalContactRequest, context: grpc.ServicerContext
    ) -> pb.TechnicalContactResponse:
        written = self.contacts.create(
            request.parent,
            messages.contact_fields(request.technical_contact, "technical_contact"),
            messages.acknowledgements(request.acknowledgements),
            deadline_of(context),
        )
        return _contact_response(written.contact, written.lint)

    @maps_domain_errors
    def GetTechnicalContact(
        self, request: pb.GetTechnicalContactRequest, context: grpc.ServicerContext
    ) -> pb.TechnicalContact:
        return messages.contact_message(self.contacts.get(request.name))

    @maps_domain_errors
    def ListTechnicalContacts(
        self, request: pb.ListTechnicalContactsRequest, context: grpc.ServicerContext
    ) -> pb.ListTechnicalContactsResponse:
        page = self.contacts.list(request.parent, request.page_size, request.page_token)
        response = pb.ListTechnicalContactsResponse(next_page_token=page.next_page_token)
        for contact in page.contacts:
            messages.write_contact(response.technical_contacts.add(), contact)
        return response

    @maps_domain_errors
    def UpdateTechnicalContact(
        self, request: pb.UpdateTechnicalContactRequest, context: grpc.ServicerContext
    ) -> pb.TechnicalContactResponse:
        written = self.contacts.update(
            request.technical_contact.name,
            messages.contact_fields(request.technical_contact, "technical_contact"),
            tuple(request.update_mask.paths),
            request.technical_contact.etag,
            messages.acknowledgements(request.acknowledgements),
            deadline_of(context),
        )
        return _contact_response(written.contact, written.lint)

    @maps_domain_errors
    def DeleteTechnicalContact(
        self, request: pb.DeleteTechnicalContactRequest, context: grpc.ServicerContext
    ) -> empty_pb2.Empty:
        self.contacts.delete(request.name, request.etag, deadline_of(context))
        return empty_pb2.Empty()
