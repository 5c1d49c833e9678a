"""Resource ids and etags.

An id is 32 lower-case hex digits: the creation time in milliseconds, a counter for ids
made in the same millisecond by one `IdSource`, and 64 random bits. Ids therefore sort in
creation order, which is the order lists are paged in.

Ids and etags name and version resources; they are not secrets (access is checked, not
guessed), so their random bits come from a generator seeded once from the system's
randomness rather than from a system call per id.
"""

from __future__ import annotations

import os
import random
import threading
import time

ID_LENGTH = 32


class IdSource:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = (0, 0)
        self._random = random.Random(os.urandom(32))

    def new_id(self) -> str:
        with self._lock:
            millis = time.time_ns() // 1_000_000
            last_millis, counter = self._last
            if millis <= last_millis:
                millis, counter = last_millis, counter + 1
                if counter > 0xFFFF:
                    millis, counter = millis + 1, 0
            else:
                counter = 0
            self._last = (millis, counter)
            bits = self._random.getrandbits(64)
        return f"{millis:012x}{counter:04x}{bits:016x}"

    def new_etag(self) -> str:
        with self._lock:
            return f"{self._random.getrandbits(64):016x}"


def is_id(text: str) -> bool:
    return len(text) == ID_LENGTH and all(c in "0123456789abcdef" for c in text)
