"""Drives the systemd heartbeat from the screen thread.

A :class:`QTimer` owned by the GUI thread calls :meth:`app.watchdog.Heartbeat.beat`.
Timers fire only while the thread's event loop runs, so when the screen
freezes (a blocking call, a deadlock, an endless loop in a slot) the beats
stop, systemd's ``WatchdogSec`` runs out and the kiosk is restarted.
``READY=1`` is sent after the first frame reaches the screen, ``STOPPING=1``
when the application is about to quit.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QWindow

from app.watchdog import Heartbeat, log_event

log = logging.getLogger("motcua.kiosk")


class WatchdogBridge(QObject):
    """Beats the heartbeat from a timer on the thread that owns this object (the GUI thread)."""

    def __init__(self, heartbeat: Heartbeat, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.heartbeat = heartbeat
        self._timer = QTimer(self)
        self._timer.setInterval(heartbeat.interval_ms)
        # a coarse timer is fine for a heartbeat and wakes the CPU less often
        self._timer.setTimerType(self._timer.timerType().CoarseTimer)
        self._timer.timeout.connect(self._on_timeout)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self.heartbeat.beat()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_timeout(self) -> None:
        self.heartbeat.beat()

    def _on_about_to_quit(self) -> None:
        self.stop()
        self.heartbeat.stopping("application quit")

    def _on_first_frame(self) -> None:
        self.heartbeat.ready()


def install_watchdog(
    app: QCoreApplication, heartbeat: Heartbeat | None = None, window: QWindow | None = None
) -> WatchdogBridge:
    """Start the heartbeat on ``app``'s thread; READY=1 when ``window`` first shows a frame.

    Without a window (or one that is not a Qt Quick window) READY=1 is sent
    as soon as the event loop runs.
    """
    hb = heartbeat or Heartbeat()
    log_event(
        log,
        "startup",
        "the kiosk is starting",
        pid=os.getpid(),
        watchdog_s=hb.timeout or "off",
    )
    bridge = WatchdogBridge(hb, app)
    app.aboutToQuit.connect(bridge._on_about_to_quit)
    frame_swapped = getattr(window, "frameSwapped", None)
    if frame_swapped is not None:
        frame_swapped.connect(bridge._on_first_frame)
    else:
        QTimer.singleShot(0, bridge._on_first_frame)
    bridge.start()
    return bridge
