"""A store poisoned behind the program's back still lets every process start; void mends it."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.clock import ManualClock
from app.config import Config
from app.doctor import Doctor, Environment, Verdict
from app.events import GENESIS, Event, body_hash, from_json, link_hash
from app.hall import TicketStatus
from app.report import day_report
from app.service import HallService
from app.store.sqlite import SQLiteStore
from tests.conftest import VN
from tests.helpers.cli import hall_file

NOW = datetime(2026, 4, 13, 9, 0, tzinfo=VN)

#: the bad events of the issue, as an old import would have let them in
POISON = [
    '{"ts":"0001-01-01T00:00:00+14:00","event":"counter_pause","counter":1}',
    '{"ts":"2026-04-14T09:00:00+07:00","event":"issued","ticket":"A900","service":"A",'
    '"priority":false}',
    '{"ts":"2026-04-13T08:00:00+07:00","event":"staff_added","staff":"66","name":"X",'
    '"staff_role":"god","pin_hash":"h"}',
    '{"ts":"2026-04-13T08:00:01+07:00","event":"staff_locked","pad":"kiosk-1",'
    '"until":"9999-12-31T00:00:00+07:00"}',
    '{"ts":"2026-04-13T08:00:02+07:00","event":"estimated","ticket":"A900","service":"A",'
    '"median_s":NaN,"p10_s":0,"p90_s":1,"method":"plain"}',
    '{"ts":"2026-04-13T08:00:03+07:00","event":"called","ticket":"A900","service":"A",'
    '"counter":"one"}',
    "this is not json",
]


def poison(path: Path, lines: list[str]) -> None:
    """Append rows straight into the SQLite file, hashes recomputed, no check at all."""
    conn = sqlite3.connect(path)
    row = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (int(row[0]), str(row[1])) if row else (0, GENESIS)
    for line in lines:
        seq += 1
        try:
            event = from_json(json.loads(line))
        except ValueError:
            body, digest = line, hashlib.sha256(line.encode()).hexdigest()
        else:
            # as the old import stored them: canonical body, its hash in the chain
            body, digest = event.canonical(), body_hash(event)
        h = link_hash(prev, digest)
        conn.execute(
            "INSERT INTO events (seq, ts, ts_epoch, kind, ticket, body, body_hash, prev_hash,"
            " hash) VALUES (?, ?, 0, ?, NULL, ?, ?, ?, ?)",
            (seq, "2026-04-13T08:00:00+07:00", "x", body, digest, prev, h),
        )
        prev = h
    conn.commit()
    conn.close()


class _Args:
    json = False
    test_ticket = False


class _Ctx:
    def __init__(self, config: Config, store: SQLiteStore) -> None:
        self.config = config
        self.store = store
        self.args = _Args()


@pytest.fixture
def poisoned(tmp_path: Path, config: Config) -> Path:
    path = tmp_path / "events.db"
    store = SQLiteStore(path)
    hall = HallService(config, store, ManualClock(NOW - timedelta(hours=1)))
    hall.execute("open_counter", "s1", counter=1)
    hall.issue("A", "kiosk-1")
    store.close()
    poison(path, POISON)
    return path


def test_every_process_starts_on_a_poisoned_store(poisoned: Path, config: Config) -> None:
    store = SQLiteStore(poisoned)
    try:
        hall = HallService(config, store, ManualClock(NOW))
        state = hall.state
        # the ticket dated tomorrow took the hall into tomorrow (doctor names it; void mends it)
        assert state.tickets["A900"].status is TicketStatus.WAITING
        # the unparseable and ill-typed ones are counted and named, nothing raised
        problems = {u.seq: u.problem for u in state.unapplied}
        assert 3 + len(POISON) in problems  # "this is not json"
        assert 3 + 6 in problems  # counter "one"
        assert 3 + 1 in problems  # year one
        # the board's data, the report and the staff sign-in all start
        from app.staff import StaffAuth

        StaffAuth(config, store, ManualClock(NOW))
        day_report(config, store, NOW.date())
        doctor = Doctor(_Ctx(config, store), Environment(clock=ManualClock(NOW),
                                                         run=lambda argv: "yes\n"))
        found = {f.check: f for f in doctor.run()}
        events = found["events"]
        assert events.verdict is Verdict.FAIL
        assert "record 4" in events.detail and "motcua events void 4 --reason" in events.action
    finally:
        store.close()


def test_doctor_command_runs_on_a_poisoned_store(
    tmp_path: Path, poisoned: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = hall_file(tmp_path)
    code = main(["--config", str(cfg), "doctor", "--json"])
    out = capsys.readouterr().out
    data = json.loads(out)
    assert code == 1
    checks = {c["check"]: c for c in data["checks"]}
    assert checks["events"]["verdict"] == "FAIL"


def test_void_sets_the_tomorrow_ticket_aside_and_the_chain_stays_intact(
    tmp_path: Path, poisoned: Path, config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = hall_file(tmp_path)
    store = SQLiteStore(poisoned)
    try:
        # the ticket dated tomorrow rolled the hall's day forward: today's A001 is gone
        before = HallService(config, store, ManualClock(NOW)).state
        assert "A001" not in before.tickets and "A900" in before.tickets
    finally:
        store.close()
    assert main(["--config", str(cfg), "events", "void", "5", "--reason",
                 "imported with a wrong date"]) == 0
    assert "voided record 5 (issued)" in capsys.readouterr().out
    assert main(["--config", str(cfg), "events", "void", "5", "--reason", "again"]) == 1
    assert "already voided" in capsys.readouterr().err
    assert main(["--config", str(cfg), "events", "void", "99", "--reason", "x"]) == 1
    assert "There is no record 99" in capsys.readouterr().err
    store = SQLiteStore(poisoned)
    try:
        hall = HallService(config, store, ManualClock(NOW))
        assert "A900" not in hall.state.tickets
        assert hall.state.tickets["A001"].status is TicketStatus.WAITING
        issued = hall.issue("A", "kiosk-1")
        assert issued.number == "A002" and issued.people_ahead == 1
        assert store.verify().first_bad_seq == 3 + 6  # the first row no reader can parse
        assert [e.kind for e in store.read_after(0)][-3:] == ["voided", "issued", "estimated"]
    finally:
        store.close()


def test_a_live_hall_rebuilds_when_another_process_voids(
    store: SQLiteStore, config: Config
) -> None:
    clock = ManualClock(NOW)
    kiosk = HallService(config, store, clock)
    kiosk.execute("open_counter", "s1", counter=1)
    a1 = kiosk.issue("A", "kiosk-1")
    kiosk.issue("A", "kiosk-1")
    other = HallService(config, store, clock)

    def void(_state: Any, now: datetime) -> list[Event]:
        return [Event("voided", now, "cli:root",
                      {"target_seq": a1.seq, "reason": "test ticket", "role": "admin",
                       "target_hash": store.record_hash(a1.seq) or ""})]

    other.transact(void)
    kiosk.refresh()
    assert "A001" not in kiosk.state.tickets
    assert kiosk.state.people_ahead("A002") == 0
    assert store.verify().ok


def test_void_needs_a_supervisor_and_a_reason() -> None:
    from app.errors import CommandRefused
    from app.validation import void_event_of

    target = Event("counter_pause", NOW, "s", {"counter": 1}, 1)
    with pytest.raises(CommandRefused, match="Only a supervisor"):
        void_event_of(1, target, "h", 1, "why", "s2", "staff", NOW, set())
    with pytest.raises(CommandRefused, match="reason"):
        void_event_of(1, target, "h", 1, "  ", "s2", "supervisor", NOW, set())
    e = void_event_of(1, target, "h", 1, "wrong", "s2", "supervisor", NOW, set())
    assert e.data["target_kind"] == "counter_pause"
    assert body_hash(e)


def test_the_json_output_of_doctor_is_still_json_with_poison(poisoned: Path, config: Config
                                                             ) -> None:
    from app.doctor import run_doctor

    store = SQLiteStore(poisoned)
    try:
        out = io.StringIO()
        class _JArgs(_Args):
            json = True
        ctx = _Ctx(config, store)
        ctx.args = _JArgs()
        run_doctor(ctx, Environment(clock=ManualClock(NOW), run=lambda argv: "yes\n"), out)
        assert json.loads(out.getvalue())["ok"] is False
    finally:
        store.close()


def test_staff_sign_in_survives_an_unknown_role_and_a_void_lifts_an_absurd_lockout(
    poisoned: Path, config: Config
) -> None:
    from app.errors import CommandRefused
    from app.staff import StaffAuth

    store = SQLiteStore(poisoned)
    try:
        clock = ManualClock(NOW)
        auth = StaffAuth(config, store, clock)
        auth.add("cli:root", "11", "Lan", "supervisor", "2468", actor_role="admin")
        assert auth.account("66") is None  # the unknown role was skipped, not fatal
        with pytest.raises(CommandRefused) as exc:
            auth.sign_in("11", "2468", "kiosk-1")  # the pad is "locked until 9999"
        assert exc.value.code == "locked"
        hall = HallService(config, store, clock)

        def void(_state: Any, now: datetime) -> list[Event]:
            return [Event("voided", now, "cli:root",
                          {"target_seq": 7, "reason": "absurd lockout", "role": "admin",
                           "target_hash": store.record_hash(7) or ""})]

        hall.transact(void)
        session = auth.sign_in("11", "2468", "kiosk-1")
        assert session.staff == "11" and session.pad == "kiosk-1"
    finally:
        store.close()


def test_store_copy_carries_a_voided_record_with_its_void(tmp_path: Path, config: Config
                                                         ) -> None:
    from app.store.cli import copy_log

    path = tmp_path / "src.db"
    store = SQLiteStore(path)
    hall = HallService(config, store, ManualClock(NOW))
    hall.issue("A", "kiosk-1")
    store.close()
    poison(path, [POISON[1]])  # the ticket dated tomorrow
    store = SQLiteStore(path)
    dest = SQLiteStore(tmp_path / "dest.db")
    try:
        hall = HallService(config, store, ManualClock(NOW))
        bad = store.head()

        def void(_state: Any, now: datetime) -> list[Event]:
            return [Event("voided", now, "cli:root",
                          {"target_seq": bad, "reason": "wrong date", "role": "admin",
                           "target_hash": store.record_hash(bad) or ""})]

        hall.transact(void)
        assert copy_log(store, dest) == store.head()
        copied = HallService(config, dest, ManualClock(NOW)).state
        assert sorted(copied.tickets) == ["A001"] and copied.day == NOW.date()
    finally:
        store.close()
        dest.close()
