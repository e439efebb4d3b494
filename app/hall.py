"""The hall's state: a projection of the event log.

:class:`HallState` is rebuilt by applying events in log order; it never reads
anything else (the configuration gives only the static facts: services,
counters, the business day). Applying is lenient: an event that does not fit
the state (a call for a ticket this state never saw, from an imported log) is
counted in :attr:`HallState.anomalies` and otherwise ignored, so a replay never
stops half-way. Commands (:mod:`app.commands`) are strict instead: they refuse
anything that does not fit.

Queue order follows fixed, published rules only: tickets moved to the front
first, then within a service priority tickets before ordinary ones (but after
``queue.priority_burst`` consecutive priority calls an ordinary ticket goes
next), each by its place in line: the log's order of its issue (or of its
transfer to the front), never a clock's time, so a kiosk whose clock is a
few minutes off cannot put a later ticket first. Nothing else, and no model
output, changes who is called next.

The projection never raises on a stored event: an event it cannot apply (a
time out of range, a field of the wrong type written behind the program's
back) is counted in :attr:`HallState.anomalies` and listed in
:attr:`HallState.unapplied`, which doctor reports. A ``voided`` event makes
every projection ignore the record it names (:func:`replay` and
:class:`~app.service.HallService` rebuild without it).

The business day never goes backwards in the log's order: an event stamped
just before the day's start (by at most
:data:`app.validation.CLOCK_TOLERANCE`) after the day has begun belongs to
the new day, so kiosks whose clocks disagree by a minute number one day.
"""

from __future__ import annotations

import enum
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from app.config import Config
from app.events import COUNTER_KINDS, UNREADABLE, Event
from app.validation import CLOCK_TOLERANCE

#: how many unapplied events a state keeps the details of
UNAPPLIED_KEPT = 50


@dataclass(frozen=True)
class Unapplied:
    """A stored event the projection could not apply, and why."""

    seq: int | None
    kind: str
    problem: str


class TicketStatus(enum.StrEnum):
    WAITING = "waiting"
    CALLED = "called"  # called to a counter and being served there
    PARKED = "parked"
    COMPLETED = "completed"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"

    @property
    def active(self) -> bool:
        return self in (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.PARKED)


