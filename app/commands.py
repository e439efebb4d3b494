"""Commands: check a request against the hall's state and produce its events.

Each function takes the current :class:`~app.hall.HallState`, the moment and
the actor, and returns the events to append, or raises
:class:`~app.errors.CommandRefused` with a reason a screen can show. A
refused command produces nothing, so the log is unchanged.
"""

from __future__ import annotations

from datetime import datetime, time

from app.config import WEEKDAYS, in_windows, pick
from app.errors import CommandRefused
from app.events import Event
from app.hall import CounterStatus, HallState, Ticket, TicketStatus


def _event(kind: str, ts: datetime, actor: str | None, **data: object) -> Event:
    # absent optional fields are left out; a null category is kept (it says "none")
    kept = {k: v for k, v in data.items() if v is not None or k == "category"}
    return Event(kind, ts, actor, kept)


def _require_ticket(state: HallState, number: str) -> Ticket:
    t = state.ticket(number)
    if t is None:
        raise CommandRefused("unknown_ticket", f"There is no ticket {number} today.",
                             params={"ticket": number})
    return t


def _require_counter(state: HallState, counter: int) -> None:
    if counter not in state.counters:
        raise CommandRefused("unknown_counter", f"There is no counter {counter}.",
                             params={"counter": counter})


# --------------------------------------------------------------------------- issue


def _in_hours(windows: tuple[str, ...], now: time) -> bool:
    # the end minute is included whole; "24:00" ends at midnight
    return in_windows(windows, now)


def issue(
    state: HallState,
    ts: datetime,
    actor: str,
    service: str,
    priority: bool = False,
    category: str | None = None,
) -> Event:
    """Issue the next number of a service (checks hours, daily cap and range)."""
    try:
        svc = state.config.service(service)
    except KeyError:
        raise CommandRefused("unknown_service", f"There is no service {service}.",
                             params={"service": service}) from None
    name = pick(svc.name, "en")
    local = ts.astimezone(state.config.hall.zone)
    if WEEKDAYS[local.weekday()] not in svc.days or not _in_hours(svc.hours, local.time()):
        hours = ", ".join(svc.hours)
        raise CommandRefused(
            "outside_hours",
            f"Service {svc.code} ({name}) issues tickets only {hours}.",
            params={"service": svc.code, "hours": hours},
        )
    if priority:
        codes = [c.code for c in state.config.queue.priority_categories]
        if category is not None and category not in codes:
            raise CommandRefused("unknown_category", f"Unknown priority category {category}.",
                                 params={"category": category})
    elif category is not None:
        raise CommandRefused("category_without_priority",
                             "A priority category needs the priority flag.")
    day = state.day_of(ts)
    if state.day is not None and day < state.day:
        # a clock set back across the day's start would give the day's first number again
        raise CommandRefused(
            "clock_behind", "Tickets cannot be given right now. Please ask the staff.",
            f"the clock ({ts.isoformat()}) is on business day {day}, before the log's {state.day}",
        )
    same_day = state.day == day
    issued = state.issued_count.get(svc.code, 0) if same_day else 0
    if svc.daily_cap is not None and issued >= svc.daily_cap:
        raise CommandRefused(
            "daily_cap",
            f"Service {svc.code} has reached today's limit of {svc.daily_cap} tickets.",
            params={"service": svc.code, "cap": svc.daily_cap},
        )
    last = state.last_number.get(svc.code) if same_day else None
    n = svc.first if last is None else last + 1
    if n > svc.last:
        raise CommandRefused(
            "range_exhausted",
            f"Service {svc.code} has given all its numbers today "
            f"({svc.format_number(svc.first)}–{svc.format_number(svc.last)}).",
            params={"service": svc.code},
        )
    return _event(
        "issued", ts, actor,
        ticket=svc.format_number(n), service=svc.code, priority=priority,
        category=category if priority else None, kiosk=actor, number=n,
    )


# --------------------------------------------------------------------------- counters


def _open_counter(state: HallState, counter: int) -> None:
    _require_counter(state, counter)
    c = state.counters[counter]
    if c.status is CounterStatus.CLOSED:
        raise CommandRefused("counter_closed", f"Counter {counter} is closed.",
                             params={"counter": counter})
    if c.status is CounterStatus.PAUSED:
        raise CommandRefused("counter_paused",
                             f"Counter {counter} is paused: resume it first.",
                             params={"counter": counter})


