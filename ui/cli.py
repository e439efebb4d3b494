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


def cmd_doctor(ctx: Context) -> int:
    """``doctor``; with ``--screens`` the screen audit instead of the device checks."""
    if getattr(ctx.args, "screens", False):
        from ui.audit import run_screens_doctor

        return run_screens_doctor(ctx)
    from app.cli import cmd_doctor as core_doctor

    return core_doctor(ctx)


def extend_parsers(parsers: dict[str, argparse.ArgumentParser]) -> None:
    """``doctor --screens [--out DIR] [--json] [--sample S]``: check every screen of the hall."""
    doctor = parsers.get("doctor")
    if doctor is None:
        return
    doctor.add_argument("--screens", action="store_true",
                        help="render every screen of the configured hall and check each item")
    doctor.add_argument("--out", metavar="DIR", help="with --screens: save one PNG per state here")
    doctor.add_argument("--sample", choices=("all", "sample", "light"), default="all",
                        help="with --screens: every combination of accessibility modes per "
                             "state (all, the default), five of them (sample) or two (light)")
    doctor.set_defaults(func=cmd_doctor)


def add_parser(sub: Any) -> None:
    sub.add_parser("kiosk", help="the citizen's kiosk (the default)").set_defaults(func=cmd_kiosk)
    sub.add_parser("board", help="the hall display").set_defaults(func=cmd_board)
    p = sub.add_parser("counter", help="the console of one counter")
    p.add_argument("number", type=int, help="counter number")
    p.set_defaults(func=cmd_counter)


def install_default(parser: argparse.ArgumentParser) -> None:
    """``motcua`` with no command opens the kiosk."""
    parser.set_defaults(func=cmd_kiosk)
