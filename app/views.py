"""Read models of the hall: what each screen shows, taken from one snapshot.

The kiosk, the hall display (board), the counter console, the staff panel
and the phone page show the same facts: how many wait per service, the estimate for someone
joining now, the last calls, what each counter does, where one ticket
stands. They are all read here, once per change, from one consistent look at
the projection (:func:`take_snapshot`, under the hall's lock) and the
estimator's current batch (:func:`current_batch`), so the screens only turn
facts into words and never read the state themselves.

The rules that were once written per screen live here once:

* :func:`recent_calls`: today's calls, newest first, each number once (at
  its latest call);
* the kind of an estimate shown (AI-made, plain, or none: people ahead only)
  is :func:`app.wording.shown_kind`, read here once per estimate; whether a
  counter can call a ticket now is :func:`app.wording.serving_of`.

Everything is frozen; nothing here imports Qt. Sections: the snapshot, the
kiosk, the board, the counter console, the staff panel, the phone page.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, Protocol, runtime_checkable

from app.config import Config, pick
from app.estimate import Estimate, EstimatorInfo
from app.hall import CounterStatus, HallState, Ticket, TicketStatus
from app.service import HallService
from app.wording import OPEN, Kind, Serving, serving_of, shown_kind

log = logging.getLogger(__name__)

#: the most calls any screen lists (the board); the others show fewer
MAX_CALLS = 8

#: how an estimate is shown: labelled AI-made, labelled plain (not AI), or not at all
EstimateKind = Kind


# =========================================================================== the snapshot


@runtime_checkable
class BatchEstimator(Protocol):
    """An estimator that keeps the estimates of every waiting ticket, recomputed on change."""

    def batch(self, state: HallState) -> Mapping[str, Estimate] | None: ...


@dataclass(frozen=True)
class CallView:
    """One call on a "last called" list."""

    number: str
    counter: int
    recall: bool
    #: the first (newest) call of the list: screens highlight it
    newest: bool


@dataclass(frozen=True)
class ServiceView:
    """One service as the hall stands: who waits, and the wait for someone joining now."""

    code: str
    waiting: int
    #: the estimate of the last ticket in calling order (None: nobody is waiting)
    estimate: Estimate | None
    kind: EstimateKind
    #: whether a counter of the service is open now, and if not when one opens
    serving: Serving


@dataclass(frozen=True)
class CounterView:
    """One counter: open, paused or closed, and the number it serves ("" for none)."""

    number: int
    status: str
    services: tuple[str, ...]
    serving: str


@dataclass(frozen=True)
class TicketView:
    """Where one ticket stands (the kiosk's ticket screen, the phone page)."""

    number: str
    service: str
    status: TicketStatus
    counter: int | None
    recalls: int
    people_ahead: int
    counters: tuple[int, ...]
    target_counter: int | None
    issued_seq: int
    day: date | None
    called: bool
    #: the estimate while waiting and shown; None otherwise
    estimate: Estimate | None
    #: False when staff hid the estimates: only people ahead are shown
    estimate_visible: bool
    kind: EstimateKind
    #: whether a counter can call it now (its own counter, when it was sent to one)
    serving: Serving


@dataclass(frozen=True)
class HallSnapshot:
    """The hall at one moment, for every screen (see the module docstring)."""

    seq: int
    day: date | None
    now: datetime
    info: EstimatorInfo
    services: tuple[ServiceView, ...]
    counters: tuple[CounterView, ...]
    #: newest first, each number once, today's only (:func:`recent_calls`)
    calls: tuple[CallView, ...]
    #: the ticket asked for, when it is in today's state
    tracked: TicketView | None = None

    def service(self, code: str) -> ServiceView | None:
        return next((s for s in self.services if s.code == code), None)

    @property
    def waiting(self) -> dict[str, int]:
        return {s.code: s.waiting for s in self.services}

    @property
    def estimates(self) -> dict[str, Estimate | None]:
        return {s.code: s.estimate for s in self.services}


def recent_calls(state: HallState, limit: int = MAX_CALLS) -> tuple[CallView, ...]:
    """The one recent-calls rule: today's calls, newest first, each number at its latest call.

    A recall moves its number back to the top (marked as a recall); calls of
    an earlier business day are not shown, even before the day's first event.
    """
    out: list[CallView] = []
    seen: set[str] = set()
    for call in state.recent_calls:  # newest first
        if call.ticket in seen:
            continue
        if state.day is not None and state.business_day(call.ts) != state.day:
            continue
        seen.add(call.ticket)
        out.append(CallView(call.ticket, call.counter, call.recall, newest=not out))
        if len(out) >= limit:
            break
    return tuple(out)


def current_batch(hall: HallService) -> Mapping[str, Estimate] | None:
    """The estimator's estimates of every waiting ticket now, or None if it keeps none.

    Call it under ``hall.lock``. None also when the batch lags the state (an
    event applied but not yet passed to the estimator): the caller then asks
    for the few estimates it needs one by one.
    """
    estimator = hall.estimator
    if not isinstance(estimator, BatchEstimator):
        return None
    try:
        return estimator.batch(hall.state)
    except Exception:
        log.exception("reading the estimator's batch failed")
        return None


def estimator_info(hall: HallService) -> EstimatorInfo:
    """What the estimator says of itself (for the AI panel); never raises."""
    try:
        return hall.estimator.info()
    except Exception:
        log.exception("estimator info failed")
        return EstimatorInfo(ai=False, fallback_reason="estimator unavailable")


class _Estimates:
    """A ticket's estimate from the batch, else asked for (then only the few needed)."""

    def __init__(self, hall: HallService) -> None:
        self._hall = hall
        self._batch = current_batch(hall)

    def of(self, ticket: Ticket) -> Estimate:
        if self._batch is not None:
            found = self._batch.get(ticket.number)
            if found is not None:
                return found
        return self._hall.estimate(ticket)


def _ticket_view(
    hall: HallService, ticket: Ticket, info: EstimatorInfo, estimates: _Estimates, now: datetime
) -> TicketView:
    state = hall.state
    est: Estimate | None = None
    waiting = ticket.status is TicketStatus.WAITING
    if waiting and info.visible:
        est = estimates.of(ticket)
    return TicketView(
        number=ticket.number,
        service=ticket.service,
        status=ticket.status,
        counter=ticket.counter,
        recalls=ticket.recalls,
        people_ahead=state.people_ahead(ticket.number),
        counters=tuple(state.counters_for(ticket.service)),
        target_counter=ticket.target_counter,
        issued_seq=ticket.issued_seq,
        day=ticket.day,
        called=ticket.first_called_at is not None,
        estimate=est,
        # "hidden" matters only while an estimate could be shown
        estimate_visible=info.visible or not waiting,
        kind=shown_kind(est, info.visible),
        serving=serving_of(state, ticket.service, now, ticket.target_counter),
    )


def take_snapshot(hall: HallService, tracked: str | None = None) -> HallSnapshot:
    """Read the projection and the estimates once, consistently (under the hall's lock).

    ``tracked``: a ticket number whose standing is wanted too (the ticket
    just issued, the phone's ticket).
    """
    # HallService changes its state under this lock from worker threads; reading
    # it without the lock could see a dict change size mid-iteration.
    with hall.lock:
        state, config = hall.state, hall.config
        now = hall.now()
        info = estimator_info(hall)
        estimates = _Estimates(hall)
        services = []
        for svc in config.services:
            order = state.call_order(svc.code)
            est = estimates.of(order[-1]) if order else None
            services.append(ServiceView(svc.code, state.waiting_count(svc.code), est,
                                        shown_kind(est, info.visible),
                                        serving_of(state, svc.code, now)))
        counters = tuple(
            CounterView(
                number=c.number,
                status=c.status.value,
                services=tuple(c.services),
                serving=(c.serving or "") if c.status is not CounterStatus.CLOSED else "",
            )
            for c in sorted(state.counters.values(), key=lambda c: c.number)
        )
        ticket = state.ticket(tracked) if tracked is not None else None
        return HallSnapshot(
            seq=state.last_seq,
            day=state.day,
            now=now,
            info=info,
            services=tuple(services),
            counters=counters,
            calls=recent_calls(state),
            tracked=(_ticket_view(hall, ticket, info, estimates, now)
                     if ticket is not None else None),
        )


# =========================================================================== the kiosk

#: calls on the kiosk's "last called" strip
KIOSK_CALLS = 6


@dataclass(frozen=True)
class KioskView:
    """The kiosk's home tiles and strip, and the standing of the ticket just issued."""

    services: tuple[ServiceView, ...]
    calls: tuple[CallView, ...]
    info: EstimatorInfo
    #: None before the first ticket, or once it left today's state
    ticket: TicketView | None


def kiosk_view(snap: HallSnapshot) -> KioskView:
    return KioskView(snap.services, snap.calls[:KIOSK_CALLS], snap.info, snap.tracked)


# =========================================================================== the board

#: calls on the board's list
BOARD_CALLS = MAX_CALLS


@dataclass(frozen=True)
class BoardView:
    """The hall display: every counter, the last calls, each service's queue and estimate."""

    counters: tuple[CounterView, ...]
    calls: tuple[CallView, ...]
    services: tuple[ServiceView, ...]
    info: EstimatorInfo


def board_view(snap: HallSnapshot) -> BoardView:
    return BoardView(snap.counters, snap.calls[:BOARD_CALLS], snap.services, snap.info)


# =========================================================================== the counter console


@dataclass(frozen=True)
class ConsoleView:
    """One counter's console: its state, the ticket it serves, the tickets it may call."""

    counter: CounterView
    #: the ticket at the counter now ("" when none is being served)
    serving: str
    serving_service: str
    #: tickets sent to this counter, then its services' queues in calling order
    queue: tuple[str, ...]
    #: parked tickets of its services (set aside, back into the queue on request)
    parked: tuple[str, ...]


def console_view(hall: HallService, number: int) -> ConsoleView:
    """What counter ``number``'s console shows (raises KeyError for an unknown counter)."""
    with hall.lock:
        state = hall.state
        c = state.counters[number]
        serving = ""
        service = ""
        t = state.tickets.get(c.serving) if c.serving else None
        if t is not None and t.status is TicketStatus.CALLED:
            serving, service = t.number, t.service
        targeted = [
            t.number
            for t in sorted(state.tickets.values(), key=lambda t: t.sort_key())
            if t.status is TicketStatus.WAITING and t.target_counter == number
        ]
        queued = [t.number for code in c.services for t in state.call_order(code)]
        parked = tuple(
            t.number for t in state.tickets.values()
            if t.status is TicketStatus.PARKED and t.service in c.services
        )
        view = CounterView(c.number, c.status.value, tuple(c.services),
                           (c.serving or "") if c.status is not CounterStatus.CLOSED else "")
        return ConsoleView(view, serving, service, tuple(targeted + queued), parked)


# =========================================================================== the staff panel


@dataclass(frozen=True)
class QueueRow:
    """One ticket on a staff screen's list (the console's queue, the panel's)."""

    number: str
    service: str
    status: str
    priority: bool
    category: str
    #: the counter it was called or sent to (0: none)
    counter: int
    #: people ahead while waiting (-1 otherwise)
    ahead: int
    waited_min: int


def queue_rows(hall: HallService, numbers: tuple[str, ...]) -> tuple[QueueRow, ...]:
    """The rows of these tickets, as the hall stands now (unknown numbers are left out)."""
    with hall.lock:
        state, now = hall.state, hall.now()
        rows = []
        for number in numbers:
            t = state.tickets.get(number)
            if t is None:
                continue
            rows.append(QueueRow(
                t.number, t.service, t.status.value, t.priority, t.category or "",
                t.counter or t.target_counter or 0,
                state.people_ahead(t.number) if t.status is TicketStatus.WAITING else -1,
                max(0, int((now - t.issued_at).total_seconds() // 60)),
            ))
        return tuple(rows)


def panel_view(hall: HallService) -> tuple[str, ...]:
    """The kiosk's staff panel: every ticket in play, in the order staff look for them.

    Being served first, then those sent to a counter, then each service's queue
    in calling order, then the parked ones.
    """
    with hall.lock:
        state = hall.state
        tickets = sorted(state.tickets.values(), key=lambda t: t.sort_key())
        called = [t.number for t in state.tickets.values() if t.status is TicketStatus.CALLED]
        targeted = [t.number for t in tickets
                    if t.status is TicketStatus.WAITING and t.target_counter is not None]
        queued = [t.number for s in hall.config.services for t in state.call_order(s.code)]
        parked = [t.number for t in state.tickets.values() if t.status is TicketStatus.PARKED]
        return tuple(called + targeted + queued + parked)


# =========================================================================== the phone page

#: calls on the phone page
PHONE_CALLS = 5

#: whether the page asks "was the wait estimate right?": not yet (or never, when
#: no estimate was shown), ask, or already answered
Feedback = Literal["hidden", "ask", "answered"]


@dataclass(frozen=True)
class PhoneView:
    """Everything the phone page shows for one ticket, copied out at one moment."""

    number: str
    service: str
    service_name: dict[str, str]
    status: TicketStatus
    counter: int | None
    recalls: int
    people_ahead: int
    counters: tuple[int, ...]
    target_counter: int | None
    #: None when the ticket is not waiting, or estimates are hidden
    estimate: Estimate | None
    #: False when staff hid estimates: only people ahead are shown
    estimate_visible: bool
    recent_calls: tuple[tuple[str, int], ...]
    seq: int
    now: datetime
    #: the question about the estimate: hidden until the ticket has been called
    feedback: Feedback = "hidden"
    #: whether a counter is open for the ticket (app.wording: "you are next" needs one)
    serving: Serving = OPEN
    #: the hall's own wording of the wait (TicketTexts.wording), as on the paper
    wording: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def service_in(self, lang: str) -> str:
        return pick(self.service_name, lang)


def phone_view(snap: HallSnapshot, config: Config, feedback: Feedback = "hidden") -> PhoneView:
    """The phone page of the snapshot's tracked ticket (which must be set)."""
    t = snap.tracked
    if t is None:
        raise ValueError("the snapshot tracks no ticket")
    return PhoneView(
        number=t.number,
        service=t.service,
        service_name=dict(config.service(t.service).name),
        status=t.status,
        counter=t.counter,
        recalls=t.recalls,
        people_ahead=t.people_ahead,
        counters=t.counters,
        target_counter=t.target_counter,
        estimate=t.estimate,
        estimate_visible=t.estimate_visible,
        recent_calls=tuple((c.number, c.counter) for c in snap.calls[:PHONE_CALLS]),
        seq=snap.seq,
        now=snap.now,
        feedback=feedback,
        serving=t.serving,
        wording=config.devices.printer.ticket_texts.wording(),
    )


__all__ = [
    "BOARD_CALLS", "KIOSK_CALLS", "MAX_CALLS", "PHONE_CALLS",
    "BatchEstimator", "BoardView", "CallView", "ConsoleView", "CounterView", "EstimateKind",
    "Feedback", "HallSnapshot", "KioskView", "PhoneView", "ServiceView", "TicketView",
    "board_view", "console_view", "current_batch", "estimator_info",
    "kiosk_view",
    "phone_view", "recent_calls", "take_snapshot",
]
