"""Letting the Qt event loop run in a test: a few frames, or until something is true."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication


def settle(ms: int = 30) -> None:
    """Let queued signals and a frame or two through."""
    deadline = time.monotonic() + ms / 1000
    while True:
        QCoreApplication.processEvents()
        if time.monotonic() >= deadline:
            break
        time.sleep(0.002)


def wait_until(cond: Callable[[], bool], timeout: float = 5.0) -> None:
    """Run the event loop until ``cond()`` holds; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        QCoreApplication.processEvents()
        time.sleep(0.002)
