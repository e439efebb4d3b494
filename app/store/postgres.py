"""Hall mode: the event log in PostgreSQL, shared by every kiosk, counter and display.

Writers serialise on a transaction-level advisory lock: inside the
transaction the writer reads what others appended since it last looked, the
core checks its command against that and allocates the next number, and the
events are appended and committed together; the lock is released only at
commit, after the rows are visible. So two kiosks never give the same number
and numbering stays gap-free. The hash chain is the SQLite store's, byte for
byte (same canonical body, same :func:`app.events.body_hash` and
:func:`app.events.link_hash`), redaction by retention included.

New events are announced by ``NOTIFY`` (a trigger in the schema). One
listener thread per process holds a dedicated connection; when it
(re)connects it first listens, then reads the log's head, so a notification
missed while it was away loses nothing.

Connection loss: every call has a deadline (``connect_timeout``, a pool
timeout, ``statement_timeout``, TCP user timeout); when it passes the call
raises :class:`~app.errors.StoreError` with one plain sentence for the screen.
A transaction cut off before its commit leaves nothing behind (PostgreSQL
rolls it back), so no half-issued ticket exists. The pool drops dead
connections and builds new ones when the server is back.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import Any

import psycopg
from psycopg import conninfo
from psycopg_pool import ConnectionPool, PoolTimeout

from app.errors import StoreError
from app.events import GENESIS, Event, body_hash, from_json, link_hash, parse_ts, unreadable
from app.store import pg_schema
from app.store.base import PIN_FIELD, PinRow, Store, Transaction, VerifyResult, split_pin
from app.store.checkpoint import Checkpoint, Signer
from app.validation import Window, check_event

log = logging.getLogger(__name__)

#: what the person at a kiosk, counter or display is told when the server is away
UNREACHABLE = "Cannot reach the hall's queue server — please see staff."
REFUSED = "The hall's queue server refused the change — please see staff."
NOT_READY = "The hall's queue server is not set up yet — please see staff."

_PAGE = 5000

Conn = psycopg.Connection[tuple[Any, ...]]


def _row_to_event(seq: int, body: str) -> Event:
    try:
        # the schema's migration moved every PIN hash out; a stray one is never handed on
        return split_pin(from_json(json.loads(body)).with_seq(seq))[0]
    except (ValueError, TypeError) as exc:
        # written behind the program's back: the projection counts it, doctor names it
        return unreadable(seq, str(exc))


def _is_connection_problem(exc: BaseException) -> bool:
    return isinstance(exc, psycopg.OperationalError | PoolTimeout)


def _store_error(exc: BaseException, what: str, where: str) -> StoreError:
    if _is_connection_problem(exc):
        return StoreError(UNREACHABLE, f"{what} on {where}: {exc}")
    return StoreError(REFUSED, f"{what} on {where}: {exc}")


_INSERT = "INSERT INTO events (seq, ts, kind, ticket, body, body_hash, prev_hash, hash) VALUES "
_ROW = "(%s, %s, %s, %s, %s, %s, %s, %s)"

#: how many new rows a write transaction fetches together with taking the lock
_PREFETCH = 1000


class _PgTransaction(Transaction):
    """A write transaction that costs two round trips in the common case.

    The first (BEGIN, the advisory lock, and the rows after the last one this
    process knows) is sent by :meth:`PostgresStore.transaction`; appends are
    buffered and sent with COMMIT in one pipeline. The writer holds the lock
    for as short a time as the network and its own work allow.
    """

    def __init__(
        self, conn: Conn, seq: int, last_hash: str, fresh_after: int | None,
        fresh: list[Event], where: str, now: datetime, created: datetime | None,
        signer: Signer | None = None,
    ) -> None:
        self._conn = conn
        #: the server's clock under the write lock: it stamps issues in hall mode
        self._now = now
        self._window = Window.around(created, now)
        self._signer = signer
        self._seq = seq
        self._hash = last_hash
        self._where = where
        #: events after ``fresh_after``, already read and parsed (None: not prefetched)
        self._fresh_after = fresh_after
        self._fresh = fresh
        self._pending: list[tuple[Any, ...]] = []
        #: PIN hashes set in this transaction, sent with the events (staff_pins)
        self._pins: list[tuple[int, str, str]] = []

    def read_after(self, seq: int) -> list[Event]:
        if not self._pending and self._fresh_after is not None and seq >= self._fresh_after:
            return [e for e in self._fresh if (e.seq or 0) > seq]
        self.flush()
        try:
            rows = self._conn.execute(
                b"SELECT seq, body FROM events WHERE seq > %s AND body IS NOT NULL ORDER BY seq",
                (seq,),
            ).fetchall()
        except psycopg.Error as exc:
            raise _store_error(exc, "reading in a write transaction", self._where) from exc
        return [_row_to_event(s, b) for s, b in rows]

    def server_now(self) -> datetime | None:
        return self._now

    def pin_hash(self, staff: str) -> str | None:
        self.flush()
        try:
            row = self._conn.execute(
                b"SELECT pin_hash FROM staff_pins WHERE staff = %s ORDER BY seq DESC LIMIT 1",
                (staff,),
            ).fetchone()
        except psycopg.Error as exc:
            raise _store_error(exc, "reading a staff PIN", self._where) from exc
        return None if row is None else str(row[0])

    def set_pin_hash(self, seq: int, staff: str, pin_hash: str) -> None:
        self._pins.append((seq, staff, pin_hash))

    def _insert_pins(self) -> None:
        rows, self._pins = self._pins, []
        if rows:
            self._conn.execute(
                ("INSERT INTO staff_pins (seq, staff, pin_hash) VALUES "
                 + ", ".join(["(%s, %s, %s)"] * len(rows))).encode(),
                [v for r in rows for v in r],
            )

    def append(self, event: Event) -> Event:
        event, secret = split_pin(event)
        seq = self._seq + 1
        if self.checked:
            check_event(event.with_seq(seq), self._window)
        digest = body_hash(event)
        h = link_hash(self._hash, digest)
        self._pending.append(
            (seq, event.ts, event.kind, event.get("ticket"), event.canonical(), digest,
             self._hash, h)
        )
        self._seq, self._hash = seq, h
        if secret is not None:
            self.set_pin_hash(seq, str(event.get("staff", "")), secret)
        if len(self._pending) >= 500:
            self.flush()
        return event.with_seq(seq)

    def _insert_pending(self) -> None:
        rows, self._pending = self._pending, []
        if rows:
            sql = _INSERT + ", ".join([_ROW] * len(rows))
            self._conn.execute(sql.encode(), [v for r in rows for v in r])
        self._insert_pins()

    def flush(self) -> None:
        """Send the buffered appends now (before a read, or a big batch)."""
        try:
            self._insert_pending()
        except psycopg.Error as exc:
            raise _store_error(exc, "appending events", self._where) from exc

    def commit(self) -> None:
        """Send what is buffered (and a signed checkpoint of it) and COMMIT, in one round trip."""
        with self._conn.pipeline():
            signed = self._signer is not None and bool(self._pending or self._pins)
            self._insert_pending()
            if signed and self._signer is not None:
                cp = self._signer.sign(self._seq, self._hash, self._now)
                self._conn.execute(
                    b"INSERT INTO checkpoints (seq, hash, ts, key, sig) VALUES (%s, %s, %s, %s, %s)"
                    b" ON CONFLICT DO NOTHING",
                    (cp.seq, cp.hash, cp.ts, cp.key, cp.sig),
                )
            self._conn.execute(b"COMMIT")

    @property
    def last(self) -> tuple[int, str]:
        return self._seq, self._hash


class _Listener:
    """One thread that LISTENs on a dedicated connection and tracks the log's head."""

    def __init__(self, dsn: str, connect_kwargs: dict[str, Any], where: str) -> None:
        self._dsn = dsn
        self._kwargs = connect_kwargs
        self._where = where
        self._cond = threading.Condition()
        self.head = -1  # unknown until the first (re)connect
        self.connected = False
        self.problem = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="motcua-pg-listen", daemon=True)
        self._thread.start()

    def _set(self, head: int | None = None, connected: bool | None = None) -> None:
        with self._cond:
            if head is not None and head > self.head:
                self.head = head
            if connected is not None:
                self.connected = connected
            self._cond.notify_all()

    def _run(self) -> None:
        backoff = 0.2
        while not self._stop.is_set():
            try:
                conn: Conn = psycopg.connect(self._dsn, autocommit=True, **self._kwargs)
            except psycopg.Error as exc:
                self.problem = str(exc)
                self._set(connected=False)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 1.0)
                continue
            try:
                # listen first, then read the head: whatever is committed after
                # the read is announced to us, whatever before is in the head
                conn.execute(f"LISTEN {pg_schema.CHANNEL}")
                row = conn.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()
                self.problem = ""
                self._set(head=int(row[0]) if row else 0, connected=True)
                backoff = 0.2
                while not self._stop.is_set():
                    for note in conn.notifies(timeout=0.25):
                        with suppress(ValueError):
                            self._set(head=int(note.payload))
            except psycopg.Error as exc:
                if not self._stop.is_set():
                    log.warning("lost the event announcements from %s: %s", self._where, exc)
                self.problem = str(exc)
                self._set(connected=False)
            finally:
                with suppress(psycopg.Error):
                    conn.close()

    def wait(self, after: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                if self.connected and self.head > after:
                    return True
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            # still making the first connection is not an outage: only a
            # failed attempt (and none succeeded since) is worth telling people
            if not self.connected and self.problem:
                raise StoreError(UNREACHABLE, f"no announcements from {self._where}: "
                                 f"{self.problem}")
            return False

    def close(self) -> None:
        # the thread looks at the flag between short waits for notifications
        self._stop.set()
        self._thread.join(timeout=3.0)


class PostgresStore(Store):
    """The event log in a PostgreSQL database (hall mode)."""

    def __init__(
        self,
        url: str,
        *,
        timeout_s: float = 1.5,
        statement_timeout_s: float = 5.0,
        max_connections: int = 4,
        application_name: str = "motcua",
        migrate: bool = True,
    ) -> None:
        try:
            params = conninfo.conninfo_to_dict(url)
        except psycopg.ProgrammingError as exc:
            raise StoreError(NOT_READY, f"the store URL is not a valid PostgreSQL URL: {exc}") \
                from exc
        self.url = url
        self._where = self._describe(params)
        self._timeout = timeout_s
        self._migrate = migrate
        ms = int(statement_timeout_s * 1000)
        # deadlines on every path to the server: connecting, each statement, a
        # client that vanished inside a transaction (it would hold the write
        # lock), and a network that silently drops packets (TCP)
        self._connect_kwargs: dict[str, Any] = {
            "connect_timeout": max(2, int(timeout_s + 0.999)),
            "application_name": application_name,
            "options": f"-c statement_timeout={ms} -c idle_in_transaction_session_timeout={ms}",
            "keepalives": 1,
            "keepalives_idle": 2,
            "keepalives_interval": 1,
            "keepalives_count": 2,
            "tcp_user_timeout": 2000,
        }
        self._pool = ConnectionPool(
            url,
            kwargs={**self._connect_kwargs, "autocommit": True},
            min_size=1,
            max_size=max_connections,
            timeout=timeout_s,
            # give up a failing reconnection soon: the next call starts a fresh
            # one, so recovery after an outage takes about a second
            reconnect_timeout=2.0,
            name=f"motcua {self._where}",
            open=False,
        )
        self._pool.open(wait=False)
        self._ready = False
        self._ready_lock = threading.Lock()
        self._listener: _Listener | None = None
        self._listener_lock = threading.Lock()
        self._closed = False
        #: the last (seq, hash) this process saw: a write fetches only what is newer
        self._known: tuple[int, str] = (0, GENESIS)
        self._known_lock = threading.Lock()
        self._pin_lock = threading.Lock()

    # ------------------------------------------------------------------ plumbing

    @staticmethod
    def _describe(params: dict[str, Any]) -> str:
        host = params.get("host") or "localhost"
        port = params.get("port") or "5432"
        user = params.get("user") or "(default user)"
        db = params.get("dbname") or user
        return f"{user}@{host}:{port}/{db}"

    def _getconn(self, deadline: float) -> Conn:
        remaining = deadline - time.monotonic()
        try:
            return self._pool.getconn(timeout=max(remaining, 0.01))
        except (PoolTimeout, psycopg.Error) as exc:
            raise StoreError(UNREACHABLE, f"no connection to {self._where}: {exc}") from exc

    def _putconn(self, conn: Conn) -> None:
        try:
            self._pool.putconn(conn)
        except Exception:  # a closed pool at shut-down; the connection goes anyway
            log.debug("could not return a connection", exc_info=True)

    def _ensure_schema(self, conn: Conn) -> None:
        if self._ready:
            return
        with self._ready_lock:
            if self._ready:
                return
            version = pg_schema.current_version(conn)
            if version > pg_schema.LATEST:
                raise StoreError(
                    NOT_READY,
                    f"{self._where} has schema version {version}; this program knows up to "
                    f"{pg_schema.LATEST}: update the program",
                )
            if version < pg_schema.LATEST:
                if not self._migrate:
                    raise StoreError(NOT_READY, f"{self._where} has schema version {version}: "
                                     "run 'motcua store migrate'")
                try:
                    pg_schema.migrate(conn)
                except psycopg.errors.InsufficientPrivilege as exc:
                    raise StoreError(
                        NOT_READY,
                        f"{self._where} needs schema version {pg_schema.LATEST} and this role "
                        f"may not create it: run 'motcua store migrate' as the owner ({exc})",
                    ) from exc
            self._ready = True

    @contextmanager
    def _connection(self) -> Iterator[Conn]:
        """A working pooled connection, within the deadline; dead ones are skipped."""
        deadline = time.monotonic() + self._timeout
        while True:
            conn = self._getconn(deadline)
            try:
                self._ensure_schema(conn)
            except psycopg.Error as exc:
                self._putconn(conn)
                # an idle connection that died with the old server: try another
                if conn.broken and time.monotonic() < deadline:
                    continue
                raise _store_error(exc, "opening the log", self._where) from exc
            except BaseException:
                self._putconn(conn)
                raise
            break
        try:
            yield conn
        finally:
            self._putconn(conn)

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run one read-only statement; a connection that turned out dead is replaced."""
        deadline = time.monotonic() + self._timeout
        while True:
            with self._connection() as conn:
                try:
                    return conn.execute(sql.encode(), args).fetchall()
                except psycopg.Error as exc:
                    if conn.broken and time.monotonic() < deadline:
                        continue
                    raise _store_error(exc, "reading the log", self._where) from exc

    # ------------------------------------------------------------------ writing

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        deadline = time.monotonic() + self._timeout
        while True:
            with self._connection() as conn:
                try:
                    txn = self._begin(conn)
                except psycopg.Error as exc:
                    self._rollback(conn)
                    if conn.broken and time.monotonic() < deadline:
                        continue
                    raise _store_error(exc, "starting a write transaction", self._where) from exc
                try:
                    yield txn
                except BaseException:
                    self._rollback(conn)
                    raise
                try:
                    txn.commit()
                except psycopg.Error as exc:
                    self._rollback(conn)
                    # the server may or may not have committed before the line
                    # dropped; the person is told nothing was issued, and the
                    # log, read again on reconnect, is the truth either way
                    raise _store_error(exc, "committing", self._where) from exc
                self._remember(*txn.last)
                return

    def _begin(self, conn: Conn) -> _PgTransaction:
        """Catch up without the lock, then BEGIN, lock and read the rest in one round trip.

        What others appended since this process last looked is read and parsed
        before taking the write lock, so under the lock only what was committed
        in the last instant remains: the lock is held for as short a time as
        possible, which is what keeps a busy hall's latency low.
        """
        origin_seq, origin_hash = self._known
        early: list[Event] = []
        rows = conn.execute(
            b"SELECT seq, body, hash FROM events WHERE seq > %s ORDER BY seq LIMIT %s",
            (origin_seq, _PREFETCH + 1),
        ).fetchall()
        known_seq, known_hash = origin_seq, origin_hash
        if len(rows) <= _PREFETCH:
            early = [_row_to_event(r[0], r[1]) for r in rows if r[1] is not None]
            if rows:
                known_seq, known_hash = int(rows[-1][0]), str(rows[-1][2])
                self._remember(known_seq, known_hash)
        else:
            rows = []
        with conn.pipeline():
            conn.execute(b"BEGIN")
            conn.execute(b"SELECT pg_advisory_xact_lock(%s)", (pg_schema.WRITE_LOCK,))
            # from the last row we know (to check it is still there, unchanged)
            cur = conn.execute(
                b"SELECT seq, body, hash FROM events WHERE seq >= %s ORDER BY seq LIMIT %s",
                (known_seq, _PREFETCH + 2),
            )
            clock = conn.execute(
                b"SELECT clock_timestamp(), (SELECT value FROM motcua_meta"
                b" WHERE key = 'created_at')"
            )
        locked = cur.fetchall()
        row_now = clock.fetchone()
        assert row_now is not None
        now: datetime = row_now[0]
        created = parse_ts(row_now[1]) if row_now[1] else None
        if known_seq == 0 or (
            locked and locked[0][0] == known_seq and locked[0][2] == known_hash
        ):
            newer = [r for r in locked if r[0] > known_seq]
            if len(newer) <= _PREFETCH:
                last = (int(newer[-1][0]), str(newer[-1][2])) if newer else (known_seq, known_hash)
                # redacted records (no body) count for the chain, not for the state
                fresh = early + [_row_to_event(r[0], r[1]) for r in newer if r[1] is not None]
                return _PgTransaction(conn, *last, origin_seq, fresh, self._where,
                                     now, created, self.signer)
        # far behind, or the log is not the one we knew (restored?): ask plainly
        row = conn.execute(b"SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        seq, last_hash = (int(row[0]), str(row[1])) if row else (0, GENESIS)
        return _PgTransaction(conn, seq, last_hash, None, [], self._where,
                                     now, created, self.signer)

    def _remember(self, seq: int, last_hash: str) -> None:
        with self._known_lock:
            if seq > self._known[0]:
                self._known = (seq, last_hash)

    @staticmethod
    def _rollback(conn: Conn) -> None:
        if conn.broken or conn.closed:
            return
        try:
            conn.execute(b"ROLLBACK")
        except psycopg.Error:
            log.debug("rollback failed", exc_info=True)

    # ------------------------------------------------------------------ reading

    def read_after(self, seq: int = 0, limit: int | None = None) -> list[Event]:
        if limit is None:
            rows = self._query(
                "SELECT seq, body, hash FROM events WHERE seq > %s AND body IS NOT NULL"
                " ORDER BY seq",
                (seq,),
            )
        else:
            rows = self._query(
                "SELECT seq, body, hash FROM events WHERE seq > %s AND body IS NOT NULL"
                " ORDER BY seq LIMIT %s",
                (seq, limit),
            )
        if rows:
            self._remember(int(rows[-1][0]), str(rows[-1][2]))
        return [_row_to_event(s, b) for s, b, _h in rows]

    def read_between(
        self, start: datetime | None = None, end: datetime | None = None
    ) -> Iterator[Event]:
        last = 0
        while True:
            rows = self._query(
                "SELECT seq, body FROM events WHERE seq > %s AND body IS NOT NULL"
                " AND (%s::timestamptz IS NULL OR ts >= %s)"
                " AND (%s::timestamptz IS NULL OR ts < %s)"
                " ORDER BY seq LIMIT %s",
                (last, start, start, end, end, _PAGE),
            )
            if not rows:
                return
            for s, b in rows:
                yield _row_to_event(s, b)
            last = rows[-1][0]

    def head(self) -> int:
        rows = self._query("SELECT coalesce(max(seq), 0) FROM events")
        return int(rows[0][0])

    def created_at(self) -> datetime | None:
        rows = self._query("SELECT value FROM motcua_meta WHERE key = 'created_at'")
        return parse_ts(rows[0][0]) if rows else None

    def record_hash(self, seq: int) -> str | None:
        rows = self._query("SELECT hash FROM events WHERE seq = %s", (seq,))
        return str(rows[0][0]) if rows else None

    def checkpoints(self) -> list[Checkpoint]:
        rows = self._query("SELECT seq, hash, ts, key, sig FROM checkpoints ORDER BY seq, key")
        return [Checkpoint(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]

    def body_hashes(self) -> set[str]:
        out = {str(r[0]) for r in self._query("SELECT body_hash FROM events")}
        # a scrubbed record is also known by its body as it now reads (an export of it)
        for seq, body in self._query(
                "SELECT seq, body FROM events WHERE scrubbed AND body IS NOT NULL"):
            out.add(body_hash(_row_to_event(int(seq), str(body))))
        return out

    @contextmanager
    def pin_turn(self) -> Iterator[None]:
        """A session advisory lock on a connection of its own, held while one PIN is checked.

        The server drops it with the session, so a kiosk that dies mid-check
        never leaves it held; waiting for it is bounded by ``statement_timeout``.
        """
        # one connection of this process waits for the server's lock, not one per thread
        with self._pin_lock, self._connection() as conn:
            try:
                conn.execute(b"SELECT pg_advisory_lock(%s)", (pg_schema.PIN_LOCK,))
            except psycopg.Error as exc:
                raise _store_error(exc, "waiting for the sign-in turn", self._where) from exc
            try:
                yield
            finally:
                try:
                    conn.execute(b"SELECT pg_advisory_unlock(%s)", (pg_schema.PIN_LOCK,))
                except psycopg.Error:
                    # ending the session releases the lock; the pool drops the connection
                    log.debug("could not release the sign-in turn", exc_info=True)
                    conn.close()

    def pin_hash(self, staff: str) -> str | None:
        rows = self._query(
            "SELECT pin_hash FROM staff_pins WHERE staff = %s ORDER BY seq DESC LIMIT 1", (staff,))
        return str(rows[0][0]) if rows else None

    def pin_rows(self) -> list[PinRow]:
        rows = self._query("SELECT seq, staff, pin_hash FROM staff_pins ORDER BY seq")
        return [PinRow(int(r[0]), str(r[1]), str(r[2])) for r in rows]

    def wait(self, after: int, timeout: float) -> bool:
        if self._closed:
            raise StoreError(UNREACHABLE, f"the store for {self._where} is closed")
        with self._listener_lock:
            if self._listener is None:
                self._listener = _Listener(self.url, self._connect_kwargs, self._where)
            listener = self._listener
        return listener.wait(after, timeout)

    def verify(self) -> VerifyResult:
        prev = GENESIS
        checked = 0
        last = 0
        while True:
            rows = self._query(
                "SELECT seq, body, body_hash, prev_hash, hash, scrubbed FROM events WHERE seq > %s"
                " ORDER BY seq LIMIT %s",
                (last, _PAGE),
            )
            if not rows:
                return VerifyResult(True, checked)
            pins: dict[int, str] | None = {}
            if any(r[5] for r in rows):
                pins = self._pins_between(last, int(rows[-1][0]))
            for seq, body, digest, prev_hash, h, scrubbed in rows:
                if seq != last + 1:
                    return VerifyResult(False, checked, last + 1, "is missing")
                if prev_hash != prev:
                    return VerifyResult(False, checked, seq, "does not point to the record before")
                if body is not None:
                    try:
                        event = from_json(json.loads(body))
                        if scrubbed and pins is not None:
                            # (None: a display's role may not read the PINs; the record's
                            # hash and place in the chain are still checked)
                            if seq not in pins:
                                return VerifyResult(False, checked, seq,
                                                    "has lost the PIN hash moved out of it")
                            event = Event(event.kind, event.ts, event.actor,
                                          {**event.data, PIN_FIELD: pins[seq]})
                    except (ValueError, TypeError) as exc:
                        return VerifyResult(False, checked, seq, f"is not a valid event: {exc}")
                    if body_hash(event) != digest and not (scrubbed and pins is None):
                        return VerifyResult(False, checked, seq, "was changed after it was written")
                if link_hash(prev, digest) != h:
                    return VerifyResult(False, checked, seq, "was changed after it was written")
                prev = h
                checked += 1
                last = seq

    def _pins_between(self, after: int, upto: int) -> dict[int, str] | None:
        """PIN hashes of records ``after < seq <= upto``; None: this role may not read them."""
        try:
            rows = self._query(
                "SELECT seq, pin_hash FROM staff_pins WHERE seq > %s AND seq <= %s", (after, upto))
        except StoreError as exc:
            if isinstance(exc.__cause__, psycopg.errors.InsufficientPrivilege):
                return None
            raise
        return {int(r[0]): str(r[1]) for r in rows}

    def redact(self, seqs: list[int]) -> int:
        """Remove the bodies of these records (retention); needs the owner's role."""
        if not seqs:
            return 0
        with self._connection() as conn:
            try:
                with conn.transaction():
                    # the same lock as writers: no append interleaves with a purge
                    conn.execute(b"SELECT pg_advisory_xact_lock(%s)", (pg_schema.WRITE_LOCK,))
                    conn.execute(b"SET LOCAL motcua.purging = 'on'")
                    n = 0
                    for i in range(0, len(seqs), 1000):
                        cur = conn.execute(
                            b"UPDATE events SET body = NULL, ticket = NULL"
                            b" WHERE seq = ANY(%s) AND body IS NOT NULL",
                            (seqs[i : i + 1000],),
                        )
                        n += cur.rowcount
            except psycopg.Error as exc:
                raise _store_error(exc, "removing old ticket data", self._where) from exc
            # free the old row versions so their space (and the removed text) is
            # reused; VACUUM FULL at a quiet hour rewrites the table entirely
            try:
                conn.execute(b"VACUUM events")
            except psycopg.Error:
                log.info("could not vacuum the events table after a purge", exc_info=True)
        return n

    # ------------------------------------------------------------------ about

    def describe(self) -> str:
        return f"PostgreSQL {self._where}"

    def size_bytes(self) -> int | None:
        try:
            rows = self._query("SELECT pg_total_relation_size('events')")
        except StoreError:
            return None
        return int(rows[0][0]) if rows and rows[0][0] is not None else None

    def close(self) -> None:
        self._closed = True
        with self._listener_lock:
            if self._listener is not None:
                self._listener.close()
                self._listener = None
        self._pool.close(timeout=2.0)
