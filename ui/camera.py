"""The camera on the kiosk screen: camera-in-use sign, dimming, ID-card check-in.

:class:`CameraBridge` runs the Qt-free :class:`app.presence.CameraWorker` on
its own thread (never the screen thread) and hands what it finds to QML as
properties. It records each wake/dim in the log (the energy figures) and,
when the camera is missing or fails, an ``incident`` (source ``camera``) for
staff; the kiosk then carries on with the feature off.

With ``devices.camera.id_card_scan`` on, tapping "take a ticket" first opens
the ID-card prompt (:class:`app.idcard.IdCardFlow`): it says why, reads the
card's QR from the camera or from a USB scanner (which types the text and
Enter), and offers "continue without card", which always issues a ticket.

Signals: ``cameraActiveChanged``, ``dimmedChanged``, ``idCardChanged``,
``noteChanged`` (QML notifiers); ``presence_changed(str)`` (the new screen
state) and ``camera_failed(str)`` (the sentence for staff) for Python.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QEvent, QObject, Signal, Slot

from app.clock import Clock
from app.idcard import CardIssuer, FlowState, FlowView, IdCardFlow, IdHasher, load_secret
from app.ports import Camera, CameraError, CodeReader, PresenceDetector
from app.presence import (
    CameraWorker,
    PresenceChange,
    PresenceMonitor,
    ScreenState,
    make_worker,
    record_change,
)
from app.service import HallService
from ui.bridge.tasks import Worker

log = logging.getLogger(__name__)

QML_DIR = Path(__file__).resolve().parent / "qml" / "camera"


class CameraBridge(QObject):
    """The camera feature's state for QML, and its worker thread."""

    cameraActiveChanged = Signal()
    dimmedChanged = Signal()
    idCardChanged = Signal()
    noteChanged = Signal()

    presence_changed = Signal(str)
    camera_failed = Signal(str)

    _change_arrived = Signal(object)
    _failure_arrived = Signal(object)

    def __init__(
        self,
        hall: HallService,
        clock: Clock | None = None,
        camera: Camera | None = None,
        detector: PresenceDetector | None = None,
        code_reader: CodeReader | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall = hall
        self.config = hall.config
        self.kiosk = self.config.kiosk.id
        cam = self.config.devices.camera
        self.monitor = PresenceMonitor.from_config(cam, clock or hall.clock)
        self._camera, self._detector, self._code_reader = camera, detector, code_reader
        self.worker: CameraWorker | None = None
        self._active = False
        self._dimmed = False
        self._note = ""
        self._backend: Any = None
        self._pass_once = False
        self._view = FlowView()
        self.flow: IdCardFlow | None = None
        if cam.id_card_scan:
            issuer = CardIssuer(hall, IdHasher(load_secret(self.config), self.config.hall.id))
            self.flow = IdCardFlow(self.config, issuer, kiosk=self.kiosk)
        self._scans = Worker("id-card", 1, self)
        self._change_arrived.connect(self._on_change)
        self._failure_arrived.connect(self._on_failure)

    # ------------------------------------------------------------------ life cycle

    def start(self) -> bool:
        """Start the camera if the configuration turns it on; False when it stays off."""
        if self.worker is not None and self.worker.running:
            return True
        cam = self.config.devices.camera
        if cam.kind == "none" and self._camera is None:
            return False
        try:
            self.worker = make_worker(
                self.config, self.monitor, camera=self._camera, detector=self._detector,
                code_reader=self._code_reader,
                on_change=self._on_change_thread, on_code=self._on_code_thread,
                on_failure=self._on_failure_thread,
            )
        except CameraError as exc:
            self._on_failure_thread(exc)
            return False
        if self.worker is None:
            return False
        # the sign shows from the moment the camera may be looking
        self._set_active(True)
        self.worker.start()
        return True

    def shutdown(self) -> None:
        """Stop the camera thread and the scan worker."""
        if self.worker is not None:
            self.worker.stop()
            self.worker = None
        self._set_active(False)
        self._scans.shutdown()
        if self.flow is not None:
            self.flow.cancel()

    def is_running(self) -> bool:
        return self.worker is not None and self.worker.running

    # ------------------------------------------------------------------ the kiosk

    def attach(self, backend: Any) -> None:
        """Join the kiosk's backend: the ticket button passes through the ID-card flow."""
        self._backend = backend
        if self.flow is not None:
            backend.before_issue = self._gate
            flow = self.flow
            backend.issue_ticket = lambda code, kiosk, priority=False, category=None: (
                flow.issue(code, priority, category))
        backend.screenChanged.connect(self._on_screen)

    def _gate(self) -> bool:
        """Called when "take a ticket" is tapped: True when the prompt takes over."""
        if self.flow is None or self._backend is None:
            return False
        if self._pass_once:
            self._pass_once = False
            return False
        service = self._backend.property("service").get("code", "")
        if not service or not self.flow.begin(service):
            return False
        self._show(self.flow.view)
        if self.worker is not None:
            self.worker.scanning = True
        return True

    @Slot()
    def _on_screen(self) -> None:
        if self.flow is None or self._backend is None:
            return
        if self._backend.property("screen") != "service" and self.flow.view.state in (
            FlowState.EXPLAIN, FlowState.REFUSED, FlowState.ACCEPTED, FlowState.ISSUED
        ):
            self._close_flow()

    def _close_flow(self) -> None:
        if self.worker is not None:
            self.worker.scanning = False
        if self.flow is not None:
            self.flow.cancel()
            self._show(self.flow.view)

    def _take_ticket(self) -> None:
        self._pass_once = True
        if self.worker is not None:
            self.worker.scanning = False
        if self._backend is not None:
            self._backend.takeTicket()
        self._pass_once = False

    # ------------------------------------------------------------------ QML slots

    @Slot(str)
    def submitScan(self, text: str) -> None:
        """A USB QR scanner typed a line (it ends with Enter)."""
        flow = self.flow
        if flow is None or not text.strip():
            return
        self._scans.submit(lambda: flow.submit(text), self._show)

    @Slot()
    def continueWithoutCard(self) -> None:
        """Go on without the card: the ordinary ticket, at once."""
        if self.flow is not None:
            self.flow.decline()
            self._show(self.flow.view)
        self._take_ticket()

    @Slot()
    def takeWithCard(self) -> None:
        """Issue the ticket for the card that was read."""
        if self.flow is None or self.flow.view.state is not FlowState.ACCEPTED:
            return
        self._take_ticket()

    @Slot()
    def cancelIdCard(self) -> None:
        """Back to the service screen, forgetting the scan."""
        self._close_flow()

    @Slot()
    def touched(self) -> None:
        """Someone touched the screen: they are there even if the camera cannot see them."""
        self._on_change(self.monitor.touched())

    # ------------------------------------------------------------------ worker callbacks

    def _on_change_thread(self, change: PresenceChange) -> None:
        try:
            record_change(self.hall, self.kiosk, change)
        except Exception:  # the energy figures must never stop the camera
            log.exception("recording a screen change failed")
        self._change_arrived.emit(change)

    def _on_code_thread(self, text: str) -> None:
        if self.flow is None:
            return
        view = self.flow.submit(text)
        del text
        # from the camera thread: only the (card-data-free) view goes to the screen thread
        self._change_arrived.emit(view)

    def _on_failure_thread(self, exc: CameraError) -> None:
        try:
            self.hall.record("incident", self.kiosk, source="camera", code="camera_failed",
                             detail=exc.diagnostic)
        except Exception:
            log.exception("recording the camera incident failed")
        self._failure_arrived.emit(exc)

    @Slot(object)
    def _on_change(self, change: PresenceChange | FlowView | None) -> None:
        if isinstance(change, FlowView):
            self._show(change)
            return
        if change is None:
            return
        self._set_dimmed(change.state is ScreenState.DIMMED)
        if (change.state is ScreenState.AWAKE and self._backend is not None
                and self._backend.property("screen") == "attract"):
            self._backend.wake()
        self.presence_changed.emit(change.state.value)

    @Slot(object)
    def _on_failure(self, exc: CameraError) -> None:
        self._set_active(False)
        self._set_dimmed(False)
        note = f"{exc.message} The kiosk works without it; staff have been told."
        if self._note != note:
            self._note = note
            self.noteChanged.emit()
        self.camera_failed.emit(exc.message)

    # ------------------------------------------------------------------ properties

    def _set_active(self, on: bool) -> None:
        if self._active != on:
            self._active = on
            self.cameraActiveChanged.emit()

    def _set_dimmed(self, on: bool) -> None:
        if self._dimmed != on:
            self._dimmed = on
            self.dimmedChanged.emit()

    def _show(self, view: FlowView) -> None:
        if view != self._view:
            self._view = view
            self.idCardChanged.emit()

    cameraActive = Property(bool, lambda self: self._active, notify=cameraActiveChanged)
    dimmed = Property(bool, lambda self: self._dimmed, notify=dimmedChanged)
    note = Property(str, lambda self: self._note, notify=noteChanged)
    idCardEnabled = Property(bool, lambda self: self.flow is not None, constant=True)
    idCardOpen = Property(
        bool, lambda self: self._view.state in (FlowState.EXPLAIN, FlowState.REFUSED,
                                                FlowState.ACCEPTED),
        notify=idCardChanged)
    idCardState = Property(str, lambda self: self._view.state.value, notify=idCardChanged)
    idCardGreeting = Property(str, lambda self: self._view.greeting, notify=idCardChanged)
    idCardProblem = Property(str, lambda self: self._view.problem, notify=idCardChanged)
    idCardTicket = Property(str, lambda self: str(self._view.params.get("ticket", "")),
                            notify=idCardChanged)


class TouchFilter(QObject):
    """Every press on the window tells the presence monitor someone is there."""

    _PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)

    def __init__(self, bridge: CameraBridge) -> None:
        super().__init__(bridge)
        self._bridge = bridge

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._PRESSES and self._bridge.worker is not None:
            self._bridge.touched()
        return False


