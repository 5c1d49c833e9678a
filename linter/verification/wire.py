"""DNS messages as bytes: the question a look-up sends, and what it reads of the answer.

dnspython's message classes build a tree of objects for every answer (names, rdatasets,
rdata); on a bulk audit that cost more than linting the contacts the answers were for.
A mail check needs little of an answer: its ID, flags and rcode, the question it
answers, its records of one type (and the CNAMEs leading to them), the MX exchanges,
and the SOA's negative TTL. This module reads that much straight from the wire format
(RFC 1035 section 4.1) and refuses what is malformed. Turning a domain into a name on
the wire (IDNA, escapes, length limits) is left to dnspython.
"""

from __future__ import annotations

import re
import struct
from typing import NamedTuple

import dns.name
import dns.rdataclass
import dns.rdatatype

_HEADER = struct.Struct("!HHHHHH")  # id, flags, and the four section counts
_QUESTION = struct.Struct("!HH")  # type, class
_RECORD = struct.Struct("!HHIH")  # type, class, TTL, data length
_UINT32 = struct.Struct("!I")

QR = 0x8000  # a response
OPCODE = 0x7800
TC = 0x0200  # truncated: ask again over TCP
RD = 0x0100  # recursion desired
RCODE = 0x000F
HEADER_BYTES = _HEADER.size
ROOT = b"\x00"

_POINTER = 0xC0
_MAX_POINTERS = 32  # compression pointers followed in one name, against loops
_MAX_NAME_BYTES = 255
_SOA_NUMBERS_BYTES = 20  # serial, refresh, retry, expire, minimum
_MAX_TTL = 0x7FFFFFFF  # RFC 2181 section 8: a TTL with the top bit set means zero
# At most 253 characters in labels of 1 to 63 letters, digits and hyphens, no final dot.
_PLAIN_NAME = re.compile(r"(?=.{1,253}\Z)(?:[A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}")

IN = int(dns.rdataclass.IN)
MX = int(dns.rdatatype.MX)
CNAME = int(dns.rdatatype.CNAME)
SOA = int(dns.rdatatype.SOA)


class MalformedMessage(ValueError):
    """Bytes that are not a DNS message this module can read."""


class Record(NamedTuple):
    """A record of the answer section. Names are in wire form, in lower case."""

    name: bytes
    rdtype: int
    rdclass: int
    ttl: int
    target: bytes | None  # an MX record's exchange, a CNAME's target; None otherwise


class Response(NamedTuple):
    id: int
    flags: int
    question: tuple[bytes, int, int] | None  # name, type, class
    answer: tuple[Record, ...]
    negative_ttl: int | None  # min(TTL, MINIMUM) over the authority section's SOAs

    @property
    def rcode(self) -> int:
        return self.flags & RCODE

    @property
    def truncated(self) -> bool:
        return bool(self.flags & TC)

    def answers(self, name: bytes, rdtype: int) -> bool:
        """Whether this is a response to a standard query for `name` and `rdtype`."""
        return (
            bool(self.flags & QR)
            and not self.flags & OPCODE
            and self.question == (name, rdtype, IN)
        )


def query_name(domain: str) -> bytes:
    """`domain` as a name on the wire, in lower case. Raises dns.exception.DNSException
    or UnicodeError for what cannot be a name."""
    if _PLAIN_NAME.fullmatch(domain):
        # Letters, digits and hyphens in labels of 1 to 63: the name is its own spelling.
        labels = domain.lower().encode("ascii").split(b".")
        return b"".join(bytes((len(label),)) + label for label in labels) + ROOT
    wire = dns.name.from_text(domain).canonicalize().to_wire()
    assert wire is not None  # None only when writing into a file given
    return wire


def encode_query(query_id: int, name: bytes, rdtype: int) -> bytes:
    """A standard query, recursion desired, for `name` (wire form) and `rdtype`."""
    return _HEADER.pack(query_id, RD, 1, 0, 0, 0) + name + _QUESTION.pack(rdtype, IN)


