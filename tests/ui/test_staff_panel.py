"""The staff panel in the kiosk window: hidden entry, PIN pad, every override through the panel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.clock import ManualClock
from app.hall import CounterStatus, TicketStatus
from app.overrides import counter_summary, ticket_summary
from app.staff import StaffAuth
from tests.conftest import publish
from tests.helpers.config import override
from tests.helpers.staff import FAST_HASHER as FAST
from tests.ui.kiosk_helpers import (
    START,
    click,
    config,
    make_kiosk,
    settle,
    visible_item,
    wait_until,
)
from ui.main import KioskWindow
from ui.staff_entry import StaffEntry, install_staff_entry

PINS = {"101": "482915", "201": "736204", "301": "550917"}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def kiosk(tmp_path: Path, clock: ManualClock) -> Iterator[tuple[KioskWindow, StaffEntry]]:
    cfg = config()
    cfg = override(cfg, "staff", hold_seconds=0.5)
    k = make_kiosk(tmp_path, cfg=cfg, clock=clock)
    auth = StaffAuth(k.hall.config, k.hall.store, clock, hasher=FAST)
    auth.add("cli", "101", "Nguyễn Văn An", "staff", PINS["101"])
    auth.add("cli", "201", "Trần Thị Bình", "supervisor", PINS["201"])
    printing = mock.Mock()
    entry = install_staff_entry(k, printing=printing, printer_status=lambda: "ready",
                                hasher=FAST)
    for c in (1, 2):
        k.hall.execute("open_counter", "setup", counter=c)
    for svc in "AAAAB":
        k.hall.issue(svc, "kiosk-1")
    settle(30)
    yield k, entry
    entry.close()
    k.close()


def _hold_corner(k: KioskWindow) -> None:
    QTest.mousePress(k.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(40, 40))
    wait_until(lambda: _visible(k, "pinPad"), timeout=3)
    QTest.mouseRelease(k.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(40, 40))


def _visible(k: KioskWindow, name: str) -> bool:
    try:
        visible_item(k.window, name)
        return True
    except AssertionError:
        return False


def _type(k: KioskWindow, digits: str) -> None:
    for d in digits:
        click(k.window, f"pinKey_{d}")
    click(k.window, "pinKey_ok")


def _sign_in(k: KioskWindow, entry: StaffEntry, staff: str) -> None:
    _hold_corner(k)
    _type(k, staff)
    _type(k, PINS[staff])
    wait_until(lambda: entry.backend.signedIn)
    wait_until(lambda: _visible(k, "staffWho"))


def _confirm(k: KioskWindow, entry: StaffEntry, reason: str = "correcting_mistake") -> None:
    """Confirm what the panel shows; then the hall must be exactly as it was shown."""
    wait_until(lambda: entry.backend.pendingAction != "")
    settle(20)
    shown = entry.backend.pending_changes()
    assert shown and entry.backend.changes.rowCount() >= 1
    if entry.backend.pendingNeedsReason:
        click(k.window, f"reason_{reason}")
    click(k.window, "confirmOk")
    wait_until(lambda: entry.backend.pendingAction == "" and not entry.backend.busy)
    settle(10)
    for change in shown:
        if change.subject.startswith("counter "):
            now = counter_summary(k.hall.state, int(change.subject.split()[1]))
        elif change.subject[:1].isupper() and change.subject[1:].isdigit():
            now = ticket_summary(k.hall.state, change.subject)
        else:
            continue  # estimate settings are checked through Overrides.controls()
        assert now == change.after, (change, now)


def _last(k: KioskWindow, kind: str):  # type: ignore[no-untyped-def]
    return [e for e in k.hall.store.read_after(0) if e.kind == kind][-1]


def test_corner_hold_pin_pad_and_sign_in(kiosk: tuple[KioskWindow, StaffEntry],
                                         output_dir: Path) -> None:
    k, entry = kiosk
    assert not _visible(k, "pinPad")
    _hold_corner(k)
    _type(k, "201")
    click(k.window, "pinKey_7")
    click(k.window, "pinKey_3")
    settle(20)
    image = k.window.grabWindow()
    image.save(str(output_dir / "staff-pinpad.png"))
    publish(output_dir / "staff-pinpad.png")
    click(k.window, "pinKey_back")
    click(k.window, "pinKey_back")
    _type(k, PINS["201"])
    wait_until(lambda: entry.backend.signedIn)
    assert entry.backend.role == "supervisor"
    wait_until(lambda: _visible(k, "queueList"))


def test_wrong_pins_lock_the_pad(kiosk: tuple[KioskWindow, StaffEntry]) -> None:
    k, entry = kiosk
    _hold_corner(k)
    for attempt in range(5):
        if attempt == 0:
            _type(k, "101")
        _type(k, "999999")
        wait_until(lambda: entry.backend.pinMessage != "" and not entry.backend.busy)
    _type(k, PINS["101"])
    wait_until(lambda: "locked" in entry.backend.pinMessage or "khoá" in
               entry.backend.pinMessage.lower())
    assert not entry.backend.signedIn


def test_every_override_through_the_panel(kiosk: tuple[KioskWindow, StaffEntry],
                                          output_dir: Path) -> None:
    k, entry = kiosk
    hall = k.hall
    _sign_in(k, entry, "201")
    tickets = hall.state.tickets

    def ticket_action(number: str, button: str, reason: str = "correcting_mistake") -> None:
        click(k.window, f"ticket_{number}")
        click(k.window, button)
        _confirm(k, entry, reason)

    # call a chosen ticket to counter 2: the confirmation shows what will change
    click(k.window, "ticket_A003")
    click(k.window, "callTo_2")
    wait_until(lambda: entry.backend.pendingAction == "call_ticket")
    settle(30)
    rows = entry.backend.changes.rows()
    shown = {r["field"]: (r["before"], r["after"]) for r in rows}
    assert {r["subject"] for r in rows} == {"A003"}
    assert shown["Trạng thái"] == ("đang chờ", "đang được phục vụ")
    assert shown["Quầy"] == ("—", "2")
    image = k.window.grabWindow()
    image.save(str(output_dir / "staff-confirm.png"))
    publish(output_dir / "staff-confirm.png")
    click(k.window, "reason_citizen_request")
    click(k.window, "confirmOk")
    wait_until(lambda: entry.backend.pendingAction == "" and not entry.backend.busy)
    assert tickets["A003"].status is TicketStatus.CALLED and tickets["A003"].counter == 2
    e = _last(k, "called")
    assert (e.actor, e["role"], e["reason"]) == ("201", "supervisor", "citizen_request")

    ticket_action("A003", "actRecall")
    assert tickets["A003"].recalls == 1 and _last(k, "recalled")["reason"]
    ticket_action("A003", "actNoShow", "citizen_left")
    assert tickets["A003"].status is TicketStatus.NO_SHOW
    assert _last(k, "no_show")["reason"] == "citizen_left"

    ticket_action("A001", "callTo_1")
    ticket_action("A001", "actComplete")
    assert tickets["A001"].status is TicketStatus.COMPLETED

    ticket_action("A002", "actPark")
    assert tickets["A002"].status is TicketStatus.PARKED
    ticket_action("A002", "actUnpark")
    assert tickets["A002"].status is TicketStatus.WAITING

    ticket_action("A004", "priority_elderly", "priority_confirmed")
    assert tickets["A004"].priority and tickets["A004"].category == "elderly"
    assert _last(k, "prioritized")["reason"] == "priority_confirmed"
    ticket_action("A004", "priorityClear")
    assert not tickets["A004"].priority

    ticket_action("A004", "transferService_B", "wrong_service")
    assert tickets["A004"].service == "B"
    assert _last(k, "transferred")["before"]["service"] == "A"
    click(k.window, "ticket_B001")
    click(k.window, "transferFront")
    click(k.window, "transferCounter_1")
    _confirm(k, entry)
    assert tickets["B001"].target_counter == 1 and tickets["B001"].front
    click(k.window, "transferFront")

    ticket_action("A002", "actCancel", "citizen_left")
    assert tickets["A002"].status is TicketStatus.CANCELLED

    ticket_action("B001", "actReprint", "device_fault")
    entry.overrides.printing.reprint.assert_called_once_with("B001", "vi")  # type: ignore[union-attr]

    # counters
    click(k.window, "tab_counters")
    click(k.window, "pause_2")
    _confirm(k, entry)
    assert hall.state.counters[2].status is CounterStatus.PAUSED
    click(k.window, "resume_2")
    _confirm(k, entry)
    click(k.window, "close_1")
    _confirm(k, entry)
    assert hall.state.counters[1].status is CounterStatus.CLOSED
    click(k.window, "open_3")
    _confirm(k, entry)
    assert hall.state.counters[3].status is CounterStatus.OPEN
    click(k.window, "svcToggle_3_B")  # B, A -> A
    click(k.window, "svcToggle_3_B")  # -> A, B
    click(k.window, "applyServices_3")
    _confirm(k, entry)
    assert hall.state.counters[3].services == ("A", "B")
    assert _last(k, "counter_services")["before"]["services"] == ["B", "A"]

    # estimates and the AI
    click(k.window, "tab_estimates")
    click(k.window, "aiSwitch")
    _confirm(k, entry, "estimate_wrong")
    assert entry.overrides.controls().ai_enabled is False
    assert _last(k, "ai_switch")["role"] == "supervisor"
    click(k.window, "estimatesVisibility")
    _confirm(k, entry, "estimate_wrong")
    assert entry.overrides.controls().visible is False
    click(k.window, "corrPlus_C")
    click(k.window, "corrPlus_C")
    click(k.window, "corrApply_C")
    _confirm(k, entry, "estimate_wrong")
    assert entry.overrides.controls().corrections == {"C": 10.0}
    image = k.window.grabWindow()
    image.save(str(output_dir / "staff-estimates.png"))
    publish(output_dir / "staff-estimates.png")

    # every one of these is on the audit trail with its reason
    click(k.window, "tab_audit")
    click(k.window, "auditSearch")
    wait_until(lambda: len(entry.backend.audit.rows()) > 10)
    entry.backend.loadAudit("201", "", "cancelled", "08:00")
    wait_until(lambda: [r["kind"] for r in entry.backend.audit.rows()] == ["cancelled"])
    assert entry.backend.audit.rows()[0]["reason"] == "citizen_left"
    entry.backend.loadAudit("", "", "", "23:59")  # nothing after the last minute of the day
    wait_until(lambda: entry.backend.audit.rows() == [])
    staff_events = [e for e in hall.store.read_after(0) if e.actor == "201" and e.get("reason")]
    assert len(staff_events) >= 20
    assert all(e.get("role") == "supervisor" for e in staff_events)
    assert hall.store.verify().ok


def test_staff_cannot_switch_the_ai_off(kiosk: tuple[KioskWindow, StaffEntry],
                                       output_dir: Path) -> None:
    k, entry = kiosk
    _sign_in(k, entry, "101")
    click(k.window, "tab_queue")
    click(k.window, "ticket_A001")
    settle(20)
    image = k.window.grabWindow()
    image.save(str(output_dir / "staff-panel.png"))
    publish(output_dir / "staff-panel.png")
    assert not visible_item(k.window, "actCancel").isEnabled()
    click(k.window, "tab_estimates")
    assert not visible_item(k.window, "aiSwitch").isEnabled()
    head = k.hall.store.head()
    entry.backend.prepare("ai_switch", {"enabled": False})  # even past the disabled button
    wait_until(lambda: not entry.backend.busy)  # the core is asked on the worker
    assert entry.backend.pendingAction == "" and not entry.backend.messageOk
    assert k.hall.store.head() == head


def test_session_ends_after_a_minute_and_the_kiosk_goes_home(
    kiosk: tuple[KioskWindow, StaffEntry], clock: ManualClock
) -> None:
    k, entry = kiosk
    k.backend.chooseService("A")
    _sign_in(k, entry, "201")
    clock.advance(50)
    click(k.window, "tab_counters")  # a touch
    entry.backend.checkSession()
    assert entry.backend.signedIn
    clock.advance(61)
    entry.backend.checkSession()  # what the idle timer does when it fires
    assert not entry.backend.signedIn
    wait_until(lambda: not _visible(k, "staffWho"))
    assert k.backend.screen == "home"
    # the end of the session is recorded on the worker
    wait_until(lambda: any(e.kind == "staff_signout" for e in k.hall.store.read_after(0)))
    e = _last(k, "staff_signout")
    assert (e["staff"], e["why"]) == ("201", "timeout")


def test_the_panel_shows_the_citizens_answers_of_today(
    kiosk: tuple[KioskWindow, StaffEntry]
) -> None:
    k, entry = kiosk
    k.hall.record("estimate_feedback", "phone-page", ticket="A001", service="A", right=False)
    k.hall.record("estimate_feedback", "phone-page", ticket="A002", service="A", right=True)
    _sign_in(k, entry, "201")
    # the kiosk speaks Vietnamese until a citizen chooses otherwise
    wait_until(lambda: entry.backend.feedbackText.endswith(": 1 đúng, 1 sai"))
    # no camera in this hall: no energy line
    assert entry.backend.energyText == ""


def test_the_entry_item_outlives_the_slot_wrappers(kiosk: tuple[KioskWindow, StaffEntry]) -> None:
    # PySide drops a child's wrapper with its parent's: the item handed back must stay usable
    import gc

    import shiboken6

    _k, entry = kiosk
    gc.collect()
    assert entry.item is not None and shiboken6.isValid(entry.item)
    entry.item.setProperty("padOpen", True)
    assert entry.item.property("padOpen") is True
