"""The hall simulator: SimPy processes that act like citizens and counter staff.

Citizens arrive by a time-varying Poisson process (thinning against
:func:`app.sim.halls.demand_profile`), take a ticket at the kiosk, and wait.
Each counter is a process that follows its shifts (late opening, lunch
close), calls the next ticket, serves it for a log-normal time scaled by its
staff's speed, sometimes pauses, and sometimes meets a no-show after a recall.

Decisions are made by the product's own code: every action goes through
:mod:`app.commands` against a :class:`~app.hall.HallState`, so who is called
next follows the hall's published rules and every event is one the real kiosk
could have written. A :class:`Sink` receives the actions: :class:`LogSink`
keeps a projection and a list of events (for days of training data);
:class:`HallSink` sends them to a live :class:`~app.service.HallService`
(to make the demo hall move).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Generator
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

import simpy

from app import commands
from app.config import Config
from app.errors import CommandRefused
from app.events import Event
from app.hall import CounterStatus, HallState, TicketStatus
from app.sim.halls import CounterShape, HallShape, ServiceShape, demand_profile

log = logging.getLogger(__name__)

KIOSK = "kiosk-1"


class Sink(Protocol):
    """Where the simulator's actions go."""

    @property
    def state(self) -> HallState: ...

    def issue(self, ts: datetime, service: str, priority: bool, category: str | None) -> bool:
        """Issue a ticket; False when the hall refused."""
        ...

    def command(self, name: str, ts: datetime, actor: str, **kwargs: Any) -> list[Event]:
        """Run a command from :mod:`app.commands`; [] when refused."""
        ...


class LogSink:
    """Keeps the projection in memory and collects the events, numbered."""

    def __init__(self, config: Config) -> None:
        self._state = HallState(config)
        self.events: list[Event] = []

    @property
    def state(self) -> HallState:
        return self._state

    def _apply(self, e: Event) -> Event:
        stored = e.with_seq(len(self.events) + 1)
        self._state.apply(stored)
        self.events.append(stored)
        return stored

    def issue(self, ts: datetime, service: str, priority: bool, category: str | None) -> bool:
        try:
            e = commands.issue(self._state, ts, KIOSK, service, priority, category)
        except CommandRefused:
            return False
        self._apply(e)
        return True

    def command(self, name: str, ts: datetime, actor: str, **kwargs: Any) -> list[Event]:
        fn: Callable[..., Event | list[Event]] = getattr(commands, name)
        try:
            out = fn(self._state, ts, actor, **kwargs)
        except CommandRefused:
            return []
        return [self._apply(e) for e in (out if isinstance(out, list) else [out])]


class HallSink:
    """Sends the actions to a running hall (its clock gives the times)."""

    def __init__(self, hall: Any) -> None:
        self.hall = hall

    @property
    def state(self) -> HallState:
        s: HallState = self.hall.state
        return s

    def issue(self, ts: datetime, service: str, priority: bool, category: str | None) -> bool:
        try:
            self.hall.issue(service, KIOSK, priority=priority, category=category)
        except CommandRefused as exc:
            log.info("simulated citizen turned away: %s", exc.message)
            return False
        return True

    def command(self, name: str, ts: datetime, actor: str, **kwargs: Any) -> list[Event]:
        try:
            out: list[Event] = self.hall.execute(name, actor, **kwargs)
        except CommandRefused:
            return []
        return out


class DayPlan:
    """The random draws that make one simulated day unlike another."""

    def __init__(self, shape: HallShape, weekday: int, rng: random.Random) -> None:
        self.demand = shape.weekdays.get(weekday, 0.0) * rng.lognormvariate(0.0, shape.day_spread)
        self.morning_only = weekday in shape.morning_only_days
        #: a counter's staff may be absent for the day, or slower/faster than usual
        self.absent = {c.number for c in shape.counters if rng.random() < 0.05}
        self.speed = {c.number: c.speed * rng.lognormvariate(0.0, 0.1) for c in shape.counters}


