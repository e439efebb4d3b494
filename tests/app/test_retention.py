"""Retention: old ticket data goes, daily aggregates stay, the chain still verifies."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from app.clock import ManualClock
from app.config import Config
from app.hall import TicketStatus
from app.retention import purge
from app.service import HallService
from app.store.sqlite import SQLiteStore
from tests.conftest import VN


def _a_day(hall: HallService, clock: ManualClock) -> None:
    hall.execute("open_counter", "staff-1", counter=1)
    hall.issue("A", "kiosk-1")
    hall.issue("A", "kiosk-1", priority=True, category="elderly")
    clock.advance(300)
    hall.execute("call_next", "staff-1", counter=1)
    clock.advance(240)
    hall.execute("complete", "staff-1", number="A002")
    hall.execute("call_next", "staff-1", counter=1)
    hall.execute("recall", "staff-1", number="A001")
    hall.execute("no_show", "staff-1", number="A001")
    hall.execute("close_counter", "staff-1", counter=1)
    hall.record("estimate_feedback", "phone-page", ticket="A002", service="A", right=False)


def test_purge_leaves_aggregates_only(config: Config, store: SQLiteStore,
                                      clock: ManualClock) -> None:
    hall = HallService(config, store, clock)
    _a_day(hall, clock)
    token = next(e["token"] for e in store.read_after(0) if e.kind == "issued")
    clock.set(datetime(2026, 7, 20, 9, 0, tzinfo=VN))  # 98 days later
    hall.issue("B", "kiosk-1")  # today's ticket must survive

    result = purge(hall, "retention", keep_days=90)

    assert result.days == 1 and result.records > 0
    kept = store.read_after(0)
    old_ticket_events = [e for e in kept if "ticket" in e.data and e.ts.month == 4]
    assert old_ticket_events == []
    (summary,) = [e for e in kept if e.kind == "day_summary"]
    assert summary["day"] == "2026-04-13"
    a = summary["services"]["A"]
    assert (a["issued"], a["priority"], a["completed"], a["no_show"]) == (2, 1, 1, 1)
    assert (a["estimate_right"], a["estimate_wrong"]) == (0, 1)
    # A002 waited 300 s, A001 540 s; A002 was served in 240 s
    assert a["mean_wait_s"] == 420.0 and a["mean_service_s"] == 240.0
    assert any(e.kind == "purged" for e in kept)
    # counters' events are not ticket data and stay
    assert any(e.kind == "counter_open" for e in kept)
    # today's ticket is untouched; the hall still works
    assert hall.state.tickets["B001"].status is TicketStatus.WAITING
    assert hall.issue("B", "kiosk-1").number == "B002"
    # nothing of the purged tickets is left in the file
    raw = store.path.read_bytes() + (store.path.parent / (store.path.name + "-wal")).read_bytes()
    assert token.encode() not in raw
    # the chain still verifies, and still catches a change to what was kept
    assert store.verify().ok
    conn = sqlite3.connect(store.path)
    conn.execute("DROP TRIGGER events_no_update")
    seq = next(e.seq for e in kept if e.kind == "day_summary")
    conn.execute("UPDATE events SET body = replace(body, '\"issued\":2', '\"issued\":9')"
                 " WHERE seq = ?", (seq,))
    conn.commit()
    conn.close()
    bad = store.verify()
    assert not bad.ok and bad.first_bad_seq == seq


def test_the_log_refuses_edits_outside_a_purge(store: SQLiteStore, hall: HallService) -> None:
    hall.issue("A", "kiosk-1")
    conn = sqlite3.connect(store.path)
    for sql in ("UPDATE events SET body = NULL", "DELETE FROM events",
                "UPDATE events SET kind = 'called'"):
        try:
            conn.execute(sql)
        except sqlite3.DatabaseError as exc:
            assert "append-only" in str(exc)
        else:
            raise AssertionError(f"{sql} was allowed")
    conn.close()
