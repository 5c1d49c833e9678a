"""Shared fixtures for the linter's tests: one real `Linter`, loaded once per session.

Loading the word and domain lists takes a fraction of a second; every test that only
lints contacts shares this instance. A test that needs its own configuration builds
its own `Linter(LintConfig(...))`.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from linter import Contact, Field, Linter
from linter.model import Span

# Tests never ask the machine's resolver (see tests/support/cli.py). One that forgets
# --offline and names no nameserver gets this one instead, where nothing listens: its
# look-ups time out (seconds, and `verified: null`) rather than go out to the network.
os.environ["CONTACTLINT_NAMESERVER"] = "127.0.0.1:9"


@pytest.fixture(scope="session")
def linter() -> Linter:
    shared = Linter()
    shared.load()
    return shared


@pytest.fixture(scope="session")
def located(
    linter: Linter,
) -> Callable[[str, Contact], list[tuple[Field, Span | None, str | None]]]:
    """`located(code, contact)`: where rule `code` found something in `contact`.

    Each finding becomes (field, span, the text the span covers in that field), so a
    table row states both the exact span and what it points at."""

    def run(code: str, contact: Contact) -> list[tuple[Field, Span | None, str | None]]:
        out: list[tuple[Field, Span | None, str | None]] = []
        for finding in linter.lint(contact).findings:
            if finding.rule != code:
                continue
            value = getattr(contact, finding.field.value)
            covered = None if finding.span is None else value[finding.span[0] : finding.span[1]]
            out.append((finding.field, finding.span, covered))
        return out

    return run
