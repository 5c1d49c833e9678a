"""LintService.LintContact through generated stubs, against a real server on loopback."""

from __future__ import annotations

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from accountsvc.v1 import lint_pb2, lint_pb2_grpc
from tests.support.rpc_errors import call_error


@pytest.fixture
def lint(channel: grpc.Channel) -> lint_pb2_grpc.LintServiceStub:
    return lint_pb2_grpc.LintServiceStub(channel)


def test_personal_address_gets_findings_with_spans_and_suggestions(
    lint: lint_pb2_grpc.LintServiceStub,
) -> None:
    reply = lint.LintContact(
        lint_pb2.LintContactRequest(
            email="anna.svensson@kvarnbo.se",
            name="Anna Svensson",
            purpose=lint_pb2.PURPOSE_BILLING,
            postal_address="Att: Anna Svensson\nStorgatan 1\n111 22 Stockholm",
        ),
        timeout=5,
    )
    assert reply.verdict == lint_pb2.VERDICT_PERSONAL
    found = {(f.rule, f.field, f.span.start, f.span.end) for f in reply.findings}
    assert ("E002", "email", 0, 13) in found
    assert ("N001", "name", 0, 13) in found
    assert ("A001", "postal_address", 5, 18) in found
    assert reply.suggestions[0].email == "ekonomi@kvarnbo.se"
    assert not reply.suggestions[0].HasField("verified")


def test_role_address_has_no_findings(lint: lint_pb2_grpc.LintServiceStub) -> None:
    reply = lint.LintContact(lint_pb2.LintContactRequest(email="ekonomi@kvarnbo.se"), timeout=5)
    assert (reply.verdict, len(reply.findings), len(reply.suggestions)) == (
        lint_pb2.VERDICT_ROLE,
        0,
        0,
    )


def test_half_typed_address_is_invalid_not_an_error(lint: lint_pb2_grpc.LintServiceStub) -> None:
    reply = lint.LintContact(lint_pb2.LintContactRequest(email="anna.sv"), timeout=5)
    assert reply.verdict == lint_pb2.VERDICT_INVALID
    assert [f.rule for f in reply.findings] == ["E001"]


@pytest.mark.parametrize(
    ("request_", "field", "reason"),
    [
        pytest.param(
            lint_pb2.LintContactRequest(email="a@kvarnbo.se", name="x" * 5000),
            "name",
            "FIELD_TOO_LONG",
            id="name-too-long",
        ),
        pytest.param(
            lint_pb2.LintContactRequest(email="a@kvarnbo.se", postal_address="y" * 5000),
            "postal_address",
            "FIELD_TOO_LONG",
            id="address-too-long",
        ),
        pytest.param(
            lint_pb2.LintContactRequest(email="a@kvarnbo.se", purpose=99),  # type: ignore[arg-type]
            "purpose",
            "UNKNOWN_PURPOSE",
            id="unknown-purpose",
        ),
    ],
)
def test_bad_input_is_invalid_argument_naming_the_field(
    lint: lint_pb2_grpc.LintServiceStub,
    request_: lint_pb2.LintContactRequest,
    field: str,
    reason: str,
) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        lint.LintContact(request_, timeout=5)
    error = call_error(raised.value)
    assert (error.code, error.fields, error.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        [field],
        reason,
    )


def test_message_over_the_size_limit_is_refused(lint: lint_pb2_grpc.LintServiceStub) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        lint.LintContact(lint_pb2.LintContactRequest(name="z" * 2_000_000), timeout=5)
    assert raised.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


@pytest.mark.parametrize("service", ["accountsvc.v1.LintService", "accountsvc.v1.AccountService"])
def test_health_reports_each_service_serving(channel: grpc.Channel, service: str) -> None:
    stub = health_pb2_grpc.HealthStub(channel)
    reply = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
    assert reply.status == health_pb2.HealthCheckResponse.SERVING


def test_health_knows_no_other_service(channel: grpc.Channel) -> None:
    stub = health_pb2_grpc.HealthStub(channel)
    with pytest.raises(grpc.RpcError) as raised:
        stub.Check(health_pb2.HealthCheckRequest(service="accountsvc.v1.Nothing"), timeout=5)
    assert raised.value.code() == grpc.StatusCode.NOT_FOUND


def test_reflection_lists_the_services(channel: grpc.Channel) -> None:
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)
    replies = stub.ServerReflectionInfo(
        iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5
    )
    names = {s.name for reply in replies for s in reply.list_services_response.service}
    assert {
        "accountsvc.v1.LintService",
        "accountsvc.v1.AccountService",
        "grpc.health.v1.Health",
    } <= names
