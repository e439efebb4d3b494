"""Staff accounts, PINs, roles, sign-in, lockout and sessions.

Accounts live in the event log like everything else (``staff_added``,
``staff_pin_set``, ``staff_disabled``, ``staff_enabled``), so every store
that keeps events keeps accounts, and every change to an account is on the
audit trail: who, role, counters, enabled. The PIN's argon2id hash is not in
those events: the store keeps it beside the log (its ``staff_pins`` table,
:meth:`app.store.base.Transaction.set_pin_hash`), so an export, a copy of the
log, a display or the phone page never sees it. A PIN is never logged,
printed or put in an exception message.

Sign-in failures are events too (``staff_signin_failed``, without the PIN).
Sign-ins take turns (the store's :meth:`~app.store.base.Store.pin_turn`, apart
from the writers' lock): each catches up with the log, refuses a locked
account or pad, checks the PIN against its hash, and then counts, decides any
lockout and records the outcome in one write transaction, so parallel PIN
pads (threads, processes, kiosks of a hall) never get more wrong guesses
checked than the limit, and issuing never waits for a hash check. The lockout
escalates (:class:`app.config.StaffConfig`): wrong PINs count over
``staff.failure_window_seconds`` since the last good sign-in, so slow
guessing adds up; ``max_failed_pins`` lock the account and the pad for
``lockout_seconds``, ``long_lockout_failed_pins`` for
``long_lockout_seconds``, and ``supervisor_unlock_failed_pins`` lock the
account until a supervisor unlocks it with a reason (``staff_unlocked``).
Every lockout is a ``staff_locked`` event naming how many wrong PINs since
when. Because lockouts are projected from the shared log, restarting the
kiosk or trying another process on the same store does not reset them.

A disabled account, an unknown staff number and a wrong PIN get the same
answer after the same work (a hash is always checked).

A :class:`Session` ends after ``staff.session_seconds`` without a touch;
:meth:`StaffAuth.require` checks both the session and the role's permission
(:data:`app.actions.ACTIONS`), and the counter for actions tied to one, so the
screens cannot forget either. Time comes from an injected clock.
"""

from __future__ import annotations

import re
import threading
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
from app.store.base import Store, Transaction

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
    """A staff account as projected from the log (its PIN's hash is kept by the store)."""

    id: str
    name: str
    role: Role
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


@dataclass(frozen=True)
class Lock:
    """A lockout of an account or a pad: until when (None: until a supervisor unlocks)."""

    until: datetime | None
    failures: int = 0


@dataclass
class _Directory:
    """The projection of the staff events."""

    #: how long a wrong PIN counts (``staff.failure_window_seconds``)
    window_s: float
    accounts: dict[str, Account] = field(default_factory=dict)
    #: counted failure times per ("staff", id) or ("pad", pad), since the last clearing
    failures: dict[tuple[str, str], list[datetime]] = field(default_factory=dict)
    locks: dict[tuple[str, str], Lock] = field(default_factory=dict)
    last_seq: int = 0

    def _clear(self, key: tuple[str, str]) -> None:
        self.locks.pop(key, None)
        self.failures.pop(key, None)

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
                sid, str(e["name"]), Role(str(e["staff_role"])),
                True, tuple(int(c) for c in counters), e.ts,
            )
        elif e.kind == "staff_pin_set" and acc is not None:
            # a new PIN lifts the account's lockout
            self._clear(("staff", sid))
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
            until = e.get("until")
            # failures stay counted: the next lockout is the longer one
            self.locks[key] = Lock(None if until is None else parse_ts(until),
                                   int(e.get("failures") or 0))
        elif e.kind == "staff_unlocked":
            for key in (("staff", str(e.get("staff"))), ("pad", str(e.get("pad")))):
                self._clear(key)

    def _recent(self, t: datetime, now: datetime) -> bool:
        return (now - t).total_seconds() < self.window_s

    def lock(self, key: tuple[str, str], now: datetime) -> Lock | None:
        """The lockout of ``key`` in force at ``now`` (None: not locked)."""
        lock = self.locks.get(key)
        if lock is None or (lock.until is not None and now >= lock.until):
            return None
        return lock

    def counted(self, key: tuple[str, str], now: datetime) -> list[datetime]:
        """The times of the wrong PINs of ``key`` that still count at ``now``."""
        return [t for t in self.failures.get(key, []) if self._recent(t, now)]


