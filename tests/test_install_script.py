"""scripts/install-kiosk.sh: shellcheck-clean, refuses unsupported boxes, dry run, real run.

The real run installs into a throwaway root (``--root``): the files land
under it, the system commands are only reported, and ``systemctl --root``
enables the unit offline. Python packages come from an already built wheel
with ``--no-deps --no-index``, so nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import load_config

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "install-kiosk.sh"

DEBIAN_13 = 'ID=debian\nVERSION_ID="13"\nPRETTY_NAME="Debian GNU/Linux 13 (trixie)"\n'


def os_release(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "os-release"
    p.write_text(text)
    return p


def run(
    tmp_path: Path,
    *args: str,
    release: str = DEBIAN_13,
    glibc: str = "2.41",
    arch: str = "aarch64",
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "MOTCUA_OS_RELEASE": str(os_release(tmp_path, release)),
        "MOTCUA_GLIBC_VERSION": glibc,
        "MOTCUA_ARCH": arch,
        "PYTHON": getattr(sys, "_base_executable", sys.executable),
    }
    return subprocess.run(
        ["bash", str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck not installed")
def test_shellcheck_clean() -> None:
    done = subprocess.run(["shellcheck", str(SCRIPT)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
    session = ROOT / "scripts" / "systemd" / "motcua-session.in"
    done = subprocess.run(
        ["shellcheck", "-s", "sh", str(session)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize(
    ("release", "glibc", "arch", "reason"),
    [
        (
            'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
            "2.36",
            "aarch64",
            "unsupported system: Debian GNU/Linux 12 (bookworm)",
        ),
        (
            'ID=ubuntu\nVERSION_ID="22.04"\nPRETTY_NAME="Ubuntu 22.04.4 LTS"\n',
            "2.35",
            "x86_64",
            "unsupported system: Ubuntu 22.04.4 LTS",
        ),
        ('ID=fedora\nVERSION_ID="40"\n', "2.39", "x86_64", "unsupported system: fedora 40"),
        (DEBIAN_13, "2.36", "aarch64", "glibc 2.36 is too old"),
        (DEBIAN_13, "2.41", "armv7l", 'unsupported CPU "armv7l"'),
    ],
)
def test_unsupported_box_is_refused_with_the_reason(
    tmp_path: Path, release: str, glibc: str, arch: str, reason: str
) -> None:
    target = tmp_path / "root"
    done = run(
        tmp_path, "--dry-run", "--root", str(target), release=release, glibc=glibc, arch=arch
    )
    assert done.returncode == 1
    assert reason in done.stderr
    assert list(target.rglob("*")) == []


@pytest.mark.parametrize(
    "release",
    [
        DEBIAN_13,
        'ID=ubuntu\nVERSION_ID="24.04"\nPRETTY_NAME="Ubuntu 24.04.1 LTS"\n',
        'ID=ubuntu\nVERSION_ID="26.04"\n',
        "ID=raspbian\nVERSION_ID=13\n",
    ],
)
def test_supported_systems_pass_the_check(tmp_path: Path, release: str) -> None:
    done = run(
        tmp_path, "--dry-run", "--root", str(tmp_path / "root"), "--no-packages", release=release
    )
    assert done.returncode == 0, done.stderr
    assert "== dry run done" in done.stdout


def test_dry_run_prints_every_step_and_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "root"
    done = run(
        tmp_path, "--dry-run", "--root", str(target), "--rotation", "90", "--printer", "0483:5743"
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for step in (
        "== checking this box",
        "== system packages",
        "would run: apt-get install",
        "== the motcua user",
        "would run: ",  # every command is shown
        "-m venv /opt/motcua/venv",
        "pip install --disable-pip-version-check --quiet " + str(ROOT),
        "would write: /etc/motcua/config.toml",
        "would create: /var/lib/motcua",
        "would write: /etc/udev/rules.d/70-motcua-printer.rules",
        "would write: /etc/udev/rules.d/71-motcua-touch.rules",
        "would write: /etc/systemd/logind.conf.d/50-motcua.conf",
        "would write: /etc/systemd/journald.conf.d/50-motcua.conf",
        "would write: /etc/sysctl.d/50-motcua.conf",
        "would write: /etc/systemd/system/motcua-kiosk.service",
        "would write: /opt/motcua/bin/motcua-session",
        "would run: systemctl enable motcua-kiosk.service",
        "== dry run done",
    ):
        assert step in out, step
    # runtime dependencies only: never the training or test extras
    assert "[train]" not in out and "[dev]" not in out
    assert list(target.rglob("*")) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rotation", "45"], "--rotation must be 0, 90, 180 or 270"),
        (["--display", "eglfs"], "--display must be cage or linuxfb"),
        (["--touch-matrix", "1 0 0"], "--touch-matrix needs six numbers"),
        (["--printer", "/dev/ttyUSB0"], "--printer must be VID:PID"),
        (["--watchdog", "2"], "--watchdog must be at least 5 seconds"),
        (["--frobnicate"], "unknown option: --frobnicate"),
    ],
)
def test_bad_options_are_named(tmp_path: Path, args: list[str], message: str) -> None:
    done = run(tmp_path, "--dry-run", *args)
    assert done.returncode != 0
    assert message in done.stderr


# --------------------------------------------------------------------------- a real run


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("wheel")
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
    yield whl


@pytest.mark.slow
def test_real_run_into_a_throwaway_root(tmp_path: Path, wheel: Path) -> None:
    target = tmp_path / "root"
    args = (
        "--root",
        str(target),
        "--no-packages",
        "--source",
        str(wheel),
        "--pip-options",
        "--no-deps --no-index",
        "--rotation",
        "270",
        "--printer",
        "ttyS0",
    )
    first = run(tmp_path, *args)
    assert first.returncode == 0, first.stderr + first.stdout
    assert "skipped (--root): udevadm control --reload" in first.stdout

    # the program is installed in its own venv
    venv = target / "opt" / "motcua" / "venv"
    assert (venv / "bin" / "motcua").exists()
    site = list(venv.glob("lib/python3*/site-packages/app/doctor.py"))
    assert site, "motcua is not installed in the kiosk's venv"

    # a valid configuration for a real kiosk: serial printer, embedded store, portrait
    cfg = load_config(target / "etc" / "motcua" / "config.toml")
    assert cfg.devices.printer.kind == "serial"
    assert cfg.devices.printer.port == "/dev/motcua-printer"
    assert cfg.store.url == "sqlite:////var/lib/motcua/motcua.db"
    assert cfg.kiosk.orientation == "portrait" and cfg.kiosk.fullscreen
    assert (target / "var" / "lib" / "motcua").is_dir()

    rules = (target / "etc" / "udev" / "rules.d" / "70-motcua-printer.rules").read_text()
    assert 'KERNEL=="ttyS0", SYMLINK+="motcua-printer"' in rules
    touch = (target / "etc" / "udev" / "rules.d" / "71-motcua-touch.rules").read_text()
    assert 'LIBINPUT_CALIBRATION_MATRIX}="0 -1 1 1 0 0"' in touch

    unit = (target / "etc" / "systemd" / "system" / "motcua-kiosk.service").read_text()
    for line in (
        "Type=notify",
        "WatchdogSec=30",
        "Restart=on-failure",
        "User=motcua",
        "TTYPath=/dev/tty1",
        "ExecStart=/opt/motcua/bin/motcua-session",
        "Environment=MOTCUA_CONFIG=/etc/motcua/config.toml",
    ):
        assert line in unit.splitlines(), line
    assert "@" not in unit.replace("getty@tty1", "")
    wants = target / "etc/systemd/system/multi-user.target.wants/motcua-kiosk.service"
    assert wants.is_symlink()
    session = (target / "opt" / "motcua" / "bin" / "motcua-session").read_text()
    assert "exec cage -d --" in session and "ROTATION=270" in session
    assert os.access(target / "opt" / "motcua" / "bin" / "motcua-session", os.X_OK)

    if shutil.which("systemd-analyze"):
        check = subprocess.run(
            ["systemd-analyze", "verify", str(target / "etc/systemd/system/motcua-kiosk.service")],
            capture_output=True,
            text=True,
            check=False,
        )
        bad = [
            line
            for line in check.stderr.splitlines()
            if "Unknown" in line or "parse" in line or "Invalid" in line
        ]
        assert bad == []

    # idempotent: the second run changes nothing
    second = run(tmp_path, *args)
    assert second.returncode == 0, second.stderr
    assert "== done: nothing to change" in second.stdout

    # an edited configuration survives a re-install
    conf = target / "etc" / "motcua" / "config.toml"
    conf.write_text(conf.read_text().replace('id = "kiosk-1"', 'id = "kiosk-7"'))
    third = run(tmp_path, *args)
    assert "keeping the existing /etc/motcua/config.toml" in third.stdout
    assert 'id = "kiosk-7"' in conf.read_text()

    # uninstall removes the program and keeps the data and the configuration
    (target / "var" / "lib" / "motcua" / "motcua.db").write_bytes(b"events")
    gone = run(tmp_path, "--root", str(target), "--uninstall")
    assert gone.returncode == 0, gone.stderr
    assert not (target / "opt" / "motcua").exists()
    assert not (target / "etc/systemd/system/motcua-kiosk.service").exists()
    assert not wants.exists()
    assert not (target / "etc/udev/rules.d/70-motcua-printer.rules").exists()
    assert (target / "var" / "lib" / "motcua" / "motcua.db").read_bytes() == b"events"
    assert 'id = "kiosk-7"' in conf.read_text()
