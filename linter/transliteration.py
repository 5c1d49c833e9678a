"""How people write letters outside ASCII in e-mail addresses.

`Åsa Ström` becomes `asa.strom`, `aasa.stroem` or stays `åsa.ström`; `Müller` becomes
`muller` or `mueller`. The linter stores every spelling of a known word, so a local part
is looked up as it is, without guessing which convention its owner chose.
"""

from __future__ import annotations

import unicodedata

# Letters that do not decompose into a base letter and a mark, or whose usual ASCII
# spelling differs from the base letter.
_PLAIN = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d", "þ": "th", "œ": "oe"})
# The German and Scandinavian two-letter spellings.
_EXPANDED = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "å": "aa", "ø": "oe", "æ": "ae", "ß": "ss", "ł": "l"}
)


def plain(word: str) -> str:
    """The word with diacritics dropped: `åsa` -> `asa`, `søren` -> `soren`."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word.translate(_PLAIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def expanded(word: str) -> str:
    """The word with two-letter spellings: `müller` -> `mueller`, `åsa` -> `aasa`."""
    if word.isascii():
        return word
    return plain(word.translate(_EXPANDED))


def spellings(word: str) -> set[str]:
    """Every way the (lower-case) word is written in an address, itself included."""
    return {word, plain(word), expanded(word)}
