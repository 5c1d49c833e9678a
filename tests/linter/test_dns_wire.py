"""The DNS wire reader against messages written by dnspython, and against broken bytes."""

from __future__ import annotations

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdatatype
import dns.rrset
import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.verification.wire import (
    CNAME,
    MX,
    ROOT,
    MalformedMessage,
    encode_query,
    query_name,
    read_response,
    records_of,
)

A = int(dns.rdatatype.A)


def response_to(qname: str, rdtype: str = "MX") -> dns.message.Message:
    return dns.message.make_response(dns.message.make_query(qname, rdtype))


def add(message: dns.message.Message, section: str, owner: str, ttl: int, *rdata: str) -> None:
    rdtype = rdata[0]
    getattr(message, section).append(
        dns.rrset.from_text_list(dns.name.from_text(owner), ttl, "IN", rdtype, list(rdata[1:]))
    )


def test_query_is_what_dnspython_reads_as_one() -> None:
    wire = encode_query(4711, query_name("Kvarnbo.SE"), MX)
    query = dns.message.from_wire(wire)
    assert query.id == 4711
    assert query.flags & dns.flags.RD and not query.flags & dns.flags.QR
    assert query.question[0].name == dns.name.from_text("kvarnbo.se")
    assert query.question[0].rdtype == dns.rdatatype.MX


def test_internationalised_domain_is_asked_under_its_ascii_name() -> None:
    ascii_label = b"xn--" + "kvärnbo".encode("punycode")
    assert query_name("kvärnbo.se") == bytes([len(ascii_label)]) + ascii_label + b"\x02se\x00"


def test_mx_answer_with_compressed_names() -> None:
    message = response_to("kvarnbo.se")
    add(message, "answer", "kvarnbo.se", 300, "MX", "10 mx1.kvarnbo.se.", "20 MX2.Kvarnbo.se.")
    response = read_response(message.to_wire())
    name = query_name("kvarnbo.se")
    assert response.answers(name, MX)
    records = records_of(response, name, MX)
    assert records is not None
    assert sorted(r.target for r in records if r.target) == [
        query_name("mx1.kvarnbo.se"),
        query_name("mx2.kvarnbo.se"),
    ]
    assert {r.ttl for r in records} == {300}


def test_null_mx_reads_as_the_root() -> None:
    message = response_to("nullmx.se")
    add(message, "answer", "nullmx.se", 60, "MX", "0 .")
    records = records_of(read_response(message.to_wire()), query_name("nullmx.se"), MX)
    assert records is not None and [r.target for r in records] == [ROOT]


def test_cnames_in_the_answer_are_followed() -> None:
    message = response_to("mail.kvarnbo.se")
    add(message, "answer", "mail.kvarnbo.se", 300, "CNAME", "kvarnbo.se.")
    add(message, "answer", "kvarnbo.se", 120, "MX", "10 mx.kvarnbo.se.")
    response = read_response(message.to_wire())
    records = records_of(response, query_name("mail.kvarnbo.se"), MX)
    assert records is not None and [r.ttl for r in records] == [120]
    assert records_of(response, query_name("mail.kvarnbo.se"), A) is None


def test_cname_loop_ends() -> None:
    message = response_to("a.kvarnbo.se")
    add(message, "answer", "a.kvarnbo.se", 300, "CNAME", "b.kvarnbo.se.")
    add(message, "answer", "b.kvarnbo.se", 300, "CNAME", "a.kvarnbo.se.")
    response = read_response(message.to_wire())
    assert [r.rdtype for r in response.answer] == [CNAME, CNAME]
    assert records_of(response, query_name("a.kvarnbo.se"), MX) is None


def test_negative_answer_holds_for_the_smaller_of_soa_ttl_and_minimum() -> None:
    message = response_to("gone.se")
    message.set_rcode(dns.rcode.NXDOMAIN)
    add(message, "authority", "se", 900, "SOA", "ns.se. hostmaster.se. 1 3600 600 86400 120")
    response = read_response(message.to_wire())
    assert response.rcode == dns.rcode.NXDOMAIN
    assert response.negative_ttl == 120
    assert response.answer == ()


def test_ttl_with_the_top_bit_set_counts_as_zero() -> None:
    message = response_to("kvarnbo.se")
    add(message, "answer", "kvarnbo.se", 300, "MX", "10 mx.kvarnbo.se.")
    wire = bytearray(message.to_wire())
    ttl_at = wire.index((300).to_bytes(4, "big"))
    wire[ttl_at : ttl_at + 4] = (0x80000000).to_bytes(4, "big")
    assert [r.ttl for r in read_response(bytes(wire)).answer] == [0]


def test_truncation_flag() -> None:
    message = response_to("big.se")
    message.flags |= dns.flags.TC
    assert read_response(message.to_wire()).truncated


@pytest.mark.parametrize(
    ("asked", "rdtype"),
    [
        pytest.param("other.se", MX, id="another-name"),
        pytest.param("kvarnbo.se", A, id="another-type"),
    ],
)
def test_an_answer_to_another_question_is_not_taken(asked: str, rdtype: int) -> None:
    response = read_response(response_to("kvarnbo.se").to_wire())
    assert not response.answers(query_name(asked), rdtype)


def test_a_query_is_not_an_answer() -> None:
    wire = encode_query(1, query_name("kvarnbo.se"), MX)
    assert not read_response(wire).answers(query_name("kvarnbo.se"), MX)


def test_every_cut_of_a_message_is_refused_cleanly() -> None:
    message = response_to("kvarnbo.se")
    add(message, "answer", "kvarnbo.se", 300, "MX", "10 mx1.kvarnbo.se.")
    add(message, "authority", "se", 900, "SOA", "ns.se. hostmaster.se. 1 3600 600 86400 120")
    wire = message.to_wire()
    for end in range(len(wire)):
        with pytest.raises(MalformedMessage):
            read_response(wire[:end])


def test_compression_pointer_loop_is_refused() -> None:
    header = (1).to_bytes(2, "big") + bytes([0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0])
    looping_name = bytes([0xC0, 12])  # points at itself
    with pytest.raises(MalformedMessage, match="loop"):
        read_response(header + looping_name + bytes([0, 15, 0, 1]))


@given(st.binary(max_size=600))
def test_any_bytes_read_or_are_refused(wire: bytes) -> None:
    try:
        response = read_response(wire)
    except MalformedMessage:
        return
    assert response.id == int.from_bytes(wire[:2], "big")
    names = [r.name for r in response.answer] + [r.target for r in response.answer if r.target]
    assert all(name.endswith(ROOT) and len(name) <= 255 for name in names)


@pytest.mark.parametrize(
    "domain",
    [
        "kvarnbo.se",
        "Kvarnbo.SE",
        "mail-1.kvarnbo.co.uk",
        "kvärnbo.se",
        "kvarnbo.se.",
        "under_score.kvarnbo.se",
        f"{'a' * 63}.se",
        ".".join(["abcdefghi"] * 25) + ".se",
    ],
)
def test_query_name_is_dnspythons_name_in_lower_case(domain: str) -> None:
    assert query_name(domain) == dns.name.from_text(domain).canonicalize().to_wire()


@pytest.mark.parametrize(
    "domain",
    [
        pytest.param(f"{'a' * 64}.se", id="label-too-long"),
        pytest.param(".".join(["abcdefghi"] * 26) + ".se", id="name-too-long"),
        pytest.param("kvarnbo..se", id="empty-label"),
    ],
)
def test_query_name_refuses_what_cannot_be_a_name(domain: str) -> None:
    with pytest.raises(dns.exception.DNSException):
        query_name(domain)