def _finish_current(state: HallState, ts: datetime, actor: str, counter: int,
                    finish_current: bool) -> list[Event]:
    c = state.counters[counter]
    if not c.serving:
        return []
    current = state.tickets.get(c.serving)
    if current is None or current.status is not TicketStatus.CALLED:
        return []
    if not finish_current:
        raise CommandRefused(
            "still_serving",
            f"Counter {counter} is still serving {c.serving}: complete it or mark it "
            "no-show first.",
            params={"counter": counter, "ticket": c.serving},
        )
    return [_event("completed", ts, actor, ticket=current.number, service=current.service,
                   counter=counter)]


def call_next(state: HallState, ts: datetime, actor: str, counter: int,
              finish_current: bool = False) -> list[Event]:
    """Call the next ticket for a counter under the published rules."""
    _open_counter(state, counter)
    before = _finish_current(state, ts, actor, counter, finish_current)
    t = state.next_for_counter(counter, ts)
    if t is None:
        raise CommandRefused("queue_empty", f"Nobody is waiting for counter {counter}.",
                             params={"counter": counter})
    return [*before, _event("called", ts, actor, ticket=t.number, service=t.service,
                            counter=counter)]


def call_ticket(state: HallState, ts: datetime, actor: str, counter: int, number: str,
                finish_current: bool = False) -> list[Event]:
    """Call a chosen ticket to a counter (staff's choice)."""
    _open_counter(state, counter)
    t = _require_ticket(state, number)
    if t.status is TicketStatus.CALLED:
        raise CommandRefused("already_called",
                             f"{number} is already being served at counter {t.counter}.",
                             params={"ticket": number, "counter": t.counter})
    if t.status is not TicketStatus.WAITING:
        raise CommandRefused("not_waiting", f"{number} is not waiting ({t.status.value}).",
                             params={"ticket": number, "status": t.status.value})
    before = _finish_current(state, ts, actor, counter, finish_current)
    return [*before, _event("called", ts, actor, ticket=number, service=t.service,
                            counter=counter)]


def _called_here(state: HallState, number: str, counter: int | None) -> Ticket:
    t = _require_ticket(state, number)
    if t.status is not TicketStatus.CALLED:
        raise CommandRefused("not_called", f"{number} has not been called.",
                             params={"ticket": number})
    if counter is not None and t.counter != counter:
        raise CommandRefused("other_counter",
                             f"{number} was called to counter {t.counter}, not {counter}.",
                             params={"ticket": number, "counter": t.counter})
    return t


def recall(state: HallState, ts: datetime, actor: str, number: str,
           counter: int | None = None) -> Event:
    t = _called_here(state, number, counter)
    assert t.counter is not None
    return _event("recalled", ts, actor, ticket=number, service=t.service, counter=t.counter)


def complete(state: HallState, ts: datetime, actor: str, number: str,
             counter: int | None = None) -> Event:
    t = _called_here(state, number, counter)
    assert t.counter is not None
    return _event("completed", ts, actor, ticket=number, service=t.service, counter=t.counter)


def no_show(state: HallState, ts: datetime, actor: str, number: str,
            counter: int | None = None) -> Event:
    t = _called_here(state, number, counter)
    need = state.config.queue.recalls_before_no_show
    if t.recalls < need:
        raise CommandRefused(
            "recall_first",
            f"Call {number} again first: a no-show needs {need} recall(s).",
            params={"ticket": number, "recalls": need},
        )
    assert t.counter is not None
    return _event("no_show", ts, actor, ticket=number, service=t.service, counter=t.counter)


def transfer(state: HallState, ts: datetime, actor: str, number: str,
             to_service: str | None = None, to_counter: int | None = None,
             front: bool = False) -> Event:
    """Send a ticket to another service or counter; it keeps its place unless ``front``."""
    t = _require_ticket(state, number)
    if not t.status.active:
        raise CommandRefused("finished", f"{number} is already finished ({t.status.value}).",
                             params={"ticket": number})
    if to_service is None and to_counter is None:
        raise CommandRefused("transfer_where", "Choose a service or a counter to transfer to.")
    if to_service is not None:
        try:
            state.config.service(to_service)
        except KeyError:
            raise CommandRefused("unknown_service", f"There is no service {to_service}.",
                                 params={"service": to_service}) from None
    if to_counter is not None:
        _require_counter(state, to_counter)
        if state.counters[to_counter].status is CounterStatus.CLOSED:
            raise CommandRefused("counter_closed", f"Counter {to_counter} is closed.",
                                 params={"counter": to_counter})
    return _event("transferred", ts, actor, ticket=number, service=t.service,
                  to_service=to_service, to_counter=to_counter, front=front, counter=t.counter)


