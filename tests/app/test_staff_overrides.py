"""Overrides: roles checked on every action, a reason asked, the change shown before it is made."""

from __future__ import annotations

import pytest

from app.actions import HALL_COMMANDS
from app.clock import ManualClock
from app.config import Config
from app.errors import CommandRefused
from app.hall import TicketStatus
from app.overrides import Overrides, compose_reason
from app.report import build_report, report_text
from app.service import HallService
from app.staff import Session, StaffAuth
from app.store.sqlite import SQLiteStore
from tests.helpers.staff import FAST_HASHER as FAST


@pytest.fixture
def auth(config: Config, store: SQLiteStore, clock: ManualClock) -> StaffAuth:
    a = StaffAuth(config, store, clock, hasher=FAST)
    a.add("cli", "101", "An", "staff", "482915")
    a.add("cli", "201", "Bình", "supervisor", "736204")
    a.add("cli", "301", "Châu", "technician", "550917")
    return a


@pytest.fixture
def ov(hall: HallService, auth: StaffAuth) -> Overrides:
    hall.execute("open_counter", "setup", counter=1)
    hall.execute("open_counter", "setup", counter=2)
    for _ in range(4):
        hall.issue("A", "kiosk-1")
    return Overrides(hall, auth)


def _signin(auth: StaffAuth, sid: str) -> Session:
    pins = {"101": "482915", "201": "736204", "301": "550917"}
    return auth.sign_in(sid, pins[sid], "kiosk-1")


def test_preview_shows_the_change_and_stores_nothing(ov: Overrides, auth: StaffAuth,
                                                     store: SQLiteStore) -> None:
    sup = _signin(auth, "201")
    head = store.head()
    changes = ov.preview(sup, "transfer", number="A004", to_service="A", front=True)
    assert store.head() == head
    assert [sorted(c.lines()) for c in changes] == [[("ahead", 3, 0), ("front", False, True)]]
    assert "A004" in changes[0].describe()


def test_call_to_a_counter_moves_the_queue_and_records_why(ov: Overrides, auth: StaffAuth,
                                                           hall: HallService) -> None:
    s = _signin(auth, "101")
    with pytest.raises(CommandRefused) as exc:
        ov.perform(s, "call_ticket", None, counter=1, number="A003")
    assert exc.value.code == "reason_needed"
    events = ov.perform(s, "call_ticket", compose_reason("citizen_request", "came back"),
                        counter=1, number="A003")
    assert hall.state.tickets["A003"].status is TicketStatus.CALLED
    e = events[0]
    assert (e.actor, e["role"], e["reason"]) == ("101", "staff", "citizen_request: came back")
    assert e["before"]["status"] == "waiting" and e["after"]["counter"] == 1


def test_staff_cannot_override_what_needs_a_supervisor(ov: Overrides, auth: StaffAuth,
                                                       hall: HallService, store: SQLiteStore
                                                       ) -> None:
    staff = _signin(auth, "101")
    tech = _signin(auth, "301")
    head = store.head()
    refused = [
        (staff, "cancel", {"number": "A001"}),
        (staff, "transfer", {"number": "A004", "to_service": "A", "front": True}),
        (staff, "set_counter_services", {"counter": 1, "services": ["B"]}),
        (staff, "ai_switch", {"enabled": False}),
        (staff, "estimates_visibility", {"visible": False}),
        (staff, "estimate_correction", {"service": "A", "minutes": 5}),
        (staff, "ai_reinstate", {}),
        (tech, "call_next", {"counter": 1}),
        (tech, "cancel", {"number": "A001"}),
    ]
    for session, action, kwargs in refused:
        with pytest.raises(CommandRefused) as exc:
            ov.preview(session, action, **kwargs)
        assert exc.value.code == "not_allowed", action
        with pytest.raises(CommandRefused) as exc:
            ov.perform(session, action, "other: test", **kwargs)
        assert exc.value.code == "not_allowed", action
    assert store.head() == head  # nothing written
    # the supervisor may
    sup = _signin(auth, "201")
    ov.perform(sup, "cancel", "citizen_left", number="A001")
    ov.perform(sup, "transfer", "citizen_request", number="A004", to_service="A", front=True)
    assert hall.state.tickets["A001"].status is TicketStatus.CANCELLED
    assert hall.state.call_order("A")[0].number == "A004"


