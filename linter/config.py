"""Configuration: which rules run, extra role words, allowed addresses and domains, and
the role addresses to suggest per purpose.

Read from `contactlint.toml` (or `.contactlint.toml`) or from `[tool.contactlint]` in
`pyproject.toml`, in the current directory or the nearest parent that has one. Command
line flags override it. Rule selection works as in ruff: a code or a code prefix
(`E`, `E00`, `N001`); `ignore` wins over `select`.

    [tool.contactlint]
    select = ["E", "N", "A", "C"]
    ignore = ["E007"]
    role-words = ["kassa", "lager"]
    allowed-addresses = ["anna@soloconsult.se"]
    allowed-domains = ["kvarnbo.se"]

    [tool.contactlint.suggestions.billing]
    sv = ["ekonomi", "faktura"]
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

CONFIG_FILES = ("contactlint.toml", ".contactlint.toml")
_KEYS = frozenset({"select", "ignore", "role-words", "allowed-addresses", "allowed-domains",
                   "suggestions"})  # fmt: skip
_PURPOSES = frozenset({"billing", "technical", "security", "account"})


class ConfigError(ValueError):
    """The configuration cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class LintConfig:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    role_words: tuple[str, ...] = ()
    allowed_addresses: frozenset[str] = frozenset()
    allowed_domains: frozenset[str] = frozenset()
    suggestions: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    source: str = ""

    def selected_codes(self, codes: Iterable[str]) -> frozenset[str]:
        """The rule codes that run: selected by code or prefix, minus the ignored ones."""
        chosen = set()
        for code in codes:
            if self.select and not any(code.startswith(p) for p in self.select):
                continue
            if any(code.startswith(p) for p in self.ignore):
                continue
            chosen.add(code)
        return frozenset(chosen)

    def check_codes(self, codes: Iterable[str]) -> None:
        """ConfigError naming the key when a `select` or `ignore` entry matches no rule."""
        codes = tuple(codes)
        check_rule_prefixes(self.select, codes, f"{self.source or 'configuration'}: 'select'")
        check_rule_prefixes(self.ignore, codes, f"{self.source or 'configuration'}: 'ignore'")

    def with_overrides(self, **changes: Any) -> LintConfig:
        """A copy with the command line's values put over the file's."""
        return replace(self, **{k: v for k, v in changes.items() if v})


def check_rule_prefixes(prefixes: Iterable[str], codes: Iterable[str], where: str) -> None:
    known = tuple(codes)
    for prefix in prefixes:
        if not any(code.startswith(prefix) for code in known):
            raise ConfigError(
                f"{where} has '{prefix}', which no rule code starts with "
                f"(rules: {', '.join(known)})"
            )


def _strings(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def config_from_table(table: Mapping[str, Any], where: str) -> LintConfig:
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key '{unknown[0]}' (known: {', '.join(sorted(_KEYS))})"
        )
    suggestions: dict[str, dict[str, tuple[str, ...]]] = {}
    raw = table.get("suggestions", {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: 'suggestions' must be a table of purposes")
    for purpose, by_language in raw.items():
        if purpose not in _PURPOSES:
            raise ConfigError(
                f"{where}: unknown purpose 'suggestions.{purpose}' "
                f"(known: {', '.join(sorted(_PURPOSES))})"
            )
        if not isinstance(by_language, dict):
            raise ConfigError(f"{where}: 'suggestions.{purpose}' must map languages to lists")
        suggestions[purpose] = {
            lang: _strings(by_language, lang, f"{where} [suggestions.{purpose}]")
            for lang in by_language
        }
    return LintConfig(
        select=tuple(c.upper() for c in _strings(table, "select", where)),
        ignore=tuple(c.upper() for c in _strings(table, "ignore", where)),
        role_words=_strings(table, "role-words", where),
        allowed_addresses=frozenset(a.lower() for a in _strings(table, "allowed-addresses", where)),
        allowed_domains=frozenset(d.lower() for d in _strings(table, "allowed-domains", where)),
        suggestions=suggestions,
        source=where,
    )


def read_config_file(path: Path) -> LintConfig:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from error
    if path.name == "pyproject.toml":
        table = document.get("tool", {}).get("contactlint", {})
        return config_from_table(table, f"{path} [tool.contactlint]")
    return config_from_table(document, str(path))


def find_config_file(start: Path) -> Path | None:
    """The nearest configuration file in `start` or its parents."""
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and b"[tool.contactlint" in pyproject.read_bytes():
            return pyproject
    return None


def merge_suggestions(
    base: Mapping[str, Mapping[str, tuple[str, ...]]],
    overrides: Mapping[str, Mapping[str, tuple[str, ...]]],
) -> dict[str, dict[str, tuple[str, ...]]]:
    """The shipped lists with the configured ones put over them, per purpose and language."""
    merged = {purpose: dict(by_language) for purpose, by_language in base.items()}
    for purpose, by_language in overrides.items():
        merged.setdefault(purpose, {}).update(by_language)
    return merged
