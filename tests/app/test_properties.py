"""Random sequences of commands keep the hall's invariants (hypothesis)."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from app.clock import ManualClock
from app.config import load_config
from app.errors import CommandRefused
from app.hall import TicketStatus, replay
from app.service import HallService
from app.store.sqlite import SQLiteStore
from tests.conftest import ROOT, VN

CONFIG = load_config(ROOT / "config" / "default.toml")
SERVICES = [s.code for s in CONFIG.services]
COUNTERS = [c.number for c in CONFIG.counters]
CATEGORIES = [c.code for c in CONFIG.queue.priority_categories]


class HallMachine(RuleBasedStateMachine):
    """Drives a hall with random commands, refused or not."""

    def __init__(self) -> None:
        super().__init__()
        self._dir = tempfile.TemporaryDirectory()
        self.store = SQLiteStore(Path(self._dir.name) / "e.db")
        self.clock = ManualClock(datetime(2026, 4, 13, 8, 0, tzinfo=VN))
        self.hall = HallService(CONFIG, self.store, self.clock)
        self.refusals = 0

    def teardown(self) -> None:
        self.store.close()
        self._dir.cleanup()

    def _tickets(self) -> list[str]:
        return sorted(self.hall.state.tickets)

    def _try(self, name: str, **kwargs: object) -> None:
        head = self.store.head()
        self.hall.state.advance_to(self.clock.now())
        snap = self.hall.state.snapshot()
        try:
            if name == "issue":
                self.hall.issue(**kwargs)  # type: ignore[arg-type]
            else:
                self.hall.execute(name, "staff", **kwargs)
        except CommandRefused:
            self.refusals += 1
            assert self.store.head() == head, "a refused command appended events"
            assert self.hall.state.snapshot() == snap, "a refused command changed the state"

    @rule(seconds=st.one_of(st.integers(0, 900), st.just(20 * 3600)))
    def time_passes(self, seconds: int) -> None:
        self.clock.advance(seconds)

    @rule(counter=st.sampled_from(COUNTERS))
    def open_and_call(self, counter: int) -> None:
        self._try("open_counter", counter=counter)
        self._try("call_next", counter=counter, finish_current=True)

    @rule(action=st.sampled_from(["recall", "recall", "complete", "no_show", "park", "cancel"]),
          data=st.data())
    def act_on_called(self, action: str, data: st.DataObject) -> None:
        called = sorted(n for n, t in self.hall.state.tickets.items()
                        if t.status is TicketStatus.CALLED)
        if called:
            self._try(action, number=data.draw(st.sampled_from(called)))

    @rule(service=st.sampled_from(SERVICES), priority=st.booleans(),
          category=st.sampled_from(CATEGORIES))
    def issue(self, service: str, priority: bool, category: str) -> None:
        self._try("issue", service=service, kiosk="kiosk-1", priority=priority,
                  category=category if priority else None)

    @rule(services=st.lists(st.sampled_from(SERVICES), min_size=1, max_size=4))
    def a_crowd_arrives(self, services: list[str]) -> None:
        for service in services:
            self._try("issue", service=service, kiosk="kiosk-2")

    @rule(counter=st.sampled_from(COUNTERS), finish=st.booleans())
    def call_next(self, counter: int, finish: bool) -> None:
        self._try("call_next", counter=counter, finish_current=finish)

    @rule(counter=st.sampled_from(COUNTERS), data=st.data())
    def call_ticket(self, counter: int, data: st.DataObject) -> None:
        if self._tickets():
            self._try("call_ticket", counter=counter,
                      number=data.draw(st.sampled_from(self._tickets())))

    @rule(action=st.sampled_from(["recall", "complete", "no_show", "cancel", "park", "unpark"]),
          data=st.data())
    def ticket_action(self, action: str, data: st.DataObject) -> None:
        if self._tickets():
            self._try(action, number=data.draw(st.sampled_from(self._tickets())))

    @rule(data=st.data(), to_service=st.sampled_from([None, *SERVICES]),
          to_counter=st.sampled_from([None, *COUNTERS]), front=st.booleans())
    def transfer(self, data: st.DataObject, to_service: str | None, to_counter: int | None,
                 front: bool) -> None:
        if self._tickets():
            self._try("transfer", number=data.draw(st.sampled_from(self._tickets())),
                      to_service=to_service, to_counter=to_counter, front=front)

    @rule(data=st.data(), priority=st.booleans(), category=st.sampled_from(CATEGORIES))
    def set_priority(self, data: st.DataObject, priority: bool, category: str) -> None:
        if self._tickets():
            self._try("set_priority", number=data.draw(st.sampled_from(self._tickets())),
                      priority=priority, category=category)

    @rule(counter=st.sampled_from(COUNTERS),
          action=st.sampled_from(["open_counter", "pause_counter", "resume_counter",
                                  "close_counter"]))
    def counter_action(self, counter: int, action: str) -> None:
        self._try(action, counter=counter)

    @rule(counter=st.sampled_from(COUNTERS),
          services=st.lists(st.sampled_from(SERVICES), min_size=0, max_size=3))
    def change_services(self, counter: int, services: list[str]) -> None:
        self._try("set_counter_services", counter=counter, services=services)

    @invariant()
    def no_number_twice_in_a_day(self) -> None:
        seen: set[tuple[object, str]] = set()
        for e in self.store.read_after(0):
            if e.kind == "issued":
                key = (self.hall.state.business_day(e.ts), e.ticket)
                assert key not in seen, f"{key} issued twice"
                seen.add(key)

    @invariant()
    def served_by_at_most_one_counter(self) -> None:
        serving = [c.serving for c in self.hall.state.counters.values() if c.serving]
        assert len(serving) == len(set(serving))
        for c in self.hall.state.counters.values():
            if c.serving:
                t = self.hall.state.tickets[c.serving]
                assert t.status is TicketStatus.CALLED and t.counter == c.number
        for t in self.hall.state.tickets.values():
            if t.status is TicketStatus.CALLED:
                assert t.counter is not None
                assert self.hall.state.counters[t.counter].serving == t.number

    @invariant()
    def replay_gives_the_same_state(self) -> None:
        rebuilt = replay(CONFIG, self.store.read_after(0))
        now = self.clock.now()
        rebuilt.advance_to(now)
        self.hall.state.advance_to(now)
        assert rebuilt.snapshot() == self.hall.state.snapshot()


HallMachine.TestCase.settings = settings(
    max_examples=60, stateful_step_count=40, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestHall = HallMachine.TestCase
