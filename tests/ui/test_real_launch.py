"""The kiosk started exactly as ``motcua`` starts it: overlays installed before any frame.

``run_kiosk`` shows the window and installs the staff entry (and the camera's
dim overlay) at once; the window gets its real size only afterwards. These
tests do the same, with no settle in between, and then check that the PIN
pad, the staff panel and the dim overlay cover the whole window and keep
the citizen's controls beneath from reacting.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Property, QObject, QPoint, QRectF, Qt, Signal, Slot
from PySide6.QtTest import QTest

from app.clock import ManualClock
from app.store.sqlite import SQLiteStore
from tests.helpers.staff import FAST_HASHER as FAST
from tests.ui.kiosk_helpers import START, centre, config, printer, settle, visible_item, wait_until
from ui.main import KioskWindow
from ui.qml_app import QML_DIR
from ui.staff_entry import StaffEntry, install_staff_entry

PIN = "482915"


@pytest.fixture
def launched(tmp_path: Path) -> Iterator[tuple[KioskWindow, StaffEntry]]:
    cfg = config()
    cfg = cfg.model_copy(update={"staff": cfg.staff.model_copy(update={"hold_seconds": 0.5})})
    store = SQLiteStore(tmp_path / "events.db")
    ps = printer()
    k = KioskWindow(cfg, store, clock=ManualClock(START), printing=lambda: ps,
                    orientation="landscape", watch=False)
    # run_kiosk's order: show, then the overlays, nothing processed in between
    k.show()
    entry = install_staff_entry(k, printing=None, printer_status=lambda: "ready", hasher=FAST)
    entry.auth.add("cli", "101", "Nguyễn Văn An", "staff", PIN)
    yield k, entry
    entry.close()
    k.close()
    store.close()


def _scene_rect(item: Any) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def _covers_window(k: KioskWindow, name: str) -> None:
    item = visible_item(k.window, name)
    rect = _scene_rect(item)
    assert rect == QRectF(0, 0, k.window.width(), k.window.height()), (name, rect)


def _hold_corner(k: KioskWindow) -> None:
    QTest.mousePress(k.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(40, 40))
    wait_until(lambda: _shown(k, "pinPad"), timeout=3)
    QTest.mouseRelease(k.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(40, 40))


def _shown(k: KioskWindow, name: str) -> bool:
    try:
        visible_item(k.window, name)
        return True
    except AssertionError:
        return False


def test_pin_pad_and_panel_cover_the_window(launched: tuple[KioskWindow, StaffEntry]) -> None:
    k, entry = launched
    wait_until(k.window.isExposed)
    k.backend.wake()
    settle(20)
    _hold_corner(k)
    _covers_window(k, "pinScrim")
    pad = _scene_rect(visible_item(k.window, "pinPad"))
    assert QRectF(0, 0, k.window.width(), k.window.height()).contains(pad), pad
    # a tap on a tile beneath the scrim does nothing
    tile = visible_item(k.window, "tile_A")
    QTest.mouseClick(k.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     centre(tile))
    settle(10)
    assert k.backend.screen == "home"
    # the idle countdown waits while staff are at the screen
    assert not k.backend.idle_timer().isActive()
    entry.backend.signIn("101", PIN)
    wait_until(lambda: bool(entry.backend.signedIn))
    settle(20)
    _covers_window(k, "staffPanelLoader")
    panel = k.item("staffPanelLoader")
    assert panel is not None and panel.property("item") is not None
    QTest.mouseClick(k.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     centre(tile))
    settle(10)
    assert k.backend.screen == "home"
    assert not k.backend.idle_timer().isActive()
    entry.backend.signOut()
    settle(20)
    assert k.backend.idle_timer().isActive()


def test_overlays_follow_a_window_that_changes_size(
        launched: tuple[KioskWindow, StaffEntry]) -> None:
    k, _entry = launched
    wait_until(k.window.isExposed)
    k.backend.wake()
    k.window.setGeometry(0, 0, 1080, 1920)
    settle(30)
    _hold_corner(k)
    _covers_window(k, "pinScrim")


class _Camera(QObject):
    """The camera bridge as the dim overlay sees it."""

    dimmedChanged = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._dimmed = True
        self.touches = 0

    def _get(self) -> bool:
        return self._dimmed

    dimmed = Property(bool, _get, notify=dimmedChanged)

    @Slot()
    def touched(self) -> None:
        self.touches += 1
        self._dimmed = False
        self.dimmedChanged.emit()


def test_dim_overlay_fills_the_window_and_swallows_the_waking_tap(
        launched: tuple[KioskWindow, StaffEntry]) -> None:
    k, _entry = launched
    camera = _Camera()
    dim = k.install_overlay("dimSlot", QML_DIR / "camera" / "DimOverlay.qml", {"camera": camera})
    assert dim is not None
    wait_until(k.window.isExposed)
    k.backend.wake()
    settle(30)
    _covers_window(k, "dimOverlay")
    tile = visible_item(k.window, "tile_A")
    QTest.mouseClick(k.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     centre(tile))
    settle(10)
    assert camera.touches == 1
    assert k.backend.screen == "home"  # the tile under the waking tap did not open
    settle(300)
    click_again = centre(tile)
    QTest.mouseClick(k.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     click_again)
    settle(10)
    assert k.backend.screen == "service"
