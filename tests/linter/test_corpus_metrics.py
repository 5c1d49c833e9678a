"""How well the linter does on the labelled corpus in tests/corpus/, stratum by stratum.

Each stratum is a group of cases with one expectation (a person's address is called
personal, a role address is not, an attention line naming a person gives A001 ...) and a
bound: a floor on recall, or a ceiling on false alarms. A stratum below its bound fails
with the whole table (recall, false alarms, pooled precision, breakdowns by language and
spelling) and the first misses, so a developer sees what went wrong without a debugger.

The corpus is described in tests/corpus/README.md. The labels of the syntax cases are not
stored: email-validator (the reference the linter promises to agree with) computes them.

Nothing from `linter` is imported at module level, so the corpus checks at the bottom run
even while the engine is broken or missing.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from email_validator import EmailNotValidError, validate_email

if TYPE_CHECKING:
    from linter.model import LintResult

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MAX_MISSES_SHOWN = 15

# The e-mail address a name, attention-line or card case is linted with: a role address at
# an invented company domain, so that only the field under test can produce the finding.
ROLE_EMAIL_BY_LANG = {
    "sv": "ekonomi@kvarnbo.se",
    "nb": "regnskap@fjordtech.no",
    "da": "bogholderi@kystlys.dk",
    "fi": "laskutus@metsakone.fi",
    "de": "buchhaltung@waldkante.de",
    "nl": "boekhouding@polderweg.nl",
    "en": "accounts@greenmoor.co.uk",
    "fr": "comptabilite@lavandelle.fr",
    "pl": "ksiegowosc@bursztyn-it.pl",
}


# --------------------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Case:
    """One labelled input: the contact to lint, where it came from, and what to show."""

    stratum: str
    source: str  # file:line
    email: str
    name: str = ""
    address: str = ""
    purpose: str = ""
    lang: str = ""
    variants: tuple[str, ...] = ()
    note: str = ""
    card_field: str = ""  # cards: the field holding the number

    @property
    def shown(self) -> str:
        if self.card_field == "email" or not (self.name or self.address):
            return self.email
        return self.name or self.address


def _tsv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    header: list[str] | None = None
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise ValueError(f"{path.name}:{lineno}: {len(cells)} cells, header has {len(header)}")
        yield lineno, dict(zip(header, cells, strict=True))


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if raw.strip():
            yield lineno, json.loads(raw)


def load_emails() -> list[Case]:
    return [
        Case(
            stratum=row["stratum"],
            source=f"emails.tsv:{n}",
            email=row["email"],
            purpose=row["purpose"],
            lang=row["lang"],
            variants=tuple(v for v in row["variant"].split(",") if v),
            note=row["note"],
        )
        for n, row in _tsv(CORPUS / "emails.tsv")
    ]


def load_names() -> list[Case]:
    return [
        Case(
            stratum=row["stratum"],
            source=f"names.tsv:{n}",
            email=ROLE_EMAIL_BY_LANG[row["lang"]],
            name=row["name"],
            purpose="billing",
            lang=row["lang"],
            note=row["note"],
        )
        for n, row in _tsv(CORPUS / "names.tsv")
    ]


def load_attention() -> list[Case]:
    return [
        Case(
            stratum=row["stratum"],
            source=f"attention.jsonl:{n}",
            email=ROLE_EMAIL_BY_LANG[row["lang"]],
            address=row["address"],
            purpose="billing",
            lang=row["lang"],
            note=row["note"],
        )
        for n, row in _jsonl(CORPUS / "attention.jsonl")
    ]


def load_cards() -> list[Case]:
    return [
        Case(
            stratum=row["stratum"],
            source=f"cards.jsonl:{n}",
            email=row["email"],
            name=row["value"] if row["field"] == "name" else "",
            address=row["value"] if row["field"] == "address" else "",
            purpose="billing",
            note=row["note"],
            card_field=row["field"],
        )
        for n, row in _jsonl(CORPUS / "cards.jsonl")
    ]


def load_lookalikes() -> list[Case]:
    return [
        Case(
            stratum=row["stratum"],
            source=f"lookalikes.jsonl:{n}",
            email=row["email"],
            note=f"{row['base']}: {row['note']}",
        )
        for n, row in _jsonl(CORPUS / "lookalikes.jsonl")
    ]


def load_syntax() -> list[Case]:
    return [
        Case(stratum="syntax", source=f"syntax.jsonl:{n}", email=row["email"], note=row["note"])
        for n, row in _jsonl(CORPUS / "syntax.jsonl")
    ]


LOADERS: dict[str, Callable[[], list[Case]]] = {
    "emails.tsv": load_emails,
    "names.tsv": load_names,
    "attention.jsonl": load_attention,
    "cards.jsonl": load_cards,
    "lookalikes.jsonl": load_lookalikes,
    "syntax.jsonl": load_syntax,
}


def load_all() -> list[Case]:
    return [case for load in LOADERS.values() for case in load()]


def email_validator_says_valid(address: str) -> bool:
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


# --------------------------------------------------------------------------- expectations


def _rules(result: LintResult) -> set[str]:
    return {f.rule for f in result.findings}


def _verdict(result: LintResult) -> str:
    return str(result.verdict.value)


def is_personal(case: Case, result: LintResult) -> bool:
    return _verdict(result) == "personal"


def not_personal(case: Case, result: LintResult) -> bool:
    return _verdict(result) != "personal"


def personal_at_freemail(case: Case, result: LintResult) -> bool:
    return _verdict(result) == "personal" and "E003" in _rules(result)


def role_at_freemail(case: Case, result: LintResult) -> bool:
    # A clear role word: not personal, but the free-mail domain still earns a finding.
    return _verdict(result) != "personal" and bool({"E003", "E007"} & _rules(result))


def lookalike_caught(case: Case, result: LintResult) -> bool:
    return "E006" in _rules(result) and _verdict(result) != "role"


def has_rule(rule: str) -> Callable[[Case, LintResult], bool]:
    def check(case: Case, result: LintResult) -> bool:
        return rule in _rules(result)

    check.__name__ = f"has_{rule}"
    return check


def card_found(case: Case, result: LintResult) -> bool:
    return any(f.rule == "C001" and f.field.value == case.card_field for f in result.findings)


def invalid_iff_email_validator(case: Case, result: LintResult) -> bool:
    return (_verdict(result) == "invalid") == (not email_validator_says_valid(case.email))


@dataclass(frozen=True)
class Stratum:
    """`check` says whether the case went the way the stratum wants (for recall and
    agreement) or whether it raised the alarm (for false alarms)."""

    name: str
    kind: str  # "recall", "agreement" (rate >= bound) or "false alarms" (rate <= bound)
    bound: float
    minimum: int  # the corpus must hold at least this many cases
    check: Callable[[Case, LintResult], bool]
    why: str


PERSONAL_PATTERNS = ["first.last", "f.last", "flast", "firstlast", "first_last", "last.first"]

STRATA: list[Stratum] = [
    *(
        Stratum(f"personal/{p}", "recall", 0.97, 60, is_personal, f"{p} at a company domain")
        for p in PERSONAL_PATTERNS
    ),
    Stratum("personal/first.l", "recall", 0.80, 60, is_personal, "given name and initial"),
    Stratum("personal/first", "recall", 0.80, 60, is_personal, "given name only"),
    Stratum("role", "false alarms", 0.01, 200, is_personal, "role address called personal"),
    Stratum("freemail/personal", "recall", 0.97, 60, personal_at_freemail, "personal + E003"),
    Stratum("freemail/generic", "recall", 0.95, 40, personal_at_freemail, "personal + E003"),
    Stratum("freemail/role", "recall", 0.95, 30, role_at_freemail, "not personal + E003/E007"),
    Stratum("hard/role-wins", "recall", 0.80, 10, not_personal, "clear role word wins"),
    Stratum("hard/name-wins", "recall", 0.80, 10, is_personal, "name wins over weak role word"),
    Stratum("lookalike/role", "recall", 0.99, 60, lookalike_caught, "E006 and not role"),
    Stratum("lookalike/person", "recall", 0.93, 10, lookalike_caught, "E006 and not role"),
    Stratum("lookalike/compat", "recall", 0.80, 8, lookalike_caught, "E006, NFKC look-alike"),
    Stratum("lookalike/clean", "false alarms", 0.03, 40, has_rule("E006"), "E006 on one script"),
    Stratum("name/person", "recall", 0.95, 150, has_rule("N001"), "N001 on a person"),
    Stratum("name/unit", "false alarms", 0.02, 150, has_rule("N001"), "N001 on a unit/company"),
    Stratum("attention/person", "recall", 0.95, 100, has_rule("A001"), "A001 on a person"),
    Stratum("attention/unit", "false alarms", 0.02, 100, has_rule("A001"), "A001 on a unit"),
    Stratum("attention/none", "false alarms", 0.02, 100, has_rule("A001"), "A001, no att. line"),
    Stratum("card/number", "recall", 0.95, 15, card_found, "C001 on the right field"),
    Stratum("card/not-card", "false alarms", 0.05, 20, has_rule("C001"), "C001 on no card"),
    Stratum("syntax", "agreement", 0.995, 300, invalid_iff_email_validator, "invalid iff e-v"),
]
STRATA_BY_NAME = {s.name: s for s in STRATA}

# For pooled precision: which strata hold positives and which negatives of each alarm.
PRECISION_POOLS: dict[str, tuple[Callable[[Case, LintResult], bool], list[str], list[str]]] = {
    "verdict personal (emails.tsv)": (
        is_personal,
        [f"personal/{p}" for p in [*PERSONAL_PATTERNS, "first.l", "first"]]
        + ["freemail/personal", "freemail/generic", "hard/name-wins"],
        ["role", "freemail/role", "hard/role-wins"],
    ),
    "N001": (has_rule("N001"), ["name/person"], ["name/unit"]),
    "A001": (has_rule("A001"), ["attention/person"], ["attention/unit", "attention/none"]),
    "E006": (
        has_rule("E006"),
        ["lookalike/role", "lookalike/person", "lookalike/compat"],
        ["lookalike/clean"],
    ),
    "C001": (has_rule("C001"), ["card/number"], ["card/not-card"]),
}


# --------------------------------------------------------------------------- measuring


@dataclass
class Outcome:
    case: Case
    result: LintResult | None
    error: str | None = None

    def check(self, check: Callable[[Case, LintResult], bool]) -> bool | None:
        """The check's answer, or None when the linter raised."""
        return None if self.result is None else check(self.case, self.result)

    def describe(self) -> str:
        c = self.case
        if self.result is None:
            got = f"raised {self.error}"
        else:
            rules = ",".join(sorted(_rules(self.result))) or "-"
            got = f"verdict={_verdict(self.result)} rules={rules}"
        extra = f"  [{c.note}]" if c.note else ""
        if c.stratum == "syntax":
            ev = "valid" if email_validator_says_valid(c.email) else "invalid"
            extra = f"  [email-validator: {ev}; {c.note}]"
        return f"{c.source}: {c.shown!r} -> {got}{extra}"


