"""Staff overrides: role-checked hall commands that leave a full audit record.

Every action goes through :meth:`Overrides.perform`, which looks it up in the
one table of staff actions (:data:`app.actions.ACTIONS`), checks the staff
session and the role (:meth:`app.staff.StaffAuth.require`), asks for a reason
where the table says so, runs the command in the hall's transaction (where the
counter of an action tied to one is checked against the staff member's
counters, on the state the command sees) and writes
each resulting event with ``role``, ``reason``, ``before`` and ``after`` (the
ticket's or counter's state on either side of that event). :meth:`preview`
runs the same command against the current state without storing anything, so
a screen can show what will change before the person confirms.

The estimate controls (correction, hide, AI off/on) live in
:mod:`app.wait.control`; this module enforces the roles and calls them.
"""

from __future__ import annotations

import copy
import dataclasses
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from app.actions import Action, Kind, bind, counter_of, resolve
from app.errors import CommandRefused
from app.events import Event
from app.hall import HallState, TicketStatus
from app.service import HallService
from app.staff import Session, StaffAuth
from app.wait import control

#: the short list of reasons offered (free text may follow); screens translate the codes
REASONS: tuple[str, ...] = (
    "citizen_request",
    "wrong_service",
    "priority_confirmed",
    "citizen_left",
    "correcting_mistake",
    "device_fault",
    "estimate_wrong",
    "other",
)


def compose_reason(code: str, text: str = "") -> str:
    """The reason as stored: its code, and the free text after a colon."""
    code = code.strip()
    text = " ".join(text.split())
    if code and code not in REASONS:
        raise CommandRefused("bad_reason", f"Unknown reason {code}.", params={"reason": code})
    if code == "other" and not text:
        raise CommandRefused("reason_text", "Say in a few words why.")
    if not code:
        if not text:
            raise CommandRefused("reason_needed", "Choose a reason first.")
        return text
    return f"{code}: {text}" if text else code


@dataclass(frozen=True)
class Change:
    """What one event of an action does to a ticket or a counter."""

    kind: str
    subject: str  # "A023" or "counter 2" or "estimates"
    before: dict[str, Any]
    after: dict[str, Any]

    def lines(self) -> list[tuple[str, Any, Any]]:
        """The fields that differ, as (field, before, after)."""
        keys = list(self.before) + [k for k in self.after if k not in self.before]
        return [(k, self.before.get(k), self.after.get(k)) for k in keys
                if self.before.get(k) != self.after.get(k)]

    def describe(self) -> str:
        """A one-line English description (logs, command line)."""
        parts = [f"{k}: {_show(b)} -> {_show(a)}" for k, b, a in self.lines()]
        return f"{self.subject} ({self.kind}): " + ("; ".join(parts) or "no visible change")


def _show(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, list | tuple):
        return ",".join(map(str, v)) or "-"
    return str(v)


def ticket_summary(state: HallState, number: str) -> dict[str, Any]:
    """The parts of a ticket an override can change."""
    t = state.tickets.get(number)
    if t is None:
        return {}
    out: dict[str, Any] = {
        "status": t.status.value,
        "service": t.service,
        "counter": t.counter if t.status is TicketStatus.CALLED else t.target_counter,
        "priority": t.category if t.priority else None,
        "front": t.front,
    }
    if t.status is TicketStatus.WAITING:
        out["ahead"] = state.people_ahead(number)
    return out


def counter_summary(state: HallState, number: int) -> dict[str, Any]:
    c = state.counters.get(number)
    if c is None:
        return {}
    return {"status": c.status.value, "services": list(c.services), "serving": c.serving}


def _clone(state: HallState) -> HallState:
    """A copy of the state that can be changed without touching the original."""
    return dataclasses.replace(
        state,
        tickets={k: copy.copy(t) for k, t in state.tickets.items()},
        counters={k: copy.copy(c) for k, c in state.counters.items()},
        last_number=dict(state.last_number),
        issued_count=dict(state.issued_count),
        priority_streak=dict(state.priority_streak),
        recent_calls=deque(state.recent_calls, maxlen=state.recent_calls.maxlen),
    )


def _subject(e: Event) -> tuple[str, str | int]:
    if "ticket" in e.data:
        return ("ticket", str(e["ticket"]))
    return ("counter", int(e["counter"]))


def _summary(state: HallState, subject: tuple[str, str | int]) -> dict[str, Any]:
    kind, key = subject
    if kind == "ticket":
        return ticket_summary(state, str(key))
    return counter_summary(state, int(key))


def _label(subject: tuple[str, str | int]) -> str:
    return str(subject[1]) if subject[0] == "ticket" else f"counter {subject[1]}"


def _annotate(state: HallState, events: list[Event], role: str | None,
              reason: str | None) -> tuple[list[Event], list[Change]]:
    """The events with role, reason and before/after added; and the changes they make."""
    sim = _clone(state)
    out: list[Event] = []
    changes: list[Change] = []
    for e in events:
        subject = _subject(e)
        before = _summary(sim, subject)
        sim.apply(e)
        after = _summary(sim, subject)
        data = dict(e.data)
        if role:
            data["role"] = role
        if reason:
            data["reason"] = reason
        data["before"], data["after"] = before, after
        out.append(Event(e.kind, e.ts, e.actor, data))
        changes.append(Change(e.kind, _label(subject), before, after))
    return out, changes


