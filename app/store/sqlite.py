"""The embedded store: SQLite in WAL mode, one file, shared by local processes.

Durability: every transaction is committed with ``synchronous=FULL``, so an
event whose append returned survives a power cut. Writers serialise on
``BEGIN IMMEDIATE``. Readers in other processes learn of new events by
watching ``PRAGMA data_version`` (a counter in the shared memory of the WAL,
no table read) and then reading only the rows after the last ``seq`` they
saw, through the primary key.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from app.errors import DiskFullError, StoreError
from app.events import GENESIS, Event, body_hash, from_json, link_hash, parse_ts, unreadable
from app.store.base import (
    PIN_EVENTS,
    PIN_FIELD,
    PinRow,
    Store,
    Transaction,
    VerifyResult,
    split_pin,
)
from app.store.checkpoint import Checkpoint, Signer
from app.validation import Window, check_event

SCHEMA_VERSION = 3

# The one change allowed to a record: retention removing its body (``purging``
# declared in meta), or a PIN hash moved out of an old staff record's body into
# staff_pins (``scrubbing``; the record is marked and keeps its body_hash, which
# verify checks against the body with the hash put back). Every hash stays.
_NO_UPDATE = """
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
WHEN NEW.body_hash != OLD.body_hash OR NEW.hash != OLD.hash
  OR NEW.prev_hash != OLD.prev_hash OR NEW.seq != OLD.seq
  OR NOT (((SELECT value FROM meta WHERE key = 'purging') IS NOT NULL AND NEW.body IS NULL)
       OR ((SELECT value FROM meta WHERE key = 'scrubbing') IS NOT NULL
           AND NEW.scrubbed = 1 AND NEW.body IS NOT NULL))
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
"""

# staff PIN hashes, beside the log and never in it (app.store.base.split_pin)
_PINS = """
CREATE TABLE IF NOT EXISTS staff_pins (
    seq      INTEGER PRIMARY KEY,
    staff    TEXT NOT NULL,
    pin_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_pins_staff ON staff_pins (staff, seq);
"""

# body is NULL once retention has removed it; body_hash stays, so the chain
# (which covers body_hash) still verifies.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    seq       INTEGER PRIMARY KEY,
    ts        TEXT    NOT NULL,
    ts_epoch  REAL    NOT NULL,
    kind      TEXT    NOT NULL,
    ticket    TEXT,
    body      TEXT,
    body_hash TEXT    NOT NULL,
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL,
    scrubbed  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS events_ts ON events (ts_epoch);
CREATE INDEX IF NOT EXISTS events_ticket ON events (ticket);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
""" + _NO_UPDATE + _PINS

# version 2 -> 3: PIN hashes move out of the log into staff_pins
_V2_TO_V3 = """
ALTER TABLE events ADD COLUMN scrubbed INTEGER NOT NULL DEFAULT 0;
DROP TRIGGER IF EXISTS events_no_update;
""" + _NO_UPDATE + _PINS

# signed checkpoints of the head (app.store.checkpoint): beside the log, not in it;
# made by the first writer of a store that predates them
_CHECKPOINTS = """
CREATE TABLE IF NOT EXISTS checkpoints (
    seq  INTEGER PRIMARY KEY,
    hash TEXT NOT NULL,
    ts   TEXT NOT NULL,
    key  TEXT NOT NULL,
    sig  TEXT NOT NULL
)
"""

#: how often a waiting reader looks at data_version (seconds)
POLL_INTERVAL = 0.05

log = logging.getLogger(__name__)


def _free_bytes(folder: Path) -> int | None:
    try:
        st = os.statvfs(folder)
    except OSError:
        return None
    return st.f_bavail * st.f_frsize


def store_error(exc: BaseException, path: Path, doing: str) -> StoreError:
    """The plain sentence for an SQLite or OS failure: full disk, busy, read-only, other."""
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc)
    diagnostic = f"SQLite {path} ({doing}): {text}"
    if code == sqlite3.SQLITE_FULL or "disk is full" in text or (
        isinstance(exc, OSError) and exc.errno == errno.ENOSPC
    ):
        free = _free_bytes(path.parent)
        shown = "" if free is None else f" ({free // 1024} KiB free)"
        return DiskFullError(
            f"The disk that holds the ticket store is full, so nothing was saved. Free space "
            f"on {path.parent}{shown} (old logs, backups, ticket pictures) or run "
            "`motcua purge`, then try again; see the runbook: disk full.",
            diagnostic,
        )
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "database is locked" in text:
        return StoreError("The ticket store is busy; please try again.", diagnostic)
    if code == sqlite3.SQLITE_READONLY or "readonly database" in text:
        return StoreError(
            f"The ticket store {path} cannot be written (read-only file or folder); "
            "please see staff.",
            diagnostic,
        )
    if doing in ("write", "commit"):
        return StoreError("The ticket could not be saved; please try again.", diagnostic)
    return StoreError("The ticket store cannot be opened; please see staff.", diagnostic)


