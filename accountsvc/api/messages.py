"""Protobuf messages to domain values and back. Enum numbers a caller may send that this
server does not know are reported as field violations here, at the edge."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from google.protobuf.internal.containers import RepeatedCompositeFieldContainer
from google.protobuf.timestamp_pb2 import Timestamp

from accountsvc.api.lint import add_lint_result
from accountsvc.domain.drafts import AccountFields, BillingFields, ContactFields
from accountsvc.domain.errors import FieldViolation, InvalidArgument
from accountsvc.domain.lint_policy import LintedContact
from accountsvc.resources import (
    Account,
    AccountState,
    Acknowledgement,
    BillingInfo,
    LintPolicy,
    NotificationCategory,
    PostalAddress,
    RecordedAcknowledgement,
    TechnicalContact,
)
from accountsvc.v1 import accounts_pb2 as pb

_STATES = {
    AccountState.ACTIVE: pb.ACCOUNT_STATE_ACTIVE,
    AccountState.CLOSED: pb.ACCOUNT_STATE_CLOSED,
}
_STATES_IN = {number: state for state, number in _STATES.items()}
_POLICIES = {
    LintPolicy.ADVISE: pb.LINT_POLICY_ADVISE,
    LintPolicy.ACKNOWLEDGE: pb.LINT_POLICY_ACKNOWLEDGE,
    LintPolicy.ENFORCE: pb.LINT_POLICY_ENFORCE,
}
_POLICIES_IN = {number: policy for policy, number in _POLICIES.items()}
_CATEGORIES = {
    NotificationCategory.SECURITY_INCIDENTS: pb.NOTIFICATION_CATEGORY_SECURITY_INCIDENTS,
    NotificationCategory.TERMS_UPDATES: pb.NOTIFICATION_CATEGORY_TERMS_UPDATES,
    NotificationCategory.SECURITY_MEASURE_CHANGES: (
        pb.NOTIFICATION_CATEGORY_SECURITY_MEASURE_CHANGES
    ),
    NotificationCategory.MAINTENANCE_WINDOWS: pb.NOTIFICATION_CATEGORY_MAINTENANCE_WINDOWS,
    NotificationCategory.SERVICE_DISRUPTIONS: pb.NOTIFICATION_CATEGORY_SERVICE_DISRUPTIONS,
    NotificationCategory.NEWS: pb.NOTIFICATION_CATEGORY_NEWS,
}
_CATEGORIES_IN = {number: category for category, number in _CATEGORIES.items()}


def _unknown(field: str, number: int) -> InvalidArgument:
    return InvalidArgument([FieldViolation(field, f"unknown value {number}")], "UNKNOWN_ENUM_VALUE")


def account_state(number: int, field: str) -> AccountState | None:
    if number == pb.ACCOUNT_STATE_UNSPECIFIED:
        return None
    state = _STATES_IN.get(pb.AccountState.ValueType(number))
    if state is None:
        raise _unknown(field, number)
    return state


def account_fields(message: pb.Account, field: str) -> AccountFields:
    if message.lint_policy and message.lint_policy not in _POLICIES_IN:
        raise _unknown(f"{field}.lint_policy", message.lint_policy)
    return AccountFields(
        message.master_email, message.master_name, _POLICIES_IN.get(message.lint_policy)
    )


def billing_fields(message: pb.BillingInfo) -> BillingFields:
    address = message.postal_address
    return BillingFields(
        email=message.email,
        contact_name=message.contact_name,
        postal_address=PostalAddress(
            tuple(address.address_lines), address.postal_code, address.city, address.country_code
        ),
        payment_verification_hash=message.payment_verification_hash,
    )


def contact_fields(message: pb.TechnicalContact, field: str) -> ContactFields:
    categories = []
    for number in message.notification_categories:
        if number not in _CATEGORIES_IN:
            raise _unknown(f"{field}.notification_categories", number)
        categories.append(_CATEGORIES_IN[number])
    return ContactFields(message.email, message.display_name, message.language, tuple(categories))


def acknowledgements(messages: Iterable[pb.Acknowledgement]) -> frozenset[Acknowledgement]:
    return frozenset(Acknowledgement(m.rule, m.field) for m in messages)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# The responses are written field by field into the message that carries them: a
# message handed to another's constructor, or to CopyFrom, is serialized and parsed
# again, which cost a CreateAccount response about a third of its time.


def write_time(target: Timestamp, moment: datetime) -> None:
    """`Timestamp.FromDatetime`'s value (a naive time is taken as UTC) in a third of its
    time: a CreateAccount response carries five."""
    since = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)) - _EPOCH
    target.seconds = since.days * 86400 + since.seconds
    target.nanos = since.microseconds * 1000


def write_account(target: pb.Account, account: Account) -> None:
    target.name = account.name
    target.master_email = account.master_email
    target.master_name = account.master_name
    target.state = _STATES[account.state]
    target.lint_policy = _POLICIES[account.lint_policy]
    target.etag = account.etag
    write_time(target.create_time, account.create_time)
    write_time(target.update_time, account.update_time)


def account_message(account: Account) -> pb.Account:
    message = pb.Account()
    write_account(message, account)
    return message


def _write_acknowledgements(
    target: RepeatedCompositeFieldContainer[pb.Acknowledgement],
    recorded: Iterable[RecordedAcknowledgement],
) -> None:
    for a in recorded:
        write_time(target.add(rule=a.rule, field=a.field).create_time, a.create_time)


def write_billing(target: pb.BillingInfo, billing: BillingInfo) -> None:
    target.name = billing.name
    target.email = billing.email
    target.contact_name = billing.contact_name
    address, written = billing.postal_address, target.postal_address
    written.address_lines.extend(address.address_lines)
    written.postal_code = address.postal_code
    written.city = address.city
    written.country_code = address.country_code
    target.payment_verification_hash = billing.payment_verification_hash
    target.etag = billing.etag
    write_time(target.update_time, billing.update_time)
    _write_acknowledgements(target.acknowledgements, billing.acknowledgements)


def billing_message(billing: BillingInfo) -> pb.BillingInfo:
    message = pb.BillingInfo()
    write_billing(message, billing)
    return message


def write_contact(target: pb.TechnicalContact, contact: TechnicalContact) -> None:
    target.name = contact.name
    target.email = contact.email
    target.display_name = contact.display_name
    target.language = contact.language
    target.notification_categories.extend(_CATEGORIES[c] for c in contact.notification_categories)
    target.etag = contact.etag
    write_time(target.create_time, contact.create_time)
    write_time(target.update_time, contact.update_time)
    _write_acknowledgements(target.acknowledgements, contact.acknowledgements)


def contact_message(contact: TechnicalContact) -> pb.TechnicalContact:
    message = pb.TechnicalContact()
    write_contact(message, contact)
    return message


def write_lint(
    target: RepeatedCompositeFieldContainer[pb.ContactLint], linted: Iterable[LintedContact]
) -> None:
    """Each contact's lint, its findings on the request's field paths."""
    for contact in linted:
        add_lint_result(
            target.add(contact=contact.path),
            contact.verdict,
            [(ff.field, ff.finding) for ff in contact.findings],
            contact.suggestions,
        )
