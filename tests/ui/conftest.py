"""Qt tests run offscreen with the software renderer; nothing may be left running."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")

import threading
from collections.abc import Iterator

import pytest


def _python_threads() -> set[threading.Thread]:
    # Qt's pool threads that ran Python code show up as _DummyThread and never
    # "end" for the threading module; the Worker register below covers them
    return {t for t in threading.enumerate()
            if not isinstance(t, threading._DummyThread)}


@pytest.fixture(autouse=True)
def _nothing_left_running() -> Iterator[None]:
    """Fail a test that leaves a UI worker, watcher thread, timer or Python thread running."""
    before = _python_threads()
    yield
    from ui.bridge.tasks import still_running

    left = still_running()
    assert not left, f"left running after the test: {', '.join(left)}"
    new = _python_threads() - before
    for thread in new:
        thread.join(timeout=2.0)
    alive = [t.name for t in new if t.is_alive()]
    assert not alive, f"Python threads left running after the test: {', '.join(alive)}"