class CounterStatus(enum.StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    PAUSED = "paused"


@dataclass
class Ticket:
    """One ticket of the day."""

    number: str
    service: str
    day: date
    issued_at: datetime
    issued_seq: int
    priority: bool = False
    category: str | None = None
    kiosk: str | None = None
    status: TicketStatus = TicketStatus.WAITING
    counter: int | None = None
    recalls: int = 0
    place: datetime | None = None  # when it took its place in line (issue, or a move)
    #: its place in line in the log's order: the seq of its issue, or of its move to the front
    place_seq: int = 0
    front: bool = False
    target_counter: int | None = None
    first_called_at: datetime | None = None
    called_at: datetime | None = None
    finished_at: datetime | None = None
    original_service: str = ""

    def sort_key(self) -> tuple[int, int, int]:
        return (0 if self.front else 1, self.place_seq or self.issued_seq, self.issued_seq)


@dataclass
class CounterState:
    """A counter now."""

    number: int
    services: tuple[str, ...]
    status: CounterStatus = CounterStatus.CLOSED
    serving: str | None = None
    since: datetime | None = None
    served_today: int = 0


@dataclass(frozen=True)
class Call:
    """A call shown on the hall's "last called" strip."""

    ticket: str
    counter: int
    ts: datetime
    recall: bool = False


@dataclass
class HallState:
    """Queues, counters and tickets of the current business day."""

    config: Config
    day: date | None = None
    tickets: dict[str, Ticket] = field(default_factory=dict)
    counters: dict[int, CounterState] = field(default_factory=dict)
    last_number: dict[str, int] = field(default_factory=dict)
    issued_count: dict[str, int] = field(default_factory=dict)
    priority_streak: dict[str, int] = field(default_factory=dict)
    recent_calls: deque[Call] = field(default_factory=lambda: deque(maxlen=20))
    last_seq: int = 0
    last_ts: datetime | None = None
    anomalies: int = 0
    #: stored events that could not be applied (the first :data:`UNAPPLIED_KEPT`)
    unapplied: list[Unapplied] = field(default_factory=list)
    #: records a ``voided`` event set aside
    voided: set[int] = field(default_factory=set)
    #: a void named a record already applied: the state must be rebuilt without it
    needs_rebuild: bool = False
    #: the business day of the event being applied
    _current_day: date = field(default=date.min, repr=False)

    def __post_init__(self) -> None:
        if not self.counters:
            for c in self.config.counters:
                self.counters[c.number] = CounterState(c.number, c.services)

    # ------------------------------------------------------------------ time

    def business_day(self, ts: datetime) -> date:
        """The hall's business day of a moment (numbers restart at day_starts_at)."""
        local = ts.astimezone(self.config.hall.zone)
        start = self.config.hall.day_start
        shifted = local - timedelta(hours=start.hour, minutes=start.minute)
        return shifted.date()

    def day_start(self, day: date) -> datetime:
        """The moment a business day begins."""
        start = self.config.hall.day_start
        return datetime(day.year, day.month, day.day, start.hour, start.minute,
                        tzinfo=self.config.hall.zone)

    def day_of(self, ts: datetime) -> date:
        """The business day an event at ``ts`` belongs to, seen after the log so far.

        The log's day never goes backwards for a clock that is only a little
        behind: an event stamped less than :data:`CLOCK_TOLERANCE` before the
        current day's start belongs to the current day.
        """
        day = self.business_day(ts)
        if self.day is not None and day < self.day and ts >= self.day_start(self.day) - \
                CLOCK_TOLERANCE:
            return self.day
        return day

    def advance_to(self, now: datetime) -> None:
        """Start a new business day if ``now`` is in one: yesterday's queue expires.

        Time passing is part of the projection: the state at a moment is the
        events so far, seen on that moment's business day.
        """
        day = self.business_day(now)
        if self.day is not None and day > self.day:
            self._roll_to(day)

    def _roll_to(self, day: date) -> None:
        if self.day is not None and day <= self.day:
            return
        self.day = day
        self.tickets.clear()
        self.last_number.clear()
        self.issued_count.clear()
        self.priority_streak.clear()
        for c in self.counters.values():
            c.serving = None
            c.served_today = 0

    # ------------------------------------------------------------------ queries

    def ticket(self, number: str) -> Ticket | None:
        return self.tickets.get(number)

    def queue(self, service: str) -> list[Ticket]:
        """Waiting tickets of a service open to any of its counters, in line order."""
        q = [
            t
            for t in self.tickets.values()
            if t.status is TicketStatus.WAITING
            and t.service == service
            and t.target_counter is None
        ]
        q.sort(key=Ticket.sort_key)
        return q

    def waiting_count(self, service: str) -> int:
        return sum(
            1
            for t in self.tickets.values()
            if t.status is TicketStatus.WAITING and t.service == service
        )

    def call_order(self, service: str) -> list[Ticket]:
        """The queue of a service in the order it would be called, burst rule included."""
        q = self.queue(service)
        fronts = [t for t in q if t.front]
        pri = [t for t in q if t.priority and not t.front]
        ordi = [t for t in q if not t.priority and not t.front]
        out = list(fronts)
        streak = self.priority_streak.get(service, 0)
        burst = self.config.queue.priority_burst
        while pri or ordi:
            if pri and (not ordi or streak < burst):
                out.append(pri.pop(0))
                streak += 1
            else:
                out.append(ordi.pop(0))
                streak = 0
        return out

    def people_ahead(self, number: str) -> int:
        """How many tickets will be called before this one (0 when not waiting)."""
        t = self.tickets.get(number)
        if t is None or t.status is not TicketStatus.WAITING:
            return 0
        if t.target_counter is not None:
            targeted = sorted(
                (
                    x
                    for x in self.tickets.values()
                    if x.status is TicketStatus.WAITING and x.target_counter == t.target_counter
                ),
                key=Ticket.sort_key,
            )
            return targeted.index(t)
        if all(self.config.calling_rule(n) == "service_order" for n in self._serving(t.service)):
            return self.call_order(t.service).index(t)
        return self._ahead_by_rule(t)

    def _serving(self, service: str) -> list[int]:
        return [c.number for c in self.counters.values() if service in c.services]

    def _ahead_by_rule(self, t: Ticket) -> int:
        """People ahead where a counter's rule mixes services: replay the calls, in turn.

        The counters that serve the ticket's service call, one after the
        other, the ticket their own rule picks among what is still waiting,
        until one of them picks this ticket. Tickets that only other counters
        would take are not counted.
        """
        live = [c for c in self.counters.values()
                if t.service in c.services and c.status is not CounterStatus.CLOSED]
        counters = live or [c for c in self.counters.values() if t.service in c.services]
        services = {s for c in counters for s in c.services}
        lines = {s: self.call_order(s) for s in services}
        at = self.last_ts or t.issued_at
        ahead = 0
        while True:
            picked_any = False
            for c in counters:
                heads = [line[0] for s in c.services if (line := lines.get(s))]
                pick = self._pick(c.number, heads, at)
                if pick is None:
                    continue
                if pick is t:
                    return ahead
                lines[pick.service].pop(0)
                ahead += 1
                picked_any = True
            if not picked_any:
                return ahead

    def _pick(self, counter: int, heads: list[Ticket], now: datetime | None,
              rule: str | None = None) -> Ticket | None:
        """Which of the heads of a counter's service lines it calls, by its rule."""
        if not heads:
            return None
        rule = rule or self.config.calling_rule(counter)
        if rule == "service_order":
            return heads[0]
        pool = ([h for h in heads if h.front] or [h for h in heads if h.priority]
                or heads)
        if rule == "weighted" and now is not None:
            weights = self.config.queue.weights

            def weighted(h: Ticket) -> tuple[float, tuple[int, int, int]]:
                waited = max(0.0, (now - (h.place or h.issued_at)).total_seconds())
                return (-(waited + 1.0) * weights.get(h.service, 1.0), h.sort_key())

            return min(pool, key=weighted)
        return min(pool, key=Ticket.sort_key)

    def line_heads(self, counter: int) -> list[Ticket]:
        """The first ticket of each of a counter's service lines, in its service order."""
        c = self.counters.get(counter)
        if c is None:
            return []
        return [line[0] for service in c.services if (line := self.call_order(service))]

    def pick_by(self, rule: str, counter: int, now: datetime | None = None) -> Ticket | None:
        """The ticket ``counter`` would call under ``rule`` (tickets sent to it aside)."""
        return self._pick(counter, self.line_heads(counter), now or self.last_ts, rule)

    def next_for_counter(self, counter: int, now: datetime | None = None) -> Ticket | None:
        """The ticket a counter would call next under the published rules.

        ``hall.queue.calling_rule`` (or the counter's own) says how a counter
        with several services chooses among their lines; each line keeps its
        own order (staff's moves to the front, then the priority burst rule).
        """
        c = self.counters.get(counter)
        if c is None:
            return None
        targeted = sorted(
            (
                t
                for t in self.tickets.values()
                if t.status is TicketStatus.WAITING and t.target_counter == counter
            ),
            key=Ticket.sort_key,
        )
        if targeted:
            return targeted[0]
        return self._pick(counter, self.line_heads(counter), now or self.last_ts)

    def open_counters(self, service: str | None = None) -> list[CounterState]:
        return [
            c
            for c in self.counters.values()
            if c.status is CounterStatus.OPEN and (service is None or service in c.services)
        ]

    def counters_for(self, service: str) -> list[int]:
        """Counters that serve a service now (open first), or by configuration if none is."""
        live = [c.number for c in self.counters.values()
                if c.status is not CounterStatus.CLOSED and service in c.services]
        if live:
            return sorted(live)
        return sorted(c.number for c in self.config.counters if service in c.services)

    def snapshot(self) -> dict[str, object]:
        """A comparable summary of the state (for tests and the doctor)."""
        return {
            "day": self.day,
            "tickets": {
                n: (t.service, t.status.value, t.counter, t.priority, t.category, t.recalls,
                    t.place, t.front, t.target_counter)
                for n, t in sorted(self.tickets.items())
            },
            "counters": {
                n: (c.status.value, c.services, c.serving) for n, c in sorted(self.counters.items())
            },
            "last_number": dict(sorted(self.last_number.items())),
            "streak": dict(sorted(self.priority_streak.items())),
        }

    def fork(self) -> HallState:
        """A copy that can take more events without changing this one (a snapshot).

        Tickets are shared until an event changes them, so a fork that only
        takes an ``issued`` (which adds a new ticket) costs a few dict copies.
        """
        from copy import copy

        return replace(
            self,
            tickets=dict(self.tickets),
            counters={n: copy(c) for n, c in self.counters.items()},
            last_number=dict(self.last_number),
            issued_count=dict(self.issued_count),
            priority_streak=dict(self.priority_streak),
            recent_calls=deque(self.recent_calls, maxlen=self.recent_calls.maxlen),
            unapplied=list(self.unapplied),
            voided=set(self.voided),
        )

    # ------------------------------------------------------------------ projection

    def apply(self, event: Event) -> None:
        """Fold one event into the state. Never raises, whatever the event holds."""
        if event.seq is not None:
            self.last_seq = max(self.last_seq, event.seq)
            if event.seq in self.voided:
                return
        if event.kind == "voided":
            self._on_voided(event)
            return
        if event.kind == UNREADABLE:
            self._unapplied(event, str(event.get("problem", "cannot be read")))
            return
        try:
            self._apply(event)
        except Exception as exc:  # a stored event must never stop the hall
            self._unapplied(event, f"{type(exc).__name__}: {exc}")

    def _unapplied(self, event: Event, problem: str) -> None:
        self.anomalies += 1
        if len(self.unapplied) < UNAPPLIED_KEPT:
            self.unapplied.append(Unapplied(event.seq, event.kind, problem))

    def _apply(self, event: Event) -> None:
        day = self.day_of(event.ts)
        if self.day is None or day > self.day:
            self._roll_to(day)
        if self.last_ts is None or event.ts > self.last_ts:
            self.last_ts = event.ts
        handler = getattr(self, "_on_" + event.kind, None)
        if handler is None:
            return
        if day < (self.day or day) and event.kind not in _TIMELESS:
            # an event of an earlier day arriving late changes nothing today
            self.anomalies += 1
            return
        self._current_day = day
        handler(event)

    def _on_voided(self, e: Event) -> None:
        target = e.get("target_seq")
        if not isinstance(target, int) or isinstance(target, bool):
            self._unapplied(e, "the void names no record")
            return
        if target in self.voided:
            return
        self.voided.add(target)
        if target <= self.last_seq:
            self.needs_rebuild = True

    def _ticket_of(self, event: Event) -> Ticket | None:
        t = self.tickets.get(str(event.get("ticket")))
        if t is None:
            self.anomalies += 1
        return t

    def _free_counter(self, t: Ticket) -> None:
        if t.counter is not None:
            c = self.counters.get(t.counter)
            if c is not None and c.serving == t.number:
                c.serving = None

    def _on_issued(self, e: Event) -> None:
        number = e.ticket
        if number in self.tickets:
            self.anomalies += 1
            return
        service = str(e["service"])
        n = e.get("number")
        if not isinstance(n, int):
            digits = "".join(ch for ch in number if ch.isdigit())
            n = int(digits) if digits else 0
        self.last_number[service] = max(self.last_number.get(service, 0), n)
        self.issued_count[service] = self.issued_count.get(service, 0) + 1
        self.tickets[number] = Ticket(
            number=number,
            service=service,
            day=self._current_day,
            issued_at=e.ts,
            issued_seq=e.seq or 0,
            place_seq=e.seq or 0,
            priority=bool(e["priority"]),
            category=e.get("category"),
            kiosk=e.get("kiosk") or e.actor,
            place=e.ts,
            original_service=service,
        )

    def _call(self, e: Event, recall: bool) -> None:
        t = self._ticket_of(e)
        if t is None:
            return
        counter = e.counter
        c = self.counters.get(counter)
        if c is None:
            c = self.counters[counter] = CounterState(counter, (t.service,), CounterStatus.OPEN)
        if not recall and t.status is not TicketStatus.CALLED:
            streak = self.priority_streak.get(t.service, 0)
            self.priority_streak[t.service] = streak + 1 if t.priority else 0
        if t.counter is not None and t.counter != counter:
            self._free_counter(t)
        if c.serving and c.serving != t.number:
            # the counter moved on without closing the previous ticket
            prev = self.tickets.get(c.serving)
            if prev is not None and prev.status is TicketStatus.CALLED:
                prev.status = TicketStatus.COMPLETED
                prev.finished_at = e.ts
        if recall:
            t.recalls += 1
        t.status = TicketStatus.CALLED
        t.counter = counter
        t.called_at = e.ts
        if t.first_called_at is None:
            t.first_called_at = e.ts
        t.target_counter = None
        t.front = False
        c.serving = t.number
        self.recent_calls.appendleft(Call(t.number, counter, e.ts, recall))

    def _on_called(self, e: Event) -> None:
        self._call(e, bool(e.get("recall", False)))

    def _on_recalled(self, e: Event) -> None:
        self._call(e, True)

    def _finish(self, e: Event, status: TicketStatus) -> None:
        t = self._ticket_of(e)
        if t is None:
            return
        self._free_counter(t)
        if status is TicketStatus.COMPLETED and t.counter is not None:
            c = self.counters.get(t.counter)
            if c is not None:
                c.served_today += 1
        t.status = status
        t.finished_at = e.ts

    def _on_completed(self, e: Event) -> None:
        self._finish(e, TicketStatus.COMPLETED)

    def _on_no_show(self, e: Event) -> None:
        self._finish(e, TicketStatus.NO_SHOW)

    def _on_cancelled(self, e: Event) -> None:
        self._finish(e, TicketStatus.CANCELLED)

    def _on_transferred(self, e: Event) -> None:
        t = self._ticket_of(e)
        if t is None:
            return
        self._free_counter(t)
        to_service = e.get("to_service")
        if to_service:
            t.service = str(to_service)
        t.target_counter = e.get("to_counter")
        t.status = TicketStatus.WAITING
        t.counter = None
        if e.get("front", False):
            t.front = True
            t.place = e.ts
            t.place_seq = e.seq or t.issued_seq
        else:
            t.front = False
            t.place = t.issued_at
            t.place_seq = t.issued_seq

    def _on_prioritized(self, e: Event) -> None:
        t = self._ticket_of(e)
        if t is None:
            return
        t.priority = bool(e["priority"])
        t.category = e.get("category") if t.priority else None

    def _on_parked(self, e: Event) -> None:
        t = self._ticket_of(e)
        if t is None:
            return
        self._free_counter(t)
        t.status = TicketStatus.PARKED
        t.counter = None

    def _on_unparked(self, e: Event) -> None:
        t = self._ticket_of(e)
        if t is None:
            return
        t.status = TicketStatus.WAITING

    def _counter(self, e: Event) -> CounterState:
        n = e.counter
        c = self.counters.get(n)
        if c is None:
            c = self.counters[n] = CounterState(n, ())
        return c

    def _on_counter_open(self, e: Event) -> None:
        c = self._counter(e)
        c.status = CounterStatus.OPEN
        c.services = tuple(e["services"]) or c.services
        c.since = e.ts

    def _on_counter_pause(self, e: Event) -> None:
        c = self._counter(e)
        c.status = CounterStatus.PAUSED
        c.since = e.ts

    def _on_counter_resume(self, e: Event) -> None:
        c = self._counter(e)
        c.status = CounterStatus.OPEN
        c.since = e.ts

    def _on_counter_close(self, e: Event) -> None:
        c = self._counter(e)
        c.status = CounterStatus.CLOSED
        c.since = e.ts
        if c.serving:
            t = self.tickets.get(c.serving)
            if t is not None and t.status is TicketStatus.CALLED:
                t.status = TicketStatus.COMPLETED
                t.finished_at = e.ts
            c.serving = None

    def _on_counter_services(self, e: Event) -> None:
        self._counter(e).services = tuple(e["services"])


#: events whose effect does not depend on the business day
_TIMELESS = COUNTER_KINDS


def voided_targets(events: list[Event]) -> set[int]:
    """The records the ``voided`` events among ``events`` set aside."""
    out: set[int] = set()
    for e in events:
        if e.kind == "voided":
            target = e.get("target_seq")
            if isinstance(target, int) and not isinstance(target, bool):
                out.add(target)
    return out


def replay(config: Config, events: list[Event]) -> HallState:
    """A fresh state with every event applied in order, voided records left out."""
    state = HallState(config)
    state.voided = voided_targets(events)
    for e in events:
        state.apply(e)
    state.needs_rebuild = False
    return state
