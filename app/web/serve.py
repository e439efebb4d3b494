"""Serving the phone page with uvicorn (a production ASGI server).

Kept apart from :mod:`app.web.cli` so that building the command line does not
import the web stack.
"""

from __future__ import annotations

import logging
import re
import socket
import threading
import time
from typing import Any

import uvicorn

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


class _Server(uvicorn.Server):
    """Ends the live connections as soon as a stop is asked, so shutdown is prompt."""

    def __init__(self, config: uvicorn.Config, on_exit: Any) -> None:
        super().__init__(config)
        self._on_exit = on_exit

    def handle_exit(self, sig: int, frame: Any) -> None:
        self._on_exit()
        super().handle_exit(sig, frame)


def build_server(app: Any, host: str, port: int, log_level: str = "info") -> uvicorn.Server:
    """A uvicorn server for the app (also used by the tests, on a free port)."""
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        # a reverse proxy on the same machine may tell us the phone's address
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        server_header=False,
        timeout_graceful_shutdown=3,
        lifespan="on",
    )
    logging.getLogger("uvicorn.access").addFilter(RedactTokens())
    return _Server(config, app.state.live.begin_close)


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
