"""``motcua web``: serve the phone page with uvicorn.

The service reads the store named in the configuration (the kiosk's SQLite
file on one machine, the hall's PostgreSQL in hall mode) and never writes to
it. Host and port come from ``[web]`` unless given on the command line.
"""

from __future__ import annotations

import argparse
import logging
import re
from typing import Any

import uvicorn

from app.web.server import create_app

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


def cmd_web(ctx: Any) -> int:
    cfg = ctx.config
    host = ctx.args.host or cfg.web.host
    port = ctx.args.port or cfg.web.port
    app = create_app(cfg, ctx.store)
    server = build_server(app, host, port, "debug" if ctx.args.verbose else "info")
    logging.getLogger(__name__).info(
        "phone page on http://%s:%d/ (store: %s)", host, port, ctx.store.describe()
    )
    server.run()
    return 0


def _port(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{value}" is not a port number') from None
    if not 1 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"{n} is not a port number (1-65535)")
    return n


def add_parser(sub: Any) -> None:
    """Register ``motcua web``."""
    p = sub.add_parser("web", help="serve the phone page behind the ticket's QR code")
    p.add_argument("--host", help="address to listen on (default: web.host)")
    p.add_argument("--port", type=_port, help="port to listen on (default: web.port)")
    p.set_defaults(func=cmd_web)
