"""The store interface: an append-only, hash-chained event log.

A store keeps events in order, each with a sequence number (``seq``, from 1)
and the hash of the record before it. Writers take an exclusive
:meth:`Store.transaction`: inside it they read what others appended since
they last looked, check their command against that, and append; so two
processes never act on a stale state and never give the same number.

Secrets are kept beside the log, never in it: the argon2 hash of a staff
PIN lives in the store's ``staff_pins`` table, one row per PIN set, keyed by
the ``seq`` of the ``staff_added`` / ``staff_pin_set`` event that set it.
An event handed to :meth:`Transaction.append` with a ``pin_hash`` (an old
export being imported) has it moved to that table; what is read back,
exported or copied as the log never carries one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.clock import Clock, SystemClock
from app.events import Event

if TYPE_CHECKING:
    from app.store.checkpoint import Checkpoint, Signer


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of checking the hash chain."""

    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""


#: the events that may set a PIN, and the field an old log kept its hash in
PIN_EVENTS = frozenset({"staff_added", "staff_pin_set"})
PIN_FIELD = "pin_hash"


@dataclass(frozen=True)
class PinRow:
    """One PIN set: the log record that set it, whose PIN, and its argon2 hash."""

    seq: int
    staff: str
    pin_hash: str


def split_pin(event: Event) -> tuple[Event, str | None]:
    """The event without a PIN hash, and the hash it carried (None: none).

    A log written before PINs moved to their own table kept the hash in the
    staff event; every way into a store goes through this, so none stays.
    """
    if event.kind not in PIN_EVENTS or PIN_FIELD not in event.data:
        return event, None
    data = {k: v for k, v in event.data.items() if k != PIN_FIELD}
    secret = event.data[PIN_FIELD]
    return Event(event.kind, event.ts, event.actor, data, event.seq), (
        secret if isinstance(secret, str) and secret else None)


class Transaction(ABC):
    """An exclusive write transaction. Committed on normal exit, rolled back on error.

    ``checked`` (default True) applies the sense rules to every append; only a
    faithful copy of a log whose chain verified (``motcua store copy``) turns
    it off, so a voided bad record travels with the void that sets it aside.
    """

    checked: bool = True

    @abstractmethod
    def read_after(self, seq: int) -> list[Event]:
        """Events appended after ``seq`` (by anyone), in order."""

    @abstractmethod
    def append(self, event: Event) -> Event:
        """Append an event; returns it with its ``seq``.

        Refuses (:class:`app.validation.EventRefused`) an event that makes no
        sense (:func:`app.validation.check_event`): out of the store's time
        window, out of bounds, an unknown staff role, an absurd lockout.
        """

    def server_now(self) -> datetime | None:
        """The database server's clock, read under the write lock (None: no server)."""
        return None

    @abstractmethod
    def pin_hash(self, staff: str) -> str | None:
        """The current PIN hash of ``staff`` (the latest set), read under the write lock."""

    @abstractmethod
    def set_pin_hash(self, seq: int, staff: str, pin_hash: str) -> None:
        """Keep the PIN hash set by the event ``seq`` of this transaction, beside the log."""


class Store(ABC):
    """Where the hall's event log lives.

    ``clock`` bounds the time of appended events (no later than it plus
    :data:`app.validation.FUTURE_SKEW`); ``signer``, when set (by
    :func:`app.store.open_store`, from the data folder), signs a checkpoint of
    the head in every write transaction (:mod:`app.store.checkpoint`).
    """

    clock: Clock = SystemClock()
    signer: Signer | None = None
    #: the data folder holding the box's keys (None: not known)
    data_dir: str | None = None

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Transaction]:
        """An exclusive write transaction (blocks other writers until it ends)."""

    @abstractmethod
    def read_after(self, seq: int = 0, limit: int | None = None) -> list[Event]:
        """Events after ``seq``, in order (at most ``limit``)."""

    @abstractmethod
    def read_between(
        self, start: datetime | None = None, end: datetime | None = None
    ) -> Iterator[Event]:
        """Events with ``start <= ts < end``, in log order."""

    @abstractmethod
    def head(self) -> int:
        """The last sequence number (0 for an empty log)."""

    @abstractmethod
    def wait(self, after: int, timeout: float) -> bool:
        """Block until events after ``after`` exist (True) or ``timeout`` s pass (False)."""

    @abstractmethod
    def verify(self) -> VerifyResult:
        """Check the whole hash chain."""

    def append_all(self, events: Iterable[Event]) -> list[Event]:
        """Append many events in one transaction: all or nothing."""
        with self.transaction() as txn:
            return [txn.append(e) for e in events]

    def redact(self, seqs: list[int]) -> int:
        """Remove the bodies of these records (retention); returns how many went.

        Each record keeps its body's hash, which the chain covers, so the
        chain still verifies and nothing else can be changed unnoticed.
        Redacted records are no longer read. Callers append a ``purged``
        event recording what was removed, so the purge is itself on record.
        """
        raise NotImplementedError(f"{type(self).__name__} cannot redact")

    def created_at(self) -> datetime | None:
        """When this store took its first write (None: not yet)."""
        return None

    def record_hash(self, seq: int) -> str | None:
        """The chain hash of record ``seq`` (None: no such record)."""
        return None

    def checkpoints(self) -> list[Checkpoint]:
        """The signed checkpoints kept beside the log, in order."""
        return []

    @abstractmethod
    def pin_turn(self) -> AbstractContextManager[None]:
        """Sign-ins take turns (threads, processes, the hall's machines), writers do not wait.

        A sign-in checks its PIN inside this and then records the outcome in one
        write transaction, so no two PIN checks overlap and the lockout count
        cannot be raced, while issuing never waits for an argon2 check.
        """

    @abstractmethod
    def pin_hash(self, staff: str) -> str | None:
        """The current PIN hash of ``staff`` (None: none), read outside a transaction."""

    @abstractmethod
    def pin_rows(self) -> list[PinRow]:
        """Every PIN set kept beside the log, in log order (for ``store copy``)."""

    def body_hashes(self) -> set[str]:
        """The body hash of every record: how an import recognises what is already here."""
        from app.events import body_hash

        out: set[str] = set()
        last = 0
        while True:
            page = self.read_after(last, limit=5000)
            if not page:
                return out
            out.update(body_hash(e) for e in page)
            last = page[-1].seq or last

    @abstractmethod
    def describe(self) -> str:
        """Where the store is, for people (no passwords)."""

    @abstractmethod
    def size_bytes(self) -> int | None:
        """How much space the log takes, if known."""

    def close(self) -> None:  # noqa: B027
        """Release connections."""