def read_response(wire: bytes) -> Response:
    """What a look-up needs of the message in `wire`; MalformedMessage if it cannot be
    read. Bytes after the last section counted in the header are ignored."""
    if len(wire) < HEADER_BYTES:
        raise MalformedMessage("shorter than a DNS header")
    query_id, flags, questions, answers, authorities, _additional = _HEADER.unpack_from(wire)
    position = HEADER_BYTES
    question: tuple[bytes, int, int] | None = None
    for _ in range(questions):
        name, position = _read_name(wire, position)
        rdtype, rdclass = _unpack(_QUESTION, wire, position)
        position += _QUESTION.size
        if question is None:
            question = (name, rdtype, rdclass)
    records: list[Record] = []
    for _ in range(answers):
        name, position = _read_name(wire, position)
        rdtype, rdclass, ttl, length = _unpack(_RECORD, wire, position)
        start = position + _RECORD.size
        position = _data_end(wire, start, length)
        target: bytes | None = None
        if rdtype == MX:
            target = _name_within(wire, start + 2, position)
        elif rdtype == CNAME:
            target = _name_within(wire, start, position)
        records.append(Record(name, rdtype, rdclass, _ttl(ttl), target))
    negative_ttl: int | None = None
    for _ in range(authorities):
        _name, position = _read_name(wire, position)
        rdtype, _rdclass, ttl, length = _unpack(_RECORD, wire, position)
        start = position + _RECORD.size
        position = _data_end(wire, start, length)
        if rdtype == SOA:
            if length < _SOA_NUMBERS_BYTES + 2:
                raise MalformedMessage("an SOA record too short for its numbers")
            (minimum,) = _UINT32.unpack_from(wire, position - _UINT32.size)
            held = min(_ttl(ttl), _ttl(minimum))
            negative_ttl = held if negative_ttl is None else min(negative_ttl, held)
    return Response(query_id, flags, question, tuple(records), negative_ttl)


def records_of(response: Response, name: bytes, rdtype: int) -> list[Record] | None:
    """The answer's records of `rdtype` for `name`, following CNAMEs in the answer; None
    when the answer has none."""
    for _ in range(8):
        found = [
            r for r in response.answer if r.name == name and r.rdtype == rdtype and r.rdclass == IN
        ]
        if found:
            return found
        alias = next(
            (r for r in response.answer if r.name == name and r.rdtype == CNAME and r.target),
            None,
        )
        if alias is None or alias.target is None:
            return None
        name = alias.target
    return None


def _unpack(layout: struct.Struct, wire: bytes, position: int) -> tuple[int, ...]:
    if position + layout.size > len(wire):
        raise MalformedMessage("the message ends inside a record")
    return layout.unpack_from(wire, position)


def _data_end(wire: bytes, start: int, length: int) -> int:
    end = start + length
    if end > len(wire):
        raise MalformedMessage("a record's data runs past the end of the message")
    return end


def _ttl(value: int) -> int:
    return value if value <= _MAX_TTL else 0


def _name_within(wire: bytes, start: int, end: int) -> bytes:
    """The name at `start` in a record's data, which must not run past `end`."""
    name, after = _read_name(wire, start)
    if after > end:
        raise MalformedMessage("a name runs past the end of its record")
    return name


def _read_name(wire: bytes, position: int) -> tuple[bytes, int]:
    """The name at `position` (wire form, lower case, compression undone) and where the
    bytes after it begin."""
    parts: list[bytes] = []
    size = 1
    resume: int | None = None
    pointers = 0
    end = len(wire)
    while True:
        if position >= end:
            raise MalformedMessage("the message ends inside a name")
        length = wire[position]
        if length == 0:
            position += 1
            break
        if length & _POINTER == _POINTER:
            if position + 1 >= end:
                raise MalformedMessage("the message ends inside a name")
            pointers += 1
            if pointers > _MAX_POINTERS:
                raise MalformedMessage("a name's compression pointers loop")
            if resume is None:
                resume = position + 2
            position = (length & ~_POINTER) << 8 | wire[position + 1]
            continue
        if length & _POINTER:
            raise MalformedMessage("a label type this reader does not know")
        label_end = position + 1 + length
        if label_end > end:
            raise MalformedMessage("the message ends inside a name")
        parts.append(wire[position:label_end])
        size += 1 + length
        if size > _MAX_NAME_BYTES:
            raise MalformedMessage("a name longer than 255 bytes")
        position = label_end
    # Label lengths are below 64, so lowering the whole changes only ASCII letters.
    return b"".join(parts).lower() + ROOT, position if resume is None else resume
