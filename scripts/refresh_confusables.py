"""Regenerate linter/knowledge/data/confusables.tsv: characters that look like ASCII.

Reads the confusables table shipped in the MIT-licensed `confusable-homoglyphs` package
(built from Unicode's confusables.txt, UTS #39) and keeps every single character that
Unicode lists as confusable with an ASCII letter or digit.

    pip install -e '.[data]' && python scripts/refresh_confusables.py
"""

from __future__ import annotations

import json
import string
import unicodedata
from importlib import metadata, resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "linter" / "knowledge" / "data" / "confusables.tsv"
ASCII_ALNUM = string.ascii_letters + string.digits


def confusable_characters() -> dict[str, str]:
    """Each non-ASCII look-alike character mapped to the lower-case ASCII it imitates."""
    table = json.loads(
        resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    )
    out: dict[str, str] = {}
    for target in ASCII_ALNUM:
        for entry in table.get(target, []):
            char = entry["c"]
            if len(char) == 1 and not char.isascii():
                out.setdefault(char, target.lower())
    return out


def main() -> None:
    version = metadata.version("confusable-homoglyphs")
    lines = [
        "# source: confusable-homoglyphs " + version + " (confusables.json), built from "
        "Unicode confusables.txt (UTS #39)",
        "# date: 2026-11-25",
        "# licence: MIT (confusable-homoglyphs); Unicode data under the Unicode License v3",
        "# refresh: python scripts/refresh_confusables.py",
        "# format: character<TAB>ASCII it looks like<TAB>Unicode name",
    ]

    for char, ascii_char in sorted(confusable_characters().items()):
        lines.append(f"{char}\t{ascii_char}\t{unicodedata.name(char, '?')}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 5} characters to {OUT}")


if __name__ == "__main__":
    main()