#: arguments the overrides fill in themselves (a caller may not)
_RESERVED = frozenset({"reason", "role", "actor", "state", "ts", "hall"})


class PrintControl(Protocol):
    """What the staff panel needs of the kiosk's print service."""

    def reprint(self, number: str, language: str) -> object: ...


class Overrides:
    """Role-checked staff actions over one hall."""

    def __init__(self, hall: HallService, auth: StaffAuth,
                 printing: PrintControl | None = None) -> None:
        self.hall = hall
        self.auth = auth
        self.printing = printing
        self._controls = control.ControlState()
        self._controls_seq = 0

    def controls(self) -> control.ControlState:
        """The estimate settings in force (corrections, visibility, AI switch)."""
        for e in self.hall.store.read_after(self._controls_seq):
            self._controls.apply(e)
            self._controls_seq = e.seq or self._controls_seq
        return self._controls

    def _check(self, session: Session | None, action: str, kwargs: dict[str, Any]) -> Action:
        """The action a call amounts to (``transfer`` with ``front``: ``transfer_front``), checked.

        Refused: an action that is not taken here, arguments this layer sets
        itself, a session that ended, a role not allowed it, a counter that is
        not the staff member's.
        """
        act = resolve(action, kwargs)
        if act.kind not in (Kind.HALL, Kind.ESTIMATES, Kind.PRINT):
            raise CommandRefused("unknown_action", f"Unknown action {action}.",
                                 params={"action": action})
        reserved = sorted(_RESERVED & set(kwargs))
        if reserved:
            raise CommandRefused("bad_arguments",
                                 f"{action}: {', '.join(reserved)} is set by the overrides.",
                                 params={"action": action})
        self.auth.require(session, act.name, counter_of(act, self.hall.state, kwargs))
        return act

    @staticmethod
    def _hall_events(session: Session, act: Action, state: HallState, now: datetime,
                     kwargs: dict[str, Any]) -> list[Event]:
        """The command's events on ``state``, refused at a counter that is not the staff's."""
        # checked again on the state inside the transaction: the ticket may have moved
        session.check_counter(act.name, counter_of(act, state, kwargs))
        result = bind(act, state, now, session.staff, **{**kwargs, **act.implies})()
        return result if isinstance(result, list) else [result]

    # ------------------------------------------------------------------ preview

    def preview(self, session: Session | None, action: str, **kwargs: Any) -> list[Change]:
        """What ``action`` would change now; raises the refusal the action would get."""
        self.hall.refresh()
        act = self._check(session, action, kwargs)
        assert session is not None
        if act.kind is Kind.HALL:
            events = self._hall_events(session, act, self.hall.state, self.hall.now(), kwargs)
            return _annotate(self.hall.state, events, None, None)[1]
        if act.kind is Kind.ESTIMATES:
            return [self._ai_change(act.name, kwargs)]
        number = str(kwargs.get("number", ""))
        return [Change("reprint", number, ticket_summary(self.hall.state, number),
                       ticket_summary(self.hall.state, number))]

    def _ai_change(self, action: str, kwargs: dict[str, Any]) -> Change:
        now = self.controls()
        if action == "ai_switch":
            return Change(action, "AI", {"ai": now.ai_enabled}, {"ai": bool(kwargs.get("enabled"))})
        if action == "estimates_visibility":
            return Change(action, "estimates", {"visible": now.visible},
                          {"visible": bool(kwargs.get("visible"))})
        if action == "ai_reinstate":
            return Change(action, "AI", {"fallback": now.drifted_model}, {"fallback": None})
        service = str(kwargs.get("service", ""))
        minutes = float(kwargs.get("minutes", 0))
        return Change(action, f"estimates {service}",
                      {"correction_min": now.corrections.get(service, 0.0)},
                      {"correction_min": minutes})

    # ------------------------------------------------------------------ perform

    def perform(self, session: Session | None, action: str, reason: str | None = None,
                **kwargs: Any) -> list[Event]:
        """Check, run and record ``action``; returns the stored events."""
        act = self._check(session, action, kwargs)
        assert session is not None
        reason = (reason or "").strip() or None
        if reason is None and act.reason:
            raise CommandRefused("reason_needed", "Choose a reason first.")
        role = session.role.value
        if act.kind is Kind.HALL:

            def produce(state: HallState, now: datetime) -> list[Event]:
                events = self._hall_events(session, act, state, now, kwargs)
                return _annotate(state, events, role, reason)[0]

            # the hall's own transaction: catch up, check, append, commit
            return self.hall.transact(produce)
        if act.kind is Kind.ESTIMATES:
            return [bind(act, self.hall, session.staff, reason=reason or "", role=role,
                         **kwargs)()]
        return self._reprint(session, reason, kwargs)

    def _reprint(self, session: Session, reason: str | None,
                 kwargs: dict[str, Any]) -> list[Event]:
        if self.printing is None:
            raise CommandRefused("no_printer", "This screen has no printer.")
        number = str(kwargs.get("number", ""))
        if self.hall.state.ticket(number) is None:
            raise CommandRefused("unknown_ticket", f"There is no ticket {number} today.",
                                 params={"ticket": number})
        head = self.hall.store.head()
        self.printing.reprint(number, str(kwargs.get("language", "vi")))
        self.hall.refresh()
        return self.hall.store.read_after(head)
