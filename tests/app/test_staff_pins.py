"""No secrets in the log: PIN hashes beside it, an atomic and escalating lockout (SQLite).

The PostgreSQL side of the same promises is in ``test_staff_pins_pg.py``.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from app.cli import main
from app.clock import ManualClock
from app.config import Config, StaffConfig, load_config
from app.errors import CommandRefused
from app.events import GENESIS, Event, body_hash, link_hash
from app.staff import StaffAuth
from app.store.cli import copy_log
from app.store.sqlite import SQLiteStore
from tests.conftest import ROOT, VN

T0 = datetime(2026, 4, 13, 9, 0, tzinfo=VN)
PINS = {"101": "482915", "201": "736204"}


class CountingHasher(PasswordHasher):
    """argon2 with cheap settings, counting every PIN check it is asked to make."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.verified += 1
        return super().verify(hash, password)


FAST = CountingHasher()


@pytest.fixture
def auth(config: Config, store: SQLiteStore, clock: ManualClock) -> StaffAuth:
    a = StaffAuth(config, store, clock, hasher=CountingHasher())
    a.add("cli", "101", "Nguyễn Văn An", "staff", PINS["101"], counters=[2])
    a.add("cli", "201", "Trần Thị Bình", "supervisor", PINS["201"])
    return a


def _config_file(tmp_path: Path, db: Path) -> Path:
    text = (ROOT / "config" / "default.toml").read_text(encoding="utf-8")
    cfg = tmp_path / "hall.toml"
    cfg.write_text(text.replace("sqlite:///../var/motcua.db", f"sqlite:///{db}"),
                   encoding="utf-8")
    return cfg


