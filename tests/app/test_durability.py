"""Crashes lose nothing acknowledged; processes sharing one SQLite file never share a number."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from app.config import load_config
from app.service import HallService
from app.store.sqlite import SQLiteStore
from tests.conftest import ROOT

# A child that issues tickets as fast as it can and reports each one on stdout
# only after issue() returned, i.e. after the transaction committed.
ISSUER = """
import sys
from app.config import load_config
from app.service import HallService
from app.store.sqlite import SQLiteStore
cfg = load_config(sys.argv[2])
hall = HallService(cfg, SQLiteStore(sys.argv[1]))
services = sys.argv[3].split(",")
n = int(sys.argv[4])
i = 0
while n < 0 or i < n:
    t = hall.issue(services[i % len(services)], sys.argv[5])
    sys.stdout.write(t.number + "\\n")
    sys.stdout.flush()
    i += 1
"""


def _spawn(db: Path, services: str, n: int, kiosk: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", ISSUER, str(db), str(ROOT / "config" / "default.toml"),
         services, str(n), kiosk],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _issued(db: Path) -> list[str]:
    store = SQLiteStore(db)
    try:
        return [e.ticket for e in store.read_after(0) if e.kind == "issued"]
    finally:
        store.close()


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_ticket(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    rng = random.Random(20260413)
    reported: list[str] = []
    for _round in range(20):
        child = _spawn(db, "A,B,C", -1, "kiosk-crash")
        # wait until it is issuing, then kill it at a random moment
        first = child.stdout.readline() if child.stdout else ""
        assert first, child.stderr.read() if child.stderr else "child died"
        reported.append(first.strip())
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        # a line cut by the kill was never acknowledged in full
        lines = out.split("\n")
        reported.extend(line for line in lines[:-1] if line)
        logged = _issued(db)
        assert set(reported) <= set(logged), "an acknowledged ticket is missing after the crash"
        counts = Counter(logged)
        assert max(counts.values()) == 1, "a number was given twice"
    store = SQLiteStore(db)
    try:
        assert store.verify().ok
        # and the hall still works after all that
        before = set(_issued(db))
        hall = HallService(load_config(ROOT / "config" / "default.toml"), store)
        assert hall.issue("A", "after").number not in before
    finally:
        store.close()


@pytest.mark.slow
def test_two_processes_issuing_at_once_never_share_a_number(tmp_path: Path) -> None:
    db = tmp_path / "two.db"
    SQLiteStore(db).close()
    procs = [_spawn(db, "A,B", 150, f"kiosk-{i}") for i in range(2)]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outs.append(out.split())
    logged = _issued(db)
    assert len(logged) == 300
    assert len(set(logged)) == 300
    # each process's own numbers are in the log, and the numbering is contiguous
    assert set(outs[0]) | set(outs[1]) == set(logged)
    for prefix in "AB":
        numbers = sorted(int(n[1:]) for n in logged if n[0] == prefix)
        assert numbers == list(range(1, 151))


def test_a_second_process_sees_new_events_quickly(tmp_path: Path) -> None:
    db = tmp_path / "watch.db"
    cfg = load_config(ROOT / "config" / "default.toml")
    watcher = HallService(cfg, SQLiteStore(db))
    child = _spawn(db, "A", 1, "kiosk-other")
    child.communicate(timeout=60)
    # no polling of tables: wait() watches the file's data version
    assert watcher.wait_and_refresh(timeout=2.0)
    assert "A001" in watcher.state.tickets
