"""The staff side of the screens, as one object for QML: sign-in, the hall, actions, oversight.

:class:`StaffBackend` serves both the staff panel behind the kiosk's hidden
corner and the counter console (``motcua counter N``). It never decides
anything itself: sign-in is :class:`app.staff.StaffAuth`, every action is
:class:`app.overrides.Overrides` (role, counter, reason, before/after), the
console's queue is :func:`app.views.console_view`. It is made of four parts,
each in its own module: :mod:`ui.staff.session`, :mod:`ui.staff.hall`,
:mod:`ui.staff.actions` and :mod:`ui.staff.oversight`; their words are in
:mod:`ui.staff.texts`. Argon2 checks, store reads and writes and device
calls run on a worker thread; results come back on the screen thread.

Signals: listed in :class:`ui.staff.base.StaffBase`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Slot

from app.config import pick
from app.overrides import REASONS, Overrides
from app.service import HallService
from app.staff import StaffAuth
from ui.bridge.tasks import Worker
from ui.staff.actions import CHANGE_ROLES, ActionsPart
from ui.staff.hall import COUNTER_ROLES, QUEUE_ROLES, HallPart
from ui.staff.oversight import AUDIT_ROLES, OversightPart
from ui.staff.session import SessionPart
from ui.staff.texts import reason_labels
from ui.staff_models import RowListModel


class StaffBackend(SessionPart, HallPart, ActionsPart, OversightPart, QObject):
    """Sign-in, the live queue and every staff action, for one PIN pad or console."""

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
        QObject.__init__(self, parent)
        self.hall = hall
        self.auth = auth
        self.overrides = overrides
        self.pad = pad
        self._counter = counter
        self._init_base()
        self._queue = RowListModel(QUEUE_ROLES, self)
        self._counters = RowListModel(COUNTER_ROLES, self)
        self._changes = RowListModel(CHANGE_ROLES, self)
        self._reasons = RowListModel(("code", "label"), self)
        self._audit = RowListModel(AUDIT_ROLES, self)
        self._serviceChoices = RowListModel(("code", "name"), self)
        self._categoryChoices = RowListModel(("code", "name"), self)
        self._worker = Worker(f"staff-{pad}", parent=self)
        self._init_session(session_seconds)
        self._init_actions(reason_always)
        self._init_oversight(printer_status, test_ticket, speech_test)
        self._init_hall()
        self.retranslate()

    # ------------------------------------------------------------------ life cycle

    def shutdown(self) -> None:
        self._stop_hall()
        self._timer.stop()
        # what was asked of the store runs to its end (a sign-out is recorded, not dropped)
        self._worker.pool.waitForDone(10000)
        self._worker.shutdown()

    @Slot()
    def retranslate(self) -> None:
        """Rebuild the texts made in Python (after a language change)."""
        labels = reason_labels()
        self._reasons.set_rows([{"code": c, "label": labels[c]} for c in REASONS])
        lang = self._language()
        config = self.hall.config
        self._serviceChoices.set_rows(
            [{"code": s.code, "name": pick(s.name, lang)} for s in config.services]
        )
        self._categoryChoices.set_rows(
            [{"code": c.code, "name": pick(c.name, lang)} for c in config.queue.priority_categories]
        )
        self._refresh_hall()

    # ------------------------------------------------------------------ the lists

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

    # ------------------------------------------------------------------ shared words

    def _get_message(self) -> str:
        return self._message

    message = Property(str, _get_message, notify=SessionPart.messageChanged)

    def _get_message_ok(self) -> bool:
        return self._message_ok

    messageOk = Property(bool, _get_message_ok, notify=SessionPart.messageChanged)

    def _get_busy(self) -> bool:
        return self._busy

    busy = Property(bool, _get_busy, notify=SessionPart.busyChanged)