def install_camera(kiosk: Any) -> CameraBridge | None:
    """Add the camera to a running :class:`ui.main.KioskWindow`; None when it is off.

    Never raises: whatever goes wrong, the kiosk carries on without the camera.
    """
    cam = kiosk.config.devices.camera
    if cam.kind == "none":
        return None
    try:
        bridge = CameraBridge(kiosk.hall, parent=kiosk.backend)
        bridge.attach(kiosk.backend)
        props = {"camera": bridge}
        kiosk.install_overlay("cameraSignSlot", QML_DIR / "CameraSign.qml", props)
        kiosk.install_overlay("dimSlot", QML_DIR / "DimOverlay.qml", props)
        if bridge.flow is not None:
            kiosk.install_overlay("overlayLayer", QML_DIR / "IdCardPrompt.qml", props)
        bridge.touch_filter = TouchFilter(bridge)  # type: ignore[attr-defined]
        kiosk.window.installEventFilter(bridge.touch_filter)  # type: ignore[attr-defined]
        bridge.start()
        return bridge
    except Exception as exc:
        log.exception("the camera could not be added to the kiosk")
        try:
            kiosk.hall.record("incident", kiosk.config.kiosk.id, source="camera",
                              code="camera_failed", detail=f"{type(exc).__name__}: {exc}")
        except Exception:
            log.exception("recording the camera incident failed")
        return None
