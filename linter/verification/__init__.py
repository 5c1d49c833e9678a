"""Does a domain accept mail? Asked over DNS, asynchronously, once per domain and run.

The rules are RFC 5321's and RFC 7505's: MX records mean yes; a null MX (one MX record
of preference 0 pointing at `.`) means the domain accepts no mail; no MX at all falls
back to the domain's own A or AAAA address; a domain that does not exist, or that has
neither MX nor address, accepts no mail. A timeout or a server failure proves nothing:
the domain "could not be verified".

Answers are cached per domain for as long as DNS says they stay true: the smallest TTL
of the records used, or for a negative answer the SOA's negative TTL (RFC 2308). Many
contacts share a domain, so a bulk run asks about each domain once. When every look-up
times out the resolver is taken for unreachable: the verifier says so once (through
`on_unreachable`) and answers "could not be verified" at once from then on.

Some resolvers answer "no such domain" for every name (sandboxes, captive portals,
filtering networks). Before a verifier believes its first NXDOMAIN from a server it asks
that server about the DNS root, which every resolver knows: a server that denies the
root too is not believed, and when no server is left, the resolver is unusable and said
so in the same way.

This is the only module of the linter that touches the network.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

import dns.exception
import dns.inet
import dns.rcode
import dns.rdatatype
import dns.resolver

from linter.model import DomainCheck, MailStatus
from linter.verification.transport import Nameserver
from linter.verification.wire import MX, ROOT, SOA, Response, query_name, records_of

A = int(dns.rdatatype.A)
AAAA = int(dns.rdatatype.AAAA)

DEFAULT_PORT = 53
# Consecutive time-outs (with no answer of any kind between them) after which the
# resolver is taken for unreachable. One slow domain times out alone; a resolver that is
# down times out on everything at once.
UNREACHABLE_AFTER = 8
# How long a negative answer without an SOA (or an unverifiable one) is kept, in seconds.
DEFAULT_NEGATIVE_TTL = 300
UNKNOWN_TTL = 60


@dataclass(frozen=True, slots=True)
class ResolverSettings:
    """Where and how to ask. No nameservers: the system's resolver configuration."""

    nameservers: tuple[tuple[str, int], ...] = ()
    timeout: float = 2.0
    retries: int = 1
    concurrency: int = 64


def parse_nameserver(text: str) -> tuple[str, int]:
    """`127.0.0.1`, `127.0.0.1:5353`, `::1` or `[::1]:5353` -> (address, port).

    Raises ValueError saying what is accepted."""
    text = text.strip()
    if text.startswith("["):
        address, _, rest = text[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    elif text.count(":") == 1:
        address, _, port_text = text.partition(":")
    else:
        address, port_text = text, ""
    try:
        dns.inet.af_for_address(address)
    except ValueError:
        raise ValueError(
            f"nameserver '{text}' is not an IP address (HOST or HOST:PORT, IPv6 as [::1]:53)"
        ) from None
    if not port_text:
        return address, DEFAULT_PORT
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"nameserver '{text}' has an invalid port '{port_text}'")
    return address, int(port_text)


class _Answer(NamedTuple):
    """One look-up's outcome: the targets of its records (MX exchanges; None for records
    without one), possibly none; how long it holds; or a failure."""

    records: tuple[bytes | None, ...]
    ttl: float
    exists: bool = True
    failure: str = ""


