"""Facts first: everything known about one contact, computed once, read by every rule.

`FactFinder` turns a `Contact` into `ContactFacts`: the parsed address, what kind of
domain it is, how the local part reads, look-alike characters. Domain facts and local
part readings are cached per value in bounded caches, so a bulk audit over many contacts
of one company reads each domain once and memory stays flat however long the run.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple, TypeVar

from linter.address import (
    AddressParser,
    Domain,
    DomainReader,
    ParsedAddress,
    Token,
    token_source,
    tokenize_local_part,
)
from linter.confusables import LookAlike, find_look_alikes
from linter.knowledge import Knowledge
from linter.local_part import (
    UNCLEAR,
    LocalPartReader,
    LocalPartReading,
    contact_name_words,
)
from linter.model import Contact, DomainCheck, MailChecks, new_tuple
from linter.names import NameReader
from linter.person_name import PersonNameFinder

# Country-code suffixes and the language their companies write role addresses in.
_LANGUAGE_OF_SUFFIX = {
    "se": "sv", "no": "nb", "dk": "da", "fi": "fi", "ax": "sv", "is": "is",
    "de": "de", "at": "de", "ch": "de", "li": "de", "nl": "nl", "be": "nl",
    "fr": "fr", "pl": "pl",
}  # fmt: skip
DEFAULT_LANGUAGE = "en"
# Entries per cache: enough for the distinct domains and local parts of a large customer
# base, small enough that they are full within 100,000 records, so memory stays flat.
CACHE_SIZE = 24_576

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def bounded_cache(compute: Callable[[K], V], size: int = CACHE_SIZE) -> Callable[[K], V]:
    """`compute`, remembering its last `size` results (least recently used goes first).

    functools' cache is written in C: a hit costs a dictionary look-up and no Python
    frame, which matters at a few look-ups per record of a bulk audit."""
    return lru_cache(maxsize=size)(compute)


class DomainKind(StrEnum):
    COMPANY = "company"
    FREEMAIL = "free-mail"
    ISP = "consumer ISP"
    DISPOSABLE = "disposable"


# Members read for every record, bound once: on Python 3.11 a member read off its class
# (`DomainKind.COMPANY`) goes through EnumType's `__getattr__` hook, some 400 instructions
# a time, where a module constant is a cached look-up.
KIND_COMPANY = DomainKind.COMPANY
KIND_DISPOSABLE = DomainKind.DISPOSABLE
_MAILBOX_PROVIDERS = (DomainKind.FREEMAIL, DomainKind.ISP)


class DomainFacts(NamedTuple):
    """What a domain is. `person_pattern` says how its label reads as a person's name
    (`firstlast`, `last`, ...), empty when it does not."""

    domain: Domain
    kind: DomainKind
    language: str
    person_pattern: str

    @property
    def is_mailbox_provider(self) -> bool:
        return self.kind in _MAILBOX_PROVIDERS


class LocalFacts(NamedTuple):
    """What a local part is by itself, without the contact's name: cached per local part."""

    tokens: tuple[Token, ...]
    look_alike: LookAlike | None
    reading: LocalPartReading


class ContactFacts(NamedTuple):
    contact: Contact
    address: ParsedAddress | None
    syntax_error: str | None
    domain: DomainFacts | None
    local: LocalPartReading
    look_alike: LookAlike | None
    allowed: bool
    mail: DomainCheck | None = None

    @property
    def personal_domain(self) -> bool:
        """The domain is a person's: a full name (`annasvensson.se`), or a surname with a
        first name or initial before the @ (`anna@svensson.se`)."""
        domain = self.domain
        if domain is None or not domain.person_pattern or domain.kind is not KIND_COMPANY:
            return False
        if domain.person_pattern != "last":
            return True
        if self.local.is_person and self.local.pattern in ("first", "contact name"):
            return True
        local = self.address.local if self.address is not None else ""
        return len(local) == 1 and local.isalpha()  # an initial: `a@svensson.se`


def language_of(suffix: str) -> str:
    return _LANGUAGE_OF_SUFFIX.get(suffix.rsplit(".", 1)[-1], DEFAULT_LANGUAGE)


