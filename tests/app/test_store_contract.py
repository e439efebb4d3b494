"""The store contract, run against both stores: embedded SQLite and hall-mode PostgreSQL.

Every test here takes the ``backend`` fixture and so runs twice. The
PostgreSQL runs use a throwaway server (:mod:`tests.pg_cluster`) and a fresh
database each.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest

from app.clock import ManualClock
from app.errors import CommandRefused
from app.events import GENESIS, Event, chain_hash
from app.hall import replay
from app.service import HallService
from app.store import Store, open_store
from tests import hall_workers
from tests.conftest import VN

pytest_plugins = ["tests.pg_cluster"]

SPAWN = mp.get_context("spawn")


@dataclass
class Backend:
    """One kind of store, reachable by URL from this and other processes."""

    name: str
    url: str
    opened: list[Store]

    def open(self) -> Store:
        s = open_store(self.url)
        self.opened.append(s)
        return s

    def force_change(self, seq: int, body: str) -> None:
        """Change a stored body behind the store's back (what an attacker with the disk does)."""
        if self.name == "sqlite":
            conn = sqlite3.connect(self.url.removeprefix("sqlite:///"))
            conn.execute("DROP TRIGGER events_no_update")
            conn.execute("UPDATE events SET body = ? WHERE seq = ?", (body, seq))
            conn.commit()
            conn.close()
        else:
            with psycopg.connect(self.url, autocommit=True) as conn:
                conn.execute("ALTER TABLE events DISABLE TRIGGER events_no_change")
                conn.execute("UPDATE events SET body = %s WHERE seq = %s", (body, seq))
                conn.execute("ALTER TABLE events ENABLE TRIGGER events_no_change")

    def raw_change(self, statement: str) -> None:
        """Run an UPDATE or DELETE directly against the table, as its owner."""
        if self.name == "sqlite":
            conn = sqlite3.connect(self.url.removeprefix("sqlite:///"))
            try:
                conn.execute(statement)
                conn.commit()
            finally:
                conn.close()
        else:
            with psycopg.connect(self.url, autocommit=True) as conn:
                conn.execute(statement.encode())


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'events.db'}"
    else:
        url = request.getfixturevalue("pg_url")
    b = Backend(request.param, url, [])
    yield b
    for s in b.opened:
        s.close()


def _ev(kind: str, ts: datetime, **data: Any) -> Event:
    return Event(kind, ts, "test", data)


T0 = datetime(2026, 4, 13, 9, 0, tzinfo=VN)


# --------------------------------------------------------------------------- basics


def test_append_read_and_order(backend: Backend) -> None:
    store = backend.open()
    assert store.head() == 0 and store.read_after(0) == []
    events = [_ev("counter_open", T0 + timedelta(seconds=i), counter=1, services=["A"])
              for i in range(5)]
    stored = store.append_all(events)
    assert [e.seq for e in stored] == [1, 2, 3, 4, 5]
    got = store.read_after(0)
    assert [e.seq for e in got] == [1, 2, 3, 4, 5]
    assert [e.ts for e in got] == [e.ts for e in events]
    assert got[0].data == {"counter": 1, "services": ["A"]}
    assert [e.seq for e in store.read_after(2)] == [3, 4, 5]
    assert [e.seq for e in store.read_after(1, limit=2)] == [2, 3]
    assert store.head() == 5
    # another client sees the same log
    other = backend.open()
    assert other.read_after(0) == got
    assert store.describe() and "@" not in store.describe().split("/")[-1]
    size = store.size_bytes()
    assert size is None or size > 0


def test_unknown_fields_survive_a_round_trip(backend: Backend) -> None:
    store = backend.open()
    e = Event("incident", T0, "kiosk-1",
              {"source": "printer", "code": "paper_out", "detail": "Hết giấy", "future": {"x": 1}})
    store.append_all([e])
    (back,) = store.read_after(0)
    assert back.data == e.data and back.canonical() == e.canonical()


def test_a_refused_command_changes_nothing(backend: Backend) -> None:
    store = backend.open()
    hall = HallService(hall_workers.hall_config(), store, ManualClock(T0))
    hall.issue("A", "kiosk-1")
    head = store.head()
    with pytest.raises(CommandRefused) as info:
        hall.execute("call_next", "staff-1", counter=1)  # the counter is closed
    assert info.value.code == "counter_closed"
    assert store.head() == head
    assert store.read_after(head) == []


