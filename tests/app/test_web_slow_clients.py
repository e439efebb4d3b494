"""Slow and greedy clients on loopback: caps close the excess at once, timeouts cut the slow.

Everything here stays on the loopback interface: the server listens on
127.0.0.1, the greedy client connects from 127.0.0.2 (another loopback
address, so the technician's check from 127.0.0.1 is "another address"). The
number of sockets is bounded, every socket is closed in a ``finally``, and
every wait has a bound after which the test fails rather than hangs.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import resource
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Config
from app.service import HallService
from app.store.sqlite import SQLiteStore
from app.web.serve import ConnectionLimits, ServerThread, limits_from, raise_fd_limit
from app.web.server import create_app
from tests.helpers.config import override

GREEDY = "127.0.0.2"
PARTIAL = b"GET /healthz HTTP/1.1\r\nHost: phone\r\nX-Slow: "
#: the longest any single wait here may take before the test fails
BOUND_S = 10.0


def _config(config: Config, **web: object) -> Config:
    return override(config, "web", **web)


@contextlib.contextmanager
def _server(config: Config, tmp_path: Path, **web: object) -> Iterator[tuple[ServerThread, str]]:
    """The phone page on a free loopback port, and the token of a ticket it shows."""
    store = SQLiteStore(tmp_path / "web.db")
    # a ticket, so that a page and its feedback form exist
    token = HallService(config, store).issue("A", "kiosk-1").token
    try:
        with ServerThread(create_app(_config(config, **web), store)) as s:
            yield s, token
    finally:
        store.close()


def _half_open(server: ServerThread, n: int, source: str = GREEDY) -> list[socket.socket]:
    """``n`` connections from ``source`` that each send half a request and stop."""
    out = []
    try:
        for _ in range(n):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            out.append(s)
            s.settimeout(BOUND_S)
            s.bind((source, 0))
            s.connect((server.host, server.port))
            with contextlib.suppress(OSError):
                s.sendall(PARTIAL)
    except BaseException:
        _close(out)
        raise
    return out


def _close(socks: list[socket.socket]) -> None:
    for s in socks:
        s.close()


def _closed_by_server(s: socket.socket) -> bytes:
    """What the server sent before closing (b"" for a plain close); fails after BOUND_S."""
    got = b""
    try:
        while chunk := s.recv(4096):
            got += chunk
    except ConnectionResetError:
        pass
    return got


def _healthz(server: ServerThread) -> int:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=BOUND_S)
    try:
        conn.request("GET", "/healthz")
        response = conn.getresponse()
        json.loads(response.read())
        return response.status
    finally:
        conn.close()


def _wait_for(server: ServerThread, check: object) -> None:
    import time

    deadline = time.monotonic() + BOUND_S
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the server did not get there in time"
        time.sleep(0.01)


def test_limits_admit_and_leave() -> None:
    limits = ConnectionLimits(max_total=3, max_per_address=2, exempt=frozenset({"10.0.0.1"}))
    assert limits.admit("a") and limits.admit("a")
    assert not limits.admit("a")
    assert limits.admit("10.0.0.1")
    # the total holds for a trusted proxy too
    assert not limits.admit("10.0.0.1") and not limits.admit("b")
    limits.leave("a")
    assert limits.admit("b") and dict(limits.by_address) == {"a": 1, "10.0.0.1": 1, "b": 1}


def test_file_limit_is_raised_to_the_hard_limit(config: Config) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        if hard != resource.RLIM_INFINITY and soft == hard and hard > 256:
            resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))
        now = raise_fd_limit()
        new_soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
        assert new_soft == now
        assert hard == resource.RLIM_INFINITY or new_soft == hard
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, new_soft), hard))


def test_the_total_cap_stays_below_the_file_limit(config: Config) -> None:
    web = config.web.model_copy(update={"max_connections": 5000})
    assert limits_from(web, fd_limit=1024).max_total == 1024 - 64
    assert limits_from(web, fd_limit=100000).max_total == 5000


def test_a_connection_over_the_per_address_cap_is_closed_at_once(
    config: Config, tmp_path: Path
) -> None:
    with _server(config, tmp_path, max_connections_per_address=8) as (server, _token):
        limits = server.server.limits
        held = _half_open(server, 8)
        try:
            _wait_for(server, lambda: limits.by_address.get(GREEDY) == 8)
            (extra,) = _half_open(server, 1)
            try:
                # closed before the server read anything: no answer at all
                assert _closed_by_server(extra) == b""
                assert limits.refused == 1
            finally:
                extra.close()
            # somebody else is served meanwhile
            assert _healthz(server) == 200
            # a place freed is a place for the next connection
            held.pop().close()
            _wait_for(server, lambda: limits.by_address.get(GREEDY) == 7)
            (again,) = _half_open(server, 1)
            held.append(again)
            _wait_for(server, lambda: limits.by_address.get(GREEDY) == 8)
            assert limits.refused == 1
        finally:
            _close(held)


def test_two_thousand_half_open_connections_from_one_address(
    config: Config, tmp_path: Path
) -> None:
    with _server(config, tmp_path) as (server, _token):
        limits = server.server.limits
        greedy = _half_open(server, 2000)
        try:
            _wait_for(server, lambda: limits.refused + limits.by_address.get(GREEDY, 0) == 2000)
            assert limits.by_address[GREEDY] == config.web.max_connections_per_address
            # the technician's check, and a phone's page, are answered while they wait
            for _ in range(20):
                assert _healthz(server) == 200
            conn = http.client.HTTPConnection(server.host, server.port, timeout=BOUND_S)
            conn.request("GET", "/how")
            assert conn.getresponse().status == 200
            conn.close()
        finally:
            _close(greedy)
        _wait_for(server, lambda: limits.total == 0)


def test_headers_trickled_in_are_cut_at_the_header_timeout(
    config: Config, tmp_path: Path
) -> None:
    with _server(config, tmp_path, header_timeout_seconds=0.3) as (server, _token):
        limits = server.server.limits
        (s,) = _half_open(server, 1)
        try:
            # a byte every 50 ms keeps a plain keep-alive timer from ever firing
            import time

            sent = 0
            while limits.timed_out == 0 and sent < int(BOUND_S / 0.05):
                with contextlib.suppress(OSError):
                    s.send(b"x")
                sent += 1
                time.sleep(0.05)
            assert limits.timed_out == 1
            assert _closed_by_server(s).startswith(b"HTTP/1.1 408 ")
        finally:
            s.close()
        _wait_for(server, lambda: limits.total == 0)


def test_a_body_sent_too_slowly_is_cut_at_the_body_timeout(
    config: Config, tmp_path: Path
) -> None:
    with _server(config, tmp_path, body_timeout_seconds=0.3) as (server, token):
        limits = server.server.limits
        s = socket.create_connection((server.host, server.port), timeout=BOUND_S)
        try:
            s.sendall(f"POST /t/{token}/feedback HTTP/1.1\r\nHost: phone\r\n".encode()
                      + b"Content-Type: application/x-www-form-urlencoded\r\n"
                      + b"Content-Length: 100\r\n\r\nanswer=")
            got = _closed_by_server(s)
            assert limits.timed_out == 1
            assert got == b"" or got.startswith(b"HTTP/1.1 408 ")
        finally:
            s.close()
        _wait_for(server, lambda: limits.total == 0)
        # the server still answers
        assert _healthz(server) == 200


def test_a_complete_request_is_not_cut(config: Config, tmp_path: Path) -> None:
    with _server(config, tmp_path, header_timeout_seconds=2.0) as (server, _token):
        conn = http.client.HTTPConnection(server.host, server.port, timeout=BOUND_S)
        try:
            for _ in range(3):
                conn.request("GET", "/healthz")
                assert conn.getresponse().read()
        finally:
            conn.close()
        assert server.server.limits.timed_out == 0


@pytest.mark.parametrize("bad", ["localhost", "300.1.1.1"])
def test_trusted_proxies_must_be_addresses(config: Config, bad: str) -> None:
    from app.config import ConfigError, parse_config

    data = config.model_dump(exclude={"base_dir"})
    data["web"]["trusted_proxies"] = [bad]
    with pytest.raises(ConfigError, match=rf'web\.trusted_proxies: "{bad}" is not an IP'):
        parse_config(data)
