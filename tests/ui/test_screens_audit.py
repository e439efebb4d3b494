"""The screen audit (``motcua doctor --screens``): its checks, and the hall matrix.

The checks are tested on a small window made to break each rule once. The
matrix runs the audit over four halls (one desk, the demo, the district
example, a provincial centre with long procedure names and 30 counters) on
a sample of the mode combinations; the full audit is the command. A hall
may not gain a problem: ``screens_audit_known.json`` lists what each hall
still shows, and only shrinks (a problem fixed must be taken off it).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from app.config import load_config
from tests.conftest import ROOT
from ui import audit
from ui.qml_app import ensure_app, make_engine

HALLS = {
    "one-desk": ROOT / "config" / "examples" / "one-desk.toml",
    "demo": ROOT / "config" / "default.toml",
    "district": ROOT / "config" / "examples" / "district-hall.toml",
    "provincial": ROOT / "config" / "examples" / "provincial-centre.toml",
}
KNOWN = Path(__file__).with_name("screens_audit_known.json")

BROKEN_QML = b"""
import QtQuick
import QtQuick.Controls.Basic
import Motcua
Window {
    width: 800; height: 600; visible: true
    KText { objectName: "elided"; x: 10; y: 10; width: 120
            text: "a long sentence that will not fit"
            wrapMode: Text.NoWrap; elide: Text.ElideRight }
    KText { objectName: "tiny"; x: 10; y: 100; text: "small"; font.pixelSize: 20 }
    KText { objectName: "first"; x: 300; y: 100; text: "overlapping" }
    KText { objectName: "second"; x: 320; y: 105; text: "overlapping" }
    KButton { objectName: "smallButton"; x: 10; y: 150; width: 60; height: 60; text: "x" }
    KButton { objectName: "offWindow"; x: 700; y: 500; width: 200; height: 120; text: "out" }
    KText { objectName: "secondaryOk"; x: 10; y: 400; text: "fine"; font.pixelSize: 30
            textRole: "secondary" }
}
"""


@pytest.fixture
def broken(tmp_path: Path) -> Iterator[QQuickWindow]:
    ensure_app()
    qml = tmp_path / "Broken.qml"
    qml.write_bytes(BROKEN_QML)
    engine: QQmlApplicationEngine = make_engine()
    engine.load(QUrl.fromLocalFile(str(qml)))
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow)
    window.grabWindow()
    yield window
    window.close()
    window.deleteLater()
    engine.deleteLater()
    QCoreApplication.processEvents()


def test_each_check_finds_its_defect(broken: QQuickWindow) -> None:
    found = audit.check_window(broken, easy_reach=True)
    by_item: dict[str, list[str]] = {}
    for item, problem in found:
        by_item.setdefault(item, []).append(problem)
    assert "text elided or cut short" in by_item["elided"]
    assert "body text 20 px, under 36 px" in by_item["tiny"]
    assert any(p.startswith("text overlaps text second") for p in by_item["first"])
    assert "touch target 60×60 px, under 96 px" in by_item["smallButton"]
    assert "control outside the window" in by_item["offWindow"]
    assert "control above the reach zone" in by_item["smallButton"]
    assert "secondaryOk" not in by_item


def test_mode_combinations_cover_every_mode() -> None:
    assert len(audit.MODES) == 8
    seen = set()
    for i in range(8):
        seen.update(audit._combos("sample", i))
    assert seen == set(audit.MODES)
    assert audit._combos("all", 0) == list(audit.MODES)
    assert {m for i in range(7) for m in audit._combos("light", i)} == set(audit.MODES)


def _key(p: audit.Problem) -> str:
    return f"{p.screen} | {p.item} | {p.problem}"


@pytest.mark.slow
@pytest.mark.parametrize("hall", list(HALLS))
def test_hall_matrix(hall: str, output_dir: Path) -> None:
    config = load_config(HALLS[hall])
    report = audit.audit(config, output_dir, sample="light")
    kiosk_states = 2 + 1 + len(config.services) * 5 + 3 + 2
    assert report.screens >= kiosk_states * 2 * len(config.hall.languages)
    assert len(report.images) == report.screens
    found = sorted({_key(p) for p in report.problems})
    if os.environ.get("MOTCUA_AUDIT_BASELINE"):
        known_all = json.loads(KNOWN.read_text()) if KNOWN.exists() else {}
        known_all[hall] = found
        KNOWN.write_text(json.dumps(known_all, ensure_ascii=False, indent=1) + "\n")
        return
    known = set(json.loads(KNOWN.read_text()).get(hall, [])) if KNOWN.exists() else set()
    new = [k for k in found if k not in known]
    assert not new, f"{hall}: {len(new)} new screen problems:\n" + "\n".join(new[:40])
    gone = sorted(known - set(found))
    assert not gone, (f"{hall}: fixed, take off {KNOWN.name}:\n" + "\n".join(gone[:40]))


def test_a_long_service_page_in_portrait_settles() -> None:
    """The provincial centre's long procedures, portrait, coming from the home screen.

    The details' width once followed its scroll bar: the text re-wrapped, the
    height changed, the bar flipped, and the kiosk spun in layout for ever."""
    config = load_config(HALLS["provincial"])
    report = audit.audit(config, None, sample="light", only=["home", "service"],
                         orientations=("portrait",))
    services = len(config.services)
    assert report.screens >= (1 + services) * 2 * len(config.hall.languages)
