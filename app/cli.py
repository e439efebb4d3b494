"""The ``motcua`` command line, without the screens.

Subcommands here: ``events import|export``, ``doctor``, and those that
features register through :data:`SUBCOMMAND_MODULES` (each module has an
``add_parser(subparsers)`` that sets ``func`` on its parser). The screens
(``motcua`` alone opens the kiosk; ``board``; ``counter N``) are added by the
launcher, :mod:`motcua.main`, which is the console command.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from app.config import Config, ConfigError, load_config
from app.errors import UserError
from app.events import Event, EventFormatError, iter_jsonl, write_jsonl
from app.store import Store, open_store

if TYPE_CHECKING:
    from app.hall import HallState

#: feature modules that bring their own subcommands
SUBCOMMAND_MODULES: list[str] = [
    "app.web.cli", "app.store.cli", "app.staff_cli", "app.wait.cli", "app.sim.cli",
]


class Context:
    """What every subcommand needs: the validated config and the store, opened once."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._config: Config | None = None
        self._store: Store | None = None

    @property
    def config_path(self) -> Path | None:
        p = self.args.config or os.environ.get("MOTCUA_CONFIG")
        return Path(p) if p else None

    @property
    def config(self) -> Config:
        if self._config is None:
            cfg = load_config(self.config_path)
            if self.args.simulate:
                cfg = simulated(cfg)
            self._config = cfg
        return self._config

    @property
    def store(self) -> Store:
        if self._store is None:
            # commands that only read (doctor, audit verify) say so with read_only_store
            self._store = open_store(self.config.store.url, self.config.base_dir,
                                     read_only=bool(getattr(self.args, "read_only_store", False)))
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def simulated(cfg: Config) -> Config:
    """The same configuration with every device replaced by its simulated twin."""
    devices = cfg.devices.model_copy(
        update={
            "printer": cfg.devices.printer.model_copy(update={"kind": "simulated"}),
            "speech": cfg.devices.speech.model_copy(update={"kind": "simulated"}),
            "camera": cfg.devices.camera.model_copy(
                update={"kind": "none" if cfg.devices.camera.kind == "none" else "simulated"}
            ),
        }
    )
    return cfg.model_copy(update={"devices": devices})


# --------------------------------------------------------------------------- events


def _parse_when(value: str | None, cfg: Config, end: bool = False) -> datetime | None:
    if not value:
        return None
    try:
        if len(value) == 10:
            d = datetime.fromisoformat(value).replace(tzinfo=cfg.hall.zone)
            return d if not end else d.replace(hour=23, minute=59, second=59, microsecond=999999)
        when = datetime.fromisoformat(value)
    except ValueError:
        raise UserError(f'"{value}" is not a date (YYYY-MM-DD) or an ISO-8601 time') from None
    return when if when.tzinfo else when.replace(tzinfo=cfg.hall.zone)


def cmd_events_import(ctx: Context) -> int:
    """Append a file's events, all or nothing, each checked for sense; known ones once."""
    from app.validation import EventRefused, Window, plan_import

    path = Path(ctx.args.file)
    try:
        with path.open(encoding="utf-8") as f:
            located = list(iter_jsonl(f, str(path)))
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not UTF-8 text (byte {exc.start}); nothing imported") from None
    except EventFormatError as exc:
        raise UserError(f"{exc}; nothing imported") from None
    store = ctx.store
    window = Window.around(store.created_at(), store.clock.now())
    try:
        plan = plan_import(located, store.read_after(0), store.body_hashes(), window)
        stored = store.append_all(plan.new) if plan.new else []
    except EventRefused as exc:
        raise UserError(f"{exc}; nothing imported") from None
    known = f"; {plan.already} already in the log, not added again" if plan.already else ""
    print(f"imported {len(stored)} events from {path} into {store.describe()}{known}")
    return 0


def cmd_events_void(ctx: Context) -> int:
    """Set a bad event aside with a ``voided`` event: the record stays, the chain stays intact."""
    from app.service import HallService
    from app.staff_cli import CLI_ROLE, _actor
    from app.validation import void_event_of

    seq = int(ctx.args.seq)
    store = ctx.store
    hall = HallService(ctx.config, store)

    def produce(state: HallState, now: datetime) -> list[Event]:
        found = store.read_after(seq - 1, limit=1)
        target = found[0] if found and found[0].seq == seq else None
        return [void_event_of(store.head(), target, store.record_hash(seq), seq,
                              ctx.args.reason, _actor(), CLI_ROLE, now, state.voided)]

    stored = hall.transact(produce)
    kind = stored[0].get("target_kind") or "record"
    print(f"voided record {seq} ({kind}) with record {stored[0].seq}: every screen and report "
          "ignores it from now on; it stays in the log, and the chain is intact")
    return 0


def cmd_events_export(ctx: Context) -> int:
    cfg = ctx.config
    start = _parse_when(ctx.args.start, cfg)
    end = _parse_when(ctx.args.end, cfg, end=True)
    events = ctx.store.read_between(start, end)
    if ctx.args.file == "-":
        n = write_jsonl(events, sys.stdout)
    else:
        tmp = Path(ctx.args.file + ".part")
        with tmp.open("w", encoding="utf-8") as f:
            n = write_jsonl(events, f)
        tmp.replace(ctx.args.file)
        print(f"exported {n} events to {ctx.args.file}", file=sys.stderr)
    return 0


