"""Qt Quick set-up shared by every window of the product.

One place decides how a QML window is born: the offscreen/software defaults
for tests and benchmarks, the bundled font (so a box without fonts still shows
every Vietnamese diacritic), the translations, the QML import path that holds
the shared ``Motcua`` module (``Theme`` and the touch components), and a
helper that renders any root at a given size offscreen and saves a PNG.

Other windows (board, counter console) reuse :func:`ensure_app`,
:class:`Translations`, :func:`make_engine`, :func:`load_window` and
:func:`render_png`.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator, QUrl
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QImage
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow  # also makes grabWindow() available on roots

from app.resources import font_path

log = logging.getLogger(__name__)

UI_DIR = Path(__file__).resolve().parent
#: the QML import path: ``import Motcua`` finds ``Motcua/qmldir`` here
QML_DIR = UI_DIR / "qml"
I18N_DIR = UI_DIR / "i18n"
ICONS_DIR = UI_DIR / "icons"
#: the translation file prefix: ``motcua_vi.qm``, ``motcua_en.qm``, ...
TRANSLATION_PREFIX = "motcua_"

_font_family: str | None = None


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
    """Give the window an exact geometry (the offscreen screen is 800x800 by default)."""
    window.setGeometry(0, 0, width, height)


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


def font_family() -> str:
    return _font_family or load_fonts()