def _row_to_event(seq: int, body: str) -> Event:
    try:
        # a store of schema 2, read without migrating it, may still hold PIN hashes
        return split_pin(from_json(json.loads(body)).with_seq(seq))[0]
    except (ValueError, TypeError) as exc:
        # written behind the program's back: the projection counts it, doctor names it
        return unreadable(seq, str(exc))


def _with_pin(body: str, pin_hash: str) -> Event:
    """A scrubbed record's event as it was written: its body with the PIN hash put back."""
    event = from_json(json.loads(body))
    return Event(event.kind, event.ts, event.actor, {**event.data, PIN_FIELD: pin_hash})


def _scrub(conn: sqlite3.Connection) -> int:
    """Move the PIN hashes still in staff records into staff_pins (in the caller's transaction).

    Each record keeps its body_hash (the chain covers it) and is marked, so
    verify checks it against its body with the hash put back from staff_pins.
    """
    kinds = sorted(PIN_EVENTS)
    rows = conn.execute(
        f"SELECT seq, body FROM events WHERE kind IN ({','.join('?' * len(kinds))})"
        " AND body IS NOT NULL AND scrubbed = 0 AND instr(body, ?) > 0",
        (*kinds, f'"{PIN_FIELD}"'),
    ).fetchall()
    moved = 0
    conn.execute("INSERT INTO meta (key, value) VALUES ('scrubbing', '1')")
    for seq, body in rows:
        try:
            event, secret = split_pin(from_json(json.loads(body)))
        except (ValueError, TypeError):
            continue  # not readable: the projection counts it, doctor names it
        if secret is None:
            continue
        conn.execute("INSERT OR REPLACE INTO staff_pins (seq, staff, pin_hash) VALUES (?, ?, ?)",
                     (seq, str(event.get("staff", "")), secret))
        conn.execute("UPDATE events SET body = ?, scrubbed = 1 WHERE seq = ?",
                     (event.canonical(), seq))
        moved += 1
    conn.execute("DELETE FROM meta WHERE key = 'scrubbing'")
    return moved


