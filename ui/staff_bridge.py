"""The staff side of the screens: sign-in, overrides, the live queue, report and audit.

:class:`StaffBackend` serves both the staff panel behind the kiosk's hidden
corner and the counter console (``motcua counter N``). It never decides
anything itself: sign-in is :class:`app.staff.StaffAuth`, every action is
:class:`app.overrides.Overrides` (role, reason, before/after). Each action is
prepared first (:meth:`StaffBackend.prepare` runs the command against the
current state and lists what will change), then confirmed with a reason.
Argon2 checks and store writes run on a worker thread; results come back
on the screen thread.

Signals: ``sessionChanged``, ``pinChanged``, ``messageChanged``,
``busyChanged``, ``pendingChanged``, ``hallChanged``, ``reportChanged``,
``devicesChanged`` (QML notifiers); ``session_ended(str)`` when a session
ends (the reason: "timeout" or "signed_out"); ``action_done(str)`` after an
action was stored; ``_hall_changed`` hands hall events to the screen thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QLocale, QObject, Signal, Slot

from app.config import pick
from app.errors import CommandRefused, UserError
from app.events import Event
from app.hall import TicketStatus
from app.overrides import REASONS, ROUTINE, Change, Overrides, compose_reason
from app.report import AuditFilter, audit_entries, build_report, day_bounds, report_text
from app.service import HallService
from app.staff import Session, StaffAuth
from ui.bridge.tasks import TrackedTimer, Worker
from ui.staff_models import RowListModel

log = logging.getLogger(__name__)


def reason_labels() -> dict[str, str]:
    """The short list of reasons, in the current language."""
    return {
        "citizen_request": QCoreApplication.translate("Staff", "The citizen asked"),
        "wrong_service": QCoreApplication.translate("Staff", "Wrong service chosen"),
        "priority_confirmed": QCoreApplication.translate("Staff", "Priority confirmed"),
        "citizen_left": QCoreApplication.translate("Staff", "The citizen left"),
        "correcting_mistake": QCoreApplication.translate("Staff", "Correcting a mistake"),
        "device_fault": QCoreApplication.translate("Staff", "Device fault"),
        "estimate_wrong": QCoreApplication.translate("Staff", "Estimates are wrong today"),
        "other": QCoreApplication.translate("Staff", "Other (say why)"),
    }


def action_title(action: str) -> str:
    titles = {
        "call_next": QCoreApplication.translate("Staff", "Call next"),
        "call_ticket": QCoreApplication.translate("Staff", "Call this ticket"),
        "recall": QCoreApplication.translate("Staff", "Recall"),
        "complete": QCoreApplication.translate("Staff", "Complete"),
        "no_show": QCoreApplication.translate("Staff", "No-show"),
        "transfer": QCoreApplication.translate("Staff", "Transfer"),
        "set_priority": QCoreApplication.translate("Staff", "Set or clear priority"),
        "cancel": QCoreApplication.translate("Staff", "Cancel ticket"),
        "park": QCoreApplication.translate("Staff", "Set aside"),
        "unpark": QCoreApplication.translate("Staff", "Back into the queue"),
        "reprint": QCoreApplication.translate("Staff", "Reprint"),
        "open_counter": QCoreApplication.translate("Staff", "Open counter"),
        "pause_counter": QCoreApplication.translate("Staff", "Pause counter"),
        "resume_counter": QCoreApplication.translate("Staff", "Resume counter"),
        "close_counter": QCoreApplication.translate("Staff", "Close counter"),
        "set_counter_services": QCoreApplication.translate("Staff", "Change services"),
        "ai_switch": QCoreApplication.translate("Staff", "Switch the AI estimate"),
        "estimate_correction": QCoreApplication.translate("Staff", "Correct the estimates"),
        "estimates_visibility": QCoreApplication.translate("Staff", "Show or hide estimates"),
        "ai_reinstate": QCoreApplication.translate("Staff", "Use the AI model again"),
    }
    return titles.get(action, action)


def field_label(name: str) -> str:
    labels = {
        "status": QCoreApplication.translate("Staff", "State"),
        "service": QCoreApplication.translate("Staff", "Service"),
        "counter": QCoreApplication.translate("Staff", "Counter"),
        "priority": QCoreApplication.translate("Staff", "Priority"),
        "front": QCoreApplication.translate("Staff", "First in line"),
        "ahead": QCoreApplication.translate("Staff", "People ahead"),
        "services": QCoreApplication.translate("Staff", "Services"),
        "serving": QCoreApplication.translate("Staff", "Serving"),
        "ai": QCoreApplication.translate("Staff", "AI estimate"),
        "visible": QCoreApplication.translate("Staff", "Estimates shown"),
        "correction_min": QCoreApplication.translate("Staff", "Correction (minutes)"),
        "fallback": QCoreApplication.translate("Staff", "Model stepped aside"),
    }
    return labels.get(name, name)


def value_text(value: Any) -> str:
    words = {
        "waiting": QCoreApplication.translate("Staff", "waiting"),
        "called": QCoreApplication.translate("Staff", "being served"),
        "parked": QCoreApplication.translate("Staff", "set aside"),
        "completed": QCoreApplication.translate("Staff", "completed"),
        "no_show": QCoreApplication.translate("Staff", "did not come"),
        "cancelled": QCoreApplication.translate("Staff", "cancelled"),
        "open": QCoreApplication.translate("Staff", "open"),
        "paused": QCoreApplication.translate("Staff", "paused"),
        "closed": QCoreApplication.translate("Staff", "closed"),
    }
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("Staff", "yes")
            if value
            else QCoreApplication.translate("Staff", "no")
        )
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) or "—"
    return words.get(str(value), str(value))


def refusal_message(exc: CommandRefused) -> str:
    """A staff member's sentence for a refusal, in the current language."""
    p = {k: str(v) for k, v in exc.params.items()}
    known = {
        "wrong_pin": QCoreApplication.translate("Staff", "Wrong staff number or PIN."),
        "locked": QCoreApplication.translate(
            "Staff", "Too many wrong PINs: sign-in is locked until %1."
        ).replace("%1", p.get("until", "")[11:16]),
        "disabled": QCoreApplication.translate(
            "Staff", "This staff account is disabled; ask a supervisor."
        ),
        "not_allowed": QCoreApplication.translate(
            "Staff", "Your role may not do this; ask a supervisor."
        ),
        "not_your_counter": QCoreApplication.translate(
            "Staff", "You may only serve at your own counter."
        ),
        "session_expired": QCoreApplication.translate(
            "Staff", "Your staff session has ended; sign in again."
        ),
        "not_signed_in": QCoreApplication.translate("Staff", "Sign in with your staff PIN first."),
        "reason_needed": QCoreApplication.translate("Staff", "Choose a reason first."),
        "reason_text": QCoreApplication.translate("Staff", "Say in a few words why."),
        "still_serving": QCoreApplication.translate(
            "Staff", "%1 is still being served: complete it first."
        ).replace("%1", p.get("ticket", "")),
        "queue_empty": QCoreApplication.translate("Staff", "Nobody is waiting for this counter."),
        "counter_paused": QCoreApplication.translate(
            "Staff", "The counter is paused: resume it first."
        ),
        "counter_closed": QCoreApplication.translate(
            "Staff", "The counter is closed: open it first."
        ),
        "not_called": QCoreApplication.translate("Staff", "%1 has not been called.").replace(
            "%1", p.get("ticket", "")
        ),
        "recall_first": QCoreApplication.translate(
            "Staff", "Call %1 again before marking a no-show."
        ).replace("%1", p.get("ticket", "")),
        "already_called": QCoreApplication.translate(
            "Staff", "%1 is already being served."
        ).replace("%1", p.get("ticket", "")),
        "not_waiting": QCoreApplication.translate("Staff", "%1 is not waiting.").replace(
            "%1", p.get("ticket", "")
        ),
        "finished": QCoreApplication.translate("Staff", "%1 is already finished.").replace(
            "%1", p.get("ticket", "")
        ),
        "no_change": QCoreApplication.translate("Staff", "Nothing would change."),
        "already_open": QCoreApplication.translate("Staff", "The counter is already open."),
        "not_open": QCoreApplication.translate("Staff", "The counter is not open."),
        "not_paused": QCoreApplication.translate("Staff", "The counter is not paused."),
        "already_closed": QCoreApplication.translate("Staff", "The counter is already closed."),
        "no_printer": QCoreApplication.translate("Staff", "This screen has no printer."),
    }
    return known.get(exc.code, exc.message)


