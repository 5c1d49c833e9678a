"""The linter: a contact in, a result out. Facts first, then rules, verdict, suggestions."""

from __future__ import annotations

from linter.config import LintConfig, merge_suggestions
from linter.facts import FactFinder, bounded_cache
from linter.knowledge import Knowledge
from linter.model import Contact, Field, Finding, LintResult, MailChecks, new_tuple
from linter.rules import RULES, build_rules
from linter.suggestions import RoleAddressSuggester
from linter.verdict import judge

# No contact field is longer than this; a longer one is refused rather than read.
MAX_FIELD_LENGTH = 4096


class FieldTooLong(ValueError):
    """A field of the contact is longer than `MAX_FIELD_LENGTH` characters."""

    def __init__(self, field: Field, length: int) -> None:
        super().__init__(
            f"the {field.value} field is {length} characters long; "
            f"the longest accepted is {MAX_FIELD_LENGTH}"
        )
        self.field = field


class Linter:
    """Lints contacts. Build one and reuse it: it loads its lists once, lazily.

    >>> Linter().lint(Contact("anna.svensson@kvarnbo.se")).verdict
    <Verdict.PERSONAL: 'personal'>
    """

    def __init__(self, config: LintConfig | None = None, knowledge: Knowledge | None = None):
        self.config = config or LintConfig()
        self.config.check_codes(r.code for r in RULES)
        self.knowledge = knowledge or Knowledge(extra_role_words=self.config.role_words)
        self.finder = FactFinder(
            self.knowledge, self.config.allowed_addresses, self.config.allowed_domains
        )
        codes = self.config.selected_codes(r.code for r in RULES)
        self.rules = build_rules(self.finder, codes)
        # Each rule's check, bound once: a record runs them all.
        self._checks = tuple(rule.check for rule in self.rules)
        lists = merge_suggestions(self.knowledge.suggestion_lists, self.config.suggestions)
        self.suggester = RoleAddressSuggester(self.finder, lists)
        self._domains_to_verify = bounded_cache(self._verifiable_domains)

    def load(self) -> None:
        """Read every list now rather than on first use (before forking workers, say)."""
        self.lint(Contact("anna.svensson@kvarnbo.se", "Anna Svensson", None, "Att: Anna"))

    def lint(self, contact: Contact, checks: MailChecks | None = None) -> LintResult:
        """The verdict, findings and suggestions for one contact.

        `checks` is what DNS said of the contact's domains (see `domains_to_verify` and
        `linter.verification`); without it nothing is verified. Raises `FieldTooLong`
        for a field over `MAX_FIELD_LENGTH` characters."""
        if max(len(contact.email), len(contact.name), len(contact.address), len(contact.domain)) > (
            MAX_FIELD_LENGTH
        ):
            for field in (Field.EMAIL, Field.NAME, Field.ADDRESS, Field.DOMAIN):
                value = getattr(contact, field.value, "")
                if len(value) > MAX_FIELD_LENGTH:
                    raise FieldTooLong(field, len(value))
        facts = self.finder.facts(contact, checks)
        verdict = judge(facts)
        if facts.allowed:
            return LintResult(verdict)
        findings: list[Finding] = []
        for check in self._checks:
            found = check(facts)
            if found:
                findings.extend(found)
        suggestions = self.suggester.suggest(facts, verdict, checks)
        return new_tuple(LintResult, (verdict, tuple(findings), suggestions))

    def domains_to_verify(self, contact: Contact) -> tuple[str, ...]:
        """The domains DNS should be asked about before linting `contact` with checks: the
        address's own, and the one suggestions go to (the suggester decides which).

        Only the part after the last `@` is read, so a bulk run pays for each distinct
        domain once: an address whose local part is invalid may cost one look-up of a
        well-formed domain that its lint then does not use."""
        if max(len(contact.email), len(contact.domain)) > MAX_FIELD_LENGTH:
            return ()
        at, domain = contact.email.rpartition("@")[1:]
        if not at:
            return ()
        return self._domains_to_verify((domain, contact.domain))

    def _verifiable_domains(self, key: tuple[str, str]) -> tuple[str, ...]:
        domain, given = key
        # The check the linter's own reading of the address makes (and remembers).
        checked = self.finder.check_domain_part(domain)
        if checked.error is not None:
            return ()
        # Without reading the local part: a personal domain may get one look-up too many.
        address_domain = self.finder.domain_facts(checked.domain)
        company = self.suggester.company_domain_of(given, address_domain, False)
        if company is None:
            return (checked.domain,)
        return tuple(dict.fromkeys((checked.domain, company.domain.registrable)))
