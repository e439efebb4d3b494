"""Serving the phone page with uvicorn (a production ASGI server).

Kept apart from :mod:`app.web.cli` so that building the command line does not
import the web stack.

Slow and greedy clients: uvicorn alone keeps a connection that sends half a
request open for ever, so a thousand of them from one phone exhaust the
process's files and nobody else is served. :class:`GuardedH11Protocol` adds
what a front-line server needs:

* a cap on open connections overall (``web.max_connections``, kept below the
  file limit) and per address (``web.max_connections_per_address``, except a
  trusted proxy's): a connection over a cap is closed at once, before any
  byte is read;
* a header timeout (``web.header_timeout_seconds``): a request's headers must
  be complete within it, counted from the connection or from the end of the
  previous response, however slowly the bytes trickle in;
* a body timeout (``web.body_timeout_seconds``) from the end of the headers
  to the end of the body.

Live streams (server-sent events) are not affected: their request is
complete when the stream starts. :func:`raise_fd_limit` lifts the process's
soft file limit to its hard limit at start.
"""

from __future__ import annotations

import asyncio
import logging
import re
import resource
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, ClassVar

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.utils import get_remote_addr

log = logging.getLogger(__name__)

#: files kept free under the limit for the store, the log, fonts and templates
FD_RESERVE = 64
#: a soft limit to ask for when the hard one is unlimited
FD_WANTED = 65536

#: the token in a logged request line is a bearer link: keep it out of the logs
_TOKEN_IN_PATH = re.compile(r"/t/[A-Za-z0-9_-]+")


class RedactTokens(logging.Filter):
    """Replaces ticket tokens in uvicorn's access log lines with ``/t/…``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                _TOKEN_IN_PATH.sub("/t/…", a) if isinstance(a, str) else a for a in record.args
            )
        record.msg = _TOKEN_IN_PATH.sub("/t/…", str(record.msg))
        return True


def raise_fd_limit() -> int:
    """Lift the soft limit on open files to the hard limit; returns the soft limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = FD_WANTED if hard == resource.RLIM_INFINITY else hard
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError) as exc:
            log.warning("cannot raise the open-file limit from %d to %d: %s", soft, target, exc)
    return FD_WANTED if soft == resource.RLIM_INFINITY else int(soft)


@dataclass
class ConnectionLimits:
    """The caps and timeouts of one server, and the connections it holds now.

    Only the event loop's thread touches the counts, so they need no lock.
    """

    max_total: int = 1000
    max_per_address: int = 64
    header_timeout: float = 10.0
    body_timeout: float = 10.0
    exempt: frozenset[str] = frozenset()
    by_address: Counter[str] = field(default_factory=Counter)
    total: int = 0
    #: connections closed at once because a cap was reached, and for being too slow
    refused: int = 0
    timed_out: int = 0

    def admit(self, address: str) -> bool:
        if self.total >= self.max_total:
            return False
        if address not in self.exempt and self.by_address[address] >= self.max_per_address:
            return False
        self.total += 1
        self.by_address[address] += 1
        return True

    def leave(self, address: str) -> None:
        self.total -= 1
        self.by_address[address] -= 1
        if self.by_address[address] <= 0:
            del self.by_address[address]


_TIMEOUT_RESPONSE = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain\r\n"
                     b"content-length: 16\r\nconnection: close\r\n\r\nrequest too slow")


class GuardedH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with connection caps and header and body timeouts."""

    limits: ClassVar[ConnectionLimits] = ConnectionLimits()

    _address: str | None = None
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        peer = get_remote_addr(transport)
        address = peer[0] if peer else ""
        if not self.limits.admit(address):
            self.limits.refused += 1
            # closed before a byte is read: no buffers, no parser, no task
            transport.abort()
            return
        self._address = address
        super().connection_made(transport)
        self._arm(self.limits.header_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._address is None:
            return
        self._disarm()
        self.limits.leave(self._address)
        self._address = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._address is None or self.transport.is_closing():
            return
        state = self.conn.their_state
        if state is h11.SEND_BODY:
            if self._waiting != "body":
                self._arm(self.limits.body_timeout, "body")
        elif state is not h11.IDLE:
            # the whole request is in: what follows is the application's time
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self._address is not None and not self.transport.is_closing():
            self._arm(self.limits.header_timeout)

    _waiting: str = ""

    def _arm(self, seconds: float, what: str = "headers") -> None:
        self._disarm()
        self._waiting = what
        self._deadline = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        self._waiting = ""

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        self.limits.timed_out += 1
        if self.conn.our_state is h11.IDLE:
            self.transport.write(_TIMEOUT_RESPONSE)
        self.transport.close()


def guarded_protocol(limits: ConnectionLimits) -> type[GuardedH11Protocol]:
    """A protocol class bound to one server's limits (uvicorn makes one per connection)."""
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"limits": limits})


class _Server(uvicorn.Server):
    """Ends the live connections as soon as a stop is asked, so shutdown is prompt."""

    def __init__(self, config: uvicorn.Config, on_exit: Any) -> None:
        super().__init__(config)
        self._on_exit = on_exit
        self.limits = ConnectionLimits()

    def handle_exit(self, sig: int, frame: Any) -> None:
        self._on_exit()
        super().handle_exit(sig, frame)


def limits_from(web: Any, fd_limit: int | None = None) -> ConnectionLimits:
    """The connection limits of a ``[web]`` configuration, below the file limit."""
    files = fd_limit if fd_limit is not None else raise_fd_limit()
    total = max(16, min(web.max_connections, files - FD_RESERVE))
    if total < web.max_connections:
        log.warning("web.max_connections %d lowered to %d: the process may open %d files",
                    web.max_connections, total, files)
    return ConnectionLimits(
        max_total=total,
        max_per_address=web.max_connections_per_address,
        header_timeout=web.header_timeout_seconds,
        body_timeout=web.body_timeout_seconds,
        exempt=frozenset(web.trusted_proxies),
    )


def build_server(app: Any, host: str, port: int, log_level: str = "info") -> uvicorn.Server:
    """A uvicorn server for the app (also used by the tests, on a free port).

    Limits and proxies come from ``app.state.config.web``; the file limit is
    raised first.
    """
    from app.config import Web

    cfg = getattr(app.state, "config", None)
    web = cfg.web if cfg is not None else Web()
    limits = limits_from(web)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        http=guarded_protocol(limits),
        # a reverse proxy on the same machine may tell us the phone's address
        proxy_headers=bool(web.trusted_proxies),
        forwarded_allow_ips=list(web.trusted_proxies) or None,
        # idle keep-alive connections go quickly; a slow request is the header timeout's
        timeout_keep_alive=5,
        server_header=False,
        timeout_graceful_shutdown=3,
        lifespan="on",
    )
    logging.getLogger("uvicorn.access").addFilter(RedactTokens())
    server = _Server(config, app.state.live.begin_close)
    server.limits = limits
    return server


class ServerThread:
    """The phone page served by uvicorn in a background thread, on a socket bound here.

    Used by the end-to-end tests and the demo: binding the socket first (port
    0 picks a free one) means the address is known before the server starts
    and no other program can take the port in between.
    """

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, port))
        self.host, self.port = self.sock.getsockname()[:2]
        self.server = build_server(app, self.host, self.port, "warning")
        self._thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, name="motcua-web", daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 15.0) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the phone page server did not start on {self.url}")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.app.state.live.begin_close()
        self.server.should_exit = True
        self._thread.join(timeout=10)
        self.sock.close()

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
