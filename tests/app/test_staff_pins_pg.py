"""Hall mode: PIN hashes in their own table that only PIN-checking roles read; the race on a server.

The SQLite side of the same promises is in ``test_staff_pins.py``.
"""

from __future__ import annotations

from datetime import datetime

import psycopg
import pytest

from app.cli import main as motcua
from app.clock import ManualClock
from app.config import Config
from app.errors import CommandRefused, StoreError
from app.events import GENESIS, body_hash, link_hash
from app.staff import StaffAuth
from app.store import pg_schema
from app.store.postgres import REFUSED, PostgresStore
from tests.app.test_staff_pins import (
    PINS,
    CountingHasher,
    _failures_before_lock,
    _guessers,
    old_staff_log,
)
from tests.conftest import VN

pytest_plugins = ["tests.pg_cluster"]
pytestmark = pytest.mark.postgres

T0 = datetime(2026, 4, 13, 9, 0, tzinfo=VN)


def _role(owner_url: str, name: str, **kw: bool) -> str:
    with psycopg.connect(owner_url, autocommit=True) as conn:
        pg_schema.create_role(conn, name, f"{name}-password-1", **kw)
    return owner_url.replace("motcua@", f"{name}:{name}-password-1@")


def test_create_role_with_pins_says_so(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert motcua(["store", "migrate", "--url", pg_url]) == 0
    name = f"pinkiosk_{pg_url.rsplit('_', 1)[-1]}"
    assert motcua(["store", "create-role", name, "--url", pg_url, "--pins"]) == 0
    assert "read and append events and check staff PINs" in capsys.readouterr().out
    with psycopg.connect(pg_url) as conn:
        grants = {r[0] for r in conn.execute(
            "SELECT privilege_type FROM information_schema.role_table_grants"
            " WHERE table_name = 'staff_pins' AND grantee = %s", (name,)).fetchall()}
    assert grants == {"SELECT", "INSERT"}
    with pytest.raises(SystemExit):
        motcua(["store", "create-role", "x", "--url", pg_url, "--pins", "--read-only"])


def _accounts(config: Config, store: PostgresStore, clock: ManualClock) -> StaffAuth:
    auth = StaffAuth(config, store, clock, hasher=CountingHasher())
    auth.add("cli", "101", "Nguyễn Văn An", "staff", PINS["101"])
    auth.add("cli", "201", "Trần Thị Bình", "supervisor", PINS["201"])
    return auth


def test_pin_hashes_stay_out_of_the_log_and_only_a_pin_role_reads_them(
    pg_url: str, config: Config, clock: ManualClock
) -> None:
    owner = PostgresStore(pg_url)
    try:
        _accounts(config, owner, clock).reset_pin("201", "101", "271828",
                                                  actor_role="supervisor", reason="new")
        assert all("pin_hash" not in e.data for e in owner.read_after(0))
        assert [r.staff for r in owner.pin_rows()] == ["101", "201", "101"]
    finally:
        owner.close()
    with psycopg.connect(pg_url) as conn:
        bodies = "".join(b for (b,) in conn.execute("SELECT body FROM events").fetchall())
    assert "argon2" not in bodies

    suffix = pg_url.rsplit("_", 1)[-1]
    kiosk = PostgresStore(_role(pg_url, f"kiosk_{suffix}", pins=True))
    try:
        auth = StaffAuth(config, kiosk, clock, hasher=CountingHasher())
        assert auth.sign_in("101", "271828", "kiosk-1").staff == "101"
        auth.add("cli", "301", "Lê Minh Châu", "technician", "550917")  # may add a PIN too
        assert auth.sign_in("301", "550917", "kiosk-1").staff == "301"
    finally:
        kiosk.close()
    for name, kw in ((f"display_{suffix}", {"read_only": True}), (f"web_{suffix}", {})):
        url = _role(pg_url, name, **kw)
        with psycopg.connect(url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT pin_hash FROM staff_pins")
        other = PostgresStore(url)
        try:
            assert other.verify().ok  # the chain is theirs to check, the PINs are not
            with pytest.raises(StoreError) as info:
                StaffAuth(config, other, clock, hasher=CountingHasher()).sign_in(
                    "101", "271828", "kiosk-1")
            assert info.value.message == REFUSED
        finally:
            other.close()


def test_eight_pads_at_once_on_the_server_get_no_more_than_the_limit_checked(
    pg_url: str, config: Config, clock: ManualClock
) -> None:
    owner = PostgresStore(pg_url)
    stores: list[PostgresStore] = []
    try:
        _accounts(config, owner, clock)

        def make(i: int) -> StaffAuth:
            s = PostgresStore(pg_url, timeout_s=30, statement_timeout_s=30)
            stores.append(s)
            return StaffAuth(config, s, clock, hasher=CountingHasher())

        answers = _guessers(8, make)
        limit = config.staff.max_failed_pins
        assert answers.count("wrong_pin") == limit
        assert answers.count("locked") == 8 * 3 - limit
        assert _failures_before_lock(owner.read_after(0), "101") == limit
    finally:
        for s in stores:
            s.close()
        owner.close()


def test_a_version_2_database_has_its_hashes_moved_out_on_migration(
    pg_url: str, config: Config, clock: ManualClock
) -> None:
    events = old_staff_log()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        with conn.transaction():
            for _version, _what, body in pg_schema.MIGRATIONS[:2]:
                conn.execute(body.encode())
            conn.execute("INSERT INTO motcua_meta VALUES ('schema_version', '2')")
            prev = GENESIS
            for seq, e in enumerate(events, 1):
                digest = body_hash(e)
                h = link_hash(prev, digest)
                conn.execute(
                    "INSERT INTO events (seq, ts, kind, ticket, body, body_hash, prev_hash, hash)"
                    " VALUES (%s, %s, %s, NULL, %s, %s, %s, %s)",
                    (seq, e.ts, e.kind, e.canonical(), digest, prev, h))
                prev = h
        # a kiosk role of version 2 (it read the PINs from the log) keeps checking them
        name = f"old_kiosk_{pg_url.rsplit('_', 1)[-1]}"
        pg_schema.create_role(conn, name, f"{name}-password-1")
        assert pg_schema.migrate(conn) == (2, pg_schema.LATEST)
        assert conn.execute("SELECT count(*) FROM events WHERE body LIKE '%argon2%'"
                            ).fetchone() == (0,)
        assert conn.execute("SELECT seq FROM staff_pins ORDER BY seq").fetchall() == [
            (1,), (2,), (3,)]
    store = PostgresStore(pg_url)
    try:
        result = store.verify()
        assert result.ok and result.checked == len(events)
        assert all("pin_hash" not in e.data for e in store.read_after(0))
    finally:
        store.close()
    kiosk = PostgresStore(pg_url.replace("motcua@", f"{name}:{name}-password-1@"))
    try:
        auth = StaffAuth(config, kiosk, clock, hasher=CountingHasher())
        assert auth.sign_in("101", PINS["101"], "kiosk-1").staff == "101"
        with pytest.raises(CommandRefused) as exc:
            auth.sign_in("101", "111222", "kiosk-1")  # the PIN before the reset
        assert exc.value.code == "wrong_pin"
    finally:
        kiosk.close()
