"""DNS questions over UDP (TCP when an answer is truncated), many in flight on one socket.

A bulk audit asks thousands of questions: one socket per nameserver, with answers
matched to questions by ID, costs a fraction of opening a socket for each question, and
a timer per question costs less than a task per question.
"""

from __future__ import annotations

import asyncio
import random
import struct

from linter.verification.wire import (
    MalformedMessage,
    Response,
    encode_query,
    read_response,
)

# An answer is taken only from the server asked and only if it answers the question.
_ID_SPACE = 65536
_TCP_LENGTH = struct.Struct("!H")

Waiting = tuple["asyncio.Future[Response]", bytes, int]


class _Answers(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.waiting: dict[int, Waiting] = {}

    def datagram_received(self, data: bytes, addr: tuple[str | object, ...]) -> None:
        if len(data) < 2:
            return
        query_id = int.from_bytes(data[:2], "big")
        pending = self.waiting.get(query_id)
        if pending is None:
            return
        future, name, rdtype = pending
        try:
            response = read_response(data)
        except MalformedMessage:
            return
        if not response.answers(name, rdtype) or future.done():
            return
        del self.waiting[query_id]
        future.set_result(response)

    def error_received(self, exc: Exception) -> None:
        """ICMP errors (nothing listening) are not tied to a question: they time out."""


def _expire(future: asyncio.Future[Response]) -> None:
    if not future.done():
        future.set_exception(TimeoutError())


class Nameserver:
    """One server, one UDP socket for all questions to it."""

    def __init__(self, address: str, port: int) -> None:
        self.address = address
        self.port = port
        self._transport: asyncio.DatagramTransport | None = None
        self._answers = _Answers()
        # Many questions start at once: the first opens the socket, the others wait for it.
        self._opening = asyncio.Lock()

    async def _open(self) -> asyncio.DatagramTransport:
        async with self._opening:
            if self._transport is None:
                loop = asyncio.get_running_loop()
                self._transport, _ = await loop.create_datagram_endpoint(
                    lambda: self._answers, remote_addr=(self.address, self.port)
                )
            return self._transport

    async def ask(self, name: bytes, rdtype: int, timeout: float) -> Response:
        """The answer to a question for `name` (wire form) and `rdtype`; TimeoutError when
        none comes in `timeout` seconds."""
        transport = self._transport or await self._open()
        waiting = self._answers.waiting
        query_id = random.randrange(_ID_SPACE)
        while query_id in waiting:
            query_id = random.randrange(_ID_SPACE)
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Response] = loop.create_future()
        waiting[query_id] = (future, name, rdtype)
        timer = loop.call_later(timeout, _expire, future)
        try:
            transport.sendto(encode_query(query_id, name, rdtype))
            response = await future
        finally:
            timer.cancel()
            waiting.pop(query_id, None)
        if response.truncated:
            return await asyncio.wait_for(self._ask_over_tcp(name, rdtype), timeout)
        return response

    async def _ask_over_tcp(self, name: bytes, rdtype: int) -> Response:
        query_id = random.randrange(_ID_SPACE)
        query = encode_query(query_id, name, rdtype)
        reader, writer = await asyncio.open_connection(self.address, self.port)
        try:
            writer.write(_TCP_LENGTH.pack(len(query)) + query)
            await writer.drain()
            (length,) = _TCP_LENGTH.unpack(await reader.readexactly(_TCP_LENGTH.size))
            response = read_response(await reader.readexactly(length))
        except (asyncio.IncompleteReadError, MalformedMessage) as error:
            raise OSError(f"no readable answer over TCP ({error})") from None
        finally:
            writer.close()
        if response.id != query_id or not response.answers(name, rdtype):
            raise OSError("the answer over TCP is not to the question asked")
        return response

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None
