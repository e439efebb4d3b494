"""Hand the core other device factories for one test (the seam app.ports gives)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

import app.ports
from devices.factory import FACTORIES


def use_devices(monkeypatch: pytest.MonkeyPatch, **factories: Any) -> None:
    """Install the real factories with some replaced (``make_printer=...``), undone after."""
    monkeypatch.setattr(app.ports, "_installed", dataclasses.replace(FACTORIES, **factories))
