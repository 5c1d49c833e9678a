"""Command lines for tests: DNS stays off unless a test names its own nameserver.

Tests never ask the machine's resolver: they pass `--offline`, or `--nameserver` with
the loopback DNS server of `tests.support.dns_server`.
"""

from __future__ import annotations

from collections.abc import Sequence

_LINTING_COMMANDS = frozenset({"check", "audit"})


def offline_unless_told(args: Sequence[str]) -> list[str]:
    """`args` with `--offline` added to `check` and `audit` that name no nameserver."""
    args = list(args)
    if args and args[0] in _LINTING_COMMANDS and not {"--offline", "--nameserver"} & set(args):
        args.append("--offline")
    return args
