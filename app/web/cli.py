"""``motcua web``: serve the phone page with uvicorn.

The service reads the store named in the configuration (the kiosk's SQLite
file on one machine, the hall's PostgreSQL in hall mode). Its only write is a
citizen's answer about the wait estimate (one ``estimate_feedback`` event per
ticket); in hall mode its role needs INSERT on ``events``, as a kiosk's has.
Host and port come from ``[web]`` unless given on the command line.
"""

from __future__ import annotations

import argparse
import logging
from typing import Any


def cmd_web(ctx: Any) -> int:
    from app.web.serve import build_server
    from app.web.server import create_app

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
