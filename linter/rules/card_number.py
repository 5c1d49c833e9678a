"""C001: a payment card number in any field."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from linter.facts import ContactFacts
from linter.model import Field, Finding, Severity
from linter.rules.base import Rule

# 13 to 19 digits, optionally in groups separated by one space or hyphen.
_DIGIT_RUN = re.compile(r"(?<!\d)(?<!\d[ -])\d(?:[ -]?\d){12,18}(?![ -]?\d)")
_FIELDS = (Field.EMAIL, Field.NAME, Field.ADDRESS, Field.DOMAIN)
# A cheap first look, over all fields at once: 13 digits with at most single separators.
_CARD_LIKE = re.compile(r"\d(?:[ -]?\d){12}")
# Fewer digits than this make no card number. Text in Latin-1 (ASCII, and the letters of
# the Nordic and Western European languages) is counted on its bytes, which is a few
# times cheaper than the regular expression's search, and most text has fewer. Latin-1's
# only decimal digits are ASCII's (its superscripts are not decimal digits).
_MIN_DIGITS = 13
_ASCII_DIGITS = b"0123456789"
# Issuer prefixes of the card schemes (ISO/IEC 7812 issuer identification numbers).
_CARD_PREFIX = re.compile(
    r"4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|3(?:0[0-5]|[68])|6(?:011|5|4[4-9]|2)|35|5[06-9]|6"
)


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = ord(char) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def may_hold_card_number(text: str) -> bool:
    """Whether `text` has a run of 13 digits with at most single separators in it."""
    data = text.encode("latin-1", "ignore")
    all_latin_1 = len(data) == len(text)  # nothing was left out
    if all_latin_1 and len(data) - len(data.translate(None, _ASCII_DIGITS)) < _MIN_DIGITS:
        return False
    return _CARD_LIKE.search(text) is not None


def card_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Spans of digit runs that pass the Luhn check and start like a card number."""
    for match in _DIGIT_RUN.finditer(text):
        digits = match[0].replace(" ", "").replace("-", "")
        if not digits.isascii():
            # A card number typed in another script's digits (full-width `４`, Arabic-Indic
            # `٤`) is still one: read each digit by its value.
            digits = "".join(str(int(char)) for char in digits)
        if _CARD_PREFIX.match(digits) and luhn_valid(digits):
            yield match.span()


class CardNumber(Rule):
    """A payment card number (a 13 to 19 digit run with a card scheme's prefix that passes
    the Luhn check) in any field. Card data must never be stored here.

    Bad:  name `Anna 4111 1111 1111 1111`
    Good: name `Ekonomi`, with card details kept by the payment provider only
    """

    code = "C001"
    name = "card-number"
    summary = "A payment card number in a field"
    severity = Severity.ERROR

    def check(self, facts: ContactFacts) -> Sequence[Finding]:
        contact = facts.contact
        fields = (contact.email, contact.name, contact.address, contact.domain)
        if not may_hold_card_number("\n".join(fields)):
            return ()
        message = "this looks like a payment card number: card data must not be stored"
        return [
            self.finding(field, message, span)
            for field, value in zip(_FIELDS, fields, strict=True)
            for span in card_numbers(value)
        ]
