"""The hall service: commands in, events out, state kept current.

:class:`HallService` joins the configuration, a store and the projection. Every
command runs inside the store's exclusive transaction: it first reads what
other processes appended since this one last looked, checks the command
against that up-to-date state, appends the events and commits. A refused
command rolls back and leaves the log unchanged.

Listeners registered with :meth:`HallService.subscribe` receive every batch of
new events (own and others'), from whichever thread noticed them; screens
hand them to their own thread.
"""

from __future__ import annotations

import logging
import math
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app import actions, commands
from app.clock import Clock, SystemClock
from app.config import Config
from app.errors import CommandRefused
from app.estimate import Estimate, Estimator, QueueLengthEstimator
from app.events import Event
from app.hall import HallState, Ticket, voided_targets
from app.store.base import Store, Transaction
from app.validation import SyncWatch, check_issue_clock

log = logging.getLogger(__name__)

#: the longest wait an estimate may say (the log's bound on median_s, app.validation)
MAX_ESTIMATE_S = 86400.0

Listener = Callable[[list[Event]], None]


@dataclass(frozen=True)
class IssuedTicket:
    """What a kiosk shows and prints for a ticket it has just issued."""

    number: str
    service: str
    issued_at: datetime
    priority: bool
    category: str | None
    people_ahead: int
    counters: tuple[int, ...]
    token: str
    estimate: Estimate
    seq: int


