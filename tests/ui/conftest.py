"""Qt tests run offscreen with the software renderer; nothing may be left running."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _nothing_left_running() -> Iterator[None]:
    """Fail a test that leaves a UI worker, watcher thread or timer running."""
    yield
    from ui.bridge.tasks import still_running

    left = still_running()
    assert not left, f"left running after the test: {', '.join(left)}"