@dataclass
class Row:
    label: str
    kind: str
    n: int
    rate: float
    bound: float | None = None
    misses: list[Outcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        if self.bound is None:
            return True
        if self.kind == "false alarms":
            return self.rate <= self.bound
        return self.rate >= self.bound


def measure(stratum: Stratum, outcomes: list[Outcome], label: str | None = None) -> Row:
    misses: list[Outcome] = []
    for o in outcomes:
        answer = o.check(stratum.check)
        alarm_kind = stratum.kind == "false alarms"
        # A crash is a miss whichever way the stratum counts.
        if answer is None or answer == alarm_kind:
            misses.append(o)
    n = len(outcomes)
    if not n:
        rate = 0.0
    elif stratum.kind == "false alarms":
        rate = len(misses) / n
    else:
        rate = 1 - len(misses) / n
    return Row(label or stratum.name, stratum.kind, n, rate, stratum.bound, misses)


def lint_all(cases: list[Case]) -> dict[str, list[Outcome]]:
    from linter import Linter
    from linter.model import Contact, Purpose

    linter = Linter()
    by_stratum: dict[str, list[Outcome]] = defaultdict(list)
    for case in cases:
        contact = Contact(
            email=case.email,
            name=case.name,
            purpose=Purpose(case.purpose) if case.purpose else None,
            address=case.address,
        )
        try:
            outcome = Outcome(case, linter.lint(contact))
        except Exception as exc:  # a crash on one case must not hide the others
            outcome = Outcome(case, None, f"{type(exc).__name__}: {exc}")
        by_stratum[case.stratum].append(outcome)
    return dict(by_stratum)


def breakdown_rows(by_stratum: dict[str, list[Outcome]]) -> list[Row]:
    """Recall of the six personal patterns pooled, by spelling variant and by language."""
    pooled = [o for p in PERSONAL_PATTERNS for o in by_stratum.get(f"personal/{p}", [])]
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in pooled:
        for v in o.case.variants:
            groups[f"  personal/* variant={v}"].append(o)
        groups[f"  personal/* lang={o.case.lang}"].append(o)
    probe = Stratum("info", "recall", 0.0, 0, is_personal, "")
    rows = []
    for label in sorted(groups):
        row = measure(probe, groups[label], label)
        row.bound = None
        rows.append(row)
    return rows


def precision_rows(by_stratum: dict[str, list[Outcome]]) -> list[Row]:
    rows = []
    for label, (alarm, positive, negative) in PRECISION_POOLS.items():
        tp = sum(bool(o.check(alarm)) for s in positive for o in by_stratum.get(s, []))
        fp = sum(bool(o.check(alarm)) for s in negative for o in by_stratum.get(s, []))
        n = sum(len(by_stratum.get(s, [])) for s in positive + negative)
        rows.append(Row(f"  {label}", "precision", n, tp / (tp + fp) if tp + fp else 0.0))
    return rows


def render(rows: list[Row]) -> str:
    lines = [f"{'stratum':<38} {'n':>4}  {'metric':<12} {'value':>6}  {'bound':<8} ok"]
    for r in rows:
        if r.bound is None:
            bound, ok = "", ""
        else:
            bound = ("<=" if r.kind == "false alarms" else ">=") + f"{r.bound:g}"
            ok = "ok" if r.ok else "FAIL"
        lines.append(f"{r.label:<38} {r.n:>4}  {r.kind:<12} {r.rate:>6.3f}  {bound:<8} {ok}")
    return "\n".join(lines)


@dataclass
class Report:
    rows: dict[str, Row]
    table: str


@pytest.fixture(scope="module")
def report() -> Report:
    by_stratum = lint_all(load_all())
    rows = {s.name: measure(s, by_stratum.get(s.name, [])) for s in STRATA}
    table = "\n".join(
        [
            render(list(rows.values())),
            "recall of the six personal patterns, broken down:",
            render(breakdown_rows(by_stratum)),
            "pooled precision (depends on the corpus mix; not asserted):",
            render(precision_rows(by_stratum)),
        ]
    )
    return Report(rows, table)


@pytest.mark.parametrize("stratum", STRATA, ids=[s.name for s in STRATA])
def test_stratum_meets_its_bound(stratum: Stratum, report: Report) -> None:
    row = report.rows[stratum.name]
    assert row.n >= stratum.minimum, f"{stratum.name}: only {row.n} cases"
    if row.ok:
        return
    what = "false alarms" if stratum.kind == "false alarms" else "misses"
    shown = "\n".join("  " + o.describe() for o in row.misses[:MAX_MISSES_SHOWN])
    more = len(row.misses) - MAX_MISSES_SHOWN
    pytest.fail(
        f"{stratum.name} ({stratum.why}): {stratum.kind} {row.rate:.3f}, bound "
        f"{'<=' if stratum.kind == 'false alarms' else '>='}{stratum.bound:g}\n\n"
        f"{report.table}\n\n{len(row.misses)} {what} in {stratum.name}:\n{shown}"
        + (f"\n  ... and {more} more" if more > 0 else ""),
        pytrace=False,
    )


# --------------------------------------------------------------------------- the corpus itself


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def test_corpus_strata_are_known_and_large_enough() -> None:
    counts: dict[str, int] = defaultdict(int)
    for case in load_all():
        assert case.stratum in STRATA_BY_NAME, f"{case.source}: unknown stratum {case.stratum}"
        counts[case.stratum] += 1
    small = {s.name: counts[s.name] for s in STRATA if counts[s.name] < s.minimum}
    assert not small, f"strata below their minimum size: {small}"


def test_corpus_has_no_duplicate_inputs() -> None:
    # Within a file; the same address may serve two families (a role word is a role word
    # in emails.tsv and a clean control in lookalikes.jsonl).
    for load in LOADERS.values():
        seen: dict[tuple[str, str, str, str], str] = {}
        for case in load():
            key = (case.email, case.name, case.address, case.card_field)
            assert key not in seen, f"{case.source} repeats {seen[key]}"
            seen[key] = case.source


def test_corpus_addresses_outside_syntax_are_valid() -> None:
    # Otherwise a correct linter would answer `invalid` and the stratum would measure syntax.
    bad = [
        f"{c.source}: {c.email!r}"
        for c in load_all()
        if c.stratum != "syntax" and not email_validator_says_valid(c.email)
    ]
    assert not bad, "invalid addresses outside syntax.jsonl:\n" + "\n".join(bad)


def test_corpus_syntax_cases_cover_both_labels() -> None:
    labels = [email_validator_says_valid(c.email) for c in load_syntax()]
    assert sum(labels) >= 100 and labels.count(False) >= 100, (sum(labels), labels.count(False))


def test_corpus_card_numbers_are_luhn_valid() -> None:
    for case in load_cards():
        if case.stratum != "card/number" or case.card_field == "email":
            continue
        text = case.name or case.address
        runs = [re.sub(r"[ -]", "", m) for m in re.findall(r"\d[\d -]{11,}\d", text)]
        assert any(13 <= len(r) <= 19 and _luhn_ok(r) for r in runs), case.source


def test_corpus_lookalikes_leave_ascii() -> None:
    for case in load_lookalikes():
        local = case.email.rpartition("@")[0]
        if case.stratum != "lookalike/clean":
            assert not local.isascii(), f"{case.source}: {local!r} has no look-alike letter"
