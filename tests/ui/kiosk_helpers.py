"""Drivers for the kiosk tests: a kiosk window on fakes, taps, items found by name.

The fakes, ``settle`` and ``wait_until`` are the shared ones of :mod:`tests.helpers`
(imported here too, for the tests that take them from this module).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from app.clock import ManualClock
from app.config import Config, load_config
from app.estimate import Estimate, EstimatorInfo, QueueLengthEstimator
from app.hall import HallState, Ticket
from tests.helpers.config import override
from tests.helpers.fakes import printer, speech  # noqa: F401  (kh.speech in the kiosk tests)
from tests.helpers.model_card import model_card
from tests.helpers.qt import settle, wait_until
from ui.main import KioskWindow

#: 09:00 in Hanoi on a Tuesday
START = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)

#: shaped like the card the training writes: texts a citizen reads in every
#: language, figures as data
#: the card the fake model shows (shaped like the one the training writes)
CARD = model_card(version="2026.03-test")


class FakeModelEstimator:
    """An estimator that says it is the learned model (for the AI label and panel)."""

    def __init__(self, visible: bool = True) -> None:
        self.visible = visible
        self.plain = QueueLengthEstimator()

    def estimate(self, state: HallState, ticket: Ticket) -> Estimate:
        e = self.plain.estimate(state, ticket)
        return Estimate(e.median_s, e.p10_s, e.p90_s, "model", CARD.version)

    def info(self) -> EstimatorInfo:
        return EstimatorInfo(ai=True, model_version=CARD.version, card=CARD,
                             live_coverage=0.8, live_count=100, live_mae_s=300.0,
                             visible=self.visible)


def config(**kiosk: Any) -> Config:
    """The shipped configuration with these ``[kiosk]`` options."""
    return override(load_config(), "kiosk", **kiosk)


def make_kiosk(
    tmp_path: Path, *, orientation: str = "landscape", cfg: Config | None = None,
    estimator: Any = None, print_service: Any = None, speaker: Any = None,
    clock: ManualClock | None = None,
) -> KioskWindow:
    from app.store.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "events.db")
    ps = print_service if print_service is not None else printer()
    sp = speaker
    k = KioskWindow(
        cfg or config(), store, clock=clock or ManualClock(START), estimator=estimator,
        printing=lambda: ps, speech=(lambda: sp) if sp is not None else None,
        orientation=orientation, watch=False,
    )
    k.store = store  # type: ignore[attr-defined]
    k.show()
    wait_until(k.window.isExposed)
    settle(30)  # the first frame: items are polished and can take input
    return k


def all_items(window: QQuickWindow) -> list[QQuickItem]:
    """Every item in the visual tree (Repeater delegates have no QObject parent)."""
    out: list[QQuickItem] = []
    stack = [window.contentItem()]
    while stack:
        item = stack.pop()
        out.append(item)
        stack.extend(item.childItems())
    return out


def visible_item(window: QQuickWindow, name: str) -> QQuickItem:
    for item in all_items(window):
        if item.objectName() == name and item.isVisible():
            return item
    raise AssertionError(f"no visible item named {name!r}")


def centre(item: QQuickItem) -> QPoint:
    p = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    return QPoint(round(p.x()), round(p.y()))


def click(window: QQuickWindow, name: str) -> None:
    settle(10)  # a screen just switched in is laid out on the next frame
    item = visible_item(window, name)
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     centre(item))
    settle(5)


def tap(window: QQuickWindow, name: str) -> None:
    """A finger tap (touch press and release) on the item."""
    from PySide6.QtGui import QPointingDevice

    device = getattr(tap, "_device", None)
    if device is None:
        device = QTest.createTouchDevice(QPointingDevice.DeviceType.TouchScreen)
        tap._device = device  # type: ignore[attr-defined]
    settle(10)
    pos = centre(visible_item(window, name))
    QTest.touchEvent(window, device).press(0, pos, window).commit()
    QTest.touchEvent(window, device).release(0, pos, window).commit()
    settle(5)


def touchables(window: QQuickWindow) -> list[QQuickItem]:
    """Every visible item a person can touch (they declare ``touchable``)."""
    out = []
    for item in all_items(window):
        if item.property("touchable") is True and item.isVisible() and item.isEnabled():
            out.append(item)
    return out


def texts(window: QQuickWindow) -> list[QQuickItem]:
    out = []
    for item in all_items(window):
        # QML types made from Text (KText) have their own class names: ask the hierarchy
        if item.inherits("QQuickText") and item.isVisible() and item.property("text"):
            out.append(item)
    return out



def _alignment(item: QQuickItem) -> tuple[int, int]:
    """A Text's effective alignment (the binding cannot convert these enums itself)."""
    from PySide6.QtQml import QQmlEngine, QQmlExpression

    context = QQmlEngine.contextForObject(item)
    if context is None:
        return 1, 32
    expr = QQmlExpression(context, item, "[effectiveHorizontalAlignment, verticalAlignment]")
    value, _undefined = expr.evaluate()
    try:
        return int(value[0]), int(value[1])
    except (TypeError, ValueError, IndexError):
        return 1, 32


def text_rect(item: QQuickItem) -> QRectF:
    """Where the text of a Text item is painted, in scene coordinates."""
    w, h = item.width(), item.height()
    cw = min(float(item.property("contentWidth")), w) if w > 0 else 0.0
    ch = min(float(item.property("contentHeight")), h) if h > 0 else 0.0
    halign, valign = _alignment(item)
    x = (w - cw) / 2 if halign & 0x4 else (w - cw if halign & 0x2 else 0.0)
    y = (h - ch) / 2 if valign & 0x80 else (h - ch if valign & 0x40 else 0.0)
    if item.property("lineCount") == 1:
        # one line: the ink, not the line box (Noto's tall line box, kept for
        # Vietnamese marks, would make a big number "overlap" its neighbours)
        from PySide6.QtGui import QFontMetricsF

        ink = QFontMetricsF(item.property("font")).tightBoundingRect(str(item.property("text")))
        y, ch = float(item.property("baselineOffset")) + ink.top(), ink.height()
    top_left = item.mapToScene(QPointF(x, y))
    return QRectF(top_left.x(), top_left.y(), cw, ch)


def _unclipped(item: QQuickItem, rect: QRectF) -> QRectF:
    """The part of ``rect`` not cut away by a clipping ancestor (a scrolled list)."""
    parent = item.parentItem()
    while parent is not None:
        if parent.clip():
            rect = rect.intersected(parent.mapRectToScene(parent.boundingRect()))
        parent = parent.parentItem()
    return rect


def text_problems(window: QQuickWindow) -> list[str]:
    """Texts that overlap each other, leave the window or are cut short ("…")."""
    shown = []
    for t in texts(window):
        rect = _unclipped(t, text_rect(t))
        if not rect.isEmpty():
            shown.append((str(t.property("text")), rect))
    bounds = QRectF(0, 0, window.width(), window.height())
    problems = []
    for t in texts(window):
        if t.property("truncated"):
            problems.append(f"cut short: {t.property('text')!r}")
    for i, (text, rect) in enumerate(shown):
        if not bounds.adjusted(-1, -1, 1, 1).contains(rect):
            problems.append(f"off screen: {text!r}")
        for other, rect2 in shown[i + 1:]:
            common = rect.intersected(rect2)
            if common.width() > 4 and common.height() > 4:
                problems.append(f"overlap: {text!r} / {other!r}")
    return problems
