"""Synthetic contact records for the benchmark: seeded, streamed, realistic in mix.

The mix imitates the contacts a Nordic/European cloud provider holds:

    45 %  personal addresses at company domains (anna.svensson@, a.svensson@, asvensson@ ...)
    25 %  role addresses at company domains (finance@, ekonomi@, ops@, drift@ ...)
    15 %  personal addresses at free-mail and ISP domains (gmail.com, telia.com ...)
    10 %  role addresses with a person's name in the name field and an `Att:` address line
     3 %  addresses with invalid syntax
     2 %  internationalised addresses (åsa.ström@kvarnbo12.se, info@kvärnbo7.se)

Company domains are synthetic (`kvarnbo123.se`), 20,000 of them by default over eight
top-level domains, so that the linter cannot profit from a small set of repeated domains.
A different number of them (`--company-domains N`) changes which records come out; the
default keeps the records of earlier versions byte for byte. The names below are
benchmark input only; they are not what the linter knows.

Usage:  python bench/generate.py OUT COUNT [--seed N] [--format jsonl|csv]
                                 [--company-domains N]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Literal, TextIO

DEFAULT_SEED = 20240611
COMPANY_DOMAIN_COUNT = 20_000

FileFormat = Literal["jsonl", "csv"]

FIRST_NAMES = (
    # Swedish
    "Anna", "Åsa", "Maria", "Karin", "Eva", "Lena", "Kerstin", "Ingrid", "Märta", "Sofia",
    "Elin", "Linnéa", "Erik", "Lars", "Karl", "Johan", "Anders", "Per", "Björn", "Göran",
    "Mikael", "Fredrik", "Oskar", "Måns",
    # Norwegian
    "Ingvild", "Solveig", "Ragnhild", "Sigrid", "Kari", "Øystein", "Håkon", "Torbjørn",
    "Jørgen", "Ole", "Espen", "Kjersti",
    # Danish
    "Søren", "Jens", "Rasmus", "Mads", "Niels", "Kasper", "Troels", "Mette", "Lone",
    "Birgitte", "Freja", "Ida",
    # Finnish
    "Päivi", "Tuula", "Sari", "Hanna", "Aino", "Jyrki", "Matti", "Jukka", "Mikko", "Pekka",
    "Väinö", "Ilkka",
    # German
    "Jürgen", "Jörg", "Günter", "Klaus", "Stefan", "Uwe", "Dieter", "Sabine", "Ursula",
    "Monika", "Heike", "Käthe",
    # Dutch
    "Daan", "Sanne", "Joost", "Maarten", "Pieter", "Femke", "Anouk", "Bram", "Lotte", "Ruud",
    "Sjoerd", "Marijke",
    # English
    "James", "Sarah", "David", "Emma", "Oliver", "Charlotte", "Michael", "Claire", "Thomas",
    "Rachel", "Daniel", "Helen",
    # Double names
    "Anna-Karin", "Karl-Heinz", "Eva-Lotta", "Jan-Erik",
)  # fmt: skip

SURNAMES = (
    # Swedish
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Lindström", "Ström", "Åberg",
    "Söderberg", "Lindqvist", "Bergström", "Sjögren", "Öberg", "Häggström", "Ekström",
    "Wallin", "Holm", "Nyström",
    # Norwegian
    "Hansen", "Johansen", "Olsen", "Larsen", "Pedersen", "Kristiansen", "Haugen", "Bakken",
    "Sæther", "Løvås", "Dahl", "Strand", "Berge", "Solberg",
    # Danish
    "Jensen", "Nielsen", "Sørensen", "Rasmussen", "Jørgensen", "Madsen", "Kristensen",
    "Mortensen", "Mølgaard", "Østergaard", "Thomsen", "Poulsen",
    # Finnish
    "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
    "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Saarinen",
    # German
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schäfer", "Köhler", "Groß", "Hoffmann",
    # Dutch
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit",
    "Meijer", "de Boer", "Mulder", "Bos",
    # English
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Roberts", "Walker",
    "O'Brien",
)  # fmt: skip

COMPANY_STEMS = (
    "kvarnbo", "fjallvik", "norrsten", "bergdal", "sjovik", "lindhaga", "ekholm", "granlund",
    "stenhus", "ostvall", "vikanes", "fjordnett", "nordlys", "havbruk", "solvang", "bakkehus",
    "skovgaard", "lundtek", "mollebro", "strandvej", "jarvitek", "metsala", "koskivoima",
    "tunturi", "rheintal", "bergwerk", "nordhafen", "waldhof", "polderweg", "molenhof",
    "zeewind", "brightmoor", "oakfield", "kingsbridge", "isbrytare", "fyrtorn", "skarvik",
    "hallonberg", "tallbacka", "ulvsund",
)  # fmt: skip

# Stems of internationalised company domains (kvärnbo7.se).
IDN_COMPANY_STEMS = (
    "kvärnbo", "fjällvik", "sjövik", "östvall", "åkerlund", "bjørnvik", "skovgård", "mølleby",
    "järvitek", "mäkitalo", "grünwald", "müllerbau",
)  # fmt: skip

# Weighted towards Sweden; one entry per share.
TOP_LEVEL_DOMAINS = (
    "se", "se", "se", "se", "no", "no", "dk", "dk", "fi", "fi", "de", "nl", "com", "com",
    "co.uk",
)  # fmt: skip

ROLE_LOCAL_PARTS = {
    "billing": (
        "finance", "ekonomi", "faktura", "fakturor", "invoice", "invoices", "billing",
        "accounts", "accounting", "regnskab", "okonomi", "laskutus", "talous", "buchhaltung",
        "rechnung", "boekhouding", "facturen", "administratie",
    ),
    "technical": (
        "ops", "drift", "it", "support", "tech", "teknik", "hostmaster", "noc", "devops",
        "it-drift", "tekniikka", "technik", "beheer", "sysadmin", "webmaster",
    ),
    "security": (
        "security", "sakerhet", "abuse", "cert", "csirt", "tietoturva", "sikkerhed",
        "sikkerhet",
    ),
    "account": ("admin", "info", "kontakt", "post", "office", "kontor", "hello", "mail"),
}  # fmt: skip

DEPARTMENT_NAMES = {
    "billing": ("Ekonomiavdelningen", "Finance", "Økonomi", "Buchhaltung", "Accounts"),
    "technical": ("IT-avdelningen", "Drift", "Operations", "IT Support", "Technik"),
    "security": ("Säkerhet", "Security Team", "CSIRT", "Tietoturva"),
    "account": ("Kontoret", "Administration", "Office"),
}

FREE_MAIL_DOMAINS = (
    "gmail.com", "hotmail.com", "hotmail.se", "outlook.com", "live.se", "yahoo.com",
    "yahoo.se", "icloud.com", "telia.com", "comhem.se", "bredband.net", "online.no",
    "hotmail.no", "mail.dk", "yahoo.dk", "elisanet.fi", "gmx.de", "web.de", "t-online.de",
    "ziggo.nl", "kpnmail.nl", "btinternet.com",
)  # fmt: skip

PURPOSES = ("billing", "technical", "security", "account")
PERSONAL_PURPOSE_WEIGHTS = (35, 35, 10, 20)

LEGAL_FORMS = {
    "se": "AB", "no": "AS", "dk": "ApS", "fi": "Oy", "de": "GmbH", "nl": "B.V.", "com": "AB",
    "co.uk": "Ltd",
}  # fmt: skip


@dataclass(frozen=True)
class PostalStyle:
    """How a country writes the street and city lines of an address."""

    streets: tuple[str, ...]
    cities: tuple[str, ...]
    postcode: Callable[[random.Random], str]
    number_first: bool = False


def _swedish_postcode(rng: random.Random) -> str:
    return f"{rng.randrange(100, 990)} {rng.randrange(0, 100):02d}"


def _four_digit_postcode(rng: random.Random) -> str:
    return f"{rng.randrange(1000, 10000)}"


def _five_digit_postcode(rng: random.Random) -> str:
    return f"{rng.randrange(1000, 100000):05d}"


def _dutch_postcode(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTVWXZ"
    return f"{rng.randrange(1000, 10000)} {rng.choice(letters)}{rng.choice(letters)}"


def _british_postcode(rng: random.Random) -> str:
    area = rng.choice(("SW1A", "EC2V", "M1", "B3", "LS1", "EH2", "G2"))
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return f"{area} {rng.randrange(1, 10)}{rng.choice(letters)}{rng.choice(letters)}"


SWEDISH_POSTAL = PostalStyle(
    streets=("Storgatan", "Kungsgatan", "Industrivägen", "Hamngatan", "Sveavägen"),
    cities=("Stockholm", "Göteborg", "Malmö", "Umeå", "Västerås", "Örebro"),
    postcode=_swedish_postcode,
)
POSTAL_STYLES = {
    "se": SWEDISH_POSTAL,
    "com": SWEDISH_POSTAL,
    "no": PostalStyle(
        streets=("Karl Johans gate", "Storgata", "Industriveien", "Bryggen"),
        cities=("Oslo", "Bergen", "Trondheim", "Tromsø"),
        postcode=_four_digit_postcode,
    ),
    "dk": PostalStyle(
        streets=("Strøget", "Vesterbrogade", "Nørregade", "Havnegade"),
        cities=("København K", "Aarhus C", "Odense C", "Aalborg"),
        postcode=_four_digit_postcode,
    ),
    "fi": PostalStyle(
        streets=("Mannerheimintie", "Hämeenkatu", "Aleksanterinkatu", "Teollisuustie"),
        cities=("Helsinki", "Tampere", "Turku", "Oulu"),
        postcode=_five_digit_postcode,
    ),
    "de": PostalStyle(
        streets=("Hauptstraße", "Bahnhofstraße", "Industriestraße", "Schillerstraße"),
        cities=("Berlin", "Hamburg", "München", "Köln"),
        postcode=_five_digit_postcode,
    ),
    "nl": PostalStyle(
        streets=("Kerkstraat", "Dorpsstraat", "Stationsweg", "Industrieweg"),
        cities=("Amsterdam", "Rotterdam", "Utrecht", "Eindhoven"),
        postcode=_dutch_postcode,
    ),
    "co.uk": PostalStyle(
        streets=("High Street", "Station Road", "Church Lane", "Mill Road"),
        cities=("London", "Manchester", "Leeds", "Edinburgh"),
        postcode=_british_postcode,
        number_first=True,
    ),
}

# Letters whose ASCII spelling is not their base letter, and the German/Scandinavian
# two-letter spellings some people use instead (müller -> mueller, åsa -> aasa).
# An apostrophe (o'brien) is valid in a local part and stays.
_SINGLE_LETTER_ASCII = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss"})
_TWO_LETTER_ASCII = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "å": "aa", "ø": "oe", "æ": "ae", "ß": "ss"}
)


@dataclass(frozen=True, slots=True)
class Contact:
    """One contact record as the linter's audit reads it."""

    id: str
    email: str
    name: str
    purpose: str
    address: str

    def as_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "email": self.email,
            "name": self.name,
            "purpose": self.purpose,
            "address": self.address,
        }

    def as_row(self) -> tuple[str, str, str, str, str]:
        return (self.id, self.email, self.name, self.purpose, self.address)


