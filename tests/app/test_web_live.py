"""The phone page served by uvicorn on localhost: live updates and limits over real sockets."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.clock import ManualClock
from app.config import Config
from app.service import HallService
from app.store.sqlite import SQLiteStore
from app.web.serve import ServerThread
from app.web.server import create_app

#: a guard against a hung test, not a speed target (that is benchmarks/phone_page_latency.py)
SOCKET_GUARD_S = 10


@pytest.fixture
def server(config: Config, store: SQLiteStore, clock: ManualClock) -> Iterator[ServerThread]:
    web_store = SQLiteStore(Path(store.path))
    # the rate limiter's time stands still: a flood is not refilled by a slow machine
    app = create_app(config, web_store, clock, monotonic=lambda: 0.0)
    with ServerThread(app) as s:
        yield s
    web_store.close()


class SSE:
    """Reads server-sent events from one connection."""

    def __init__(self, server: ServerThread, path: str, source: str = "127.0.0.1") -> None:
        self.conn = http.client.HTTPConnection(
            server.host, server.port, timeout=SOCKET_GUARD_S, source_address=(source, 0)
        )
        self.conn.request("GET", path, headers={"Accept": "text/event-stream"})
        self.response = self.conn.getresponse()

    def next_event(self) -> tuple[str, str]:
        kind, data = "message", []
        while True:
            line = self.response.readline().decode("utf-8")
            if line == "":
                raise EOFError("the stream ended")
            line = line.rstrip("\r\n")
            if line == "":
                if data:
                    return kind, "\n".join(data)
                continue
            if line.startswith(":"):
                continue
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "event":
                kind = value
            elif field == "data":
                data.append(value)

    def close(self) -> None:
        self.conn.close()


def get(server: ServerThread, path: str, source: str = "127.0.0.1") -> int:
    conn = http.client.HTTPConnection(
        server.host, server.port, timeout=SOCKET_GUARD_S, source_address=(source, 0)
    )
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        r.read()
        return r.status
    finally:
        conn.close()


def test_live_stream_follows_the_ticket_to_the_counter(
    hall: HallService, server: ServerThread
) -> None:
    hall.issue("A", "kiosk-1")
    mine = hall.issue("A", "kiosk-1")
    sse = SSE(server, f"/t/{mine.token}/live?lang=en")
    try:
        assert sse.response.status == 200
        assert sse.response.getheader("content-type", "").startswith("text/event-stream")
        assert sse.response.getheader("cache-control") == "no-store"
        kind, data = sse.next_event()
        first = json.loads(data)
        assert (kind, first["state"]) == ("update", "waiting")
        assert "1 person ahead of you. No counter open yet" in first["status"]

        hall.execute("open_counter", "staff-1", counter=1)
        hall.execute("call_next", "staff-1", counter=1)  # A001
        states = []
        while not states or "You are next" not in states[-1]["status"]:
            kind, data = sse.next_event()
            states.append(json.loads(data))

        hall.execute("call_next", "staff-1", counter=1, finish_current=True)  # A002
        while states[-1]["state"] != "called":
            kind, data = sse.next_event()
            states.append(json.loads(data))
        assert "It's your turn: go to counter 1" in states[-1]["status"]
        assert states[-1]["title"].startswith(mine.number)
    finally:
        sse.close()


def test_stream_says_gone_when_the_day_ends(
    hall: HallService, server: ServerThread, clock: ManualClock
) -> None:
    t = hall.issue("A", "kiosk-1")
    sse = SSE(server, f"/t/{t.token}/live")
    try:
        assert sse.next_event()[0] == "update"
        clock.advance(hours=16)
        hall.issue("B", "kiosk-1")  # the first ticket of the next day
        kinds = []
        while not kinds or kinds[-1] != "gone":
            kinds.append(sse.next_event()[0])
        with pytest.raises(EOFError):
            sse.next_event()
    finally:
        sse.close()
    assert get(server, f"/t/{t.token}") == 404


def test_a_flood_from_one_address_does_not_stop_another_or_the_kiosk(
    hall: HallService, server: ServerThread, config: Config
) -> None:
    t = hall.issue("A", "kiosk-1")
    per_minute = config.web.requests_per_minute
    codes = [get(server, f"/t/{t.token}/status.json") for _ in range(per_minute + 40)]
    # exactly a minute's allowance, then refusals
    assert codes == [200] * per_minute + [429] * 40

    # another phone, from another address, is served; the kiosk still issues
    assert get(server, f"/t/{t.token}", source="127.0.0.2") == 200
    assert hall.issue("A", "kiosk-1").number == "A002"
    assert get(server, "/healthz", source="127.0.0.3") == 200


def test_live_connections_per_address_are_bounded(
    hall: HallService, server: ServerThread
) -> None:
    from app.web.server import MAX_STREAMS_PER_CLIENT

    t = hall.issue("A", "kiosk-1")
    streams = [SSE(server, f"/t/{t.token}/live") for _ in range(MAX_STREAMS_PER_CLIENT)]
    try:
        for s in streams:
            assert s.next_event()[0] == "update"
        extra = SSE(server, f"/t/{t.token}/live")
        assert extra.response.status == 429
        extra.close()
        other = SSE(server, f"/t/{t.token}/live", source="127.0.0.2")
        assert other.response.status == 200
        other.close()
    finally:
        for s in streams:
            s.close()
