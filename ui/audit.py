"""``motcua doctor --screens``: every screen of the configured hall, rendered and checked.

A technician writes a hall's configuration (long procedure names, thirty
counters, three-digit numbers) and wants to know, before a citizen does,
whether any screen breaks on it. This module builds the kiosk, the hall
board and a counter console for that configuration exactly as the program
starts them (no settling before the overlays are installed), drives them
through every state, renders each state in both orientations, both
languages and every accessibility mode, and checks every visible item:

- text elided, clipped by its container or overflowing its box;
- text overlapping other text or a control; a control overlapping another;
- an item outside the window, or partly under another item drawn above it;
- a touch target under :data:`TOUCH_MIN` px;
- text under its role's minimum size (see :data:`MIN_SIZE`);
- in easy reach, a citizen's control above the reach zone (the lower half);
- a scrolled or faded list whose hidden part has no visible cue;
- in larger text, a key line that grew less than :data:`LARGE_GROWTH`.

Each state is saved as one PNG. The hall runs on a throwaway SQLite store
and a manual clock; no device is opened (the printer is a stand-in that can
fail on demand), so the check is safe on a kiosk box in service.

:func:`audit` returns an :class:`AuditReport`; :func:`run_screens_doctor` is
the command.
"""

from __future__ import annotations

import itertools
import json
import logging
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtQml import QJSValue
from PySide6.QtQuick import QQuickItem, QQuickWindow

from app.clock import ManualClock
from app.config import Config
from app.ports import PrinterState
from app.printing import PrintOutcome
from app.service import HallService, IssuedTicket

if TYPE_CHECKING:
    from app.cli import Context
    from ui.bridge.kiosk import PrintServiceLike

log = logging.getLogger(__name__)

#: the smallest touch target, in pixels (both sides)
TOUCH_MIN = 96
#: the smallest size of each text role, in pixels; "cap" roles are cap heights
MIN_SIZE: dict[str, float] = {
    "body": 36, "secondary": 30, "boardLine": 48, "boardNumber": 110,
    # staff screens are read at arm's length on a desk PC or at the kiosk by staff
    "staff": 24,
}
#: larger text grows every key line by at least this much
LARGE_GROWTH = 1.25
#: overlaps smaller than this (pixels, both ways) are anti-aliasing, not a defect
SLACK = 4.0

LANDSCAPE = (1920, 1080)
PORTRAIT = (1080, 1920)
ORIENTATIONS = {"landscape": LANDSCAPE, "portrait": PORTRAIT}
#: every accessibility mode and their combinations (larger text, high contrast, easy reach)
MODES: tuple[tuple[bool, bool, bool], ...] = tuple(
    (large, contrast, reach) for large in (False, True) for contrast in (False, True)
    for reach in (False, True))


def mode_name(mode: tuple[bool, bool, bool]) -> str:
    names = [n for n, on in zip(("large", "contrast", "reach"), mode, strict=True) if on]
    return "+".join(names) or "plain"


# ----------------------------------------------------------------------------- report


@dataclass(frozen=True)
class Problem:
    """One defect: which screen, in which state, which item, what is wrong."""

    screen: str
    state: str
    item: str
    problem: str

    def to_json(self) -> dict[str, str]:
        return {"screen": self.screen, "state": self.state, "item": self.item,
                "problem": self.problem}

    def line(self) -> str:
        return f"{self.screen} | {self.state} | {self.item} | {self.problem}"


@dataclass
class AuditReport:
    """What :func:`audit` found: how many screens were rendered and every problem."""

    screens: int = 0
    problems: list[Problem] = field(default_factory=list)
    images: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"screens": self.screens, "problems": [p.to_json() for p in self.problems]}


# ----------------------------------------------------------------------------- the checks


@dataclass
class _Node:
    item: QQuickItem
    order: int
    rect: QRectF              # the item's box in the scene
    clip: QRectF | None       # what clipping ancestors leave visible (None: no clipping)
    scroller: QQuickItem | None  # the nearest Flickable ancestor
    control: QQuickItem | None   # the nearest touchable ancestor (or itself)
    staff: bool               # inside a staff overlay (not a citizen's screen)
    opacity: float