class _SQLiteTransaction(Transaction):
    def __init__(self, conn: sqlite3.Connection, now: datetime) -> None:
        self._conn = conn
        row = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        self._seq: int = int(row[0]) if row else 0
        self._hash: str = str(row[1]) if row else GENESIS
        created = conn.execute("SELECT value FROM meta WHERE key = 'created_at'").fetchone()
        if created is None:
            conn.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)",
                         (now.isoformat(),))
        self._window = Window.around(parse_ts(created[0]) if created else now, now)
        self.appended = 0

    def read_after(self, seq: int) -> list[Event]:
        rows = self._conn.execute(
            "SELECT seq, body FROM events WHERE seq > ? AND body IS NOT NULL ORDER BY seq", (seq,)
        ).fetchall()
        return [_row_to_event(s, b) for s, b in rows]

    def pin_hash(self, staff: str) -> str | None:
        row = self._conn.execute(
            "SELECT pin_hash FROM staff_pins WHERE staff = ? ORDER BY seq DESC LIMIT 1", (staff,)
        ).fetchone()
        return None if row is None else str(row[0])

    def set_pin_hash(self, seq: int, staff: str, pin_hash: str) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO staff_pins (seq, staff, pin_hash) VALUES (?, ?, ?)",
            (seq, staff, pin_hash),
        )

    def append(self, event: Event) -> Event:
        event, secret = split_pin(event)
        if self.checked:
            check_event(event.with_seq(self._seq + 1), self._window)
        digest = body_hash(event)
        h = link_hash(self._hash, digest)
        self._seq += 1
        self.appended += 1
        self._conn.execute(
            "INSERT INTO events (seq, ts, ts_epoch, kind, ticket, body, body_hash, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self._seq,
                event.ts.isoformat(),
                event.ts.timestamp(),
                event.kind,
                event.get("ticket"),
                event.canonical(),
                digest,
                self._hash,
                h,
            ),
        )
        self._hash = h
        if secret is not None:
            self.set_pin_hash(self._seq, str(event.get("staff", "")), secret)
        return event.with_seq(self._seq)

    def checkpoint(self, signer: Signer, now: datetime) -> None:
        """Sign the head and keep the checkpoint in this same transaction."""
        cp = signer.sign(self._seq, self._hash, now)
        self._conn.execute(
            "INSERT OR REPLACE INTO checkpoints (seq, hash, ts, key, sig) VALUES (?, ?, ?, ?, ?)",
            (cp.seq, cp.hash, cp.ts, cp.key, cp.sig),
        )


