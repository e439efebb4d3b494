"""``motcua printer-sim``: look at and switch the faults of a running simulated printer.

The twin runs inside the kiosk process; this command talks to it through
the small JSON files in the simulated printer's output folder, so a developer
can pull the paper out from another terminal and watch the kiosk cope.
"""

from __future__ import annotations

import json
from typing import Any

from app.errors import UserError
from devices.printer.twin import Fault, read_state, write_control

FAULTS = [f.value for f in Fault]


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "printer-sim", help="switch faults on the simulated printer of a running kiosk"
    )
    sub = p.add_subparsers(dest="printer_sim_command", metavar="ACTION", required=True)
    s = sub.add_parser("status", help="show the simulated printer's state")
    s.set_defaults(func=cmd_status)
    s = sub.add_parser("set", help="switch faults on (the others stay as they are)")
    s.add_argument("faults", nargs="+", choices=FAULTS, metavar="FAULT",
                   help=f"one or more of: {', '.join(FAULTS)}")
    s.set_defaults(func=cmd_set)
    s = sub.add_parser("clear", help="switch faults off (all of them if none is named)")
    s.add_argument("faults", nargs="*", metavar="FAULT", help=f"any of: {', '.join(FAULTS)}")
    s.set_defaults(func=cmd_clear)
    s = sub.add_parser("run-out", help="the paper roll ends after this many millimetres")
    s.add_argument("mm", type=float)
    s.set_defaults(func=cmd_run_out)


def _folder(ctx: Any) -> Any:
    from devices.printer.simulated import output_dir

    cfg = ctx.config
    return output_dir(cfg.devices.printer, cfg.resolve("."))


def _current(ctx: Any) -> tuple[set[str], Any]:
    state = read_state(_folder(ctx))
    if state is None:
        raise UserError(
            f"No simulated printer is running with its folder at {_folder(ctx)}; "
            "start the kiosk with the simulated printer first."
        )
    faults = state.get("faults")
    return set(faults) if isinstance(faults, list) else set(), state.get("paper_left_mm")


def cmd_status(ctx: Any) -> int:
    state = read_state(_folder(ctx))
    if state is None:
        print(f"no simulated printer has run in {_folder(ctx)}")
        return 1
    print(json.dumps(state, indent=2, ensure_ascii=False))
    return 0


def cmd_set(ctx: Any) -> int:
    faults, paper = _current(ctx)
    path = write_control(_folder(ctx), faults | set(ctx.args.faults), paper)
    print(f"asked for {', '.join(sorted(faults | set(ctx.args.faults)))} ({path})")
    return 0


def cmd_clear(ctx: Any) -> int:
    unknown = set(ctx.args.faults) - set(FAULTS)
    if unknown:
        raise UserError(
            f"{', '.join(sorted(unknown))}: not a fault; use any of {', '.join(FAULTS)}"
        )
    faults, paper = _current(ctx)
    left = faults - set(ctx.args.faults) if ctx.args.faults else set()
    write_control(_folder(ctx), left, paper if left else None)
    print(f"faults now: {', '.join(sorted(left)) or 'none'}")
    return 0


def cmd_run_out(ctx: Any) -> int:
    faults, _paper = _current(ctx)
    write_control(_folder(ctx), faults, ctx.args.mm)
    print(f"the paper ends after {ctx.args.mm:g} mm")
    return 0
