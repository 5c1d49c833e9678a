"""The public suffix reader gives tldextract's answers on tldextract's own snapshot, and
the linter starts without importing tldextract's fetching machinery."""

from __future__ import annotations

import subprocess
import sys

import pytest
import tldextract
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.address import Domain, DomainReader
from linter.public_suffix import PublicSuffixList, bundled_snapshot

SNAPSHOT = bundled_snapshot().read_text(encoding="utf-8")
ICANN, _, PRIVATE = SNAPSHOT.partition("// ===BEGIN PRIVATE DOMAINS===")


def rules(section: str) -> list[str]:
    return [
        line.split()[0]
        for line in section.splitlines()
        if line.strip() and not line.lstrip().startswith("//")
    ]


@pytest.fixture(scope="module")
def reference() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@pytest.fixture(scope="module")
def reader() -> DomainReader:
    return DomainReader()


def as_tldextract_reads(extract: tldextract.TLDExtract, domain: str) -> Domain:
    """What `DomainReader` made of tldextract's answer when it called tldextract."""
    parts = extract(domain)
    registrable = f"{parts.domain}.{parts.suffix}" if parts.domain and parts.suffix else domain
    return Domain(domain, registrable, parts.suffix, parts.domain or domain.split(".")[0])


def domains_around(rule: str) -> list[str]:
    """The rule itself, a name registered under it, and one a level deeper."""
    body = rule.lstrip("!")
    body = body[2:] if body.startswith("*.") else body
    names = [body, f"kvarnbo.{body}", f"mail.kvarnbo.{body}"]
    if rule.startswith("*."):
        names += [f"x.{body}", f"kvarnbo.x.{body}"]
    return names


def test_every_rule_of_the_snapshot_splits_as_tldextract_splits_it(
    reference: tldextract.TLDExtract, reader: DomainReader
) -> None:
    """ICANN rules (wildcards and exceptions among them) and private ones, which both
    leave out as tldextract does by default."""
    names = [name for rule in rules(ICANN) + rules(PRIVATE) for name in domains_around(rule)]
    assert len(names) > 20_000

    differ = [
        (name, reader.read(name), expected)
        for name in names
        if reader.read(name) != (expected := as_tldextract_reads(reference, name))
    ]

    assert differ == []


@pytest.mark.parametrize(
    ("name", "label", "suffix"),
    [
        ("kvarnbo.co.uk", "kvarnbo", "co.uk"),
        ("co.uk", "", "co.uk"),
        ("kvarnbo.x.ck", "kvarnbo", "x.ck"),  # *.ck
        ("kvarnbo.www.ck", "www", "ck"),  # !www.ck
        ("kvarnbo.blogspot.com", "blogspot", "com"),  # a private rule: not a suffix here
        ("kvarnbo.invalid", "invalid", ""),  # no rule
        ("ström.xn--p1ai", "ström", "xn--p1ai"),  # рф written in Punycode
        ("kvarnbo.рф", "kvarnbo", "рф"),
    ],
)
def test_known_splits(name: str, label: str, suffix: str) -> None:
    suffixes = PublicSuffixList(SNAPSHOT)

    assert suffixes.split(name.split(".")) == (label, suffix)


LABEL = st.text(alphabet="abcåöüø0123456789-", min_size=1, max_size=12).filter(
    lambda label: not label.startswith("-") and not label.endswith("-")
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LABEL, min_size=1, max_size=3), st.sampled_from(rules(ICANN) + rules(PRIVATE)))
def test_any_name_under_any_rule_splits_as_tldextract_splits_it(
    reference: tldextract.TLDExtract, reader: DomainReader, labels: list[str], rule: str
) -> None:
    body = rule.lstrip("!").removeprefix("*.")
    name = ".".join([*labels, body])

    assert reader.read(name) == as_tldextract_reads(reference, name)


def test_linting_starts_without_tldextracts_fetching_machinery() -> None:
    """tldextract's import brings requests and urllib3, a third of a short run's time."""
    code = (
        "import sys\n"
        "from linter import Contact, Linter\n"
        "Linter().lint(Contact('anna.svensson@kvarnbo.co.uk'))\n"
        "print(sorted(m for m in ('tldextract', 'requests', 'urllib3') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )

    assert done.stdout.strip() == "[]"
