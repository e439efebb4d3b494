"""Events: everything that happens in a hall, as one append-only log.

An :class:`Event` has a kind (``event`` in JSON), a timestamp with offset, an
actor (kiosk id or staff id; may be absent in imported logs) and its own
fields. Fields this version does not know are kept and written back, never
dropped. The interchange form is JSON Lines, one event an object, documented
in ``docs/events.md`` with the JSON Schema in ``docs/events.schema.json``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO

#: Version of the interchange format; written by export, checked by import.
FORMAT_VERSION = 1

TICKET_RE = re.compile(r"^[A-Z][0-9]{3,4}$")


class EventFormatError(ValueError):
    """An event (or a line of an event file) is malformed."""


@dataclass(frozen=True)
class Event:
    """One thing that happened in the hall."""

    kind: str
    ts: datetime
    actor: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    #: position in the store's log (None until stored)
    seq: int | None = None

    def __post_init__(self) -> None:
        if self.ts.tzinfo is None:
            raise EventFormatError("ts must carry a UTC offset")

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def ticket(self) -> str:
        return str(self.data["ticket"])

    @property
    def counter(self) -> int:
        return int(self.data["counter"])

    def to_json(self) -> dict[str, Any]:
        """The interchange object: ``ts``, ``event``, ``actor`` (if any), then the fields."""
        out: dict[str, Any] = {"ts": self.ts.isoformat(), "event": self.kind}
        if self.actor is not None:
            out["actor"] = self.actor
        out.update(self.data)
        return out

    def canonical(self) -> str:
        """A stable serialisation: what the hash chain covers."""
        return json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    def with_seq(self, seq: int) -> Event:
        return Event(self.kind, self.ts, self.actor, self.data, seq)


# --------------------------------------------------------------------------- field specs

_Check = Callable[[Any], bool]


def _is_str(v: Any) -> bool:
    return isinstance(v, str) and bool(v)


def _is_bool(v: Any) -> bool:
    return isinstance(v, bool)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_counter(v: Any) -> bool:
    return _is_int(v) and 1 <= v <= 999


def _is_num(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _is_ticket(v: Any) -> bool:
    return isinstance(v, str) and bool(TICKET_RE.match(v))


def _is_services(v: Any) -> bool:
    return isinstance(v, list) and all(_is_str(s) for s in v)


def _opt(check: _Check) -> _Check:
    def inner(v: Any) -> bool:
        return v is None or check(v)

    return inner


def _is_dict(v: Any) -> bool:
    return isinstance(v, dict)


def _is_list_of_counters(v: Any) -> bool:
    return isinstance(v, list) and all(_is_counter(c) for c in v)


_WHAT: dict[_Check, str] = {
    _is_str: "a non-empty string",
    _is_bool: "true or false",
    _is_int: "a whole number",
    _is_counter: "a counter number (1-999)",
    _is_num: "a number",
    _is_ticket: 'a ticket number such as "A023"',
    _is_services: 'a list of service codes such as ["A", "B"]',
    _is_dict: "an object",
}


@dataclass(frozen=True)
class Spec:
    """The fields an event kind requires and those it may carry."""

    required: Mapping[str, _Check]
    optional: Mapping[str, _Check] = field(default_factory=dict)
    description: str = ""


_T = {"ticket": _is_ticket, "service": _is_str}
_TC = {**_T, "counter": _is_counter}

#: Every known event kind. Other issues add their own kinds here.
SPECS: dict[str, Spec] = {
    "issued": Spec(
        {**_T, "priority": _is_bool},
        {
            "category": _opt(_is_str),
            "kiosk": _opt(_is_str),
            "number": _is_int,
            "token": _is_str,
        },
        "a ticket was issued",
    ),
    "id_checked": Spec(
        {"ticket": _is_ticket, "id_hash": _is_str},
        {},
        "a ticket was taken with a chip ID card: the salted hash of its number only, "
        "removed at the end of the day (app.idcard, app.retention)",
    ),
    "estimated": Spec(
        {**_T, "median_s": _is_num, "p10_s": _is_num, "p90_s": _is_num, "method": _is_str},
        {"model": _opt(_is_str)},
        "the wait estimate shown for a ticket when it was issued",
    ),
    "called": Spec(_TC, {"recall": _is_bool}, "a ticket was called to a counter"),
    "recalled": Spec(_TC, {}, "a called ticket was called again"),
    "completed": Spec(_TC, {}, "a ticket was served"),
    "no_show": Spec(_T, {"counter": _is_counter}, "the citizen did not come"),
    "transferred": Spec(
        _T,
        {
            "to_service": _opt(_is_str),
            "to_counter": _opt(_is_counter),
            "front": _is_bool,
            "counter": _opt(_is_counter),
        },
        "a ticket was sent to another service or counter",
    ),
    "prioritized": Spec(
        {**_T, "priority": _is_bool}, {"category": _opt(_is_str)}, "priority set or cleared"
    ),
    "cancelled": Spec(_T, {"counter": _opt(_is_counter)}, "a ticket was cancelled"),
    "parked": Spec(_T, {"counter": _opt(_is_counter)}, "a ticket was set aside"),
    "unparked": Spec(_T, {}, "a parked ticket went back into its queue"),
    "counter_open": Spec({"counter": _is_counter, "services": _is_services}, {}, "counter opened"),
    "counter_pause": Spec({"counter": _is_counter}, {}, "counter paused"),
    "counter_resume": Spec({"counter": _is_counter}, {}, "counter resumed"),
    "counter_close": Spec({"counter": _is_counter}, {}, "counter closed"),
    "counter_services": Spec(
        {"counter": _is_counter, "services": _is_services}, {}, "a counter's services changed"
    ),
    "printed": Spec({"ticket": _is_ticket}, {"service": _is_str}, "a ticket was printed"),
    "incident": Spec(
        {"source": _is_str, "code": _is_str},
        {"detail": _opt(_is_str), "ticket": _opt(_is_ticket)},
        "a device fault, a model fallback or another incident",
    ),
    "day_summary": Spec(
        {"day": _is_str, "services": _is_dict}, {},
        "a purged day's counts and mean waits per service (app.retention)",
    ),
    "purged": Spec(
        {"before_day": _is_str, "records": _is_int},
        {"first_seq": _is_int, "last_seq": _is_int, "what": _is_str},
        "ticket data older than the retention period was removed (app.retention)",
    ),
    # the screen's brightness as the camera's presence detection decides it (app.presence)
    "screen_dimmed": Spec({}, {"cause": _opt(_is_str)}, "nobody near: the screen was dimmed"),
    "screen_woke": Spec(
        {}, {"cause": _opt(_is_str), "dimmed_s": _opt(_is_num)}, "the screen was lit again"
    ),
    # staff accounts and sign-in (projected by app.staff); never the PIN, nor its hash: the
    # store keeps that beside the log, and moves one found in an old log's or file's event
    # there (app.store.base.split_pin)
    "staff_added": Spec(
        {"staff": _is_str, "name": _is_str, "staff_role": _is_str},
        {"counters": _opt(_is_list_of_counters), "pin_hash": _opt(_is_str)},
        "a staff account was created (its PIN's hash is kept beside the log, not in it; "
        "an old log's pin_hash is moved there)",
    ),
    "staff_pin_set": Spec(
        {"staff": _is_str}, {"pin_hash": _opt(_is_str)},
        "a staff PIN was set or reset (its hash is kept beside the log)",
    ),
    "staff_disabled": Spec({"staff": _is_str}, {}, "a staff account was disabled"),
    "staff_enabled": Spec({"staff": _is_str}, {}, "a disabled staff account was enabled"),
    "staff_signin": Spec({"staff": _is_str, "pad": _is_str}, {}, "a staff member signed in"),
    "staff_signout": Spec(
        {"staff": _is_str, "pad": _is_str}, {"why": _opt(_is_str)}, "a staff session ended"
    ),
    "staff_signin_failed": Spec(
        {"staff": _is_str, "pad": _is_str}, {"why": _opt(_is_str)}, "a wrong staff PIN was entered"
    ),
    "staff_locked": Spec(
        {"pad": _is_str},
        {"until": _opt(_is_str), "staff": _opt(_is_str), "failures": _opt(_is_int),
         "since": _opt(_is_str), "supervisor": _opt(_is_bool)},
        "an account or a PIN pad was locked after too many wrong PINs (failures: how many "
        "since the time since), until a time or, with supervisor, until a supervisor unlocks",
    ),
    "staff_unlocked": Spec(
        {}, {"staff": _opt(_is_str), "pad": _opt(_is_str)}, "a lockout was lifted by a supervisor"
    ),
    # wait estimates (app/wait/control.py): staff corrections and the AI switch
    "estimate_correction": Spec(
        {"service": _is_str, "minutes": _is_num, "reason": _is_str}, {},
        "staff added minutes to the wait estimates of a service (0 removes it)",
    ),
    "estimates_visibility": Spec(
        {"visible": _is_bool, "reason": _is_str}, {}, "staff hid or showed wait estimates"
    ),
    "ai_switch": Spec(
        {"enabled": _is_bool, "reason": _is_str}, {}, "staff switched the AI estimate off or on"
    ),
    "ai_reinstate": Spec(
        {"reason": _is_str}, {"model": _opt(_is_str)},
        "a supervisor let the wait model be used again after it fell back",
    ),
    # a citizen's answer on the phone page (app/web): no personal data, one per ticket
    "estimate_feedback": Spec(
        {**_T, "right": _is_bool}, {},
        "a citizen said on the phone page whether the wait estimate was right",
    ),
    # the supported way back from a bad event (app.validation, `motcua events void`)
    "voided": Spec(
        {"target_seq": _is_int, "reason": _is_str},
        {"target_kind": _is_str, "target_hash": _is_str},
        "a supervisor set aside an earlier event: every projection ignores it from now on",
    ),
}

#: Fields that every event may carry besides its own.
COMMON_OPTIONAL: dict[str, _Check] = {
    "role": _opt(_is_str),
    "reason": _opt(_is_str),
    "day": _opt(_is_str),
    "before": _opt(_is_dict),
    "after": _opt(_is_dict),
}


def parse_ts(value: Any) -> datetime:
    if not isinstance(value, str):
        raise EventFormatError('"ts" must be an ISO-8601 string with an offset')
    try:
        ts = datetime.fromisoformat(value)
    except ValueError:
        raise EventFormatError(
            f'"ts" value "{value}" is not an ISO-8601 time (e.g. 2026-04-13T09:12:05+07:00)'
        ) from None
    if ts.tzinfo is None:
        raise EventFormatError(f'"ts" value "{value}" has no UTC offset (add e.g. +07:00)')
    return ts


def from_json(obj: Any) -> Event:
    """Validate one interchange object into an :class:`Event`."""
    if not isinstance(obj, dict):
        raise EventFormatError("each line must be a JSON object")
    if "ts" not in obj:
        raise EventFormatError('missing "ts"')
    if "event" not in obj:
        raise EventFormatError('missing "event"')
    kind = obj["event"]
    if not isinstance(kind, str) or kind not in SPECS:
        known = ", ".join(sorted(SPECS))
        raise EventFormatError(f'unknown event "{kind}"; known events: {known}')
    ts = parse_ts(obj["ts"])
    actor = obj.get("actor")
    if actor is not None and not _is_str(actor):
        raise EventFormatError('"actor" must be a non-empty string')
    spec = SPECS[kind]
    data = {k: v for k, v in obj.items() if k not in ("ts", "event", "actor")}
    for name, check in spec.required.items():
        if name not in data:
            raise EventFormatError(f'"{kind}" event is missing "{name}"')
        if not check(data[name]):
            raise EventFormatError(
                f'"{name}" is {json.dumps(data[name], ensure_ascii=False)}, '
                f"must be {_WHAT.get(check, 'valid')}"
            )
    for name, value in data.items():
        maybe = spec.optional.get(name) or COMMON_OPTIONAL.get(name)
        if maybe is not None and not maybe(value):
            raise EventFormatError(
                f'"{name}" is {json.dumps(value, ensure_ascii=False)}, which is not allowed here'
            )
    return Event(kind, ts, actor, data)


def _no_constant(name: str) -> Any:
    raise EventFormatError(f"{name} is not a number this log accepts (JSON has no {name})")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise EventFormatError(f'the key "{key}" appears twice in one object')
        out[key] = value
    return out


def strict_loads(text: str) -> Any:
    """JSON as the standard defines it: no NaN or Infinity, no key given twice."""
    return json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_duplicates)


def parse_line(line: str) -> Event:
    try:
        obj = strict_loads(line)
    except json.JSONDecodeError as exc:
        raise EventFormatError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    return from_json(obj)


def read_jsonl(stream: Iterable[str], source: str = "") -> Iterator[Event]:
    """Parse JSON Lines; a bad line raises naming its number and the problem.

    Blank lines are skipped. Lines are checked for times going backwards.
    """
    for _where, event in iter_jsonl(stream, source):
        yield event


def iter_jsonl(stream: Iterable[str], source: str = "") -> Iterator[tuple[str, Event]]:
    """Like :func:`read_jsonl`, each event with where it was (``file:line``)."""
    prev: datetime | None = None
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}" if source else f"line {lineno}"
        try:
            event = parse_line(line)
        except EventFormatError as exc:
            raise EventFormatError(f"{where}: {exc}") from None
        if prev is not None and event.ts < prev:
            raise EventFormatError(
                f"{where}: time goes backwards ({event.ts.isoformat()} is before "
                f"{prev.isoformat()} on the line above)"
            )
        prev = event.ts
        yield where, event


def unreadable(seq: int, problem: str) -> Event:
    """What a store gives for a record whose body it cannot parse (written behind its back).

    Its kind is not a known kind, so nothing applies it; projections count it.
    """
    from datetime import UTC

    return Event(UNREADABLE, datetime(1970, 1, 1, tzinfo=UTC), None,
                 {"problem": problem[:300]}, seq)


#: the kind of :func:`unreadable` records (never written)
UNREADABLE = "unreadable"

# ----------------------------------------------------------------- families of kinds
# One home for the subsets of kinds other modules test against; each checks its own.

#: what a hall command writes about one ticket after its ``issued`` (the ticket's life)
TICKET_LIFECYCLE = frozenset(
    {"called", "recalled", "completed", "no_show", "transferred", "prioritized", "cancelled",
     "parked", "unparked"}
)
#: what a hall command writes about a counter
COUNTER_KINDS = frozenset(
    {"counter_open", "counter_pause", "counter_resume", "counter_close", "counter_services"}
)


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    n = 0
    for e in events:
        out.write(json.dumps(e.to_json(), ensure_ascii=False) + "\n")
        n += 1
    return n


# --------------------------------------------------------------------------- hash chain

GENESIS = "0" * 64


def body_hash(event: Event) -> str:
    """The SHA-256 of an event's canonical body."""
    return hashlib.sha256(event.canonical().encode("utf-8")).hexdigest()


def link_hash(prev_hash: str, body_digest: str) -> str:
    """The hash of a record from the record before it and its body's hash.

    The chain covers each body through its hash, so retention can remove an
    old body (keeping its hash) and the chain still verifies; any change to
    a kept body, or to the order, is still detected.
    """
    return hashlib.sha256((prev_hash + body_digest).encode("ascii")).hexdigest()


def chain_hash(prev_hash: str, event: Event) -> str:
    """The hash of a record: covers the previous record's hash and this event."""
    return link_hash(prev_hash, body_hash(event))
