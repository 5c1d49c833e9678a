"""Configuration: found from the working directory, read strictly, put under the flags."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from linter.cli import main
from linter.config import (
    ConfigError,
    LintConfig,
    find_config_file,
    merge_suggestions,
    read_config_file,
)
from linter.rules import RULES
from tests.support.cli import offline_unless_told

CODES = tuple(rule.code for rule in RULES)
DOMAIN_RULES = {"E003", "E004", "E005", "E007"}


@pytest.fixture(autouse=True)
def clean_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Work in `tmp_path`, and give the test process back the collector settings that an
    in-process run of the CLI changes."""
    monkeypatch.chdir(tmp_path)
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def check(
    capsysbinary: pytest.CaptureFixture[bytes], email: str, *args: str
) -> tuple[int, dict[str, Any], bytes]:
    """`contactlint check EMAIL --format json`: exit status, the object, stderr."""
    status = main(offline_unless_told(["check", email, "--format", "json", *args]))
    out, err = capsysbinary.readouterr()
    return status, (orjson.loads(out) if out else {}), err


def rules_of(result: dict[str, Any]) -> list[str]:
    return [finding["rule"] for finding in result["findings"]]


# --- Finding the file ---------------------------------------------------------------------


def test_contactlint_toml_in_the_start_directory(tmp_path: Path) -> None:
    (tmp_path / "contactlint.toml").write_text("")
    assert find_config_file(tmp_path) == tmp_path / "contactlint.toml"


def test_hidden_contactlint_toml(tmp_path: Path) -> None:
    (tmp_path / ".contactlint.toml").write_text("")
    assert find_config_file(tmp_path) == tmp_path / ".contactlint.toml"


def test_nearest_parent_with_a_file(tmp_path: Path) -> None:
    (tmp_path / "contactlint.toml").write_text("")
    start = tmp_path / "a" / "b"
    start.mkdir(parents=True)
    assert find_config_file(start) == tmp_path / "contactlint.toml"


def test_pyproject_with_a_contactlint_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.contactlint]\nselect = ["E"]\n')
    assert find_config_file(tmp_path) == tmp_path / "pyproject.toml"


def test_pyproject_without_a_contactlint_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "contactlint.toml").write_text("")
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n")
    assert find_config_file(project) == tmp_path / "contactlint.toml"


def test_contactlint_toml_before_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.contactlint]\nselect = ["E"]\n')
    (tmp_path / "contactlint.toml").write_text("")
    assert find_config_file(tmp_path) == tmp_path / "contactlint.toml"


# --- Reading it ---------------------------------------------------------------------------


def test_read_every_key(tmp_path: Path) -> None:
    path = tmp_path / "contactlint.toml"
    path.write_text(
        'select = ["e", "N"]\n'
        'ignore = ["E007"]\n'
        'role-words = ["kassa", " lager "]\n'
        'allowed-addresses = ["Anna@SoloConsult.se"]\n'
        'allowed-domains = ["Kvarnbo.se"]\n'
        "[suggestions.billing]\n"
        'sv = ["ekonomi", "faktura"]\n'
    )
    config = read_config_file(path)
    assert config == LintConfig(
        select=("E", "N"),
        ignore=("E007",),
        role_words=("kassa", "lager"),
        allowed_addresses=frozenset({"anna@soloconsult.se"}),
        allowed_domains=frozenset({"kvarnbo.se"}),
        suggestions={"billing": {"sv": ("ekonomi", "faktura")}},
        source=str(path),
    )


