"""The linter as a whole: field limits, rule selection, allowed addresses and domains."""

from __future__ import annotations

import pytest

from linter import Contact, Field, Linter, Purpose, Verdict
from linter.config import ConfigError, LintConfig
from linter.engine import MAX_FIELD_LENGTH, FieldTooLong

ONE_MEGABYTE = 1_000_000
ANNA = Contact(
    "anna.svensson@hotmail.se",
    name="Anna Svensson",
    purpose=Purpose.BILLING,
    address="Att: Anna Svensson, Storgatan 1",
    domain="kvarnbo.se",
)


@pytest.mark.parametrize(
    ("field", "contact"),
    [
        pytest.param(Field.EMAIL, Contact("a" * ONE_MEGABYTE + "@kvarnbo.se"), id="email"),
        pytest.param(Field.NAME, Contact("ekonomi@kvarnbo.se", name="A" * ONE_MEGABYTE), id="name"),
        pytest.param(
            Field.ADDRESS, Contact("ekonomi@kvarnbo.se", address="A" * ONE_MEGABYTE), id="address"
        ),
        pytest.param(
            Field.DOMAIN, Contact("ekonomi@kvarnbo.se", domain="a" * ONE_MEGABYTE), id="domain"
        ),
    ],
)
def test_one_megabyte_field_is_refused_naming_the_field(
    linter: Linter, field: Field, contact: Contact
) -> None:
    with pytest.raises(FieldTooLong, match=f"^the {field.value} field is ") as refused:
        linter.lint(contact)

    assert refused.value.field is field


def test_field_at_the_limit_is_linted(linter: Linter) -> None:
    name = "A" * MAX_FIELD_LENGTH

    assert linter.lint(Contact("ekonomi@kvarnbo.se", name=name)).verdict is Verdict.ROLE


def test_field_one_over_the_limit_is_refused(linter: Linter) -> None:
    with pytest.raises(FieldTooLong):
        linter.lint(Contact("ekonomi@kvarnbo.se", name="A" * (MAX_FIELD_LENGTH + 1)))


def test_all_rules_run_by_default(linter: Linter) -> None:
    assert [f.rule for f in linter.lint(ANNA).findings] == ["E002", "E003", "N001", "A001"]


@pytest.mark.parametrize(
    ("config", "rules"),
    [
        pytest.param(LintConfig(ignore=("E002",)), ["E003", "N001", "A001"], id="ignore-one"),
        pytest.param(LintConfig(ignore=("E",)), ["N001", "A001"], id="ignore-prefix"),
        pytest.param(LintConfig(select=("N",)), ["N001"], id="select-prefix"),
        pytest.param(
            LintConfig(select=("E", "A"), ignore=("E003",)), ["E002", "A001"], id="ignore-wins"
        ),
    ],
)
def test_rule_selection_changes_findings_not_verdict_or_suggestions(
    linter: Linter, config: LintConfig, rules: list[str]
) -> None:
    everything = linter.lint(ANNA)

    selected = Linter(config).lint(ANNA)

    assert ([f.rule for f in selected.findings], selected.verdict, selected.suggestions) == (
        rules,
        everything.verdict,
        everything.suggestions,
    )


def test_unknown_rule_code_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match="X9"):
        Linter(LintConfig(select=("X9",)))


@pytest.fixture(scope="module")
def allowing() -> Linter:
    return Linter(
        LintConfig(
            allowed_addresses=frozenset({"anna@soloconsult.se"}),
            allowed_domains=frozenset({"annasvensson.se"}),
            role_words=("verkstad",),
        )
    )


@pytest.mark.parametrize(
    "email",
    [
        pytest.param("anna@soloconsult.se", id="as-configured"),
        pytest.param("Anna@SoloConsult.SE", id="other-case"),
    ],
)
def test_allowed_address_gets_no_findings_or_suggestions(allowing: Linter, email: str) -> None:
    result = allowing.lint(Contact(email, name="Anna Svensson"))

    assert (result.verdict, result.findings, result.suggestions) == (Verdict.PERSONAL, (), ())


def test_other_address_at_the_same_domain_is_still_linted(allowing: Linter) -> None:
    result = allowing.lint(Contact("lars@soloconsult.se"))

    assert [f.rule for f in result.findings] == ["E002"]


def test_allowed_domain_is_not_a_personal_domain(allowing: Linter) -> None:
    result = allowing.lint(Contact("post@annasvensson.se"))

    assert (result.verdict, result.findings) == (Verdict.ROLE, ())


def test_allowed_domain_is_the_company_domain_for_suggestions(allowing: Linter) -> None:
    result = allowing.lint(Contact("anna@annasvensson.se", purpose=Purpose.BILLING))

    assert result.suggestions[0].email == "ekonomi@annasvensson.se"


def test_configured_role_word_makes_a_role(allowing: Linter, linter: Linter) -> None:
    contact = Contact("verkstad@kvarnbo.se")

    assert (allowing.lint(contact).verdict, linter.lint(contact).verdict) == (
        Verdict.ROLE,
        Verdict.UNKNOWN,
    )


def test_one_linter_gives_the_same_result_twice(linter: Linter) -> None:
    assert linter.lint(ANNA) == linter.lint(ANNA)
