"""The heartbeat comes from the screen thread: it stops while that thread is blocked."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QCoreApplication, QTimer
from pytestqt.qtbot import QtBot

from app.watchdog import Heartbeat
from tests.helpers.fakes import RecordingNotifier
from ui.watchdog_bridge import WatchdogBridge, install_watchdog


def test_heartbeat_stops_while_the_screen_thread_is_blocked(qtbot: QtBot) -> None:
    notifier = RecordingNotifier()
    heartbeat = Heartbeat(notifier, timeout=0.02)  # beats every 10 ms
    bridge = WatchdogBridge(heartbeat)
    bridge.start()
    try:
        qtbot.waitUntil(lambda: notifier.count() >= 3, timeout=5000)

        observed: dict[str, int] = {}
        release = threading.Event()

        def watcher() -> None:
            # from outside the screen thread: many beat intervals pass, no beat arrives
            before = notifier.count()
            time.sleep(0.2)
            observed["during"] = notifier.count() - before
            release.set()

        def freeze() -> None:
            threading.Thread(target=watcher).start()
            # the screen thread is stuck here, as in a deadlock, until the watcher lets go
            release.wait(timeout=10)

        QTimer.singleShot(0, freeze)
        qtbot.waitUntil(release.is_set, timeout=5000)
        assert observed["during"] == 0

        # once the thread answers again, so does the heartbeat
        after = notifier.count()
        qtbot.waitUntil(lambda: notifier.count() >= after + 3, timeout=5000)
    finally:
        bridge.stop()
        bridge.deleteLater()


def test_install_sends_ready_then_stopping_on_quit(qtbot: QtBot) -> None:
    notifier = RecordingNotifier()
    heartbeat = Heartbeat(notifier, timeout=60)
    app = QCoreApplication.instance()
    assert app is not None
    bridge = install_watchdog(app, heartbeat)
    try:
        qtbot.waitUntil(lambda: notifier.count("READY=1") == 1, timeout=2000)
        assert bridge.active
        app.aboutToQuit.emit()
        assert not bridge.active
        assert notifier.count("STOPPING=1") == 1
    finally:
        app.aboutToQuit.disconnect(bridge._on_about_to_quit)
        bridge.stop()
        bridge.setParent(None)
        bridge.deleteLater()
