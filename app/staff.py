"""Staff accounts, PINs, roles, sign-in, lockout and sessions.

Accounts live in the event log like everything else (``staff_added``,
``staff_pin_set``, ``staff_disabled``, ``staff_enabled``), so every store
that keeps events keeps accounts, and every change to an account is on the
audit trail. Those events carry the argon2 hash of a PIN, never the PIN; a
PIN is never logged, printed or put in an exception message.

Sign-in failures are events too (``staff_signin_failed``, without the PIN).
After ``staff.max_failed_pins`` failures within ``staff.lockout_seconds``
the account, and separately the PIN pad where they were typed, are locked
for ``staff.lockout_seconds`` (a ``staff_locked`` event). Because lockouts
are projected from the shared log, restarting the kiosk or trying another
process on the same store does not reset them.

A :class:`Session` ends after ``staff.session_seconds`` without a touch;
:meth:`StaffAuth.require` checks both the session and the role's permission
(:data:`app.actions.ACTIONS`), and the counter for actions tied to one, so the
screens cannot forget either. Time comes from an injected clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.actions import ACTIONS, Scope
from app.actions import Role as Role  # the roles live with the table of actions
from app.actions import allowed as allowed
from app.clock import Clock, SystemClock
from app.config import Config
from app.errors import CommandRefused
from app.events import Event, parse_ts
from app.store.base import Store

STAFF_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
PIN_RE = re.compile(r"^[0-9]{4,12}$")

#: the event kinds this module projects
STAFF_EVENTS = frozenset(
    {
        "staff_added",
        "staff_pin_set",
        "staff_disabled",
        "staff_enabled",
        "staff_signin",
        "staff_signout",
        "staff_signin_failed",
        "staff_locked",
        "staff_unlocked",
    }
)


def check_staff_id(staff_id: str) -> str:
    if not STAFF_ID_RE.match(staff_id):
        raise CommandRefused(
            "bad_staff_id",
            f'"{staff_id}" is not a valid staff number: use 1-32 letters, digits, "_", "." or "-".',
            params={"staff": staff_id},
        )
    return staff_id


def check_pin(pin: str) -> str:
    # the message never repeats the PIN
    if not PIN_RE.match(pin):
        raise CommandRefused("bad_pin", "A PIN must be 4 to 12 digits.")
    if len(set(pin)) == 1:
        raise CommandRefused("weak_pin", "A PIN must not be one digit repeated.")
    return pin


@dataclass
class Account:
    """A staff account as projected from the log (holds the PIN's hash, not the PIN)."""

    id: str
    name: str
    role: Role
    pin_hash: str
    enabled: bool = True
    counters: tuple[int, ...] = ()
    created_at: datetime | None = None
    last_signin: datetime | None = None


@dataclass
class Session:
    """A signed-in staff member at one PIN pad or console."""

    staff: str
    name: str
    role: Role
    pad: str
    started_at: datetime
    last_touch: datetime
    counters: tuple[int, ...] = ()
    ended: bool = False
    #: idle limit of this session in seconds (None: ``staff.session_seconds``); the
    #: counter console allows longer, since staff serve a citizen without touching it
    timeout_s: float | None = None

    def touch(self, now: datetime) -> None:
        """Any touch or key press keeps the session alive."""
        self.last_touch = now

    def expires_at(self, timeout_s: float) -> datetime:
        return self.last_touch + timedelta(seconds=timeout_s)

    def can(self, action: str) -> bool:
        return allowed(self.role, action)

    def check_counter(self, action: str, counter: int | None) -> None:
        """Refuse ``action`` at ``counter`` when this staff member serves at other counters.

        Supervisors act anywhere; a staff account that names no counters serves at any.
        """
        act = ACTIONS.get(action)
        if (counter is None or act is None or act.scope is Scope.NONE
                or self.role is not Role.STAFF or not self.counters
                or counter in self.counters):
            return
        mine = ", ".join(map(str, self.counters))
        raise CommandRefused(
            "not_your_counter",
            f"You serve at counter {mine}, not {counter}: ask a supervisor or "
            f"the staff of counter {counter}.",
            params={"counter": counter, "yours": list(self.counters), "action": action},
        )


@dataclass
class _Directory:
    """The projection of the staff events."""

    window_s: float
    accounts: dict[str, Account] = field(default_factory=dict)
    #: recent failure times per ("staff", id) or ("pad", pad)
    failures: dict[tuple[str, str], list[datetime]] = field(default_factory=dict)
    locks: dict[tuple[str, str], datetime] = field(default_factory=dict)
    last_seq: int = 0

    def apply(self, e: Event) -> None:
        if e.seq is not None:
            self.last_seq = max(self.last_seq, e.seq)
        if e.kind not in STAFF_EVENTS:
            return
        sid = str(e.get("staff", ""))
        acc = self.accounts.get(sid)
        if e.kind == "staff_added":
            counters = e.get("counters") or []
            self.accounts[sid] = Account(
                sid, str(e["name"]), Role(str(e["staff_role"])), str(e["pin_hash"]),
                True, tuple(int(c) for c in counters), e.ts,
            )
        elif e.kind == "staff_pin_set" and acc is not None:
            acc.pin_hash = str(e["pin_hash"])
            # a new PIN lifts the account's lockout
            self.locks.pop(("staff", sid), None)
            self.failures.pop(("staff", sid), None)
        elif e.kind == "staff_disabled" and acc is not None:
            acc.enabled = False
        elif e.kind == "staff_enabled" and acc is not None:
            acc.enabled = True
        elif e.kind == "staff_signin":
            if acc is not None:
                acc.last_signin = e.ts
            self.failures.pop(("staff", sid), None)
            self.failures.pop(("pad", str(e["pad"])), None)
        elif e.kind == "staff_signin_failed":
            keys = [("pad", str(e["pad"]))]
            if acc is not None:
                keys.append(("staff", sid))
            for key in keys:
                recent = [t for t in self.failures.get(key, []) if self._recent(t, e.ts)]
                recent.append(e.ts)
                self.failures[key] = recent
        elif e.kind == "staff_locked":
            key = ("staff", sid) if e.get("staff") else ("pad", str(e["pad"]))
            self.locks[key] = parse_ts(e["until"])
            self.failures.pop(key, None)
        elif e.kind == "staff_unlocked":
            for key in (("staff", str(e.get("staff"))), ("pad", str(e.get("pad")))):
                self.locks.pop(key, None)
                self.failures.pop(key, None)

    def _recent(self, t: datetime, now: datetime) -> bool:
        return (now - t).total_seconds() < self.window_s

    def locked_until(self, key: tuple[str, str], now: datetime) -> datetime | None:
        until = self.locks.get(key)
        return until if until is not None and now < until else None

    def recent_failures(self, key: tuple[str, str], now: datetime) -> int:
        return sum(1 for t in self.failures.get(key, []) if self._recent(t, now))


class StaffAuth:
    """Staff accounts and sign-in over the event log.

    Writes go through the store's exclusive transaction after catching up
    with what other processes appended, so two kiosks agree on lockouts and
    an account id is never created twice.
    """

    def __init__(
        self,
        config: Config,
        store: Store,
        clock: Clock | None = None,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.clock = clock or SystemClock()
        self.hasher = hasher or PasswordHasher()
        self._dir = _Directory(window_s=float(config.staff.lockout_seconds))
        self._voided: set[int] = set()
        #: stored staff events that could not be applied (doctor names them)
        self.unapplied = 0
        self._dummy_hash: str | None = None

    # ------------------------------------------------------------------ reading

    @property
    def session_seconds(self) -> int:
        return self.config.staff.session_seconds

    def now(self) -> datetime:
        return self.clock.now().astimezone(self.config.hall.zone)

    def sync(self) -> None:
        """Catch up with staff events appended by anyone since we last looked.

        Voided records are left out (a void of one already applied rebuilds the
        directory), and a stored event that cannot be applied is skipped.
        """
        self._fold(self.store.read_after(self._dir.last_seq), self.store.read_after)

    def _fold(self, new: list[Event], read_after: Callable[[int], list[Event]]) -> None:
        from app.hall import voided_targets

        voids = voided_targets(new) - self._voided
        if voids and min(voids) <= self._dir.last_seq:
            self._dir = _Directory(window_s=self._dir.window_s)
            new = read_after(0)
        self._voided |= voids
        for e in new:
            if e.seq in self._voided:
                self._dir.last_seq = max(self._dir.last_seq, e.seq or 0)
                continue
            try:
                self._dir.apply(e)
            except (ValueError, TypeError, KeyError, OverflowError):
                self.unapplied += 1

    def accounts(self) -> list[Account]:
        self.sync()
        return sorted(self._dir.accounts.values(), key=lambda a: a.id)

    def account(self, staff_id: str) -> Account | None:
        self.sync()
        return self._dir.accounts.get(staff_id)

    def locked_until(self, staff: str | None = None, pad: str | None = None) -> datetime | None:
        """When the lockout of an account (or a pad) ends; None when not locked."""
        self.sync()
        now = self.now()
        if staff is not None:
            return self._dir.locked_until(("staff", staff), now)
        if pad is not None:
            return self._dir.locked_until(("pad", pad), now)
        return None

    # ------------------------------------------------------------------ writing

    def _append(self, actor: str, kind: str, check: Callable[[], object] | None = None,
                **data: object) -> Event:
        """Append one event after catching up, inside one exclusive transaction."""
        with self.store.transaction() as txn:
            self._fold(txn.read_after(self._dir.last_seq), txn.read_after)
            if check is not None:
                check()
            stored = txn.append(Event(kind, self.now(), actor, dict(data)))
        self._dir.apply(stored)
        return stored

    def _hash(self, pin: str) -> str:
        return self.hasher.hash(check_pin(pin))

    def add(
        self,
        actor: str,
        staff_id: str,
        name: str,
        role: Role | str,
        pin: str,
        counters: Iterable[int] = (),
        actor_role: str | None = None,
    ) -> Account:
        """Create an account; refuses an id that exists (even disabled)."""
        check_staff_id(staff_id)
        if not name.strip():
            raise CommandRefused("bad_name", "Give the staff member's name.")
        try:
            r = Role(role)
        except ValueError:
            raise CommandRefused(
                "bad_role",
                f'"{role}" is not a role; roles: {", ".join(x.value for x in Role)}.',
                params={"role": str(role)},
            ) from None
        nums = sorted({int(c) for c in counters})
        known = {c.number for c in self.config.counters}
        for n in nums:
            if n not in known:
                raise CommandRefused("unknown_counter", f"There is no counter {n}.",
                                     params={"counter": n})
        pin_hash = self._hash(pin)

        def unique() -> None:
            if staff_id in self._dir.accounts:
                raise CommandRefused("duplicate_staff", f"Staff number {staff_id} is taken.",
                                     params={"staff": staff_id})

        data: dict[str, object] = {
            "staff": staff_id, "name": name.strip(), "staff_role": r.value, "pin_hash": pin_hash,
        }
        if nums:
            data["counters"] = nums
        if actor_role:
            data["role"] = actor_role
        self._append(actor, "staff_added", unique, **data)
        acc = self._dir.accounts[staff_id]
        return acc

    def _existing(self, staff_id: str) -> Account:
        acc = self._dir.accounts.get(staff_id)
        if acc is None:
            raise CommandRefused("unknown_staff", f"There is no staff number {staff_id}.",
                                 params={"staff": staff_id})
        return acc

    def reset_pin(self, actor: str, staff_id: str, pin: str, actor_role: str | None = None,
                  reason: str | None = None) -> None:
        """Set a new PIN (and lift the account's lockout)."""
        pin_hash = self._hash(pin)
        extra = {k: v for k, v in (("role", actor_role), ("reason", reason)) if v}
        self._append(actor, "staff_pin_set", lambda: self._existing(staff_id),
                     staff=staff_id, pin_hash=pin_hash, **extra)

    def set_enabled(self, actor: str, staff_id: str, enabled: bool,
                    actor_role: str | None = None, reason: str | None = None) -> None:
        def check() -> None:
            acc = self._existing(staff_id)
            if acc.enabled == enabled:
                raise CommandRefused(
                    "no_change",
                    f"Staff number {staff_id} is already {'enabled' if enabled else 'disabled'}.",
                    params={"staff": staff_id},
                )

        extra = {k: v for k, v in (("role", actor_role), ("reason", reason)) if v}
        self._append(actor, "staff_enabled" if enabled else "staff_disabled", check,
                     staff=staff_id, **extra)

    def unlock(self, actor: str, staff: str | None = None, pad: str | None = None,
               actor_role: str | None = None, reason: str | None = None) -> None:
        """Lift a lockout of an account and/or a pad before it runs out."""
        if staff is None and pad is None:
            raise CommandRefused("unlock_what", "Name a staff number or a PIN pad to unlock.")
        data: dict[str, object] = {k: v for k, v in (("staff", staff), ("pad", pad),
                                                     ("role", actor_role), ("reason", reason)) if v}
        self._append(actor, "staff_unlocked", None, **data)

    # ------------------------------------------------------------------ sign-in

    def _verify(self, pin_hash: str, pin: str) -> bool:
        try:
            return bool(self.hasher.verify(pin_hash, pin))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def _lock_refusal(self, until: datetime) -> CommandRefused:
        local = until.astimezone(self.config.hall.zone)
        minutes = max(1, round((until - self.now()).total_seconds() / 60))
        return CommandRefused(
            "locked",
            f"Too many wrong PINs: sign-in is locked until {local:%H:%M}.",
            params={"until": local.isoformat(), "minutes": minutes},
        )

    def sign_in(self, staff_id: str, pin: str, pad: str) -> Session:
        """Check a staff number and PIN typed at ``pad``; a session or a refusal.

        Wrong or unknown numbers get the same answer, so the pad does not tell
        a stranger which staff numbers exist.
        """
        self.sync()
        now = self.now()
        for key in (("pad", pad), ("staff", staff_id)):
            until = self._dir.locked_until(key, now)
            if until is not None:
                raise self._lock_refusal(until)
        acc = self._dir.accounts.get(staff_id)
        if acc is None:
            # spend the same time as a real check
            if self._dummy_hash is None:
                self._dummy_hash = self.hasher.hash("0000000000")
            self._verify(self._dummy_hash, pin)
            ok, why = False, "unknown_account"
        else:
            ok = self._verify(acc.pin_hash, pin)
            why = "wrong_pin"
            if ok and not acc.enabled:
                ok, why = False, "disabled"
        if ok and acc is not None:
            self._append(acc.id, "staff_signin", None, staff=acc.id, pad=pad, role=acc.role.value)
            return Session(acc.id, acc.name, acc.role, pad, now, now, acc.counters)
        self._record_failure(staff_id if acc is not None else "unknown", pad, why)
        if why == "disabled":
            raise CommandRefused("disabled", "This staff account is disabled; ask a supervisor.",
                                 params={"staff": staff_id})
        raise CommandRefused("wrong_pin", "Wrong staff number or PIN.")

    def _record_failure(self, staff_id: str, pad: str, why: str) -> None:
        limit = self.config.staff.max_failed_pins
        lock_s = self.config.staff.lockout_seconds
        with self.store.transaction() as txn:
            self._fold(txn.read_after(self._dir.last_seq), txn.read_after)
            now = self.now()
            failed = txn.append(Event("staff_signin_failed", now, pad,
                                      {"staff": staff_id, "pad": pad, "why": why}))
            self._dir.apply(failed)
            until = (now + timedelta(seconds=lock_s)).isoformat()
            locks: list[dict[str, object]] = []
            if self._dir.recent_failures(("pad", pad), now) >= limit:
                locks.append({"pad": pad, "until": until})
            if (staff_id in self._dir.accounts
                    and self._dir.recent_failures(("staff", staff_id), now) >= limit):
                locks.append({"staff": staff_id, "pad": pad, "until": until})
            for data in locks:
                self._dir.apply(txn.append(Event("staff_locked", now, pad, data)))

    def sign_out(self, session: Session, why: str = "signed_out") -> None:
        """End a session (on request, on timeout); recorded once."""
        if session.ended:
            return
        session.ended = True
        self._append(session.staff, "staff_signout", None, staff=session.staff,
                     pad=session.pad, why=why, role=session.role.value)

    def alive(self, session: Session) -> bool:
        """True while the session has been touched within its idle limit."""
        limit = session.timeout_s if session.timeout_s is not None else self.session_seconds
        return not session.ended and self.now() < session.expires_at(limit)

    def require(self, session: Session | None, action: str, counter: int | None = None) -> None:
        """Refuse unless the session is alive and its role may take ``action`` (at ``counter``)."""
        if session is None:
            raise CommandRefused("not_signed_in", "Sign in with your staff PIN first.")
        if not self.alive(session):
            if not session.ended:
                self.sign_out(session, "timeout")
            raise CommandRefused("session_expired",
                                 "Your staff session has ended; sign in again.")
        if not session.can(action):
            raise CommandRefused(
                "not_allowed",
                f"A {session.role.value} may not do this ({action}); ask a supervisor.",
                params={"action": action, "role": session.role.value},
            )
        session.check_counter(action, counter)
        session.touch(self.now())
