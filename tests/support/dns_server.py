"""A small authoritative DNS server on a loopback port, for tests.

It answers over real UDP and TCP from a zone given as text records, and can misbehave on
purpose: answer SERVFAIL, answer too late, or truncate its UDP answer so that the client
must ask again over TCP. It counts the questions it is asked, by name and type.

The zone is read when the server starts and must not change while it runs: each
distinct question is answered once with dnspython's message classes, and a repeat of it
(the same bytes after the ID) gets the same answer under its own ID. Building an answer costs a
few hundred microseconds of Python; the benchmark runs this server beside the audit it
measures, on the same cores, and a real resolver answers a repeat from its cache.
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

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset

POLL_SECONDS = 0.05  # how soon the server notices it is to stop
UDP_RECEIVE_BYTES = 65535
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
    # A resolver that answers NXDOMAIN for every name, the DNS root included, as some
    # sandboxes and filtering networks do. Otherwise the root exists (with no records).
    denies_everything: bool = False

    def has(self, name: str) -> bool:
        return (
            name in self.records
            or name in self.servfail
            or name in self.slow
            or name in self.truncated
        )


class _TcpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True  # a port whose last connections linger in TIME_WAIT


# How many ports to try for the UDP and TCP pair: the port the system picks for UDP may
# be taken for TCP (a client's outgoing connection, say, on a busy test machine).
PORT_TRIES = 20


@dataclass(frozen=True)
class _Prepared:
    """A question's answer, kept for its repeats: all but the answer's first two bytes
    (the ID), and what the counters and the timing need to know of the question."""

    question: tuple[str, str]
    after_id: bytes
    slow: bool


class LoopbackDnsServer:
    def __init__(self, zone: Zone) -> None:
        self.zone = zone
        self.questions: Counter[tuple[str, str]] = Counter()
        self.tcp_questions: Counter[tuple[str, str]] = Counter()
        self.udp_clients: set[tuple[str, int]] = set()  # the addresses questions came from
        self._lock = threading.Lock()
        self._prepared: dict[tuple[bool, bytes], _Prepared] = {}
        # The zone's records read once, as a server loads its zone.
        self._rrsets = {
            (name, rdtype): dns.rrset.from_text_list(
                dns.name.from_text(name), zone.ttl, "IN", rdtype, texts
            )
            for name, by_type in zone.records.items()
            for rdtype, texts in by_type.items()
            if texts
        }
        soa = SOA.format(negative_ttl=zone.negative_ttl)
        self._soa = dns.rrset.from_text(dns.name.from_text("test."), 3600, "IN", "SOA", soa)
        self._stopping = threading.Event()
        self._udp, self._tcp = self._bind_one_port()
        self._udp.settimeout(POLL_SECONDS)
        self.port: int = self._udp.getsockname()[1]
        self._threads = [
            threading.Thread(target=self._serve_udp, name="dns-udp"),
            threading.Thread(
                target=self._tcp.serve_forever, kwargs={"poll_interval": POLL_SECONDS}
            ),
        ]

    def _bind_one_port(self) -> tuple[socket.socket, _TcpServer]:
        """A UDP socket and a TCP server on one loopback port, as DNS serves both."""
        for _ in range(PORT_TRIES):
            udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            udp.bind(("127.0.0.1", 0))
            try:
                tcp = _TcpServer(("127.0.0.1", udp.getsockname()[1]), self._tcp_handler())
            except OSError:
                udp.close()
                continue
            return udp, tcp
        raise OSError(f"no loopback port free for both UDP and TCP in {PORT_TRIES} tries")

    @property
    def address(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)

    def start(self) -> None:
        for thread in self._threads:
            thread.daemon = True
            thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._tcp.shutdown()
        self._tcp.server_close()
        self._threads[0].join()
        self._udp.close()

    def _serve_udp(self) -> None:
        sock = self._udp
        while not self._stopping.is_set():
            try:
                wire, client = sock.recvfrom(UDP_RECEIVE_BYTES)
            except TimeoutError:
                continue
            self.udp_clients.add(client)

            def reply_late(late: bytes, client: tuple[str, int] = client) -> None:
                with contextlib.suppress(OSError):  # the server may have stopped since
                    sock.sendto(late, client)

            reply = self.answer(wire, False, reply_late)
            if reply is not None:
                with contextlib.suppress(OSError):
                    sock.sendto(reply, client)

    def answer(
        self,
        wire: bytes,
        over_tcp: bool,
        reply_to: Callable[[bytes], object] | None = None,
    ) -> bytes | None:
        """The reply to send now, or None when `reply_to` will be called with it later
        (or never: a message that is not a question gets no answer)."""
        key = (over_tcp, wire[2:])
        prepared = self._prepared.get(key)
        if prepared is None:
            prepared = self._prepare(wire, over_tcp)
            if prepared is None:
                return None
            self._prepared[key] = prepared
        with self._lock:
            self.questions[prepared.question] += 1
            if over_tcp:
                self.tcp_questions[prepared.question] += 1
        reply = wire[:2] + prepared.after_id
        if prepared.slow and reply_to is not None:
            # Answer late without holding up the questions behind this one.
            late = threading.Timer(self.zone.slow_seconds, reply_to, [reply])
            late.daemon = True
            late.start()
            return None
        if prepared.slow:
            time.sleep(self.zone.slow_seconds)
        return reply

    def _prepare(self, wire: bytes, over_tcp: bool) -> _Prepared | None:
        try:
            query = dns.message.from_wire(wire)
        except dns.exception.DNSException:
            return None
        if not query.question:
            return None
        question = query.question[0]
        name = question.name.to_text().rstrip(".").lower()
        rdtype = dns.rdatatype.to_text(question.rdtype)
        response = self._response(query, name, rdtype, over_tcp)
        return _Prepared((name, rdtype), response[2:], slow=name in self.zone.slow)

    def _response(
        self, query: dns.message.Message, name: str, rdtype: str, over_tcp: bool
    ) -> bytes:
        zone = self.zone
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        if name in zone.servfail:
            response.set_rcode(dns.rcode.SERVFAIL)
            return response.to_wire()
        if name in zone.truncated and not over_tcp:
            response.flags |= dns.flags.TC
            return response.to_wire()
        if zone.denies_everything or (name and not zone.has(name)):
            response.set_rcode(dns.rcode.NXDOMAIN)
            self._add_soa(response)
            return response.to_wire()
        rrset = self._rrsets.get((name, rdtype))
        if rrset is not None:
            response.answer.append(rrset)
        else:
            self._add_soa(response)
        return response.to_wire()

    def _add_soa(self, response: dns.message.Message) -> None:
        response.authority.append(self._soa)

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
