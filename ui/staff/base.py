"""What every part of the staff backend shares: the core's objects, the worker, the message.

:class:`StaffBase` is the common base of the parts that make up
:class:`ui.staff.backend.StaffBackend` (session, hall, actions, oversight).
It holds no Qt object of its own; the backend, a QObject, inherits every part.
The parts talk to each other through two hooks, :meth:`StaffBase._session_began`
and :meth:`StaffBase._session_closed`, which each part extends (calling
``super()``), and through the few methods declared here.

Signals: ``sessionChanged``, ``pinChanged``, ``messageChanged``,
``busyChanged``, ``pendingChanged``, ``hallChanged``, ``controlsChanged``,
``reportChanged``, ``devicesChanged`` (QML notifiers); ``session_ended(str)``
when a session ends (the reason: "timeout" or "signed_out");
``action_done(str)`` after an action was stored; ``_hall_changed`` hands hall
events to the screen thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal

from app.errors import CommandRefused, UserError
from app.overrides import Overrides
from app.service import HallService
from app.staff import Session, StaffAuth
from ui.bridge.tasks import Worker
from ui.staff.texts import refusal_message

log = logging.getLogger(__name__)

# the parts are plain mixins at run time (the backend alone is a QObject); the type
# checker sees them as QObjects, which they always end up in
if TYPE_CHECKING:
    _Mixin = QObject
else:
    _Mixin = object


class StaffBase(_Mixin):
    """The state and helpers the staff backend's parts share (a mixin of a QObject)."""

    sessionChanged = Signal()
    pinChanged = Signal()
    messageChanged = Signal()
    busyChanged = Signal()
    pendingChanged = Signal()
    hallChanged = Signal()
    controlsChanged = Signal()
    reportChanged = Signal()
    devicesChanged = Signal()
    session_ended = Signal(str)
    action_done = Signal(str)
    _hall_changed = Signal()

    hall: HallService
    auth: StaffAuth
    overrides: Overrides
    pad: str
    session: Session | None
    #: the console's counter (None: the kiosk's staff panel)
    _counter: int | None
    #: every store access and device call runs here, never on the screen thread
    _worker: Worker
    #: the ticket the console's counter serves and the counter's state (:mod:`ui.staff.hall`)
    _serving: str
    _counter_status: str
    _message: str
    _message_ok: bool
    _busy: bool

    def _init_base(self) -> None:
        self.session = None
        self._message = ""
        self._message_ok = True
        self._busy = False

    # ------------------------------------------------------------------ shared helpers

    def _language(self) -> str:
        # ui.qml_app.Translations sets the default locale with the language
        lang = QLocale().name()[:2]
        return lang if lang in self.hall.config.hall.languages else "vi"

    def _set_message(self, text: str, ok: bool = True) -> None:
        if (text, ok) != (self._message, self._message_ok):
            self._message, self._message_ok = text, ok
            self.messageChanged.emit()

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit()

    def _error(self, exc: BaseException) -> None:
        """Tell the staff member why something did not happen (the log gets the details)."""
        self._set_busy(False)
        if isinstance(exc, CommandRefused):
            if exc.code == "session_expired":
                self._end("timeout")
            self._set_message(refusal_message(exc), ok=False)
        elif isinstance(exc, UserError):
            self._set_message(exc.message, ok=False)
        else:
            log.error("staff action failed", exc_info=exc)
            self._set_message(
                QCoreApplication.translate("Staff", "That did not work; nothing was changed."),
                ok=False,
            )

    # ------------------------------------------------------------------ hooks and declarations

    def _session_began(self) -> None:
        """A session began: each part extends this (and calls ``super()``)."""

    def _session_closed(self) -> None:
        """The session ended: each part forgets what it showed (and calls ``super()``)."""

    def touch(self) -> None:
        """Any press while signed in keeps the session alive (:mod:`ui.staff.session`)."""
        raise NotImplementedError

    def _end(self, why: str) -> None:
        """End the session (:mod:`ui.staff.session`)."""
        raise NotImplementedError

    def _refresh_hall(self) -> None:
        """Read the hall's state into the lists (:mod:`ui.staff.hall`)."""
        raise NotImplementedError
