"""Invariants of linting any contact: it never fails, spans stay in their fields, the
same input gives the same output, and the verdict is `invalid` exactly when E001 says so.

Fields are arbitrary Unicode text, or addresses built from words the linter knows (so
that the rules past the syntax check are reached), up to a few hundred characters."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from linter import Contact, Linter, LintResult, Purpose, Verdict
from linter.syntax import check_syntax

WORDS = ["anna", "svensson", "Anna", "a", "åsa", "ström", "ekonomi", "it", "support", "info",
         "lon", "per", "fіnance", "ѕupport", "ｅ", "ﬁ", "İ", "иван", "mu\u0308ller", "4111",
         "1111", "x", "Zbigniew", "brzeczyszczykiewicz"]  # fmt: skip
DOMAINS = ["kvarnbo.se", "gmail.com", "hotmail.se", "telia.com", "mailinator.com", "svensson.se",
           "annasvensson.se", "ström.se", "xn--strm-7qa.se", "anna-İİİİnsson.se",
           "bauwerk.de", "kvarnbo.co.uk", "ericsson.com", "kvarnbо.se"]  # fmt: skip

texts = st.text(max_size=300)
local_parts = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=8)), min_size=1, max_size=4
).flatmap(lambda words: st.sampled_from([".", "_", "-", "+", ""]).map(lambda s: s.join(words)))
addresses = st.builds(
    lambda local, domain: f"{local}@{domain}",
    local_parts,
    st.one_of(st.sampled_from(DOMAINS), st.text(min_size=1, max_size=20)),
)
names = st.one_of(
    texts,
    st.lists(st.sampled_from([*WORDS, "Dr.", "AB", "&", ","]), max_size=5).map(" ".join),
)
postal_addresses = st.one_of(
    texts,
    st.builds(
        lambda marker, name, rest: f"{marker} {name}{rest}",
        st.sampled_from(["Att:", "c/o", "z. Hd.", "t.a.v.", "Attn", "FAO", "Storgatan 1, att:"]),
        names,
        st.sampled_from(["", ", Storgatan 1", "\n111 22 Stockholm", "; 4111 1111 1111 1111"]),
    ),
)
contacts = st.builds(
    Contact,
    email=st.one_of(texts, addresses),
    name=names,
    purpose=st.one_of(st.none(), st.sampled_from(list(Purpose))),
    address=postal_addresses,
    domain=st.one_of(texts, st.sampled_from(["", *DOMAINS]), st.text(max_size=20)),
)

# Contacts that once put a span outside its field or an invalid address in a suggestion.
KNOWN_CASES = [
    Contact("İİİİİİİİİİаnna@x.se"),
    Contact("İаnna.svensson@kvarnbo.se"),
    Contact("x@anna-İİİİnsson.se"),
    Contact("ﬁnance@kvarnbo.se"),
    Contact("anna@gmail.com", domain="kvarnbo..se"),
]

property_settings = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.fixture(scope="module")
def second_linter() -> Linter:
    return Linter()


def with_known_cases(test: Callable[..., None]) -> Callable[..., None]:
    """Always try the known cases first, whatever hypothesis generates."""
    for contact in KNOWN_CASES:
        test = example(contact)(test)
    return test


@property_settings
@given(contacts)
@with_known_cases
def test_linting_any_contact_gives_a_result(linter: Linter, contact: Contact) -> None:
    result = linter.lint(contact)

    assert isinstance(result, LintResult) and result.verdict in set(Verdict)


@property_settings
@given(contacts)
@with_known_cases
def test_every_span_lies_inside_its_field(linter: Linter, contact: Contact) -> None:
    outside = [
        (f.rule, f.field.value, f.span, len(getattr(contact, f.field.value)))
        for f in linter.lint(contact).findings
        if f.span is not None
        and not 0 <= f.span[0] < f.span[1] <= len(getattr(contact, f.field.value))
    ]

    assert outside == []


@property_settings
@given(contacts)
def test_same_input_gives_the_same_output(
    linter: Linter, second_linter: Linter, contact: Contact
) -> None:
    first = linter.lint(contact)

    assert (linter.lint(contact), second_linter.lint(contact)) == (first, first)


@property_settings
@given(contacts)
def test_verdict_is_invalid_exactly_when_e001_is_found(linter: Linter, contact: Contact) -> None:
    result = linter.lint(contact)

    assert (result.verdict is Verdict.INVALID) == any(f.rule == "E001" for f in result.findings)


@property_settings
@given(contacts)
@with_known_cases
def test_every_suggestion_is_a_valid_address_other_than_the_input(
    linter: Linter, contact: Contact
) -> None:
    emails = [s.email for s in linter.lint(contact).suggestions]

    bad = [e for e in emails if check_syntax(e).error is not None or e == contact.email.lower()]
    assert bad == []