class HallService:
    """The hall's commands, over one store."""

    def __init__(
        self,
        config: Config,
        store: Store,
        clock: Clock | None = None,
        estimator: Estimator | None = None,
        sync: SyncWatch | None = None,
        server_time: bool | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.clock = clock or SystemClock()
        real = isinstance(self.clock, SystemClock)
        #: whether the clock was synchronised since boot (asked of timedatectl on a real clock)
        watch = real and config.kiosk.require_synced_clock
        self.sync = sync if sync is not None else (SyncWatch() if watch else None)
        #: in hall mode the database server's clock stamps events (a test clock keeps its own)
        self.server_time = real if server_time is None else server_time
        self._clock_alerted: datetime | None = None
        self.estimator: Estimator = estimator or QueueLengthEstimator()
        self.state = HallState(config)
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self.refresh()

    # ------------------------------------------------------------------ reading

    def subscribe(self, listener: Listener, first: bool = False) -> None:
        """Be told of new events; ``first``: before the listeners already there."""
        if first:
            self._listeners.insert(0, listener)
        else:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, events: list[Event]) -> None:
        if not events:
            return
        for listener in list(self._listeners):
            try:
                listener(events)
            except Exception:  # a broken listener must not break the hall
                log.exception("event listener failed")

    def _catch_up(self, new: list[Event]) -> None:
        if self.state.last_seq == 0:
            # a void is honoured even when it comes after the record it names
            self.state.voided |= voided_targets(new)
        for e in new:
            self.state.apply(e)
        if self.state.needs_rebuild:
            self._rebuild()

    def refresh(self) -> list[Event]:
        """Apply events others appended since we last looked; returns them."""
        with self._lock:
            new = self.store.read_after(self.state.last_seq)
            self._catch_up(new)
            self.state.advance_to(self.now())
        self._notify(new)
        return new

    def wait_and_refresh(self, timeout: float) -> list[Event]:
        """Block until new events arrive (or ``timeout``), then apply them."""
        if self.store.wait(self.state.last_seq, timeout):
            return self.refresh()
        return []

    def now(self) -> datetime:
        return self.clock.now().astimezone(self.config.hall.zone)

    # ------------------------------------------------------------------ writing

    @property
    def lock(self) -> threading.RLock:
        """Hold it while reading :attr:`state` from another thread: events apply under it."""
        return self._lock

    def transact(
        self, produce: Callable[[HallState, datetime], list[Event]],
        after: Callable[[Transaction, list[Event]], list[Event]] | None = None,
    ) -> list[Event]:
        """Append what ``produce`` makes of the up-to-date state, in one exclusive transaction.

        ``produce(state, now)`` sees every event appended so far by any
        process and returns the events to append, or raises
        :class:`~app.errors.CommandRefused`; ``after(txn, stored)`` may append
        more in the same transaction once those are applied. Features that
        wrap commands (overrides with their reason, ID-card check-in) build
        on this rather than on the store.
        """
        with self._lock:
            seen: list[Event] = []
            stored: list[Event] = []
            try:
                with self.store.transaction() as txn:
                    seen = txn.read_after(self.state.last_seq)
                    self._catch_up(seen)
                    stamp = txn.server_now() if self.server_time else None
                    now = stamp.astimezone(self.config.hall.zone) if stamp else self.now()
                    self.state.advance_to(now)
                    for e in produce(self.state, now):
                        s = txn.append(e)
                        self.state.apply(s)
                        stored.append(s)
                    if after is not None:
                        for s in after(txn, stored):
                            self.state.apply(s)
                            stored.append(s)
            except BaseException:
                # our view may hold events that were rolled back: rebuild it
                if stored or self.state.needs_rebuild:
                    self._rebuild()
                self._notify(seen)
                raise
            if self.state.needs_rebuild:
                self._rebuild()
        self._notify(seen + stored)
        return stored

    def _rebuild(self) -> None:
        self.state = HallState(self.config)
        events = self.store.read_after(0)
        self.state.voided = voided_targets(events)
        for e in events:
            self.state.apply(e)
        self.state.needs_rebuild = False
        self.state.advance_to(self.now())

    def execute(self, name: str, actor: str, **kwargs: Any) -> list[Event]:
        """Run a hall command by its action's name (:data:`app.actions.HALL_COMMANDS`).

        No session or role is checked here: staff screens go through
        :class:`app.overrides.Overrides`; this serves the command line, the
        simulator and the tests. Returns the stored events.
        """
        if name not in actions.HALL_COMMANDS:
            raise CommandRefused("unknown_command", f"Unknown command {name}.",
                                 params={"command": name})
        act = actions.ACTIONS[name]

        def produce(state: HallState, now: datetime) -> list[Event]:
            result = actions.bind(act, state, now, actor, **kwargs)()
            return result if isinstance(result, list) else [result]

        return self.transact(produce)

    def record(self, kind: str, actor: str | None = None, **data: Any) -> Event:
        """Append an event that needs no check (incidents, printed, ...)."""
        event = Event(kind, self.now(), actor, data)
        return self.transact(lambda _s, _n: [event])[0]

    def _estimate_early(
        self, service: str, kiosk: str, priority: bool, category: str | None,
        check: Callable[[HallState], None] | None,
    ) -> tuple[tuple[int, str], Estimate, int] | None:
        """The would-be ticket's estimate and people ahead, from a snapshot (None: cannot tell).

        Computed outside the store's write transaction, so issuing holds the
        lock of every kiosk for the append only, whatever the queue's length.
        """
        try:
            self.refresh()
            with self._lock:
                now = self.now()
                snap = self.state.fork()
                snap.advance_to(now)
                if check is not None:
                    check(snap)
                e = commands.issue(snap, now, kiosk, service, priority, category)
                seq = snap.last_seq + 1
                snap.apply(e.with_seq(seq))
                ticket = snap.tickets[e.ticket]
                est = self._estimate_in(snap, ticket)
                return (seq, e.ticket), est, snap.people_ahead(e.ticket)
        except Exception:
            # the transaction decides and says why; the estimate is then made there
            return None

    def _clock_alert(self, kiosk: str, exc: CommandRefused) -> None:
        """Tell staff (an incident on record, at most every 10 minutes) why tickets stopped."""
        now = self.now()
        if self._clock_alerted is not None and abs(now - self._clock_alerted) < timedelta(
                minutes=10):
            return
        self._clock_alerted = now
        log.error("tickets refused: %s", exc.diagnostic)
        try:
            self.record("incident", kiosk, source="clock", code=exc.code,
                        detail=exc.diagnostic[:400])
        except Exception:
            log.exception("could not record the clock incident")

    def estimate(self, ticket: Ticket) -> Estimate:
        """The current estimate for a waiting ticket; never raises."""
        return self._estimate_in(self.state, ticket)

    def _estimate_in(self, state: HallState, ticket: Ticket) -> Estimate:
        """An estimate that fits the log's bounds (else the plain one); never raises."""
        try:
            est = self.estimator.estimate(state, ticket)
            values = (est.p10_s, est.median_s, est.p90_s)
            if all(math.isfinite(v) and 0 <= v <= MAX_ESTIMATE_S for v in values):
                return est
            log.error("estimator gave %s for %s; using the plain method", values, ticket.number)
        except Exception:
            log.exception("estimator failed; using the plain method")
        return QueueLengthEstimator().estimate(state, ticket)

    def issue(
        self,
        service: str,
        kiosk: str,
        priority: bool = False,
        category: str | None = None,
        *,
        check: Callable[[HallState], None] | None = None,
        companions: Callable[[Event], list[Event]] | None = None,
    ) -> IssuedTicket:
        """Issue a ticket: number, event and estimate in one durable transaction.

        ``check(state)`` may refuse (raise :class:`~app.errors.CommandRefused`)
        against the up-to-date state inside the transaction; ``companions``
        gives events to append with the ticket, in the same transaction (the
        ID-card check-in's hash, kept apart so it can be purged at day end).
        """
        token = secrets.token_urlsafe(12)
        result: dict[str, Any] = {}
        # the estimate is made before the write lock, on a snapshot with the ticket in it;
        # the transaction uses it when nobody appended in between (the usual case)
        early = self._estimate_early(service, kiosk, priority, category, check)

        def produce(state: HallState, now: datetime) -> list[Event]:
            synced = self.sync.synchronised(now) if self.sync is not None else None
            check_issue_clock(now, state.last_ts, synced)
            if check is not None:
                check(state)
            e = commands.issue(state, now, kiosk, service, priority, category)
            return [Event(e.kind, e.ts, e.actor, {**e.data, "token": token})]

        def with_estimate(_txn: Transaction, stored: list[Event]) -> list[Event]:
            ticket = self.state.tickets[stored[0].ticket]
            if early is not None and early[0] == (stored[0].seq, ticket.number):
                est, ahead = early[1], early[2]
            else:
                est, ahead = self.estimate(ticket), self.state.people_ahead(ticket.number)
            result["estimate"] = est
            result["ahead"] = ahead
            more = [
                _txn.append(
                    Event("estimated", stored[0].ts, kiosk,
                          {"ticket": ticket.number, "service": ticket.service, **est.to_json()})
                )
            ]
            if companions is not None:
                more += [_txn.append(e) for e in companions(stored[0])]
            return more

        try:
            stored = self.transact(produce, with_estimate)
        except CommandRefused as exc:
            if exc.code in ("clock_behind", "clock_unsynced"):
                self._clock_alert(kiosk, exc)
            raise
        issued = stored[0]
        return IssuedTicket(
            number=issued.ticket,
            service=str(issued["service"]),
            issued_at=issued.ts,
            priority=bool(issued["priority"]),
            category=issued.get("category"),
            people_ahead=int(result["ahead"]),
            counters=tuple(self.state.counters_for(str(issued["service"]))),
            token=token,
            estimate=result["estimate"],
            seq=issued.seq or 0,
        )
