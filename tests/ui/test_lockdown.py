"""Kiosk lock-down: the usual escape keys do nothing; only a technician's PIN quits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QWindow
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.clock import ManualClock
from app.config import Config
from app.errors import CommandRefused
from app.staff import StaffAuth
from app.store.sqlite import SQLiteStore
from tests.helpers.staff import FAST_HASHER as FAST
from ui.lockdown import KioskLockdown, install_lockdown, is_escape_key, staff_authorizer

K = Qt.Key
M = Qt.KeyboardModifier
CTRL, ALT, SHIFT, META = M.ControlModifier, M.AltModifier, M.ShiftModifier, M.MetaModifier
NONE = M.NoModifier

ESCAPES = [
    (K.Key_F4, ALT),
    (K.Key_Tab, ALT),
    (K.Key_Backtab, ALT | SHIFT),
    (K.Key_Escape, ALT),
    (K.Key_Space, ALT),
    (K.Key_Backspace, CTRL | ALT),
    (K.Key_Delete, CTRL | ALT),
    (K.Key_F1, CTRL | ALT),
    (K.Key_F2, CTRL | ALT),
    (K.Key_F7, CTRL | ALT),
    (K.Key_F12, CTRL | ALT),
    (K.Key_T, CTRL | ALT),
    (K.Key_Q, CTRL),
    (K.Key_W, CTRL),
    (K.Key_F4, CTRL),
    (K.Key_Escape, CTRL),
    (K.Key_Escape, NONE),
    (K.Key_F11, NONE),
    (K.Key_Super_L, NONE),
    (K.Key_Super_R, NONE),
    (K.Key_Meta, NONE),
    (K.Key_D, META),
    (K.Key_L, META),
    (K.Key_Menu, NONE),
    (K.Key_PowerOff, NONE),
    (K.Key_Sleep, NONE),
]

ORDINARY = [
    (K.Key_A, NONE),
    (K.Key_5, NONE),
    (K.Key_Return, NONE),
    (K.Key_Backspace, NONE),
    (K.Key_Tab, NONE),
    (K.Key_A, SHIFT),
    (K.Key_F5, NONE),
]


class KeyWindow(QWindow):
    """A top-level window that remembers the keys that reached it."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[tuple[int, M]] = []

    def keyPressEvent(self, ev: QKeyEvent) -> None:
        self.keys.append((ev.key(), ev.modifiers()))


#: QTest presses and releases the modifier keys themselves around a chord; those may pass
MODIFIER_KEYS = {K.Key_Control, K.Key_Alt, K.Key_Shift, K.Key_AltGr}


#: keys QTest cannot type (it has no text for them): sent as plain key events
NO_TEXT = {K.Key_PowerOff, K.Key_Sleep}


def press(window: KeyWindow, key: K, mods: M) -> None:
    if key in NO_TEXT:
        for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(window, QKeyEvent(etype, key, mods))
    else:
        QTest.keyClick(window, key, mods)


def typed(window: KeyWindow) -> list[int]:
    """The keys that reached the window, without the bare modifier keys."""
    return [k for k, _ in window.keys if k not in MODIFIER_KEYS]


class SpontaneousClose(QCloseEvent):
    """A close request as the window system sends it (Alt+F4 in a compositor, a close button)."""

    def spontaneous(self) -> bool:
        return True


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[KeyWindow]:
    w = KeyWindow()
    w.resize(200, 100)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.destroy()


@pytest.fixture
def quits() -> list[int]:
    return []


@pytest.fixture
def lockdown(quits: list[int]) -> Iterator[KioskLockdown]:
    app = QCoreApplication.instance()
    assert app is not None
    ld = KioskLockdown(authorizer=None, quit=lambda: quits.append(1))
    ld.install(app)
    yield ld
    ld.uninstall()
    ld.deleteLater()


@pytest.mark.parametrize(("key", "mods"), ESCAPES)
def test_escape_keys_never_reach_the_kiosk(
    qtbot: QtBot, window: KeyWindow, lockdown: KioskLockdown, key: K, mods: M, quits: list[int]
) -> None:
    with qtbot.waitSignal(lockdown.escape_blocked, timeout=1000):
        press(window, key, mods)
    assert typed(window) == []
    assert quits == []
    assert window.isVisible()


@pytest.mark.parametrize(("key", "mods"), ORDINARY)
def test_ordinary_keys_still_work(
    window: KeyWindow, lockdown: KioskLockdown, key: K, mods: M
) -> None:
    QTest.keyClick(window, key, mods)
    assert typed(window) == [key]


