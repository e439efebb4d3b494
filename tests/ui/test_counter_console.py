"""The counter console: keyboard sign-in, shortcuts, misclick guards, the audit record."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.clock import ManualClock
from app.config import Config
from app.errors import UserError
from app.hall import CounterStatus, TicketStatus
from app.service import HallService
from app.staff import StaffAuth
from app.store.sqlite import SQLiteStore
from tests.conftest import publish
from tests.helpers.qt import settle, wait_until
from tests.helpers.staff import FAST_HASHER as FAST
from tests.helpers.told import told
from tests.ui.kiosk_helpers import click
from ui.counter_console import CounterConsole


@pytest.fixture
def console(config: Config, store: SQLiteStore, clock: ManualClock,
            hall: HallService) -> Iterator[CounterConsole]:
    StaffAuth(config, store, clock, hasher=FAST).add("cli", "102", "Phạm Thu Hà", "staff",
                                                      "314159", counters=[2])
    hall.execute("open_counter", "setup", counter=2)
    for svc in "AABAB":
        hall.issue(svc, "kiosk-1")
    c = CounterConsole(config, store, 2, hall=hall, watch=False, hasher=FAST)
    c.show()
    wait_until(c.window.isExposed)
    settle(30)
    yield c
    c.close()


def _key(c: CounterConsole, key: Qt.Key) -> None:
    QTest.keyClick(c.window, key)
    settle(10)


def _type(c: CounterConsole, digits: str) -> None:
    for d in digits:
        QTest.keyClick(c.window, Qt.Key(Qt.Key.Key_0.value + int(d)))
    settle(5)


def _sign_in(c: CounterConsole) -> None:
    _type(c, "102")
    _key(c, Qt.Key.Key_Return)
    _type(c, "314159")
    _key(c, Qt.Key.Key_Return)
    wait_until(lambda: c.backend.signedIn)
    settle(30)


def _idle(c: CounterConsole) -> None:
    wait_until(lambda: not c.backend.busy)
    settle(20)


def test_unknown_counter_is_refused(config: Config, store: SQLiteStore) -> None:
    with pytest.raises(UserError, match="no counter 9"):
        CounterConsole(config, store, 9, watch=False)


def test_keyboard_work_with_misclick_guards(console: CounterConsole, hall: HallService,
                                           store: SQLiteStore, output_dir: Path) -> None:
    c = console
    image = c.window.grabWindow()
    image.save(str(output_dir / "counter-signin.png"))
    publish(output_dir / "counter-signin.png")
    _sign_in(c)
    t = hall.state.tickets

    _key(c, Qt.Key.Key_F1)  # call next
    _idle(c)
    assert c.backend.serving == "A001"
    e = [x for x in store.read_after(0) if x.kind == "called"][-1]
    assert (e.actor, e["role"]) == ("102", "staff")

    # Call next while A001 is still served asks first, and shows what will change
    _key(c, Qt.Key.Key_F1)
    _idle(c)  # what will change is worked out on the worker
    assert c.backend.pendingAction == "call_next"
    subjects = {r["subject"] for r in c.backend.changes.rows()}
    assert subjects == {"A001", "A002"}
    _key(c, Qt.Key.Key_Escape)
    assert c.backend.pendingAction == "" and t["A001"].status is TicketStatus.CALLED
    image = c.window.grabWindow()
    image.save(str(output_dir / "counter-console.png"))
    publish(output_dir / "counter-console.png")

    # Complete, twice in a row: one completion only
    click(c.window, "btnComplete")
    click(c.window, "btnComplete")
    _key(c, Qt.Key.Key_F3)
    _idle(c)
    completed = [x for x in store.read_after(0) if x.kind == "completed"]
    assert [x.ticket for x in completed] == ["A001"]
    assert c.backend.serving == ""

    # next ticket: recall (F2), then no-show (F4)
    _key(c, Qt.Key.Key_F1)
    _idle(c)
    assert c.backend.serving == "A002"
    _key(c, Qt.Key.Key_F2)
    _idle(c)
    _key(c, Qt.Key.Key_F4)
    _idle(c)
    assert t["A002"].status is TicketStatus.NO_SHOW

    # transfer (F5) asks where and why
    _key(c, Qt.Key.Key_F1)
    _idle(c)
    assert c.backend.serving == "A003"
    _key(c, Qt.Key.Key_F5)
    click(c.window, "consoleTransferService_B")
    wait_until(lambda: c.backend.pendingAction == "transfer")
    settle(20)
    click(c.window, "reason_wrong_service")
    click(c.window, "confirmOk")
    _idle(c)
    assert t["A003"].service == "B" and t["A003"].status is TicketStatus.WAITING
    assert [x for x in store.read_after(0) if x.kind == "transferred"][-1]["reason"] == \
        "wrong_service"

    # pause (F6): call next is off until resumed
    _key(c, Qt.Key.Key_F6)
    _idle(c)
    assert hall.state.counters[2].status is CounterStatus.PAUSED
    _key(c, Qt.Key.Key_F1)
    _idle(c)
    assert c.backend.serving == ""
    _key(c, Qt.Key.Key_F6)
    _idle(c)
    assert hall.state.counters[2].status is CounterStatus.OPEN


def test_staff_of_another_counter_cannot_work_here(
    config: Config, store: SQLiteStore, clock: ManualClock, hall: HallService
) -> None:
    StaffAuth(config, store, clock, hasher=FAST).add("cli", "103", "Võ Minh", "staff",
                                                      "271828", counters=[1])
    hall.execute("open_counter", "setup", counter=2)
    hall.issue("A", "kiosk-1")
    c = CounterConsole(config, store, 2, hall=hall, watch=False, hasher=FAST)
    try:
        c.show()
        wait_until(c.window.isExposed)
        _type(c, "103")
        _key(c, Qt.Key.Key_Return)
        _type(c, "271828")
        _key(c, Qt.Key.Key_Return)
        wait_until(lambda: c.backend.signedIn)
        said = told(c.backend)
        c.backend.callNext()
        _idle(c)
        assert hall.state.tickets["A001"].status is TicketStatus.WAITING
        # exactly one sentence, the core's refusal in the console's language
        assert said.said == [("Bạn chỉ được phục vụ tại quầy của mình.", False)]
        said.close()
    finally:
        c.close()
