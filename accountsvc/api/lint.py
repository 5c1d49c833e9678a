"""LintService: the panel's inline lint call, translated to and from the linter."""

from __future__ import annotations

from collections.abc import Iterable

import grpc

from accountsvc.api.errors import abort_invalid_argument, maps_domain_errors
from accountsvc.v1 import accounts_pb2, lint_pb2, lint_pb2_grpc
from linter import Contact, Finding, Linter, LintResult, Purpose, Suggestion
from linter.engine import FieldTooLong
from linter.model import Field, Severity, Verdict

_PURPOSES = {
    lint_pb2.PURPOSE_UNSPECIFIED: None,
    lint_pb2.PURPOSE_BILLING: Purpose.BILLING,
    lint_pb2.PURPOSE_TECHNICAL: Purpose.TECHNICAL,
    lint_pb2.PURPOSE_SECURITY: Purpose.SECURITY,
    lint_pb2.PURPOSE_ACCOUNT: Purpose.ACCOUNT,
}
_VERDICTS = {
    Verdict.PERSONAL: lint_pb2.VERDICT_PERSONAL,
    Verdict.ROLE: lint_pb2.VERDICT_ROLE,
    Verdict.UNKNOWN: lint_pb2.VERDICT_UNKNOWN,
    Verdict.INVALID: lint_pb2.VERDICT_INVALID,
}
_SEVERITIES = {
    Severity.ERROR: lint_pb2.SEVERITY_ERROR,
    Severity.WARNING: lint_pb2.SEVERITY_WARNING,
    Severity.INFO: lint_pb2.SEVERITY_INFO,
}
# The linter's field names, as the request names them.
_REQUEST_FIELDS = {Field.ADDRESS: "postal_address"}


def request_field(field: Field) -> str:
    return _REQUEST_FIELDS.get(field, field.value)


def add_lint_result(
    message: lint_pb2.LintContactResponse | accounts_pb2.ContactLint,
    verdict: Verdict,
    findings: Iterable[tuple[str, Finding]],
    suggestions: Iterable[Suggestion],
) -> None:
    """Fill a message that has the lint's fields (verdict, findings, suggestions); each
    finding comes with the name of the field it is on."""
    message.verdict = _VERDICTS[verdict]
    # Fields set one by one: upb's add() with keyword arguments costs about half again.
    add_finding = message.findings.add
    for field, finding in findings:
        added = add_finding()
        added.rule = finding.rule
        added.field = field
        added.severity = _SEVERITIES[finding.severity]
        added.message = finding.message
        if finding.span is not None:
            added.span.start, added.span.end = finding.span
    add_suggestion = message.suggestions.add
    for suggestion in suggestions:
        suggested = add_suggestion()
        suggested.email = suggestion.email
        suggested.reason = suggestion.reason
        if suggestion.verified is not None:
            suggested.verified.value = suggestion.verified


def result_message(result: LintResult) -> lint_pb2.LintContactResponse:
    response = lint_pb2.LintContactResponse()
    add_lint_result(
        response,
        result.verdict,
        [(request_field(f.field), f) for f in result.findings],
        result.suggestions,
    )
    return response


class LintServicer(lint_pb2_grpc.LintServiceServicer):
    def __init__(self, linter: Linter) -> None:
        self.linter = linter

    @maps_domain_errors
    def LintContact(
        self, request: lint_pb2.LintContactRequest, context: grpc.ServicerContext
    ) -> lint_pb2.LintContactResponse:
        if request.purpose not in _PURPOSES:
            abort_invalid_argument(
                context, "purpose", f"unknown purpose value {request.purpose}", "UNKNOWN_PURPOSE"
            )
        contact = Contact(
            email=request.email,
            name=request.name,
            purpose=_PURPOSES[request.purpose],
            address=request.postal_address,
            domain=request.domain,
        )
        try:
            result = self.linter.lint(contact)
        except FieldTooLong as error:
            abort_invalid_argument(
                context, request_field(error.field), str(error), "FIELD_TOO_LONG"
            )
        return result_message(result)
