"""The citizen's kiosk as QML sees it: one backend object and two list models.

:class:`KioskBackend` owns every piece of screen state (which screen, the
chosen language and accessibility modes, the service being looked at, the
ticket just issued, its printing state) and exposes it as read-only
properties with change signals; QML changes it only through slots. Store
writes, the printer and the speech device run on :class:`~ui.bridge.tasks.Worker`
pools; the hall's events arrive from any thread and are turned into an
immutable :class:`app.views.HallSnapshot` there, then handed to the GUI
thread by a queued signal, so the screen thread never waits on the store or a
device. What the home tiles, the strip and the ticket screen show is
:func:`app.views.kiosk_view` of that snapshot; this module only words it.

Signals for Python listeners: ``ticket_issued(IssuedTicket)``,
``print_finished(str state)``, ``spoken(str text)`` (an utterance was handed
to the speech device).
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, SignalInstance, Slot

from app.config import Config, pick
from app.errors import CommandRefused
from app.estimate import Estimate, EstimatorInfo
from app.events import Event
from app.service import HallService, IssuedTicket
from app.views import HallSnapshot, kiosk_view, take_snapshot
from app.wording import OPEN
from ui import floorplan, texts
from ui.bridge.models import CallListModel, CallRow, ServiceListModel, ServiceRow
from ui.bridge.tasks import TrackedTimer, Worker
from ui.qml_app import ICONS_DIR, Translations
from ui.qtcompat import emit

log = logging.getLogger(__name__)

SCREENS = ("attract", "home", "service", "ticket")


class PrintOutcomeLike(Protocol):
    ok: bool
    message: str


class PrintServiceLike(Protocol):
    """What :class:`app.printing.PrintService` offers the kiosk."""

    def print_ticket(self, issued: IssuedTicket, language: str) -> PrintOutcomeLike: ...


class SpeechLike(Protocol):
    def say(self, text: str, language: str) -> None: ...


#: called once, on the printer's worker thread; None means "this kiosk has no printer"
PrintServiceFactory = Callable[[], PrintServiceLike | None]
SpeechFactory = Callable[[], SpeechLike | None]


def _icon(name: str) -> str:
    """The service's icon if the kiosk has it, else the generic document."""
    return name if (ICONS_DIR / f"{name}.svg").is_file() else "document"


#: Qt's own type names for QML lists and maps: PySide takes them at run time, its stubs
#: know only Python types
VARIANT_LIST: Any = "QVariantList"
VARIANT_MAP: Any = "QVariantMap"


def _prop(kind: Any, attr: str, notify: Signal) -> Any:
    return Property(kind, lambda self: getattr(self, attr), notify=notify)


