"""Does a domain accept mail? Asked over DNS, many domains at once, once per domain and run.

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
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from typing import NamedTuple

import dns.exception
import dns.inet
import dns.rcode
import dns.rdatatype

from linter.model import DomainCheck, MailStatus
from linter.verification.transport import Exchange, Question, Reply
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


# A domain's look-up in progress: it yields the questions it needs one at a time, is sent
# each reply, and returns the domain's check and how long that holds.
_Lookup = Generator[Question, Reply, tuple[DomainCheck, float]]


class DomainVerifier:
    """Checks domains, caching each answer for its TTL. One verifier per run.

    `on_unreachable` is called once, with a message, when the resolver stops answering.
    A verifier checks one batch of domains at a time; threads that share one take turns.
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
        self._servers: tuple[tuple[str, int], ...] = ()
        self._turn = threading.Lock()
        self._timeouts_in_a_row = 0
        self.unreachable = False
        # Per server (its index): whether it denies that the DNS root exists, once asked.
        self._denies_root: dict[int, bool] = {}

    def _nameservers(self) -> tuple[tuple[str, int], ...]:
        if not self._servers:
            self._servers = self.settings.nameservers or _system_nameservers()
        return self._servers

    def check_all_now(self, domains: Iterable[str]) -> dict[str, DomainCheck]:
        """Whether each distinct domain accepts mail, asking DNS about those not in the
        cache, up to `concurrency` domains at a time."""
        return {domain: check for domain, (check, _) in self.check_all_held(domains).items()}

    def check_all_held(self, domains: Iterable[str]) -> dict[str, tuple[DomainCheck, float]]:
        """`check_all_now`, with how many more seconds each answer holds (its TTL left),
        for callers that keep answers of their own."""
        distinct = list(dict.fromkeys(d.lower().rstrip(".") for d in domains))
        with self._turn:
            known: dict[str, tuple[DomainCheck, float]] = {}
            to_ask: list[str] = []
            now = self._clock()
            for domain in distinct:
                cached = self._cache.get(domain)
                if cached is not None and cached[1] > now:
                    known[domain] = cached
                else:
                    to_ask.append(domain)
            if to_ask:
                self._ask_all(to_ask, known)
            now = self._clock()
        return {domain: (known[domain][0], known[domain][1] - now) for domain in distinct}

    async def check_all(self, domains: Iterable[str]) -> dict[str, DomainCheck]:
        """`check_all_now` for asyncio callers, in a thread so that their loop runs on."""
        import asyncio  # here: a bulk audit has no event loop, and the import takes 12 ms

        return await asyncio.to_thread(self.check_all_now, list(domains))

    def _ask_all(self, domains: list[str], known: dict[str, tuple[DomainCheck, float]]) -> None:
        """Each domain's look-ups, many domains in flight at once on one exchange."""
        exchange: Exchange[_Lookup] = Exchange(self._nameservers(), self.settings.timeout)
        waiting = deque(domains)
        in_progress: dict[_Lookup, str] = {}

        def advance(lookup: _Lookup, reply: Reply | None) -> None:
            try:
                question = lookup.send(reply)  # type: ignore[arg-type]  # None starts it
            except StopIteration as finished:
                domain = in_progress.pop(lookup)
                result, ttl = finished.value
                known[domain] = self._cache[domain] = (result, self._clock() + ttl)
                return
            exchange.ask(question, lookup)

        try:
            while waiting or in_progress:
                while waiting and len(in_progress) < self.settings.concurrency:
                    domain = waiting.popleft()
                    lookup = self._mail_check(domain)
                    in_progress[lookup] = domain
                    advance(lookup, None)
                if exchange.busy:
                    for lookup, reply in exchange.wait():
                        advance(lookup, reply)
        finally:
            exchange.close()

    def _mail_check(self, domain: str) -> _Lookup:
        """Whether `domain` accepts mail, and for how long the answer holds."""
        try:
            name = query_name(domain)
        except (dns.exception.DNSException, UnicodeError) as error:
            failure = f"not a name DNS can ask about ({error})"
            return DomainCheck(domain, MailStatus.UNKNOWN, failure), UNKNOWN_TTL
        mx = yield from self._lookup(name, MX)
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
            address = yield from self._lookup(name, rdtype)
            if address.failure:
                return DomainCheck(domain, MailStatus.UNKNOWN, address.failure), UNKNOWN_TTL
            ttl = min(ttl, address.ttl)
            if address.records:
                return DomainCheck(
                    domain, MailStatus.ACCEPTS, "no MX; mail goes to its address"
                ), ttl
        return DomainCheck(domain, MailStatus.NO_ADDRESS), ttl

    def _lookup(self, name: bytes, rdtype: int) -> Generator[Question, Reply, _Answer]:
        """Each server in turn, `retries` more rounds while any of them timed out."""
        failure = "the look-up timed out"
        for _round in range(self.settings.retries + 1):
            timed_out = False
            for server in range(len(self._nameservers())):
                if self.unreachable:
                    return _Answer((), UNKNOWN_TTL, failure="the resolver is unreachable")
                reply = yield Question(server, name, rdtype)
                if isinstance(reply, TimeoutError):
                    timed_out = True
                    continue
                if isinstance(reply, OSError):
                    failure = f"the look-up failed ({reply})"
                    continue
                self._heard_back()
                rcode = reply.rcode
                if rcode == dns.rcode.NXDOMAIN:
                    denies = self._denies_root.get(server)
                    if denies is None:
                        denies = self._note_root(server, (yield Question(server, ROOT, SOA)))
                    if denies:
                        failure = "the resolver says no domain exists, not even the DNS root"
                        continue
                    return _Answer((), _negative_ttl(reply), exists=False)
                if rcode != dns.rcode.NOERROR:
                    failure = f"the server answered {dns.rcode.Rcode.to_text(rcode)}"
                    continue
                records = records_of(reply, name, rdtype)
                if records is None:
                    return _Answer((), _negative_ttl(reply))
                ttl = min(record.ttl for record in records)
                return _Answer(tuple(record.target for record in records), float(ttl))
            if not timed_out:
                break
        else:
            self._timed_out()
        return _Answer((), UNKNOWN_TTL, failure=failure)

    def _note_root(self, server: int, reply: Reply) -> bool:
        """Whether `server` denies the DNS root, from its reply about it (the first reply
        counts; no reply proves nothing, and its NXDOMAINs stand)."""
        known = self._denies_root.get(server)
        if known is not None:
            return known
        denies = isinstance(reply, Response) and reply.rcode == dns.rcode.NXDOMAIN
        self._denies_root[server] = denies
        servers = range(len(self._nameservers()))
        if denies and all(self._denies_root.get(index) for index in servers):
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


def _system_nameservers() -> tuple[tuple[str, int], ...]:
    """The servers of the system's resolver configuration (resolv.conf)."""
    import dns.resolver  # a tenth of a second to import, and only needed here

    return tuple((str(address), DEFAULT_PORT) for address in dns.resolver.Resolver().nameservers)


def _negative_ttl(response: Response) -> float:
    """RFC 2308: a negative answer holds for min(SOA TTL, SOA MINIMUM) of its authority."""
    if response.negative_ttl is None:
        return float(DEFAULT_NEGATIVE_TTL)
    return float(response.negative_ttl)
