"""Live accuracy: the kiosk checks its own estimates against what happened.

When a ticket is issued the estimator hands the monitor both numbers it
computed: the model's (when a model is loaded, even in the shadow while it
is not shown) and the best plain estimator's. When the ticket is first
called, the monitor notes the actual wait and both errors, per service and
for priority and ordinary tickets.

Drift rule: once per ``window`` newly scored tickets, over the last
``window`` tickets that have both numbers (at least ``min_count``), when
the model's mean absolute error exceeds the plain estimator's by more than
``margin`` (relative) and by more than two standard errors of the paired
difference, the monitor reports drift; the estimator then falls back,
records an ``incident`` and alerts staff.

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


class LiveMonitor:
    """Compares estimates with actual waits; decides when the model has drifted."""

    def __init__(self, window: int = 100, min_count: int = 60, margin: float = 0.10) -> None:
        self.window = window
        self.min_count = min_count
        self.margin = margin
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

    # ------------------------------------------------------------------ figures

    def drifted(self) -> tuple[bool, str]:
        """Whether the model is worse than the plain method over the recent window.

        Worse means: its mean error is more than ``margin`` above the plain
        method's, and the paired difference is clear of chance (more than
        two standard errors), so a few unlucky tickets do not set it aside.
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
        var = sum((d - mean) ** 2 for d in diffs) / max(1, n - 1)
        se = math.sqrt(var / n)
        if model > plain * (1.0 + self.margin) and mean > 2.0 * se:
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