class KioskBackend(QObject):
    """The kiosk's state and actions for QML (see the module docstring for signals)."""

    # notifiers (camelCase: QML sees them)
    screenChanged = Signal()
    languageChanged = Signal()
    accessibilityChanged = Signal()
    clockChanged = Signal()
    serviceChanged = Signal()
    ticketChanged = Signal()
    busyChanged = Signal()
    messageChanged = Signal()
    printChanged = Signal()
    estimatorChanged = Signal()
    priorityChanged = Signal()
    panelsChanged = Signal()
    speechChanged = Signal()

    # past-tense events for Python
    ticket_issued = Signal(object)
    print_finished = Signal(str)
    spoken = Signal(str)

    _snapshot_arrived = Signal(object)

    def __init__(
        self,
        hall: HallService,
        translations: Translations | None = None,
        printing: PrintServiceFactory | None = None,
        speech: SpeechFactory | None = None,
        orientation: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall = hall
        self.config: Config = hall.config
        self._translations = translations
        self._printing_factory = printing
        self._speech_factory = speech
        self._printer: PrintServiceLike | None = None
        self._printer_made = False
        self._speaker: SpeechLike | None = None
        self._speaker_made = False

        self._portrait = (orientation or self.config.kiosk.orientation) == "portrait"
        self._screen = "home"
        self._language = self.config.hall.languages[0]
        self._large = self._contrast = self._read = self._reach = False
        self._speech_ok = speech is not None
        self._clock_text = self._date_text = ""
        self._service_code = ""
        self._service: dict[str, Any] = {}
        self._ticket: dict[str, Any] = {}
        self._issued: IssuedTicket | None = None
        self._ticket_estimate: Estimate | None = None
        self._busy = False
        self._staff_present = False
        self._message = ""
        self._print_state = ""
        self._print_for = ""
        self._estimator: dict[str, Any] = {}
        self._priority = ""
        self._about_open = False
        self._priority_open = False
        # hooks for the ID-card check-in (ui.camera): a gate that may take over the
        # ticket button (True: it did), and the function that issues
        self.before_issue: Callable[[], bool] | None = None
        self.issue_ticket: Callable[..., IssuedTicket] = hall.issue

        self.services = ServiceListModel(self)
        self.calls = CallListModel(self)

        self._issuer = Worker("issue", 1, self)
        self._printer_worker = Worker("printer", 1, self)
        self._speech_worker = Worker("speech", 1, self)

        self._idle = TrackedTimer("kiosk-idle", self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._on_idle_timeout)
        self._clock = TrackedTimer("kiosk-clock", self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._on_clock_tick)

        self._snapshot_arrived.connect(self._on_snapshot)
        self._snapshot = take_snapshot(hall)
        hall.subscribe(self._on_events)
        if translations is not None:
            translations.use(self._language)
        self._apply_snapshot(self._snapshot, language_changed=True)
        self._on_clock_tick()

    # ------------------------------------------------------------------ life cycle

    def start(self) -> None:
        """Start the clock and the idle countdown (after the window is shown)."""
        self._clock.start()
        self._restart_idle()

    def refresh(self) -> None:
        """Read the hall again (after the estimator was swapped, for one)."""
        self._on_events([])

    def shutdown(self) -> None:
        """Stop timers and workers; wait for a device call in progress to finish."""
        self.hall.unsubscribe(self._on_events)
        self._idle.stop()
        self._clock.stop()
        for worker in (self._issuer, self._printer_worker, self._speech_worker):
            worker.shutdown()
        for device in (self._printer, self._speaker):
            close = getattr(device, "close", None)
            if callable(close):
                try:
                    close()
                except Exception:
                    log.exception("closing a device failed")

    # ------------------------------------------------------------------ properties

    screen = _prop(str, "_screen", screenChanged)
    portrait = Property(bool, lambda self: self._portrait, constant=True)
    language = _prop(str, "_language", languageChanged)
    largeText = _prop(bool, "_large", accessibilityChanged)
    highContrast = _prop(bool, "_contrast", accessibilityChanged)
    readAloud = _prop(bool, "_read", accessibilityChanged)
    easyReach = _prop(bool, "_reach", accessibilityChanged)
    readAloudAvailable = _prop(bool, "_speech_ok", speechChanged)
    clockText = _prop(str, "_clock_text", clockChanged)
    dateText = _prop(str, "_date_text", clockChanged)
    service = _prop("QVariantMap", "_service", serviceChanged)
    ticket = _prop("QVariantMap", "_ticket", ticketChanged)
    busy = _prop(bool, "_busy", busyChanged)
    message = _prop(str, "_message", messageChanged)
    printState = _prop(str, "_print_state", printChanged)
    estimator = _prop("QVariantMap", "_estimator", estimatorChanged)
    priorityCategory = _prop(str, "_priority", priorityChanged)
    aboutOpen = _prop(bool, "_about_open", panelsChanged)
    priorityOpen = _prop(bool, "_priority_open", panelsChanged)

    def _hall_name(self) -> str:
        return pick(self.config.hall.name, self._language)

    hallName = Property(str, _hall_name, notify=languageChanged)

    def _languages(self) -> list[dict[str, str]]:
        return [{"code": c, "label": texts.NATIVE_NAMES.get(c, c)}
                for c in self.config.hall.languages]

    languages = Property(VARIANT_LIST, _languages, constant=True)

    def _categories(self) -> list[dict[str, str]]:
        return [{"code": c.code, "name": pick(c.name, self._language)}
                for c in self.config.queue.priority_categories]

    categories = Property(VARIANT_LIST, _categories, notify=languageChanged)

    def _priority_name(self) -> str:
        for c in self.config.queue.priority_categories:
            if c.code == self._priority:
                return pick(c.name, self._language)
        return ""

    priorityName = Property(str, _priority_name, notify=priorityChanged)

    def _plan(self) -> dict[str, Any]:
        return floorplan.plan_for_qml(self.config, self._language)

    plan = Property(VARIANT_MAP, _plan, notify=languageChanged)

    def _print_message(self) -> str:
        return texts.print_text(self._print_state)

    printMessage = Property(str, _print_message, notify=printChanged)

    def _staff_note(self) -> str:
        return pick(self.config.kiosk.staff_note, self._language)

    staffNote = Property(str, _staff_note, notify=languageChanged)

    # ------------------------------------------------------------------ setters

    def _set(self, attr: str, value: Any, signal: SignalInstance) -> bool:
        if getattr(self, attr) == value:
            return False
        setattr(self, attr, value)
        emit(signal)
        return True

    def _set_screen(self, screen: str) -> None:
        if self._set("_screen", screen, self.screenChanged):
            self._restart_idle()
            self._speak_screen()

    # ------------------------------------------------------------------ slots: navigation

    @Slot()
    def wake(self) -> None:
        """The attract screen was touched."""
        self._set_screen("home")

    @Slot(str)
    def chooseService(self, code: str) -> None:
        if self._busy or self.services.row(code) is None:
            return
        self._service_code = code
        self._refresh_service()
        self._set("_message", "", self.messageChanged)
        self._set_screen("service")

    @Slot()
    def back(self) -> None:
        if self._busy:
            return
        self._set("_message", "", self.messageChanged)
        self._set_screen("home")

    @Slot()
    def done(self) -> None:
        """Leave the ticket screen; the choices stay for the next ticket of this person."""
        self._set("_priority", "", self.priorityChanged)
        self._set_screen("home")

    @Slot()
    def takeTicket(self) -> None:
        """Issue a ticket for the service on screen: once per tap sequence."""
        if self._busy or self._screen != "service" or not self._service_code:
            return
        if self.before_issue is not None and self.before_issue():
            return
        self._set("_busy", True, self.busyChanged)
        code, kiosk = self._service_code, self.config.kiosk.id
        priority = bool(self._priority)
        category = self._priority or None
        issue = self.issue_ticket
        self._issuer.submit(
            lambda: issue(code, kiosk, priority=priority, category=category),
            self._on_issued, self._on_issue_failed,
        )

    @Slot()
    def dismissMessage(self) -> None:
        self._set("_message", "", self.messageChanged)

    # ------------------------------------------------------------------ slots: choices

    @Slot(str)
    def setLanguage(self, code: str) -> None:
        if code not in self.config.hall.languages or code == self._language:
            return
        if self._translations is not None and not self._translations.use(code):
            return
        self._language = code
        self._apply_snapshot(self._snapshot, language_changed=True)
        self._speak_screen()

    @Slot()
    def toggleLargeText(self) -> None:
        self._large = not self._large
        emit(self.accessibilityChanged)

    @Slot()
    def toggleHighContrast(self) -> None:
        self._contrast = not self._contrast
        emit(self.accessibilityChanged)

    @Slot()
    def toggleEasyReach(self) -> None:
        self._reach = not self._reach
        emit(self.accessibilityChanged)

    @Slot()
    def toggleReadAloud(self) -> None:
        self._read = not self._read
        emit(self.accessibilityChanged)
        if self._read:
            self._speak_screen()

    @Slot()
    def openAbout(self) -> None:
        self._set("_about_open", True, self.panelsChanged)
        if self._read:
            self.speak(" ".join(f"{s['title']}. {s['text']}"
                                for s in self._estimator.get("sections", [])))

    @Slot()
    def closeAbout(self) -> None:
        self._set("_about_open", False, self.panelsChanged)

    @Slot()
    def openPriority(self) -> None:
        self._set("_priority_open", True, self.panelsChanged)

    @Slot()
    def closePriority(self) -> None:
        self._set("_priority_open", False, self.panelsChanged)

    @Slot(str)
    def choosePriority(self, code: str) -> None:
        if code and code not in {c.code for c in self.config.queue.priority_categories}:
            return
        self._set("_priority", code, self.priorityChanged)
        self._set("_priority_open", False, self.panelsChanged)

    @Slot(bool)
    def setStaffPresent(self, present: bool) -> None:
        """Staff opened the PIN pad or the panel: no idle reset until they leave."""
        self._staff_present = bool(present)
        self._restart_idle()

    @Slot()
    def touched(self) -> None:
        """Any press on the screen: the person is still there."""
        if self._screen != "attract":
            self._restart_idle()

    # ------------------------------------------------------------------ idle

    def idle_interval_ms(self) -> int:
        seconds = (self.config.kiosk.ticket_idle_seconds if self._screen == "ticket"
                   else self.config.kiosk.idle_seconds)
        return seconds * 1000

    def idle_timer(self) -> TrackedTimer:
        return self._idle

    def _restart_idle(self) -> None:
        if self._screen == "attract" or self._staff_present:
            self._idle.stop()
            return
        self._idle.start(self.idle_interval_ms())

    @Slot()
    def _on_idle_timeout(self) -> None:
        if self._busy:  # never in the middle of issuing
            self._restart_idle()
            return
        if self._screen == "ticket" and self._print_state in ("failed", "none"):
            # the screen is the citizen's only record: it stays until they say they noted it
            self._restart_idle()
            return
        self.reset()

    def reset(self) -> None:
        """Back to the attract screen with the default language and no special modes."""
        self._large = self._contrast = self._read = self._reach = False
        emit(self.accessibilityChanged)
        self._set("_priority", "", self.priorityChanged)
        self._set("_about_open", False, self.panelsChanged)
        self._set("_priority_open", False, self.panelsChanged)
        self._set("_message", "", self.messageChanged)
        self._service_code = ""
        self.setLanguage(self.config.hall.languages[0])
        self._set_screen("attract")

    # ------------------------------------------------------------------ clock

    @Slot()
    def _on_clock_tick(self) -> None:
        now = self.hall.now()
        self._set("_date_text", texts.date_text(now), self.clockChanged)
        self._set("_clock_text", now.strftime("%H:%M"), self.clockChanged)

    # ------------------------------------------------------------------ hall events

    def _on_events(self, events: list[Event]) -> None:
        # any thread: read the projection here, hand a frozen snapshot over
        tracked = self._issued.number if self._issued is not None else None
        emit(self._snapshot_arrived, take_snapshot(self.hall, tracked))

    @Slot(object)
    def _on_snapshot(self, snapshot: HallSnapshot) -> None:
        self._apply_snapshot(snapshot)

    def _apply_snapshot(self, snap: HallSnapshot, language_changed: bool = False) -> None:
        info_changed = language_changed or snap.info != self._snapshot.info
        self._snapshot = snap
        view = kiosk_view(snap)
        rows = []
        for tile in view.services:
            svc = self.config.service(tile.code)
            words = texts.wait_words(self._language, tile.estimate, snap.info, self.config)
            rows.append(ServiceRow(
                code=tile.code,
                name=pick(svc.name, self._language),
                icon=_icon(svc.icon),
                waiting=tile.waiting,
                waiting_text=texts.waiting_text(tile.waiting),
                wait_text=words.wait,
                estimate_kind=words.kind,
                estimate_label=words.label,
            ))
        self.services.set_rows(rows)
        self.calls.set_rows([CallRow(c.number, c.counter) for c in view.calls])
        if info_changed:
            self._estimator = self._estimator_map(snap.info)
            emit(self.estimatorChanged)
        if self._service_code:
            self._refresh_service()
        if self._issued is not None:
            t = view.ticket
            if t is not None and t.number == self._issued.number and \
                    t.status.value == "waiting":
                self._refresh_ticket(t.people_ahead, t.estimate)
            elif language_changed:
                self._refresh_ticket()
        if language_changed:
            emit(self.languageChanged)
            emit(self.printChanged)
            emit(self.priorityChanged)

    def _estimator_map(self, info: EstimatorInfo) -> dict[str, Any]:
        return {
            "ai": info.ai,
            "visible": info.visible,
            "version": info.model_version or "",
            "sections": texts.panel_sections(info, self.config, self._language),
        }

    def _refresh_service(self) -> None:
        svc = self.config.service(self._service_code)
        row = self.services.row(svc.code)
        lang = self._language
        self._service = {
            "code": svc.code,
            "name": pick(svc.name, lang),
            "description": pick(svc.description, lang) if svc.description else "",
            "documents": [pick(d, lang) for d in svc.documents],
            "onlineUrl": svc.online_url,
            "icon": _icon(svc.icon),
            "waitingText": row.waiting_text if row else "",
            "waitText": row.wait_text if row else "",
            "estimateKind": row.estimate_kind if row else "none",
            "estimateLabel": row.estimate_label if row else "",
        }
        emit(self.serviceChanged)

    # ------------------------------------------------------------------ issuing

    def _on_issued(self, issued: IssuedTicket) -> None:
        self._issued = issued
        self._ticket = {}
        self._ticket_estimate = None
        self._refresh_ticket(issued.people_ahead, issued.estimate)
        self._set("_busy", False, self.busyChanged)
        self._set("_print_state", "printing", self.printChanged)
        self._print_for = issued.number
        self._set_screen("ticket")
        emit(self.ticket_issued, issued)
        language = self._language
        self._printer_worker.submit(
            lambda: self._print(issued, language), self._on_printed, self._on_print_failed)

    def _on_issue_failed(self, exc: BaseException) -> None:
        self._set("_busy", False, self.busyChanged)
        if isinstance(exc, CommandRefused):
            log.info("ticket refused: %s (%s)", exc.code, exc.diagnostic)
            text = texts.refusal_text(exc, self.config, self._language)
        else:
            log.error("issuing a ticket failed: %r", exc)
            text = texts.failure_text()
        self._set("_message", text, self.messageChanged)
        if self._read:
            self.speak(text)

    def _refresh_ticket(self, ahead: int | None = None, estimate: Estimate | None = None) -> None:
        issued = self._issued
        if issued is None:
            return
        old = self._ticket
        if ahead is None:
            ahead = int(old.get("peopleAhead", issued.people_ahead))
        if estimate is not None:
            self._ticket_estimate = estimate
        est = self._ticket_estimate or issued.estimate
        lang = self._language
        tile = self._snapshot.service(issued.service)
        words = texts.wait_words(lang, est, self._snapshot.info, self.config, ahead,
                                 tile.serving if tile is not None else OPEN)
        svc = self.config.service(issued.service)
        counters = list(issued.counters)
        target = self._nearest_counter(counters)
        category = ""
        if issued.category:
            category = next((pick(c.name, lang) for c in self.config.queue.priority_categories
                             if c.code == issued.category), issued.category)
        self._ticket = {
            "number": issued.number,
            "service": issued.service,
            "serviceName": pick(svc.name, lang),
            "priority": issued.priority,
            "categoryName": category,
            "peopleAhead": ahead,
            "peopleAheadText": words.ahead,
            "waitText": words.wait,
            "estimateKind": words.kind,
            "estimateLabel": words.label,
            "counters": counters,
            "countersText": texts.counters_text(counters),
            "routeCounter": target or 0,
            "route": floorplan.route_for_qml(self.config, target) if target else [],
            "qrUrl": self.config.kiosk.ticket_url.replace("{token}", issued.token),
            "issuedAt": issued.issued_at.astimezone(self.config.hall.zone).strftime(
                "%H:%M %d/%m/%Y"),
        }
        emit(self.ticketChanged)

    def _nearest_counter(self, counters: list[int]) -> int | None:
        best: tuple[float, int] | None = None
        for n in counters:
            pts = floorplan.route_for_qml(self.config, n)
            if not pts:
                continue
            length = sum(math.dist((a["x"], a["y"]), (b["x"], b["y"]))
                         for a, b in itertools.pairwise(pts))
            if best is None or length < best[0]:
                best = (length, n)
        return best[1] if best else (counters[0] if counters else None)

    def issued_ticket(self) -> IssuedTicket | None:
        """The ticket last issued here (the screen audit waits on it)."""
        return self._issued

    # ------------------------------------------------------------------ printing

    def _print(self, issued: IssuedTicket, language: str) -> str:
        # runs on the printer worker: the device is opened there, once
        if not self._printer_made:
            self._printer_made = True
            self._printer = self._printing_factory() if self._printing_factory else None
        if self._printer is None:
            return "none"
        outcome = self._printer.print_ticket(issued, language)
        if not outcome.ok:
            log.warning("ticket %s not printed: %s", issued.number, outcome.message)
        return "done" if outcome.ok else "failed"

    def _on_printed(self, state: str) -> None:
        self._finish_print(state)

    def _on_print_failed(self, exc: BaseException) -> None:
        log.error("printing failed: %r", exc)
        self._finish_print("failed")

    def _finish_print(self, state: str) -> None:
        if self._issued is None or self._print_for != self._issued.number:
            return
        self._set("_print_state", state, self.printChanged)
        emit(self.print_finished, state)
        if self._read and self._screen == "ticket" and state != "done":
            self.speak(texts.print_text(state))

    # ------------------------------------------------------------------ read aloud

    def speak(self, text: str) -> None:
        """Say ``text`` in the current language on the speech worker (latest wins)."""
        if not text or self._speech_factory is None:
            return
        language = self._language
        emit(self.spoken, text)
        self._speech_worker.submit(
            lambda: self._say(text, language), None, self._on_speech_failed, drop_queued=True)

    def _say(self, text: str, language: str) -> None:
        if not self._speaker_made:
            self._speaker_made = True
            self._speaker = self._speech_factory() if self._speech_factory else None
        if self._speaker is None:
            raise RuntimeError("no speech device")
        self._speaker.say(text, language)

    def _on_speech_failed(self, exc: BaseException) -> None:
        log.warning("read aloud failed: %r", exc)
        if self._speaker is None:
            self._set("_speech_ok", False, self.speechChanged)

    def _speak_screen(self) -> None:
        if self._read:
            self.speak(self.screen_text())

    def screen_text(self) -> str:
        """What read-aloud says for the screen now."""
        hall = self._hall_name()
        if self._screen == "attract":
            return f"{hall}. " + QCoreApplication.translate(
                "Kiosk", "Touch the screen to take a ticket.")
        if self._screen == "home":
            names = ", ".join(pick(s.name, self._language) for s in self.config.services)
            return f"{hall}. " + QCoreApplication.translate(
                "Kiosk", "Choose a service:") + f" {names}."
        if self._screen == "service":
            s = self._service
            parts = [f"{s.get('name', '')}.", s.get("description", "")]
            if s.get("documents"):
                parts.append(QCoreApplication.translate("Kiosk", "Documents to bring:") + " "
                             + "; ".join(s["documents"]) + ".")
            parts.append(QCoreApplication.translate(
                "Kiosk", "Press “Take a ticket” at the bottom of the screen."))
            return " ".join(p for p in parts if p)
        t = self._ticket
        spelled = " ".join(t.get("number", ""))
        parts = [QCoreApplication.translate("Kiosk", "Your number is %1.").replace("%1", spelled),
                 f"{t.get('peopleAheadText', '')}."]
        if t.get("waitText"):
            parts.append(QCoreApplication.translate(
                "Kiosk", "Estimated wait: %1.").replace("%1", t["waitText"]))
        parts.append(f"{t.get('countersText', '')}.")
        return " ".join(parts)
