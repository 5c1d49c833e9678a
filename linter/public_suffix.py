"""The public suffix list: where in a domain the part a registry hands out begins.

The list is the snapshot tldextract ships with (its `.tld_set_snapshot` file), ICANN
section only, as `tldextract.TLDExtract(include_psl_private_domains=False)` reads it, and
the rules applied are tldextract's own: labels compared from the right, a wildcard rule
(`*.ck`) taking one more label unless an exception (`!www.ck`) names it, `xn--` labels
compared in their Unicode form.

Only tldextract's data is used, not its code: importing tldextract imports requests,
urllib3, filelock and its cache for fetching fresh lists, about 150 ms of every start
of `contactlint`, none of which an offline reader needs. A test holds this reader to
tldextract's answers.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

# A rule as tldextract reads one off the list: a line's first word, when it starts with
# a letter or digit, or with `*`, `!` or `.` before one.
_RULE = re.compile(r"^(?P<suffix>[.*!]*\w[\S]*)", re.UNICODE | re.MULTILINE)
_PRIVATE_SECTION = "// ===BEGIN PRIVATE DOMAINS==="
_SNAPSHOT = ".tld_set_snapshot"
_PUNYCODE = "xn--"


class SnapshotMissing(LookupError):
    """tldextract's public suffix snapshot is not where its package should have it."""


class _Node:
    __slots__ = ("children", "end")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.end = False  # a rule ends here


def bundled_snapshot() -> Path:
    """Where the installed tldextract keeps its snapshot, found without importing it."""
    spec = importlib.util.find_spec("tldextract")
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    for location in locations:
        path = Path(location) / _SNAPSHOT
        if path.is_file():
            return path
    raise SnapshotMissing(f"tldextract's {_SNAPSHOT} is not installed (looked in {locations})")


class PublicSuffixList:
    """The ICANN rules of a public suffix list, as a tree of labels read from the right."""

    def __init__(self, text: str) -> None:
        public, _, _private = text.partition(_PRIVATE_SECTION)
        self._root = _Node()
        for match in _RULE.finditer(public):
            node = self._root
            for label in reversed(match["suffix"].split(".")):
                child = node.children.get(label)
                if child is None:
                    child = node.children[label] = _Node()
                node = child
            node.end = True

    @classmethod
    def bundled(cls) -> PublicSuffixList:
        return cls(bundled_snapshot().read_text(encoding="utf-8"))

    def split(self, labels: list[str]) -> tuple[str, str]:
        """The label before the public suffix and the suffix (`kvarnbo`, `co.uk`), as
        tldextract's `domain` and `suffix`: `("", suffix)` when the whole name is a
        suffix, `(last label, "")` when no rule matches it."""
        node = self._root
        count = len(labels)
        suffix_at = at = count
        for label in reversed(labels):
            label = _comparable(label)
            child = node.children.get(label)
            if child is not None:
                at -= 1
                node = child
                if node.end:
                    suffix_at = at
                continue
            if "*" in node.children:
                suffix_at = at if "!" + label in node.children else at - 1
            break
        if suffix_at == count:
            return labels[-1], ""
        return (labels[suffix_at - 1] if suffix_at > 0 else ""), ".".join(labels[suffix_at:])


def _comparable(label: str) -> str:
    """The label as the list writes it: lower case, and Unicode for Punycode."""
    lowered = label.lower()
    if lowered.startswith(_PUNYCODE):
        import idna  # only for Punycode labels, which normalised addresses do not carry

        try:
            return str(idna.decode(lowered))
        except (UnicodeError, IndexError):
            pass
    return lowered
