"""The hall display: ``motcua board``.

A 1920x1080 screen for the waiting area: each counter with the number it
serves, the last numbers called (the newest highlighted), the people waiting
and the current estimate per service with its AI label, and the time. Every
call is announced through :class:`app.announce.Announcer`, on its own worker
thread: the screen thread never waits on the speech engine, and a failing
engine leaves the display working, shows a small notice and records an
``incident`` event so staff learn of it.

:class:`BoardWindow` joins the hall, the backend and ``qml/board/Board.qml``;
tests build it with a simulated speech engine. :func:`run_board` is the
command line's entry point.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot
from PySide6.QtQuick import QQuickItem, QQuickWindow

from app.announce import Announcement, Announcer
from app.clock import Clock
from app.config import Config, pick
from app.events import Event
from app.ports import DeviceError, Speech
from app.service import HallService
from app.store.base import Store
from app.views import BoardView, HallSnapshot, board_view, take_snapshot
from devices.factory import make_speech
from ui import texts
from ui.bridge.tasks import HallWatcher, TrackedTimer
from ui.qml_app import QML_DIR, QmlWindow, Translations, ensure_app, exec_until_quit
from ui.staff_models import RowListModel

if TYPE_CHECKING:
    from app.cli import Context

log = logging.getLogger(__name__)

BOARD_QML = QML_DIR / "board" / "Board.qml"
def _speech_down_text() -> str:
    return QCoreApplication.translate(
        "Board", "Spoken calls are not working; staff have been told.")


class BoardBackend(QObject):
    """What the board shows, as properties and list models.

    Signals: ``clockChanged``, ``languageChanged``, ``speechChanged`` (QML
    notifiers); ``announced(str)`` after a call has been spoken;
    ``_snapshot_arrived``, ``_speech_failed`` and ``_speech_ok`` hand work
    from other threads to the screen thread.
    """

    clockChanged = Signal()
    languageChanged = Signal()
    speechChanged = Signal()
    announced = Signal(str)
    _snapshot_arrived = Signal(object)
    _speech_failed = Signal(str)
    _speech_ok = Signal(str)

    def __init__(
        self,
        hall: HallService,
        translations: Translations | None = None,
        speech: Speech | None = None,
        speech_error: str = "",
        rotate_seconds: int = 20,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall = hall
        self.config: Config = hall.config
        self.translations = translations
        self.languages = list(self.config.hall.languages[:2])
        self._language = self.languages[0]
        self._clock_text = ""
        self._date_text = ""
        self._speech_ok_flag = speech is not None and not speech_error
        self._speech_text = "" if self._speech_ok_flag else _speech_down_text()
        self.counters = RowListModel(("number", "serving", "status"), self)
        self.calls = RowListModel(("number", "counter", "newest", "recall"), self)
        self.services = RowListModel(
            ("code", "name", "waiting", "waitingText", "estimateText", "estimateKind",
             "estimateLabel"), self)
        self.speech = speech
        self.announcer = Announcer(speech, self.config.devices.speech,
                                   on_error=self._on_speech_error_any_thread,
                                   on_spoken=self._on_spoken_any_thread)
        self._snapshot_arrived.connect(self._on_snapshot)
        self._speech_failed.connect(self._on_speech_failed)
        self._speech_ok.connect(self._on_speech_ok)

        self._clock = TrackedTimer("board-clock", self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._on_clock_tick)
        self._rotate = TrackedTimer("board-languages", self)
        self._rotate.setInterval(max(1, rotate_seconds) * 1000)
        self._rotate.timeout.connect(self._on_rotate)
        self._rotate_enabled = rotate_seconds > 0 and len(self.languages) > 1

        if translations is not None:
            translations.use(self._language)
        self._snapshot = take_snapshot(hall)
        self._apply(self._snapshot)
        self._on_clock_tick()
        hall.subscribe(self._on_events)

    # ------------------------------------------------------------------ life cycle

    def start(self) -> None:
        self._clock.start()
        if self._rotate_enabled:
            self._rotate.start()
        if self.speech is not None:
            self.announcer.start()

    def shutdown(self) -> None:
        self.hall.unsubscribe(self._on_events)
        self._clock.stop()
        self._rotate.stop()
        self.announcer.stop()
        if self.speech is not None:
            try:
                self.speech.close()
            except Exception:
                log.exception("closing the speech engine failed")

    # ------------------------------------------------------------------ properties

    def _get_language(self) -> str:
        return self._language

    language = Property(str, _get_language, notify=languageChanged)

    def _get_hall_name(self) -> str:
        return pick(self.config.hall.name, self._language)

    hallName = Property(str, _get_hall_name, notify=languageChanged)

    def _get_clock(self) -> str:
        return self._clock_text

    clockText = Property(str, _get_clock, notify=clockChanged)

    def _get_date(self) -> str:
        return self._date_text

    dateText = Property(str, _get_date, notify=clockChanged)

    def _get_speech_ok(self) -> bool:
        return self._speech_ok_flag

    speechOk = Property(bool, _get_speech_ok, notify=speechChanged)

    def _get_speech_text(self) -> str:
        return self._speech_text

    speechText = Property(str, _get_speech_text, notify=speechChanged)

    # ------------------------------------------------------------------ language

    @Slot(str)
    def setLanguage(self, language: str) -> None:
        if language == self._language or language not in self.config.hall.languages:
            return
        if self.translations is not None and not self.translations.use(language):
            return
        self._language = language
        self._apply(self._snapshot)
        self.languageChanged.emit()

    @Slot()
    def _on_rotate(self) -> None:
        i = self.languages.index(self._language) if self._language in self.languages else -1
        self.setLanguage(self.languages[(i + 1) % len(self.languages)])

    @Slot()
    def _on_clock_tick(self) -> None:
        now = self.hall.now()
        clock, date = now.strftime("%H:%M"), texts.date_text(now)
        if (clock, date) != (self._clock_text, self._date_text):
            self._clock_text, self._date_text = clock, date
            self.clockChanged.emit()

    # ------------------------------------------------------------------ hall events

    def _on_events(self, events: list[Event]) -> None:
        # any thread: queue the calls for speaking first, then hand the view over
        for e in events:
            if e.kind in ("called", "recalled") and self.speech is not None:
                self.announcer.announce(e.ticket, e.counter,
                                        e.kind == "recalled" or bool(e.get("recall")))
        self._snapshot_arrived.emit(take_snapshot(self.hall))

    @Slot(object)
    def _on_snapshot(self, snap: HallSnapshot) -> None:
        self._apply(snap)

    def _apply(self, snap: HallSnapshot) -> None:
        self._snapshot = snap
        view: BoardView = board_view(snap)
        self.counters.set_rows([
            {"number": c.number, "serving": c.serving, "status": c.status}
            for c in view.counters
        ])
        self.calls.set_rows([
            {"number": c.number, "counter": c.counter, "newest": c.newest, "recall": c.recall}
            for c in view.calls
        ])
        rows = []
        for s in view.services:
            words = texts.wait_words(self._language, s.estimate, snap.info, self.config)
            rows.append({
                "code": s.code,
                "name": pick(self.config.service(s.code).name, self._language),
                "waiting": s.waiting,
                "waitingText": texts.waiting_text(s.waiting),
                "estimateText": words.wait,
                "estimateKind": words.kind,
                "estimateLabel": words.label,
            })
        self.services.set_rows(rows)

    # ------------------------------------------------------------------ speech

    def _on_speech_error_any_thread(self, exc: DeviceError) -> None:
        try:
            self.hall.record("incident", self.config.kiosk.id + "-board", source="speech",
                             code="speech_failed", detail=exc.diagnostic[:500])
        except Exception:
            log.exception("could not record the speech incident")
        self._speech_failed.emit(exc.message)

    def _on_spoken_any_thread(self, item: Announcement) -> None:
        self._speech_ok.emit(item.ticket)

    @Slot(str)
    def _on_speech_failed(self, message: str) -> None:
        log.warning("speech failed: %s", message)
        self._speech_ok_flag = False
        self._speech_text = _speech_down_text()
        self.speechChanged.emit()

    @Slot(str)
    def _on_speech_ok(self, ticket: str) -> None:
        if not self._speech_ok_flag:
            self._speech_ok_flag = True
            self._speech_text = ""
            self.speechChanged.emit()
        self.announced.emit(ticket)


class BoardWindow:
    """The board: hall, backend and window (a :class:`~ui.qml_app.QmlWindow`), together."""

    def __init__(
        self,
        config: Config,
        store: Store,
        clock: Clock | None = None,
        speech: Speech | None = None,
        speech_error: str = "",
        hall: HallService | None = None,
        watch: bool = True,
        rotate_seconds: int = 20,
    ) -> None:
        self.shell = QmlWindow()
        self.app = self.shell.app
        self.hall = hall or HallService(config, store, clock=clock)
        self.translations = self.shell.translations
        self.engine = self.shell.engine
        self.backend = BoardBackend(self.hall, self.translations, speech, speech_error,
                                    rotate_seconds)
        self.window: QQuickWindow = self.shell.load(
            BOARD_QML,
            {"backend": self.backend, "counters": self.backend.counters,
             "calls": self.backend.calls, "services": self.backend.services},
            size=(1920, 1080),
            watch=self.hall.wait_and_refresh if watch else None,
            on_show=self.backend.start,
            on_close=self.backend.shutdown,
        )
        self.watcher: HallWatcher | None = self.shell.watcher

    def show(self, fullscreen: bool = False) -> None:
        self.shell.show(fullscreen)

    def item(self, name: str) -> QQuickItem | None:
        """The item with this objectName (the tests' way in)."""
        return self.shell.item(name)

    def close(self) -> None:
        self.shell.close()


def open_speech(config: Config) -> tuple[Speech | None, str]:
    """The configured speech engine, or None and why not (the board runs without it)."""
    from pathlib import Path

    try:
        return make_speech(config.devices.speech, Path(config.base_dir or ".")), ""
    except DeviceError as exc:
        log.error("speech unavailable: %s", exc.diagnostic)
        return None, exc.message
    except Exception as exc:
        log.exception("speech engine could not be created")
        return None, f"The speech engine could not start ({type(exc).__name__})."


def run_board(ctx: Context) -> int:
    """Open the hall display; returns on quit."""
    from app.wait import load_estimator

    config = ctx.config
    app = ensure_app()
    hall = HallService(config, ctx.store)
    load_estimator(config, hall)  # becomes hall.estimator
    speech, problem = open_speech(config)
    if problem:
        try:
            hall.record("incident", config.kiosk.id + "-board", source="speech",
                        code="speech_unavailable", detail=problem)
        except Exception:
            log.exception("could not record the speech incident")
    board = BoardWindow(config, ctx.store, hall=hall, speech=speech, speech_error=problem)
    board.show(fullscreen=config.kiosk.fullscreen)
    try:
        return exec_until_quit(app)
    finally:
        board.close()


__all__ = ["BoardBackend", "BoardWindow", "open_speech", "run_board"]
