"""The hall display: renders in both languages, announces every call, survives a dead speaker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from app.announce import read_number
from app.clock import ManualClock
from app.config import Config
from app.service import HallService
from app.store.sqlite import SQLiteStore
from devices.speech.simulated import SimulatedSpeech
from tests.conftest import publish
from ui.board import BoardWindow
from ui.bridge.tasks import still_running

ROOT = Path(__file__).resolve().parents[2]


def _busy_hall(hall: HallService) -> None:
    for counter in (1, 2, 3):
        hall.execute("open_counter", "101", counter=counter)
    for svc, n in (("A", 9), ("B", 4), ("C", 2)):
        for _ in range(n):
            hall.issue(svc, "kiosk-1")


@pytest.fixture
def speech() -> SimulatedSpeech:
    return SimulatedSpeech()


@pytest.fixture
def board(qtbot: QtBot, config: Config, store: SQLiteStore, clock: ManualClock,
          hall: HallService, speech: SimulatedSpeech) -> Iterator[BoardWindow]:
    _busy_hall(hall)
    b = BoardWindow(config, store, hall=hall, speech=speech, watch=False, rotate_seconds=0)
    b.show()
    qtbot.waitExposed(b.window)
    yield b
    b.close()
    assert still_running() == []


def _text(board: BoardWindow, name: str) -> str:
    item = board.item(name)
    assert item is not None, name
    return str(item.property("text"))


def test_calls_show_on_the_board_and_are_announced_in_order(
    board: BoardWindow, hall: HallService, speech: SimulatedSpeech, qtbot: QtBot
) -> None:
    hall.execute("call_next", "101", counter=1)
    hall.execute("call_next", "101", counter=2)
    hall.execute("call_next", "101", counter=3)  # B001 (counter 3 serves B first)
    hall.execute("recall", "101", number="A001")
    board.backend.announcer.join()
    assert _text(board, "counterServing_1") == "A001"
    assert _text(board, "counterServing_2") == "A002"
    assert _text(board, "counterServing_3") == "B001"
    assert _text(board, "counterServing_4") in ("Closed", "Đóng")
    calls = board.backend.calls.rows()
    assert [c["number"] for c in calls[:3]] == ["A001", "B001", "A002"]
    assert [c["newest"] for c in calls[:2]] == [True, False]
    # every call spoken, in order, each `repeat` times
    repeat = hall.config.devices.speech.repeat
    spoken = [t for t in speech.texts]
    expected = []
    for ticket, counter in (("A001", 1), ("A002", 2), ("B001", 3), ("A001", 1)):
        expected += [f"Mời công dân có số thứ tự {read_number(ticket)} đến quầy số {counter}"] \
            * repeat
    assert spoken == expected


def test_waiting_and_ai_label_per_service(board: BoardWindow) -> None:
    rows = {r["code"]: r for r in board.backend.services.rows()}
    assert rows["A"]["waiting"] == 9 and rows["C"]["waiting"] == 2
    # the plain estimator is in use here: labelled as not AI
    assert rows["A"]["estimateKind"] == "plain" and rows["A"]["estimateLabel"]
    label = board.item("serviceAiLabel_A")
    assert label is not None and label.isVisible()


def test_a_dead_speaker_leaves_the_board_working_and_is_reported(
    board: BoardWindow, hall: HallService, speech: SimulatedSpeech, store: SQLiteStore,
    qtbot: QtBot
) -> None:
    speech.broken = True
    hall.execute("call_next", "101", counter=1)
    board.backend.announcer.join()
    qtbot.waitUntil(lambda: not board.backend.speechOk, timeout=2000)
    assert _text(board, "counterServing_1") == "A001"  # the display still updates
    notice = board.item("speechNotice")
    assert notice is not None and notice.isVisible()
    incidents = [e for e in store.read_after(0) if e.kind == "incident"]
    assert incidents and incidents[-1]["source"] == "speech"
    # it recovers by itself when speech works again
    speech.broken = False
    hall.execute("call_next", "101", counter=2)
    board.backend.announcer.join()
    qtbot.waitUntil(lambda: board.backend.speechOk, timeout=2000)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_board_renders_in_both_languages(board: BoardWindow, hall: HallService,
                                         language: str, output_dir: Path) -> None:
    for counter in (1, 2, 3):
        hall.execute("call_next", "101", counter=counter)
    hall.execute("complete", "101", number="A001")
    hall.execute("call_next", "101", counter=1)
    hall.execute("pause_counter", "101", counter=2)
    board.backend.announcer.join()
    board.backend.setLanguage(language)
    assert board.backend.language == language
    assert _text(board, "hallName") == hall.config.hall.name[language]
    services = {r["code"]: r["name"] for r in board.backend.services.rows()}
    assert services["B"] == hall.config.service("B").name[language]
    expect_paused = {"vi": "Tạm dừng", "en": "Paused"}[language]
    if board.translations.language == language:  # the translation file is installed
        assert _text(board, "counterServing_2") == expect_paused
    item = board.item("counterGrid")
    assert isinstance(item, QQuickItem)
    image = board.window.grabWindow()
    assert (image.width(), image.height()) == (1920, 1080)
    path = output_dir / f"board-{language}.png"
    image.save(str(path))
    publish(path)


class _StuckSpeech(SimulatedSpeech):
    """Speech that blocks until released, like a long announcement."""

    def __init__(self) -> None:
        super().__init__()
        import threading

        self.gate = threading.Event()

    def say(self, text: str, language: str) -> None:
        self.gate.wait(5)
        super().say(text, language)


def test_speech_never_holds_up_the_screen(qtbot: QtBot, config: Config, store: SQLiteStore,
                                          hall: HallService) -> None:
    _busy_hall(hall)
    speech = _StuckSpeech()
    b = BoardWindow(config, store, hall=hall, speech=speech, watch=False, rotate_seconds=0)
    try:
        b.show()
        qtbot.waitExposed(b.window)
        hall.execute("call_next", "101", counter=1)
        hall.execute("call_next", "101", counter=2)
        # the announcements wait on the speaker; the display has already moved on
        assert _text(b, "counterServing_1") == "A001"
        assert _text(b, "counterServing_2") == "A002"
        assert speech.texts == [] and b.backend.announcer.pending >= 1
        speech.gate.set()
        b.backend.announcer.join()
        assert len(speech.texts) == 2 * hall.config.devices.speech.repeat
    finally:
        speech.gate.set()
        b.close()


def test_thirty_counters_and_twelve_services_fit_in_both_orientations(
        qtbot: QtBot, tmp_path: Path, output_dir: Path) -> None:
    from app.config import load_config
    from ui import audit
    from ui.qml_app import set_window_size

    config = load_config(ROOT / "config" / "examples" / "provincial-centre.toml")
    hall, _clock = audit._prepare_hall(config, tmp_path)
    try:
        audit._fill_hall(hall)  # counters open and serving, five or more calls
        b = BoardWindow(config, hall.store, hall=hall, watch=False, rotate_seconds=0)
        b.show()
        try:
            for size in ((1920, 1080), (1080, 1920)):
                set_window_size(b.window, *size)
                qtbot.wait(50)
                b.window.grabWindow()
                assert audit.check_window(b.window) == [], size
                calls = [b.item(f"call_{i}") for i in range(6)]
                shown = [c for c in calls if c is not None and c.isVisible()]
                assert len(shown) == 4  # the last four, always
                assert shown[0].property("color").name().upper() == "#FFE600"  # the newest
                number = b.item("callNumber_3")
                assert number is not None
                assert audit._text_size(number, "boardNumber") >= 110  # cap height, px
                waiting = b.item("serviceWaiting_A")
                assert waiting is not None and waiting.property("font").pixelSize() >= 48
                # 30 counters do not fit on one page: they turn, and say so
                pages = b.item("counterPages")
                assert pages is not None and pages.isVisible()
                assert pages.property("pages") >= 2
                visible = [n for n in range(101, 131)
                           if (t := b.item(f"counter_{n}")) is not None and t.isVisible()]
                assert 0 < len(visible) < 30
                shape = "portrait" if size[1] > size[0] else "landscape"
                shot = output_dir / f"board-provincial-{shape}.png"
                b.window.grabWindow().save(str(shot))
                publish(shot)
        finally:
            b.close()
    finally:
        hall.store.close()