class SQLiteStore(Store):
    """The event log in one SQLite file (WAL mode)."""

    def __init__(
        self, path: str | Path, busy_timeout_s: float = 10.0, read_only: bool = False
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._busy_ms = int(busy_timeout_s * 1000)
        self._immutable = False
        # one connection per store, shared by the threads of this process
        self._lock = threading.RLock()
        self._turn_fd = -1
        self._pin_lock = threading.Lock()
        self._pin_fd = -1
        try:
            if read_only:
                if not self.path.exists():
                    raise StoreError(
                        f"There is no ticket store at {self.path} yet; the kiosk makes it "
                        "when it first starts.",
                        f"no SQLite store at {self.path}",
                    )
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = self._connect()
            # opening writes nothing when the schema is there: a reader starts while a
            # writer holds a long transaction, and on a read-only copy
            version = self._schema_version()
            if version is None and not read_only:
                with self._lock_ctx():
                    self._conn.executescript(_SCHEMA)
                    self._conn.execute(
                        "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                        (str(SCHEMA_VERSION),),
                    )
                version = self._schema_version()
        except StoreError:
            raise
        except (sqlite3.Error, OSError) as exc:
            raise store_error(exc, self.path, "open") from exc
        if version is None:
            raise StoreError(
                "The ticket store cannot be opened; please see staff.",
                f"{self.path} is not a motcua store (it has no schema version)",
            )
        if str(version) == "2" and not read_only:
            self._migrate_to_3()
            version = self._schema_version()
        #: schema 2 (read only, not migrated): no staff_pins, no scrubbed column
        self._v2 = str(version) == "2"
        if str(version) != str(SCHEMA_VERSION) and not (read_only and self._v2):
            raise StoreError(
                "The ticket store cannot be opened; please see staff.",
                f"{self.path} has store schema {version}, this program reads {SCHEMA_VERSION}",
            )
        self._watch_conn: sqlite3.Connection | None = None
        self._checkpoints_ready = False
        if not read_only:
            # writers of every process take turns on this file (see _writer_turn)
            self._turn_fd = os.open(str(self.path) + ".lock", os.O_RDWR | os.O_CREAT, 0o660)

    def _migrate_to_3(self) -> None:
        """Schema 2 to 3: the PIN hashes in staff records move to staff_pins, in one transaction."""
        turn = os.open(str(self.path) + ".lock", os.O_RDWR | os.O_CREAT, 0o660)
        try:
            self._turn_fd = turn
            with self._lock, self._writer_turn():
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    if self._schema_version() == "2":  # not done by another process meanwhile
                        for statement in _V2_TO_V3.split(";\n"):
                            if statement.strip():
                                self._conn.execute(statement)
                        moved = _scrub(self._conn)
                        self._conn.execute(
                            "UPDATE meta SET value = '3' WHERE key = 'schema_version'")
                        log.info("%s: store schema 2 -> 3, %d PIN hashes moved out of the log",
                                 self.path, moved)
                    self._conn.execute("COMMIT")
                except BaseException as exc:
                    self._rollback()
                    if isinstance(exc, sqlite3.Error):
                        raise store_error(exc, self.path, "write") from exc
                    raise
        finally:
            self._turn_fd = -1
            os.close(turn)

    def _schema_version(self) -> str | None:
        try:
            row = self._conn.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return None
            raise
        return None if row is None else str(row[0])

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            conn = self._connect_read_only()
        else:
            conn = sqlite3.connect(
                self.path, timeout=self._busy_ms / 1000, isolation_level=None,
                check_same_thread=False,
            )
        conn.execute(f"PRAGMA busy_timeout = {self._busy_ms}")
        if self.read_only:
            return conn
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        # what retention removes is overwritten, not left in free space
        conn.execute("PRAGMA secure_delete = ON")
        return conn

    def _connect_read_only(self) -> sqlite3.Connection:
        """A connection that never writes: ``mode=ro``, or ``immutable`` on a read-only copy.

        A WAL database opened read-only still needs its shared-memory file; on
        a copy in a read-only folder that cannot be made, so the copy is read
        as immutable (nobody can be writing to it).
        """
        uri = "file:" + quote(str(self.path.resolve())) + "?mode=ro"
        if self._immutable:
            uri += "&immutable=1"
        conn = sqlite3.connect(uri, uri=True, timeout=self._busy_ms / 1000,
                               isolation_level=None, check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            conn.close()
            # only a shared-memory file that cannot be made sends us to the immutable read
            if self._immutable or not ("unable to open" in str(exc) or "readonly" in str(exc)):
                raise
            log.info("reading %s as an immutable copy (%s)", self.path, exc)
            self._immutable = True
            return self._connect_read_only()
        return conn

    @contextmanager
    def _lock_ctx(self) -> Iterator[None]:
        with self._lock:
            yield

    @contextmanager
    def _writer_turn(self) -> Iterator[None]:
        """Take the writers' file lock, waiting at most the busy timeout.

        SQLite's own busy handler backs off up to 100 ms between tries, so
        under contention a writer can wait long and unfairly; a file lock
        polled at 1-5 ms hands the turn over promptly. The kernel drops the
        lock of a process that dies, so a crash never leaves it held.
        """
        with self._file_turn(self._turn_fd):
            yield

    @contextmanager
    def _file_turn(self, fd: int) -> Iterator[None]:
        deadline = time.monotonic() + self._busy_ms / 1000
        pause = 0.0005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(
                        "The ticket store is busy; please try again.",
                        f"another process kept {self.path} locked for {self._busy_ms} ms",
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.005)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)

    @contextmanager
    def pin_turn(self) -> Iterator[None]:
        """Sign-ins of every process take turns on their own file lock (not the writers')."""
        if self.read_only:
            raise StoreError("The ticket store is open for reading only.",
                             f"a sign-in was asked of {self.path}, opened read-only")
        with self._pin_lock:
            if self._pin_fd < 0:
                self._pin_fd = os.open(str(self.path) + ".pins.lock",
                                       os.O_RDWR | os.O_CREAT, 0o660)
            with self._file_turn(self._pin_fd):
                yield

    def pin_hash(self, staff: str) -> str | None:
        if self._v2:
            return None
        with self._lock:
            row = self._conn.execute(
                "SELECT pin_hash FROM staff_pins WHERE staff = ? ORDER BY seq DESC LIMIT 1",
                (staff,),
            ).fetchone()
        return None if row is None else str(row[0])

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        if self.read_only:
            raise StoreError("The ticket store is open for reading only.",
                             f"a write was asked of {self.path}, opened read-only")
        with self._lock, self._writer_turn():
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise store_error(exc, self.path, "begin") from exc
            try:
                if not self._checkpoints_ready:
                    self._conn.execute(_CHECKPOINTS)
                    self._checkpoints_ready = True
                now = self.clock.now()
                txn = _SQLiteTransaction(self._conn, now)
                yield txn
                if txn.appended and self.signer is not None:
                    txn.checkpoint(self.signer, now)
            except BaseException as exc:
                self._rollback()
                if isinstance(exc, sqlite3.Error):
                    raise store_error(exc, self.path, "write") from exc
                raise
            try:
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise store_error(exc, self.path, "commit") from exc

    def _rollback(self) -> None:
        """Roll back what is left: SQLite may already have (a full disk does that)."""
        if not self._conn.in_transaction:
            return
        try:
            self._conn.execute("ROLLBACK")
        except sqlite3.Error:
            log.exception("rollback failed on %s", self.path)

    def read_after(self, seq: int = 0, limit: int | None = None) -> list[Event]:
        sql = "SELECT seq, body FROM events WHERE seq > ? AND body IS NOT NULL ORDER BY seq"
        args: tuple[int, ...] = (seq,)
        if limit is not None:
            sql += " LIMIT ?"
            args = (seq, limit)
        with self._lock:
            rows = self._conn.execute(sql, args).fetchall()
        return [_row_to_event(s, b) for s, b in rows]

    def read_between(
        self, start: datetime | None = None, end: datetime | None = None
    ) -> Iterator[Event]:
        lo = start.timestamp() if start else float("-inf")
        hi = end.timestamp() if end else float("inf")
        last = 0
        while True:
            with self._lock:
                rows = self._conn.execute(
                    "SELECT seq, body FROM events WHERE seq > ? AND ts_epoch >= ? AND ts_epoch < ?"
                    " AND body IS NOT NULL ORDER BY seq LIMIT 5000",
                    (last, lo, hi),
                ).fetchall()
            if not rows:
                return
            for s, b in rows:
                yield _row_to_event(s, b)
            last = rows[-1][0]

    def head(self) -> int:
        with self._lock:
            row = self._conn.execute("SELECT max(seq) FROM events").fetchone()
        return int(row[0] or 0)

    def wait(self, after: int, timeout: float) -> bool:
        if self._watch_conn is None:
            self._watch_conn = self._connect()
        conn = self._watch_conn
        deadline = time.monotonic() + timeout
        version = None
        while True:
            v = conn.execute("PRAGMA data_version").fetchone()[0]
            if v != version:
                version = v
                row = conn.execute("SELECT max(seq) FROM events").fetchone()
                if int(row[0] or 0) > after:
                    return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            time.sleep(min(POLL_INTERVAL, remaining))

    def redact(self, seqs: list[int]) -> int:
        if self.read_only:
            raise StoreError("The ticket store is open for reading only.",
                             f"a purge was asked of {self.path}, opened read-only")
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise store_error(exc, self.path, "begin") from exc
            try:
                self._conn.execute("INSERT INTO meta (key, value) VALUES ('purging', '1')")
                n = 0
                for i in range(0, len(seqs), 500):
                    chunk = seqs[i : i + 500]
                    marks = ",".join("?" * len(chunk))
                    n += self._conn.execute(
                        f"UPDATE events SET body = NULL, ticket = NULL WHERE seq IN ({marks})"
                        " AND body IS NOT NULL",
                        chunk,
                    ).rowcount
                self._conn.execute("DELETE FROM meta WHERE key = 'purging'")
                self._conn.execute("COMMIT")
            except BaseException as exc:
                self._rollback()
                if isinstance(exc, sqlite3.Error):
                    raise store_error(exc, self.path, "write") from exc
                raise
            # old page images stay in the WAL until a checkpoint copies them over
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(n)

    def verify(self) -> VerifyResult:
        last, prev = 0, GENESIS
        checked = 0
        while True:
            scrubbed = "0" if self._v2 else "scrubbed"
            with self._lock:
                rows = self._conn.execute(
                    f"SELECT seq, body, body_hash, prev_hash, hash, {scrubbed} FROM events"
                    " WHERE seq > ? ORDER BY seq LIMIT 5000",
                    (last,),
                ).fetchall()
                pins = {} if self._v2 or not any(r[5] for r in rows) else dict(
                    self._conn.execute(
                        "SELECT seq, pin_hash FROM staff_pins WHERE seq > ? AND seq <= ?",
                        (last, rows[-1][0]),
                    ).fetchall())
            if not rows:
                return VerifyResult(True, checked)
            for seq, body, digest, prev_hash, h, was_scrubbed in rows:
                if seq != last + 1:
                    return VerifyResult(False, checked, last + 1, "is missing")
                if prev_hash != prev:
                    return VerifyResult(False, checked, seq, "does not point to the record before")
                if body is not None:
                    try:
                        if was_scrubbed:
                            if seq not in pins:
                                return VerifyResult(False, checked, seq,
                                                    "has lost the PIN hash moved out of it")
                            event = _with_pin(body, str(pins[seq]))
                        else:
                            event = from_json(json.loads(body))
                    except (ValueError, TypeError) as exc:
                        return VerifyResult(False, checked, seq, f"is not a valid event: {exc}")
                    if body_hash(event) != digest:
                        return VerifyResult(
                            False, checked, seq, "was changed after it was written"
                        )
                if link_hash(prev, digest) != h:
                    return VerifyResult(False, checked, seq, "was changed after it was written")
                prev = h
                checked += 1
                last = seq

    def created_at(self) -> datetime | None:
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'created_at'").fetchone()
        return parse_ts(row[0]) if row else None

    def record_hash(self, seq: int) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT hash FROM events WHERE seq = ?", (seq,)).fetchone()
        return str(row[0]) if row else None

    def checkpoints(self) -> list[Checkpoint]:
        with self._lock:
            try:
                rows = self._conn.execute(
                    "SELECT seq, hash, ts, key, sig FROM checkpoints ORDER BY seq").fetchall()
            except sqlite3.OperationalError as exc:
                if "no such table" in str(exc):
                    return []  # a store from before checkpoints, not written since
                raise
        return [Checkpoint(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]

    def body_hashes(self) -> set[str]:
        with self._lock:
            rows = self._conn.execute("SELECT body_hash FROM events").fetchall()
            # a scrubbed record is also known by its body as it now reads (an export of it)
            scrubbed = [] if self._v2 else self._conn.execute(
                "SELECT seq, body FROM events WHERE scrubbed = 1 AND body IS NOT NULL").fetchall()
        out = {str(r[0]) for r in rows}
        for seq, body in scrubbed:
            out.add(body_hash(_row_to_event(seq, body)))
        return out

    def pin_rows(self) -> list[PinRow]:
        if self._v2:
            return []
        with self._lock:
            rows = self._conn.execute(
                "SELECT seq, staff, pin_hash FROM staff_pins ORDER BY seq").fetchall()
        return [PinRow(int(r[0]), str(r[1]), str(r[2])) for r in rows]

    def describe(self) -> str:
        return f"SQLite {self.path}"

    def size_bytes(self) -> int | None:
        total = 0
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(self.path) + suffix)
            if p.exists():
                total += p.stat().st_size
        return total

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            if self._turn_fd >= 0:
                os.close(self._turn_fd)
                self._turn_fd = -1
            if self._pin_fd >= 0:
                os.close(self._pin_fd)
                self._pin_fd = -1
            if self._watch_conn is not None:
                self._watch_conn.close()
                self._watch_conn = None
