"""DNS questions in flight to a few nameservers at once, over UDP (TCP when an answer is
truncated), driven by one `poll` loop without an event loop around it.

A bulk audit asks thousands of questions. One non-blocking UDP socket per server carries
all of them, answers are matched to questions by ID, and every answer waiting on a
socket is read at each wake-up: on loopback that costs a few microseconds a question,
where an asyncio future, timer and wake-up per question cost more than the question.
The same question asked twice while the first is in flight is sent once.
"""

from __future__ import annotations

import random
import select
import socket
import struct
import time
from collections import deque
from collections.abc import Sequence
from typing import Generic, NamedTuple, TypeVar

import dns.inet

from linter.verification.wire import (
    MalformedMessage,
    Response,
    encode_query,
    read_response,
)

_ID_SPACE_BITS = 16
_TCP_LENGTH = struct.Struct("!H")
_RECEIVE_BYTES = 65535

# What a question gets back: the response, or why there is none.
Reply = Response | TimeoutError | OSError
Waiter = TypeVar("Waiter")


class Question(NamedTuple):
    """`name` (wire form) and `rdtype`, to the server at `server` in the exchange's list."""

    server: int
    name: bytes
    rdtype: int


class _InFlight(NamedTuple, Generic[Waiter]):
    question: Question
    waiters: list[Waiter]


