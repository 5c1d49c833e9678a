"""Domain values to protobuf messages: times reach the caller as `Timestamp.FromDatetime`
would write them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from google.protobuf.timestamp_pb2 import Timestamp
from hypothesis import given
from hypothesis import strategies as st

from accountsvc.api.lint import add_lint_result
from accountsvc.api.messages import account_message
from accountsvc.resources import Account, AccountState, LintPolicy
from accountsvc.v1 import lint_pb2
from linter.model import Field, Finding, Severity, Suggestion, Verdict

ZONES = st.sampled_from(
    [None, UTC, timezone(timedelta(hours=2)), timezone(-timedelta(hours=5, minutes=30))]
)


def with_times(create: datetime, update: datetime) -> Account:
    return Account(
        id="acc-1",
        master_email="ekonomi@kvarnbo.se",
        master_name="Kvarnbo AB",
        state=AccountState.ACTIVE,
        lint_policy=LintPolicy.ADVISE,
        etag="e1",
        create_time=create,
        update_time=update,
    )


def from_datetime(moment: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


@given(
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=ZONES)
)
def test_times_are_written_as_protobuf_writes_them(moment: datetime) -> None:
    message = account_message(with_times(moment, moment + timedelta(microseconds=1)))
    assert message.create_time == from_datetime(moment)
    assert message.update_time == from_datetime(moment + timedelta(microseconds=1))


def test_a_time_before_1970_keeps_its_fraction_positive() -> None:
    moment = datetime(1969, 12, 31, 23, 59, 59, 250000, tzinfo=UTC)
    message = account_message(with_times(moment, moment))
    assert (message.create_time.seconds, message.create_time.nanos) == (-1, 250_000_000)


def test_lint_results_carry_verified_only_where_dns_said() -> None:
    """`verified` is set, True or False, where DNS confirmed or refuted a suggestion, and
    absent (null in JSON) where it was not asked; findings keep their spans."""
    finding = Finding("E002", Field.EMAIL, Severity.WARNING, "a person's name", (0, 4))
    suggestions = [
        Suggestion("ekonomi@kvarnbo.se", "a billing role address", True),
        Suggestion("faktura@gammal.se", "a billing role address", False),
        Suggestion("finance@kvarnbo.se", "a billing role address", None),
    ]
    message = lint_pb2.LintContactResponse()
    add_lint_result(message, Verdict.PERSONAL, [("email", finding)], suggestions)
    read = lint_pb2.LintContactResponse.FromString(message.SerializeToString())
    assert [
        (s.email, s.verified.value if s.HasField("verified") else None) for s in read.suggestions
    ] == [("ekonomi@kvarnbo.se", True), ("faktura@gammal.se", False), ("finance@kvarnbo.se", None)]
    (found,) = read.findings
    assert (found.rule, found.field, found.severity, found.span.start, found.span.end) == (
        "E002",
        "email",
        lint_pb2.SEVERITY_WARNING,
        0,
        4,
    )
