"""Qt Quick set-up shared by every window of the product.

One place decides how a QML window is born: the offscreen/software defaults
for tests and benchmarks, the bundled font (so a box without fonts still shows
every Vietnamese diacritic), the translations, the QML import path that holds
the shared ``Motcua`` module (``Theme`` and the touch components), and a
helper that renders any root at a given size offscreen and saves a PNG.

:class:`QmlWindow` is the one window shell of the kiosk, the board and the
counter console: application, translations, engine, the QML root with its
required properties, its geometry (set as it loads, so overlays created
before the first show already have the real size), show or full screen, the
hall watcher, and a close that stops everything in an order that leaves
nothing running. :func:`exec_until_quit` runs the event loop of a command.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QObject,
    QSizeF,
    QTimer,
    QTranslator,
    QUrl,
)
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QImage
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow  # also makes grabWindow() available

from app.resources import font_path
from ui.bridge.tasks import HallWatcher

log = logging.getLogger(__name__)

UI_DIR = Path(__file__).resolve().parent
#: the QML import path: ``import Motcua`` finds ``Motcua/qmldir`` here
QML_DIR = UI_DIR / "qml"
I18N_DIR = UI_DIR / "i18n"
ICONS_DIR = UI_DIR / "icons"
#: the translation file prefix: ``motcua_vi.qm``, ``motcua_en.qm``, ...
TRANSLATION_PREFIX = "motcua_"

_font_family: str | None = None  # set once the bundled font is registered


def ensure_app(argv: list[str] | None = None) -> QGuiApplication:
    """The application object, created once; with the Basic controls style."""
    # the Basic style draws the same on every box and needs no platform theme
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    existing = QCoreApplication.instance()
    if existing is not None:
        if not isinstance(existing, QGuiApplication):
            raise RuntimeError("a QCoreApplication exists but the kiosk needs a GUI application")
        load_fonts()
        return existing
    app = QGuiApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("motcua")
    load_fonts()
    return app


def load_fonts() -> str:
    """Register the bundled Noto Sans and make it the application font; returns its family."""
    global _font_family
    if _font_family is not None:
        return _font_family
    family = "Noto Sans"
    for bold in (False, True):
        fid = QFontDatabase.addApplicationFont(str(font_path(bold)))
        if fid < 0:
            log.error("cannot load the bundled font %s", font_path(bold))
            continue
        families = QFontDatabase.applicationFontFamilies(fid)
        if families:
            family = families[0]
    font = QFont(family)
    font.setPixelSize(32)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    QGuiApplication.setFont(font)
    _font_family = family
    return family


class Translations:
    """Installs the translation of one language at a time and retranslates QML.

    The source strings are English; every shipped language, English included,
    has its own ``motcua_<lang>.qm`` so a missing string is a test failure, not
    a silent fallback.
    """

    def __init__(self, app: QCoreApplication, directory: Path = I18N_DIR) -> None:
        self._app = app
        self._dir = directory
        self._translator: QTranslator | None = None
        self.engine: QQmlApplicationEngine | None = None
        self.language = ""

    def available(self) -> list[str]:
        return sorted(p.stem.removeprefix(TRANSLATION_PREFIX)
                      for p in self._dir.glob(f"{TRANSLATION_PREFIX}*.qm"))

    def use(self, language: str) -> bool:
        """Switch to ``language``; False (and the previous language kept) if it has no file."""
        if language == self.language:
            return True
        translator = QTranslator(self._app)
        if not translator.load(f"{TRANSLATION_PREFIX}{language}", str(self._dir)):
            log.warning("no translation file for language %r in %s", language, self._dir)
            return False
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator.deleteLater()
        self._app.installTranslator(translator)
        self._translator = translator
        self.language = language
        QLocale.setDefault(QLocale(language))
        if self.engine is not None:
            self.engine.setUiLanguage(language)
            self.engine.retranslate()
        return True

    def close(self) -> None:
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None


def make_engine() -> QQmlApplicationEngine:
    """A QML engine that can ``import Motcua``."""
    engine = QQmlApplicationEngine()
    engine.addImportPath(str(QML_DIR))
    return engine


def load_window(
    engine: QQmlApplicationEngine,
    qml_file: Path,
    properties: Mapping[str, Any] | None = None,
) -> QQuickWindow:
    """Load a QML file whose root is a Window, with its required properties set."""
    if properties:
        engine.setInitialProperties(dict(properties))
    engine.load(QUrl.fromLocalFile(str(qml_file)))
    roots = engine.rootObjects()
    if not roots:
        raise RuntimeError(f"{qml_file} did not load (see the QML errors above)")
    window = roots[-1]
    if not isinstance(window, QQuickWindow):
        raise RuntimeError(f"{qml_file}: the root item must be a Window")
    return window


def set_window_size(window: QQuickWindow, width: int, height: int) -> None:
    """Give the window an exact geometry (the offscreen screen is 800x800 by default).

    The content item takes the size at once too: a hidden window gets no resize
    event, and items placed in it before the first show (overlays) must already
    see the real size, not 0x0.
    """
    window.setGeometry(0, 0, width, height)
    window.contentItem().setSize(QSizeF(width, height))


def render_png(
    window: QQuickWindow, path: Path | str, size: tuple[int, int] | None = None
) -> QImage:
    """Show ``window`` (at ``size`` if given), render a frame and save it as a PNG."""
    if size is not None:
        set_window_size(window, *size)
    if not window.isVisible():
        window.show()
    QCoreApplication.processEvents()
    image = window.grabWindow()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path)):
        raise OSError(f"cannot save the screenshot to {path}")
    return image


def find_item(root: QQuickItem, name: str) -> QQuickItem | None:
    """The item called ``name`` under ``root``, looking through the visual tree too.

    ``findChild`` follows QObject parents only; items a Repeater or a view
    creates hang in the visual tree, so both are searched.
    """
    found = root.findChild(QQuickItem, name)
    if isinstance(found, QQuickItem):
        return found
    stack = [root]
    while stack:
        item = stack.pop()
        if item.objectName() == name:
            return item
        stack.extend(item.childItems())
    return None


class QmlWindow:
    """One QML window's life, the same for kiosk, board and counter console.

    Built in two steps, because the backend needs the translations before
    the window can bind to it::

        shell = QmlWindow(language="vi")
        backend = Backend(hall, shell.translations)
        shell.load(QML, {"backend": backend}, size=(1920, 1080),
                   watch=hall.wait_and_refresh, on_close=backend.shutdown)
        shell.show()
        ...
        shell.close()
    """

    def __init__(self, language: str | None = None) -> None:
        self.app = ensure_app()
        self.translations = Translations(self.app)
        if language:
            self.translations.use(language)
        self.engine = make_engine()
        self.translations.engine = self.engine
        self._window: QQuickWindow | None = None
        self.size: tuple[int, int] | None = None
        self.watcher: HallWatcher | None = None
        self._on_show: list[Callable[[], None]] = []
        self._on_close: list[Callable[[], None]] = []
        self._filters: list[QObject] = []
        self._closed = False

    @property
    def window(self) -> QQuickWindow:
        if self._window is None:
            raise RuntimeError("the window is not loaded yet")
        return self._window

    def load(
        self,
        qml_file: Path,
        properties: Mapping[str, Any],
        size: tuple[int, int] | None = None,
        watch: Callable[[float], object] | None = None,
        on_show: Callable[[], None] | None = None,
        on_close: Callable[[], None] | None = None,
    ) -> QQuickWindow:
        """Load the root with its required properties and give it its geometry now.

        ``watch``: the hall's ``wait_and_refresh``, run on a watcher thread
        while the window is shown; ``on_show``/``on_close``: the backend's
        start and shutdown, called after the window is shown and after the
        watcher stopped.
        """
        window = load_window(self.engine, qml_file, properties)
        self._window = window
        self.size = size
        # the real size before anything is placed inside: overlays read it when created
        if size is not None:
            set_window_size(window, *size)
        if watch is not None:
            self.watcher = HallWatcher(watch)
        if on_show is not None:
            self._on_show.append(on_show)
        if on_close is not None:
            self._on_close.append(on_close)
        return window

    def filter_events(self, obj: QObject) -> None:
        """Install an event filter on the window, removed again on close."""
        self.window.installEventFilter(obj)
        self._filters.append(obj)

    def show(self, fullscreen: bool = False) -> None:
        window = self.window
        if self.size is not None:
            set_window_size(window, *self.size)
        if fullscreen:
            window.showFullScreen()
        else:
            window.show()
        for fn in self._on_show:
            fn()
        if self.watcher is not None and not self.watcher.isRunning():
            self.watcher.start()

    def item(self, name: str) -> QQuickItem | None:
        """The item with this objectName (the tests' and the hooks' way in)."""
        return find_item(self.window.contentItem(), name)

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Stop the watcher, then the backend, then the QML objects, then the engine."""
        if self._closed:
            return
        self._closed = True
        if self.watcher is not None:
            self.watcher.stop()
        for fn in self._on_close:
            fn()
        window = self._window
        if window is not None:
            for obj in self._filters:
                window.removeEventFilter(obj)
            window.close()
            # the QML objects go before the engine, while the backend they bind to still exists
            window.deleteLater()
        self.engine.deleteLater()
        # deferred deletes are not run by processEvents() outside an event loop
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.translations.close()


def exec_until_quit(app: QGuiApplication) -> int:
    """Run the event loop until quit; Ctrl+C in a terminal quits too."""
    # let Python see the signal between Qt events
    signal.signal(signal.SIGINT, lambda *_: QGuiApplication.quit())
    heartbeat = QTimer()
    heartbeat.start(250)
    heartbeat.timeout.connect(lambda: None)
    try:
        return int(app.exec())
    finally:
        heartbeat.stop()
