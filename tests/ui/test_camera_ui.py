"""The camera on the kiosk window: sign, dimming, ID-card prompt, and the kiosk without it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtQuick import QQuickItem

from app.clock import ManualClock
from app.config import Config
from app.idcard import ID_FIELD
from app.store.sqlite import SQLiteStore
from devices.camera import scenes
from devices.camera.simulated import SimulatedCamera
from tests.helpers.config import override
from ui.bridge.tasks import still_running
from ui.camera import CameraBridge, install_camera
from ui.main import KioskWindow

pytestmark = pytest.mark.usefixtures("qapp")


def _with_camera(config: Config, **changes: Any) -> Config:
    return override(config, "devices.camera", **changes)


@pytest.fixture
def make_kiosk(store: SQLiteStore, clock: ManualClock, qtbot: Any) -> Iterator[Any]:
    opened: list[tuple[KioskWindow, CameraBridge | None]] = []

    def make(config: Config) -> tuple[KioskWindow, CameraBridge | None]:
        kiosk = KioskWindow(config, store, clock=clock, watch=False)
        kiosk.show()
        qtbot.waitExposed(kiosk.window)
        bridge = install_camera(kiosk)
        opened.append((kiosk, bridge))
        return kiosk, bridge

    yield make
    for kiosk, bridge in opened:
        if bridge is not None:
            bridge.shutdown()
        kiosk.close()
    assert not [d for d in still_running() if "id-card" in d]


def _tap(qtbot: Any, kiosk: KioskWindow, name: str) -> None:
    item = kiosk.item(name)
    assert item is not None and item.isVisible(), name
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    qtbot.mouseClick(kiosk.window, Qt.MouseButton.LeftButton, pos=centre)


def _visible(kiosk: KioskWindow, name: str) -> bool:
    item = kiosk.item(name)
    return isinstance(item, QQuickItem) and item.isVisible()


def _scanner_types(kiosk: KioskWindow, line: str) -> None:
    """What a keyboard-wedge QR scanner does: one key event per character, then Enter."""
    for ch in line:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
            QGuiApplication.sendEvent(kiosk.window, event)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QGuiApplication.sendEvent(
            kiosk.window, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"))


def _issued(store: SQLiteStore) -> list[Any]:
    return [e for e in store.read_after(0) if e.kind == "issued"]


def _hashes(store: SQLiteStore) -> dict[str, str]:
    return {e.ticket: e[ID_FIELD] for e in store.read_after(0) if e.kind == "id_checked"}


def test_camera_off_is_the_default_and_the_kiosk_is_unchanged(
    config: Config, make_kiosk: Any, store: SQLiteStore, qtbot: Any
) -> None:
    kiosk, bridge = make_kiosk(config)
    assert bridge is None
    assert kiosk.item("cameraSign") is None and kiosk.item("idCardPrompt") is None
    kiosk.backend.chooseService("A")
    kiosk.backend.takeTicket()
    qtbot.waitUntil(lambda: kiosk.backend.property("screen") == "ticket", timeout=5000)
    assert len(_issued(store)) == 1


def test_a_failing_camera_leaves_the_kiosk_working_and_tells_staff(
    config: Config, make_kiosk: Any, store: SQLiteStore, qtbot: Any
) -> None:
    cfg = _with_camera(config, kind="simulated", simulated_source="no/such/folder",
                       id_card_scan=True)
    kiosk, bridge = make_kiosk(cfg)
    assert bridge is not None
    qtbot.waitUntil(lambda: not bridge.property("cameraActive") and bridge.property("note") != "",
                    timeout=5000)
    assert not _visible(kiosk, "cameraSign")
    incidents = [e for e in store.read_after(0) if e.kind == "incident"]
    assert incidents and incidents[-1]["source"] == "camera"
    # tickets still issue, and the ID-card prompt still works with a USB scanner
    kiosk.backend.chooseService("A")
    kiosk.backend.takeTicket()
    qtbot.waitUntil(lambda: _visible(kiosk, "idCardPrompt"), timeout=3000)
    _tap(qtbot, kiosk, "idCardSkip")
    qtbot.waitUntil(lambda: kiosk.backend.property("screen") == "ticket", timeout=5000)
    assert len(_issued(store)) == 1 and _hashes(store) == {}


def test_sign_shows_while_the_camera_runs(config: Config, make_kiosk: Any, qtbot: Any) -> None:
    kiosk, bridge = make_kiosk(_with_camera(config, kind="simulated",
                                            simulated_source="generated:empty"))
    assert bridge is not None and bridge.property("cameraActive")
    qtbot.waitUntil(lambda: _visible(kiosk, "cameraSign"), timeout=3000)
    assert bridge.worker is not None and bridge.worker.running
    bridge.shutdown()
    qtbot.waitUntil(lambda: not _visible(kiosk, "cameraSign"), timeout=3000)


def test_dims_records_and_wakes_on_touch(
    config: Config, make_kiosk: Any, store: SQLiteStore, clock: ManualClock, qtbot: Any
) -> None:
    kiosk, bridge = make_kiosk(_with_camera(config, kind="simulated", dim_after_seconds=5,
                                            simulated_source="generated:empty"))
    assert bridge is not None
    bridge.shutdown()  # drive the monitor by hand on the manual clock
    clock.advance(5)
    change = bridge.monitor.tick()
    assert change is not None
    bridge._on_change_thread(change)
    qtbot.waitUntil(lambda: bridge.property("dimmed"), timeout=3000)
    qtbot.waitUntil(lambda: _visible(kiosk, "dimOverlay"), timeout=3000)
    clock.advance(600)
    bridge.worker = object()  # type: ignore[assignment]  # the touch filter wakes a running camera
    _tap(qtbot, kiosk, "dimWake")
    bridge.worker = None
    qtbot.waitUntil(lambda: not bridge.property("dimmed"), timeout=3000)
    kinds = [e.kind for e in store.read_after(0)]
    assert "screen_dimmed" in kinds


def test_continue_without_card_issues_a_ticket(
    config: Config, make_kiosk: Any, store: SQLiteStore, qtbot: Any
) -> None:
    kiosk, _bridge = make_kiosk(_with_camera(config, kind="simulated",
                                            simulated_source="generated:empty",
                                            id_card_scan=True))
    kiosk.backend.chooseService("B")
    qtbot.waitUntil(lambda: kiosk.backend.property("screen") == "service", timeout=3000)
    kiosk.backend.takeTicket()
    qtbot.waitUntil(lambda: _visible(kiosk, "idCardPrompt"), timeout=3000)
    assert _visible(kiosk, "idCardWhy") and _visible(kiosk, "idCardPrivacy")
    assert _issued(store) == []  # the purpose is shown first
    _tap(qtbot, kiosk, "idCardSkip")
    qtbot.waitUntil(lambda: kiosk.backend.property("screen") == "ticket", timeout=5000)
    assert not _visible(kiosk, "idCardPrompt")
    assert [e["service"] for e in _issued(store)] == ["B"]


def test_usb_scanner_line_checks_in_with_only_the_hash(
    config: Config, make_kiosk: Any, store: SQLiteStore, qtbot: Any
) -> None:
    kiosk, bridge = make_kiosk(_with_camera(config, kind="simulated",
                                            simulated_source="generated:empty",
                                            id_card_scan=True, greet_by_name=True))
    assert bridge is not None
    kiosk.backend.chooseService("A")
    kiosk.backend.takeTicket()
    qtbot.waitUntil(lambda: _visible(kiosk, "idCardPrompt"), timeout=3000)
    _scanner_types(kiosk, "not a card")
    qtbot.waitUntil(lambda: bridge.property("idCardState") == "refused", timeout=3000)
    assert _visible(kiosk, "idCardProblem")
    _scanner_types(kiosk, scenes.SAMPLE_CARD)
    qtbot.waitUntil(lambda: bridge.property("idCardState") == "accepted", timeout=3000)
    assert bridge.property("idCardGreeting") == "An"
    _tap(qtbot, kiosk, "idCardTake")
    qtbot.waitUntil(lambda: kiosk.backend.property("screen") == "ticket", timeout=5000)
    issued = _issued(store)
    assert len(issued) == 1 and len(_hashes(store)[issued[0].ticket]) == 32
    assert not _visible(kiosk, "idCardPrompt")


def test_camera_reads_the_card(
    config: Config, store: SQLiteStore, clock: ManualClock, qtbot: Any
) -> None:
    cfg = _with_camera(config, kind="simulated", id_card_scan=True, frames_per_second=15)
    kiosk = KioskWindow(cfg, store, clock=clock, watch=False)
    kiosk.show()
    qtbot.waitExposed(kiosk.window)
    camera = SimulatedCamera(frames=list(scenes.card(n=3)))
    bridge = CameraBridge(kiosk.hall, camera=camera, parent=kiosk.backend)
    bridge.attach(kiosk.backend)
    try:
        bridge.start()
        kiosk.backend.chooseService("A")
        kiosk.backend.takeTicket()
        qtbot.waitUntil(lambda: bridge.property("idCardState") == "accepted", timeout=5000)
        bridge.takeWithCard()
        qtbot.waitUntil(lambda: kiosk.backend.property("screen") == "ticket", timeout=5000)
        assert _issued(store)[0].ticket in _hashes(store)
    finally:
        bridge.shutdown()
        kiosk.close()