class StaffAuth:
    """Staff accounts and sign-in over the event log.

    Writes go through the store's exclusive transaction after catching up
    with what other processes appended, so two kiosks agree on lockouts and
    an account id is never created twice. One object may serve several
    threads (PIN pads): its projection is guarded by a lock.
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
        self._dir = _Directory(window_s=float(config.staff.failure_window_seconds))
        self._voided: set[int] = set()
        #: guards the projection; taken before the store's write lock, never after
        self._mutex = threading.RLock()
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
        with self._mutex:
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

    def lock(self, staff: str | None = None, pad: str | None = None) -> Lock | None:
        """The lockout in force on an account (or a pad); None when not locked."""
        self.sync()
        now = self.now()
        with self._mutex:
            if staff is not None:
                return self._dir.lock(("staff", staff), now)
            if pad is not None:
                return self._dir.lock(("pad", pad), now)
        return None

    def locked_until(self, staff: str | None = None, pad: str | None = None) -> datetime | None:
        """When the lockout of an account (or a pad) ends; None when not locked.

        A lockout that only a supervisor lifts ends at ``datetime.max``.
        """
        lock = self.lock(staff, pad)
        if lock is None:
            return None
        return lock.until or datetime.max.replace(tzinfo=self.config.hall.zone)

    # ------------------------------------------------------------------ writing

    def _append(self, actor: str, kind: str, check: Callable[[], object] | None = None,
                pin_hash: str | None = None, /, **data: object) -> Event:
        """Append one event after catching up, inside one exclusive transaction.

        ``pin_hash`` goes beside the log (the store's PIN table), never into the event.
        """
        with self._mutex:
            with self.store.transaction() as txn:
                self._fold(txn.read_after(self._dir.last_seq), txn.read_after)
                if check is not None:
                    check()
                stored = txn.append(Event(kind, self.now(), actor, dict(data)))
                if pin_hash is not None and stored.seq is not None:
                    txn.set_pin_hash(stored.seq, str(data["staff"]), pin_hash)
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

        data: dict[str, object] = {"staff": staff_id, "name": name.strip(), "staff_role": r.value}
        if nums:
            data["counters"] = nums
        if actor_role:
            data["role"] = actor_role
        self._append(actor, "staff_added", unique, pin_hash, **data)
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
                     pin_hash, staff=staff_id, **extra)

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
        """Lift a lockout of an account and/or a pad, timed or for good; on record with why.

        Only a supervisor (or the command line's administrator) may; the screens
        check the ``unlock`` permission, and the core refuses other roles too.
        """
        if staff is None and pad is None:
            raise CommandRefused("unlock_what", "Name a staff number or a PIN pad to unlock.")
        if actor_role in (Role.STAFF.value, Role.TECHNICIAN.value):
            raise CommandRefused(
                "not_allowed", f"A {actor_role} may not do this (unlock); ask a supervisor.",
                params={"action": "unlock", "role": actor_role},
            )
        if not (reason or "").strip():
            raise CommandRefused(
                "reason_text", "Say why the lockout is lifted (--reason): it goes on record.")
        data: dict[str, object] = {k: v for k, v in (("staff", staff), ("pad", pad),
                                                     ("role", actor_role), ("reason", reason)) if v}
        self._append(actor, "staff_unlocked", None, **data)

    # ------------------------------------------------------------------ sign-in

    def _verify(self, pin_hash: str, pin: str) -> bool:
        try:
            return bool(self.hasher.verify(pin_hash, pin))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def _lock_refusal(self, lock: Lock) -> CommandRefused:
        if lock.until is None:
            return CommandRefused(
                "locked_supervisor",
                "Too many wrong PINs: sign-in stays locked until a supervisor unlocks it.",
                params={"failures": lock.failures},
            )
        local = lock.until.astimezone(self.config.hall.zone)
        minutes = max(1, round((lock.until - self.now()).total_seconds() / 60))
        return CommandRefused(
            "locked",
            f"Too many wrong PINs: sign-in is locked until {local:%H:%M}.",
            params={"until": local.isoformat(), "minutes": minutes},
        )

    def sign_in(self, staff_id: str, pin: str, pad: str) -> Session:
        """Check a staff number and PIN typed at ``pad``; a session or a refusal.

        Wrong or unknown numbers and disabled accounts get the same answer
        after the same work (a hash is checked every time), so the pad does
        not tell a stranger which staff numbers exist or work. The lock check,
        the PIN check and the count of wrong PINs cannot be raced by another
        pad: sign-ins take turns (:meth:`app.store.base.Store.pin_turn`), and
        the count, the lockout decision and the outcome are one write
        transaction, which never waits for the (slow, on purpose) hash check.
        """
        if self._dummy_hash is None:
            # made before the first check, so no answer is slower for an unknown number
            self._dummy_hash = self.hasher.hash("0000000000")
        # a lockout already on record is refused without waiting for a turn (a guesser's
        # pads do not hold up the staff's)
        lock = self.lock(pad=pad) or self.lock(staff=staff_id)
        if lock is not None:
            raise self._lock_refusal(lock)
        with self.store.pin_turn():
            # no other sign-in, here or on another machine, checks a PIN until this one's
            # outcome is recorded; issuing and other writes go on meanwhile
            self.sync()
            with self._mutex:
                now = self.now()
                for key in (("pad", pad), ("staff", staff_id)):
                    lock = self._dir.lock(key, now)
                    if lock is not None:
                        raise self._lock_refusal(lock)  # nothing checked, nothing written
                known = staff_id in self._dir.accounts
            pin_hash = self.store.pin_hash(staff_id) if known else None
            ok = self._verify(pin_hash or self._dummy_hash, pin) and pin_hash is not None
            with self._mutex:
                with self.store.transaction() as txn:
                    # count and check in the transaction that records the outcome, with
                    # what others wrote meanwhile (a new PIN, a disabling) taken in
                    self._fold(txn.read_after(self._dir.last_seq), txn.read_after)
                    now = self.now()
                    acc = self._dir.accounts.get(staff_id)
                    if ok and txn.pin_hash(staff_id) != pin_hash:
                        ok = False  # the PIN was changed while it was being checked
                    if acc is None:
                        why = "unknown_account"
                    elif not ok:
                        why = "wrong_pin"
                    else:
                        why = "" if acc.enabled else "disabled"
                    session: Session | None = None
                    if acc is not None and not why:
                        stored = [txn.append(Event("staff_signin", now, acc.id, {
                            "staff": acc.id, "pad": pad, "role": acc.role.value}))]
                        session = Session(acc.id, acc.name, acc.role, pad, now, now,
                                          acc.counters)
                    else:
                        stored = self._record_failure(txn, staff_id, acc is not None, pad, why,
                                                      now)
                for e in stored:
                    self._dir.apply(e)
        if session is None:
            # the same words for every failure: a disabled account is not told apart
            raise CommandRefused("wrong_pin", "Wrong staff number or PIN.")
        return session

    def _lock_for(self, kind: str, failures: int) -> tuple[bool, int | None]:
        """Whether ``failures`` wrong PINs lock a ``kind`` ("staff"/"pad"), and for how long.

        (True, None): until a supervisor unlocks (accounts only).
        """
        cfg = self.config.staff
        if kind == "staff" and failures >= cfg.supervisor_unlock_failed_pins:
            return True, None
        long_at = cfg.long_lockout_failed_pins
        if failures == long_at or (
                kind == "pad" and failures > long_at
                and (failures - long_at) % cfg.max_failed_pins == 0):
            return True, cfg.long_lockout_seconds
        if failures == cfg.max_failed_pins:
            return True, cfg.lockout_seconds
        return False, None

    def _record_failure(self, txn: Transaction, staff_id: str, known: bool, pad: str,
                        why: str, now: datetime) -> list[Event]:
        """Record a wrong PIN and the lockouts it brings, in the sign-in's transaction."""
        stored = [txn.append(Event("staff_signin_failed", now, pad, {
            "staff": staff_id if known else "unknown", "pad": pad, "why": why}))]
        keys = [("pad", pad)] + ([("staff", staff_id)] if known else [])
        for key in keys:
            counted = [*self._dir.counted(key, now), now]
            locks, seconds = self._lock_for(key[0], len(counted))
            if not locks:
                continue
            data: dict[str, object] = {"pad": pad, "failures": len(counted),
                                       "since": min(counted).isoformat()}
            if key[0] == "staff":
                data["staff"] = staff_id
            if seconds is None:
                data["supervisor"] = True
            else:
                data["until"] = (now + timedelta(seconds=seconds)).isoformat()
            stored.append(txn.append(Event("staff_locked", now, pad, data)))
        return stored

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