def _export(tmp_path: Path, db: Path) -> str:
    out = tmp_path / "export.jsonl"
    assert main(["--config", str(_config_file(tmp_path, db)), "events", "export", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def _wrong(auth: StaffAuth, staff: str, pad: str = "kiosk-1") -> str:
    """One wrong PIN; the refusal's code."""
    with pytest.raises(CommandRefused) as exc:
        auth.sign_in(staff, "999999", pad)
    return exc.value.code


# --------------------------------------------------------------------------- hashes out of the log


def test_export_and_copy_carry_no_pin_hash(auth: StaffAuth, store: SQLiteStore, tmp_path: Path,
                                          clock: ManualClock, config: Config) -> None:
    auth.reset_pin("201", "101", "271828", actor_role="supervisor", reason="forgotten")
    exported = _export(tmp_path, store.path)
    kinds = [json.loads(line)["event"] for line in exported.splitlines()]
    assert kinds == ["staff_added", "staff_added", "staff_pin_set"]
    assert "$argon2" not in exported and "pin_hash" not in exported
    # what a display reads
    assert all("pin_hash" not in e.data for e in store.read_after(0))

    copy = SQLiteStore(tmp_path / "copy.db")
    try:
        assert copy_log(store, copy) == 3
        with sqlite3.connect(copy.path) as conn:
            bodies = "".join(b for (b,) in conn.execute("SELECT body FROM events"))
        assert "$argon2" not in bodies
        # the PINs went beside the copy: the new PIN works there, the old one does not
        there = StaffAuth(config, copy, clock, hasher=FAST)
        assert there.sign_in("101", "271828", "kiosk-1").staff == "101"
        assert _wrong(there, "201") == "wrong_pin"
    finally:
        copy.close()


def test_an_imported_old_export_has_its_hashes_moved_out(
    config: Config, store: SQLiteStore, clock: ManualClock, tmp_path: Path
) -> None:
    old = Event("staff_added", T0, "cli", {"staff": "101", "name": "An", "staff_role": "staff",
                                           "pin_hash": FAST.hash(PINS["101"])})
    src = tmp_path / "old.jsonl"
    src.write_text(json.dumps(old.to_json()) + "\n", encoding="utf-8")
    cfg = _config_file(tmp_path, store.path)
    assert main(["--config", str(cfg), "events", "import", str(src)]) == 0
    assert "$argon2" not in _export(tmp_path, store.path)
    assert StaffAuth(config, store, clock, hasher=FAST).sign_in("101", PINS["101"], "p").staff
    # the same file again is recognised, not doubled
    assert main(["--config", str(cfg), "events", "import", str(src)]) == 0
    assert store.head() == 2  # the account and its sign-in


# schema 2, as stores were made before PIN hashes left the log
_V2 = """
CREATE TABLE events (seq INTEGER PRIMARY KEY, ts TEXT NOT NULL, ts_epoch REAL NOT NULL,
    kind TEXT NOT NULL, ticket TEXT, body TEXT, body_hash TEXT NOT NULL,
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
WHEN (SELECT value FROM meta WHERE key = 'purging') IS NULL
  OR NEW.body IS NOT NULL OR NEW.body_hash != OLD.body_hash OR NEW.hash != OLD.hash
  OR NEW.prev_hash != OLD.prev_hash OR NEW.seq != OLD.seq
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
INSERT INTO meta VALUES ('schema_version', '2');
"""


def old_staff_log() -> list[Event]:
    """Staff events as an old log held them: with the PIN's hash inside."""
    t = T0
    return [
        Event("staff_added", t, "cli", {"staff": "101", "name": "An", "staff_role": "staff",
                                        "pin_hash": FAST.hash("111222")}),
        Event("staff_added", t + timedelta(seconds=1), "cli",
              {"staff": "201", "name": "Bình", "staff_role": "supervisor",
               "pin_hash": FAST.hash(PINS["201"])}),
        Event("staff_pin_set", t + timedelta(seconds=2), "201",
              {"staff": "101", "pin_hash": FAST.hash(PINS["101"])}),
        Event("staff_signin", t + timedelta(seconds=3), "101", {"staff": "101", "pad": "k"}),
    ]


def make_v2_store(path: Path, events: list[Event]) -> None:
    with sqlite3.connect(path) as conn:
        conn.executescript(_V2)
        conn.execute("INSERT INTO meta VALUES ('created_at', ?)", (T0.isoformat(),))
        prev = GENESIS
        for seq, e in enumerate(events, 1):
            digest = body_hash(e)
            h = link_hash(prev, digest)
            conn.execute("INSERT INTO events VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)",
                         (seq, e.ts.isoformat(), e.ts.timestamp(), e.kind, e.canonical(),
                          digest, prev, h))
            prev = h


def test_a_migrated_store_exports_no_argon2_string_and_its_chain_still_verifies(
    tmp_path: Path, config: Config, clock: ManualClock
) -> None:
    path = tmp_path / "old.db"
    make_v2_store(path, old_staff_log())
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM events WHERE body LIKE '%$argon2%'").fetchone()[0]
    # a reader does not migrate, and still hands on no hash
    reader = SQLiteStore(path, read_only=True)
    assert all("pin_hash" not in e.data for e in reader.read_after(0))
    assert reader.verify().ok
    reader.close()

    store = SQLiteStore(path)  # a writer's open migrates
    try:
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'"
                                ).fetchone() == ("3",)
            assert conn.execute("SELECT count(*) FROM events WHERE body LIKE '%argon2%'"
                                ).fetchone() == (0,)
            assert conn.execute("SELECT seq, staff FROM staff_pins ORDER BY seq").fetchall() == [
                (1, "101"), (2, "201"), (3, "101")]
        result = store.verify()
        assert result.ok and result.checked == 4
        exported = _export(tmp_path, path)
        assert "argon2" not in exported and len(exported.splitlines()) == 4
        # the PINs still work, the latest one of each account
        auth = StaffAuth(config, store, clock, hasher=FAST)
        assert auth.sign_in("101", PINS["101"], "kiosk-1").staff == "101"
        assert _wrong(StaffAuth(config, store, clock, hasher=FAST), "101", "kiosk-2") == "wrong_pin"
        # the migrated log's export is recognised on import: nothing doubled
        src = tmp_path / "export.jsonl"
        head = store.head()
        assert main(["--config", str(_config_file(tmp_path, path)), "events", "import",
                     str(src)]) == 0
        assert store.head() == head
    finally:
        store.close()


def test_a_scrubbed_record_rewritten_behind_the_program_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v2_store(path, old_staff_log())
    SQLiteStore(path).close()
    with sqlite3.connect(path) as conn:
        # whoever can write the file can declare a scrub; the chain still catches the change
        conn.execute("INSERT INTO meta VALUES ('scrubbing', '1')")
        body = json.loads(conn.execute("SELECT body FROM events WHERE seq = 1").fetchone()[0])
        body["staff_role"] = "supervisor"
        conn.execute("UPDATE events SET body = ? WHERE seq = 1", (json.dumps(body),))
    store = SQLiteStore(path)
    try:
        result = store.verify()
        assert not result.ok and result.first_bad_seq == 1
    finally:
        store.close()


# --------------------------------------------------------------------------- the lockout


def _guessers(n: int, make_auth: Any, attempts: int = 3) -> list[str]:
    """``n`` threads guess wrong PINs of 101 at once, each at its own pad; every answer."""
    answers: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(n)

    def guess(i: int) -> None:
        auth = make_auth(i)
        barrier.wait()
        for _ in range(attempts):
            try:
                auth.sign_in("101", f"90000{i}", f"pad-{i}")
                code = "signed_in"
            except CommandRefused as exc:
                code = exc.code
            with lock:
                answers.append(code)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


def _failures_before_lock(events: list[Event], staff: str) -> int:
    n = 0
    for e in events:
        if e.kind == "staff_locked" and e.get("staff") == staff:
            return n
        if e.kind == "staff_signin_failed" and e.get("staff") == staff:
            n += 1
    return n


@pytest.mark.parametrize("shared", [True, False], ids=["one-object", "own-connections"])
def test_eight_pads_at_once_get_no_more_than_the_limit_checked(
    auth: StaffAuth, config: Config, store: SQLiteStore, clock: ManualClock, shared: bool
) -> None:
    stores: list[SQLiteStore] = []

    def make(i: int) -> StaffAuth:
        if shared:
            return auth
        s = SQLiteStore(store.path)
        stores.append(s)
        return StaffAuth(config, s, clock, hasher=CountingHasher())

    try:
        answers = _guessers(8, make)
    finally:
        for s in stores:
            s.close()
    limit = config.staff.max_failed_pins
    assert answers.count("wrong_pin") == limit
    assert answers.count("locked") == 8 * 3 - limit
    assert _failures_before_lock(store.read_after(0), "101") == limit


def _process_guesser(path: str, i: int, barrier: Any, out: Any) -> None:
    config = load_config(ROOT / "config" / "default.toml")
    store = SQLiteStore(path)
    auth = StaffAuth(config, store, ManualClock(T0 + timedelta(minutes=1)),
                     hasher=CountingHasher())
    barrier.wait()
    for _ in range(3):
        try:
            auth.sign_in("101", f"90000{i}", f"pad-{i}")
            out.put("signed_in")
        except CommandRefused as exc:
            out.put(exc.code)
    store.close()


@pytest.mark.slow
def test_eight_processes_on_one_file_get_no_more_than_the_limit_checked(
    auth: StaffAuth, config: Config, store: SQLiteStore
) -> None:
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(8), ctx.Queue()
    procs = [ctx.Process(target=_process_guesser, args=(str(store.path), i, barrier, out))
             for i in range(8)]
    for p in procs:
        p.start()
    answers = [out.get(timeout=120) for _ in range(8 * 3)]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert answers.count("wrong_pin") == config.staff.max_failed_pins
    assert _failures_before_lock(store.read_after(0), "101") == config.staff.max_failed_pins


def _locks(store: SQLiteStore, staff: str) -> list[Event]:
    return [e for e in store.read_after(0) if e.kind == "staff_locked" and e.get("staff") == staff]


def test_the_lockout_escalates_to_a_supervisor(auth: StaffAuth, store: SQLiteStore,
                                             clock: ManualClock) -> None:
    # 5 wrong: 5 minutes (pads change, so only the account's count matters)
    for i in range(5):
        assert _wrong(auth, "101", f"pad-{i}") == "wrong_pin"
    lock = _locks(store, "101")[-1]
    assert lock["failures"] == 5 and lock["until"] == (clock.now() + timedelta(minutes=5)
                                                        ).isoformat()
    assert _wrong(auth, "101", "pad-9") == "locked"
    clock.advance(301)
    # 10 wrong: an hour
    for i in range(5):
        assert _wrong(auth, "101", f"pad-{i}") == "wrong_pin"
    lock = _locks(store, "101")[-1]
    assert lock["failures"] == 10 and lock["until"] == (clock.now() + timedelta(hours=1)
                                                         ).isoformat()
    clock.advance(3599)
    assert _wrong(auth, "101", "pad-9") == "locked"
    clock.advance(2)
    # 15 wrong: only a supervisor unlocks, however long one waits
    for i in range(5):
        assert _wrong(auth, "101", f"pad-{i}") == "wrong_pin"
    lock = _locks(store, "101")[-1]
    assert lock["failures"] == 15 and lock["supervisor"] is True and "until" not in lock.data
    clock.advance(7 * 86400)
    with pytest.raises(CommandRefused) as exc:
        auth.sign_in("101", PINS["101"], "pad-9")
    assert exc.value.code == "locked_supervisor" and "supervisor" in exc.value.message
    assert auth.lock(staff="101") is not None and auth.lock(staff="101").until is None  # type: ignore[union-attr]
    # the other account is untouched
    assert auth.sign_in("201", PINS["201"], "pad-9").staff == "201"


def test_a_supervisor_unlock_is_on_record_with_its_reason(
    auth: StaffAuth, store: SQLiteStore, clock: ManualClock
) -> None:
    for i in range(15):
        _wrong(auth, "101", f"pad-{i % 5}")
        clock.advance(3601)
    assert auth.lock(staff="101") is not None
    with pytest.raises(CommandRefused) as exc:
        auth.unlock("201", staff="101", actor_role="supervisor")
    assert exc.value.code == "reason_text"
    with pytest.raises(CommandRefused) as exc:
        auth.unlock("101", staff="101", actor_role="staff", reason="me")
    assert exc.value.code == "not_allowed"
    assert auth.lock(staff="101") is not None
    auth.unlock("201", staff="101", actor_role="supervisor", reason="confirmed by phone")
    unlocked = [e for e in store.read_after(0) if e.kind == "staff_unlocked"]
    assert len(unlocked) == 1
    assert (unlocked[0].actor, unlocked[0]["role"], unlocked[0]["reason"], unlocked[0]["staff"]) \
        == ("201", "supervisor", "confirmed by phone", "101")
    assert auth.sign_in("101", PINS["101"], "pad-1").staff == "101"
    # the count started again: five more wrong PINs are the short lockout, not the last
    for i in range(5):
        _wrong(auth, "101", f"pad-{i}")
    assert _locks(store, "101")[-1]["failures"] == 5


def test_slow_guessing_over_a_day_locks_and_is_on_record(
    auth: StaffAuth, store: SQLiteStore, clock: ManualClock
) -> None:
    """4 tries every 5 minutes, waiting out every lockout, all day long."""
    start = clock.now()
    checked = 0
    while clock.now() < start + timedelta(days=1):
        for i in range(4):
            code = _wrong(auth, "101", f"pad-{i}")
            checked += code == "wrong_pin"
        clock.advance(300)
    assert checked == 15  # a 4-digit PIN has 10,000
    locks = _locks(store, "101")
    assert [e["failures"] for e in locks] == [5, 10, 15]
    first = locks[0]
    assert first["since"] == start.isoformat() and first.ts - start == timedelta(minutes=5)
    assert locks[-1]["supervisor"] is True


def test_a_pad_that_keeps_guessing_stays_locked_an_hour_at_a_time(
    auth: StaffAuth, store: SQLiteStore, clock: ManualClock
) -> None:
    for n in range(20):
        assert _wrong(auth, f"9{n:02d}", "kiosk-1") == "wrong_pin"  # unknown numbers
        lock = auth.lock(pad="kiosk-1")
        if lock is not None:
            assert lock.until is not None
            clock.advance((lock.until - clock.now()).total_seconds() + 1)
    pad_locks = [e for e in store.read_after(0) if e.kind == "staff_locked"]
    assert [e["failures"] for e in pad_locks] == [5, 10, 15, 20]
    assert all("staff" not in e.data and e["pad"] == "kiosk-1" for e in pad_locks)
    spans = [(datetime.fromisoformat(e["until"]) - e.ts).total_seconds() for e in pad_locks]
    assert spans == [300, 3600, 3600, 3600]


def test_a_disabled_account_answers_exactly_like_a_wrong_pin(
    auth: StaffAuth, store: SQLiteStore
) -> None:
    hasher = auth.hasher
    assert isinstance(hasher, CountingHasher)
    auth.sign_in("101", PINS["101"], "pad-0")  # makes the stand-in hash for unknown numbers
    auth.set_enabled("201", "101", False, actor_role="supervisor", reason="left the hall")
    answers = []
    for staff, pin in (("101", "999999"), ("101", PINS["101"]), ("777", PINS["101"])):
        before = hasher.verified
        with pytest.raises(CommandRefused) as exc:
            auth.sign_in(staff, pin, "pad-1")
        answers.append((exc.value.code, exc.value.message, exc.value.params,
                        hasher.verified - before))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0] == ("wrong_pin", "Wrong staff number or PIN.", {}, 1)
    # only the record tells them apart, for the supervisor
    whys = [e["why"] for e in store.read_after(0) if e.kind == "staff_signin_failed"]
    assert whys == ["wrong_pin", "disabled", "unknown_account"]


