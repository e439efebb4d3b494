"""Citizens' answers about the wait estimate in the end-of-day report and its summary."""

from __future__ import annotations

import csv
import io
from datetime import date

from app.clock import ManualClock
from app.config import Config
from app.report import (
    AuditFilter,
    audit_entries,
    build_report,
    estimate_feedback_summary,
    report_csv,
    report_text,
)
from app.service import HallService
from app.store.sqlite import SQLiteStore

DAY = date(2026, 4, 13)


def answer(hall: HallService, number: str, service: str, right: bool) -> None:
    hall.record("estimate_feedback", "phone-page", ticket=number, service=service, right=right)


def a_day_of_answers(hall: HallService, clock: ManualClock) -> None:
    """A: two wrong, one right; B: one right; one A ticket answered twice (counts once)."""
    for service in ("A", "A", "A", "B", "C"):
        hall.issue(service, "kiosk-1")
    hall.execute("open_counter", "staff-1", counter=2, services=["A", "B", "C"])
    for _ in range(5):
        hall.execute("call_next", "staff-1", counter=2, finish_current=True)
        clock.advance(60)
    answer(hall, "A001", "A", False)
    answer(hall, "A002", "A", False)
    answer(hall, "A003", "A", True)
    answer(hall, "B001", "B", True)
    answer(hall, "A001", "A", True)  # a second answer: ignored


def test_summary_counts_each_ticket_once_per_service(
    hall: HallService, store: SQLiteStore, clock: ManualClock, config: Config
) -> None:
    a_day_of_answers(hall, clock)
    s = estimate_feedback_summary(store.read_after(0), DAY)
    assert s["day"] == "2026-04-13"
    assert (s["answers"], s["right"], s["wrong"], s["ignored"]) == (4, 2, 2, 1)
    assert s["wrong_share"] == 0.5
    assert s["services"] == {
        "A": {"answers": 3, "right": 1, "wrong": 2, "wrong_share": 0.667},
        "B": {"answers": 1, "right": 1, "wrong": 0, "wrong_share": 0.0},
    }
    # the default hall estimates plainly: every answer judged a plain estimate
    assert s["estimates"] == {"plain": {"answers": 4, "right": 2, "wrong": 2, "wrong_share": 0.5}}
    # the same with the hall's business day
    assert estimate_feedback_summary(store.read_after(0), DAY, config) == s


def test_summary_of_another_day_or_no_answers(
    hall: HallService, store: SQLiteStore, clock: ManualClock, config: Config
) -> None:
    a_day_of_answers(hall, clock)
    clock.advance(hours=24)
    hall.issue("A", "kiosk-1")
    hall.execute("open_counter", "staff-1", counter=1)
    hall.execute("call_next", "staff-1", counter=1)
    answer(hall, "A001", "A", True)  # today's A001 is a new ticket: it counts today

    events = store.read_after(0)
    today = estimate_feedback_summary(events, date(2026, 4, 14), config)
    assert (today["answers"], today["right"], today["ignored"]) == (1, 1, 0)
    assert estimate_feedback_summary(events, DAY, config)["answers"] == 4
    empty = estimate_feedback_summary(events, date(2026, 4, 1), config)
    assert empty["answers"] == 0 and empty["wrong_share"] is None and empty["services"] == {}


def test_day_report_shows_right_and_wrong_per_service(
    hall: HallService, store: SQLiteStore, clock: ManualClock, config: Config
) -> None:
    a_day_of_answers(hall, clock)
    rep = build_report(config, store.read_after(0), DAY)
    a = next(x for x in rep.services if x.key == "A")
    b = next(x for x in rep.services if x.key == "B")
    c = next(x for x in rep.services if x.key == "C")
    assert (a.estimate_right, a.estimate_wrong) == (1, 2)
    assert (b.estimate_right, b.estimate_wrong) == (1, 0)
    assert (c.estimate_right, c.estimate_wrong) == (0, 0)
    assert (rep.total.estimate_right, rep.total.estimate_wrong) == (2, 2)
    assert rep.feedback["answers"] == 4

    rows = {r["key"]: r for r in csv.DictReader(io.StringIO(report_csv(rep)))
            if r["scope"] == "service"}
    assert (rows["A"]["estimate_right"], rows["A"]["estimate_wrong"]) == ("1", "2")

    text = report_text(rep)
    assert "Was the wait estimate right?" in text
    line_a = next(ln for ln in text.splitlines() if ln.startswith("Chứng thực bản sao")
                  and ln.split()[-2:] == ["1", "2"])
    assert line_a
    assert "Sai / wrong: AI -; cách đơn giản / plain 2/4" in text
    # answers from phones are not staff actions
    assert rep.staff_actions == sum(1 for e in store.read_after(0) if e.get("role"))
    assert not audit_entries(store.read_after(0), AuditFilter(action="estimate_feedback"))


def test_day_report_without_answers_says_so(
    hall: HallService, store: SQLiteStore, config: Config
) -> None:
    hall.issue("A", "kiosk-1")
    text = report_text(build_report(config, store.read_after(0), DAY))
    assert "No answers" in text
