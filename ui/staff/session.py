"""Sign-in and the session timer of one PIN pad or console.

The PIN is checked on the worker (argon2 takes a moment) and never kept; the
end of a session (signed out, or idle past its limit) is recorded on the
worker too. The idle timer fires when the session would run out; any touch
restarts it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Property, QCoreApplication, Slot

from app.errors import CommandRefused
from app.staff import Session
from ui.bridge.tasks import TrackedTimer
from ui.staff.base import StaffBase
from ui.staff.texts import refusal_message, role_text

log = logging.getLogger(__name__)


class SessionPart(StaffBase):
    """Who is signed in, for how long, and what their role allows."""

    _pin_message: str
    _session_seconds: float | None
    _timer: TrackedTimer

    def _init_session(self, session_seconds: float | None) -> None:
        self._pin_message = ""
        self._session_seconds = session_seconds
        self._timer = TrackedTimer(f"staff-session-{self.pad}", self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.checkSession)

    # ------------------------------------------------------------------ properties

    def _get_signed_in(self) -> bool:
        return self.session is not None

    signedIn = Property(bool, _get_signed_in, notify=StaffBase.sessionChanged)

    def _get_staff_name(self) -> str:
        return self.session.name if self.session else ""

    staffName = Property(str, _get_staff_name, notify=StaffBase.sessionChanged)

    def _get_staff_id(self) -> str:
        return self.session.staff if self.session else ""

    staffId = Property(str, _get_staff_id, notify=StaffBase.sessionChanged)

    def _get_role(self) -> str:
        return self.session.role.value if self.session else ""

    role = Property(str, _get_role, notify=StaffBase.sessionChanged)

    def _get_role_text(self) -> str:
        return role_text(self._get_role())

    roleText = Property(str, _get_role_text, notify=StaffBase.sessionChanged)

    def _get_pin_message(self) -> str:
        return self._pin_message

    pinMessage = Property(str, _get_pin_message, notify=StaffBase.pinChanged)

    # ------------------------------------------------------------------ sign-in

    @Slot(str, str)
    def signIn(self, staff_id: str, pin: str) -> None:
        """Check the PIN on the worker (argon2 takes a moment); never keeps the PIN."""
        staff_id = staff_id.strip()
        if self._busy:
            return
        if not staff_id or not pin:
            self._set_pin_message(
                QCoreApplication.translate("Staff", "Type your staff number and PIN.")
            )
            return
        self._set_busy(True)
        self._set_pin_message("")
        auth, pad = self.auth, self.pad

        def run() -> Session:
            return auth.sign_in(staff_id, pin, pad)

        self._worker.submit(run, self._signed_in, self._sign_in_failed)

    def _set_pin_message(self, text: str) -> None:
        if text != self._pin_message:
            self._pin_message = text
            self.pinChanged.emit()

    def _signed_in(self, session: Session) -> None:
        self._set_busy(False)
        if self._session_seconds is not None:
            session.timeout_s = self._session_seconds
        self.session = session
        self._set_message("")
        self.sessionChanged.emit()
        self._restart_timer()
        self._session_began()

    def _sign_in_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, CommandRefused):
            self._set_pin_message(refusal_message(exc))
        else:
            log.error("sign-in failed", exc_info=exc)
            self._set_pin_message(
                QCoreApplication.translate("Staff", "Sign-in is not possible now; try again.")
            )

    @Slot()
    def signOut(self) -> None:
        self._end("signed_out")

    def _end(self, why: str) -> None:
        session = self.session
        if session is None:
            return
        self.session = None
        self._timer.stop()
        auth = self.auth

        def record() -> None:
            auth.sign_out(session, why)

        def failed(exc: BaseException) -> None:
            log.error("could not record the end of the staff session", exc_info=exc)

        self._worker.submit(record, None, failed)
        self._set_message("")
        self._session_closed()
        self.sessionChanged.emit()
        self.session_ended.emit(why)

    # ------------------------------------------------------------------ the idle limit

    def _restart_timer(self) -> None:
        if self.session is None:
            self._timer.stop()
            return
        limit = self.session.timeout_s or self.auth.session_seconds
        self._timer.start(int(limit * 1000) + 200)

    @Slot()
    def touch(self) -> None:
        """Any press while signed in: the session stays alive."""
        if self.session is not None:
            if not self.auth.alive(self.session):
                self._end("timeout")
                return
            self.session.touch(self.auth.now())
            self._restart_timer()

    @Slot()
    def checkSession(self) -> None:
        """The idle timer fired (or a test says so): end the session if it is over."""
        if self.session is None:
            return
        if self.auth.alive(self.session):
            self._restart_timer()
        else:
            self._end("timeout")

    @Slot(str, result=bool)
    def can(self, action: str) -> bool:
        return self.session is not None and self.session.can(action)