def test_read_the_table_in_pyproject(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[tool.contactlint]\nignore = ["N"]\n')
    config = read_config_file(path)
    assert config.ignore == ("N",)
    assert config.source == f"{path} [tool.contactlint]"


@pytest.mark.parametrize(
    ("select", "ignore", "chosen"),
    [
        pytest.param((), (), set(CODES), id="everything-by-default"),
        pytest.param(("E",), (), {c for c in CODES if c.startswith("E")}, id="select-prefix"),
        pytest.param(
            ("E00",),
            ("E002",),
            {c for c in CODES if c.startswith("E00")} - {"E002"},
            id="ignore-wins-over-select",
        ),
        pytest.param(("N001", "A"), (), {"N001", "A001"}, id="select-code-and-prefix"),
        pytest.param((), ("E", "C"), {"N001", "A001"}, id="ignore-prefixes"),
    ],
)
def test_selected_codes(select: tuple[str, ...], ignore: tuple[str, ...], chosen: set[str]) -> None:
    assert LintConfig(select=select, ignore=ignore).selected_codes(CODES) == chosen


def test_configured_suggestions_replace_a_language_and_keep_the_rest() -> None:
    base = {
        "billing": {"default": ("finance",), "sv": ("ekonomi",)},
        "technical": {"sv": ("drift",)},
    }
    merged = merge_suggestions(base, {"billing": {"sv": ("kassa",)}})
    assert merged == {
        "billing": {"default": ("finance",), "sv": ("kassa",)},
        "technical": {"sv": ("drift",)},
    }


# --- Errors: exit 2, naming the file and the key ------------------------------------------


def test_unknown_key_lists_the_known_ones(tmp_path: Path) -> None:
    path = tmp_path / "contactlint.toml"
    path.write_text("role_words = []\n")
    known = "allowed-addresses, allowed-domains, ignore, role-words, select, suggestions"
    with pytest.raises(ConfigError, match=f"unknown key 'role_words' \\(known: {known}\\)"):
        read_config_file(path)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        pytest.param(
            "contactlint.toml", 'colour = "red"\n', "unknown key 'colour'", id="unknown-key"
        ),
        pytest.param(
            "contactlint.toml",
            'select = "E"\n',
            "'select' must be a list of strings",
            id="select-not-a-list",
        ),
        pytest.param(
            "contactlint.toml",
            "role-words = [1]\n",
            "'role-words' must be a list of strings",
            id="role-word-not-a-string",
        ),
        pytest.param(
            "contactlint.toml",
            "allowed-domains = true\n",
            "'allowed-domains' must be a list of strings",
            id="allowed-domains-not-a-list",
        ),
        pytest.param(
            "contactlint.toml",
            "suggestions = 1\n",
            "'suggestions' must be a table",
            id="suggestions-not-a-table",
        ),
        pytest.param(
            "contactlint.toml",
            '[suggestions.marketing]\nsv = ["x"]\n',
            "unknown purpose 'suggestions.marketing'",
            id="unknown-purpose",
        ),
        pytest.param(
            "contactlint.toml",
            '[suggestions]\nbilling = ["x"]\n',
            "'suggestions.billing' must map languages to lists",
            id="purpose-not-a-table",
        ),
        pytest.param(
            "contactlint.toml",
            '[suggestions.billing]\nsv = "x"\n',
            "[suggestions.billing]: 'sv' must be a list of strings",
            id="language-not-a-list",
        ),
        pytest.param("contactlint.toml", 'select = ["Z9"]\n', "'Z9'", id="select-matches-no-rule"),
        pytest.param(
            "contactlint.toml", "select = [\n", "cannot read configuration", id="invalid-toml"
        ),
        pytest.param(
            "pyproject.toml",
            '[tool.contactlint]\ncolour = "red"\n',
            "[tool.contactlint]: unknown key 'colour'",
            id="pyproject-unknown-key",
        ),
    ],
)
def test_bad_configuration_exits_2_naming_the_file_and_the_problem(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], name: str, text: str, expected: str
) -> None:
    (tmp_path / name).write_text(text)
    status, result, err = check(capsysbinary, "ekonomi@kvarnbo.se")
    assert status == 2
    assert result == {}
    message = err.decode()
    assert message.startswith(f"contactlint: {tmp_path / name}")
    assert expected in message


@pytest.mark.parametrize("key", ["select", "ignore"])
def test_prefix_that_matches_no_rule_names_its_key(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], key: str
) -> None:
    (tmp_path / "contactlint.toml").write_text(f'{key} = ["Z9"]\n')
    status, _, err = check(capsysbinary, "ekonomi@kvarnbo.se")
    assert status == 2
    assert f"'{key}'" in err.decode()


