"""The staff actions: one table of what each one runs, who may take it and where.

Every action a person can take from a staff screen or the command line is a
row of :data:`ACTIONS`: the command it runs, the roles allowed it, whether it
is tied to a counter (a staff member whose account names counters takes it at
those counters only), whether a reason is asked, whether it is routine
counter work (no reason, no confirmation at the console), and the key of its
title in the screens' wording. Staff auth (:mod:`app.staff`), the overrides
(:mod:`app.overrides`), the hall service's dispatch
(:meth:`app.service.HallService.execute`) and the screens all read this table;
nothing else lists actions.

A staff member calls and serves at their counter; a supervisor overrides
queues, estimates and the AI switch and reads the audit trail and report; a
technician handles devices and settings.
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from app import commands
from app.errors import CommandRefused
from app.hall import HallState, TicketStatus
from app.wait import control


class Role(enum.StrEnum):
    """What a person is in the hall, which decides what they may do."""

    STAFF = "staff"
    SUPERVISOR = "supervisor"
    TECHNICIAN = "technician"


class Kind(enum.StrEnum):
    """How an action is carried out."""

    #: a command of :mod:`app.commands`, run in the hall's transaction
    HALL = "hall"
    #: an estimate control of :mod:`app.wait.control`
    ESTIMATES = "estimates"
    #: the screen's own printer (a reprint)
    PRINT = "print"
    #: reading the audit trail or the day's report
    READ = "read"
    #: the accounts of staff (the command line's ``staff`` commands)
    ACCOUNTS = "accounts"
    #: the devices and settings of one kiosk
    DEVICE = "device"


class Scope(enum.StrEnum):
    """Which counter an action is taken at, for the staff limited to their own."""

    #: not tied to a counter
    NONE = "none"
    #: the counter named by its ``counter`` argument
    COUNTER = "counter"
    #: the counter its ticket (``number``) was called to
    TICKET = "ticket"


@dataclass(frozen=True)
class Action:
    """One staff action (a row of :data:`ACTIONS`)."""

    name: str
    kind: Kind
    roles: frozenset[Role]
    #: the command it runs: an :mod:`app.commands` function (HALL) or an
    #: :mod:`app.wait.control` function (ESTIMATES); None for the others
    command: Callable[..., Any] | None = None
    scope: Scope = Scope.NONE
    #: a reason must be given (kept with each event)
    reason: bool = False
    #: everyday counter work: no reason, and no confirmation at the console
    routine: bool = False
    #: the key of its title in the screens' wording (None: never shown as a title)
    title: str | None = None
    #: arguments that make a call of another action this one (moving to the front)
    implies: Mapping[str, object] = field(default_factory=dict)

    def allows(self, role: Role | str) -> bool:
        try:
            return Role(role) in self.roles
        except ValueError:
            return False


_S, _V, _T = Role.STAFF, Role.SUPERVISOR, Role.TECHNICIAN
_SERVE = frozenset({_S, _V})
_SUP = frozenset({_V})
_DEV = frozenset({_V, _T})


def _hall(name: str, scope: Scope = Scope.NONE, routine: bool = False,
          roles: frozenset[Role] = _SERVE, title: str | None = None,
          command: str | None = None, **implies: object) -> Action:
    return Action(name, Kind.HALL, roles, getattr(commands, command or name), scope,
                  reason=not routine, routine=routine, title=title or name, implies=implies)


def _estimates(name: str, command: Callable[..., Any]) -> Action:
    return Action(name, Kind.ESTIMATES, _SUP, command, reason=True, title=name)


_ROWS: tuple[Action, ...] = (
    # serving at a counter
    _hall("call_next", Scope.COUNTER, routine=True),
    _hall("call_ticket", Scope.COUNTER),
    _hall("recall", Scope.TICKET, routine=True),
    _hall("complete", Scope.TICKET, routine=True),
    _hall("no_show", Scope.TICKET, routine=True),
    _hall("transfer", Scope.TICKET),
    _hall("set_priority"),
    _hall("park", Scope.TICKET),
    _hall("unpark"),
    _hall("open_counter", Scope.COUNTER, routine=True),
    _hall("pause_counter", Scope.COUNTER, routine=True),
    _hall("resume_counter", Scope.COUNTER, routine=True),
    _hall("close_counter", Scope.COUNTER, routine=True),
    Action("reprint", Kind.PRINT, frozenset({_S, _V, _T}), reason=True, title="reprint"),
    # overriding the queue
    _hall("transfer_front", roles=_SUP, title="transfer", command="transfer", front=True),
    _hall("cancel", roles=_SUP),
    _hall("set_counter_services", roles=_SUP),
    # estimates and the AI
    _estimates("estimate_correction", control.set_correction),
    _estimates("estimates_visibility", control.set_estimates_visible),
    _estimates("ai_switch", control.set_ai_enabled),
    _estimates("ai_reinstate", control.supervisor_reinstate),
    # oversight
    Action("audit_view", Kind.READ, _SUP),
    Action("report", Kind.READ, _SUP),
    Action("staff_manage", Kind.ACCOUNTS, _SUP),
    Action("unlock", Kind.ACCOUNTS, _SUP),
    # devices and settings
    Action("printer_status", Kind.DEVICE, frozenset({_S, _V, _T})),
    Action("test_ticket", Kind.DEVICE, _DEV),
    Action("speech_test", Kind.DEVICE, _DEV),
    Action("settings", Kind.DEVICE, frozenset({_T})),
)

#: every staff action by name
ACTIONS: Final[Mapping[str, Action]] = {a.name: a for a in _ROWS}

#: the names of the actions that run a hall command (and :meth:`HallService.execute` takes)
HALL_COMMANDS: Final = frozenset(a.name for a in _ROWS if a.kind is Kind.HALL and not a.implies)


def _check_table() -> None:
    # a wrong row is a programming error: found at import, not at a counter
    for a in _ROWS:
        assert not (a.routine and a.reason), a.name
        assert (a.command is not None) == (a.kind in (Kind.HALL, Kind.ESTIMATES)), a.name
        assert a.roles, a.name
    assert len(ACTIONS) == len(_ROWS)


_check_table()


def action(name: str) -> Action:
    """The action called ``name``; a refusal for a name that is not one."""
    found = ACTIONS.get(name)
    if found is None:
        raise CommandRefused("unknown_action", f"Unknown action {name}.", params={"action": name})
    return found


def resolve(name: str, kwargs: Mapping[str, Any]) -> Action:
    """The action a call amounts to: ``transfer`` with ``front`` is ``transfer_front``."""
    base = action(name)
    for other in _ROWS:
        if (other is not base and other.implies and other.command is base.command
                and all(kwargs.get(k) == v for k, v in other.implies.items())):
            return other
    return base


def allowed(role: Role | str, name: str) -> bool:
    """True when ``role`` may take action ``name`` (unknown actions are never allowed)."""
    found = ACTIONS.get(name)
    return found is not None and found.allows(role)


def bind(act: Action, *args: Any, **kwargs: Any) -> Callable[[], Any]:
    """The action's command called with these arguments; a refusal when they do not fit it.

    The arguments come from screens and the command line: a missing or
    unknown one is the caller's mistake, said plainly, not a crash.
    """
    fn = act.command
    if fn is None:
        raise CommandRefused("not_a_command", f"{act.name} runs no command.",
                             params={"action": act.name})
    try:
        inspect.signature(fn).bind(*args, **kwargs)
    except TypeError as exc:
        raise CommandRefused("bad_arguments", f"{act.name}: {exc}.",
                             params={"action": act.name}) from None
    return lambda: fn(*args, **kwargs)


def counter_of(act: Action, state: HallState, kwargs: Mapping[str, Any]) -> int | None:
    """The counter ``act`` is taken at with these arguments (None: no counter)."""
    given = kwargs.get("counter")
    counter = int(given) if isinstance(given, int | float) and not isinstance(given, bool) else None
    if act.scope is Scope.COUNTER:
        return counter
    if act.scope is Scope.TICKET:
        t = state.tickets.get(str(kwargs.get("number", "")))
        if t is not None and t.status is TicketStatus.CALLED and t.counter is not None:
            return t.counter
        return counter
    return None


__all__ = [
    "ACTIONS", "HALL_COMMANDS", "Action", "Kind", "Role", "Scope", "action", "allowed", "bind",
    "counter_of", "resolve",
]
