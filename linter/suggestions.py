"""Role addresses to use instead of a personal one, at the customer's own domain.

The local parts come from `suggestions.toml` (or configuration) by purpose and by the
language of the domain's country: a `.se` domain gets `ekonomi@` and `faktura@` before
`finance@`. Nothing is suggested at a free-mail, ISP or disposable domain, nor the input
address itself; with no company domain known there is nothing to suggest, and the
finding about the address says so.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from linter.facts import KIND_COMPANY, ContactFacts, DomainFacts, FactFinder, bounded_cache
from linter.model import MailChecks, Purpose, Suggestion, Verdict, new_tuple
from linter.syntax import check_domain
from linter.verdict import INVALID, PERSONAL

SuggestionLists = Mapping[str, Mapping[str, tuple[str, ...]]]

# Without a stated purpose, one address for each of these, in this order.
_UNSTATED_PURPOSES = (Purpose.BILLING, Purpose.TECHNICAL, Purpose.SECURITY)
_LANGUAGE_NAMES = {
    "en": "English", "sv": "Swedish", "nb": "Norwegian", "da": "Danish", "fi": "Finnish",
    "de": "German", "nl": "Dutch", "is": "Icelandic", "fr": "French", "pl": "Polish",
}  # fmt: skip
DEFAULT_LIMIT = 5


class RoleAddressSuggester:
    def __init__(self, finder: FactFinder, lists: SuggestionLists, limit: int = DEFAULT_LIMIT):
        self.finder = finder
        self.lists = lists
        self.limit = limit
        self._ranked_cache = bounded_cache(self._ranked_local_parts)
        self._given_company = bounded_cache(self._company_of_given)

    def company_domain(self, facts: ContactFacts) -> DomainFacts | None:
        """The customer's domain: given with the contact, or the address's own when that
        is a company's. Suggestions go to its registrable domain."""
        return self.company_domain_of(facts.contact.domain, facts.domain, facts.personal_domain)

    def company_domain_of(
        self, given: str, address_domain: DomainFacts | None, personal_domain: bool
    ) -> DomainFacts | None:
        """`company_domain` from its parts, for callers that have not read the local part."""
        if given:
            return self._given_company(given)
        if address_domain is None or address_domain.kind is not KIND_COMPANY:
            return None
        return None if personal_domain else address_domain

    def _company_of_given(self, given: str) -> DomainFacts | None:
        """The domain given with a contact, if it is a company's. The signup flow and the
        panel give one with every contact, mostly the same one again."""
        # The domain must make valid addresses: `x@kvarnbo.se` checks it as one.
        checked = check_domain(given.strip().lower().rstrip("."))
        if checked.error is not None:
            return None
        candidate = self.finder.domain_facts(checked.domain)
        if candidate.kind is not KIND_COMPANY or candidate.person_pattern in (
            "firstlast",
            "first-last",
        ):
            return None
        return candidate

    def needs_suggestions(self, facts: ContactFacts, verdict: Verdict) -> bool:
        if facts.allowed or verdict is INVALID:
            return False
        if verdict is PERSONAL or facts.look_alike is not None:
            return True
        return facts.domain is not None and facts.domain.kind is not KIND_COMPANY

    def suggest(
        self, facts: ContactFacts, verdict: Verdict, checks: MailChecks | None = None
    ) -> tuple[Suggestion, ...]:
        """Role addresses, best first; `verified` from `checks` where DNS was asked."""
        if not self.needs_suggestions(facts, verdict):
            return ()
        company = self.company_domain(facts)
        if company is None:
            return ()
        local = facts.local
        same_role = local.role_word if local.is_role and facts.look_alike is None else ""
        ranked = self._ranked_cache((company.language, facts.contact.purpose, same_role))
        domain = company.domain.registrable
        check = checks.get(domain) if checks else None
        verified = check.deliverable if check is not None else None
        own = facts.contact.email.lower()
        out: list[Suggestion] = []
        for part, (before, after) in ranked:
            email = f"{part}@{domain}"
            if email != own:
                out.append(new_tuple(Suggestion, (email, f"{before}{domain}{after}", verified)))
                if len(out) == self.limit:
                    break
        return tuple(out)

    def _ranked_local_parts(
        self, key: tuple[str, Purpose | None, str]
    ) -> tuple[tuple[str, tuple[str, str]], ...]:
        """Distinct local parts with their reasons (split where the domain goes), best
        first, one more than the limit in case one of them is the contact's own."""
        language, purpose, same_role = key
        seen: set[str] = set()
        out: list[tuple[str, tuple[str, str]]] = []
        for part, reason in self._candidates(language, purpose, same_role):
            if part not in seen:
                seen.add(part)
                before, _, after = reason.partition("{domain}")
                out.append((part, (before, after)))
            if len(out) > self.limit:
                break
        return tuple(out)

    def _candidates(
        self, language: str, purpose: Purpose | None, same_role: str
    ) -> Iterator[tuple[str, str]]:
        if same_role.isascii() and same_role:
            yield same_role, "the same role at {domain}, the company's own domain"
        purposes = [purpose] if purpose else list(_UNSTATED_PURPOSES)
        per_purpose = [list(self._ranked(p, language)) for p in purposes]
        # Interleave, so that without a purpose each purpose gets its best address first.
        for rank in range(max((len(c) for c in per_purpose), default=0)):
            for candidates in per_purpose:
                if rank < len(candidates):
                    yield candidates[rank]

    def _ranked(self, purpose: Purpose, language: str) -> Iterator[tuple[str, str]]:
        lists = self.lists.get(purpose.value, {})
        article = "an" if purpose.value[0] in "aeiou" else "a"
        kind = f"{article} {purpose.value} role address"
        if language in lists:
            language_name = _LANGUAGE_NAMES.get(language, language)
            for local in lists[language]:
                yield local, f"{kind} in {language_name} at {{domain}}"
        for local in lists.get("default", ()):
            yield local, f"{kind} at {{domain}}"