def cmd_audit_verify(ctx: Context) -> int:
    """The chain, the store's own signed checkpoints, and any ``--checkpoint`` given."""
    from app.store.checkpoint import Anchor, audit, parse_anchor

    anchors: list[Anchor] = []
    for text in getattr(ctx.args, "checkpoint", None) or []:
        try:
            anchors += parse_anchor(text)
        except (OSError, ValueError) as exc:
            raise UserError(str(exc)) from None
    result = audit(ctx.store, anchors)
    for line in result.lines:
        print(line)
    return 0 if result.ok else 1


def cmd_audit_checkpoint(ctx: Context) -> int:
    """Print the newest signed checkpoint: its short code, and the full JSON to keep."""
    import json

    stored = ctx.store.checkpoints()
    if not stored:
        raise UserError("This store holds no signed checkpoint yet.")
    cp = stored[-1]
    print(cp.code)
    print(json.dumps(cp.to_json()))
    return 0


# --------------------------------------------------------------------------- doctor


def cmd_purge(ctx: Context) -> int:
    from app.retention import purge
    from app.service import HallService

    hall = HallService(ctx.config, ctx.store)
    result = purge(hall, "retention", ctx.args.days)
    print(
        f"removed the ticket data of {result.days} day(s) before {result.before_day} "
        f"({result.records} records); their daily summaries stay in the log"
    )
    return 0


def cmd_doctor(ctx: Context) -> int:
    from app.doctor import run_doctor

    return run_doctor(ctx)


# --------------------------------------------------------------------------- parser


def _no_screens(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def build_parser(plugins: Sequence[ModuleType] = ()) -> argparse.ArgumentParser:
    """The parser, with the Qt-free commands and those of ``plugins``.

    The screens (kiosk, board, counter) come as a plugin from the launcher
    (:mod:`motcua.main`), so that this module never depends on the UI.
    """
    parser = argparse.ArgumentParser(
        prog="motcua", description="Queue kiosk for public service halls."
    )
    parser.add_argument("--config", help="the TOML configuration (default: config/default.toml)")
    parser.add_argument(
        "--simulate", action="store_true", help="simulate every device (printer, speech, camera)"
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="log debugging detail")
    parser.set_defaults(func=lambda _ctx: _no_screens(parser))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for plugin in plugins:
        plugin.add_parser(sub)
        if hasattr(plugin, "install_default"):
            plugin.install_default(parser)

    p = sub.add_parser("doctor", help="check the configuration and every device")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--test-ticket", action="store_true", help="print a test ticket")
    p.set_defaults(func=cmd_doctor, read_only_store=True)

    p = sub.add_parser("purge", help="remove ticket data older than the retention period")
    p.add_argument("--days", type=int, help="days to keep (default: retention.days)")
    p.set_defaults(func=cmd_purge)

    ev = sub.add_parser("events", help="move the event log in and out (JSON Lines)")
    evsub = ev.add_subparsers(dest="events_command", metavar="ACTION", required=True)
    p = evsub.add_parser("import", help="append the events of a JSON Lines file")
    p.add_argument("file")
    p.set_defaults(func=cmd_events_import)
    p = evsub.add_parser("void", help="set a bad event aside (supervisor): a 'voided' event")
    p.add_argument("seq", type=int, help="the record to void (doctor names it)")
    p.add_argument("--reason", required=True, help="why, for the audit trail")
    p.set_defaults(func=cmd_events_void)
    p = evsub.add_parser("export", help="write events to a JSON Lines file ('-' for stdout)")
    p.add_argument("--from", dest="start", help="first day or time (YYYY-MM-DD or ISO-8601)")
    p.add_argument("--to", dest="end", help="last day or time (inclusive day)")
    p.add_argument("file")
    p.set_defaults(func=cmd_events_export)

    for name in SUBCOMMAND_MODULES:
        importlib.import_module(name).add_parser(sub)
    # a plugin may add options to the core's commands (the screens' part of `doctor`)
    for plugin in plugins:
        if hasattr(plugin, "extend_parsers"):
            plugin.extend_parsers(sub.choices)
    return parser


def main(argv: Sequence[str] | None = None, plugins: Sequence[ModuleType] = ()) -> int:
    parser = build_parser(plugins)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from app.watchdog import install_journal_logging

    # under systemd: one structured line per record (event=..., priority prefix)
    install_journal_logging()
    ctx = Context(args)
    try:
        return int(args.func(ctx))
    except ConfigError as exc:
        print(f"motcua: configuration error in {ctx.config_path or 'config/default.toml'}:",
              file=sys.stderr)
        print(f"  {exc.message}".replace("\n", "\n  "), file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"motcua: {exc.message}", file=sys.stderr)
        if exc.diagnostic != exc.message:
            logging.getLogger("motcua").debug(exc.diagnostic)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        # a fault of ours, not the user's: one sentence here, the traceback in the log
        logging.getLogger("motcua").debug("unexpected error", exc_info=True)
        print(f"motcua: an unexpected error stopped the command ({type(exc).__name__}: "
              f"{str(exc)[:200]}); nothing more was done. Please report it, with the output "
              "of the same command run with --verbose.", file=sys.stderr)
        return 70
    finally:
        try:
            ctx.close()
        except Exception:
            logging.getLogger("motcua").debug("closing the store failed", exc_info=True)


if __name__ == "__main__":
    sys.exit(main())
