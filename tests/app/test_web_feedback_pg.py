"""Hall mode: the phone page's answer needs a role that may append; a read-only one degrades.

What docs/hall-mode.md promises for ``motcua web``: with a role made by
``create-role`` (read, append) the answer is one event; with a ``--read-only``
role every page still works and the answer is refused plainly.
"""

from __future__ import annotations

from datetime import datetime

import psycopg
import pytest
from starlette.testclient import TestClient

from app.clock import ManualClock
from app.service import HallService
from app.store import pg_schema
from app.store.postgres import PostgresStore
from app.web.server import create_app
from tests import hall_workers
from tests.conftest import VN

pytest_plugins = ["tests.pg_cluster"]
pytestmark = pytest.mark.postgres

FORM = {"content-type": "application/x-www-form-urlencoded", "accept-language": "en"}


def role_url(owner_url: str, name: str, read_only: bool) -> str:
    with psycopg.connect(owner_url, autocommit=True) as conn:
        pg_schema.create_role(conn, name, f"{name}-password-1", read_only=read_only)
    return owner_url.replace("motcua@", f"{name}:{name}-password-1@")


def test_the_web_role_appends_the_answer_and_a_read_only_role_degrades(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        pg_schema.migrate(conn)
    suffix = pg_url.rsplit("_", 1)[-1]
    clock = ManualClock(datetime(2026, 4, 13, 9, 0, tzinfo=VN))
    config = hall_workers.hall_config()
    kiosk_store = PostgresStore(pg_url)
    web_store = PostgresStore(role_url(pg_url, f"web_{suffix}", read_only=False))
    board_store = PostgresStore(role_url(pg_url, f"board_{suffix}", read_only=True))
    try:
        hall = HallService(config, kiosk_store, clock)
        first = hall.issue("A", "kiosk-1")
        second = hall.issue("A", "kiosk-1")
        hall.execute("open_counter", "staff-1", counter=2)
        hall.execute("call_next", "staff-1", counter=2)
        hall.execute("call_next", "staff-1", counter=2, finish_current=True)

        for store, ticket, expected in (
            (board_store, first, 503),
            (web_store, second, 303),
        ):
            app = create_app(config, store, clock)
            web = TestClient(app, follow_redirects=False)
            check = app.state.form_check.make(ticket.token)
            r = web.post(
                f"/t/{ticket.token}/feedback?lang=en",
                content=f"check={check}&right=no".encode(),
                headers=FORM,
            )
            assert r.status_code == expected
            assert web.get(f"/t/{ticket.token}").status_code == 200
            app.state.live.stop()

        answers = [e for e in kiosk_store.read_after(0) if e.kind == "estimate_feedback"]
        assert [(e.ticket, e["right"]) for e in answers] == [(second.number, False)]
        assert kiosk_store.verify().ok
    finally:
        for s in (kiosk_store, web_store, board_store):
            s.close()
