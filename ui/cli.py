"""The screens as commands: ``motcua`` (the kiosk, the default), ``board``, ``counter N``.

Qt is imported only inside the command functions, so registering these
commands costs nothing for the Qt-free ones.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import Context


def cmd_kiosk(ctx: Context) -> int:
    from ui.main import run_kiosk

    return int(run_kiosk(ctx))


def cmd_board(ctx: Context) -> int:
    from ui.board import run_board

    return int(run_board(ctx))


def cmd_counter(ctx: Context) -> int:
    from ui.counter_console import run_counter

    return int(run_counter(ctx, ctx.args.number))


def add_parser(sub: Any) -> None:
    sub.add_parser("kiosk", help="the citizen's kiosk (the default)").set_defaults(func=cmd_kiosk)
    sub.add_parser("board", help="the hall display").set_defaults(func=cmd_board)
    p = sub.add_parser("counter", help="the console of one counter")
    p.add_argument("number", type=int, help="counter number")
    p.set_defaults(func=cmd_counter)


def install_default(parser: argparse.ArgumentParser) -> None:
    """``motcua`` with no command opens the kiosk."""
    parser.set_defaults(func=cmd_kiosk)