class Exchange(Generic[Waiter]):
    """Questions to `servers` ((address, port) pairs), each answered or timed out once.

    `ask` sends a question for a waiter (any object); `wait` blocks until some
    questions are done and returns each waiter with its reply. Each question's timer
    runs from when it is sent."""

    def __init__(self, servers: Sequence[tuple[str, int]], timeout: float) -> None:
        self.servers = tuple(servers)
        self.timeout = timeout
        self._sockets: list[socket.socket | None] = [None] * len(self.servers)
        self._by_fd: dict[int, int] = {}
        self._poll = select.poll()
        # (server, query ID) -> the question and who waits for it; and the same by question.
        self._in_flight: dict[tuple[int, int], _InFlight[Waiter]] = {}
        self._by_question: dict[Question, int] = {}
        # (deadline, (server, query ID), question) in the order sent: one timeout for all,
        # so also in the order of their deadlines.
        self._deadlines: deque[tuple[float, tuple[int, int], _InFlight[Waiter]]] = deque()
        self._done: list[tuple[Waiter, Reply]] = []
        # The answers read since the last `wait`: a question asked again before the next
        # one (by a waiter that learnt of its need from another answer) shares them.
        self._recent: dict[Question, Reply] = {}

    @property
    def busy(self) -> bool:
        """Whether any question waits for its answer (or any reply waits to be taken)."""
        return bool(self._in_flight or self._done)

    def ask(self, question: Question, waiter: Waiter) -> None:
        recent = self._recent.get(question)
        if recent is not None:
            self._done.append((waiter, recent))
            return
        query_id = self._by_question.get(question)
        if query_id is not None:
            self._in_flight[question.server, query_id].waiters.append(waiter)
            return
        try:
            sock = self._socket(question.server)
        except OSError as error:
            self._done.append((waiter, error))
            return
        in_flight = self._in_flight
        query_id = random.getrandbits(_ID_SPACE_BITS)
        while (question.server, query_id) in in_flight:
            query_id = random.getrandbits(_ID_SPACE_BITS)
        try:
            sock.send(encode_query(query_id, question.name, question.rdtype))
        except (ConnectionRefusedError, BlockingIOError):
            # An earlier question's "port unreachable", or a full buffer: this one was
            # not sent and will time out, as a lost datagram would.
            pass
        except OSError as error:
            self._done.append((waiter, error))
            return
        entry = _InFlight(question, [waiter])
        in_flight[question.server, query_id] = entry
        self._by_question[question] = query_id
        self._deadlines.append(
            (time.monotonic() + self.timeout, (question.server, query_id), entry)
        )

    def wait(self) -> list[tuple[Waiter, Reply]]:
        """The replies that are in: at least one while anything is in flight."""
        self._recent.clear()
        while not self._done and self._in_flight:
            deadline = self._deadlines[0][0]
            wait_ms = max(0, int((deadline - time.monotonic()) * 1000) + 1)
            for fd, _event in self._poll.poll(wait_ms):
                self._read_answers(self._by_fd[fd])
            self._expire()
        done, self._done = self._done, []
        return done

    def close(self) -> None:
        for sock in self._sockets:
            if sock is not None:
                sock.close()
        self._sockets = [None] * len(self.servers)
        self._by_fd.clear()
        self._poll = select.poll()

    def _socket(self, server: int) -> socket.socket:
        sock = self._sockets[server]
        if sock is None:
            address, port = self.servers[server]
            sock = socket.socket(dns.inet.af_for_address(address), socket.SOCK_DGRAM)
            try:
                sock.setblocking(False)
                sock.connect((address, port))
            except OSError:
                sock.close()
                raise
            self._sockets[server] = sock
            self._by_fd[sock.fileno()] = server
            self._poll.register(sock.fileno(), select.POLLIN)
        return sock

    def _read_answers(self, server: int) -> None:
        sock = self._sockets[server]
        assert sock is not None
        in_flight = self._in_flight
        while True:
            try:
                data = sock.recv(_RECEIVE_BYTES)
            except BlockingIOError:
                return
            except ConnectionRefusedError:
                continue  # an ICMP error is tied to no question: they time out
            except OSError:
                return
            if len(data) < 2:
                continue
            key = (server, int.from_bytes(data[:2], "big"))
            pending = in_flight.get(key)
            if pending is None:
                continue  # late, or not ours
            question = pending.question
            try:
                response = read_response(data)
            except MalformedMessage:
                continue
            if not response.answers(question.name, question.rdtype):
                continue
            del in_flight[key]
            del self._by_question[question]
            reply: Reply = response
            if response.truncated:
                reply = self._ask_over_tcp(question)
            self._recent[question] = reply
            self._done.extend((waiter, reply) for waiter in pending.waiters)

    def _expire(self) -> None:
        deadlines, in_flight = self._deadlines, self._in_flight
        now = time.monotonic()
        while deadlines and deadlines[0][0] <= now:
            _deadline, key, entry = deadlines.popleft()
            if in_flight.get(key) is entry:
                del in_flight[key]
                del self._by_question[entry.question]
                self._done.extend((waiter, TimeoutError()) for waiter in entry.waiters)
        # The deadlines of questions answered already go as they come to the front (an
        # ID may be in use again by then, for another question).
        while deadlines and in_flight.get(deadlines[0][1]) is not deadlines[0][2]:
            deadlines.popleft()

    def _ask_over_tcp(self, question: Question) -> Reply:
        """The same question over TCP, which carries any size; it holds up the others,
        but only the rare answer too large for UDP takes this way."""
        address, port = self.servers[question.server]
        query_id = random.getrandbits(_ID_SPACE_BITS)
        query = encode_query(query_id, question.name, question.rdtype)
        try:
            with socket.create_connection((address, port), timeout=self.timeout) as sock:
                sock.sendall(_TCP_LENGTH.pack(len(query)) + query)
                (length,) = _TCP_LENGTH.unpack(_receive_exactly(sock, _TCP_LENGTH.size))
                response = read_response(_receive_exactly(sock, length))
        except TimeoutError as error:
            return error
        except (OSError, MalformedMessage) as error:
            return OSError(f"no readable answer over TCP ({error})")
        if response.id != query_id or not response.answers(question.name, question.rdtype):
            return OSError("the answer over TCP is not to the question asked")
        return response


def _receive_exactly(sock: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise OSError("the server closed the connection")
        data += chunk
    return data
