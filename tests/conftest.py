"""Shared fixtures: the default config, a throwaway SQLite store, a hall on a manual clock."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.clock import ManualClock
from app.config import Config, load_config
from app.ports import install_devices
from app.service import HallService
from app.store.sqlite import SQLiteStore
from devices.factory import FACTORIES

# the suite is a composition root too: the core gets the real device factories
install_devices(FACTORIES)

# Without the kiosk extra (a hall server's or the phone page's install, the Qt-less lane of
# scripts/test.sh) OpenCV is missing: the camera and QR-decoding tests belong to the kiosk.
try:
    import cv2  # noqa: F401
except ImportError:
    collect_ignore = [
        "app/test_idcard.py", "app/test_presence.py",
        "devices/test_camera.py", "devices/test_printer_encode.py",
    ]
try:
    import PySide6  # noqa: F401
except ImportError:
    collect_ignore_glob = ["ui/*", "e2e/*"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

ROOT = Path(__file__).resolve().parent.parent
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def config() -> Config:
    """The shipped default configuration (simulated devices, demo hall)."""
    return load_config(ROOT / "config" / "default.toml")


@pytest.fixture
def clock() -> ManualClock:
    """A clock at 09:00 on a Monday, Hanoi time; moves only when told."""
    return ManualClock(datetime(2026, 4, 13, 9, 0, tzinfo=VN))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    s = SQLiteStore(tmp_path / "events.db")
    yield s
    s.close()


@pytest.fixture
def hall(config: Config, store: SQLiteStore, clock: ManualClock) -> HallService:
    """A hall service over a fresh store."""
    return HallService(config, store, clock)


def publish(path: Path) -> None:
    """Copy a screenshot into ``$MOTCUA_SCREENSHOTS`` (e.g. docs/screenshots) when it is set.

    Test runs save every screenshot under their output folder; only a run
    asked to refresh the documentation's set writes beside the docs.
    """
    target = os.environ.get("MOTCUA_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(target) / path.name)


@pytest.fixture
def output_dir(request: pytest.FixtureRequest) -> Path:
    """Where a test saves what a person would look at (screenshots, tickets)."""
    base = Path(os.environ.get("MOTCUA_TEST_OUTPUT", ROOT / "test-output"))
    d = base / request.node.name.replace("/", "_").replace("[", "_").replace("]", "")
    d.mkdir(parents=True, exist_ok=True)
    return d