def test_without_lockdown_the_keys_arrive(window: KeyWindow) -> None:
    # the same window and keys, unfiltered: shows the tests above do test the filter
    QTest.keyClick(window, K.Key_F4, ALT)
    QTest.keyClick(window, K.Key_Escape)
    assert typed(window) == [K.Key_F4, K.Key_Escape]


def test_is_escape_key_table() -> None:
    for key, mods in ESCAPES:
        assert is_escape_key(key, mods), (key, mods)
    for key, mods in ORDINARY:
        assert not is_escape_key(key, mods), (key, mods)


def test_close_request_from_the_window_system_is_refused(
    window: KeyWindow, lockdown: KioskLockdown
) -> None:
    ev = SpontaneousClose()
    ev.accept()
    assert lockdown.eventFilter(window, ev) is True
    assert not ev.isAccepted()
    # a close from code (the service being stopped) is not the filter's business
    assert lockdown.eventFilter(window, QCloseEvent()) is False


def test_technician_key_asks_for_the_pin_pad(
    qtbot: QtBot, window: KeyWindow, lockdown: KioskLockdown
) -> None:
    with qtbot.waitSignal(lockdown.technician_requested, timeout=1000):
        QTest.keyClick(window, K.Key_T, CTRL | ALT | SHIFT)
    assert typed(window) == []


def test_quit_switched_off_without_an_authorizer(lockdown: KioskLockdown, quits: list[int]) -> None:
    assert "switched off" in lockdown.request_quit("tech1", "1234")
    assert quits == []


# --------------------------------------------------------------------------- real staff accounts



@pytest.fixture
def auth(config: Config, store: SQLiteStore, clock: ManualClock) -> StaffAuth:
    a = StaffAuth(config, store, clock, hasher=FAST)
    a.add("setup", "tech1", "Kỹ thuật viên", "technician", "246810")
    a.add("setup", "nv1", "Nhân viên", "staff", "135790")
    return a


def test_only_a_technician_pin_quits(
    window: KeyWindow, auth: StaffAuth, quits: list[int], qtbot: QtBot, store: SQLiteStore
) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    ld = KioskLockdown(staff_authorizer(auth, "kiosk-1"), quit=lambda: quits.append(1))
    ld.install(app)
    try:
        with qtbot.waitSignal(ld.quit_refused, timeout=1000):
            assert ld.request_quit("tech1", "000000") == "Wrong staff number or PIN."
        assert "may not" in ld.request_quit("nv1", "135790")
        assert quits == []
        assert ld.request_quit("tech1", "246810") == ""
        assert quits == [1]
        assert ld.leaving
        # the filter is gone once leaving was allowed
        QTest.keyClick(window, K.Key_Escape)
        assert typed(window) == [K.Key_Escape]
    finally:
        ld.uninstall()
        ld.deleteLater()
    kinds = [e.kind for e in store.read_after(0)]
    assert kinds.count("staff_signin_failed") == 1
    assert kinds[-1] == "staff_signout"


def test_brute_forced_quit_pin_locks_out(auth: StaffAuth, config: Config, quits: list[int]) -> None:
    ld = KioskLockdown(staff_authorizer(auth, "kiosk-1"), quit=lambda: quits.append(1))
    try:
        for _ in range(config.staff.max_failed_pins):
            ld.request_quit("tech1", "111111")
        reason = ld.request_quit("tech1", "246810")
        assert "locked" in reason
        assert quits == []
    finally:
        ld.deleteLater()


def test_authorizer_errors_are_user_errors(auth: StaffAuth) -> None:
    check = staff_authorizer(auth, "kiosk-1")
    with pytest.raises(CommandRefused):
        check("nobody", "123456")


def test_install_hides_the_cursor_and_keeps_running_without_windows(
    window: KeyWindow, quits: list[int]
) -> None:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    before = app.quitOnLastWindowClosed()
    ld = install_lockdown(app, quit=lambda: quits.append(1))
    try:
        cursor = QGuiApplication.overrideCursor()
        assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor
        assert app.quitOnLastWindowClosed() is False
        QTest.keyClick(window, K.Key_F4, ALT)
        assert typed(window) == []
    finally:
        ld.uninstall()
        QGuiApplication.restoreOverrideCursor()
        app.setQuitOnLastWindowClosed(before)
        ld.setParent(None)
        ld.deleteLater()
