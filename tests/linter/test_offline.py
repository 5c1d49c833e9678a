"""The linter needs no network: with every way out of the process refused, linting and
a whole `contactlint audit` still complete, and nothing even tried to connect.

Sockets are refused in-process (connect, create_connection, getaddrinfo), and so are
HTTP requests and tldextract's fetch of a suffix-list URL, which would otherwise fail
quietly and fall back to the bundled snapshot, hiding the attempt."""

from __future__ import annotations

import gc
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import tldextract
import tldextract.cache

from linter import Contact, Linter, Purpose, Verdict
from linter.address import DomainReader
from linter.cli import main

CONTACTS = [
    Contact("anna.svensson@kvarnbo.se", name="Anna Svensson", purpose=Purpose.BILLING),
    Contact("ekonomi@kvarnbo.se", address="Att: Anna Svensson, Storgatan 1, 111 22 Stockholm"),
    Contact("anna1987@hotmail.se", domain="kvarnbo.se"),
    Contact("kvarnbo.ekonomi@gmail.com"),
    Contact("ekonomi@mailinator.com"),
    Contact("post@annasvensson.se"),
    Contact("fіnance@kvarnbo.se"),
    Contact("åsa.ström@ström.se"),
    Contact("jurgen.mueller@bauwerk.de", purpose=Purpose.TECHNICAL),
    Contact("ops@mail.kvarnbo.co.uk"),
    Contact("anna@xn--strm-7qa.se"),
    Contact("ekonomi@kvarnbo.se", name="4111 1111 1111 1111"),
    Contact("anna..svensson@kvarnbo.se"),
]


class Attempts:
    """Every attempt to reach the network, by what was called and with what."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def refuse(self, what: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((what, repr(args[1:] if what.startswith("socket.") else args)))
            # An OSError, and the RequestException tldextract expects from a failed fetch.
            raise requests.exceptions.ConnectionError(f"test: no network ({what})")

        return refused


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> Attempts:
    recorded = Attempts()
    for owner, name, label in (
        (socket.socket, "connect", "socket.connect"),
        (socket.socket, "connect_ex", "socket.connect_ex"),
        (socket, "create_connection", "create_connection"),
        (socket, "getaddrinfo", "getaddrinfo"),
        (requests.Session, "send", "requests"),
        (tldextract.cache.DiskCache, "cached_fetch_url", "tldextract-fetch"),
    ):
        monkeypatch.setattr(owner, name, recorded.refuse(label))
    return recorded


@pytest.fixture
def restore_gc() -> Iterator[None]:
    """`run_audit` freezes the collector and raises its threshold for the process."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_refusal_is_in_place(attempts: Attempts) -> None:
    """The guard itself works: a connection attempt is refused and recorded."""
    with pytest.raises(OSError, match="no network"):
        socket.create_connection(("192.0.2.1", 25), timeout=1)

    assert [what for what, _args in attempts.calls] == ["create_connection"]


def test_linting_needs_no_network(attempts: Attempts) -> None:
    linter = Linter()  # built under the guard: its lists and tldextract load here

    verdicts = [linter.lint(contact).verdict for contact in CONTACTS]

    assert (verdicts[:4], verdicts[-1], attempts.calls) == (
        [Verdict.PERSONAL, Verdict.ROLE, Verdict.PERSONAL, Verdict.ROLE],
        Verdict.INVALID,
        [],
    )


def test_the_domain_reader_never_fetches_the_suffix_list(attempts: Attempts) -> None:
    reader = DomainReader()

    registrable = [
        reader.read(d).registrable
        for d in ("mail.kvarnbo.co.uk", "kvarnbo.se", "x.y.bauwerk.de", "ström.se", "localhost")
    ]

    assert (registrable, attempts.calls) == (
        ["kvarnbo.co.uk", "kvarnbo.se", "bauwerk.de", "ström.se", "localhost"],
        [],
    )


def test_audit_command_needs_no_network(
    attempts: Attempts,
    restore_gc: None,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    records = [
        {"id": "1", "email": "anna.svensson@kvarnbo.se", "name": "Anna Svensson",
         "purpose": "billing"},
        {"id": "2", "email": "ekonomi@kvarnbo.se", "address": "Att: Lars Nilsson, Storgatan 1"},
        {"id": "3", "email": "lars1972@hotmail.se", "domain": "kvarnbo.se"},
        {"id": "4", "email": "ops@kvarnbo.se", "purpose": "technical"},
    ]  # fmt: skip
    source = tmp_path / "contacts.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    status = main(
        ["audit", str(source), "--format", "jsonl", "--offline", "--isolated", "--jobs", "1",
         "--no-progress"]
    )  # fmt: skip

    lines = [json.loads(line) for line in capsysbinary.readouterr().out.splitlines()]
    assert (status, [(r["id"], r["verdict"]) for r in lines], attempts.calls) == (
        1,
        [("1", "personal"), ("2", "role"), ("3", "personal"), ("4", "role")],
        [],
    )


def test_refusal_catches_a_tldextract_that_would_fetch(attempts: Attempts) -> None:
    """The guard would see a fetch: tldextract with its default URLs tries them."""
    fetching = tldextract.TLDExtract(cache_dir=None)

    fetching("kvarnbo.se")

    assert {what for what, _args in attempts.calls} == {"tldextract-fetch"}