FIELD_NAMES = tuple(field.name for field in fields(Contact))


@dataclass(frozen=True, slots=True)
class Person:
    first: str
    last: str

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True, slots=True)
class Company:
    stem: str
    domain: str
    tld: str

    @property
    def display_name(self) -> str:
        return f"{self.stem.capitalize()} {LEGAL_FORMS[self.tld]}"


def ascii_spelling(word: str, two_letter: bool = False) -> str:
    """Lower-case ASCII spelling of a name part: `Åsa` -> `asa` (or `aasa`)."""
    lowered = word.lower().translate(_TWO_LETTER_ASCII if two_letter else _SINGLE_LETTER_ASCII)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(" ", "")


def company_for_index(index: int) -> Company:
    """The synthetic company with this index: unique domain per index (`kvarnbo123.se`)."""
    stem = COMPANY_STEMS[index % len(COMPANY_STEMS)]
    serial = index // len(COMPANY_STEMS)
    tld = TOP_LEVEL_DOMAINS[serial % len(TOP_LEVEL_DOMAINS)]
    return Company(stem=stem, domain=f"{stem}{serial}.{tld}", tld=tld)


class ContactGenerator:
    """Draws contacts from one seeded random stream; the same seed gives the same records."""

    def __init__(self, seed: int, company_domains: int = COMPANY_DOMAIN_COUNT) -> None:
        if company_domains <= 0:
            raise ValueError(f"company_domains must be one or more, got {company_domains}")
        self._rng = random.Random(seed)
        self._company_domains = company_domains
        self._non_ascii_first = tuple(n for n in FIRST_NAMES if not n.isascii())
        self._non_ascii_last = tuple(n for n in SURNAMES if not n.isascii())
        self._role_words = [(p, w) for p, words in ROLE_LOCAL_PARTS.items() for w in words]
        # Cumulative shares of the mix, in the order the draw checks them.
        self._kinds: tuple[tuple[float, Callable[[str], Contact]], ...] = (
            (0.45, self._personal_at_company),
            (0.70, self._role_at_company),
            (0.85, self._personal_at_free_mail),
            (0.95, self._role_with_named_person),
            (0.98, self._invalid_syntax),
            (1.00, self._internationalised),
        )

    def contacts(self, count: int) -> Iterator[Contact]:
        for number in range(1, count + 1):
            draw = self._rng.random()
            for upper, make in self._kinds:
                if draw < upper:
                    yield make(str(number))
                    break

    # The six kinds of record.

    def _personal_at_company(self, record_id: str) -> Contact:
        company = self._company()
        local = self._personal_local_part(self._person())
        return Contact(
            id=record_id,
            email=f"{local}@{company.domain}",
            name=self._rng.choice(("", company.display_name)),
            purpose=self._personal_purpose(),
            address=self._maybe_postal_address(company),
        )

    def _role_at_company(self, record_id: str) -> Contact:
        company = self._company()
        purpose, word = self._rng.choice(self._role_words)
        name = self._rng.choice(("", company.display_name, *DEPARTMENT_NAMES[purpose]))
        return Contact(
            id=record_id,
            email=f"{word}@{company.domain}",
            name=name,
            purpose=purpose,
            address=self._maybe_postal_address(company),
        )

    def _personal_at_free_mail(self, record_id: str) -> Contact:
        local = self._personal_local_part(self._person())
        if self._rng.random() < 0.4:
            # A birth year (anna.svensson84) or a small number (anna.svensson2).
            number = self._rng.randrange(50, 100) if self._rng.random() < 0.7 else None
            local += str(number if number is not None else self._rng.randrange(1, 10))
        return Contact(
            id=record_id,
            email=f"{local}@{self._rng.choice(FREE_MAIL_DOMAINS)}",
            name="",
            purpose=self._personal_purpose(),
            address="",
        )

    def _role_with_named_person(self, record_id: str) -> Contact:
        company = self._company()
        purpose, word = self._rng.choice(self._role_words)
        person = self._person()
        lines = [f"Att: {person.full_name}", company.display_name, *self._street_lines(company)]
        return Contact(
            id=record_id,
            email=f"{word}@{company.domain}",
            name=person.full_name,
            purpose=purpose,
            address="\n".join(lines),
        )

    def _invalid_syntax(self, record_id: str) -> Contact:
        company = self._company()
        person = self._person()
        first, last = ascii_spelling(person.first), ascii_spelling(person.last)
        domain = company.domain
        label = domain.split(".", 1)[0]
        email = self._rng.choice(
            (
                f"{first}.{last}{domain}",  # no @
                f"{first}@{last}@{domain}",  # two @
                f"{first}..{last}@{domain}",  # consecutive dots
                f".{first}@{domain}",  # leading dot
                f"{first}.@{domain}",  # trailing dot
                f"{first} {last}@{domain}",  # space
                f"{first},{last}@{domain}",  # comma
                f"{first}@{label}",  # no top-level domain
                f"@{domain}",  # empty local part
                f"{first}.{last}@{label}..{company.tld}",  # empty domain label
                f"{first}.{last}@-{domain}",  # label starts with a hyphen
            )
        )
        return Contact(
            id=record_id,
            email=email,
            name=self._rng.choice(("", company.display_name)),
            purpose=self._personal_purpose(),
            address="",
        )

    def _internationalised(self, record_id: str) -> Contact:
        person = Person(
            first=self._rng.choice(self._non_ascii_first),
            last=self._rng.choice(self._non_ascii_last),
        )
        first, last = person.first.lower(), person.last.lower().replace(" ", "")
        draw = self._rng.random()
        if draw < 0.6:
            local, domain = f"{first}.{last}", self._company().domain
        elif draw < 0.8:
            local, domain = f"{first}.{last}", self._idn_company_domain()
        else:
            _, word = self._rng.choice(self._role_words)
            local, domain = word, self._idn_company_domain()
        return Contact(
            id=record_id,
            email=f"{local}@{domain}",
            name="",
            purpose=self._personal_purpose(),
            address="",
        )

    # Parts.

    def _person(self) -> Person:
        return Person(first=self._rng.choice(FIRST_NAMES), last=self._rng.choice(SURNAMES))

    def _company(self) -> Company:
        return company_for_index(self._rng.randrange(self._company_domains))

    def _idn_company_domain(self) -> str:
        stem = self._rng.choice(IDN_COMPANY_STEMS)
        tld = self._rng.choice(TOP_LEVEL_DOMAINS)
        return f"{stem}{self._rng.randrange(1, 500)}.{tld}"

    def _personal_local_part(self, person: Person) -> str:
        two_letter = self._rng.random() < 0.15
        first = ascii_spelling(person.first, two_letter)
        last = ascii_spelling(person.last, two_letter)
        pattern = self._rng.random()
        if pattern < 0.40:
            local = f"{first}.{last}"
        elif pattern < 0.55:
            local = f"{first[0]}.{last}"
        elif pattern < 0.70:
            local = f"{first[0]}{last}"
        elif pattern < 0.80:
            local = f"{first}{last}"
        elif pattern < 0.88:
            local = f"{first}_{last}"
        else:
            local = first
        if self._rng.random() < 0.04:
            local = ".".join(part.capitalize() for part in local.split("."))
        return local

    def _personal_purpose(self) -> str:
        return self._rng.choices(PURPOSES, weights=PERSONAL_PURPOSE_WEIGHTS)[0]

    def _maybe_postal_address(self, company: Company) -> str:
        if self._rng.random() < 0.5:
            return ""
        return "\n".join((company.display_name, *self._street_lines(company)))

    def _street_lines(self, company: Company) -> tuple[str, str]:
        style = POSTAL_STYLES[company.tld]
        street = self._rng.choice(style.streets)
        number = self._rng.randrange(1, 120)
        city = self._rng.choice(style.cities)
        postcode = style.postcode(self._rng)
        if style.number_first:
            return f"{number} {street}", f"{city} {postcode}"
        return f"{street} {number}", f"{postcode} {city}"


