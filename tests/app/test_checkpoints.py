"""Tamper evidence that survives truncation, forged appends and whole-chain rewrites."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

import pytest

from app.cli import main
from app.clock import ManualClock
from app.config import Config
from app.events import GENESIS, Event, body_hash, link_hash
from app.report import day_report, report_text
from app.service import HallService
from app.store import open_store
from app.store.checkpoint import KEY_FILE, Signer
from app.store.sqlite import SQLiteStore
from tests.conftest import VN
from tests.helpers.cli import hall_file

pytest_plugins = ["tests.pg_cluster"]

T0 = datetime(2026, 4, 13, 9, 0, tzinfo=VN)


def _busy(config: Config, tmp_path: Path) -> str:
    """A morning's events through the real store, signed; returns the day's report code."""
    store = open_store("sqlite:///events.db", tmp_path)
    try:
        hall = HallService(config, store, ManualClock(T0))
        hall.execute("open_counter", "staff-1", counter=1)
        for _ in range(3):
            hall.issue("A", "kiosk-1")
        hall.execute("call_next", "staff-1", counter=1)
        return day_report(config, store, T0.date()).checkpoint
    finally:
        store.close()


def _raw(tmp_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(tmp_path / "events.db")
    # what an attacker with the file does first: the append-only triggers go
    conn.execute("DROP TRIGGER events_no_delete")
    conn.execute("DROP TRIGGER events_no_update")
    return conn


def _verify(cfg: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["--config", str(cfg), "audit", "verify", *extra])
    return code, capsys.readouterr().out


def test_the_key_is_made_once_private_and_outside_the_log(config: Config, tmp_path: Path) -> None:
    _busy(config, tmp_path)
    key = tmp_path / KEY_FILE
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    pem = key.read_text()
    assert Signer.load_or_create(tmp_path).key_id == Signer.load_or_create(tmp_path).key_id
    body = (tmp_path / "events.db").read_bytes()
    assert pem.encode() not in body and b"PRIVATE KEY" not in body


def test_an_intact_log_verifies_with_its_checkpoints_and_the_report_code(
    config: Config, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _busy(config, tmp_path)
    assert code.startswith("CP-")
    cfg = hall_file(tmp_path)
    rc, out = _verify(cfg, capsys, "--checkpoint", code)
    assert rc == 0, out
    assert "audit trail intact" in out and f"checkpoint {code}: matches" in out
    assert "signed checkpoints vouch for records 1-" in out
    store = SQLiteStore(tmp_path / "events.db")
    try:
        text = report_text(day_report(config, store, T0.date()))
    finally:
        store.close()
    assert f"Log checkpoint: {code}" in text


def test_truncation_is_detected(
    config: Config, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _busy(config, tmp_path)
    cfg = hall_file(tmp_path)
    conn = _raw(tmp_path)
    # cut the log back to the end of an earlier write transaction (a checkpoint's record)
    cut = conn.execute("SELECT seq FROM checkpoints ORDER BY seq DESC LIMIT 1 OFFSET 1"
                       ).fetchone()[0]
    conn.execute("DELETE FROM events WHERE seq > ?", (cut,))
    conn.commit()
    rc, out = _verify(cfg, capsys)
    assert rc == 1 and f"truncated: the log ends at record {cut}" in out
    # the attacker also removes the checkpoints that vouch for the tail: paper still knows
    conn.execute("DELETE FROM checkpoints WHERE seq > ?", (cut,))
    conn.commit()
    conn.close()
    assert _verify(cfg, capsys)[0] == 0  # the store alone can no longer tell
    rc, out = _verify(cfg, capsys, "--checkpoint", code)
    assert rc == 1 and f"truncated: the log ends at record {cut}" in out


def test_a_forged_append_with_a_recomputed_hash_is_detected(
    config: Config, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _busy(config, tmp_path)
    cfg = hall_file(tmp_path)
    conn = _raw(tmp_path)
    seq, prev = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    forged = Event("cancelled", T0, "supervisor-1",
                   {"ticket": "A002", "service": "A", "role": "supervisor", "reason": "x"})
    digest = body_hash(forged)
    conn.execute(
        "INSERT INTO events (seq, ts, ts_epoch, kind, ticket, body, body_hash, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq + 1, forged.ts.isoformat(), forged.ts.timestamp(), forged.kind, "A002",
         forged.canonical(), digest, prev, link_hash(prev, digest)),
    )
    conn.commit()
    conn.close()
    store = SQLiteStore(tmp_path / "events.db")
    try:
        assert store.verify().ok  # the chain alone is fooled
    finally:
        store.close()
    rc, out = _verify(cfg, capsys)
    assert rc == 1
    assert f"records {seq + 1}-{seq + 1} are not covered by any signed checkpoint" in out


def test_a_forged_checkpoint_is_detected(
    config: Config, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _busy(config, tmp_path)
    cfg = hall_file(tmp_path)
    other = Signer.load_or_create(tmp_path / "attacker")
    conn = _raw(tmp_path)
    seq, h = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    cp = other.sign(seq, h, T0)
    conn.execute("DELETE FROM checkpoints WHERE seq = ?", (seq,))
    conn.execute("INSERT INTO checkpoints VALUES (?, ?, ?, ?, ?)",
                 (cp.seq, cp.hash, cp.ts, cp.key, cp.sig))
    conn.commit()
    conn.close()
    rc, out = _verify(cfg, capsys)
    assert rc == 1 and "no valid signature of a trusted key" in out


def test_a_whole_chain_rewrite_is_detected(
    config: Config, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _busy(config, tmp_path)
    cfg = hall_file(tmp_path)
    conn = _raw(tmp_path)
    rows = conn.execute("SELECT seq, body FROM events ORDER BY seq").fetchall()
    conn.execute("DELETE FROM events")
    conn.execute("DELETE FROM checkpoints")
    prev = GENESIS
    for seq, body in rows:
        obj = json.loads(body)
        if obj.get("event") == "issued" and obj.get("ticket") == "A002":
            obj["priority"] = True  # the one record the attacker wanted different
        text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = hashlib.sha256(text.encode()).hexdigest()
        h = link_hash(prev, digest)
        conn.execute(
            "INSERT INTO events (seq, ts, ts_epoch, kind, ticket, body, body_hash, prev_hash,"
            " hash) VALUES (?, ?, 0, ?, NULL, ?, ?, ?, ?)",
            (seq, obj["ts"], obj["event"], text, digest, prev, h))
        prev = h
    conn.commit()
    conn.close()
    rc, out = _verify(cfg, capsys, "--checkpoint", code)
    assert rc == 1 and "rewritten: record" in out
    # a checkpoint file kept elsewhere (e.g. the hall server's table) catches it too
    saved = tmp_path / "checkpoint.json"
    signer = Signer.load_or_create(tmp_path)
    store = SQLiteStore(tmp_path / "events.db")
    try:
        n = store.head()
    finally:
        store.close()
    true_cp = signer.sign(n, "0" * 64, T0)
    saved.write_text(json.dumps(true_cp.to_json()) + "\n", encoding="utf-8")
    rc, out = _verify(cfg, capsys, "--checkpoint", str(saved))
    assert rc == 1 and "rewritten" in out


def test_a_bad_checkpoint_argument_gets_a_plain_message(
    config: Config, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _busy(config, tmp_path)
    cfg = hall_file(tmp_path)
    assert main(["--config", str(cfg), "audit", "verify", "--checkpoint", "CP-zz"]) == 1
    err = capsys.readouterr().err
    assert "neither a checkpoint code" in err and "Traceback" not in err


def test_audit_checkpoint_prints_the_newest(
    config: Config, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _busy(config, tmp_path)
    cfg = hall_file(tmp_path)
    assert main(["--config", str(cfg), "audit", "checkpoint"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == code and json.loads(lines[1])["sig"]


def test_hall_mode_signs_into_postgresql_and_the_server_clock_stamps_issues(
    config: Config, pg_url: str, tmp_path: Path
) -> None:
    os.environ["MOTCUA_DATA_DIR"] = str(tmp_path)
    try:
        store = open_store(pg_url, tmp_path)
    finally:
        del os.environ["MOTCUA_DATA_DIR"]
    try:
        # the kiosk's own clock is months off; in hall mode the server's stamps the ticket
        hall = HallService(config, store, ManualClock(T0), server_time=True)
        before = datetime.now(VN)
        issued = hall.issue("A", "kiosk-1")
        assert issued.issued_at >= before.replace(microsecond=0)
        cps = store.checkpoints()
        assert cps and cps[-1].seq == store.head()
        from app.store.checkpoint import audit

        assert audit(store, []).ok
    finally:
        store.close()