def test_an_error_inside_a_transaction_rolls_everything_back(backend: Backend) -> None:
    store = backend.open()
    store.append_all([_ev("counter_open", T0, counter=1, services=["A"])])
    with pytest.raises(RuntimeError), store.transaction() as txn:
        txn.append(_ev("counter_pause", T0, counter=1))
        txn.append(_ev("counter_resume", T0, counter=1))
        raise RuntimeError("the printer caught fire")
    assert store.head() == 1
    # and the next append continues the chain where it was
    store.append_all([_ev("counter_close", T0, counter=1)])
    assert store.head() == 2 and store.verify().ok


def test_two_writers_never_share_a_number(backend: Backend) -> None:
    cfg = hall_workers.hall_config()
    halls = [HallService(cfg, backend.open()) for _ in range(3)]
    numbers: list[str] = []
    lock = threading.Lock()

    def kiosk(h: HallService, name: str) -> None:
        for _ in range(20):
            t = h.issue("B", name)
            with lock:
                numbers.append(t.number)

    threads = [threading.Thread(target=kiosk, args=(h, f"kiosk-{i}")) for i, h in enumerate(halls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(numbers) == [f"B{n:03d}" for n in range(1, 61)]
    for h in halls:
        h.refresh()
    assert halls[0].state.snapshot() == halls[1].state.snapshot() == halls[2].state.snapshot()


def test_wait_wakes_when_another_process_appends(backend: Backend) -> None:
    store = backend.open()
    HallService(hall_workers.hall_config(), store).issue("A", "kiosk-1")
    head = store.head()
    assert store.wait(head, 0.2) is False  # nothing new: it times out
    assert store.wait(head - 1, 0.2) is True  # already there: at once
    woke: dict[str, bool] = {}
    waiter = threading.Thread(target=lambda: woke.setdefault("new", store.wait(head, 60.0)))
    waiter.start()
    proc = SPAWN.Process(target=_issue_one, args=(backend.url,))
    proc.start()
    proc.join(60)
    waiter.join(60)
    assert proc.exitcode == 0
    assert woke == {"new": True}
    assert [e.kind for e in store.read_after(head)] == ["issued", "estimated"]


def _issue_one(url: str) -> None:
    store = open_store(url)
    HallService(hall_workers.hall_config(), store).issue("A", "kiosk-2")
    store.close()


# --------------------------------------------------------------------------- chain


def test_the_hash_chain_verifies_and_catches_a_changed_byte(backend: Backend) -> None:
    store = backend.open()
    hall = HallService(hall_workers.hall_config(), store, ManualClock(T0))
    for _ in range(3):
        hall.issue("A", "kiosk-1")
    result = store.verify()
    assert result.ok and result.checked == 6
    # the chain is the same function of the same events on every store
    prev = GENESIS
    for e in store.read_after(0):
        prev = chain_hash(prev, e)
    (issued,) = [e for e in store.read_after(0) if e.seq == 3]
    forged = Event(issued.kind, issued.ts, issued.actor, {**issued.data, "priority": True})
    backend.force_change(3, forged.canonical())
    bad = store.verify()
    assert not bad.ok and bad.first_bad_seq == 3 and bad.checked == 2
    assert "changed" in bad.problem


@pytest.mark.parametrize("statement", ["UPDATE events SET kind = 'x'", "DELETE FROM events"])
def test_the_log_refuses_update_and_delete_even_for_its_owner(
    backend: Backend, statement: str
) -> None:
    store = backend.open()
    store.append_all([_ev("counter_open", T0, counter=1, services=["A"])])
    with pytest.raises((sqlite3.DatabaseError, psycopg.Error), match="append-only"):
        backend.raw_change(statement)
    assert store.head() == 1 and store.verify().ok


def test_read_between(backend: Backend) -> None:
    store = backend.open()
    store.append_all([_ev("counter_open", T0 + timedelta(hours=h), counter=1, services=["A"])
                      for h in range(6)])

    def hours(start: datetime | None, end: datetime | None) -> list[int]:
        return [int((e.ts - T0).total_seconds() // 3600) for e in store.read_between(start, end)]
    assert hours(None, None) == [0, 1, 2, 3, 4, 5]
    assert hours(T0 + timedelta(hours=2), None) == [2, 3, 4, 5]
    assert hours(None, T0 + timedelta(hours=2)) == [0, 1]
    assert hours(T0 + timedelta(hours=1), T0 + timedelta(hours=3)) == [1, 2]
    # a bound in another zone means the same instant
    utc = (T0 + timedelta(hours=4)).astimezone(UTC)
    assert hours(utc, None) == [4, 5]


# --------------------------------------------------------------------------- many processes


@pytest.mark.slow
def test_eight_kiosks_and_four_counters_in_separate_processes(backend: Backend) -> None:
    """8 processes issue 250 tickets each while 4 call: unique, gap-free, one shared state."""
    out: Any = SPAWN.Queue()
    go, stop, finish = SPAWN.Event(), SPAWN.Event(), SPAWN.Event()
    issuers = [
        SPAWN.Process(target=hall_workers.issuer,
                      args=(backend.url, f"kiosk-{i}", 250, "ABC"[i % 3:] + "ABC"[:i % 3], out,
                            go, finish))
        for i in range(8)
    ]
    callers = [
        SPAWN.Process(target=hall_workers.caller, args=(backend.url, c, out, go, stop, finish))
        for c in (1, 2, 3, 4)
    ]
    procs = issuers + callers

    def receive() -> tuple[str, str, Any]:
        while True:
            try:
                msg: tuple[str, str, Any] = out.get(timeout=1.0)
                return msg
            except queue.Empty:
                dead = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
                assert not dead, f"a worker process failed (exit codes {dead})"

    for p in procs:
        p.start()
    try:
        go.set()
        done: dict[str, Any] = {}
        while len(done) < len(issuers):
            kind, who, payload = receive()
            assert kind == "done"
            done[who] = payload
        stop.set()
        while len(done) < len(procs):
            kind, who, payload = receive()
            done[who] = payload
        finish.set()
        snapshots = {}
        while len(snapshots) < len(procs):
            kind, who, payload = receive()
            assert kind == "snapshot"
            snapshots[who] = payload
        for p in procs:
            p.join(60)
            assert p.exitcode == 0
    finally:
        for p in procs:
            if p.is_alive():
                p.kill()

    store = backend.open()
    log = store.read_after(0)
    assert store.verify().ok and store.verify().checked == len(log)
    issued = [e for e in log if e.kind == "issued"]
    assert len(issued) == 2000
    acked = [t for who, payload in done.items() if who.startswith("kiosk") for t in payload]
    assert len(acked) == 2000
    by_seq = {e.seq: e for e in issued}
    for number, _service, seq, token in acked:
        assert by_seq[seq].ticket == number and by_seq[seq]["token"] == token
    # unique, and contiguous from 1 per service and business day
    truth = replay(hall_workers.hall_config(), log)
    per: dict[tuple[object, str], list[int]] = defaultdict(list)
    for e in issued:
        per[(truth.business_day(e.ts), str(e["service"]))].append(int(e["number"]))
    for key, numbers in per.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), key
    assert len({e.ticket for e in issued}) == 2000
    # each ticket called exactly once, by one counter
    called = [t for who, payload in done.items() if who.startswith("counter") for t in payload]
    assert sorted(called) == sorted(e.ticket for e in issued)
    # every process ends with the same view, and it is the log's
    views = list(snapshots.values())
    assert all(v == views[0] for v in views)
    assert views[0] == truth.snapshot()


# --------------------------------------------------------------------------- retention


def test_redaction_keeps_the_chain_and_still_catches_a_changed_byte(backend: Backend) -> None:
    store = backend.open()
    hall = HallService(hall_workers.hall_config(), store, ManualClock(T0))
    for _ in range(3):
        hall.issue("A", "kiosk-1")
    head = store.head()
    assert store.redact([1, 2]) == 2
    assert store.redact([1, 2]) == 0  # already gone
    assert [e.seq for e in store.read_after(0)] == [3, 4, 5, 6]
    assert [e.seq for e in store.read_between(None, None)] == [3, 4, 5, 6]
    result = store.verify()
    assert result.ok and result.checked == head
    # appending after a purge continues the same chain
    other = HallService(hall_workers.hall_config(), backend.open(), ManualClock(T0))
    assert other.issue("A", "kiosk-2").number == "A004"
    assert store.verify().ok
    (kept,) = [e for e in store.read_after(0) if e.seq == 5]
    forged = Event(kept.kind, kept.ts, kept.actor, {**kept.data, "priority": True})
    backend.force_change(5, forged.canonical())
    bad = store.verify()
    assert not bad.ok and bad.first_bad_seq == 5