class StaffBackend(QObject):
    """Sign-in, the live queue and every staff action, for one PIN pad or console."""

    sessionChanged = Signal()
    pinChanged = Signal()
    messageChanged = Signal()
    busyChanged = Signal()
    pendingChanged = Signal()
    hallChanged = Signal()
    reportChanged = Signal()
    devicesChanged = Signal()
    session_ended = Signal(str)
    action_done = Signal(str)
    _hall_changed = Signal()

    def __init__(
        self,
        hall: HallService,
        auth: StaffAuth,
        overrides: Overrides,
        pad: str,
        counter: int | None = None,
        session_seconds: float | None = None,
        printer_status: Callable[[], str] | None = None,
        test_ticket: Callable[[], object] | None = None,
        speech_test: Callable[[], object] | None = None,
        reason_always: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        #: the kiosk's panel asks a reason for everything; the console not for routine work
        self.reason_always = reason_always
        self.hall = hall
        self.auth = auth
        self.overrides = overrides
        self.pad = pad
        self._counter = counter
        self._session_seconds = session_seconds
        self._printer_status_fn = printer_status
        self._test_ticket_fn = test_ticket
        self._speech_test_fn = speech_test
        self.session: Session | None = None
        self._pin_message = ""
        self._message = ""
        self._message_ok = True
        self._busy = False
        self._pending_action = ""
        self._pending_args: dict[str, Any] = {}
        self._pending_changes: list[Change] = []
        self._report_text = ""
        self._printer_text = ""
        self._energy_text = ""
        self._feedback_text = ""
        self._completed: set[str] = set()

        self._queue = RowListModel(
            (
                "number",
                "service",
                "serviceName",
                "status",
                "priority",
                "category",
                "counter",
                "ahead",
                "waitedMin",
            ),
            self,
        )
        self._counters = RowListModel(("number", "status", "services", "serving"), self)
        self._changes = RowListModel(("subject", "field", "before", "after"), self)
        self._reasons = RowListModel(("code", "label"), self)
        self._audit = RowListModel(
            ("seq", "time", "actor", "role", "kind", "subject", "reason", "change"), self
        )
        self._serviceChoices = RowListModel(("code", "name"), self)
        self._categoryChoices = RowListModel(("code", "name"), self)

        self._worker = Worker(f"staff-{pad}", parent=self)
        self._timer = TrackedTimer(f"staff-session-{pad}", self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.checkSession)
        self._hall_changed.connect(self._refresh_hall)
        hall.subscribe(self._on_events)
        self.retranslate()
        self._refresh_hall()

    # ------------------------------------------------------------------ life cycle

    def shutdown(self) -> None:
        self.hall.unsubscribe(self._on_events)
        self._timer.stop()
        self._worker.shutdown()

    @Slot()
    def retranslate(self) -> None:
        """Rebuild the texts made in Python (after a language change)."""
        labels = reason_labels()
        self._reasons.set_rows([{"code": c, "label": labels[c]} for c in REASONS])
        lang = self._language()
        self._serviceChoices.set_rows(
            [{"code": s.code, "name": pick(s.name, lang)} for s in self.hall.config.services]
        )
        self._categoryChoices.set_rows(
            [
                {"code": c.code, "name": pick(c.name, lang)}
                for c in self.hall.config.queue.priority_categories
            ]
        )
        self._refresh_hall()

    def _language(self) -> str:
        # ui.qml_app.Translations sets the default locale with the language
        lang = QLocale().name()[:2]
        return lang if lang in self.hall.config.hall.languages else "vi"

    # ------------------------------------------------------------------ properties

    def _get_queue(self) -> RowListModel:
        return self._queue

    queue = Property(QObject, _get_queue, constant=True)

    def _get_counters(self) -> RowListModel:
        return self._counters

    counters = Property(QObject, _get_counters, constant=True)

    def _get_changes(self) -> RowListModel:
        return self._changes

    changes = Property(QObject, _get_changes, constant=True)

    def _get_reasons(self) -> RowListModel:
        return self._reasons

    reasons = Property(QObject, _get_reasons, constant=True)

    def _get_audit(self) -> RowListModel:
        return self._audit

    audit = Property(QObject, _get_audit, constant=True)

    def _get_serviceChoices(self) -> RowListModel:
        return self._serviceChoices

    serviceChoices = Property(QObject, _get_serviceChoices, constant=True)

    def _get_categoryChoices(self) -> RowListModel:
        return self._categoryChoices

    categoryChoices = Property(QObject, _get_categoryChoices, constant=True)

    def _get_signed_in(self) -> bool:
        return self.session is not None

    signedIn = Property(bool, _get_signed_in, notify=sessionChanged)

    def _get_staff_name(self) -> str:
        return self.session.name if self.session else ""

    staffName = Property(str, _get_staff_name, notify=sessionChanged)

    def _get_staff_id(self) -> str:
        return self.session.staff if self.session else ""

    staffId = Property(str, _get_staff_id, notify=sessionChanged)

    def _get_role(self) -> str:
        return self.session.role.value if self.session else ""

    role = Property(str, _get_role, notify=sessionChanged)

    def _get_role_text(self) -> str:
        names = {
            "staff": QCoreApplication.translate("Staff", "staff"),
            "supervisor": QCoreApplication.translate("Staff", "supervisor"),
            "technician": QCoreApplication.translate("Staff", "technician"),
        }
        return names.get(self._get_role(), "")

    roleText = Property(str, _get_role_text, notify=sessionChanged)

    def _get_counter(self) -> int:
        return self._counter or 0

    counter = Property(int, _get_counter, constant=True)

    def _get_pin_message(self) -> str:
        return self._pin_message

    pinMessage = Property(str, _get_pin_message, notify=pinChanged)

    def _get_message(self) -> str:
        return self._message

    message = Property(str, _get_message, notify=messageChanged)

    def _get_message_ok(self) -> bool:
        return self._message_ok

    messageOk = Property(bool, _get_message_ok, notify=messageChanged)

    def _get_busy(self) -> bool:
        return self._busy

    busy = Property(bool, _get_busy, notify=busyChanged)

    def _get_pending_action(self) -> str:
        return self._pending_action

    pendingAction = Property(str, _get_pending_action, notify=pendingChanged)

    def _get_pending_title(self) -> str:
        return action_title(self._pending_action) if self._pending_action else ""

    pendingTitle = Property(str, _get_pending_title, notify=pendingChanged)

    def _get_pending_needs_reason(self) -> bool:
        return bool(self._pending_action) and (
            self.reason_always or self.overrides.needs_reason(self._pending_action)
        )

    pendingNeedsReason = Property(bool, _get_pending_needs_reason, notify=pendingChanged)

    def _get_serving(self) -> str:
        c = self.hall.state.counters.get(self._counter or 0)
        if c is None or not c.serving:
            return ""
        t = self.hall.state.tickets.get(c.serving)
        return c.serving if t is not None and t.status is TicketStatus.CALLED else ""

    serving = Property(str, _get_serving, notify=hallChanged)

    def _get_serving_service(self) -> str:
        t = self.hall.state.tickets.get(self._get_serving())
        if t is None:
            return ""
        return pick(self.hall.config.service(t.service).name, self._language())

    servingService = Property(str, _get_serving_service, notify=hallChanged)

    def _get_counter_status(self) -> str:
        c = self.hall.state.counters.get(self._counter or 0)
        return c.status.value if c is not None else ""

    counterStatus = Property(str, _get_counter_status, notify=hallChanged)

    def _get_counter_status_text(self) -> str:
        return value_text(self._get_counter_status())

    counterStatusText = Property(str, _get_counter_status_text, notify=hallChanged)

    def _get_report(self) -> str:
        return self._report_text

    reportText = Property(str, _get_report, notify=reportChanged)

    def _get_ai_on(self) -> bool:
        return self.overrides.controls().ai_enabled

    aiOn = Property(bool, _get_ai_on, notify=hallChanged)

    def _get_estimates_visible(self) -> bool:
        return self.overrides.controls().visible

    estimatesVisible = Property(bool, _get_estimates_visible, notify=hallChanged)

    def _get_printer_text(self) -> str:
        return self._printer_text

    printerText = Property(str, _get_printer_text, notify=devicesChanged)

    def _get_energy_text(self) -> str:
        return self._energy_text

    #: how long the screen was dimmed today and the energy saved (empty without a camera)
    energyText = Property(str, _get_energy_text, notify=devicesChanged)

    def _get_feedback_text(self) -> str:
        return self._feedback_text

    #: what citizens said of the wait estimates today (from their phones)
    feedbackText = Property(str, _get_feedback_text, notify=devicesChanged)

    # ------------------------------------------------------------------ helpers

    def _set_message(self, text: str, ok: bool = True) -> None:
        if (text, ok) != (self._message, self._message_ok):
            self._message, self._message_ok = text, ok
            self.messageChanged.emit()

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit()

    def _restart_timer(self) -> None:
        if self.session is None:
            self._timer.stop()
            return
        limit = self.session.timeout_s or self.auth.session_seconds
        self._timer.start(int(limit * 1000) + 200)

    def _error(self, exc: BaseException) -> None:
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

        def run() -> Session:
            return self.auth.sign_in(staff_id, pin, self.pad)

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
        self._completed.clear()
        self._set_message("")
        self.sessionChanged.emit()
        self._restart_timer()
        self._refresh_hall()
        self.refreshToday()

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
        self._clear_pending()
        try:
            self.auth.sign_out(session, why)
        except Exception:
            log.exception("could not record the end of the staff session")
        self._set_message("")
        self._report_text = ""
        self._audit.set_rows([])
        self.sessionChanged.emit()
        self.session_ended.emit(why)

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

    # ------------------------------------------------------------------ actions

    def _args(self, args: Any) -> dict[str, Any]:
        out = dict(args or {})
        # QML numbers arrive as floats
        for key in ("counter", "to_counter"):
            if isinstance(out.get(key), float):
                out[key] = int(out[key])
        for key in ("to_service", "to_counter", "category"):
            if out.get(key) in ("", 0, None):
                out.pop(key, None)
        return out

    @Slot(str, "QVariantMap")
    def prepare(self, action: str, args: Any) -> None:
        """Work out what ``action`` would change and ask for confirmation."""
        self.touch()
        kwargs = self._args(args)
        try:
            changes = self.overrides.preview(self.session, action, **kwargs)
        except Exception as exc:
            self._error(exc)
            return
        self._pending_action = action
        self._pending_args = kwargs
        self._pending_changes = changes
        rows = []
        for c in changes:
            for name, before, after in c.lines() or [("status", None, None)]:
                rows.append(
                    {
                        "subject": c.subject,
                        "field": field_label(name),
                        "before": value_text(before),
                        "after": value_text(after),
                    }
                )
        self._changes.set_rows(rows)
        self._set_message("")
        self.pendingChanged.emit()

    def pending_changes(self) -> list[Change]:
        """What the prepared action will change, as shown in the confirmation."""
        return list(self._pending_changes)

    @Slot(str, str)
    def confirm(self, reason_code: str, reason_text: str) -> None:
        """Store the prepared action with its reason."""
        if not self._pending_action or self._busy:
            return
        self.touch()
        action, kwargs = self._pending_action, dict(self._pending_args)
        reason: str | None = None
        try:
            if self._get_pending_needs_reason() or reason_code or reason_text.strip():
                reason = compose_reason(reason_code, reason_text)
        except CommandRefused as exc:
            self._set_message(refusal_message(exc), ok=False)
            return
        self._run(action, reason, kwargs)

    @Slot()
    def cancel(self) -> None:
        self.touch()
        self._clear_pending()

    def _clear_pending(self) -> None:
        if self._pending_action:
            self._pending_action = ""
            self._pending_args = {}
            self._pending_changes = []
            self._changes.set_rows([])
            self.pendingChanged.emit()

    def _run(self, action: str, reason: str | None, kwargs: dict[str, Any]) -> None:
        session = self.session
        self._set_busy(True)

        def run() -> list[Event]:
            return self.overrides.perform(session, action, reason, **kwargs)

        def done(events: list[Event]) -> None:
            self._set_busy(False)
            self._clear_pending()
            self._set_message(
                QCoreApplication.translate("Staff", "Done: %1.").replace("%1", action_title(action))
            )
            self._refresh_hall()
            self.action_done.emit(action)

        self._worker.submit(run, done, self._error)

    @Slot(str, "QVariantMap")
    def act(self, action: str, args: Any) -> None:
        """Routine counter work without a confirmation (call next, recall, no-show...)."""
        self.touch()
        if self._busy or self.session is None:
            return
        kwargs = self._args(args)
        if action not in ROUTINE:
            self.prepare(action, kwargs)
            return
        self._run(action, None, kwargs)

    # the counter console's buttons, with their misclick guards

    @Slot()
    def callNext(self) -> None:
        """Call the next ticket; while one is still served, ask first."""
        if self._counter is None:
            return
        if self._get_serving():
            self.prepare("call_next", {"counter": self._counter, "finish_current": True})
        else:
            self.act("call_next", {"counter": self._counter})

    @Slot()
    def recallCurrent(self) -> None:
        number = self._get_serving()
        if number:
            self.act("recall", {"number": number, "counter": self._counter})

    @Slot()
    def completeCurrent(self) -> None:
        """Complete the ticket being served, once: a second tap does nothing."""
        number = self._get_serving()
        if not number or number in self._completed or self._busy:
            return
        self._completed.add(number)
        self.act("complete", {"number": number, "counter": self._counter})

    @Slot()
    def noShowCurrent(self) -> None:
        number = self._get_serving()
        if number and number not in self._completed and not self._busy:
            self.act("no_show", {"number": number, "counter": self._counter})

    @Slot()
    def togglePause(self) -> None:
        if self._counter is None:
            return
        status = self._get_counter_status()
        action = {
            "open": "pause_counter",
            "paused": "resume_counter",
            "closed": "open_counter",
        }.get(status)
        if action:
            self.act(action, {"counter": self._counter})

    # ------------------------------------------------------------------ hall view

    def _on_events(self, events: list[Event]) -> None:
        self._hall_changed.emit()  # any thread -> the screen thread

    @Slot()
    def _refresh_hall(self) -> None:
        state = self.hall.state
        now = self.hall.now()
        lang = self._language()
        with self.hall.lock:  # the projection changes under this lock on other threads
            counter = state.counters.get(self._counter or 0)
            services = (
                list(counter.services)
                if counter is not None
                else [s.code for s in self.hall.config.services]
            )
            rows: list[dict[str, Any]] = []
            for code in services:
                for t in state.call_order(code):
                    rows.append(self._ticket_row(t.number, now, lang))
            # tickets sent to a counter (to this one, at a console), then the parked ones
            targeted = [
                t
                for t in sorted(state.tickets.values(), key=lambda t: t.sort_key())
                if t.status is TicketStatus.WAITING
                and t.target_counter is not None
                and (self._counter is None or t.target_counter == self._counter)
            ]
            rows = [self._ticket_row(t.number, now, lang) for t in targeted] + rows
            parked = [
                t
                for t in state.tickets.values()
                if t.status is TicketStatus.PARKED and t.service in services
            ]
            rows += [self._ticket_row(t.number, now, lang) for t in parked]
            if self._counter is None:
                called = [t for t in state.tickets.values() if t.status is TicketStatus.CALLED]
                rows = [self._ticket_row(t.number, now, lang) for t in called] + rows
            self._queue.set_rows(rows)
            self._counters.set_rows(
                [
                    {
                        "number": c.number,
                        "status": c.status.value,
                        "services": ", ".join(c.services),
                        "serving": c.serving or "",
                    }
                    for c in sorted(state.counters.values(), key=lambda c: c.number)
                ]
            )
        self.hallChanged.emit()

    def _ticket_row(self, number: str, now: datetime, lang: str) -> dict[str, Any]:
        state = self.hall.state
        t = state.tickets[number]
        return {
            "number": t.number,
            "service": t.service,
            "serviceName": pick(self.hall.config.service(t.service).name, lang),
            "status": t.status.value,
            "priority": t.priority,
            "category": t.category or "",
            "counter": t.counter or t.target_counter or 0,
            "ahead": state.people_ahead(t.number) if t.status is TicketStatus.WAITING else -1,
            "waitedMin": max(0, int((now - t.issued_at).total_seconds() // 60)),
        }

    # ------------------------------------------------------------------ report, audit, devices

    @Slot()
    def loadReport(self) -> None:
        self.touch()
        try:
            self.auth.require(self.session, "report")
        except CommandRefused as exc:
            self._error(exc)
            return
        config = self.hall.config
        day = self.hall.state.business_day(self.hall.now())
        start, end = day_bounds(config, day)

        def run() -> str:
            rep = build_report(config, self.hall.store.read_between(start, end), day)
            return report_text(rep, pick(config.hall.name, "vi"))

        def done(text: str) -> None:
            self._report_text = text
            self.reportChanged.emit()

        self._worker.submit(run, done, self._error)

    @Slot(str, str, str, str)
    def loadAudit(self, staff: str, ticket: str, action: str, since: str = "") -> None:
        """Today's staff actions by staff number, ticket, action and from a time (HH:MM)."""
        self.touch()
        try:
            self.auth.require(self.session, "audit_view")
        except CommandRefused as exc:
            self._error(exc)
            return
        config = self.hall.config
        day = self.hall.state.business_day(self.hall.now())
        start, end = day_bounds(config, day)
        since = since.strip()
        if since:
            try:
                hh, mm = (int(x) for x in since.split(":"))
                start = max(start, start.replace(hour=hh, minute=mm))
            except ValueError:
                self._set_message(
                    QCoreApplication.translate("Staff", "Write the time as HH:MM, e.g. 09:30."),
                    ok=False,
                )
                return
        flt = AuditFilter(staff=staff.strip(), ticket=ticket.strip(), action=action.strip(),
                          start=start, end=end)

        def run() -> list[Event]:
            return audit_entries(self.hall.store.read_between(start, end), flt, limit=200)

        def done(events: list[Event]) -> None:
            rows = []
            for e in events:
                before, after = e.get("before"), e.get("after")
                change = ""
                if isinstance(before, dict) and isinstance(after, dict):
                    change = "; ".join(
                        f"{field_label(k)}: {value_text(before.get(k))} → {value_text(v)}"
                        for k, v in after.items()
                        if before.get(k) != v
                    )
                rows.append(
                    {
                        "seq": e.seq or 0,
                        "time": e.ts.astimezone(config.hall.zone).strftime("%H:%M:%S"),
                        "actor": e.actor or "",
                        "role": str(e.get("role") or ""),
                        "kind": e.kind,
                        "subject": str(
                            e.get("ticket")
                            or e.get("counter")
                            or e.get("staff")
                            or e.get("service")
                            or ""
                        ),
                        "reason": str(e.get("reason") or ""),
                        "change": change,
                    }
                )
            self._audit.set_rows(rows)

        self._worker.submit(run, done, self._error)

    @Slot()
    def refreshPrinter(self) -> None:
        self.touch()
        fn = self._printer_status_fn
        if fn is None:
            self._printer_text = QCoreApplication.translate("Staff", "No printer on this screen.")
            self.devicesChanged.emit()
            return

        def done(text: str) -> None:
            self._printer_text = text
            self.devicesChanged.emit()

        self._worker.submit(fn, done, self._error)

    @Slot()
    def refreshToday(self) -> None:
        """Today's energy saved by dimming and the citizens' answers on estimates."""
        hall = self.hall

        def run() -> tuple[tuple[int, float] | None, tuple[int, int]]:
            from app.presence import energy_saved_today
            from app.report import estimate_feedback_summary

            cfg = hall.config
            energy = None
            if cfg.devices.camera.kind != "none":
                r = energy_saved_today(cfg, hall.store.read_between, hall.clock)
                energy = (int(r.dimmed_seconds // 60), r.saved_wh)
            day = hall.state.business_day(hall.now())
            start, end = day_bounds(cfg, day)
            s = estimate_feedback_summary(hall.store.read_between(start, end), day, cfg)
            return energy, (int(s["right"]), int(s["wrong"]))

        def done(result: tuple[tuple[int, float] | None, tuple[int, int]]) -> None:
            energy, (right, wrong) = result
            self._energy_text = ""
            if energy is not None:
                text = QCoreApplication.translate(
                    "Staff", "Screen dimmed today: %1 min, about %2 Wh saved"
                )
                self._energy_text = text.replace("%1", str(energy[0])).replace(
                    "%2", f"{energy[1]:.0f}"
                )
            if right or wrong:
                text = QCoreApplication.translate(
                    "Staff", "Citizens' answers on the wait estimate today: %1 right, %2 wrong"
                )
                self._feedback_text = text.replace("%1", str(right)).replace("%2", str(wrong))
            else:
                self._feedback_text = QCoreApplication.translate(
                    "Staff", "No citizen has answered about the wait estimate today."
                )
            self.devicesChanged.emit()

        self._worker.submit(run, done, self._error)

    @Slot()
    def testTicket(self) -> None:
        self._device_action(
            "test_ticket",
            self._test_ticket_fn,
            QCoreApplication.translate("Staff", "Test ticket sent to the printer."),
        )

    @Slot()
    def speechTest(self) -> None:
        self._device_action(
            "speech_test",
            self._speech_test_fn,
            QCoreApplication.translate("Staff", "Speech test sent."),
        )

    def _device_action(self, action: str, fn: Callable[[], object] | None, ok: str) -> None:
        self.touch()
        try:
            self.auth.require(self.session, action)
        except CommandRefused as exc:
            self._error(exc)
            return
        if fn is None:
            self._set_message(
                QCoreApplication.translate("Staff", "This screen has no such device."), ok=False
            )
            return
        self._worker.submit(fn, lambda _r: self._set_message(ok), self._error)
