"""Staff actions on a screen: prepare, show what will change, confirm with a reason.

Every action is :class:`app.overrides.Overrides`'s, looked up in the one table
of staff actions (:data:`app.actions.ACTIONS`): whether it asks a reason,
whether it is routine counter work (done at once at the console), its title.
Preparing runs the command against the current state on the worker and lists
what it would change; confirming stores it there. The counter console's
buttons sit on top, with their misclick guards.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QCoreApplication, Slot

from app.actions import resolve
from app.errors import CommandRefused
from app.events import Event
from app.overrides import Change, compose_reason
from ui.staff.base import StaffBase
from ui.staff.texts import action_title, field_label, refusal_message, value_text
from ui.staff_models import RowListModel

CHANGE_ROLES = ("subject", "field", "before", "after")


def qml_args(args: Any) -> dict[str, Any]:
    """An action's arguments as QML hands them, made the core's."""
    out = dict(args or {})
    # QML numbers arrive as floats
    for key in ("counter", "to_counter"):
        if isinstance(out.get(key), float):
            out[key] = int(out[key])
    for key in ("to_service", "to_counter", "category"):
        if out.get(key) in ("", 0, None):
            out.pop(key, None)
    return out


class ActionsPart(StaffBase):
    """The prepared action, its confirmation, and the console's buttons."""

    #: the kiosk's panel asks a reason for everything; the console not for routine work
    reason_always: bool
    _pending_action: str
    _pending_args: dict[str, Any]
    _pending_changes: list[Change]
    _changes: RowListModel
    #: tickets this session completed (a second tap on Complete does nothing)
    _completed: set[str]

    def _init_actions(self, reason_always: bool) -> None:
        self.reason_always = reason_always
        self._pending_action = ""
        self._pending_args = {}
        self._pending_changes = []
        self._completed = set()

    # ------------------------------------------------------------------ properties

    def _get_pending_action(self) -> str:
        return self._pending_action

    pendingAction = Property(str, _get_pending_action, notify=StaffBase.pendingChanged)

    def _get_pending_title(self) -> str:
        return action_title(self._pending_name()) if self._pending_action else ""

    pendingTitle = Property(str, _get_pending_title, notify=StaffBase.pendingChanged)

    def _get_pending_needs_reason(self) -> bool:
        if not self._pending_action:
            return False
        return self.reason_always or resolve(self._pending_action, self._pending_args).reason

    pendingNeedsReason = Property(bool, _get_pending_needs_reason,
                                  notify=StaffBase.pendingChanged)

    def _pending_name(self) -> str:
        return resolve(self._pending_action, self._pending_args).name

    # ------------------------------------------------------------------ prepare, confirm

    @Slot(str, "QVariantMap")
    def prepare(self, action: str, args: Any) -> None:
        """Work out (on the worker) what ``action`` would change, and ask for confirmation."""
        self.touch()
        if self._busy:
            return
        kwargs = qml_args(args)
        session, overrides = self.session, self.overrides

        def run() -> list[Change]:
            return overrides.preview(session, action, **kwargs)

        def done(changes: list[Change]) -> None:
            self._set_busy(False)
            if self.session is not session:
                return  # signed out meanwhile
            self._show_pending(action, kwargs, changes)

        self._set_busy(True)
        self._worker.submit(run, done, self._error)

    def _show_pending(self, action: str, kwargs: dict[str, Any], changes: list[Change]) -> None:
        self._pending_action = action
        self._pending_args = kwargs
        self._pending_changes = changes
        rows = []
        for c in changes:
            for name, before, after in c.lines() or [("status", None, None)]:
                rows.append({"subject": c.subject, "field": field_label(name),
                             "before": value_text(before), "after": value_text(after)})
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
        session, overrides = self.session, self.overrides
        title = action_title(resolve(action, kwargs).name)
        self._set_busy(True)

        def run() -> list[Event]:
            return overrides.perform(session, action, reason, **kwargs)

        def done(events: list[Event]) -> None:
            self._set_busy(False)
            self._clear_pending()
            self._set_message(QCoreApplication.translate("Staff", "Done: %1.").replace("%1", title))
            self._refresh_hall()
            self.action_done.emit(action)

        self._worker.submit(run, done, self._error)

    @Slot(str, "QVariantMap")
    def act(self, action: str, args: Any) -> None:
        """Routine counter work without a confirmation (call next, recall, no-show...)."""
        self.touch()
        if self._busy or self.session is None:
            return
        kwargs = qml_args(args)
        try:
            routine = resolve(action, kwargs).routine
        except CommandRefused as exc:
            self._error(exc)
            return
        if not routine:
            self.prepare(action, kwargs)
            return
        self._run(action, None, kwargs)

    # ------------------------------------------------------------ the counter console's buttons

    @Slot()
    def callNext(self) -> None:
        """Call the next ticket; while one is still served, ask first."""
        if self._counter is None:
            return
        if self._serving:
            self.prepare("call_next", {"counter": self._counter, "finish_current": True})
        else:
            self.act("call_next", {"counter": self._counter})

    @Slot()
    def recallCurrent(self) -> None:
        if self._serving:
            self.act("recall", {"number": self._serving, "counter": self._counter})

    @Slot()
    def completeCurrent(self) -> None:
        """Complete the ticket being served, once: a second tap does nothing."""
        number = self._serving
        if not number or number in self._completed or self._busy:
            return
        self._completed.add(number)
        self.act("complete", {"number": number, "counter": self._counter})

    @Slot()
    def noShowCurrent(self) -> None:
        number = self._serving
        if number and number not in self._completed and not self._busy:
            self.act("no_show", {"number": number, "counter": self._counter})

    @Slot()
    def togglePause(self) -> None:
        if self._counter is None:
            return
        action = {"open": "pause_counter", "paused": "resume_counter",
                  "closed": "open_counter"}.get(self._counter_status)
        if action:
            self.act(action, {"counter": self._counter})

    # ------------------------------------------------------------------ the session's hooks

    def _session_began(self) -> None:
        super()._session_began()
        self._completed.clear()

    def _session_closed(self) -> None:
        super()._session_closed()
        self._clear_pending()
