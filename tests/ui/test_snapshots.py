"""The headless demo's periodic screenshots of the kiosk window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtQuick import QQuickWindow
from pytestqt.qtbot import QtBot

from ui.qml_app import ensure_app
from ui.snapshots import EVERY_VARIABLE, PATH_VARIABLE, install_from_environment


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[QQuickWindow]:
    ensure_app()
    win = QQuickWindow()
    win.setColor(QColor("#0b5394"))
    win.setGeometry(0, 0, 320, 200)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    win.deleteLater()


def test_nothing_without_the_variable(
    window: QQuickWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PATH_VARIABLE, raising=False)
    assert install_from_environment(window) is None


def test_pictures_land_whole_and_keep_coming(
    window: QQuickWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "var" / "kiosk-screen.png"
    monkeypatch.setenv(PATH_VARIABLE, str(target))
    monkeypatch.setenv(EVERY_VARIABLE, "0.05")
    snapshots = install_from_environment(window)
    assert snapshots is not None
    try:
        qtbot.waitUntil(lambda: snapshots.saved >= 2, timeout=5000)
    finally:
        snapshots.stop()
    image = QImage(str(target))
    assert (image.width(), image.height()) == (320, 200)
    assert image.pixelColor(10, 10).name() == "#0b5394"
    assert not list(target.parent.glob("*.part.png"))


def test_a_bad_period_falls_back(
    window: QQuickWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PATH_VARIABLE, str(tmp_path / "s.png"))
    monkeypatch.setenv(EVERY_VARIABLE, "soon")
    snapshots = install_from_environment(window)
    assert snapshots is not None
    snapshots.stop()
    assert snapshots.save_now()
    assert (tmp_path / "s.png").is_file()
