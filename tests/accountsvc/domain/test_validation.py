"""Checks of single values: which field, what is wrong, and the reason a caller acts on."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountsvc.domain import validation
from accountsvc.domain.errors import FieldViolation, InvalidArgument
from accountsvc.domain.validation import Problem, problem
from accountsvc.resources import PostalAddress

VALID_HASH = "sha256:" + hashlib.sha256(b"verified card").hexdigest()


def found(problems: Iterable[Problem]) -> list[tuple[str, str]]:
    """Each problem as (field, reason)."""
    return [(p.violation.field, p.reason) for p in problems]


# raise_if_any


def test_every_problem_of_a_request_goes_into_one_error_in_order() -> None:
    problems = [
        problem("account.master_email", "is required", "REQUIRED_FIELD"),
        problem("billing_info.email", "is longer than 254 characters", "FIELD_TOO_LONG"),
    ]
    with pytest.raises(InvalidArgument) as raised:
        validation.raise_if_any(problems)
    assert raised.value.violations == (
        FieldViolation("account.master_email", "is required"),
        FieldViolation("billing_info.email", "is longer than 254 characters"),
    )


def test_the_first_problems_reason_is_the_errors_reason() -> None:
    problems = [
        problem("account.master_email", "is required", "REQUIRED_FIELD"),
        problem("billing_info.email", "is longer than 254 characters", "FIELD_TOO_LONG"),
    ]
    with pytest.raises(InvalidArgument) as raised:
        validation.raise_if_any(problems)
    assert raised.value.reason == "REQUIRED_FIELD"


def test_card_data_decides_the_reason_wherever_it_is() -> None:
    problems = [
        problem("account.master_email", "is required", "REQUIRED_FIELD"),
        problem(
            "billing_info.payment_verification_hash", "looks like card data", "CARD_DATA_REFUSED"
        ),
    ]
    with pytest.raises(InvalidArgument) as raised:
        validation.raise_if_any(problems)
    assert raised.value.reason == "CARD_DATA_REFUSED"


def test_a_generator_of_problems_is_read_once_and_raised() -> None:
    with pytest.raises(InvalidArgument) as raised:
        validation.raise_if_any(validation.email("billing_info.email", ""))
    assert [v.field for v in raised.value.violations] == ["billing_info.email"]


def test_problem_defaults_to_the_invalid_field_reason() -> None:
    assert problem("city", "holds control characters") == Problem(
        FieldViolation("city", "holds control characters"), "INVALID_FIELD"
    )


# email


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ekonomi@kvarnbo.se", []),
        ("", [("billing_info.email", "REQUIRED_FIELD")]),
        ("a" * 242 + "@kvarnbo.se", []),  # 253 characters
        ("a" * 243 + "@kvarnbo.se", []),  # 254 characters, the longest accepted
        ("a" * 244 + "@kvarnbo.se", [("billing_info.email", "FIELD_TOO_LONG")]),
    ],
    ids=["role-address", "empty", "253-chars", "254-chars", "255-chars"],
)
def test_email_is_required_and_at_most_254_characters(
    value: str, expected: list[tuple[str, str]]
) -> None:
    assert found(validation.email("billing_info.email", value)) == expected


def test_email_syntax_is_left_to_the_linter() -> None:
    assert found(validation.email("billing_info.email", "not an address")) == []


def test_too_long_email_says_the_limit() -> None:
    (too_long,) = validation.email("email", "a" * 300)
    assert too_long.violation.description == "is longer than 254 characters"


# text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Ekonomi", []),
        ("", []),
        ("x" * 200, []),
        ("x" * 201, [("master_name", "FIELD_TOO_LONG")]),
        ("Ekonomi\nAnna", [("master_name", "INVALID_FIELD")]),
        ("Ekonomi\tAnna", [("master_name", "INVALID_FIELD")]),
        ("Ekonomi\x00", [("master_name", "INVALID_FIELD")]),
        ("Åsa Ökvist-Ärlig", []),
    ],
    ids=[
        "plain",
        "empty",
        "at-limit",
        "over-limit",
        "line-break",
        "tab",
        "nul",
        "non-ascii-letters",
    ],
)
def test_text_has_a_length_limit_and_no_control_characters(
    value: str, expected: list[tuple[str, str]]
) -> None:
    assert found(validation.text("master_name", value, 200)) == expected


def test_text_names_a_line_break_in_its_description() -> None:
    (broken,) = validation.text("city", "Stock\nholm", 100)
    assert broken.violation == FieldViolation("city", "holds control characters (a line break?)")


def test_too_long_text_with_control_characters_reports_only_the_length() -> None:
    assert found(validation.text("city", "\n" * 101, 100)) == [("city", "FIELD_TOO_LONG")]


@given(st.text(alphabet=st.characters(min_codepoint=32), max_size=100))
def test_text_without_control_characters_within_the_limit_is_accepted(value: str) -> None:
    assert list(validation.text("city", value, 100)) == []


# postal_address


def test_a_swedish_address_is_accepted() -> None:
    address = PostalAddress(("Storgatan 1",), "111 22", "Stockholm", "SE")
    assert found(validation.postal_address("billing_info.postal_address", address)) == []


def test_an_empty_address_is_accepted() -> None:
    assert found(validation.postal_address("postal_address", PostalAddress())) == []


def test_more_than_five_address_lines_are_refused_on_the_lines_field() -> None:
    address = PostalAddress(tuple(f"Rad {i}" for i in range(6)))
    assert found(validation.postal_address("billing_info.postal_address", address)) == [
        ("billing_info.postal_address.address_lines", "FIELD_TOO_LONG")
    ]


def test_five_address_lines_are_accepted() -> None:
    address = PostalAddress(tuple(f"Rad {i}" for i in range(5)))
    assert found(validation.postal_address("postal_address", address)) == []


def test_a_bad_address_line_is_named_by_its_index() -> None:
    address = PostalAddress(("Storgatan 1", "Box 12\n", "x" * 101))
    assert found(validation.postal_address("billing_info.postal_address", address)) == [
        ("billing_info.postal_address.address_lines[1]", "INVALID_FIELD"),
        ("billing_info.postal_address.address_lines[2]", "FIELD_TOO_LONG"),
    ]


def test_postal_code_and_city_have_their_own_limits() -> None:
    address = PostalAddress((), "1" * 21, "x" * 101)
    assert found(validation.postal_address("postal_address", address)) == [
        ("postal_address.postal_code", "FIELD_TOO_LONG"),
        ("postal_address.city", "FIELD_TOO_LONG"),
    ]


@pytest.mark.parametrize(
    ("country_code", "accepted"),
    [("SE", True), ("", True), ("se", False), ("SWE", False), ("S", False), ("S1", False)],
    ids=["alpha-2", "unset", "lower-case", "alpha-3", "one-letter", "digit"],
)
def test_country_code_is_iso_alpha_2_in_capitals(country_code: str, accepted: bool) -> None:
    address = PostalAddress(country_code=country_code)
    problems = found(validation.postal_address("postal_address", address))
    assert problems == ([] if accepted else [("postal_address.country_code", "INVALID_FIELD")])


# payment_verification_hash


def test_a_documented_hash_is_accepted() -> None:
    assert found(validation.payment_verification_hash("hash", VALID_HASH)) == []


def test_no_hash_is_accepted() -> None:
    assert found(validation.payment_verification_hash("hash", "")) == []


@given(st.binary())
def test_every_sha256_hash_in_the_documented_format_is_accepted(data: bytes) -> None:
    value = "sha256:" + hashlib.sha256(data).hexdigest()
    assert list(validation.payment_verification_hash("hash", value)) == []


@pytest.mark.parametrize(
    "value",
    [
        "sha256:abcdef",
        "md5:d41d8cd98f00b204e9800998ecf8427e",
        "sha256:" + "g" * 64,
        "abcdef" * 5,
        " " + VALID_HASH,
        VALID_HASH.upper(),
        VALID_HASH[:-1],
        hashlib.sha256(b"verified card").hexdigest(),
    ],
    ids=[
        "too-short",
        "other-algorithm",
        "not-hex",
        "no-prefix",
        "leading-space",
        "upper-case",
        "one-digit-short",
        "prefix-missing",
    ],
)
def test_other_hash_shapes_are_refused_with_the_format(value: str) -> None:
    (refused,) = validation.payment_verification_hash(
        "billing_info.payment_verification_hash", value
    )
    assert refused.reason == "INVALID_PAYMENT_HASH"
    assert refused.violation == FieldViolation(
        "billing_info.payment_verification_hash",
        "must be sha256: followed by 64 lower-case hexadecimal digits",
    )


@given(st.one_of(st.text(), st.from_regex(r"sha256:[0-9a-fA-F]{60,68}", fullmatch=True)))
def test_nothing_but_the_documented_format_is_accepted(value: str) -> None:
    accepted = not list(validation.payment_verification_hash("hash", value))
    documented = value == "" or (
        value.startswith("sha256:")
        and len(value) == 71
        and set(value[7:]) <= set("0123456789abcdef")
    )
    assert accepted == documented


@pytest.mark.parametrize(
    "value",
    [
        "4111111111111111",
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "card 5555 5555 5555 4444",
        "123456789012",
        "1234 5678 9012",
    ],
    ids=["digits", "spaced", "dashed", "card-number-among-words", "twelve-digits", "spaced-twelve"],
)
def test_card_like_values_are_refused_as_card_data(value: str) -> None:
    (refused,) = validation.payment_verification_hash("hash", value)
    assert refused.reason == "CARD_DATA_REFUSED"


def test_card_data_is_never_echoed_in_the_description() -> None:
    (refused,) = validation.payment_verification_hash("hash", "4111 1111 1111 1111")
    assert "4111" not in refused.violation.description
    assert "sha256:" in refused.violation.description


@pytest.mark.parametrize(
    "value",
    ["41111111111", "a1b2c3d4e5f6g7h8i9j0k1l2", "order 1234567890123"],
    ids=["eleven-digits", "digits-between-letters", "non-luhn-run-among-words"],
)
def test_digits_that_are_not_card_like_are_a_malformed_hash(value: str) -> None:
    (refused,) = validation.payment_verification_hash("hash", value)
    assert refused.reason == "INVALID_PAYMENT_HASH"


# language


@pytest.mark.parametrize(
    "value",
    ["", "sv", "en-GB", "zh-Hant-TW", "sgn", "es-419", "de-CH-1901"],
    ids=["unset", "primary", "region", "script-region", "three-letters", "un-m49", "variant"],
)
def test_bcp47_shaped_language_tags_are_accepted(value: str) -> None:
    assert found(validation.language("language", value)) == []


@pytest.mark.parametrize(
    "value",
    ["english", "e", "en_GB", "en-", "12", "en-" + "a" * 9, "en-" + "-".join(["abcdefgh"] * 4)],
    ids=[
        "word",
        "one-letter",
        "underscore",
        "empty-subtag",
        "digits",
        "long-subtag",
        "over-35-chars",
    ],
)
def test_other_language_values_are_refused_with_an_example(value: str) -> None:
    (refused,) = validation.language("technical_contacts[0].language", value)
    assert refused.violation == FieldViolation(
        "technical_contacts[0].language", "must be a BCP 47 language tag, e.g. sv or en-GB"
    )


# request_id


def test_a_uuid_request_id_is_accepted() -> None:
    assert found(validation.request_id("request_id", "3f2c5f8e-8d4a-4b7e-9c1d-2a6b0e4f7a15")) == []


def test_no_request_id_is_accepted() -> None:
    assert found(validation.request_id("request_id", "")) == []


@pytest.mark.parametrize(
    "value",
    ["retry-1", "3f2c5f8e-8d4a-4b7e-9c1d", "3f2c5f8e-8d4a-4b7e-9c1d-2a6b0e4f7a1g"],
    ids=["word", "truncated", "not-hex"],
)
def test_a_request_id_that_is_not_a_uuid_is_refused(value: str) -> None:
    assert found(validation.request_id("request_id", value)) == [("request_id", "INVALID_FIELD")]


def test_canonical_request_id_is_the_lower_case_hyphenated_form() -> None:
    assert (
        validation.canonical_request_id("3F2C5F8E8D4A4B7E9C1D2A6B0E4F7A15")
        == "3f2c5f8e-8d4a-4b7e-9c1d-2a6b0e4f7a15"
    )


def test_canonical_request_id_of_nothing_is_nothing() -> None:
    assert validation.canonical_request_id("") == ""


@given(st.uuids())
def test_every_spelling_of_a_uuid_has_one_canonical_request_id(value: uuid.UUID) -> None:
    spellings = [str(value), str(value).upper(), value.hex, f"{{{value}}}"]
    assert {validation.canonical_request_id(s) for s in spellings} == {str(value)}
