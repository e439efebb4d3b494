"""The wheel is what a kiosk installs: it must carry every resource the program reads.

Builds the wheel, installs it with ``--no-deps`` into a fresh venv that sees
the project venv's third-party packages (through a ``.pth`` line, so nothing
is downloaded and the checkout itself is *not* importable), then runs
``motcua doctor --simulate --json`` from the installed copy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: source-tree files that are deliberately not shipped (tools and translation sources)
NOT_SHIPPED_SUFFIXES = (".ts",)
#: the packages whose every file must be in the wheel
PACKAGES = ("app", "ui", "devices")
#: what a build or a run leaves in the tree, which is not source
NOT_SOURCE_DIRS = {"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"}
NOT_SOURCE_SUFFIXES = (".pyc", ".pyo", ".db", ".db-wal", ".db-shm", ".db.lock")


def _build_wheel(out: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            str(ROOT),
            "-w",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    [whl] = out.glob("motcua-*.whl")
    return whl


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_wheel(tmp_path_factory.mktemp("wheel"))


def _source_files() -> list[str]:
    """The package sources, read from the tree itself (a source archive has no git)."""
    files = []
    for top in PACKAGES:
        for path in (ROOT / top).rglob("*"):
            rel = path.relative_to(ROOT)
            source = not set(rel.parts) & NOT_SOURCE_DIRS
            if path.is_file() and source and not path.name.endswith(NOT_SOURCE_SUFFIXES):
                files.append(rel.as_posix())
    return sorted(files)


def test_source_listing_sees_the_resources() -> None:
    listed = _source_files()
    assert "app/resources/fonts/NotoSans-Regular.ttf" in listed
    assert "ui/qml/Main.qml" in listed
    assert not any("__pycache__" in f or f.endswith(".pyc") for f in listed)


def test_wheel_ships_every_resource_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [
        f
        for f in _source_files()
        if f not in names and not f.endswith(NOT_SHIPPED_SUFFIXES) and "/tests/" not in f
    ]
    assert missing == [], f"pyproject.toml package-data misses: {missing}"
    assert "app/resources/fonts/NotoSans-Regular.ttf" in names


@pytest.mark.slow
def test_installed_wheel_passes_doctor_simulated(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    site = Path(
        subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-c",
                "import sysconfig; print(sysconfig.get_paths()['purelib'])",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # third-party packages from the project venv; a .pth line is not scanned for further
    # .pth files, so the project's own editable install does not come along
    (site / "project-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(venv / "bin" / "python"),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import app; print(app.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert where.startswith(str(site)), where

    config = tmp_path / "kiosk.toml"
    config.write_text(
        (ROOT / "config" / "default.toml")
        .read_text(encoding="utf-8")
        .replace('url = "sqlite:///../var/motcua.db"', 'url = "sqlite:///data/motcua.db"'),
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MOTCUA_CONFIG")}
    done = subprocess.run(
        [str(venv / "bin" / "motcua"), "--config", str(config), "--simulate", "doctor", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    report = json.loads(done.stdout)
    failed = [c for c in report["checks"] if c["verdict"] == "FAIL"]
    assert failed == [] and done.returncode == 0, failed or done.stderr
    verdicts = {c["check"]: c["verdict"] for c in report["checks"]}
    assert verdicts["fonts"] == "OK"
    assert verdicts["config"] == "OK"
    assert verdicts["store"] == "OK"
