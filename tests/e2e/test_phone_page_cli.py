"""``motcua web`` as its own process: uvicorn serves the page from the kiosk's store file."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Config, load_config
from app.service import HallService
from app.store.sqlite import SQLiteStore

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
#: guards against a hung process, not speed targets
START_GUARD_S = 30
STOP_GUARD_S = 15


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def hall_config(tmp_path: Path) -> Path:
    """The default configuration with its store in the test's folder."""
    text = (ROOT / "config" / "default.toml").read_text(encoding="utf-8")
    text, n = re.subn(
        r'(?m)^url = "sqlite:///[^"]*"$', f'url = "sqlite:///{tmp_path / "hall.db"}"', text
    )
    assert n == 1
    path = tmp_path / "motcua.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def web_process(hall_config: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    port = free_port()
    log = (tmp_path / "web.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--config", str(hall_config), "web", "--port", str(port)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + START_GUARD_S
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("motcua web did not start:\n" + (tmp_path / "web.log").read_text())
            time.sleep(0.05)
    yield proc, port
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    log.close()


def get(port: int, path: str) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode("utf-8")
    finally:
        conn.close()


def test_motcua_web_serves_the_kiosk_store_and_stops_cleanly(
    web_process: tuple[subprocess.Popen[str], int], hall_config: Path, tmp_path: Path
) -> None:
    proc, port = web_process
    config: Config = load_config(hall_config)
    store = SQLiteStore(tmp_path / "hall.db")
    try:
        kiosk = HallService(config, store)
        ticket = kiosk.issue("A", "kiosk-1")

        status, headers, body = get(port, "/healthz")
        assert status == 200
        health = json.loads(body)
        assert health["store"] == "reachable" and health["watching"] is True
        assert health["head"] == store.head()
        assert "server" not in headers

        status, _, body = get(port, f"/t/{ticket.token}")
        assert status == 200 and ticket.number in body

        # an open live connection must not hold up the stop
        live = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        live.request("GET", f"/t/{ticket.token}/live")
        assert live.getresponse().status == 200

        proc.send_signal(signal.SIGTERM)
        # uvicorn shuts down cleanly, then lets the signal end the process as usual
        assert proc.wait(timeout=STOP_GUARD_S) in (0, -signal.SIGTERM)
        live.close()
    finally:
        store.close()
    log = (tmp_path / "web.log").read_text()
    assert ticket.token not in log, "the access log must not carry ticket links"
    assert "/t/…" in log
    assert "Application shutdown complete" in log
