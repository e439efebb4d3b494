"""The systemd notifications and the structured journal lines, without Qt."""

from __future__ import annotations

import io
import logging
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.watchdog import (
    Heartbeat,
    JournalFormatter,
    SystemdNotifier,
    device_fault,
    install_journal_logging,
    log_event,
    watchdog_interval,
)
from tests.helpers.fakes import RecordingNotifier


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    # a short path: Unix socket paths are limited to ~108 bytes
    path = f"/tmp/motcua-notify-{os.getpid()}-{tmp_path.name[-8:]}.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(path)
    server.settimeout(2)
    yield server, path
    server.close()
    os.unlink(path)


def test_notifications_reach_the_socket(
    notify_socket: tuple[socket.socket, str],
) -> None:
    server, path = notify_socket
    notifier = SystemdNotifier(path)
    hb = Heartbeat(notifier, timeout=30)
    hb.ready()
    hb.beat()
    hb.stopping()
    got = [server.recv(4096).decode() for _ in range(3)]
    notifier.close()
    assert got[0].startswith("READY=1\n") and f"MAINPID={os.getpid()}" in got[0]
    assert got[1] == "WATCHDOG=1"
    assert got[2].startswith("STOPPING=1\n")


def test_abstract_socket_address() -> None:
    name = f"motcua-test-{os.getpid()}"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind("\0" + name)
    server.settimeout(2)
    try:
        notifier = SystemdNotifier("@" + name)
        assert notifier.notify("WATCHDOG=1")
        assert server.recv(100) == b"WATCHDOG=1"
        notifier.close()
    finally:
        server.close()


def test_without_systemd_notifications_are_no_ops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    notifier = SystemdNotifier()
    assert not notifier.enabled
    assert notifier.notify("READY=1") is False


def test_a_vanished_manager_does_not_raise(tmp_path: Path) -> None:
    notifier = SystemdNotifier(str(tmp_path / "gone.sock"))
    assert notifier.notify("WATCHDOG=1") is False


def test_watchdog_interval_from_environment() -> None:
    assert watchdog_interval({"WATCHDOG_USEC": "30000000"}) == 30.0
    assert watchdog_interval({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}) == 30
    # another process's watchdog is not ours to feed
    assert watchdog_interval({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}) is None
    assert watchdog_interval({}) is None
    assert watchdog_interval({"WATCHDOG_USEC": "0"}) is None


def test_heartbeat_beats_at_half_the_timeout_and_stops_after_stopping() -> None:
    n = RecordingNotifier()
    hb = Heartbeat(n, timeout=20)
    assert hb.interval == 10 and hb.interval_ms == 10_000
    hb.ready()
    hb.ready()  # only once
    hb.beat()
    hb.stopping()
    hb.beat()  # a timer that fires during shutdown must not keep the unit alive
    assert [m.split("\n")[0] for m in n.messages] == ["READY=1", "WATCHDOG=1", "STOPPING=1"]
    assert hb.beats == 1


def test_heartbeat_without_watchdog_uses_the_fallback_interval(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    assert Heartbeat(RecordingNotifier(), fallback_interval=4).interval == 4


def _journal_logger() -> tuple[logging.Logger, io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JournalFormatter())
    logger = logging.getLogger("motcua.test.journal")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger, out


def test_structured_lines_for_startup_and_device_faults() -> None:
    logger, out = _journal_logger()
    log_event(logger, "startup", "kiosk starting", kiosk="kiosk-1", version="0.1.0")
    device_fault(logger, "printer", "paper_out", "the printer is out of paper", port="/dev/x")
    lines = out.getvalue().splitlines()
    assert lines[0] == (
        "<6>motcua.test.journal: event=startup level=info kiosk=kiosk-1 version=0.1.0 "
        'msg="kiosk starting"'
    )
    assert lines[1].startswith("<4>motcua.test.journal: event=device_fault level=warning ")
    assert "device=printer state=paper_out port=/dev/x" in lines[1]


def test_a_traceback_stays_on_one_line_and_quotes_are_escaped() -> None:
    logger, out = _journal_logger()
    try:
        raise ValueError('bad "thing"')
    except ValueError:
        logger.exception("camera stopped")
    text = out.getvalue()
    assert text.count("\n") == 1
    assert text.startswith("<3>") and "event=log" in text
    assert 'ValueError: bad \\"thing\\"' in text


def test_journal_logging_only_under_journald() -> None:
    root = logging.getLogger("motcua.test.root")
    root.handlers[:] = []
    assert install_journal_logging(root, {}) is False
    assert root.handlers == []
    assert install_journal_logging(root, {"JOURNAL_STREAM": "8:12345"}) is True
    assert isinstance(root.handlers[0].formatter, JournalFormatter)
    root.handlers[:] = []


def test_driver_warnings_are_device_faults() -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JournalFormatter())
    driver = logging.getLogger("devices.printer.serial_printer")
    driver.addHandler(handler)
    level = driver.level
    driver.setLevel(logging.INFO)
    try:
        driver.warning("printer not answering on %s", "/dev/motcua-printer")
        driver.info("printer port open")
    finally:
        driver.removeHandler(handler)
        driver.setLevel(level)
    fault, info = out.getvalue().splitlines()
    assert fault.startswith("<4>devices.printer.serial_printer: event=device_fault ")
    assert "device=printer" in fault
    assert "event=log" in info