def _paint_order(window: QQuickWindow) -> list[_Node]:
    """Every effectively visible item in the order it is painted (later is on top)."""
    out: list[_Node] = []

    def walk(item: QQuickItem, clip: QRectF | None, scroller: QQuickItem | None,
             control: QQuickItem | None, staff: bool, opacity: float) -> None:
        if not item.isVisible():
            return
        opacity *= item.opacity()
        if opacity <= 0.01:
            return
        rect = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
        if item.property("touchable") is True:
            control = item
        name = item.objectName()
        if name in _STAFF_ROOTS:
            staff = True
        kids = sorted(item.childItems(), key=lambda c: c.z())
        inner_clip = clip
        if item.clip():
            inner_clip = rect if clip is None else clip.intersected(rect)
        inner_scroller = item if item.inherits("QQuickFlickable") else scroller
        for kid in kids:
            if kid.z() < 0:
                walk(kid, inner_clip, inner_scroller, control, staff, opacity)
        out.append(_Node(item, len(out), rect, clip, scroller, control, staff, opacity))
        for kid in kids:
            if kid.z() >= 0:
                walk(kid, inner_clip, inner_scroller, control, staff, opacity)

    walk(window.contentItem(), None, None, None, False, 1.0)
    return out


#: items under these names are the staff's, not a citizen's (no reach rule)
_STAFF_ROOTS = {"pinScrim", "staffPanelLoader"}


def _label(item: QQuickItem) -> str:
    """The item's objectName, else its nearest named ancestor and what it shows."""
    name = item.objectName()
    if name:
        return name
    parent = item.parentItem()
    while parent is not None and not parent.objectName():
        parent = parent.parentItem()
    owner = parent.objectName() if parent is not None else "window"
    text = item.property("text")
    if isinstance(text, str) and text:
        short = text if len(text) <= 40 else text[:39] + "…"
        return f"{owner}/“{short}”"
    return f"{owner}/{type(item).__name__}"


_ENUMS: dict[int, tuple[int, int, int]] = {}


def _enums(item: QQuickItem) -> tuple[int, int, int]:
    """A Text's alignment and size mode (PySide cannot convert these enums from a property)."""
    key = id(item)
    if key in _ENUMS:
        return _ENUMS[key]
    from PySide6.QtQml import QQmlEngine, QQmlExpression

    value: Any = None
    context = QQmlEngine.contextForObject(item)
    if context is not None:
        expr = QQmlExpression(context, item, "[effectiveHorizontalAlignment,"
                                             " verticalAlignment, fontSizeMode]")
        value, _undefined = expr.evaluate()
        if hasattr(value, "isArray") and value.isArray():  # a QJSValue holding the array
            value = [value.property(i).toInt() for i in range(3)]
    try:
        out = (int(value[0]), int(value[1]), int(value[2]))
    except (TypeError, ValueError, IndexError):
        out = (1, 32, 0)
    _ENUMS[key] = out
    return out


def _alignment(item: QQuickItem) -> tuple[int, int]:
    h, v, _mode = _enums(item)
    return h, v


def _size_mode(item: QQuickItem) -> int:
    return _enums(item)[2]


def _text_rect(item: QQuickItem) -> QRectF:
    """Where the text of a Text item is painted (its ink on one line), in the scene."""
    w, h = item.width(), item.height()
    cw = float(item.property("contentWidth"))
    ch = float(item.property("contentHeight"))
    halign, valign = _alignment(item)
    x = (w - cw) / 2 if halign & 0x4 else (w - cw if halign & 0x2 else 0.0)
    y = (h - ch) / 2 if valign & 0x80 else (h - ch if valign & 0x40 else 0.0)
    if item.property("lineCount") == 1:
        # one line: the ink, not Noto's tall line box (kept for Vietnamese marks)
        ink = QFontMetricsF(item.property("font")).tightBoundingRect(str(item.property("text")))
        scale = _fit_scale(item)
        y = float(item.property("baselineOffset")) + ink.top() * scale
        ch = ink.height() * scale
    else:
        # several lines: the first line's ascent and the last one's descent are air
        y, ch = y + ch * 0.08, ch * 0.84
    return item.mapRectToScene(QRectF(x, y, cw, ch))