def test_every_hall_action_runs_through_the_role_layer(ov: Overrides, auth: StaffAuth,
                                                       hall: HallService) -> None:
    sup = _signin(auth, "201")
    run = [
        ("call_next", {"counter": 1}),
        ("recall", {"number": "A001"}),
        ("no_show", {"number": "A001"}),
        ("call_ticket", {"counter": 1, "number": "A003"}),
        ("complete", {"number": "A003"}),
        ("set_priority", {"number": "A004", "priority": True, "category": "elderly"}),
        ("park", {"number": "A002"}),
        ("unpark", {"number": "A002"}),
        ("transfer", {"number": "A002", "to_counter": 2}),
        ("cancel", {"number": "A004"}),
        ("pause_counter", {"counter": 2}),
        ("resume_counter", {"counter": 2}),
        ("set_counter_services", {"counter": 2, "services": ["B", "A"]}),
        ("close_counter", {"counter": 2}),
        ("open_counter", {"counter": 2}),
    ]
    assert {a for a, _ in run} == HALL_COMMANDS
    for action, kwargs in run:
        events = ov.perform(sup, action, "correcting_mistake", **kwargs)
        assert events and all(e["role"] == "supervisor" for e in events), action
        assert all("before" in e.data and "after" in e.data for e in events)
    t = hall.state.tickets
    assert t["A001"].status is TicketStatus.NO_SHOW
    assert t["A003"].status is TicketStatus.COMPLETED
    assert t["A004"].status is TicketStatus.CANCELLED
    assert t["A002"].target_counter == 2
    assert hall.state.counters[2].services == ("B", "A")


def test_supervisor_switches_the_ai_off_and_corrects_estimates(
    ov: Overrides, auth: StaffAuth, store: SQLiteStore
) -> None:
    sup = _signin(auth, "201")
    change = ov.preview(sup, "ai_switch", enabled=False)[0]
    assert change.lines() == [("ai", True, False)]
    [e] = ov.perform(sup, "ai_switch", "estimate_wrong", enabled=False)
    assert (e.kind, e["enabled"], e["role"], e["reason"]) == ("ai_switch", False, "supervisor",
                                                              "estimate_wrong")
    assert ov.controls().ai_enabled is False
    ov.perform(sup, "estimate_correction", "estimate_wrong: queue slower today", service="C",
               minutes=10)
    assert ov.controls().corrections == {"C": 10.0}
    assert ov.preview(sup, "estimates_visibility", visible=False)[0].lines() == [
        ("visible", True, False)]
    with pytest.raises(CommandRefused) as exc:
        ov.perform(sup, "ai_switch", None, enabled=True)
    assert exc.value.code == "reason_needed"


def test_expired_session_cannot_act(ov: Overrides, auth: StaffAuth, clock: ManualClock) -> None:
    s = _signin(auth, "201")
    clock.advance(61)
    with pytest.raises(CommandRefused) as exc:
        ov.perform(s, "cancel", "citizen_left", number="A001")
    assert exc.value.code == "session_expired"


def test_reason_list_and_free_text() -> None:
    assert compose_reason("other", "  printer   jammed ") == "other: printer jammed"
    with pytest.raises(CommandRefused):
        compose_reason("other", "")
    with pytest.raises(CommandRefused):
        compose_reason("made_up")


def test_day_report(ov: Overrides, auth: StaffAuth, hall: HallService, clock: ManualClock,
                    store: SQLiteStore, config: Config) -> None:
    clock.advance(600)
    sup = _signin(auth, "201")
    ov.perform(sup, "call_next", counter=1)  # A001 waited 10 min
    clock.advance(300)
    sup = _signin(auth, "201")  # the earlier session timed out meanwhile
    ov.perform(sup, "complete", number="A001")  # served in 5 min
    ov.perform(sup, "call_next", counter=2)
    ov.perform(sup, "recall", number="A002")
    ov.perform(sup, "no_show", number="A002")
    rep = build_report(config, store.read_after(0), clock.now().date())
    a = next(line for line in rep.services if line.key == "A")
    assert (a.issued, a.served, a.no_show, a.still_waiting) == (4, 1, 1, 2)
    assert a.mean_wait_min == pytest.approx(12.5)  # 10 and 15 minutes
    assert a.mean_service_min == 5.0
    c1 = next(line for line in rep.counters if line.key == "1")
    c2 = next(line for line in rep.counters if line.key == "2")
    assert (c1.served, c2.no_show) == (1, 1)
    text = report_text(rep)
    assert "13/04/2026" in text and "Chứng thực bản sao" in text
