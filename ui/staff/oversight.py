"""What a supervisor reads and a technician tests: the day's report, the audit trail, today.

Each is read on the worker, role check included (the check may record the end
of a session that ran out), and shown when it arrives: the report's text,
today's staff actions by staff number, ticket, action and time, the energy
saved by dimming and the citizens' answers on the estimates, the printer's
state, and the device tests (a test ticket, a spoken call).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, Slot

from app.config import pick
from app.events import Event
from app.report import AuditFilter, audit_entries, build_report, day_bounds, report_text
from ui.staff.base import StaffBase
from ui.staff.texts import field_label, value_text
from ui.staff_models import RowListModel

AUDIT_ROLES = ("seq", "time", "actor", "role", "kind", "subject", "reason", "change")

#: today's energy saved (minutes dimmed, Wh; None without a camera) and answers (right, wrong)
Today = tuple[tuple[int, float] | None, tuple[int, int]]


class OversightPart(StaffBase):
    """The report, the audit trail, today's figures and the device tests."""

    _audit: RowListModel
    _report_text: str
    _printer_text: str
    _energy_text: str
    _feedback_text: str
    _printer_status_fn: Callable[[], str] | None
    _test_ticket_fn: Callable[[], object] | None
    _speech_test_fn: Callable[[], object] | None

    def _init_oversight(self, printer_status: Callable[[], str] | None,
                        test_ticket: Callable[[], object] | None,
                        speech_test: Callable[[], object] | None) -> None:
        self._report_text = ""
        self._printer_text = ""
        self._energy_text = ""
        self._feedback_text = ""
        self._printer_status_fn = printer_status
        self._test_ticket_fn = test_ticket
        self._speech_test_fn = speech_test

    # ------------------------------------------------------------------ properties

    def _get_report(self) -> str:
        return self._report_text

    reportText = Property(str, _get_report, notify=StaffBase.reportChanged)

    def _get_printer_text(self) -> str:
        return self._printer_text

    printerText = Property(str, _get_printer_text, notify=StaffBase.devicesChanged)

    def _get_energy_text(self) -> str:
        return self._energy_text

    #: how long the screen was dimmed today and the energy saved (empty without a camera)
    energyText = Property(str, _get_energy_text, notify=StaffBase.devicesChanged)

    def _get_feedback_text(self) -> str:
        return self._feedback_text

    #: what citizens said of the wait estimates today (from their phones)
    feedbackText = Property(str, _get_feedback_text, notify=StaffBase.devicesChanged)

    # ------------------------------------------------------------------ the report and the audit

    def _checked(self, action: str, fn: Callable[[], Any]) -> Callable[[], Any]:
        """``fn`` run after the role check, both on the worker."""
        session, auth = self.session, self.auth

        def run() -> Any:
            auth.require(session, action)
            return fn()

        return run

    @Slot()
    def loadReport(self) -> None:
        self.touch()
        hall = self.hall
        config = hall.config
        day = hall.state.business_day(hall.now())
        start, end = day_bounds(config, day)

        def run() -> str:
            rep = build_report(config, hall.store.read_between(start, end), day)
            return report_text(rep, pick(config.hall.name, "vi"))

        def done(text: str) -> None:
            self._report_text = text
            self.reportChanged.emit()

        self._worker.submit(self._checked("report", run), done, self._error)

    @Slot(str, str, str, str)
    def loadAudit(self, staff: str, ticket: str, action: str, since: str = "") -> None:
        """Today's staff actions by staff number, ticket, action and from a time (HH:MM)."""
        self.touch()
        hall = self.hall
        config = hall.config
        day = hall.state.business_day(hall.now())
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
            return audit_entries(hall.store.read_between(start, end), flt, limit=200)

        def done(events: list[Event]) -> None:
            self._audit.set_rows([self._audit_row(e) for e in events])

        self._worker.submit(self._checked("audit_view", run), done, self._error)

    def _audit_row(self, e: Event) -> dict[str, Any]:
        before, after = e.get("before"), e.get("after")
        change = ""
        if isinstance(before, dict) and isinstance(after, dict):
            change = "; ".join(
                f"{field_label(k)}: {value_text(before.get(k))} → {value_text(v)}"
                for k, v in after.items()
                if before.get(k) != v
            )
        subject = (e.get("ticket") or e.get("counter") or e.get("staff") or e.get("service")
                   or "")
        return {
            "seq": e.seq or 0,
            "time": e.ts.astimezone(self.hall.config.hall.zone).strftime("%H:%M:%S"),
            "actor": e.actor or "",
            "role": str(e.get("role") or ""),
            "kind": e.kind,
            "subject": str(subject),
            "reason": str(e.get("reason") or ""),
            "change": change,
        }

    # ------------------------------------------------------------------ today

    @Slot()
    def refreshToday(self) -> None:
        """Today's energy saved by dimming and the citizens' answers on estimates."""
        hall = self.hall

        def run() -> Today:
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

        self._worker.submit(run, self._show_today, self._error)

    def _show_today(self, result: Today) -> None:
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

    # ------------------------------------------------------------------ devices

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
        if fn is None:
            if self.session is not None and self.session.can(action):
                self._set_message(
                    QCoreApplication.translate("Staff", "This screen has no such device."),
                    ok=False,
                )
                return
            fn = _nothing
        self._worker.submit(self._checked(action, fn), lambda _r: self._set_message(ok),
                            self._error)

    # ------------------------------------------------------------------ the session's hooks

    def _session_began(self) -> None:
        super()._session_began()
        self.refreshToday()

    def _session_closed(self) -> None:
        super()._session_closed()
        self._report_text = ""
        self._audit.set_rows([])


def _nothing() -> None:
    """No device here: the role check alone runs, to refuse with its reason."""