def _fit_scale(item: QQuickItem) -> float:
    """How much a shrink-to-fit text was shrunk (1.0 for a fixed size)."""
    if _size_mode(item) == 0:
        return 1.0
    lines = max(1, int(item.property("lineCount") or 1))
    size = float(item.property("font").pixelSize())
    line = QFontMetricsF(item.property("font")).lineSpacing()
    used = float(item.property("contentHeight")) / lines
    return min(1.0, used / line) if line > 0 and size > 0 else 1.0


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return int(getattr(value, "value", 0))


def _has_gradient(item: QQuickItem) -> bool:
    value = item.property("gradient")  # a QJSValue: undefined unless one is set
    if value is None:
        return False
    if isinstance(value, QJSValue):
        return not (value.isUndefined() or value.isNull())
    return True


def _opaque(node: _Node) -> bool:
    item = node.item
    if item.inherits("QQuickRectangle"):
        if _has_gradient(item):
            # a fade (the "more below" cue over a list's last line) lets the text show
            return False
        color = item.property("color")
        alpha = color.alphaF() if isinstance(color, QColor) else 1.0
        return alpha * node.opacity >= 0.5
    return False


def _blocks_input(node: _Node) -> bool:
    item = node.item
    if item.inherits("QQuickMouseArea"):
        return bool(item.isEnabled())
    return item.property("touchable") is True and item.isEnabled()


def _descends(item: QQuickItem, ancestor: QQuickItem) -> bool:
    p: QQuickItem | None = item
    while p is not None:
        if p is ancestor:
            return True
        p = p.parentItem()
    return False


def _big(r: QRectF) -> bool:
    return r.width() > SLACK and r.height() > SLACK


def _text_size(item: QQuickItem, role: str) -> float:
    font = item.property("font")
    size = float(font.pixelSize())
    if size <= 0:
        size = float(font.pointSizeF()) * 96 / 72
    if _size_mode(item) != 0:
        size = min(size, float(item.property("minimumPixelSize")) or size) \
            if _fit_scale(item) < 1.0 else size
    if role == "boardNumber":
        # the cap height of the digits the board calls
        return QFontMetricsF(font).capHeight() * (size / max(1.0, float(font.pixelSize())))
    return size


