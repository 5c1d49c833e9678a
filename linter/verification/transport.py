"""DNS questions over UDP (TCP when an answer is truncated), many in flight on one socket.

dnspython's messages are used as they are; the transport is our own because a bulk
audit asks thousands of questions, and one socket per nameserver with answers matched
to questions by ID costs a fraction of opening a socket for each question.
"""

from __future__ import annotations

import asyncio
import random

import dns.asyncquery
import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rdataclass
import dns.rdatatype
import dns.rrset

# An answer is taken only from the server asked and only if it answers the question.
_ID_SPACE = 65536


class _Answers(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.waiting: dict[
            int, tuple[asyncio.Future[dns.message.Message], dns.message.Message]
        ] = {}

    def datagram_received(self, data: bytes, addr: tuple[str | object, ...]) -> None:
        if len(data) < 2:
            return
        pending = self.waiting.get(int.from_bytes(data[:2], "big"))
        if pending is None:
            return
        future, query = pending
        try:
            response = dns.message.from_wire(data, ignore_trailing=True)
        except dns.exception.DNSException:
            return
        if not query.is_response(response) or future.done():
            return
        del self.waiting[query.id]
        future.set_result(response)

    def error_received(self, exc: Exception) -> None:
        """ICMP errors (nothing listening) are not tied to a question: they time out."""


class Nameserver:
    """One server, one UDP socket for all questions to it."""

    def __init__(self, address: str, port: int) -> None:
        self.address = address
        self.port = port
        self._transport: asyncio.DatagramTransport | None = None
        self._answers = _Answers()

    async def _open(self) -> asyncio.DatagramTransport:
        if self._transport is None:
            loop = asyncio.get_running_loop()
            self._transport, _ = await loop.create_datagram_endpoint(
                lambda: self._answers, remote_addr=(self.address, self.port)
            )
        return self._transport

    async def ask(self, query: dns.message.Message, timeout: float) -> dns.message.Message:
        """The answer to `query`; TimeoutError when none comes in `timeout` seconds."""
        transport = await self._open()
        waiting = self._answers.waiting
        while query.id in waiting:
            query.id = random.randrange(_ID_SPACE)
        future: asyncio.Future[dns.message.Message] = asyncio.get_running_loop().create_future()
        waiting[query.id] = (future, query)
        try:
            transport.sendto(query.to_wire())
            response = await asyncio.wait_for(future, timeout)
        finally:
            waiting.pop(query.id, None)
        if response.flags & dns.flags.TC:
            return await dns.asyncquery.tcp(query, self.address, timeout=timeout, port=self.port)
        return response

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None


def records_of(
    response: dns.message.Message, name: dns.name.Name, rdtype: dns.rdatatype.RdataType
) -> dns.rrset.RRset | None:
    """The answer's records of `rdtype` for `name`, following CNAMEs in the answer."""
    for _ in range(8):
        try:
            return response.find_rrset(response.answer, name, dns.rdataclass.IN, rdtype)
        except KeyError:
            pass
        try:
            alias = response.find_rrset(
                response.answer, name, dns.rdataclass.IN, dns.rdatatype.CNAME
            )
        except KeyError:
            return None
        name = alias[0].target
    return None
