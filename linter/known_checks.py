"""What DNS said of the domains met so far, where contacts are linted.

A bulk run has one verifier, in the main process, so that each domain is asked about
once however many workers meet it. A worker keeps the answers it was given for as long
as each holds (its TTL), and asks the main process only about the domains of a batch it
does not know: it sends them, lints the contacts it can lint already, and lints the
others once the answers are in.

The main process also looks ahead: as it hands out a batch it picks the plain domains
out of its e-mail addresses without reading the records, and asks DNS about the new
ones between the workers' questions, so that their answers are in before a worker asks.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Protocol

from linter.model import DomainCheck, MailStatus, new_tuple

if TYPE_CHECKING:  # DNS is imported only by runs that verify
    from linter.verification import DomainVerifier

# What DNS said of some domains, on its way to a worker: {domain: (status, detail,
# seconds it holds)}, the status as its place in MailStatus. Pickle takes a slow path
# for each DomainCheck (a named tuple holding an enum), and calling MailStatus on a
# value costs more than the look-up did; strings, numbers and tuples go through in C.
PlainChecks = dict[str, tuple[int, str, float]]
_STATUSES = tuple(MailStatus)
_STATUS_NUMBER = {status: number for number, status in enumerate(_STATUSES)}
# A worker forgets what it knows beyond this many domains, and asks again.
MAX_KNOWN = 200_000
# Domains looked up ahead at a time, between the workers' questions.
AHEAD_AT_ONCE = 64


def _plain(verifier: DomainVerifier, domains: list[str]) -> PlainChecks:
    number = _STATUS_NUMBER
    return {
        domain: (number[check.status], check.detail, seconds)
        for domain, (check, seconds) in verifier.check_all_held(domains).items()
    }


class Answers(Protocol):
    """Where a `KnownChecks` sends the domains it does not know, and reads the answers."""

    def send(self, domains: list[str]) -> None: ...

    def receive(self) -> PlainChecks: ...


class DirectAnswers:
    """The verifier itself, in this process: the answers are in as soon as asked."""

    def __init__(self, verifier: DomainVerifier) -> None:
        self.verifier = verifier
        self._answers: PlainChecks = {}

    def send(self, domains: list[str]) -> None:
        self._answers = _plain(self.verifier, domains)

    def receive(self) -> PlainChecks:
        answers, self._answers = self._answers, {}
        return answers


class KnownChecks:
    """The answers known here, as the linter reads them (`checks`), and when each
    stops holding."""

    def __init__(self, answers: Answers, clock: Callable[[], float] = time.monotonic) -> None:
        self.answers = answers
        self.clock = clock
        self.checks: dict[str, DomainCheck] = {}
        self.until: dict[str, float] = {}

    def start_batch(self) -> float:
        """The time a batch's answers must hold beyond (now)."""
        if len(self.until) > MAX_KNOWN:
            self.checks.clear()
            self.until.clear()
        return self.clock()

    def ask(self, domains: list[str]) -> None:
        self.answers.send(domains)

    def take_answers(self) -> None:
        """Wait for the answers to the last `ask`, and keep them."""
        statuses, checks, until = _STATUSES, self.checks, self.until
        now = self.clock()
        for domain, (status, detail, seconds) in self.answers.receive().items():
            checks[domain] = new_tuple(DomainCheck, (domain, statuses[status], detail))
            until[domain] = now + seconds


class _PipeAnswers:
    """The main process's verifier, over a worker's pipe to it."""

    def __init__(self, pipe: Connection) -> None:
        self.pipe = pipe

    def send(self, domains: list[str]) -> None:
        self.pipe.send(domains)

    def receive(self) -> PlainChecks:
        answers = self.pipe.recv()
        if isinstance(answers, str):
            raise RuntimeError(answers)
        return answers  # type: ignore[no-any-return]


class CheckService:
    """The run's verifier, answering workers from a thread of the main process.

    Each worker has a pipe of its own, claimed the first time it asks; the thread
    answers whichever pipe has a question, one batch of domains at a time. Use it as a
    context manager around the worker pool, created before the workers are forked."""

    def __init__(
        self, verifier: DomainVerifier, workers: int, context: multiprocessing.context.BaseContext
    ) -> None:
        self.verifier = verifier
        pipes = [context.Pipe() for _ in range(workers)]
        self._ends = [ours for ours, _ in pipes]
        self._worker_ends = [theirs for _, theirs in pipes]
        self._claimed = context.Value("i", 0)
        self._stop_in, self._stop_out = context.Pipe(duplex=False)
        self._ahead_in, self._ahead_out = context.Pipe(duplex=False)
        self._thread = threading.Thread(target=self._serve, name="dns-checks", daemon=True)
        self._known: KnownChecks | None = None  # in a worker: what it knows, once it asked

    def __enter__(self) -> CheckService:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop_out.send(None)
        self._thread.join()
        ends = (*self._ends, *self._worker_ends, self._stop_in, self._stop_out)
        for end in (*ends, self._ahead_in, self._ahead_out):
            end.close()

    def look_ahead(self, domains: list[str]) -> None:
        """In the main process: domains the workers are about to ask about, to be looked
        up meanwhile (the workers' own questions go first)."""
        if domains:
            self._ahead_out.send(domains)

    def _serve(self) -> None:
        waiting: list[Connection] = [*self._ends, self._stop_in, self._ahead_in]
        ahead: deque[str] = deque()
        while True:
            ready_ends = wait(waiting, 0 if ahead else None)
            if not ready_ends:
                batch = [ahead.popleft() for _ in range(min(len(ahead), AHEAD_AT_ONCE))]
                try:
                    self.verifier.check_all_held(batch)
                except Exception:  # the workers' own questions will meet it, and say so
                    ahead.clear()
                continue
            for ready in ready_ends:
                if ready is self._stop_in:
                    return
                assert isinstance(ready, Connection)
                if ready is self._ahead_in:
                    ahead.extend(ready.recv())
                    continue
                try:
                    domains = ready.recv()
                except EOFError:  # its worker is gone (the pool reports why)
                    waiting.remove(ready)
                    continue
                try:
                    answers: PlainChecks | str = _plain(self.verifier, domains)
                except Exception as error:  # the worker raises it; the run stops
                    answers = f"DNS verification failed: {error!r}"
                try:
                    ready.send(answers)
                except OSError:  # its worker is gone since it asked
                    waiting.remove(ready)

    def known_in_worker(self) -> KnownChecks:
        """In a worker process: what it knows, asking the main process for the rest."""
        if self._known is None:
            with self._claimed.get_lock():
                index = self._claimed.value
                self._claimed.value += 1
            self._known = KnownChecks(_PipeAnswers(self._worker_ends[index]))
        return self._known