def check_window(window: QQuickWindow, *, easy_reach: bool = False,
                 staff: bool = False) -> list[tuple[str, str]]:
    """The problems of what ``window`` shows now, as (item, problem) pairs.

    ``staff``: a staff screen (read at a desk), held to the staff text minimum."""
    _ENUMS.clear()
    nodes = _paint_order(window)
    bounds = QRectF(0, 0, window.width(), window.height()).adjusted(-1, -1, 1, 1)
    problems: list[tuple[str, str]] = []
    texts = [n for n in nodes if n.item.inherits("QQuickText") and n.item.property("text")]
    controls = [n for n in nodes if n.item.property("touchable") is True and n.item.isEnabled()]
    covers = [n for n in nodes if _opaque(n) or _blocks_input(n)]
    opaque = [n for n in covers if _opaque(n)]

    # what is drawn over each checked item: fully covered items are simply not seen;
    # text is hidden only by what is painted, a control also by what takes its taps
    def cover_of(node: _Node, rect: QRectF) -> tuple[bool, _Node | None]:
        partial: _Node | None = None
        is_text = node.item.inherits("QQuickText")
        for c in (opaque if is_text else covers):
            if c.order <= node.order or c.rect.isEmpty():
                continue
            if _descends(c.item, node.item) or _descends(node.item, c.item):
                continue
            if node.control is not None and _descends(c.item, node.control):
                continue
            if c.control is not None and node.control is c.control:
                continue
            area = c.rect if c.clip is None else c.rect.intersected(c.clip)
            common = area.intersected(rect)
            if not _big(common):
                continue
            if area.adjusted(-1, -1, 1, 1).contains(rect):
                return True, c
            if partial is None:
                partial = c
        return False, partial

    shown_texts: list[tuple[_Node, QRectF]] = []
    for n in texts:
        item = n.item
        rect = _text_rect(item)
        box = rect if n.clip is None else rect.intersected(n.clip)
        if box.isEmpty():
            if n.scroller is None:
                problems.append((_label(item), "text cut away by its container"))
            continue
        hidden, partial = cover_of(n, box)
        if hidden:
            continue
        shown_texts.append((n, box))
        if partial is not None:
            problems.append((_label(item), f"text partly under {_label(partial.item)}"))
        if item.property("truncated"):
            problems.append((_label(item), "text elided or cut short"))
        w, h = item.width(), item.height()
        if (float(item.property("contentWidth")) > w + 1.5 and w > 0) or w <= 0:
            problems.append((_label(item), "text wider than its box"))
        elif float(item.property("contentHeight")) > h + 1.5 and \
                _size_mode(item) == 0:
            problems.append((_label(item), "text taller than its box"))
        if n.clip is not None and n.scroller is None and not n.clip.adjusted(-1, -1, 1, 1) \
                .contains(rect):
            problems.append((_label(item), "text clipped by its container"))
        if not bounds.contains(box):
            problems.append((_label(item), "text outside the window"))
        role = str(item.property("textRole") or "body")
        least = MIN_SIZE.get(role, MIN_SIZE["body"])
        if staff or n.staff:
            role, least = "staff", MIN_SIZE["staff"]
        size = _text_size(item, role)
        if size + 0.5 < least:
            problems.append((_label(item), f"{role} text {size:.0f} px, under {least:.0f} px"))

    whole_window = QRectF(0, 0, window.width(), window.height())
    shown_controls: list[tuple[_Node, QRectF]] = []
    for n in controls:
        rect = n.rect if n.clip is None else n.rect.intersected(n.clip)
        if rect.isEmpty():
            continue
        hidden, partial = cover_of(n, rect)
        if hidden:
            continue
        shown_controls.append((n, rect))
        name = _label(n.item)
        # a catch-all over the whole window (the attract screen's) takes a tap anywhere:
        # what lies on it (the staff corner) and the reach zone do not concern it
        catch_all = n.rect.adjusted(-1, -1, 1, 1).contains(whole_window)
        if partial is not None and not catch_all:
            problems.append((name, f"control partly under {_label(partial.item)}"))
        if n.rect.width() + 0.5 < TOUCH_MIN or n.rect.height() + 0.5 < TOUCH_MIN:
            problems.append((name, f"touch target {n.rect.width():.0f}×{n.rect.height():.0f}"
                                   f" px, under {TOUCH_MIN} px"))
        if not bounds.contains(n.rect):
            problems.append((name, "control outside the window"))
        if n.scroller is not None and not rect.adjusted(-1, -1, 1, 1).contains(n.rect) \
                and rect.height() < TOUCH_MIN:
            problems.append((name, "control sliced by its list (less than a touch target shows)"))
        if easy_reach and not n.staff and not catch_all \
                and n.rect.top() < window.height() / 2 - 0.5:
            problems.append((name, "control above the reach zone"))
    for i, (a, ra) in enumerate(shown_controls):
        for b, rb in shown_controls[i + 1:]:
            if _descends(a.item, b.item) or _descends(b.item, a.item):
                continue
            if _big(ra.intersected(rb)):
                problems.append((_label(a.item), f"control overlaps control {_label(b.item)}"))

    whole = QRectF(0, 0, window.width(), window.height())
    for i, (a, ra) in enumerate(shown_texts):
        for b, rb in shown_texts[i + 1:]:
            if _big(ra.intersected(rb)):
                problems.append((_label(a.item), f"text overlaps text {_label(b.item)}"))
        for c, crect in shown_controls:
            if a.control is c.item or c.item is a.item or _descends(a.item, c.item):
                continue
            # a catch-all over the whole window (the attract screen's) is no neighbour
            if crect.adjusted(-1, -1, 1, 1).contains(whole):
                continue
            if _big(ra.intersected(crect)):
                problems.append((_label(a.item), f"text overlaps control {_label(c.item)}"))

    # a list that hides part of its content must say so
    for n in nodes:
        item = n.item
        if not item.inherits("QQuickFlickable"):
            continue
        over_y = float(item.property("contentHeight")) > item.height() + 1.5
        over_x = float(item.property("contentWidth")) > item.width() + 1.5
        if not (over_y or over_x) or not (item.clip() or n.clip is not None):
            continue
        if not _has_cue(item, nodes):
            problems.append((_label(item), "content hidden below the fold with no scroll cue"))
    return problems


