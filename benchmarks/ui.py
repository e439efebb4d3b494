"""Kiosk screen figures, offscreen: ``python benchmarks/ui.py``.

Prints ``figure: value`` lines:

- ``cold_start_s``: a new Python process, from its start to the kiosk's first
  frame (default configuration, a fresh SQLite store);
- ``tap_to_ticket_p50_ms`` / ``tap_to_ticket_p95_ms``: from the tap on "Take a
  ticket" to the first frame of the ticket screen, over 200 tickets;
- ``idle_rss_mb``: resident memory of that process after 100 more tickets,
  back on the home screen and idle;
- ``rss_growth_100_to_300_tickets_mb``: how much that grew from the 100th
  ticket to the 300th (a leak per ticket shows here; the hall's own state of
  the day grows by a few kilobytes a ticket);
- ``screens_audit_s``: ``motcua doctor --screens`` on the district example
  (every state, orientation, language and combination of modes), in its own
  process, with the PNGs written; ``screens_audit_screens`` is how many screens
  it rendered and ``screens_audit_problems`` how many problems it listed.

The printer is a fake that returns at once (it runs on its own worker and is
not on the measured path); the store is the real SQLite store.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

import sys
from pathlib import Path

# this file is called ui.py: keep its folder off the path so "ui" is the package
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

CHILD = r"""
import os, sys, time
t0 = float(sys.argv[1])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
from pathlib import Path
from app.config import load_config
from app.store.sqlite import SQLiteStore
from ui.qml_app import ensure_app
from ui.main import KioskWindow
app = ensure_app()
kiosk = KioskWindow(load_config(), SQLiteStore(Path(sys.argv[2]) / "events.db"), watch=False)
done = []
def shown():
    if not done:
        done.append(time.time() - t0)
        app.quit()
kiosk.window.frameSwapped.connect(shown)
kiosk.show()
app.exec()
print(f"{done[0]:.3f}", flush=True)
kiosk.close()
"""


def cold_start(runs: int = 3) -> float:
    """Median over a few fresh processes (the first also warms the disk cache)."""
    times = []
    root = Path(__file__).resolve().parent.parent
    for _ in range(runs + 1):
        with tempfile.TemporaryDirectory() as d:
            start = time.time()
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(start), d], cwd=root, check=True,
                capture_output=True, text=True,
            ).stdout
            times.append(float(out.strip().splitlines()[-1]))
    return statistics.median(times[1:])


class _Printer:
    def print_ticket(self, issued: Any, language: str) -> Any:
        from app.ports import PrinterState
        from app.printing import PrintOutcome

        return PrintOutcome(True, PrinterState.READY, "ok", issued.number)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    print(f"cold_start_s: {cold_start():.2f}", flush=True)

    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtQuick import QQuickItem
    from PySide6.QtTest import QTest

    from app.config import load_config
    from app.store.sqlite import SQLiteStore
    from ui.main import KioskWindow
    from ui.qml_app import ensure_app
    from ui.qtcompat import give_back_none, process_events

    ensure_app()
    tmp = tempfile.TemporaryDirectory()
    printer = _Printer()
    kiosk = KioskWindow(load_config(), SQLiteStore(Path(tmp.name) / "events.db"),
                        printing=lambda: printer, watch=False)
    frames = [0]
    kiosk.window.frameSwapped.connect(lambda: frames.__setitem__(0, frames[0] + 1))
    kiosk.show()
    backend = kiosk.backend

    def pump_until(cond: Any, timeout: float = 10.0) -> None:
        deadline = time.perf_counter() + timeout
        while not cond():
            if time.perf_counter() > deadline:
                raise RuntimeError("timed out")
            process_events()

    def find(name: str) -> QQuickItem:
        stack = [kiosk.window.contentItem()]
        while stack:
            item = stack.pop()
            if item.objectName() == name and item.isVisible():
                return item
            stack.extend(item.childItems())
        raise LookupError(name)

    def one_ticket() -> float:
        backend.done()
        backend.chooseService("C")
        # let the service screen settle into a frame before the tap
        seen = frames[0]
        pump_until(lambda: frames[0] > seen)
        button = find("takeTicketButton")
        p = button.mapToScene(QPointF(button.width() / 2, button.height() / 2))
        t0 = time.perf_counter()
        QTest.mouseClick(kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(round(p.x()), round(p.y())))
        give_back_none(2)
        pump_until(lambda: backend.screen == "ticket")
        seen = frames[0]
        pump_until(lambda: frames[0] > seen)
        return (time.perf_counter() - t0) * 1000

    pump_until(lambda: frames[0] > 0)
    taps = []
    for n in range(200):
        taps.append(one_ticket())
        if n == 99:
            rss_100 = rss_mb()
    qs = statistics.quantiles(taps, n=100)
    print(f"tap_to_ticket_p50_ms: {statistics.median(taps):.1f}")
    print(f"tap_to_ticket_p95_ms: {qs[94]:.1f}")

    for _ in range(100):
        one_ticket()
    backend.done()
    end = time.perf_counter() + 1.0
    while time.perf_counter() < end:
        process_events()
        time.sleep(0.01)
    idle = rss_mb()
    print(f"idle_rss_mb: {idle:.0f}")
    print(f"rss_growth_100_to_300_tickets_mb: {idle - rss_100:.1f}")
    kiosk.close()
    tmp.cleanup()
    screens_audit()
    return 0


def screens_audit() -> None:
    """The whole screen audit of the district example, as a technician runs it."""
    import json

    config = _HERE.parent / "config" / "examples" / "district-hall.toml"
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "motcua", "--config", str(config), "doctor", "--screens",
             "--json", "--out", out],
            capture_output=True, text=True, cwd=_HERE.parent, check=False)
        took = time.perf_counter() - start
    result = json.loads(proc.stdout)
    print(f"screens_audit_s: {took:.1f}")
    print(f"screens_audit_screens: {result['screens']}")
    print(f"screens_audit_problems: {len(result['problems'])}")


if __name__ == "__main__":
    raise SystemExit(main())
