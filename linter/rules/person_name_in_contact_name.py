"""N001: the contact name is a person's name."""

from __future__ import annotations

from collections.abc import Sequence

from linter.facts import ContactFacts, FactFinder
from linter.model import Field, Finding
from linter.rules.base import Rule


class PersonNameInContactName(Rule):
    """The contact name names a person where a function or the company would do.
    Company names that contain a surname (`Svensson & Co`, `Müller GmbH`) and unit names
    (`Ekonomiavdelningen`, `Accounts Payable`, `IT-drift`) are not flagged.

    Bad:  `Anna Svensson`, `Lars-Erik Johansson`, `Dr. Hans Weber`
    Good: `Ekonomiavdelningen`, `Accounts Payable`, `Kvarnbo AB`
    """

    code = "N001"
    name = "person-name-in-contact-name"
    summary = "The contact name is a person's name"

    def __init__(self, finder: FactFinder) -> None:
        super().__init__(finder)
        self.person_name_in = finder.person_name_in

    def check(self, facts: ContactFacts) -> Sequence[Finding]:
        name = facts.contact.name
        if not name:
            return ()
        person = self.person_name_in(name)
        if person is None:
            return ()
        return (
            self.finding(
                Field.NAME,
                f"the contact name is a person's name ({person.evidence}): name the "
                "function instead (for example 'Ekonomi' or 'Accounts Payable')",
                person.span,
            ),
        )