def _has_cue(flick: QQuickItem, nodes: Sequence[_Node]) -> bool:
    """A visible scroll bar, or an item that says it cues this list (``cueFor``)."""
    name = flick.objectName()
    for n in nodes:
        item = n.item
        bar = item.inherits("QQuickScrollBar") or item.inherits("QQuickScrollIndicator")
        if bar and (_descends(item, flick) or item.parentItem() is flick.parentItem()):
            return True
        if name and item.property("cueFor") == name:
            return True
    return False


def key_line_sizes(window: QQuickWindow) -> dict[str, float]:
    """The pixel size of every visible key line (items that declare ``keyLine``), by name."""
    sizes: dict[str, float] = {}
    for n in _paint_order(window):
        item = n.item
        if item.property("keyLine") is True and item.objectName() and item.property("text"):
            sizes[item.objectName()] = float(item.property("font").pixelSize())
    return sizes


# ----------------------------------------------------------------------------- the hall


class _AuditPrinter:
    """Stands in for the print service: prints, or fails as out of paper when told."""

    def __init__(self) -> None:
        self.fail = False

    def print_ticket(self, issued: IssuedTicket, language: str) -> PrintOutcome:
        if self.fail:
            return PrintOutcome(False, PrinterState.PAPER_OUT, "The printer is out of paper.",
                                issued.number)
        return PrintOutcome(True, PrinterState.READY, "done", issued.number)

    def status(self) -> Any:
        from app.ports import PrinterStatus

        return PrinterStatus(PrinterState.PAPER_OUT if self.fail else PrinterState.READY, "")

    def printer_state(self) -> str:
        return "paper_out" if self.fail else "ready"


def open_moment(config: Config) -> datetime:
    """A weekday morning when the hall's services are open (09:00 local)."""
    zone = config.hall.zone
    day = datetime(2026, 3, 10, 9, 0, tzinfo=zone)  # a Tuesday
    for _ in range(7):
        if all(_open_on(s, day) for s in config.services) or _ == 6:
            break
        day += timedelta(days=1)
    return day


def _open_on(service: Any, when: datetime) -> bool:
    days = getattr(service, "days", None)
    if not days:
        return True
    return when.strftime("%a").lower()[:3] in {str(d) for d in days}


def _staff_hasher() -> Any:
    from argon2 import PasswordHasher

    # the audit's own throwaway account: speed over strength
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


AUDIT_STAFF = ("990", "Kiểm tra Màn hình", "246813")


