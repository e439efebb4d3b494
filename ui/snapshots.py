"""Periodic screenshots of a window, for a demo on a machine with no display.

On a headless box the demo runs on a virtual screen (Xvfb) that nobody can
see. ``scripts/run-demo.sh`` then asks for a picture of the kiosk every few
seconds, so a person can open the file and see that the kiosk runs and what
it shows. Each picture is written beside its final name and renamed into
place, so a viewer never opens half a file.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtQuick import QQuickWindow

log = logging.getLogger(__name__)

#: environment variables that switch the snapshots on (set by scripts/run-demo.sh)
PATH_VARIABLE = "MOTCUA_SCREENSHOT"
EVERY_VARIABLE = "MOTCUA_SCREENSHOT_EVERY"
DEFAULT_EVERY_S = 5.0


class WindowSnapshots(QObject):
    """Saves ``window`` as a PNG at ``path`` every ``every_s`` seconds."""

    def __init__(self, window: QQuickWindow, path: Path, every_s: float) -> None:
        super().__init__(window)
        self._window = window
        self.path = path
        self.saved = 0
        self._timer = QTimer(self)
        self._timer.setInterval(max(50, int(every_s * 1000)))
        self._timer.timeout.connect(self.save_now)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def save_now(self) -> bool:
        """Take one picture; a failure is logged and the next tick tries again."""
        image = self._window.grabWindow()
        if image.isNull():
            return False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".part.png")
        if not image.save(str(partial), "PNG"):
            log.warning("cannot write the screenshot %s", partial)
            return False
        os.replace(partial, self.path)
        self.saved += 1
        return True


def install_from_environment(window: QQuickWindow) -> WindowSnapshots | None:
    """Start snapshots when ``MOTCUA_SCREENSHOT`` names a file; else do nothing."""
    target = os.environ.get(PATH_VARIABLE, "").strip()
    if not target:
        return None
    try:
        every = float(os.environ.get(EVERY_VARIABLE, "") or DEFAULT_EVERY_S)
    except ValueError:
        log.warning("%s is not a number of seconds; using %s", EVERY_VARIABLE, DEFAULT_EVERY_S)
        every = DEFAULT_EVERY_S
    snapshots = WindowSnapshots(window, Path(target), every)
    snapshots.start()
    log.info("saving a screenshot of the kiosk to %s every %.0f s", target, every)
    return snapshots
