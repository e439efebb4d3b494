"""Every event is checked for sense before it enters the log.

The format (:func:`app.events.from_json`) says an event is well formed; the
rules here say it makes sense for this hall:

``time.too_old``
    not earlier than the store's creation minus :data:`HISTORY_MARGIN` (a
    year of history can be imported into a new box), and never before
    :data:`EPOCH_FLOOR`;
``time.future``
    not later than the writer's clock plus :data:`FUTURE_SKEW`;
``value.bounds``
    numbers finite and inside the bounds of :data:`BOUNDS`, strings at most
    :data:`MAX_TEXT` characters;
``staff.role``
    a staff account's role is one the hall knows;
``staff.lockout``
    a lockout ends after the event and at most :data:`MAX_LOCKOUT` later, or says
    that only a supervisor lifts it;
``ref.ticket``
    an event about a ticket follows that ticket's ``issued`` event
    (import only: commands check this against the hall's state);
``ref.void``
    a ``voided`` event names a record that exists and is not itself a void.

The stores check every append (:meth:`app.store.base.Transaction.append`),
so an event from a command, from an import or from a peer kiosk in hall mode
passes the same rules. A refusal is an :class:`EventRefused`: it names the
rule and the field.

The same module holds the clock guard of the kiosk (:func:`check_issue_clock`):
tickets are refused while the clock is behind the log, or was never set from
network time since the box started.
"""

from __future__ import annotations

import math
import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from app.errors import CommandRefused
from app.events import TICKET_LIFECYCLE, Event, EventFormatError, parse_ts

#: how far before the store's creation an imported event may be dated
HISTORY_MARGIN = timedelta(days=400)
#: nothing in any hall's log is older than this
EPOCH_FLOOR = datetime(2000, 1, 1, tzinfo=UTC)
#: how far ahead of the writer's clock an event may be dated
FUTURE_SKEW = timedelta(minutes=5)
#: how far the kiosk's clock may stand behind the newest event and still issue
CLOCK_TOLERANCE = timedelta(minutes=2)
#: the longest lockout an event may set
MAX_LOCKOUT = timedelta(days=31)
#: the longest text any field may hold
MAX_TEXT = 500

#: numeric fields and their inclusive bounds
BOUNDS: dict[str, tuple[float, float]] = {
    "number": (0, 9999),
    "median_s": (0, 86400),
    "p10_s": (0, 86400),
    "p90_s": (0, 86400),
    "minutes": (-600, 600),
    "dimmed_s": (0, 86400 * 7),
    "records": (0, 10**9),
    "first_seq": (1, 10**12),
    "last_seq": (1, 10**12),
    "target_seq": (1, 10**12),
}

#: event kinds that are about one ticket and must follow its ``issued``
TICKET_KINDS = TICKET_LIFECYCLE | {"estimated", "id_checked", "estimate_feedback"}

#: staff roles an account may have (app.staff.Role; kept here so the check is Qt- and cycle-free)
STAFF_ROLES = frozenset({"staff", "supervisor", "technician"})


