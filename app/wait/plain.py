"""The plain estimators: always computed, the fallback and the yardstick.

``queue``
    people ahead in the service's line over the counters open for it, times
    the service's recent service time.
``skill``
    replays the current waiting tickets over the open counters, each with its
    own list of services and the published call rules, each busy counter
    first finishing its current citizen; the wait is when the ticket's turn
    comes in that replay.
``erlang``
    Erlang C (M/M/c) for the service: the mean wait for a random arrival,
    given the recent arrival rate, the service time and the open counters;
    when the queue is unstable, the queue-length figure.
``snapshot``
    the strongest, and the fallback: of the queue replays (``skill``, the
    schedule-aware replay and ``queue``), the one whose error on the hall's
    own recently called tickets is smallest (:class:`SnapshotSelector`).

Every replay follows the hall's calling rule (``queue.calling_rule``).

None of them is learned; they need no model file and cannot drift. Their
ranges are fixed multiples of the middle value (wide on purpose).
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import deque
from datetime import datetime, timedelta

from app.estimate import Estimate, EstimatorInfo
from app.hall import CounterStatus, HallState, Ticket
from app.wait.context import HallContext, build_context

#: the plain methods an estimate may be shown by (``snapshot`` is the default fallback)
PLAIN_METHODS = ("queue", "skill", "erlang", "snapshot")
#: the plain methods that are also features of the model (computed from one snapshot)
FEATURE_PLAIN_METHODS = ("queue", "skill", "erlang")

#: seconds; a ticket nobody can serve now is given this much (then clamped)
NO_SERVER_S = 45 * 60.0


def plain_range(median: float, cap: float) -> tuple[float, float, float]:
    """The 80 % range a plain estimate shows (a wide, fixed rule)."""
    m = max(0.0, min(median, cap))
    lo = max(0.0, 0.55 * m - 60.0)
    hi = min(cap, 1.5 * m + 180.0)
    return m, lo, max(hi, m)


def _serving_counters(ctx: HallContext, service: str) -> list[int]:
    return [
        n for n, c in ctx.counters.items()
        if c.status is CounterStatus.OPEN and service in c.services
    ]


def queue_wait(ctx: HallContext, ticket: Ticket) -> float:
    """People ahead over open counters, times the recent service time."""
    ahead = ctx.position.get(ticket.number, 0)
    servers = len(_serving_counters(ctx, ticket.service))
    mean = ctx.service(ticket.service).recent_s
    if servers == 0:
        return NO_SERVER_S + ahead * mean
    idle = sum(1 for n in _serving_counters(ctx, ticket.service) if ctx.counters[n].serving is None)
    if ahead < idle:
        return 0.0
    return (ahead + 0.5) * mean / servers


def _erlang_c(c: int, a: float) -> float:
    """Probability that an arrival must wait in M/M/c with offered load ``a``."""
    term = 1.0
    total = 1.0
    for k in range(1, c):
        term *= a / k
        total += term
    last = term * a / c
    top = last * c / (c - a)
    return top / (total + top)


def erlang_wait(ctx: HallContext, ticket: Ticket) -> float:
    """Erlang C mean wait for the service; the queue figure when unstable."""
    servers = len(_serving_counters(ctx, ticket.service))
    s = ctx.service(ticket.service)
    mean = s.recent_s
    if servers == 0:
        return queue_wait(ctx, ticket)
    hour_ago = ctx.now - timedelta(hours=1)
    arrivals = sum(1 for t in s.issued if t > hour_ago)
    lam = max(1, arrivals) / 3600.0
    a = lam * mean
    if a >= servers * 0.98:
        return queue_wait(ctx, ticket)
    return _erlang_c(servers, a) * mean / (servers - a)


class _Lines:
    """The queues as the replays walk them: who each counter calls next.

    A counter first calls the tickets sent to it, then picks among the heads
    of its services' lines by the hall's calling rule (``queue.calling_rule``
    or the counter's own): its services in order, the oldest ticket among
    them (priority first), or the largest weighted wait.
    """

    def __init__(self, ctx: HallContext) -> None:
        self._ctx = ctx
        self._lines = {code: list(s.order) for code, s in ctx.services.items() if s.order}
        self._heads = {code: 0 for code in self._lines}
        self._targeted = {n: list(v) for n, v in ctx.targeted.items()}
        self.remaining = sum(len(v) for v in self._lines.values()) + sum(
            len(v) for v in self._targeted.values()
        )
        config = ctx.state.config
        self._rules = {n: config.calling_rule(n) for n in ctx.counters}
        self._weights = config.queue.weights

    def next_for(self, counter: int, at_s: float = 0.0) -> Ticket | None:
        """The ticket ``counter`` calls ``at_s`` seconds from now (taken off its line)."""
        tq = self._targeted.get(counter)
        if tq:
            self.remaining -= 1
            return tq.pop(0)
        lines, heads = self._lines, self._heads
        candidates: list[tuple[str, Ticket]] = []
        for code in self._ctx.counters[counter].services:
            i = heads.get(code)
            if i is not None and i < len(lines[code]):
                candidates.append((code, lines[code][i]))
        if not candidates:
            return None
        rule = self._rules.get(counter, "service_order")
        if rule == "service_order" or len(candidates) == 1:
            code, pick = candidates[0]
        else:
            pool = ([c for c in candidates if c[1].front]
                    or [c for c in candidates if c[1].priority] or candidates)
            if rule == "weighted":
                now = self._ctx.now

                def key(c: tuple[str, Ticket]) -> float:
                    waited = (now - (c[1].place or c[1].issued_at)).total_seconds() + at_s
                    return -(max(waited, 0.0) + 1.0) * self._weights.get(c[0], 1.0)

                code, pick = min(pool, key=key)
            else:
                code, pick = min(pool, key=lambda c: c[1].sort_key())
        heads[code] += 1
        self.remaining -= 1
        return pick


def skill_replay(ctx: HallContext) -> dict[str, float]:
    """Predicted wait (from now) of every waiting ticket, by replaying the queue."""
    if ctx.skill is not None:
        return ctx.skill
    out: dict[str, float] = {}
    heap: list[tuple[float, int]] = []
    for n, c in ctx.counters.items():
        if c.status is not CounterStatus.OPEN:
            continue
        free = 0.0
        if c.serving is not None and c.serving.called_at is not None:
            mean = ctx.service(c.serving.service).recent_s
            elapsed = (ctx.now - c.serving.called_at).total_seconds()
            # a citizen already past the mean time is expected to leave soon, not now
            free = max(mean - elapsed, 0.25 * mean)
        heapq.heappush(heap, (free, n))
    lines = _Lines(ctx)
    while heap and lines.remaining:
        free, n = heapq.heappop(heap)
        pick = lines.next_for(n, free)
        if pick is None:
            continue  # this counter has nothing left to call: drop it from the replay
        out[pick.number] = free
        heapq.heappush(heap, (free + ctx.service(pick.service).recent_s, n))
    ctx.skill = out
    return out


#: minutes a counter keeps calling after its services' issuing window ends
#: (staff finish the people already waiting before a break)
WINDOW_GRACE_MIN = 30.0
#: seconds a paused counter is expected to stay paused
PAUSE_S = 300.0
#: seconds until a counter that should be open by now opens
OPEN_SOON_S = 300.0
#: minutes after its hours begin that a counter not yet open is still expected today
#: (later than that, its staff are taken to be absent)
LATE_MIN = 30.0


def windows(ctx: HallContext, services: tuple[str, ...]) -> list[tuple[float, float]]:
    """The issuing windows of some services, local minutes after midnight, merged."""
    spans: list[tuple[float, float]] = []
    for code in services:
        try:
            hours = ctx.state.config.service(code).hours
        except KeyError:
            continue
        for w in hours:
            start, end = w.split("-")
            spans.append((int(start[:2]) * 60.0 + int(start[3:]),
                          int(end[:2]) * 60.0 + int(end[3:])))
    spans.sort()
    merged: list[tuple[float, float]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def local_minute(ctx: HallContext) -> float:
    local = ctx.now.astimezone(ctx.state.config.hall.zone)
    return local.hour * 60.0 + local.minute + local.second / 60.0


def _skip_breaks(at_s: float, now_min: float, spans: list[tuple[float, float]]) -> float:
    """A counter free at ``at_s`` (seconds from now) is free after the break it falls in."""
    m = now_min + at_s / 60.0
    for (_a, b), (nxt, _e) in itertools.pairwise(spans):
        if b + WINDOW_GRACE_MIN <= m < nxt:
            return (nxt - now_min) * 60.0
    return at_s


def sched_replay(ctx: HallContext) -> dict[str, float]:
    """Like :func:`skill_replay`, aware of the day's schedule.

    A feature for the model, not a plain method: a counter stops calling some
    time after its services' issuing window ends and starts again when the
    next window opens; a paused counter comes back after a short pause; a
    counter not yet open in the first minutes of its hours opens soon; a counter
    closed for a break joins when its next window opens. (Each counter's own
    pace made this replay worse on simulated halls, the noise of a few
    service times outweighing the difference between staff, so it is a
    separate feature, ``pace_open``.)
    """
    if ctx.sched is not None:
        return ctx.sched
    out: dict[str, float] = {}
    now_min = local_minute(ctx)
    heap: list[tuple[float, int]] = []
    spans: dict[int, list[tuple[float, float]]] = {}
    for n, c in ctx.counters.items():
        spans[n] = windows(ctx, c.services)
        free: float | None = None
        if c.status is CounterStatus.OPEN:
            free = 0.0
            if c.serving is not None and c.serving.called_at is not None:
                mean = ctx.service(c.serving.service).recent_s
                elapsed = (ctx.now - c.serving.called_at).total_seconds()
                free = max(mean - elapsed, 0.25 * mean)
        elif c.status is CounterStatus.PAUSED:
            free = PAUSE_S
        elif c.served_today == 0 and any(a <= now_min < a + LATE_MIN for a, _b in spans[n]):
            free = OPEN_SOON_S  # not opened yet although its hours have begun: staff are late
        else:
            later = [a for a, _b in spans[n] if a > now_min]
            if later:
                free = (later[0] - now_min) * 60.0
        if free is not None:
            heapq.heappush(heap, (_skip_breaks(free, now_min, spans[n]), n))
    lines = _Lines(ctx)
    while heap and lines.remaining:
        free, n = heapq.heappop(heap)
        pick = lines.next_for(n, free)
        if pick is None:
            continue
        out[pick.number] = free
        done = free + ctx.service(pick.service).recent_s
        heapq.heappush(heap, (_skip_breaks(done, now_min, spans[n]), n))
    ctx.sched = out
    return out


def sched_wait(ctx: HallContext, ticket: Ticket) -> float:
    got = sched_replay(ctx).get(ticket.number)
    if got is None:
        return queue_wait(ctx, ticket)
    return got


def skill_wait(ctx: HallContext, ticket: Ticket) -> float:
    got = skill_replay(ctx).get(ticket.number)
    if got is None:
        return queue_wait(ctx, ticket)
    return got


def plain_waits(ctx: HallContext, ticket: Ticket) -> dict[str, float]:
    """Every plain method's middle value for a ticket, seconds."""
    return {
        "queue": queue_wait(ctx, ticket),
        "skill": skill_wait(ctx, ticket),
        "erlang": erlang_wait(ctx, ticket),
    }


#: the replays the snapshot estimate chooses among, and the one it starts with
SNAPSHOT_VARIANTS = ("skill", "sched", "queue")
SNAPSHOT_DEFAULT = "skill"
#: recent called tickets each variant is judged on, and how many before it may take over
SNAPSHOT_WINDOW = 1500
SNAPSHOT_MIN_SCORED = 40
#: a challenger takes over only when its recent error is this much smaller (no flapping)
SNAPSHOT_SWITCH_MARGIN = 0.05
#: seconds added to both waits before their ratio is taken (short waits vary by minutes)
RANGE_PAD_S = 60.0


def _variant_waits(ctx: HallContext, ticket: Ticket) -> dict[str, float]:
    return {"skill": skill_wait(ctx, ticket), "sched": sched_wait(ctx, ticket),
            "queue": queue_wait(ctx, ticket)}


class SnapshotSelector:
    """The snapshot estimate: the queue replay that has done best on this hall lately.

    No single replay is best in every hall: where counters keep to their
    hours the schedule-aware replay wins, where staff serve on through
    breaks the plain one does, and in a hall whose counters mostly serve one
    service each, people ahead over the open counters is hard to beat. So
    every variant is computed for every ticket, each is scored when the
    ticket is called, and the one with the smallest mean absolute error over
    the last ``SNAPSHOT_WINDOW`` called tickets is shown. It learns nothing
    but which published formula fits; it needs no model file.
    """

    def __init__(self) -> None:
        self.current = SNAPSHOT_DEFAULT
        self._pending: dict[tuple[str, object], dict[str, float]] = {}
        self._by_number: dict[str, tuple[str, object]] = {}
        self._errors: dict[str, deque[float]] = {
            v: deque(maxlen=SNAPSHOT_WINDOW) for v in SNAPSHOT_VARIANTS
        }
        #: log ratios of actual to estimated wait, per variant (the range's calibration)
        self._ratios: dict[str, deque[float]] = {
            v: deque(maxlen=SNAPSHOT_WINDOW) for v in SNAPSHOT_VARIANTS
        }

    def wait(self, ctx: HallContext, ticket: Ticket, record: bool = False) -> float:
        values = _variant_waits(ctx, ticket)
        if record:
            key = (ticket.number, ticket.issued_at)
            if key not in self._pending:
                self._pending[key] = values
                self._by_number[ticket.number] = key
                if len(self._pending) > 5000:  # tickets never called must not pile up
                    for k in list(self._pending)[:1000]:
                        self._pending.pop(k, None)
        return values[self.current]

    def called(self, ticket: str, called_at: datetime) -> None:
        """A ticket was first called: score every variant, maybe change the one shown."""
        key = self._by_number.pop(ticket, None)
        values = self._pending.pop(key, None) if key is not None else None
        if values is None or key is None:
            return
        issued_at = key[1]
        if not isinstance(issued_at, datetime):
            return
        actual = max(0.0, (called_at - issued_at).total_seconds())
        for v, w in values.items():
            self._errors[v].append(abs(w - actual))
            self._ratios[v].append(math.log((actual + RANGE_PAD_S) / (max(w, 0.0) + RANGE_PAD_S)))
        scored = {v: e for v, e in self._errors.items() if len(e) >= SNAPSHOT_MIN_SCORED}
        if self.current not in scored:
            return
        mean = {v: sum(e) / len(e) for v, e in scored.items()}
        best = min(mean, key=lambda v: mean[v])
        if mean[best] < mean[self.current] * (1.0 - SNAPSHOT_SWITCH_MARGIN):
            self.current = best

    def range(self, median: float, cap: float) -> tuple[float, float, float]:
        """The 80 % range around the shown value, from how far off it has recently been.

        The 10th and 90th percentiles of the log ratio of actual to estimated
        wait over the recent called tickets; before enough are scored, the
        fixed wide rule of :func:`plain_range`.
        """
        ratios = sorted(self._ratios[self.current])
        if len(ratios) < SNAPSHOT_MIN_SCORED:
            return plain_range(median, cap)
        m = max(0.0, min(median, cap))
        lo_r = ratios[int(0.1 * (len(ratios) - 1))]
        hi_r = ratios[math.ceil(0.9 * (len(ratios) - 1))]
        lo = max(0.0, (m + RANGE_PAD_S) * math.exp(min(lo_r, 0.0)) - RANGE_PAD_S)
        hi = min(cap, (m + RANGE_PAD_S) * math.exp(max(hi_r, 0.0)) - RANGE_PAD_S)
        return m, min(lo, m), max(hi, m)

    def recent_mae_s(self) -> dict[str, float]:
        return {v: sum(e) / len(e) for v, e in self._errors.items() if e}


class PlainEstimator:
    """One plain method as an :class:`~app.estimate.Estimator` (no model, no drift)."""

    def __init__(self, method: str = "snapshot", reason: str | None = None) -> None:
        if method not in PLAIN_METHODS:
            raise ValueError(f"unknown plain method {method!r}; known: {', '.join(PLAIN_METHODS)}")
        self.method = method
        self.reason = reason
        self.snapshot = SnapshotSelector()

    def estimate(self, state: HallState, ticket: Ticket) -> Estimate:
        ctx = build_context(state)
        return self.from_context(ctx, ticket)

    def from_context(self, ctx: HallContext, ticket: Ticket, record: bool = False) -> Estimate:
        cap = ctx.state.config.estimates.max_wait_minutes * 60.0
        if self.method == "snapshot":
            raw = self.snapshot.wait(ctx, ticket, record)
        else:
            fn = {"queue": queue_wait, "skill": skill_wait, "erlang": erlang_wait}[self.method]
            raw = fn(ctx, ticket)
        if not math.isfinite(raw):
            raw = cap
        if self.method == "snapshot":
            m, lo, hi = self.snapshot.range(raw, cap)
        else:
            m, lo, hi = plain_range(raw, cap)
        return Estimate(m, lo, hi, self.method)

    def called(self, ticket: str, called_at: datetime) -> None:
        """A ticket was first called (the snapshot estimate learns which replay fits)."""
        self.snapshot.called(ticket, called_at)

    def info(self) -> EstimatorInfo:
        return EstimatorInfo(ai=False, fallback_reason=self.reason)
