"""A token bucket per client address, so one phone (or script) cannot flood the service.

Each client starts with a full bucket of ``per_minute`` tokens; every request
takes one and the bucket refills at ``per_minute / 60`` tokens a second. A
phone following its ticket makes a handful of requests a minute, far below
the default of 120, while a flood is cut off after one minute's allowance.
The time source is injected, so tests move time instead of sleeping.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """Token buckets keyed by client address."""

    #: buckets kept at most; full (idle) buckets are dropped first when it is reached
    MAX_CLIENTS = 10_000

    def __init__(
        self, per_minute: int, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._now = monotonic
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def _level(self, bucket: _Bucket, now: float) -> float:
        return min(self.capacity, bucket.tokens + (now - bucket.at) * self.rate)

    def allow(self, client: str) -> tuple[bool, float]:
        """Take a token for ``client``: (allowed, seconds until the next token if refused)."""
        now = self._now()
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= self.MAX_CLIENTS:
                    self._prune(now)
                bucket = self._buckets[client] = _Bucket(self.capacity, now)
            bucket.tokens = self._level(bucket, now)
            bucket.at = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return True, 0.0
            return False, (1.0 - bucket.tokens) / self.rate

    def _prune(self, now: float) -> None:
        full = [k for k, b in self._buckets.items() if self._level(b, now) >= self.capacity]
        for k in full:
            del self._buckets[k]
        if len(self._buckets) >= self.MAX_CLIENTS:
            # still full of busy clients: forget the longest-idle half
            by_age = sorted(self._buckets, key=lambda k: self._buckets[k].at)
            for k in by_age[: len(by_age) // 2]:
                del self._buckets[k]

    def __len__(self) -> int:
        return len(self._buckets)