class EventRefused(EventFormatError):
    """An event is well formed but makes no sense here; ``rule`` names the rule it broke."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(f"{message} (rule {rule})")
        self.rule = rule
        self.message = f"{message} (rule {rule})"
        self.diagnostic = self.message


@dataclass(frozen=True)
class Window:
    """The times an event may carry."""

    earliest: datetime
    latest: datetime

    @classmethod
    def around(cls, created: datetime | None, now: datetime) -> Window:
        """The window of a store created at ``created`` (None: now), seen at ``now``."""
        start = (created or now) - HISTORY_MARGIN
        return cls(max(start, EPOCH_FLOOR), now + FUTURE_SKEW)


def _ts_text(ts: datetime) -> str:
    return ts.isoformat()


def _check_time(event: Event, window: Window | None) -> None:
    ts = event.ts
    try:
        utc = ts.astimezone(UTC)
    except (OverflowError, ValueError):
        raise EventRefused("time.too_old", f"time {_ts_text(ts)} is out of range") from None
    if utc < EPOCH_FLOOR:
        raise EventRefused(
            "time.too_old", f"time {_ts_text(ts)} is before {EPOCH_FLOOR:%Y-%m-%d}")
    if window is None:
        return
    if utc < window.earliest:
        raise EventRefused(
            "time.too_old",
            f"time {_ts_text(ts)} is more than {HISTORY_MARGIN.days} days before this store "
            f"was created (earliest allowed {window.earliest:%Y-%m-%d})",
        )
    if utc > window.latest:
        now = (window.latest - FUTURE_SKEW).astimezone(UTC)
        skew = int(FUTURE_SKEW.total_seconds() // 60)
        raise EventRefused(
            "time.future",
            f"time {_ts_text(ts)} is in the future (now is {now:%Y-%m-%d %H:%M} UTC; "
            f"at most {skew} minutes ahead)",
        )


def _check_value(name: str, value: Any, depth: int = 0) -> None:
    if depth > 6:
        raise EventRefused("value.bounds", f'"{name}" is nested too deeply')
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise EventRefused("value.bounds", f'"{name}" is {value}, not a finite number')
        bounds = BOUNDS.get(name)
        if bounds is not None and not bounds[0] <= value <= bounds[1]:
            raise EventRefused(
                "value.bounds", f'"{name}" is {value}, must be {bounds[0]:g} to {bounds[1]:g}')
        return
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise EventRefused(
                "value.bounds", f'"{name}" has {len(value)} characters, at most {MAX_TEXT}')
        return
    if isinstance(value, list):
        if len(value) > 1000:
            raise EventRefused("value.bounds", f'"{name}" lists {len(value)} items, at most 1000')
        for v in value:
            _check_value(name, v, depth + 1)
        return
    if isinstance(value, dict):
        if len(value) > 1000:
            raise EventRefused("value.bounds", f'"{name}" has {len(value)} keys, at most 1000')
        for k, v in value.items():
            _check_value(f"{name}.{k}", v, depth + 1)


def _check_staff(event: Event) -> None:
    if event.kind == "staff_added":
        role = event.get("staff_role")
        if role not in STAFF_ROLES:
            known = ", ".join(sorted(STAFF_ROLES))
            raise EventRefused("staff.role", f'staff role "{role}" is not known (known: {known})')
    if event.kind == "staff_locked" and event.get("until") is None:
        if event.get("supervisor") is not True:
            raise EventRefused(
                "staff.lockout", "a lockout needs an end (until) or supervisor: true")
    elif event.kind == "staff_locked":
        try:
            until = parse_ts(event.get("until"))
            span = until - event.ts
        except (EventFormatError, OverflowError):
            raise EventRefused(
                "staff.lockout", f'lockout end "{event.get("until")}" is not a time') from None
        if span <= timedelta(0) or span > MAX_LOCKOUT:
            raise EventRefused(
                "staff.lockout",
                f"a lockout of {span} makes no sense (after the event, at most "
                f"{MAX_LOCKOUT.days} days)",
            )


def check_event(event: Event, window: Window | None = None) -> None:
    """Refuse (raise :class:`EventRefused`) an event that makes no sense on its own.

    ``window`` bounds its time; without one only :data:`EPOCH_FLOOR` applies.
    """
    _check_time(event, window)
    if event.actor is not None:
        _check_value("actor", event.actor)
    for name, value in event.data.items():
        _check_value(name, value)
    _check_staff(event)
    if event.kind == "voided" and event.get("target_seq") == event.seq and event.seq is not None:
        raise EventRefused("ref.void", "an event cannot void itself")


@dataclass
class References:
    """What a batch may refer to: tickets issued and records present so far."""

    head: int = 0
    #: ticket number -> times it was issued (the same number recurs on other days)
    issued: dict[str, list[datetime]] = field(default_factory=dict)
    voids: set[int] = field(default_factory=set)
    kinds: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, events: Iterable[Event]) -> References:
        refs = cls()
        for e in events:
            refs.add(e)
        return refs

    def add(self, event: Event) -> None:
        if event.seq is not None:
            self.head = max(self.head, event.seq)
            self.kinds[event.seq] = event.kind
        if event.kind == "issued":
            self.issued.setdefault(event.ticket, []).append(event.ts)
        if event.kind == "voided":
            self.voids.add(int(event["target_seq"]))

    def check(self, event: Event, next_seq: int) -> None:
        """Refuse an event whose references do not exist (it would be record ``next_seq``)."""
        if event.kind in TICKET_KINDS:
            number = str(event.get("ticket"))
            times = self.issued.get(number, [])
            # a ticket's events follow its issue; a little slack for kiosks' clocks
            if not any(t - CLOCK_TOLERANCE <= event.ts for t in times):
                raise EventRefused(
                    "ref.ticket", f'"{event.kind}" of ticket {number}, which was never issued')
        if event.kind == "voided":
            target = int(event["target_seq"])
            if not 1 <= target < next_seq:
                raise EventRefused("ref.void", f"there is no record {target} to void")
            if self.kinds.get(target) == "voided":
                raise EventRefused("ref.void", f"record {target} is itself a void")
            if target in self.voids:
                raise EventRefused("ref.void", f"record {target} is already voided")


# --------------------------------------------------------------------------- clock guard

#: True: synchronised since boot; False: never; None: cannot tell (no timedatectl)
SyncProbe = Callable[[], bool | None]


def timedatectl_synchronised() -> bool | None:
    """Whether systemd says the clock was synchronised (None when it cannot say)."""
    exe = shutil.which("timedatectl")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "show", "-p", "NTPSynchronized", "--value"],
            capture_output=True, text=True, timeout=3, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = out.stdout.strip().lower()
    if out.returncode != 0 or value not in ("yes", "no"):
        return None
    return value == "yes"


class SyncWatch:
    """Remembers whether the clock has been synchronised since boot.

    Once seen synchronised it stays so for this process (a box that loses its
    network later keeps a good clock); until then the probe is asked at most
    once a minute.
    """

    def __init__(self, probe: SyncProbe = timedatectl_synchronised) -> None:
        self._probe = probe
        self._seen: bool | None = None
        self._asked: datetime | None = None

    def synchronised(self, now: datetime) -> bool | None:
        if self._seen:
            return True
        if self._asked is None or abs(now - self._asked) >= timedelta(minutes=1):
            self._asked = now
            self._seen = self._probe()
        return self._seen


def check_issue_clock(now: datetime, newest: datetime | None, synchronised: bool | None) -> None:
    """Refuse to issue when this box's clock cannot be trusted.

    Behind the newest event by more than :data:`CLOCK_TOLERANCE`, or never
    synchronised since boot (``synchronised`` False; None, unknown, is allowed
    and doctor reports it).
    """
    if synchronised is False:
        raise CommandRefused(
            "clock_unsynced",
            "Tickets cannot be given right now. Please ask the staff.",
            "the system clock was never synchronised to network time since boot "
            "(timedatectl show -p NTPSynchronized says no): tickets are refused",
        )
    if newest is not None and now < newest - CLOCK_TOLERANCE:
        behind = newest - now
        raise CommandRefused(
            "clock_behind",
            "Tickets cannot be given right now. Please ask the staff.",
            f"this box's clock ({now.isoformat()}) is {behind} behind the newest event "
            f"({newest.isoformat()}): tickets are refused until the time is set",
            params={"behind_s": int(behind.total_seconds())},
        )


# --------------------------------------------------------------------------- import


@dataclass(frozen=True)
class ImportPlan:
    """What an import would append, and what it found already in the log."""

    new: list[Event]
    already: int


def plan_import(located: Iterable[tuple[str, Event]], existing: Iterable[Event],
                known_bodies: set[str], window: Window) -> ImportPlan:
    """Check every event of a file against the rules and the log; all or nothing.

    ``located`` gives each event with where it was (``file:line``); an event
    whose body is already in the log (``known_bodies``) is recognised and left
    out, so importing a file twice appends it once. The first refusal raises
    :class:`EventRefused` naming the place and the rule.
    """
    from app.events import body_hash
    from app.store.base import split_pin

    refs = References.of(existing)
    seen = set(known_bodies)
    new: list[Event] = []
    already = 0
    for where, event in located:
        # an old export's staff event carries a PIN hash the store keeps beside the log
        # (app.store.base.split_pin): it is recognised by the body it is stored as
        digest = body_hash(split_pin(event)[0])
        if digest in seen or body_hash(event) in seen:
            already += 1
            continue
        next_seq = refs.head + 1
        try:
            check_event(event.with_seq(next_seq), window)
            refs.check(event, next_seq)
        except EventRefused as exc:
            refused = EventRefused(exc.rule, f"{where}: {str(exc).rsplit(' (rule ', 1)[0]}")
            raise refused from None
        seen.add(digest)
        placed = event.with_seq(next_seq)
        refs.add(placed)
        new.append(event)
    return ImportPlan(new, already)


# --------------------------------------------------------------------------- void

#: who may void an event: a supervisor, or the box's administrator at its command line
VOID_ROLES = frozenset({"supervisor", "admin"})


def void_event_of(store_head: int, target: Event | None, target_hash: str | None,
                  seq: int, reason: str, actor: str, actor_role: str, now: datetime,
                  already: set[int]) -> Event:
    """The ``voided`` event that sets record ``seq`` aside, or a refusal saying why not."""
    if actor_role not in VOID_ROLES:
        raise CommandRefused("not_allowed", "Only a supervisor can void an event.",
                             params={"role": actor_role})
    reason = reason.strip()
    if not reason:
        raise CommandRefused("reason_required", "Give the reason for voiding the event.")
    if not 1 <= seq <= store_head or target_hash is None:
        raise CommandRefused("unknown_record", f"There is no record {seq} in the log.",
                             params={"seq": seq})
    if seq in already:
        raise CommandRefused("already_voided", f"Record {seq} is already voided.",
                             params={"seq": seq})
    if target is not None and target.kind == "voided":
        raise CommandRefused("void_of_void", f"Record {seq} is itself a void.",
                             params={"seq": seq})
    data: dict[str, Any] = {"target_seq": seq, "reason": reason[:MAX_TEXT], "role": actor_role,
                            "target_hash": target_hash}
    if target is not None:
        data["target_kind"] = target.kind
    return Event("voided", now, actor, data)
