"""Calls the account tests share."""

from __future__ import annotations

from google.protobuf import field_mask_pb2

from accountsvc.v1 import accounts_pb2 as pb
from accountsvc.v1 import accounts_pb2_grpc


def set_policy(
    accounts: accounts_pb2_grpc.AccountServiceStub, account: str, policy: pb.LintPolicy.ValueType
) -> None:
    """Put the account named `account` (`accounts/{id}`) under `policy`."""
    accounts.UpdateAccount(
        pb.UpdateAccountRequest(
            account=pb.Account(name=account, lint_policy=policy),
            update_mask=field_mask_pb2.FieldMask(paths=["lint_policy"]),
        ),
        timeout=5,
    )
