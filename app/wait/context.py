"""A summary of the hall at one moment, computed once and shared.

:func:`build_context` makes one pass over a :class:`~app.hall.HallState` and
collects what the plain estimators and the model's features need: each
service's line in call order, recent service times per service and per
counter, recent calls, arrivals and waits, and the counters open now. It
reads only the state, and the state holds only events already applied, so
everything here is known at the moment it is built (the causality of the
features rests on that; ``tests/app/test_wait_features.py`` checks it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.hall import CounterStatus, HallState, Ticket, TicketStatus

#: service time assumed for a service the configuration does not know
DEFAULT_SERVICE_S = 360.0
#: how many recent service times make the "recent" mean
RECENT_N = 10


@dataclass
class ServiceStats:
    """What is known about one service today."""

    code: str
    prior_s: float
    order: list[Ticket] = field(default_factory=list)
    waiting: int = 0
    durations: list[tuple[datetime, float]] = field(default_factory=list)
    waits: list[tuple[datetime, float]] = field(default_factory=list)
    issued: list[datetime] = field(default_factory=list)
    #: times of issue of today's priority tickets (they will pass ordinary ones)
    priority_issued: list[datetime] = field(default_factory=list)
    issued_today: int = 0

    @property
    def recent_s(self) -> float:
        """Mean of the last service times, shrunk towards the prior when few."""
        recent = [d for _t, d in self.durations[-RECENT_N:]]
        k = 3.0
        return (sum(recent) + k * self.prior_s) / (len(recent) + k)

    def mean_wait_s(self) -> float:
        if not self.waits:
            return 0.0
        return sum(w for _t, w in self.waits) / len(self.waits)


@dataclass
class CounterStats:
    """A counter now, with its recent pace."""

    number: int
    services: tuple[str, ...]
    status: CounterStatus
    serving: Ticket | None
    durations: list[tuple[datetime, float]] = field(default_factory=list)
    #: each finished service's time over its service's prior (how fast this counter works)
    factors: list[tuple[datetime, float]] = field(default_factory=list)
    served_today: int = 0

    def pace(self, hall_pace: float) -> float:
        """This counter's speed relative to the hall's (1.0 = as fast), shrunk when few."""
        recent = [f for _t, f in self.factors[-2 * RECENT_N:]]
        # service times vary a lot from one citizen to the next: trust a counter's own
        # pace only slowly
        k = 12.0
        own = (sum(recent) + k * hall_pace) / (len(recent) + k)
        return own / hall_pace if hall_pace > 0 else 1.0


@dataclass
class HallContext:
    """The hall at ``now``: per service and per counter."""

    state: HallState
    now: datetime
    services: dict[str, ServiceStats]
    counters: dict[int, CounterStats]
    targeted: dict[int, list[Ticket]]
    #: place of each waiting ticket in the order it will be called (0 = next)
    position: dict[str, int]
    #: priority tickets ahead of each waiting ticket
    priority_ahead: dict[str, int]
    completed_today: int = 0
    #: mean of every finished service's time over its prior, today (1.0 with no data)
    hall_pace: float = 1.0
    #: filled lazily by :func:`app.wait.plain.skill_replay`
    skill: dict[str, float] | None = None
    #: filled lazily by :func:`app.wait.plain.sched_replay`
    sched: dict[str, float] | None = None
    #: filled lazily by :func:`app.wait.plain.snapshot_replay`
    snapshot: dict[str, float] | None = None

    def service(self, code: str) -> ServiceStats:
        s = self.services.get(code)
        if s is None:
            s = self.services[code] = ServiceStats(code, _prior(self.state, code))
        return s


def _prior(state: HallState, code: str) -> float:
    try:
        return state.config.service(code).mean_service_minutes * 60.0
    except KeyError:
        return DEFAULT_SERVICE_S


def build_context(state: HallState, now: datetime | None = None) -> HallContext:
    """Summarise ``state`` at ``now`` (default: the time of its last event)."""
    when = now or state.last_ts
    if when is None:
        raise ValueError("the hall state has no events yet")
    services: dict[str, ServiceStats] = {}
    counters = {
        n: CounterStats(n, c.services, c.status, None, served_today=c.served_today)
        for n, c in state.counters.items()
    }
    factors: list[float] = []
    targeted: dict[int, list[Ticket]] = {}
    completed = 0

    def svc(code: str) -> ServiceStats:
        s = services.get(code)
        if s is None:
            s = services[code] = ServiceStats(code, _prior(state, code))
        return s

    for t in state.tickets.values():
        s = svc(t.service)
        if t.service != t.original_service:
            svc(t.original_service).issued_today += 1
        else:
            s.issued_today += 1
        s.issued.append(t.issued_at)
        if t.priority:
            s.priority_issued.append(t.issued_at)
        status = t.status
        if status is TicketStatus.WAITING:
            s.waiting += 1
            if t.target_counter is not None:
                targeted.setdefault(t.target_counter, []).append(t)
        if t.first_called_at is not None:
            s.waits.append((t.first_called_at, (t.first_called_at - t.issued_at).total_seconds()))
        if status is TicketStatus.COMPLETED:
            completed += 1
            if t.finished_at is not None and t.called_at is not None:
                d = (t.finished_at - t.called_at).total_seconds()
                s.durations.append((t.finished_at, d))
                f = d / max(s.prior_s, 1.0)
                factors.append(f)
                if t.counter is not None and t.counter in counters:
                    counters[t.counter].durations.append((t.finished_at, d))
                    counters[t.counter].factors.append((t.finished_at, f))
        elif status is TicketStatus.CALLED and t.counter is not None and t.counter in counters:
            counters[t.counter].serving = t

    for s in services.values():
        s.durations.sort(key=lambda x: x[0])
        s.waits.sort(key=lambda x: x[0])
    for c in counters.values():
        c.durations.sort(key=lambda x: x[0])
        c.factors.sort(key=lambda x: x[0])
    k = 5.0
    hall_pace = (sum(factors) + k) / (len(factors) + k)

    position: dict[str, int] = {}
    priority_ahead: dict[str, int] = {}
    for code, s in services.items():
        if s.waiting == 0:
            continue
        s.order = state.call_order(code)
        pri = 0
        for i, t in enumerate(s.order):
            position[t.number] = i
            priority_ahead[t.number] = pri
            if t.priority:
                pri += 1
    for lst in targeted.values():
        lst.sort(key=Ticket.sort_key)
        pri = 0
        for i, t in enumerate(lst):
            position[t.number] = i
            priority_ahead[t.number] = pri
            if t.priority:
                pri += 1
    return HallContext(state, when, services, counters, targeted, position, priority_ahead,
                       completed, hall_pace)
