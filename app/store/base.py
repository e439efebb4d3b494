"""The store interface: an append-only, hash-chained event log.

A store keeps events in order, each with a sequence number (``seq``, from 1)
and the hash of the record before it. Writers take an exclusive
:meth:`Store.transaction`: inside it they read what others appended since
they last looked, check their command against that, and append; so two
processes never act on a stale state and never give the same number.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime

from app.events import Event


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of checking the hash chain."""

    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""


class Transaction(ABC):
    """An exclusive write transaction. Committed on normal exit, rolled back on error."""

    @abstractmethod
    def read_after(self, seq: int) -> list[Event]:
        """Events appended after ``seq`` (by anyone), in order."""

    @abstractmethod
    def append(self, event: Event) -> Event:
        """Append an event; returns it with its ``seq``."""


class Store(ABC):
    """Where the hall's event log lives."""

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

    @abstractmethod
    def describe(self) -> str:
        """Where the store is, for people (no passwords)."""

    @abstractmethod
    def size_bytes(self) -> int | None:
        """How much space the log takes, if known."""

    def close(self) -> None:  # noqa: B027
        """Release connections."""
