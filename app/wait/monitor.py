"""Live accuracy: the kiosk checks its own estimates against what happened.

When a ticket is issued the estimator hands the monitor both numbers it
computed: the model's (when a model is loaded, even in the shadow while it
is not shown) and the best plain estimator's. When the ticket is first
called, the monitor notes the actual wait and both errors, per service and
for priority and ordinary tickets.

Drift rule: once per ``window`` newly scored tickets, the last ``window``
tickets that have both numbers (at least ``min_count``) are checked. The
check fails when the model's mean absolute error exceeds the plain
estimator's by more than ``margin`` (relative) and by more than ``z``
standard errors of the paired difference. The monitor reports drift when
two checks in a row fail, or one fails by more than ``z_now`` standard
errors (a model that is plainly broken is set aside at once); the
estimator then falls back, records an ``incident`` and alerts staff.

The standard error comes from batch means: the window is cut into
``batches`` runs of consecutive tickets and the spread of their mean
differences is used. Tickets issued minutes apart share one queue, so their
errors move together; treating them as independent made the error look
ten times surer than it was, and one ordinary bad hour set a good model
aside. Asking a second window to agree (unless the first is overwhelming)
keeps a model that is better over the day from being set aside by one bad
queue: on simulated halls (benchmark-style replays on development seeds)
about one check in sixty failed by chance while the model was better
overall, and never two in a row. A model that is
really worse stays worse and is caught after one or two windows.

The figures feed the AI panel: of the last ``window`` tickets called, how
many were called within the range shown, and the mean error.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.estimate import Estimate


@dataclass(frozen=True)
class Outcome:
    """One called ticket: what was shown, what each method said, what happened."""

    ticket: str
    service: str
    priority: bool
    actual_s: float
    shown: Estimate
    model_s: float | None
    plain_s: float

    @property
    def within(self) -> bool:
        return self.shown.p10_s <= self.actual_s <= self.shown.p90_s


@dataclass
class _Pending:
    service: str
    priority: bool
    issued_at: datetime
    shown: Estimate
    model_s: float | None
    plain_s: float


def batch_se(values: list[float], batches: int) -> float:
    """Standard error of the mean of a series whose neighbours are alike (batch means)."""
    n = len(values)
    k = max(2, min(batches, n // 2))
    size = n // k
    if size < 1:
        return math.inf
    means = [sum(values[i * size:(i + 1) * size]) / size for i in range(k)]
    mu = sum(means) / k
    var = sum((m - mu) ** 2 for m in means) / (k - 1)
    return math.sqrt(var / k)


class LiveMonitor:
    """Compares estimates with actual waits; decides when the model has drifted."""

    def __init__(self, window: int = 100, min_count: int = 60, margin: float = 0.10,
                 z: float = 2.0, z_now: float = 4.0, batches: int = 10) -> None:
        self.window = window
        self.min_count = min_count
        self.margin = margin
        self.z = z
        self.z_now = z_now
        self.batches = batches
        #: whether the previous check failed (a second failure in a row is drift)
        self._failed_before = False
        self._pending: dict[tuple[str, datetime], _Pending] = {}
        self._by_number: dict[str, tuple[str, datetime]] = {}
        self.outcomes: deque[Outcome] = deque(maxlen=window)
        self.paired: deque[tuple[float, float]] = deque(maxlen=window)
        #: pairs scored since the last drift check (checks run once per full window)
        self._new = 0

    def expect(self, ticket: str, service: str, priority: bool, issued_at: datetime,
               shown: Estimate, model_s: float | None, plain_s: float) -> None:
        """Remember what was estimated for a ticket at issue."""
        key = (ticket, issued_at)
        if key in self._pending:
            return
        self._pending[key] = _Pending(service, priority, issued_at, shown, model_s, plain_s)
        self._by_number[ticket] = key
        if len(self._pending) > 5000:  # tickets never called (cancelled, lost) must not pile up
            for k in list(self._pending)[:1000]:
                self._pending.pop(k, None)

    def known(self, ticket: str, issued_at: datetime) -> bool:
        return (ticket, issued_at) in self._pending

    def called(self, ticket: str, called_at: datetime) -> Outcome | None:
        """A ticket was first called: score what was estimated for it."""
        key = self._by_number.pop(ticket, None)
        if key is None:
            return None
        p = self._pending.pop(key, None)
        if p is None:
            return None
        actual = max(0.0, (called_at - p.issued_at).total_seconds())
        out = Outcome(ticket, p.service, p.priority, actual, p.shown, p.model_s, p.plain_s)
        self.outcomes.append(out)
        if p.model_s is not None:
            self.paired.append((abs(p.model_s - actual), abs(p.plain_s - actual)))
            self._new += 1
        return out

    def forget(self, ticket: str) -> None:
        """A ticket left without being called (cancelled)."""
        key = self._by_number.pop(ticket, None)
        if key is not None:
            self._pending.pop(key, None)

    def reset(self) -> None:
        """Start a fresh comparison window (after a new model or a reinstatement)."""
        self.paired.clear()
        self._new = 0
        self._failed_before = False

    # ------------------------------------------------------------------ figures

    def drifted(self) -> tuple[bool, str]:
        """Whether the model is worse than the plain method over the recent window.

        Worse means: its mean error is more than ``margin`` above the plain
        method's, and the paired difference is clear of chance (more than
        ``z`` batch-means standard errors) in two checks in a row, or by
        more than ``z_now`` in one, so a few unlucky tickets, or one unlucky
        hour, do not set it aside.
        The check runs once per ``window`` new tickets (blocks that do not
        overlap), not after every ticket: checking a sliding window after
        every call would raise false alarms on an ordinary bad hour.
        """
        n = len(self.paired)
        if n < self.min_count or self._new < self.window:
            return False, ""
        self._new = 0
        model = sum(m for m, _p in self.paired) / n
        plain = sum(p for _m, p in self.paired) / n
        diffs = [m - p for m, p in self.paired]
        mean = model - plain
        se = batch_se(diffs, self.batches)
        worse = model > plain * (1.0 + self.margin)
        failed = worse and mean > self.z * se
        confirmed = failed and (self._failed_before or mean > self.z_now * se)
        self._failed_before = failed
        if confirmed:
            return True, (
                f"over the last {n} tickets the model's mean error was {model / 60:.1f} min, "
                f"the plain estimate's {plain / 60:.1f} min"
            )
        return False, ""

    def coverage(self) -> float | None:
        if not self.outcomes:
            return None
        return sum(1 for o in self.outcomes if o.within) / len(self.outcomes)

    def mae_s(self) -> float | None:
        if not self.outcomes:
            return None
        return sum(abs(o.shown.median_s - o.actual_s) for o in self.outcomes) / len(self.outcomes)

    def breakdown(self) -> dict[str, Any]:
        """Mean errors per service and for priority vs ordinary tickets (model and plain)."""
        groups: dict[str, list[Outcome]] = {}
        for o in self.outcomes:
            groups.setdefault(f"service:{o.service}", []).append(o)
            groups.setdefault("priority" if o.priority else "ordinary", []).append(o)
        out: dict[str, Any] = {}
        for name, items in sorted(groups.items()):
            with_model = [o for o in items if o.model_s is not None]
            out[name] = {
                "tickets": len(items),
                "shown_mae_s": sum(abs(o.shown.median_s - o.actual_s) for o in items) / len(items),
                "plain_mae_s": sum(abs(o.plain_s - o.actual_s) for o in items) / len(items),
                "model_mae_s": (
                    sum(abs((o.model_s or 0.0) - o.actual_s) for o in with_model) / len(with_model)
                    if with_model else None
                ),
                "coverage": sum(1 for o in items if o.within) / len(items),
            }
        return out
