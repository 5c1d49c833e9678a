"""E006: look-alike characters or mixed scripts in the local part."""

from __future__ import annotations

from collections.abc import Sequence

from linter.facts import ContactFacts
from linter.model import Field, Finding, Severity
from linter.rules.base import Rule


class LookAlikeCharacters(Rule):
    """The part before the @ mixes scripts or uses characters that imitate Latin letters
    (Cyrillic `і` in `fіnance`, full-width letters). Such an address is never a role
    address: it is either a mistake or someone imitating one.

    Bad:  `fіnance@kvarnbo.se` (Cyrillic і), `ѕupport@kvarnbo.se` (Cyrillic ѕ)
    Good: `finance@kvarnbo.se`, `åsa.ström@kvarnbo.se` is Latin throughout and not flagged
    """

    code = "E006"
    name = "look-alike-characters"
    summary = "Look-alike characters or mixed scripts before the @"
    severity = Severity.ERROR

    def check(self, facts: ContactFacts) -> Sequence[Finding]:
        look = facts.look_alike
        if look is None:
            return ()
        scripts = " and ".join(s.title() for s in look.scripts) or "non-Latin"
        reads = f" reads as '{look.skeleton}' but" if look.skeleton.isascii() else ""
        return (
            self.finding(
                Field.EMAIL,
                f"the part before the @{reads} uses look-alike characters ({scripts})",
                (look.positions[0], look.positions[-1] + 1),
            ),
        )
