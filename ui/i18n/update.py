"""Refresh the translation sources and compile them: ``python -m ui.i18n.update``.

Runs ``pyside6-lupdate`` over :data:`SOURCES` into ``motcua_<lang>.ts`` for
every shipped language, fills the English file from the (English) source
strings, and compiles every ``.ts`` to ``.qm`` with ``pyside6-lrelease``.
Vietnamese (and any further language) is translated by a person, in Qt
Linguist or a text editor; ``tests/ui/test_i18n.py`` fails while a string is
left untranslated.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

I18N = Path(__file__).resolve().parent
UI = I18N.parent
#: the files whose strings the kiosk ships; other windows add theirs here
SOURCES = [
    UI / "texts.py",
    UI / "bridge" / "kiosk.py",
    UI / "qml" / "Main.qml",
    UI / "qml" / "Motcua",
    UI / "qml" / "kiosk",
    UI / "board.py",
    *sorted((UI / "staff").glob("*.py")),  # lupdate reads Python files named one by one
    UI / "qml" / "board",
    UI / "qml" / "staff",
    UI / "qml" / "camera",
    UI / "qml_app.py",
]
LANGUAGES = ("vi", "en")
SOURCE_LANGUAGE = "en"


def tool(name: str) -> str:
    """A Qt tool from the virtualenv that runs this Python, else from PATH."""
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 in this virtualenv")
    return found


def lupdate(ts: Path, no_obsolete: bool = True) -> None:
    args = [tool("pyside6-lupdate"), *map(str, SOURCES), "-extensions", "py,qml", "-ts", str(ts)]
    if no_obsolete:
        args.insert(-2, "-no-obsolete")
    subprocess.run(args, check=True, capture_output=True)


def fill_from_source(ts: Path) -> int:
    """Copy each unfinished source string into its translation (for the source language)."""
    tree = ET.parse(ts)
    filled = 0
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        tr = message.find("translation")
        if tr is None or tr.get("type") != "unfinished":
            continue
        if message.get("numerus") == "yes":
            for form in tr.findall("numerusform"):
                tr.remove(form)
            for _ in range(2):
                ET.SubElement(tr, "numerusform").text = source
        else:
            tr.text = source
        del tr.attrib["type"]
        filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def untranslated(ts: Path) -> list[str]:
    """Source strings of ``ts`` with no finished translation."""
    missing = []
    for message in ET.parse(ts).iter("message"):
        tr = message.find("translation")
        source = message.findtext("source") or ""
        if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete"):
            if tr is None or tr.get("type") == "unfinished":
                missing.append(source)
            continue
        texts = [f.text for f in tr.findall("numerusform")] or [tr.text]
        if not all(t and t.strip() for t in texts):
            missing.append(source)
    return missing


def lrelease(ts: Path) -> Path:
    qm = ts.with_suffix(".qm")
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True,
                   capture_output=True)
    return qm


def main() -> int:
    status = 0
    for lang in LANGUAGES:
        ts = I18N / f"motcua_{lang}.ts"
        lupdate(ts)
        if lang == SOURCE_LANGUAGE:
            fill_from_source(ts)
        missing = untranslated(ts)
        if missing:
            status = 1
            print(f"{ts.name}: {len(missing)} untranslated:", *missing, sep="\n  ")
        lrelease(ts)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
