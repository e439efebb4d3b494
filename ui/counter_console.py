"""The counter console: ``motcua counter N``.

A compact window for the staff PC at one counter: sign in with staff number
and PIN, then the ticket being served, Call next, Recall, Complete, No-show,
Transfer and Pause, and the queue of the services this counter serves.
Keyboard shortcuts F1-F6 do the common actions. Misclick guards: Complete
works once per ticket, and Call next while a ticket is still being served
asks first (showing what will change). Every action is stored through
:class:`app.overrides.Overrides` with the staff member and role.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtQuick import QQuickItem, QQuickWindow

from app.clock import Clock
from app.config import Config
from app.errors import UserError
from app.overrides import Overrides
from app.service import HallService
from app.staff import StaffAuth
from app.store.base import Store
from ui.bridge.tasks import HallWatcher
from ui.qml_app import QML_DIR, QmlWindow, ensure_app, exec_until_quit
from ui.staff.backend import StaffBackend

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from app.cli import Context

log = logging.getLogger(__name__)

CONSOLE_QML = QML_DIR / "staff" / "CounterConsole.qml"
#: a counter's staff serve a citizen for many minutes without touching the console
CONSOLE_SESSION_SECONDS = 30 * 60


class _Activity(QObject):
    """Any key or click in the console keeps the staff session alive."""

    def __init__(self, backend: StaffBackend) -> None:
        super().__init__()
        self._backend = backend

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress,
                            QEvent.Type.TouchBegin):
            self._backend.touch()
        return False


class CounterConsole:
    """One counter's console: hall, staff backend, engine and window."""

    def __init__(
        self,
        config: Config,
        store: Store,
        number: int,
        clock: Clock | None = None,
        hall: HallService | None = None,
        watch: bool = True,
        hasher: PasswordHasher | None = None,
        language: str | None = None,
    ) -> None:
        if number not in {c.number for c in config.counters}:
            known = ", ".join(str(c.number) for c in config.counters)
            raise UserError(f"There is no counter {number}; the counters are {known}.")
        self.shell = QmlWindow(language=language or config.hall.languages[0])
        self.app = self.shell.app
        self.hall = hall or HallService(config, store, clock=clock)
        self.translations = self.shell.translations
        self.engine = self.shell.engine
        self.auth = StaffAuth(config, self.hall.store, self.hall.clock, hasher=hasher)
        self.overrides = Overrides(self.hall, self.auth)
        self.backend = StaffBackend(
            self.hall, self.auth, self.overrides, pad=f"counter-{number}", counter=number,
            session_seconds=CONSOLE_SESSION_SECONDS,
        )
        # no size: a window on the staff PC's desktop, sized by its QML
        self.window: QQuickWindow = self.shell.load(
            CONSOLE_QML, {"staff": self.backend},
            watch=self.hall.wait_and_refresh if watch else None,
            on_close=self.backend.shutdown,
        )
        self._activity = _Activity(self.backend)
        self.shell.filter_events(self._activity)
        self.watcher: HallWatcher | None = self.shell.watcher

    def show(self) -> None:
        self.shell.show()

    def item(self, name: str) -> QQuickItem | None:
        return self.shell.item(name)

    def close(self) -> None:
        self.shell.close()


def run_counter(ctx: Context, number: int) -> int:
    """Open the console of counter ``number``; returns on quit."""
    config = ctx.config
    app = ensure_app()
    console = CounterConsole(config, ctx.store, number)
    console.show()
    try:
        return exec_until_quit(app)
    finally:
        console.close()
