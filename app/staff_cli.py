"""Command line for staff accounts, the audit trail and the day's report.

``motcua staff add|list|disable|enable|reset-pin|unlock``,
``motcua audit verify|list`` and ``motcua report``. PINs are read from the
terminal without echo (or one line from stdin with ``--pin-stdin``, for
scripts), never from the command line, where they would stay in the shell's
history and in the process list.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from app.clock import SystemClock
from app.errors import CommandRefused, UserError
from app.report import AuditFilter, audit_entries, day_report, parse_day, report_csv, report_text
from app.staff import Role, StaffAuth, check_pin

#: the role recorded for changes made at the box's command line
CLI_ROLE = "admin"


def _actor() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"cli:{user}"


def _read_pin(args: argparse.Namespace) -> str:
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
        check_pin(pin)
        return pin
    if not sys.stdin.isatty():
        raise UserError("Type the PIN at a terminal, or pass --pin-stdin and send it on stdin.")
    pin = getpass.getpass("New PIN (4-12 digits): ")
    check_pin(pin)
    if getpass.getpass("Same PIN again: ") != pin:
        raise UserError("The two PINs differ; nothing changed.")
    return pin


def _auth(ctx: Any) -> StaffAuth:
    return StaffAuth(ctx.config, ctx.store, SystemClock())


def cmd_staff_add(ctx: Any) -> int:
    a = ctx.args
    auth = _auth(ctx)
    pin = _read_pin(a)
    acc = auth.add(_actor(), a.staff_id, a.name, a.role, pin, counters=a.counter or (),
                   actor_role=CLI_ROLE)
    where = f" at counter {', '.join(map(str, acc.counters))}" if acc.counters else ""
    print(f"added {acc.id} ({acc.name}), {acc.role.value}{where}")
    return 0


def cmd_staff_list(ctx: Any) -> int:
    auth = _auth(ctx)
    accounts = auth.accounts()
    if not accounts:
        print("no staff accounts yet; add one with: motcua staff add ID --name NAME --role ROLE")
        return 0
    print(f"{'id':<10} {'name':<28} {'role':<11} {'state':<9} {'counters':<9} last sign-in")
    for acc in accounts:
        locked = auth.locked_until(staff=acc.id)
        state = "locked" if locked else ("enabled" if acc.enabled else "disabled")
        counters = ",".join(map(str, acc.counters)) or "any"
        last = acc.last_signin.astimezone(ctx.config.hall.zone).strftime("%Y-%m-%d %H:%M") \
            if acc.last_signin else "-"
        print(f"{acc.id:<10} {acc.name[:28]:<28} {acc.role.value:<11} {state:<9} "
              f"{counters:<9} {last}")
    return 0


def cmd_staff_enable(ctx: Any, enabled: bool) -> int:
    auth = _auth(ctx)
    auth.set_enabled(_actor(), ctx.args.staff_id, enabled, actor_role=CLI_ROLE,
                     reason=ctx.args.reason)
    print(f"{ctx.args.staff_id} {'enabled' if enabled else 'disabled'}")
    return 0


def cmd_staff_reset_pin(ctx: Any) -> int:
    auth = _auth(ctx)
    if auth.account(ctx.args.staff_id) is None:
        raise CommandRefused("unknown_staff", f"There is no staff number {ctx.args.staff_id}.")
    pin = _read_pin(ctx.args)
    auth.reset_pin(_actor(), ctx.args.staff_id, pin, actor_role=CLI_ROLE, reason=ctx.args.reason)
    print(f"new PIN set for {ctx.args.staff_id}")
    return 0


def cmd_staff_unlock(ctx: Any) -> int:
    auth = _auth(ctx)
    auth.unlock(_actor(), staff=ctx.args.staff_id, pad=ctx.args.pad, actor_role=CLI_ROLE,
                reason=ctx.args.reason)
    print("unlocked")
    return 0


def cmd_audit_list(ctx: Any) -> int:
    from app.cli import _parse_when

    a = ctx.args
    cfg = ctx.config
    flt = AuditFilter(staff=a.staff or "", ticket=a.ticket or "", action=a.action or "",
                      start=_parse_when(a.start, cfg), end=_parse_when(a.end, cfg, end=True))
    entries = audit_entries(ctx.store.read_between(flt.start, flt.end), flt, a.limit)
    for e in entries:
        when = e.ts.astimezone(cfg.hall.zone).strftime("%Y-%m-%d %H:%M:%S")
        what = e.get("ticket") or (f"counter {e.get('counter')}" if e.get("counter") else "")
        what = what or e.get("staff", "")
        change = ""
        if isinstance(e.get("before"), dict) and isinstance(e.get("after"), dict):
            b, af = e["before"], e["after"]
            change = "; ".join(f"{k} {b.get(k)}->{af.get(k)}" for k in af if b.get(k) != af.get(k))
        print(f"{e.seq:>7} {when} {e.actor or '-':<12} {e.get('role') or '-':<10} {e.kind:<20} "
              f"{what:<10} {e.get('reason') or ''} {change}".rstrip())
    if not entries:
        print("no staff actions match")
    return 0


def cmd_report(ctx: Any) -> int:
    cfg = ctx.config
    day = parse_day(ctx.args.day, cfg, SystemClock().now())
    rep = day_report(cfg, ctx.store, day)
    text = report_text(rep, cfg.hall.name.get("vi", ""))
    if ctx.args.csv:
        _write(Path(ctx.args.csv), report_csv(rep))
        print(f"CSV written to {ctx.args.csv}", file=sys.stderr)
    if ctx.args.text:
        _write(Path(ctx.args.text), text)
        print(f"summary written to {ctx.args.text}", file=sys.stderr)
    if not ctx.args.csv and not ctx.args.text:
        print(text, end="")
    return 0


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(f"{path}: cannot write ({exc.strerror})") from None


def add_parser(sub: Any) -> None:
    """Register ``staff``, ``audit`` and ``report`` on the main parser."""
    st = sub.add_parser("staff", help="staff accounts and PINs")
    ss = st.add_subparsers(dest="staff_command", metavar="ACTION", required=True)

    p = ss.add_parser("add", help="add a staff account (asks for the PIN)")
    p.add_argument("staff_id", help="staff number, typed on the PIN pad (e.g. 101)")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--counter", type=int, action="append",
                   help="counter this staff member serves (repeatable; default: any)")
    p.add_argument("--pin-stdin", action="store_true", help="read the PIN from stdin")
    p.set_defaults(func=cmd_staff_add)

    ss.add_parser("list", help="list staff accounts").set_defaults(func=cmd_staff_list)

    for name, enabled in (("disable", False), ("enable", True)):
        p = ss.add_parser(name, help=f"{name} a staff account")
        p.add_argument("staff_id")
        p.add_argument("--reason")
        p.set_defaults(func=lambda ctx, en=enabled: cmd_staff_enable(ctx, en))

    p = ss.add_parser("reset-pin", help="set a new PIN (also lifts a lockout)")
    p.add_argument("staff_id")
    p.add_argument("--pin-stdin", action="store_true", help="read the PIN from stdin")
    p.add_argument("--reason")
    p.set_defaults(func=cmd_staff_reset_pin)

    p = ss.add_parser("unlock", help="lift a lockout after wrong PINs")
    p.add_argument("staff_id", nargs="?")
    p.add_argument("--pad", help="the kiosk or console whose PIN pad is locked")
    p.add_argument("--reason")
    p.set_defaults(func=cmd_staff_unlock)

    au = sub.add_parser("audit", help="the tamper-evident audit trail")
    asub = au.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    from app.cli import cmd_audit_checkpoint, cmd_audit_verify

    p = asub.add_parser("verify", help="check the hash chain and its signed checkpoints")
    p.add_argument("--checkpoint", action="append", metavar="CODE|FILE",
                   help="a checkpoint code from a day's report (CP-<seq>-<hex>) or a file of "
                        "checkpoints; truncation and rewriting before it are detected")
    p.set_defaults(func=cmd_audit_verify, read_only_store=True)
    asub.add_parser("checkpoint", help="print the newest signed checkpoint").set_defaults(
        func=cmd_audit_checkpoint, read_only_store=True)
    p = asub.add_parser("list", help="staff actions, newest first")
    p.add_argument("--staff")
    p.add_argument("--ticket")
    p.add_argument("--action", help="event kind, e.g. transferred, cancelled")
    p.add_argument("--from", dest="start", help="first day or time")
    p.add_argument("--to", dest="end", help="last day or time")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(func=cmd_audit_list)

    p = sub.add_parser("report", help="the end-of-day report")
    p.add_argument("--day", help="YYYY-MM-DD (default: today)")
    p.add_argument("--csv", help="write the figures as CSV to this file")
    p.add_argument("--text", help="write the printable summary to this file")
    p.set_defaults(func=cmd_report)
