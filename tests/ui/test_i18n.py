"""Every string the kiosk shows is translated in every shipped language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ui.i18n import update
from ui.qml_app import I18N_DIR

SHIPPED = update.LANGUAGES


@pytest.mark.parametrize("language", SHIPPED)
def test_no_untranslated_string(tmp_path: Path, language: str) -> None:
    # re-extract from today's sources into a copy: a new qsTr()/translate() without
    # a translation shows up here even if nobody ran the update script
    ts = tmp_path / f"motcua_{language}.ts"
    shutil.copy(I18N_DIR / ts.name, ts)
    update.lupdate(ts)
    assert update.untranslated(ts) == []


@pytest.mark.parametrize("language", SHIPPED)
def test_compiled_translation_is_current(tmp_path: Path, language: str) -> None:
    # on content, not file times (a checkout gives every file the same time):
    # the shipped .qm is what compiling today's .ts gives
    ts = I18N_DIR / f"motcua_{language}.ts"
    qm = ts.with_suffix(".qm")
    assert qm.is_file(), f"{qm.name} missing: run python -m ui.i18n.update"
    fresh = update.lrelease(Path(shutil.copy(ts, tmp_path / ts.name)))
    assert fresh.read_bytes() == qm.read_bytes(), \
        f"{qm.name} does not match {ts.name}: run python -m ui.i18n.update"


def test_vietnamese_has_its_diacritics() -> None:
    text = (I18N_DIR / "motcua_vi.ts").read_text(encoding="utf-8")
    for word in ("Lấy số", "Quầy".lower(), "Đọc to", "Ước tính"):
        assert word in text
    # the wait's own words are the core's (app/catalogue.py), in one place only
    assert "Ước tính bởi AI" not in text


def test_every_python_file_with_texts_is_read_for_them() -> None:
    # lupdate reads a Python file only when named (a folder yields its QML alone):
    # a file of translated texts left off the list would ship its texts in English
    listed = {p.resolve() for p in update.SOURCES if p.suffix == ".py"}
    for path in update.UI.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "QCoreApplication.translate(" in text:
            assert path.resolve() in listed, f"{path.name} is not in ui.i18n.update.SOURCES"