def _wait(cond: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise RuntimeError("the screen did not reach the state in time")
        QCoreApplication.processEvents()
        time.sleep(0.002)


# ----------------------------------------------------------------------------- running


@dataclass
class _Run:
    out: Path | None
    report: AuditReport
    sample: str
    only: set[str] | None = None
    sizes: dict[tuple[str, ...], dict[str, float]] = field(default_factory=dict)

    def shot(self, window: QQuickWindow, screen: str, state: str, orientation: str,
             language: str, mode: tuple[bool, bool, bool] | None) -> None:
        """Render what ``window`` shows now, save it, check it."""
        QCoreApplication.processEvents()
        image = window.grabWindow()  # polishes and lays out first, like a real frame
        full_state = f"{state} [{orientation}, {language}" + (
            f", {mode_name(mode)}]" if mode is not None else "]")
        self.report.screens += 1
        if self.out is not None:
            safe = f"{screen}-{state}-{orientation}-{language}" + (
                f"-{mode_name(mode)}" if mode is not None else "")
            path = self.out / (safe.replace("/", "_").replace(" ", "_") + ".png")
            image.save(str(path))  # PNG from the suffix, compressed (a raw frame is 6 MB)
            self.report.images.append(path)
        reach = bool(mode and mode[2])
        for item, problem in check_window(window, easy_reach=reach, staff=screen == "counter"):
            self.report.problems.append(Problem(screen, full_state, item, problem))
        if mode is not None:
            key = (screen, state, orientation, language, str(mode[1]), str(mode[2]))
            sizes = key_line_sizes(window)
            if not mode[0]:
                self.sizes[key] = sizes
            elif key in self.sizes:
                for name, plain in self.sizes[key].items():
                    large = sizes.get(name)
                    if large is not None and large + 0.5 < plain * LARGE_GROWTH:
                        self.report.problems.append(Problem(
                            screen, full_state, name,
                            f"larger text grew this key line {large / plain:.2f}× "
                            f"({plain:.0f}→{large:.0f} px), under {LARGE_GROWTH}×"))


#: how many mode combinations each state is rendered in
SAMPLES = ("all", "sample", "light")


def _combos(sample: str, index: int) -> list[tuple[bool, bool, bool]]:
    """The accessibility modes to render the ``index``-th state in.

    ``all``: every combination. ``sample``: the plain screen, each single mode
    and one combination of modes, rotating as the states go by. ``light`` (the
    tests): the plain screen and one other combination, rotating."""
    if sample == "all":
        return list(MODES)
    if sample == "light":
        others = [m for m in MODES if any(m)]
        return [MODES[0], others[index % len(others)]]
    singles = [(False, False, False), (True, False, False), (False, True, False),
               (False, False, True)]
    multi = [m for m in MODES if sum(m) >= 2]
    return [*singles, multi[index % len(multi)]]


def _set_modes(backend: Any, mode: tuple[bool, bool, bool]) -> None:
    large, contrast, reach = mode
    if backend.property("largeText") != large:
        backend.toggleLargeText()
    if backend.property("highContrast") != contrast:
        backend.toggleHighContrast()
    if backend.property("easyReach") != reach:
        backend.toggleEasyReach()


def _prepare_hall(config: Config, store_dir: Path) -> tuple[HallService, ManualClock]:
    from app.store.sqlite import SQLiteStore

    clock = ManualClock(open_moment(config))
    store = SQLiteStore(store_dir / "audit.db")
    hall = HallService(config, store, clock)
    hall.estimator = _audit_estimator(config, hall)
    return hall, clock


def _audit_estimator(config: Config, hall: HallService) -> Any:
    """The shipped wait model when it loads here (so the AI label is shown), else the plain one."""
    try:
        from app.wait import load_estimator

        cfg = config
        from app.wait import model_dir

        if not model_dir(config).exists():
            cfg = config.model_copy(update={"estimates": config.estimates.model_copy(
                update={"model_dir": "models/wait"})})
        return load_estimator(cfg, None)
    except Exception:  # the audit checks screens, not the model
        log.exception("the wait model did not load; the audit shows the plain estimate")
        from app.estimate import QueueLengthEstimator

        return QueueLengthEstimator()


def _fill_hall(hall: HallService) -> None:
    """Every counter open, two tickets waiting per service, a few served and called."""
    cfg = hall.config
    for c in cfg.counters:
        hall.execute("open_counter", "audit", counter=c.number)
    for svc in cfg.services:
        for _ in range(2):
            hall.issue(svc.code, "audit")
    calls = 0
    for c in cfg.counters:
        if calls >= 6:
            break
        try:
            hall.execute("call_next", "audit", counter=c.number)
            calls += 1
        except Exception:
            continue
    for svc in cfg.services:
        hall.issue(svc.code, "audit")


def _audit_kiosk(run: _Run, config: Config, hall: HallService, clock: ManualClock,
                 orientation: str) -> None:
    from ui.main import KioskWindow
    from ui.staff_entry import install_staff_entry

    printer = _AuditPrinter()
    kiosk = KioskWindow(config, hall.store, hall=hall,
                        printing=lambda: cast("PrintServiceLike", printer),
                        speech=None, orientation=orientation, watch=False, load_model=False)
    # the start-up order of `motcua`: shown, then the overlays, with no frame between
    kiosk.show()
    hasher = _staff_hasher()
    entry = install_staff_entry(kiosk, printing=None, printer_status=printer.printer_state,
                                hasher=hasher)
    pin = AUDIT_STAFF[2]
    backend = kiosk.backend
    window = kiosk.window
    item = entry.item
    counter = itertools.count()
    try:
        for language in config.hall.languages:
            backend.setLanguage(language)

            def states() -> Iterator[tuple[str, Callable[[], None], Callable[[], None]]]:
                yield "attract", lambda: backend.reset(), lambda: None
                yield "home", lambda: backend.wake(), lambda: None
                for svc in config.services:
                    yield f"service {svc.code}", partial(backend.chooseService, svc.code), \
                        lambda: None
                for svc in config.services:
                    for variant in ("ordinary", "priority", "printer failed", "estimates hidden"):
                        yield (f"ticket {svc.code} {variant}",
                               partial(_issue, kiosk, printer, svc.code, variant),
                               partial(_undo, kiosk, printer, variant))
                yield "home printer failed", lambda: _printer_down(kiosk, printer), \
                    lambda: _printer_up(kiosk, printer)
                yield "ai panel", partial(_back_then, backend, backend.openAbout), \
                    lambda: backend.closeAbout()
                yield "priority panel", partial(_back_then, backend, backend.openPriority), \
                    lambda: backend.closePriority()
                if item is not None:
                    yield "staff pin pad", lambda: _open_pad(item), lambda: _close_pad(item)
                    yield "staff panel", lambda: _sign_in(entry, pin), \
                        lambda: entry.backend.signOut()

            for state, enter, leave in states():
                if run.only is not None and state.split(" ")[0] not in run.only:
                    continue
                modes = _combos(run.sample, next(counter))
                for mode in modes:
                    _set_modes(backend, mode)
                    if mode == modes[0]:
                        enter()
                        if state != "attract" and backend.property("screen") == "attract":
                            backend.wake()
                        # the attract screen is a new citizen's: it goes back to the
                        # hall's first language and plain modes, which this pass is
                        # not always about
                        backend.setLanguage(language)
                        _set_modes(backend, mode)
                    if backend.property("language") != language:
                        raise RuntimeError(f"the kiosk shows {backend.property('language')}, "
                                           f"not {language}, in {state}")
                    run.shot(window, "kiosk", state, orientation, language, mode)
                leave()
                _set_modes(backend, (False, False, False))
    finally:
        entry.close()
        kiosk.close()


def _issue(kiosk: Any, printer: _AuditPrinter, code: str, variant: str) -> None:
    backend = kiosk.backend
    hall = kiosk.hall
    printer.fail = variant == "printer failed"
    if variant == "estimates hidden":
        _estimates_visible(hall, False)
    backend.back()
    if variant == "priority" and hall.config.queue.priority_categories:
        backend.choosePriority(hall.config.queue.priority_categories[0].code)
    backend.chooseService(code)
    before = backend.issued_ticket()
    backend.takeTicket()
    _wait(lambda: backend.issued_ticket() is not before and backend.property("screen") == "ticket"
          and backend.property("printState") not in ("", "printing"))


def _undo(kiosk: Any, printer: _AuditPrinter, variant: str) -> None:
    printer.fail = False
    if variant == "estimates hidden":
        _estimates_visible(kiosk.hall, True)
    kiosk.backend.done()


def _estimates_visible(hall: HallService, visible: bool) -> None:
    try:
        from app.wait.control import set_estimates_visible

        set_estimates_visible(hall, "audit", visible, "screen audit", role="supervisor")
    except Exception:
        log.exception("the estimates could not be switched")


def _printer_down(kiosk: Any, printer: _AuditPrinter) -> None:
    printer.fail = True
    kiosk.backend.back()
    # the kiosk learns of the fault from its print service's status
    check = getattr(kiosk.backend, "checkPrinter", None)
    if callable(check):
        check()


def _back_then(backend: Any, open_panel: Callable[[], None]) -> None:
    backend.back()
    open_panel()


def _printer_up(kiosk: Any, printer: _AuditPrinter) -> None:
    printer.fail = False


def _open_pad(item: Any) -> None:
    item.setProperty("padOpen", True)


def _close_pad(item: Any) -> None:
    item.setProperty("padOpen", False)


def _sign_in(entry: Any, pin: str) -> None:
    entry.backend.signIn(AUDIT_STAFF[0], pin)
    _wait(lambda: bool(entry.backend.property("signedIn")))


def _audit_board(run: _Run, config: Config, hall: HallService, stage: str,
                 orientation: str) -> None:
    from ui.board import BoardWindow
    from ui.qml_app import set_window_size

    board = BoardWindow(config, hall.store, hall=hall, watch=False, rotate_seconds=0)
    board.show()
    set_window_size(board.window, *ORIENTATIONS[orientation])
    if hasattr(board.backend, "setPortrait"):
        board.backend.setPortrait(orientation == "portrait")
    try:
        for language in config.hall.languages[:2]:
            board.backend.setLanguage(language)
            _wait(lambda: True)
            run.shot(board.window, "board", stage, orientation, language, None)
    finally:
        board.close()


def _signed_in(console: Any) -> bool:
    return bool(console.backend.property("signedIn"))


def _audit_console(run: _Run, config: Config, hall: HallService) -> None:
    from ui.counter_console import CounterConsole

    number = config.counters[0].number
    for language in config.hall.languages:
        console = CounterConsole(config, hall.store, number, hall=hall, watch=False,
                                 hasher=_staff_hasher(), language=language)
        console.show()
        try:
            run.shot(console.window, "counter", "sign-in", "landscape", language, None)
            staff_id, _name, pin = AUDIT_STAFF
            console.backend.signIn(staff_id, pin)
            _wait(partial(_signed_in, console))
            run.shot(console.window, "counter", "signed in", "landscape", language, None)
            console.backend.signOut()
        finally:
            console.close()


def audit(config: Config, out: Path | None = None, *, sample: str = "all",
          only: Iterable[str] | None = None,
          orientations: Sequence[str] = ("landscape", "portrait")) -> AuditReport:
    """Render and check every screen of ``config``'s hall; see the module docstring.

    ``sample`` says in how many mode combinations each state is rendered (see
    :func:`_combos`; every state is rendered in both orientations and every
    language whatever it says). ``only`` limits the kiosk to the states whose
    first word is listed.
    """
    from ui.qml_app import ensure_app

    if sample not in SAMPLES:
        raise ValueError(f"sample must be one of {', '.join(SAMPLES)}, not {sample!r}")
    ensure_app()
    started = time.monotonic()
    report = AuditReport()
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    run = _Run(out, report, sample, set(only) if only is not None else None)
    with tempfile.TemporaryDirectory(prefix="motcua-audit-") as tmp:
        hall, clock = _prepare_hall(config, Path(tmp))
        try:
            from app.staff import StaffAuth

            staff_id, staff_name, pin = AUDIT_STAFF
            StaffAuth(config, hall.store, clock, hasher=_staff_hasher()).add(
                "audit", staff_id, staff_name, "supervisor", pin)
            for orientation in orientations:
                _audit_board(run, config, hall, "counters closed", orientation)
            _fill_hall(hall)
            for orientation in orientations:
                _audit_board(run, config, hall, "serving and waiting", orientation)
            for orientation in orientations:
                _audit_kiosk(run, config, hall, clock, orientation)
            _audit_console(run, config, hall)
        finally:
            hall.store.close()
    report.seconds = time.monotonic() - started
    return report


# ----------------------------------------------------------------------------- the command


def print_report(report: AuditReport, stream: TextIO, as_json: bool = False) -> None:
    if as_json:
        json.dump(report.to_json(), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    for p in report.problems:
        stream.write(p.line() + "\n")
    verdict = "no problems" if not report.problems else f"{len(report.problems)} problems"
    stream.write(f"screens audit: {report.screens} screens rendered, {verdict} "
                 f"({report.seconds:.0f} s)\n")


def run_screens_doctor(ctx: Context, out: TextIO | None = None) -> int:
    """``motcua doctor --screens [--out DIR] [--json] [--sample S]``: 0 when all is well."""
    import os

    # rendered off the screen (a kiosk in service keeps its display), the same on every box
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["QT_QUICK_BACKEND"] = "software"
    stream = out or sys.stdout
    args = ctx.args
    target = Path(args.out) if getattr(args, "out", None) else None
    report = audit(ctx.config, target, sample=getattr(args, "sample", None) or "all")
    print_report(report, stream, as_json=bool(getattr(args, "json", False)))
    return 1 if report.problems else 0