class Simulation:
    """One simulated day of a hall, driven by SimPy."""

    def __init__(
        self,
        shape: HallShape,
        sink: Sink,
        day: date,
        rng: random.Random,
        env: simpy.Environment | None = None,
        profile: Callable[[float], float] = demand_profile,
        start_minute: float = 0.0,
    ) -> None:
        self.shape = shape
        self.sink = sink
        self.rng = rng
        self.zone = sink.state.config.hall.zone
        self.midnight = datetime.combine(day, time(0, 0), tzinfo=self.zone)
        self.env = env or simpy.Environment(initial_time=start_minute * 60.0)
        self.plan = DayPlan(shape, day.weekday(), rng)
        self.profile = profile
        self._arrival = self.env.event()
        categories = [c.code for c in sink.state.config.queue.priority_categories]
        self.categories = categories or ["elderly"]

    # ------------------------------------------------------------------ helpers

    def ts(self) -> datetime:
        return self.midnight + timedelta(seconds=self.env.now)

    def _shifts(self, c: CounterShape) -> list[tuple[int, int]]:
        shifts = list(c.shifts)
        if self.plan.morning_only:
            shifts = [s for s in shifts if s[0] < 720]
        return shifts

    def _hours(self) -> list[tuple[int, int]]:
        hours = list(self.shape.hours)
        if self.plan.morning_only:
            hours = [h for h in hours if h[0] < 720]
        return hours

    def _service_time(self, s: ServiceShape, counter: int) -> float:
        import math

        mean = s.mean_minutes * 60.0 * self.plan.speed[counter]
        sigma = s.spread
        return max(20.0, self.rng.lognormvariate(math.log(mean) - sigma * sigma / 2, sigma))

    def _waiting_for(self, counter: int) -> bool:
        return self.sink.state.next_for_counter(counter) is not None

    # ------------------------------------------------------------------ processes

    def citizens(self, s: ServiceShape) -> Generator[simpy.Event, Any, None]:
        rate = s.peak_per_hour * self.plan.demand / 3600.0
        if rate <= 0:
            return
        hours = self._hours()
        end = max(b for _a, b in hours) * 60.0
        while True:
            yield self.env.timeout(self.rng.expovariate(rate))
            if self.env.now >= end:
                return
            minute = self.env.now / 60.0
            if not any(a <= minute < b for a, b in hours):
                continue
            if self.rng.random() > self.profile(minute):
                continue
            priority = self.rng.random() < self.shape.priority_share
            category = self.rng.choice(self.categories) if priority else None
            if self.sink.issue(self.ts(), s.code, priority, category):
                self._arrival.succeed()
                self._arrival = self.env.event()

    def counter(self, c: CounterShape) -> Generator[simpy.Event, Any, None]:
        if c.number in self.plan.absent:
            return
        actor = f"staff-{c.number}"
        services = {s.code: s for s in self.shape.services}
        shifts = self._shifts(c)
        for i, (start, end) in enumerate(shifts):
            last = i == len(shifts) - 1
            grace = (45 if last else 20) * 60.0
            if self.env.now < start * 60:
                yield self.env.timeout(start * 60 - self.env.now + self.rng.uniform(0, 240))
            st = self.sink.state.counters.get(c.number)
            if st is None or st.status is CounterStatus.CLOSED:
                self.sink.command("open_counter", self.ts(), actor, counter=c.number,
                                  services=list(c.services))
            while True:
                now = self.env.now
                if now >= end * 60 and (now >= end * 60 + grace or not self._waiting_for(c.number)):
                    break
                if not self._waiting_for(c.number):
                    yield self._arrival | self.env.timeout(max(1.0, end * 60 - now))
                    yield self.env.timeout(self.rng.uniform(3.0, 20.0))
                    continue
                out = self.sink.command("call_next", self.ts(), actor, counter=c.number)
                called = [e for e in out if e.kind == "called"]
                if not called:
                    yield self.env.timeout(5.0)
                    continue
                number = called[-1].ticket
                svc = services.get(str(called[-1]["service"]))
                if self.rng.random() < self.shape.no_show_share:
                    yield self.env.timeout(self.rng.uniform(60, 150))
                    self.sink.command("recall", self.ts(), actor, number=number, counter=c.number)
                    yield self.env.timeout(self.rng.uniform(60, 120))
                    self.sink.command("no_show", self.ts(), actor, number=number,
                                      counter=c.number)
                else:
                    mean_svc = svc or self.shape.services[0]
                    yield self.env.timeout(self._service_time(mean_svc, c.number))
                    self.sink.command("complete", self.ts(), actor, number=number,
                                      counter=c.number)
                yield self.env.timeout(self.rng.uniform(2.0, 12.0))
                if (
                    self.rng.random() < c.pause_chance
                    and self.env.now < end * 60
                    and self.sink.command("pause_counter", self.ts(), actor, counter=c.number)
                ):
                    yield self.env.timeout(self.rng.expovariate(1 / (c.pause_minutes * 60)))
                    self.sink.command("resume_counter", self.ts(), actor, counter=c.number)
            self.sink.command("close_counter", self.ts(), actor, counter=c.number)

    def close_day(self) -> None:
        """Tickets nobody could serve today are cancelled; open counters close."""
        state = self.sink.state
        for t in sorted(state.tickets.values(), key=lambda t: t.issued_seq):
            if t.status in (TicketStatus.WAITING, TicketStatus.PARKED):
                self.sink.command("cancel", self.ts(), "system", number=t.number)
        for n, c in sorted(state.counters.items()):
            if c.status is not CounterStatus.CLOSED:
                self.sink.command("close_counter", self.ts(), "system", counter=n)

    def run(self, until_minute: float = 20 * 60) -> None:
        for s in self.shape.services:
            self.env.process(self.citizens(s))
        for c in self.shape.counters:
            self.env.process(self.counter(c))
        self.env.run(until=until_minute * 60.0)
        self.close_day()


def simulate_days(
    shape: HallShape,
    config: Config,
    start: date,
    days: int,
    seed: int = 0,
) -> list[Event]:
    """Events of ``days`` calendar days from ``start`` (closed days produce none)."""
    sink = LogSink(config)
    rng = random.Random(f"{shape.name}:{seed}")
    for i in range(days):
        day = start + timedelta(days=i)
        if day.weekday() not in shape.weekdays:
            continue
        Simulation(shape, sink, day, rng).run()
    return sink.events
