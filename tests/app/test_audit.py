"""The audit trail: overrides carry actor, role, reason, before/after; a changed byte is found."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.clock import ManualClock
from app.config import Config
from app.overrides import Overrides
from app.report import AuditFilter, audit_entries
from app.service import HallService
from app.staff import StaffAuth
from app.store.sqlite import SQLiteStore
from tests.helpers.staff import FAST_HASHER as FAST


@pytest.fixture
def db(tmp_path: Path, config: Config, clock: ManualClock) -> tuple[Path, Path]:
    """A config file pointing at a fresh store with a morning of staff actions in it."""
    path = tmp_path / "hall.db"
    store = SQLiteStore(path)
    hall = HallService(config, store, clock)
    auth = StaffAuth(config, store, clock, hasher=FAST)
    auth.add("cli", "201", "Trần Thị Bình", "supervisor", "736204")
    ov = Overrides(hall, auth)
    s = auth.sign_in("201", "736204", "kiosk-1")
    hall.execute("open_counter", "201", counter=2)
    for _ in range(3):
        hall.issue("A", "kiosk-1")
    ov.perform(s, "transfer", "wrong_service: needs civil status", number="A002",
               to_service="B")
    ov.perform(s, "cancel", "citizen_left", number="A003")
    ov.perform(s, "call_next", counter=2)
    store.close()
    cfg = tmp_path / "hall.toml"
    src = (Path(__file__).resolve().parents[2] / "config" / "default.toml").read_text()
    cfg.write_text(src.replace('url = "sqlite:///../var/motcua.db"', f'url = "sqlite:///{path}"'))
    return cfg, path


def test_every_staff_action_is_on_record_with_role_reason_and_change(
    db: tuple[Path, Path], config: Config
) -> None:
    store = SQLiteStore(db[1])
    events = store.read_after(0)
    store.close()
    transferred = next(e for e in events if e.kind == "transferred")
    assert transferred.actor == "201" and transferred["role"] == "supervisor"
    assert transferred["reason"] == "wrong_service: needs civil status"
    assert transferred["before"]["service"] == "A" and transferred["after"]["service"] == "B"
    cancelled = next(e for e in events if e.kind == "cancelled")
    assert cancelled["before"]["status"] == "waiting"
    assert cancelled["after"]["status"] == "cancelled"
    called = next(e for e in events if e.kind == "called")
    assert called["after"] == {"status": "called", "service": "A", "counter": 2,
                               "priority": None, "front": False}
    # the audit view filters by staff, ticket and action
    mine = audit_entries(events, AuditFilter(staff="201"))
    assert {e.kind for e in mine} >= {"transferred", "cancelled", "called", "staff_signin"}
    assert [e.kind for e in audit_entries(events, AuditFilter(ticket="a002"))] == ["transferred"]
    assert [e.get("ticket") for e in audit_entries(events, AuditFilter(action="cancelled"))] == [
        "A003"]
    assert not any(e.kind == "issued" for e in audit_entries(events, AuditFilter()))


def test_audit_verify_passes_on_an_intact_log(db: tuple[Path, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(db[0]), "audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out


def _change_one_byte(path: Path, seq: int) -> None:
    """Flip a byte of one stored record behind the log's back (as an attacker would)."""
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER events_no_update")
        (body,) = conn.execute("SELECT body FROM events WHERE seq = ?", (seq,)).fetchone()
        i = body.index('"reason":"') + len('"reason":"')
        tampered = body[:i] + ("x" if body[i] != "x" else "y") + body[i + 1:]
        conn.execute("UPDATE events SET body = ? WHERE seq = ?", (tampered, seq))


def test_a_changed_byte_makes_verify_fail_at_that_record(
    db: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    store = SQLiteStore(db[1])
    seq = next(e.seq for e in store.read_after(0) if e.kind == "cancelled")
    total = store.head()
    store.close()
    assert seq is not None and seq < total  # records after it stay in place
    _change_one_byte(db[1], seq)
    assert main(["--config", str(db[0]), "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert f"BROKEN at record {seq}:" in out and "changed" in out


def test_a_changed_byte_in_the_file_itself_is_found(
    db: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = db[1]
    # fold the WAL into the main file so the record's bytes are there to edit
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    raw = bytearray(path.read_bytes())
    needle = b'"reason":"citizen_left"'
    at = raw.find(needle)
    assert at > 0
    raw[at + len(b'"reason":"')] = ord("C")  # citizen_left -> Citizen_left
    path.write_bytes(bytes(raw))
    store = SQLiteStore(path)
    seq = next(e.seq for e in store.read_after(0) if e.kind == "cancelled")
    store.close()
    assert main(["--config", str(db[0]), "audit", "verify"]) == 1
    assert f"BROKEN at record {seq}:" in capsys.readouterr().out


def test_audit_list_and_report_commands(db: tuple[Path, Path], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(db[0]), "audit", "list", "--ticket", "A003"]) == 0
    out = capsys.readouterr().out
    assert "cancelled" in out and "citizen_left" in out and "status waiting->cancelled" in out
    csv_path = tmp_path / "r.csv"
    assert main(["--config", str(db[0]), "report", "--day", "2026-04-13",
                 "--csv", str(csv_path)]) == 0
    rows = csv_path.read_text().splitlines()
    assert rows[0].startswith("day,scope,key,name,issued,served,no_show")
    service_a = next(r for r in rows if r.startswith("2026-04-13,service,A,"))
    assert service_a.split(",")[4] == "3"  # issued
    total = next(r for r in rows if ",total," in r)
    assert total.split(",")[7] == "1"  # one cancelled
