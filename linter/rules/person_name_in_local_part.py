"""E002: the local part of the address is a person's name."""

from __future__ import annotations

from collections.abc import Sequence

from linter.facts import ContactFacts
from linter.model import Field, Finding
from linter.rules.base import Rule


class PersonNameInLocalPart(Rule):
    """The part before the @ is a person's name, so the address identifies that person.

    Recognises the patterns companies use (`first.last`, `f.last`, `flast`, `firstlast`,
    `first_last`, `last.first`, `first.l`, `first`), with digits and `+tags`, in any case,
    with Nordic and German letters written as they are or as `a`, `ae`, `o`, `oe`. A match
    against the contact's own name needs no dictionary.

    Bad:  `anna.svensson@kvarnbo.se`, `asvensson@kvarnbo.se`, `jurgen.mueller@bauwerk.de`
    Good: `ekonomi@kvarnbo.se`, `buchhaltung@bauwerk.de`
    """

    code = "E002"
    name = "person-name-in-local-part"
    summary = "The part before the @ is a person's name"

    def check(self, facts: ContactFacts) -> Sequence[Finding]:
        local = facts.local
        if facts.address is None or not local.is_person:
            return ()
        if local.from_contact_name:
            how = "matches the contact's name"
        else:
            how = f"reads as a person's name ({local.pattern})"
        return (
            self.finding(
                Field.EMAIL,
                f"the part before the @ {how}: the address identifies one person",
                local.span,
            ),
        )
