"""Domain values to protobuf messages: times reach the caller as `Timestamp.FromDatetime`
would write them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from google.protobuf.timestamp_pb2 import Timestamp
from hypothesis import given
from hypothesis import strategies as st

from accountsvc.api.messages import account_message
from accountsvc.resources import Account, AccountState, LintPolicy

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