class FactFinder:
    def __init__(
        self,
        knowledge: Knowledge,
        allowed_addresses: frozenset[str] = frozenset(),
        allowed_domains: frozenset[str] = frozenset(),
    ) -> None:
        self.knowledge = knowledge
        self.names = NameReader(knowledge)
        self.local_parts = LocalPartReader(self.names)
        self.person_names = PersonNameFinder(self.names)
        # Names repeat across a customer base (and an attention line repeats the name).
        self.person_name_in = bounded_cache(self.person_names.find)
        self.recipient_in = bounded_cache(PersonNameFinder(self.names, lenient=True).find)
        self.domain_reader = DomainReader()
        parser = AddressParser(CACHE_SIZE)
        self.parse_address = parser.parse
        self.check_domain_part = parser.domain_part
        self.allowed_addresses = allowed_addresses
        self.allowed_domains = allowed_domains
        self.domain_facts = bounded_cache(self._read_domain)
        self.local_facts = bounded_cache(self._read_local)

    def _read_domain(self, name: str) -> DomainFacts:
        domain = self.domain_reader.read(name)
        registrable = domain.registrable
        knowledge = self.knowledge
        if registrable in self.allowed_domains or name in self.allowed_domains:
            kind = DomainKind.COMPANY
        elif registrable in knowledge.disposable_domains or name in knowledge.disposable_domains:
            kind = DomainKind.DISPOSABLE
        elif registrable in knowledge.freemail_domains or name in knowledge.freemail_domains:
            kind = DomainKind.FREEMAIL
        elif registrable in knowledge.isp_domains or name in knowledge.isp_domains:
            kind = DomainKind.ISP
        else:
            kind = DomainKind.COMPANY
        pattern = ""
        if kind is KIND_COMPANY and registrable not in self.allowed_domains:
            pattern = self._person_pattern_of_label(domain.label)
        return new_tuple(DomainFacts, (domain, kind, language_of(domain.suffix), pattern))

    def _person_pattern_of_label(self, label: str) -> str:
        """`annasvensson` or `anna-svensson` -> `firstlast`; `svensson` -> `last`."""
        names = self.names
        parts = [p for p in label.split("-") if p]
        if len(parts) == 2 and parts[0] in names.first_names and names.is_surname_like(parts[1]):
            return "first-last"
        word = "".join(parts)
        if not word.isalpha() or names.is_role(word):
            return ""
        joined = names.read_joined(word)
        if (
            joined is not None
            and joined.pattern == "firstlast"
            and word[joined.split :] in (names.surnames)
        ):
            return "firstlast"
        if word in names.surnames and word not in names.first_names:
            return "last"
        return ""

    def _read_local(self, key: tuple[str, int]) -> LocalFacts:
        local, start = key
        look_alike = find_look_alikes(local, start, self.knowledge.confusables)
        if look_alike is None:
            tokens, _tag = tokenize_local_part(local, start)
        else:
            # Read what it imitates, so the verdict can refuse it a role; spans still
            # point at the characters of the field.
            skeleton_tokens, _tag = tokenize_local_part(look_alike.skeleton, 0)
            position = look_alike.field_position
            tokens = tuple(
                t._replace(start=position(t.start), end=position(t.end - 1) + 1)
                for t in skeleton_tokens
            )
        return new_tuple(LocalFacts, (tokens, look_alike, self.local_parts.read(tokens)))

    def facts(self, contact: Contact, checks: MailChecks | None = None) -> ContactFacts:
        """Everything known about `contact`; `checks` is what DNS said of its domains."""
        parsed = self.parse_address(contact.email)
        if isinstance(parsed, str):
            return ContactFacts(contact, None, parsed, None, UNCLEAR, None, False)
        domain = self.domain_facts(parsed.domain)
        local_facts = self.local_facts((token_source(parsed.local), parsed.local_start))
        local = local_facts.reading
        if contact.name and local.is_unclear:
            # The contact's own name is evidence that needs no dictionary.
            name_words = contact_name_words(contact.name)
            if name_words:
                local = self.local_parts.read(local_facts.tokens, name_words)
        allowed = bool(self.allowed_addresses) and contact.email.lower() in self.allowed_addresses
        mail = checks.get(parsed.domain) if checks else None
        return new_tuple(
            ContactFacts,
            (contact, parsed, None, domain, local, local_facts.look_alike, allowed, mail),
        )
