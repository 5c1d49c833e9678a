"""Look-alike characters: a local part that reads as ASCII but is not.

`fіnance` with a Cyrillic `і` looks like `finance` on screen. A local part is suspect when
its letters come from more than one script, when it is written in Latin with a character
Unicode lists as confusable with an ASCII letter or digit (or that NFKC changes, such as
full-width letters), or when every letter of a non-Latin word imitates a Latin one.
The skeleton (every look-alike replaced by the ASCII it imitates) says what it reads as.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import NamedTuple

# Scripts whose letters are ordinary in the names we serve.
_LATIN = "LATIN"


class LookAlike(NamedTuple):
    """What is wrong, where (code points in the field), and what it reads as."""

    scripts: tuple[str, ...]
    positions: tuple[int, ...]
    skeleton: str
    origin: tuple[int, ...]

    def field_position(self, skeleton_index: int) -> int:
        """Where a character of the skeleton came from in the field (`ﬁ` reads as `fi`)."""
        if skeleton_index >= len(self.origin):
            return self.origin[-1] + 1 if self.origin else 0
        return self.origin[skeleton_index]


def script_of(char: str) -> str | None:
    """The script word of a letter's Unicode name (`CYRILLIC`), None for non-letters."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


def find_look_alikes(text: str, offset: int, confusables: Mapping[str, str]) -> LookAlike | None:
    """Check `text` (the local part, starting at `offset` in the field)."""
    if text.isascii():
        return None
    scripts: set[str] = set()
    positions: list[int] = []
    skeleton: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        script = script_of(char)
        if script is not None:
            scripts.add(script)
        folded = unicodedata.normalize("NFKC", char)
        imitated = folded if folded != char and folded.isascii() else ""
        ascii_text = confusables.get(char) or imitated
        if ascii_text and not char.isascii():
            positions.append(offset + i)
        else:
            ascii_text = char
        for piece in ascii_text.lower():
            skeleton.append(piece)
            origin.append(offset + i)
    mixed = len(scripts) > 1
    letters = sum(1 for c in text if c.isalpha())
    if not mixed and scripts != {_LATIN} and len(positions) < letters:
        # One script that is not Latin, not wholly made of look-alikes: `иван` is
        # genuine Cyrillic, not an imitation of Latin letters.
        return None
    if not positions and not mixed:
        return None
    if mixed and not positions:
        positions = [offset + i for i, c in enumerate(text) if script_of(c) not in (None, _LATIN)]
    return LookAlike(tuple(sorted(scripts)), tuple(positions), "".join(skeleton), tuple(origin))