def set_priority(state: HallState, ts: datetime, actor: str, number: str, priority: bool,
                 category: str | None = None) -> Event:
    t = _require_ticket(state, number)
    if t.status not in (TicketStatus.WAITING, TicketStatus.PARKED):
        raise CommandRefused("not_waiting", f"{number} is not waiting.",
                             params={"ticket": number})
    if priority:
        codes = [c.code for c in state.config.queue.priority_categories]
        if category is None or category not in codes:
            raise CommandRefused("unknown_category",
                                 f"Choose a priority category: {', '.join(codes)}.",
                                 params={"categories": codes})
    if t.priority == priority and t.category == (category if priority else None):
        raise CommandRefused("no_change", f"{number} already has that priority.",
                             params={"ticket": number})
    return _event("prioritized", ts, actor, ticket=number, service=t.service,
                  priority=priority, category=category if priority else None)


def cancel(state: HallState, ts: datetime, actor: str, number: str) -> Event:
    t = _require_ticket(state, number)
    if not t.status.active:
        raise CommandRefused("finished", f"{number} is already finished ({t.status.value}).",
                             params={"ticket": number})
    return _event("cancelled", ts, actor, ticket=number, service=t.service, counter=t.counter)


def park(state: HallState, ts: datetime, actor: str, number: str) -> Event:
    t = _require_ticket(state, number)
    if t.status not in (TicketStatus.WAITING, TicketStatus.CALLED):
        raise CommandRefused("not_parkable", f"{number} cannot be set aside now.",
                             params={"ticket": number})
    return _event("parked", ts, actor, ticket=number, service=t.service, counter=t.counter)


def unpark(state: HallState, ts: datetime, actor: str, number: str) -> Event:
    t = _require_ticket(state, number)
    if t.status is not TicketStatus.PARKED:
        raise CommandRefused("not_parked", f"{number} is not set aside.",
                             params={"ticket": number})
    return _event("unparked", ts, actor, ticket=number, service=t.service)


def _check_services(state: HallState, services: list[str] | None) -> None:
    if services is None:
        return
    if not services:
        raise CommandRefused("no_services", "A counter must serve at least one service.")
    for s in services:
        try:
            state.config.service(s)
        except KeyError:
            raise CommandRefused("unknown_service", f"There is no service {s}.",
                                 params={"service": s}) from None
    if len(set(services)) != len(services):
        raise CommandRefused("duplicate_service", "A service is listed twice.")


def open_counter(state: HallState, ts: datetime, actor: str, counter: int,
                 services: list[str] | None = None) -> Event:
    _require_counter(state, counter)
    c = state.counters[counter]
    if c.status is not CounterStatus.CLOSED:
        raise CommandRefused("already_open", f"Counter {counter} is already open.",
                             params={"counter": counter})
    _check_services(state, services)
    return _event("counter_open", ts, actor, counter=counter,
                  services=list(services if services is not None else c.services))


def pause_counter(state: HallState, ts: datetime, actor: str, counter: int) -> Event:
    _require_counter(state, counter)
    if state.counters[counter].status is not CounterStatus.OPEN:
        raise CommandRefused("not_open", f"Counter {counter} is not open.",
                             params={"counter": counter})
    return _event("counter_pause", ts, actor, counter=counter)


def resume_counter(state: HallState, ts: datetime, actor: str, counter: int) -> Event:
    _require_counter(state, counter)
    if state.counters[counter].status is not CounterStatus.PAUSED:
        raise CommandRefused("not_paused", f"Counter {counter} is not paused.",
                             params={"counter": counter})
    return _event("counter_resume", ts, actor, counter=counter)


def close_counter(state: HallState, ts: datetime, actor: str, counter: int) -> Event:
    _require_counter(state, counter)
    c = state.counters[counter]
    if c.status is CounterStatus.CLOSED:
        raise CommandRefused("already_closed", f"Counter {counter} is already closed.",
                             params={"counter": counter})
    if c.serving and (t := state.tickets.get(c.serving)) and t.status is TicketStatus.CALLED:
        raise CommandRefused(
            "still_serving",
            f"Counter {counter} is still serving {c.serving}: complete it first.",
            params={"counter": counter, "ticket": c.serving},
        )
    return _event("counter_close", ts, actor, counter=counter)


def set_counter_services(state: HallState, ts: datetime, actor: str, counter: int,
                         services: list[str]) -> Event:
    _require_counter(state, counter)
    _check_services(state, services)
    if tuple(services) == state.counters[counter].services:
        raise CommandRefused("no_change", f"Counter {counter} already serves those services.",
                             params={"counter": counter})
    return _event("counter_services", ts, actor, counter=counter, services=list(services))


__all__ = [
    "call_next", "call_ticket", "cancel", "close_counter", "complete", "issue", "no_show",
    "open_counter", "park", "pause_counter", "recall", "resume_counter", "set_counter_services",
    "set_priority", "transfer", "unpark",
]
