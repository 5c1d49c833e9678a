"""The rule registry: one line per rule. `contactlint rules` is generated from it."""

from __future__ import annotations

from linter.facts import FactFinder
from linter.rules.address_syntax import AddressSyntax
from linter.rules.attention_line import AttentionLine
from linter.rules.base import Rule
from linter.rules.card_number import CardNumber
from linter.rules.disposable_domain import DisposableDomain
from linter.rules.free_mail_domain import FreeMailDomain
from linter.rules.look_alike_characters import LookAlikeCharacters
from linter.rules.person_name_in_contact_name import PersonNameInContactName
from linter.rules.person_name_in_local_part import PersonNameInLocalPart
from linter.rules.personal_domain import PersonalDomain
from linter.rules.role_address_at_free_mail import RoleAddressAtFreeMail
from linter.rules.undeliverable_domain import UndeliverableDomain

RULES: tuple[type[Rule], ...] = (
    AddressSyntax,
    PersonNameInLocalPart,
    FreeMailDomain,
    DisposableDomain,
    PersonalDomain,
    LookAlikeCharacters,
    RoleAddressAtFreeMail,
    UndeliverableDomain,
    PersonNameInContactName,
    AttentionLine,
    CardNumber,
)


def build_rules(finder: FactFinder, codes: frozenset[str] | None = None) -> list[Rule]:
    """Instances of the rules whose codes are in `codes` (all when None)."""
    selected = [r for r in RULES if codes is None or r.code in codes]
    return [r(finder) for r in selected]


__all__ = ["RULES", "Rule", "build_rules"]