class DomainVerifier:
    """Checks domains, caching each answer for its TTL. One verifier per run.

    `on_unreachable` is called once, with a message, when the resolver stops answering.
    """

    def __init__(
        self,
        settings: ResolverSettings | None = None,
        on_unreachable: Callable[[str], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or ResolverSettings()
        self._on_unreachable = on_unreachable
        self._clock = clock
        self._cache: dict[str, tuple[DomainCheck, float]] = {}
        self._in_flight: dict[str, asyncio.Future[DomainCheck]] = {}
        self._servers: list[Nameserver] = []
        self._limit: asyncio.Semaphore | None = None
        self._timeouts_in_a_row = 0
        self.unreachable = False
        # Per server (address, port): whether it denies that the DNS root exists, once
        # asked; and the question in flight, in the event loop of the moment.
        self._denies_root: dict[tuple[str, int], bool] = {}
        self._root_questions: dict[tuple[str, int], asyncio.Future[bool]] = {}

    def _nameservers(self) -> list[Nameserver]:
        """The servers to ask, opened in the running event loop."""
        if not self._servers:
            configured = self.settings.nameservers or tuple(
                (str(address), DEFAULT_PORT) for address in dns.resolver.Resolver().nameservers
            )
            self._servers = [Nameserver(address, port) for address, port in configured]
        return self._servers

    def close(self) -> None:
        """Close the sockets; the next look-up opens new ones."""
        for server in self._servers:
            server.close()
        self._servers = []
        self._limit = None
        self._root_questions = {}

    async def check(self, domain: str) -> DomainCheck:
        """Whether `domain` accepts mail, from the cache when DNS said so recently."""
        domain = domain.lower().rstrip(".")
        cached = self._cache.get(domain)
        if cached is not None and cached[1] > self._clock():
            return cached[0]
        if self.unreachable:
            return DomainCheck(domain, MailStatus.UNKNOWN, "the resolver is unreachable")
        pending = self._in_flight.get(domain)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[DomainCheck] = asyncio.get_running_loop().create_future()
        self._in_flight[domain] = future
        try:
            result, ttl = await self._ask(domain)
            self._cache[domain] = (result, self._clock() + ttl)
            future.set_result(result)
            return result
        except BaseException as error:
            future.set_exception(error)
            raise
        finally:
            del self._in_flight[domain]

    async def check_all(self, domains: Iterable[str]) -> dict[str, DomainCheck]:
        """Every distinct domain checked, at most `concurrency` look-ups at a time."""
        distinct = list(dict.fromkeys(d.lower().rstrip(".") for d in domains))
        # Answers still in the cache are read here: a task for each would cost a bulk
        # run more than the look-ups themselves, most domains recurring chunk after chunk.
        now = self._clock()
        known: dict[str, DomainCheck] = {}
        to_ask: list[str] = []
        for domain in distinct:
            cached = self._cache.get(domain)
            if cached is not None and cached[1] > now:
                known[domain] = cached[0]
            else:
                to_ask.append(domain)
        if to_ask:
            # A few askers take the domains in turn: a task per domain cost more than
            # the question it asked.
            waiting = deque(to_ask)

            async def ask_in_turn() -> None:
                while waiting:
                    domain = waiting.popleft()
                    known[domain] = await self.check(domain)

            askers = min(self.settings.concurrency, len(to_ask))
            await asyncio.gather(*(ask_in_turn() for _ in range(askers)))
        return {domain: known[domain] for domain in distinct}

    def check_all_now(self, domains: Iterable[str]) -> dict[str, DomainCheck]:
        """`check_all` for callers without an event loop of their own."""
        return asyncio.run(self._check_all_in_new_loop(domains))

    async def _check_all_in_new_loop(self, domains: Iterable[str]) -> dict[str, DomainCheck]:
        # Sockets and semaphores belong to one event loop: open them for this one.
        self.close()
        try:
            return await self.check_all(domains)
        finally:
            self.close()

    async def _ask(self, domain: str) -> tuple[DomainCheck, float]:
        try:
            name = query_name(domain)
        except (dns.exception.DNSException, UnicodeError) as error:
            failure = f"not a name DNS can ask about ({error})"
            return DomainCheck(domain, MailStatus.UNKNOWN, failure), UNKNOWN_TTL
        mx = await self._lookup(name, MX)
        if mx.failure:
            return DomainCheck(domain, MailStatus.UNKNOWN, mx.failure), UNKNOWN_TTL
        if not mx.exists:
            return DomainCheck(domain, MailStatus.NO_DOMAIN), mx.ttl
        if mx.records:
            if mx.records == (ROOT,):
                return DomainCheck(domain, MailStatus.NULL_MX), mx.ttl
            return DomainCheck(domain, MailStatus.ACCEPTS), mx.ttl
        # No MX: the domain's own address is its mail server (RFC 5321 section 5.1).
        ttl = mx.ttl
        for rdtype in (A, AAAA):
            address = await self._lookup(name, rdtype)
            if address.failure:
                return DomainCheck(domain, MailStatus.UNKNOWN, address.failure), UNKNOWN_TTL
            ttl = min(ttl, address.ttl)
            if address.records:
                return DomainCheck(
                    domain, MailStatus.ACCEPTS, "no MX; mail goes to its address"
                ), ttl
        return DomainCheck(domain, MailStatus.NO_ADDRESS), ttl

    async def _lookup(self, name: bytes, rdtype: int) -> _Answer:
        if self._limit is None:
            self._limit = asyncio.Semaphore(self.settings.concurrency)
        if self.unreachable:
            return _Answer((), UNKNOWN_TTL, failure="the resolver is unreachable")
        async with self._limit:
            if self.unreachable:  # noticed while this look-up waited for its turn
                return _Answer((), UNKNOWN_TTL, failure="the resolver is unreachable")
            return await self._ask_servers(name, rdtype)

    async def _ask_servers(self, name: bytes, rdtype: int) -> _Answer:
        """Each server in turn, `retries` more rounds while any of them timed out."""
        failure = "the look-up timed out"
        for _round in range(self.settings.retries + 1):
            timed_out = False
            for server in self._nameservers():
                try:
                    response = await server.ask(name, rdtype, self.settings.timeout)
                except TimeoutError:
                    timed_out = True
                    continue
                except OSError as error:
                    failure = f"the look-up failed ({error})"
                    continue
                self._heard_back()
                rcode = response.rcode
                if rcode == dns.rcode.NXDOMAIN:
                    if await self._server_denies_root(server):
                        failure = "the resolver says no domain exists, not even the DNS root"
                        continue
                    return _Answer((), _negative_ttl(response), exists=False)
                if rcode != dns.rcode.NOERROR:
                    failure = f"the server answered {dns.rcode.Rcode.to_text(rcode)}"
                    continue
                records = records_of(response, name, rdtype)
                if records is None:
                    return _Answer((), _negative_ttl(response))
                ttl = min(record.ttl for record in records)
                return _Answer(tuple(record.target for record in records), float(ttl))
            if not timed_out:
                break
        else:
            self._timed_out()
        return _Answer((), UNKNOWN_TTL, failure=failure)

    async def _server_denies_root(self, server: Nameserver) -> bool:
        """Whether `server` answers NXDOMAIN for the DNS root (asked once per verifier)."""
        key = (server.address, server.port)
        known = self._denies_root.get(key)
        if known is not None:
            return known
        question = self._root_questions.get(key)
        if question is None:
            question = asyncio.ensure_future(self._ask_about_root(server))
            self._root_questions[key] = question
        return await asyncio.shield(question)

    async def _ask_about_root(self, server: Nameserver) -> bool:
        try:
            response = await server.ask(ROOT, SOA, self.settings.timeout)
        except (TimeoutError, OSError):
            denies = False  # no answer proves nothing: its NXDOMAINs stand
        else:
            denies = response.rcode == dns.rcode.NXDOMAIN
        self._denies_root[(server.address, server.port)] = denies
        if denies and all(self._denies_root.get((s.address, s.port)) for s in self._servers):
            self._give_up(
                f"the DNS resolver ({self._server_names()}) says no domain exists, "
                "not even the DNS root: domains are reported as not verified"
            )
        return denies

    def _heard_back(self) -> None:
        self._timeouts_in_a_row = 0

    def _timed_out(self) -> None:
        self._timeouts_in_a_row += 1
        if self.unreachable or self._timeouts_in_a_row < UNREACHABLE_AFTER:
            return
        self._give_up(
            f"the DNS resolver ({self._server_names()}) does not answer: "
            "domains are reported as not verified"
        )

    def _give_up(self, message: str) -> None:
        """Answer "could not be verified" from now on, and say why, once."""
        if self.unreachable:
            return
        self.unreachable = True
        if self._on_unreachable is not None:
            self._on_unreachable(message)

    def _server_names(self) -> str:
        return ", ".join(f"{a}:{p}" for a, p in self.settings.nameservers) or "system"


def _negative_ttl(response: Response) -> float:
    """RFC 2308: a negative answer holds for min(SOA TTL, SOA MINIMUM) of its authority."""
    if response.negative_ttl is None:
        return float(DEFAULT_NEGATIVE_TTL)
    return float(response.negative_ttl)
