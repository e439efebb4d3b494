"""The citizen's kiosk window: ``motcua`` (or ``motcua kiosk``) opens it.

:class:`KioskWindow` joins a :class:`~app.service.HallService`, the backend
objects of :mod:`ui.bridge.kiosk` and ``qml/Main.qml``; tests and the
benchmark build it directly with fakes. :func:`run_kiosk` is the entry point
the command line calls.

Other features put their own items inside the kiosk window through
:meth:`KioskWindow.install_overlay` (slots: ``overlayLayer`` (an Item),
``cameraSignSlot``, ``dimSlot``, ``staffEntrySlot`` (Loaders)).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QUrl
from PySide6.QtQml import QQmlComponent
from PySide6.QtQuick import QQuickItem, QQuickWindow

from app.clock import Clock
from app.config import Config
from app.estimate import Estimator
from app.service import HallService
from app.store.base import Store
from ui.bridge.kiosk import KioskBackend, PrintServiceFactory, SpeechFactory
from ui.bridge.tasks import HallWatcher, Worker
from ui.qml_app import QML_DIR, QmlWindow, ensure_app, exec_until_quit
from ui.qr import PROVIDER_ID, QrImageProvider

if TYPE_CHECKING:
    from app.cli import Context

log = logging.getLogger(__name__)

MAIN_QML = QML_DIR / "Main.qml"
SLOTS = ("overlayLayer", "cameraSignSlot", "dimSlot", "staffEntrySlot")


def default_printing(config: Config, hall: HallService) -> PrintServiceFactory:
    """Opens the configured printer and its print service (called on the printer worker)."""

    def factory() -> Any:
        from app.printing import PrintService  # type: ignore[attr-defined,unused-ignore]
        from devices.factory import make_printer

        printer = make_printer(config.devices.printer, Path(config.base_dir or "."))
        if printer is None:
            return None
        return PrintService(hall, printer)

    return factory


def default_speech(config: Config) -> SpeechFactory:
    def factory() -> Any:
        from devices.factory import make_speech

        return make_speech(config.devices.speech, Path(config.base_dir or "."))

    return factory


class _ActivityFilter(QObject):
    """Tells the backend about every press, so the idle countdown restarts."""

    _PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)

    def __init__(self, backend: KioskBackend) -> None:
        super().__init__(backend)
        self._backend = backend

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._PRESSES:
            self._backend.touched()
        return False


class KioskWindow:
    """The kiosk: service, backend and window (a :class:`~ui.qml_app.QmlWindow`), together."""

    def __init__(
        self,
        config: Config,
        store: Store,
        clock: Clock | None = None,
        estimator: Estimator | None = None,
        printing: PrintServiceFactory | None = None,
        speech: SpeechFactory | None = None,
        orientation: str | None = None,
        watch: bool = True,
        hall: HallService | None = None,
        load_model: bool | None = None,
    ) -> None:
        self.shell = QmlWindow()
        self.app = self.shell.app
        self.config = config
        self.hall = hall or HallService(config, store, clock=clock, estimator=estimator)
        # the wait model (numpy, onnxruntime, the file's hash check) loads after the
        # first frame, on a worker; until then the plain estimate is shown, labelled so
        self._load_model = (estimator is None and hall is None
                            if load_model is None else load_model)
        self._model_worker: Worker | None = None
        # the slots' Python wrappers live as long as the window: when a parent's wrapper
        # goes, PySide invalidates the wrappers of the children it was given
        self._holders: dict[str, QQuickItem] = {}
        self.translations = self.shell.translations
        self.engine = self.shell.engine
        self.engine.addImageProvider(PROVIDER_ID, QrImageProvider())
        self.backend = KioskBackend(
            self.hall, self.translations, printing=printing, speech=speech,
            orientation=orientation,
        )
        self.window: QQuickWindow = self.shell.load(
            MAIN_QML,
            {"backend": self.backend, "services": self.backend.services,
             "calls": self.backend.calls},
            size=self.size,
            watch=self.hall.wait_and_refresh if watch else None,
            on_show=self.backend.start,
            on_close=self._shutdown,
        )
        self._filter = _ActivityFilter(self.backend)
        self.shell.filter_events(self._filter)
        self.watcher: HallWatcher | None = self.shell.watcher
        self._warm = False
        self.window.frameSwapped.connect(self._on_first_frame)

    @property
    def size(self) -> tuple[int, int]:
        return (1080, 1920) if self.backend.portrait else (1920, 1080)

    @property
    def _closed(self) -> bool:
        return self.shell.closed

    def show(self, fullscreen: bool = False) -> None:
        self.shell.show(fullscreen)

    def load_model_later(self) -> None:
        """Load the wait model on a worker and switch the hall to it when ready."""
        if self._model_worker is not None or self._closed:
            return
        self._model_worker = Worker("model", 1, self.backend)
        config, hall = self.config, self.hall
        # imported here, not at the top: numpy and the model stay out of the first frame
        from app.wait import load_estimator

        # the loader installs the estimator as hall.estimator; the kiosk then reads it again
        self._model_worker.submit(lambda: load_estimator(config, hall), self._on_model_loaded)

    def _on_model_loaded(self, _estimator: Estimator) -> None:
        self.backend.refresh()

    def _on_first_frame(self) -> None:
        if self._warm:
            return
        self._warm = True
        self.window.frameSwapped.disconnect(self._on_first_frame)
        # what the first frame did not need is built now, before the first tap
        self.window.setProperty("warm", True)
        if self._load_model:
            self.load_model_later()

    def item(self, name: str) -> QQuickItem | None:
        """The item with this objectName (the tests' and the hooks' way in)."""
        return self.shell.item(name)

    def install_overlay(
        self, slot: str, qml_file: Path | str, properties: Mapping[str, Any] | None = None
    ) -> QObject | None:
        """Load ``qml_file`` into one of :data:`SLOTS`, with its required properties.

        For a Loader slot the file becomes the Loader's item; for
        ``overlayLayer`` it is created as a child filling the layer. Returns
        the created item, or None (with the QML errors logged) when it fails.
        """
        if slot not in SLOTS:
            raise ValueError(f"unknown slot {slot!r}; known: {', '.join(SLOTS)}")
        holder = self._holders.get(slot) or self.item(slot)
        if holder is None:
            raise RuntimeError(f"slot {slot!r} is missing from Main.qml")
        self._holders[slot] = holder
        component = QQmlComponent(self.engine, QUrl.fromLocalFile(str(qml_file)))
        if component.isError():
            for err in component.errors():
                log.error("%s", err.toString())
            return None
        props = dict(properties or {})
        created = component.createWithInitialProperties(props, self.engine.rootContext())
        if not isinstance(created, QQuickItem):
            log.error("%s did not create an Item", qml_file)
            return None
        if slot == "overlayLayer":
            created.setParentItem(holder)
        else:
            # a Loader shows its own item; an item placed as a child sits on top the same way
            created.setParentItem(holder)
            created.setProperty("width", holder.width())
            created.setProperty("height", holder.height())
        created.setParent(holder)
        return created

    def close(self) -> None:
        """Stop everything this window started, in an order that leaves nothing running."""
        self.shell.close()

    def _shutdown(self) -> None:
        # after the watcher stopped, before the QML objects go
        if not self._warm:
            self.window.frameSwapped.disconnect(self._on_first_frame)
        if self._model_worker is not None:
            self._model_worker.shutdown()
        self.backend.shutdown()


def run_kiosk(ctx: Context) -> int:
    """Open the kiosk with the context's configuration and store; returns on quit."""
    config = ctx.config
    app = ensure_app()
    hall = HallService(config, ctx.store)
    kiosk = KioskWindow(
        config, ctx.store, hall=hall,
        printing=default_printing(config, hall),
        speech=default_speech(config), load_model=True,
    )
    kiosk.show(fullscreen=config.kiosk.fullscreen)
    # the optional camera (off by default); it never stops the kiosk
    from ui.camera import install_camera

    camera = install_camera(kiosk)
    # the hidden staff entry (corner hold -> PIN pad -> staff panel)
    from ui.staff_entry import install_for_kiosk

    staff_entry = install_for_kiosk(kiosk)
    # systemd's watchdog: beats only while this (the screen) thread is responsive
    from ui.watchdog_bridge import install_watchdog

    watchdog = install_watchdog(app, window=kiosk.window)
    # a demo on a virtual screen: a picture of the kiosk every few seconds
    from ui.snapshots import install_from_environment

    snapshots = install_from_environment(kiosk.window)
    # full screen on a kiosk box: no key or gesture leaves; quitting needs a technician
    lockdown = None
    if config.kiosk.fullscreen:
        from app.staff import StaffAuth
        from ui.lockdown import install_lockdown, staff_authorizer

        lockdown = install_lockdown(
            app, staff_authorizer(StaffAuth(config, ctx.store), config.kiosk.id)
        )
    try:
        return exec_until_quit(app)
    finally:
        watchdog.stop()
        if snapshots is not None:
            snapshots.stop()
        if lockdown is not None:
            lockdown.uninstall()
        if camera is not None:
            camera.shutdown()
        staff_entry.close()
        kiosk.close()