def iter_contacts(
    count: int, seed: int = DEFAULT_SEED, company_domains: int = COMPANY_DOMAIN_COUNT
) -> Iterator[Contact]:
    """`count` contacts drawn from the stream for `seed`, one at a time, their company
    addresses spread over the first `company_domains` company domains."""
    return ContactGenerator(seed, company_domains).contacts(count)


def company_domain_names(company_domains: int = COMPANY_DOMAIN_COUNT) -> Iterator[str]:
    """Every company domain a run with `company_domains` can draw from (`kvarnbo123.se`)."""
    return (company_for_index(index).domain for index in range(company_domains))


def write_jsonl(contacts: Iterator[Contact], out: TextIO) -> int:
    written = 0
    for contact in contacts:
        out.write(json.dumps(contact.as_dict(), ensure_ascii=False))
        out.write("\n")
        written += 1
    return written


def write_csv(contacts: Iterator[Contact], out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(FIELD_NAMES)
    written = 0
    for contact in contacts:
        writer.writerow(contact.as_row())
        written += 1
    return written


def generate(
    path: str | os.PathLike[str],
    count: int,
    seed: int = DEFAULT_SEED,
    file_format: FileFormat = "jsonl",
    company_domains: int = COMPANY_DOMAIN_COUNT,
) -> int:
    """Write `count` contacts to `path` as JSONL or CSV, streaming; return the count.

    `company_domains` is how many distinct company domains the records draw from."""
    if count < 0:
        raise ValueError(f"count must be zero or more, got {count}")
    contacts = iter_contacts(count, seed, company_domains)  # checks company_domains first
    write = write_csv if file_format == "csv" else write_jsonl
    # newline="" lets the csv module write its own line endings; JSONL gets "\n" either way.
    with open(path, "w", encoding="utf-8", newline="") as out:
        return write(contacts, out)


def _format_from_suffix(path: Path) -> FileFormat:
    return "csv" if path.suffix.lower() == ".csv" else "jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write seeded synthetic contact records for the contactlint benchmark.",
        epilog="Example: python bench/generate.py /tmp/contacts.jsonl 200000 --seed 7",
    )
    parser.add_argument("out", type=Path, help="file to write")
    parser.add_argument("count", type=int, help="number of records")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument(
        "--format",
        choices=("jsonl", "csv"),
        help="output format (default: csv for a .csv file name, otherwise jsonl)",
    )
    parser.add_argument(
        "--company-domains",
        type=int,
        default=COMPANY_DOMAIN_COUNT,
        metavar="N",
        help="distinct company domains the records draw from (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("COUNT must be zero or more")
    if args.company_domains <= 0:
        parser.error("--company-domains must be one or more")
    file_format: FileFormat = args.format or _format_from_suffix(args.out)
    written = generate(args.out, args.count, args.seed, file_format, args.company_domains)
    print(
        f"wrote {written} records to {args.out} ({file_format}, seed {args.seed})", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
