"""The store's failures said plainly: a full disk, a busy store, a reader beside a writer."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from app.cli import main
from app.errors import DiskFullError, StoreError
from app.events import Event
from app.store.sqlite import SQLiteStore, store_error
from tests.helpers.cli import config_file

TS = datetime.fromisoformat("2026-04-13T09:00:00+07:00")


def _event(n: int, pad: int = 0) -> Event:
    detail = f"test incident {n} " + "x" * pad
    return Event("incident", TS, "kiosk-1", {"source": "test", "code": "test", "detail": detail})


@pytest.fixture
def small_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every SQLite store this test opens has no room beyond the pages it has now.

    ``max_page_count`` makes SQLite fail exactly as on a full disk (SQLITE_FULL,
    "database or disk is full"), without filling a real disk.
    """
    connect = SQLiteStore._connect

    def full(self: SQLiteStore) -> sqlite3.Connection:
        conn = connect(self)
        made = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'events'").fetchone()
        if made:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(SQLiteStore, "_connect", full)


def test_a_full_disk_says_so_and_stores_nothing(tmp_path: Path, small_disk: None) -> None:
    db = tmp_path / "s.db"
    SQLiteStore(db).close()  # made before the disk "fills"
    store = SQLiteStore(db)
    try:
        with pytest.raises(DiskFullError) as exc:
            store.append_all([_event(i, 150) for i in range(400)])
        assert "disk that holds the ticket store is full" in exc.value.message
        assert "nothing was saved" in exc.value.message
        assert "motcua purge" in exc.value.message and str(tmp_path) in exc.value.message
        assert "cannot rollback" not in exc.value.diagnostic
        assert store.head() == 0
        # the store is still usable once there is room again
        store._conn.execute("PRAGMA max_page_count = 1000000")
        assert len(store.append_all([_event(1)])) == 1
    finally:
        store.close()


def test_events_import_on_a_full_disk_prints_no_traceback(
    tmp_path: Path, small_disk: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.events import write_jsonl

    cfg = config_file(tmp_path)
    SQLiteStore(tmp_path / "motcua.db").close()
    log = tmp_path / "in.jsonl"
    with log.open("w", encoding="utf-8") as f:
        write_jsonl([_event(i, 150) for i in range(400)], f)
    assert main(["--config", str(cfg), "events", "import", str(log)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "motcua: The disk that holds the ticket store is full" in err


def test_error_mapping() -> None:
    path = Path("/var/lib/motcua/motcua.db")
    busy = store_error(sqlite3.OperationalError("database is locked"), path, "open")
    assert busy.message == "The ticket store is busy; please try again."
    disk = store_error(OSError(28, "No space left on device"), path, "commit")
    assert isinstance(disk, DiskFullError)
    ro = store_error(sqlite3.OperationalError("attempt to write a readonly database"), path,
                     "write")
    assert "cannot be written" in ro.message


def test_readers_open_while_a_writer_holds_a_long_transaction(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    writer = SQLiteStore(db)
    writer.append_all([_event(1)])
    try:
        with writer.transaction() as txn:
            txn.append(_event(2))
            # neither kind of open writes, so neither waits for the writer
            reader = SQLiteStore(db, busy_timeout_s=0.2, read_only=True)
            other = SQLiteStore(db, busy_timeout_s=0.2)
            assert reader.head() == 1 and reader.verify().ok
            assert other.head() == 1
            reader.close()
            other.close()
    finally:
        writer.close()


def test_audit_verify_and_doctor_read_beside_a_writer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = config_file(tmp_path)
    writer = SQLiteStore(tmp_path / "motcua.db")
    writer.append_all([_event(1)])
    try:
        with writer.transaction() as txn:
            txn.append(_event(2))
            assert main(["--config", str(cfg), "audit", "verify"]) == 0
            assert "audit trail intact: 1 records" in capsys.readouterr().out
    finally:
        writer.close()


def test_a_read_only_store_refuses_writes_and_a_missing_one_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no ticket store at .* yet; the kiosk makes it"):
        SQLiteStore(tmp_path / "none.db", read_only=True)
    assert not (tmp_path / "none.db").exists()
    SQLiteStore(tmp_path / "s.db").close()
    before = (tmp_path / "s.db").read_bytes()
    store = SQLiteStore(tmp_path / "s.db", read_only=True)
    try:
        with pytest.raises(StoreError, match="reading only"), store.transaction():
            pass
        with pytest.raises(StoreError, match="reading only"):
            store.redact([1])
    finally:
        store.close()
    # (SQLite may make the WAL's shared-memory files beside it; the store itself is untouched)
    assert (tmp_path / "s.db").read_bytes() == before


def test_not_a_store(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    sqlite3.connect(db).execute("CREATE TABLE x (y)").connection.close()
    with pytest.raises(StoreError) as exc:
        SQLiteStore(db, read_only=True)
    assert "not a motcua store" in exc.value.diagnostic


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_a_read_only_copy_is_read(tmp_path: Path) -> None:
    src = SQLiteStore(tmp_path / "s.db")
    src.append_all([_event(1), _event(2)])
    src.close()
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(tmp_path / "s.db", copy / "s.db")
    (copy / "s.db").chmod(0o444)
    copy.chmod(0o555)
    try:
        store = SQLiteStore(copy / "s.db", read_only=True)
        assert store.head() == 2 and store.verify().ok
        store.close()
    finally:
        copy.chmod(0o755)
