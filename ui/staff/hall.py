"""The hall as the staff screens show it: the queue, the counters, the estimate switches.

A counter console binds to :func:`app.views.console_view` (its counter, the
ticket it serves, the tickets it may call, the parked ones); the kiosk's
staff panel to :func:`app.views.panel_view` (every ticket still in play, the
called ones first); each ticket's row is :func:`app.views.queue_rows`. The
lists are rebuilt on the screen thread from the projection in memory when
the hall changes; nothing here reads the store on that thread: the estimate
settings (AI on, estimates shown) are read on the worker and kept, so the
properties QML reads only return what was kept.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Property, Slot

from app.config import pick
from app.events import Event
from app.views import QueueRow, console_view, panel_view, queue_rows
from app.wait.control import ControlState
from ui.staff.base import StaffBase
from ui.staff.texts import value_text
from ui.staff_models import RowListModel

log = logging.getLogger(__name__)

#: the roles of a queue row
QUEUE_ROLES = ("number", "service", "serviceName", "status", "priority", "category", "counter",
               "ahead", "waitedMin")
COUNTER_ROLES = ("number", "status", "services", "serving")


class HallPart(StaffBase):
    """The live queue and counters, and the estimate settings in force."""

    _queue: RowListModel
    _counters: RowListModel
    _serving_service: str
    _ai_on: bool
    _estimates_visible: bool

    def _init_hall(self) -> None:
        self._serving = ""
        self._serving_service = ""
        self._counter_status = ""
        self._ai_on = True
        self._estimates_visible = True
        self._hall_changed.connect(self._refresh_hall)
        self.hall.subscribe(self._on_events)

    def _stop_hall(self) -> None:
        self.hall.unsubscribe(self._on_events)

    # ------------------------------------------------------------------ properties

    def _get_counter(self) -> int:
        return self._counter or 0

    counter = Property(int, _get_counter, constant=True)

    def _get_serving(self) -> str:
        return self._serving

    serving = Property(str, _get_serving, notify=StaffBase.hallChanged)

    def _get_serving_service(self) -> str:
        return self._serving_service

    servingService = Property(str, _get_serving_service, notify=StaffBase.hallChanged)

    def _get_counter_status(self) -> str:
        return self._counter_status

    counterStatus = Property(str, _get_counter_status, notify=StaffBase.hallChanged)

    def _get_counter_status_text(self) -> str:
        return value_text(self._counter_status)

    counterStatusText = Property(str, _get_counter_status_text, notify=StaffBase.hallChanged)

    def _get_ai_on(self) -> bool:
        return self._ai_on

    aiOn = Property(bool, _get_ai_on, notify=StaffBase.controlsChanged)

    def _get_estimates_visible(self) -> bool:
        return self._estimates_visible

    estimatesVisible = Property(bool, _get_estimates_visible, notify=StaffBase.controlsChanged)

    # ------------------------------------------------------------------ keeping up

    def _on_events(self, events: list[Event]) -> None:
        self._hall_changed.emit()  # any thread -> the screen thread

    @Slot()
    def _refresh_hall(self) -> None:
        lang = self._language()
        if self._counter is not None:
            self._console_rows(self._counter, lang)
        else:
            self._set_queue(queue_rows(self.hall, panel_view(self.hall)), lang)
        with self.hall.lock:
            counters = sorted(self.hall.state.counters.values(), key=lambda c: c.number)
            self._counters.set_rows(
                [{"number": c.number, "status": c.status.value, "services": ", ".join(c.services),
                  "serving": c.serving or ""} for c in counters]
            )
        self.hallChanged.emit()
        self._load_controls()

    def _console_rows(self, number: int, lang: str) -> None:
        view = console_view(self.hall, number)
        self._set_queue(queue_rows(self.hall, view.queue + view.parked), lang)
        self._serving = view.serving
        self._serving_service = (pick(self.hall.config.service(view.serving_service).name, lang)
                                 if view.serving_service else "")
        self._counter_status = view.counter.status

    def _set_queue(self, rows: tuple[QueueRow, ...], lang: str) -> None:
        config = self.hall.config
        self._queue.set_rows([
            {"number": r.number, "service": r.service,
             "serviceName": pick(config.service(r.service).name, lang), "status": r.status,
             "priority": r.priority, "category": r.category, "counter": r.counter,
             "ahead": r.ahead, "waitedMin": r.waited_min}
            for r in rows
        ])

    # ------------------------------------------------------------------ the estimate settings

    def _load_controls(self) -> None:
        """Read the estimate settings on the worker (they come from the store)."""
        overrides = self.overrides

        def run() -> tuple[bool, bool]:
            controls: ControlState = overrides.controls()
            return controls.ai_enabled, controls.visible

        def failed(exc: BaseException) -> None:
            # the switches keep what they showed; the next change of the hall tries again
            log.error("could not read the estimate settings", exc_info=exc)

        self._worker.submit(run, self._got_controls, failed)

    def _got_controls(self, result: tuple[bool, bool]) -> None:
        if result != (self._ai_on, self._estimates_visible):
            self._ai_on, self._estimates_visible = result
            self.controlsChanged.emit()

    def _session_began(self) -> None:
        super()._session_began()
        self._refresh_hall()