# --------------------------------------------------------------------------- configuration


def test_the_ladder_is_validated() -> None:
    StaffConfig()  # the defaults are a valid ladder
    for bad, word in (
        ({"max_failed_pins": 10}, "long_lockout_failed_pins"),
        ({"long_lockout_failed_pins": 15}, "supervisor_unlock_failed_pins"),
        ({"long_lockout_seconds": 120}, "long_lockout_seconds"),
        ({"failure_window_seconds": 1200}, "failure_window_seconds"),
    ):
        with pytest.raises(ValueError, match=word):
            StaffConfig(**bad)
    d = StaffConfig()
    assert (d.max_failed_pins, d.lockout_seconds, d.long_lockout_failed_pins,
            d.long_lockout_seconds, d.supervisor_unlock_failed_pins,
            d.failure_window_seconds) == (5, 300, 10, 3600, 15, 86400)


def test_a_lockout_without_an_end_must_say_a_supervisor_lifts_it() -> None:
    from app.validation import EventRefused, check_event

    check_event(Event("staff_locked", T0, "k", {"pad": "k", "staff": "101", "supervisor": True,
                                                "failures": 15}))
    for data in ({"pad": "k", "staff": "101"}, {"pad": "k", "supervisor": False}):
        with pytest.raises(EventRefused) as exc:
            check_event(Event("staff_locked", T0, "k", data))
        assert exc.value.rule == "staff.lockout"
