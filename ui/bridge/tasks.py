"""Blocking work off the screen thread, and a register of what is still running.

:class:`Worker` runs plain callables (store writes, printer and speech calls)
on its own :class:`QThreadPool` and hands each result back on the GUI thread.
:class:`HallWatcher` waits for other processes' events in a loop.

Every worker, watcher and timer the UI starts is recorded in :data:`LIVE`, so
tests can fail when one is left running after a window closed.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QThread, QThreadPool, QTimer, Signal, Slot

from ui.qtcompat import emit

log = logging.getLogger(__name__)


class _Running(Protocol):
    def is_running(self) -> bool: ...

    def describe(self) -> str: ...


#: what the UI started; a test checks none of it still runs after close
LIVE: weakref.WeakSet[Any] = weakref.WeakSet()


def still_running() -> list[str]:
    """Descriptions of the workers, watchers and timers that have not been stopped."""
    return [obj.describe() for obj in list(LIVE) if obj.is_running()]


class Worker(QObject):
    """A named pool of ``threads`` threads; results come back on the owner's thread.

    Signals: ``_finished(callback, result, error)`` is internal, queued to the
    owner's thread where the callback runs.
    """

    _finished = Signal(object, object, object)

    def __init__(self, name: str, threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._closed = False
        self._pending = 0
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        LIVE.add(self)

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        drop_queued: bool = False,
    ) -> None:
        """Run ``fn`` on the pool; ``on_done(result)`` or ``on_error(exc)`` on this thread.

        ``drop_queued`` discards work submitted earlier that has not started
        (read-aloud only cares about the latest screen).
        """
        if self._closed:
            return
        if drop_queued:
            self.pool.clear()

        def run() -> None:
            try:
                result, error = fn(), None
            except Exception as exc:  # reported to on_error; never kills the pool
                result, error = None, exc
                if on_error is None:
                    log.exception("%s: background task failed", self.name)
            if not self._closed:
                emit(self._finished, (on_done, on_error), result, error)

        self.pool.start(run)

    @Slot(object, object, object)
    def _deliver(self, callbacks: Any, result: Any, error: Any) -> None:
        if self._closed:
            return
        on_done, on_error = callbacks
        if error is not None:
            if on_error is not None:
                on_error(error)
        elif on_done is not None:
            on_done(result)

    def is_running(self) -> bool:
        return not self._closed or self.pool.activeThreadCount() > 0

    def describe(self) -> str:
        return f"worker {self.name!r}"

    def shutdown(self, timeout_ms: int = 10000) -> None:
        """Drop queued work and wait for what runs (a device call finishes its job)."""
        self._closed = True
        self.pool.clear()
        if not self.pool.waitForDone(timeout_ms):
            log.error("%s: a background task did not finish in %d ms", self.name, timeout_ms)


class HallWatcher(QThread):
    """Waits for events other processes append and applies them (``wait_and_refresh``)."""

    def __init__(self, wait_and_refresh: Callable[[float], object], poll_s: float = 0.5) -> None:
        super().__init__()
        self._wait = wait_and_refresh
        self._poll_s = poll_s
        self.setObjectName("hall-watcher")
        LIVE.add(self)

    def run(self) -> None:
        backoff = self._poll_s
        while not self.isInterruptionRequested():
            try:
                self._wait(self._poll_s)
                backoff = self._poll_s
            except Exception:  # the store may be away for a while: keep trying
                log.exception("watching the hall's events failed; retrying")
                self.msleep(int(backoff * 1000))
                backoff = min(backoff * 2, 10.0)

    def is_running(self) -> bool:
        return self.isRunning()

    def describe(self) -> str:
        return "hall watcher thread"

    def stop(self) -> None:
        self.requestInterruption()
        self.wait()


class TrackedTimer(QTimer):
    """A QTimer recorded in :data:`LIVE` so a forgotten one fails a test."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        LIVE.add(self)

    def is_running(self) -> bool:
        return self.isActive()

    def describe(self) -> str:
        return f"timer {self.objectName()!r}"
