"""A small authoritative DNS server on a loopback port, for tests.

It answers over real UDP and TCP from a zone given as text records, and can misbehave on
purpose: answer SERVFAIL, answer too late, or truncate its UDP answer so that the client
must ask again over TCP. It counts the questions it is asked, by name and type.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset

SOA = "ns.test. hostmaster.test. 1 3600 600 86400 {negative_ttl}"


@dataclass
class Zone:
    """Records as `{name: {type: [rdata text, ...]}}`, plus the names that misbehave."""

    records: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    servfail: set[str] = field(default_factory=set)
    slow: set[str] = field(default_factory=set)
    truncated: set[str] = field(default_factory=set)
    ttl: int = 300
    negative_ttl: int = 120
    slow_seconds: float = 3.0

    def has(self, name: str) -> bool:
        return (
            name in self.records
            or name in self.servfail
            or name in self.slow
            or name in self.truncated
        )


class _UdpServer(socketserver.UDPServer):
    """Answers in its serving thread: a thread per question would cost more than the
    answer, and the benchmark runs this server beside the audit it measures. A slow
    answer is sent from a thread of its own (see `answer`)."""


class _TcpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    block_on_close = False


class LoopbackDnsServer:
    def __init__(self, zone: Zone) -> None:
        self.zone = zone
        self.questions: Counter[tuple[str, str]] = Counter()
        self.tcp_questions: Counter[tuple[str, str]] = Counter()
        self._lock = threading.Lock()
        self._udp = _UdpServer(("127.0.0.1", 0), self._udp_handler())
        port = self._udp.server_address[1]
        self._tcp = _TcpServer(("127.0.0.1", port), self._tcp_handler())
        self.port = port
        self._threads = [
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
            for server in (self._udp, self._tcp)
        ]

    @property
    def address(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)

    def start(self) -> None:
        for thread in self._threads:
            thread.daemon = True
            thread.start()

    def stop(self) -> None:
        for server in (self._udp, self._tcp):
            server.shutdown()
            server.server_close()

    def answer(
        self,
        wire: bytes,
        over_tcp: bool,
        reply_to: Callable[[bytes], object] | None = None,
    ) -> bytes | None:
        """The reply to send now, or None when `reply_to` will be called with it later."""
        query = dns.message.from_wire(wire)
        question = query.question[0]
        name = question.name.to_text().rstrip(".").lower()
        rdtype = dns.rdatatype.to_text(question.rdtype)
        with self._lock:
            self.questions[(name, rdtype)] += 1
            if over_tcp:
                self.tcp_questions[(name, rdtype)] += 1
        zone = self.zone
        if name in zone.slow and not over_tcp and reply_to is not None:
            # Answer late without holding up the questions behind this one.
            late = threading.Timer(zone.slow_seconds, reply_to, [self._response(query, name)])
            late.daemon = True
            late.start()
            return None
        if name in zone.slow:
            time.sleep(zone.slow_seconds)
        return self._response(query, name, over_tcp)

    def _response(self, query: dns.message.Message, name: str, over_tcp: bool = False) -> bytes:
        zone = self.zone
        question = query.question[0]
        rdtype = dns.rdatatype.to_text(question.rdtype)
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        if name in zone.servfail:
            response.set_rcode(dns.rcode.SERVFAIL)
            return response.to_wire()
        if name in zone.truncated and not over_tcp:
            response.flags |= dns.flags.TC
            return response.to_wire()
        records = zone.records.get(name)
        if records is None and not zone.has(name):
            response.set_rcode(dns.rcode.NXDOMAIN)
            self._add_soa(response)
            return response.to_wire()
        texts = (records or {}).get(rdtype, [])
        if texts:
            response.answer.append(
                dns.rrset.from_text_list(question.name, zone.ttl, "IN", rdtype, texts)
            )
        else:
            self._add_soa(response)
        return response.to_wire()

    def _add_soa(self, response: dns.message.Message) -> None:
        soa = SOA.format(negative_ttl=self.zone.negative_ttl)
        response.authority.append(
            dns.rrset.from_text(dns.name.from_text("test."), 3600, "IN", "SOA", soa)
        )

    def _udp_handler(self) -> type[socketserver.BaseRequestHandler]:
        server = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                data, sock = self.request
                client = self.client_address

                def reply_late(late: bytes) -> None:
                    with contextlib.suppress(OSError):  # the server may have stopped since
                        sock.sendto(late, client)

                reply = server.answer(data, False, reply_late)
                if reply is not None:
                    sock.sendto(reply, self.client_address)

        return Handler

    def _tcp_handler(self) -> type[socketserver.BaseRequestHandler]:
        server = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                sock: socket.socket = self.request
                while True:
                    header = _read_exactly(sock, 2)
                    if header is None:
                        return
                    (length,) = struct.unpack("!H", header)
                    data = _read_exactly(sock, length)
                    if data is None:
                        return
                    reply = server.answer(data, over_tcp=True)
                    if reply is not None:
                        sock.sendall(struct.pack("!H", len(reply)) + reply)

        return Handler


def _read_exactly(sock: socket.socket, count: int) -> bytes | None:
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            return None
        data += chunk
    return data


@contextmanager
def running(zone: Zone) -> Iterator[LoopbackDnsServer]:
    server = LoopbackDnsServer(zone)
    server.start()
    try:
        yield server
    finally:
        server.stop()
