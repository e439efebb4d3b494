"""Devices in tests: other device factories for one test (the seam app.ports gives), and
waiting for a printer that switches state on its own thread."""

from __future__ import annotations

import dataclasses
import time
from typing import Any, Protocol

import pytest

import app.ports
from app.ports import PrinterState, PrinterStatus
from devices.factory import FACTORIES


def use_devices(monkeypatch: pytest.MonkeyPatch, **factories: Any) -> None:
    """Install the real factories with some replaced (``make_printer=...``), undone after."""
    monkeypatch.setattr(app.ports, "_installed", dataclasses.replace(FACTORIES, **factories))


class _HasStatus(Protocol):
    def status(self) -> PrinterStatus: ...


def settle_printer(printer: _HasStatus, want: PrinterState, timeout: float = 3.0) -> PrinterState:
    """Poll ``printer.status()`` until it reports ``want`` (or ``timeout``); the last state seen.

    The twin switches paper, cover and power on its own thread; its loop notices
    a switch within a few milliseconds.
    """
    deadline = time.monotonic() + timeout
    state = printer.status().state
    while state is not want and time.monotonic() < deadline:
        time.sleep(0.01)
        state = printer.status().state
    return state