def test_select_flag_that_matches_no_rule_is_blamed_on_the_flag(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    # The file is fine; the bad prefix came from the command line.
    (tmp_path / "contactlint.toml").write_text('select = ["E"]\n')
    status, _, err = check(capsysbinary, "ekonomi@kvarnbo.se", "--select", "Z9")
    message = err.decode()
    assert status == 2
    assert "--select" in message
    assert "contactlint.toml" not in message


def test_unreadable_config_flag_file_exits_2(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, _, err = check(capsysbinary, "ekonomi@kvarnbo.se", "--config", "missing.toml")
    assert status == 2
    assert b"missing.toml: cannot read configuration" in err


# --- The file changes what the CLI reports ------------------------------------------------

NAMED_CONTACT = ("anna.svensson@kvarnbo.se", "--name", "Anna Svensson")


def test_without_configuration_both_name_rules_report(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    assert rules_of(check(capsysbinary, *NAMED_CONTACT)[1]) == ["E002", "N001"]


def test_select_in_contactlint_toml(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    (tmp_path / "contactlint.toml").write_text('select = ["N"]\n')
    assert rules_of(check(capsysbinary, *NAMED_CONTACT)[1]) == ["N001"]


def test_ignore_in_pyproject(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.contactlint]\nignore = ["E00"]\n')
    assert rules_of(check(capsysbinary, *NAMED_CONTACT)[1]) == ["N001"]


def test_configuration_is_found_from_a_subdirectory(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "contactlint.toml").write_text('ignore = ["N001"]\n')
    below = tmp_path / "exports" / "2026"
    below.mkdir(parents=True)
    monkeypatch.chdir(below)
    assert rules_of(check(capsysbinary, *NAMED_CONTACT)[1]) == ["E002"]


def test_ignoring_every_finding_exits_0(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    (tmp_path / "contactlint.toml").write_text('ignore = ["E", "N"]\n')
    status, result, _ = check(capsysbinary, *NAMED_CONTACT)
    assert (status, result["findings"], result["verdict"]) == (0, [], "personal")


def test_select_flag_replaces_the_files_select(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    (tmp_path / "contactlint.toml").write_text('select = ["N"]\n')
    assert rules_of(check(capsysbinary, *NAMED_CONTACT, "--select", "e")[1]) == ["E002"]


def test_ignore_flag_replaces_the_files_ignore(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    (tmp_path / "contactlint.toml").write_text('ignore = ["E002"]\n')
    assert rules_of(check(capsysbinary, *NAMED_CONTACT, "--ignore", "N")[1]) == ["E002"]


def test_isolated_ignores_the_file(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    (tmp_path / "contactlint.toml").write_text('select = ["N"]\n')
    assert rules_of(check(capsysbinary, *NAMED_CONTACT, "--isolated")[1]) == ["E002", "N001"]


def test_isolated_ignores_even_a_broken_file(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    (tmp_path / "contactlint.toml").write_text("select = [\n")
    assert check(capsysbinary, "ekonomi@kvarnbo.se", "--isolated")[0] == 0


def test_config_flag_names_the_file(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    (tmp_path / "strict.toml").write_text('select = ["N"]\n')
    result = check(capsysbinary, *NAMED_CONTACT, "--config", str(tmp_path / "strict.toml"))[1]
    assert rules_of(result) == ["N001"]


def test_role_word_makes_a_local_part_a_role(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    # `kassa` is a shipped role word already; `verkstad` (workshop) is not.
    assert check(capsysbinary, "verkstad@kvarnbo.se")[1]["verdict"] == "unknown"
    (tmp_path / "contactlint.toml").write_text('role-words = ["verkstad"]\n')
    assert check(capsysbinary, "verkstad@kvarnbo.se")[1]["verdict"] == "role"


def test_role_word_flag_adds_to_the_files(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    (tmp_path / "contactlint.toml").write_text('role-words = ["verkstad"]\n')
    assert (
        check(capsysbinary, "skrivare@kvarnbo.se", "--role-word", "skrivare")[1]["verdict"]
        == "role"
    )
    assert (
        check(capsysbinary, "verkstad@kvarnbo.se", "--role-word", "skrivare")[1]["verdict"]
        == "role"
    )


def test_shipped_role_word_kassa_is_a_role(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert check(capsysbinary, "kassa@kvarnbo.se")[1]["verdict"] == "role"


def test_allowed_address_has_no_findings(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    (tmp_path / "contactlint.toml").write_text('allowed-addresses = ["Anna.Svensson@Kvarnbo.se"]\n')
    status, result, _ = check(capsysbinary, *NAMED_CONTACT)
    assert (status, result["findings"], result["suggestions"]) == (0, [], [])


@pytest.mark.parametrize(
    ("email", "rule"),
    [
        pytest.param("lars1972@hotmail.se", "E003", id="free-mail"),
        pytest.param("info@mailinator.com", "E004", id="disposable"),
        pytest.param("ekonomi@annasvensson.se", "E005", id="personal-domain"),
        pytest.param("ekonomi@gmail.com", "E007", id="role-at-free-mail"),
    ],
)
def test_allowed_domain_stops_domain_findings(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], email: str, rule: str
) -> None:
    assert rule in rules_of(check(capsysbinary, email)[1])
    domain = email.split("@")[1]
    (tmp_path / "contactlint.toml").write_text(f'allowed-domains = ["{domain.upper()}"]\n')
    assert set(rules_of(check(capsysbinary, email)[1])) & DOMAIN_RULES == set()


def test_allowed_domain_keeps_the_local_part_finding(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    (tmp_path / "contactlint.toml").write_text('allowed-domains = ["hotmail.se"]\n')
    assert rules_of(check(capsysbinary, "lars1972@hotmail.se")[1]) == ["E002"]


def test_allow_domain_flag(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    result = check(capsysbinary, "lars1972@hotmail.se", "--allow-domain", "Hotmail.se")[1]
    assert rules_of(result) == ["E002"]


def suggested(result: dict[str, Any]) -> list[str]:
    return [suggestion["email"] for suggestion in result["suggestions"]]


def test_configured_suggestions_for_a_purpose_come_first(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    (tmp_path / "contactlint.toml").write_text('[suggestions.billing]\nsv = ["kassa"]\n')
    result = check(capsysbinary, "anna.svensson@kvarnbo.se", "--purpose", "billing")[1]
    assert suggested(result) == [
        "kassa@kvarnbo.se",
        "finance@kvarnbo.se",
        "billing@kvarnbo.se",
        "invoices@kvarnbo.se",
        "accounts@kvarnbo.se",
    ]


def test_configured_suggestions_leave_other_purposes_as_shipped(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    shipped = check(capsysbinary, "anna.svensson@kvarnbo.se", "--purpose", "technical")[1]
    (tmp_path / "contactlint.toml").write_text('[suggestions.billing]\nsv = ["kassa"]\n')
    configured = check(capsysbinary, "anna.svensson@kvarnbo.se", "--purpose", "technical")[1]
    assert suggested(configured) == suggested(shipped)
    assert suggested(configured)[0] == "drift@kvarnbo.se"


def test_configured_default_list_for_a_purpose(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    (tmp_path / "contactlint.toml").write_text('[suggestions.security]\ndefault = ["cert"]\n')
    result = check(capsysbinary, "erik.lind@bauwerk.de", "--purpose", "security")[1]
    assert suggested(result) == ["sicherheit@bauwerk.de", "security@bauwerk.de", "cert@bauwerk.de"]


def test_configuration_applies_to_audit(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    (tmp_path / "contactlint.toml").write_text('select = ["N"]\n')
    (tmp_path / "contacts.csv").write_text(
        "id,email,name\n1,anna.svensson@kvarnbo.se,Anna Svensson\n"
    )
    status = main(offline_unless_told(["audit", "contacts.csv", "--format", "jsonl"]))
    record = orjson.loads(capsysbinary.readouterr().out)
    assert status == 1
    assert rules_of(record) == ["N001"]
