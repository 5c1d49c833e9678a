"""A call's deadline, as the domain sees it: checked once more before a write commits."""

from __future__ import annotations

import time
from dataclasses import dataclass

from accountsvc.domain.errors import DeadlineExceeded


@dataclass(frozen=True, slots=True)
class Deadline:
    """`at` is a `time.monotonic()` instant, or None for no deadline."""

    at: float | None = None

    @classmethod
    def after(cls, seconds: float | None) -> Deadline:
        return cls(None if seconds is None else time.monotonic() + seconds)

    def check(self) -> None:
        if self.at is not None and time.monotonic() >= self.at:
            raise DeadlineExceeded()


NO_DEADLINE = Deadline()
