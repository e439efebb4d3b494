"""``motcua store ...``: set up the hall's PostgreSQL, move a log between stores, make roles.

- ``motcua store migrate [--url URL]`` creates or upgrades the schema (run it
  as the database owner, once per upgrade of the program);
- ``motcua store copy FROM TO`` moves a hall's whole log between SQLite and
  PostgreSQL (URLs, or paths of SQLite files), in order, into an empty
  destination, after checking the source's hash chain and then the
  destination's;
- ``motcua store create-role NAME [--read-only | --pins]`` creates the login
  role that kiosks, counters and displays use: it may read and append events,
  nothing else; ``--read-only`` (displays) only reads; ``--pins`` (kiosks and
  counter consoles where staff sign in) may also read and add staff PIN
  hashes (``staff_pins``), which no other role sees.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Protocol

from app.errors import UserError
from app.events import Event
from app.store import Store, open_store

_PG_PREFIXES = ("postgresql://", "postgres://")


class _Ctx(Protocol):
    """The part of :class:`app.cli.Context` these commands use."""

    args: argparse.Namespace

    @property
    def config(self) -> Any: ...


def store_url(value: str) -> str:
    """A store URL from what a person typed: a URL, or the path of a SQLite file."""
    if value.startswith(("sqlite:///", *_PG_PREFIXES)):
        return value
    if "://" in value:
        raise UserError(f'"{value}" is neither a sqlite:/// or postgresql:// URL nor a file path')
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def _url(ctx: _Ctx) -> str:
    if ctx.args.url:
        return store_url(ctx.args.url)
    return str(ctx.config.store.url)


def _pg_connect(url: str) -> Any:
    import psycopg

    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=5)
    except psycopg.Error as exc:
        raise UserError(f"cannot connect to the PostgreSQL server: {exc}".strip()) from exc


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    if url.startswith(_PG_PREFIXES):
        from psycopg import conninfo

        params = conninfo.conninfo_to_dict(url)
        return (f"PostgreSQL {params.get('user', '')}@{params.get('host', 'localhost')}:"
                f"{params.get('port', '5432')}/{params.get('dbname', '')}")
    return url


# --------------------------------------------------------------------------- migrate


def cmd_migrate(ctx: _Ctx) -> int:
    url = _url(ctx)
    if not url.startswith(_PG_PREFIXES):
        store = open_store(url, "." if ctx.args.url else ctx.config.base_dir)
        print(f"{store.describe()}: the embedded store keeps its schema current by itself")
        store.close()
        return 0
    import psycopg

    from app.store import pg_schema

    with _pg_connect(url) as conn:
        try:
            before, after = pg_schema.migrate(conn)
        except pg_schema.SchemaError as exc:
            raise UserError(f"{_safe(url)}: {exc}") from exc
        except psycopg.errors.InsufficientPrivilege as exc:
            raise UserError(
                f"{_safe(url)}: this role may not change the schema; run migrate as the "
                f"database owner ({exc})"
            ) from exc
        except psycopg.Error as exc:
            raise UserError(f"{_safe(url)}: migration failed, nothing changed ({exc})") from exc
    if before == after:
        print(f"{_safe(url)}: schema is current (version {after})")
    else:
        print(f"{_safe(url)}: schema migrated from version {before} to {after}")
    return 0


# --------------------------------------------------------------------------- copy


def copy_log(source: Store, dest: Store, page: int = 5000) -> int:
    """Copy every event of ``source`` into the empty ``dest``, in order; returns the count.

    Refuses a source whose hash chain does not verify (copying would re-hash
    and so hide the damage) and a destination that already holds events.
    After the copy the destination's chain is verified.
    """
    held = dest.head()
    if held:
        raise UserError(
            f"{dest.describe()} already holds {held} events; copy only into an empty log"
        )
    check = source.verify()
    if not check.ok:
        raise UserError(
            f"{source.describe()}: the hash chain is broken at record {check.first_bad_seq} "
            f"({check.problem}); nothing copied"
        )
    n = 0
    last = 0
    #: source seq -> copy seq (records retention emptied are not read, so not copied)
    placed: dict[int, int] = {}
    with dest.transaction() as txn:
        # a faithful copy: the events were checked when they entered the source, and a
        # voided bad record must travel with its void
        txn.checked = False
        while True:
            batch = source.read_after(last, limit=page)
            if not batch:
                break
            for e in batch:
                stored = txn.append(Event(e.kind, e.ts, e.actor, e.data))
                if e.seq is not None and stored.seq is not None:
                    placed[e.seq] = stored.seq
            n += len(batch)
            last = batch[-1].seq or last
        # the PIN hashes go beside the copied log, as beside the source's, never in it
        for row in source.pin_rows():
            if row.seq in placed:
                txn.set_pin_hash(placed[row.seq], row.staff, row.pin_hash)
    result = dest.verify()
    if not result.ok or result.checked != n:
        raise UserError(
            f"{dest.describe()}: the copied chain does not verify "
            f"(record {result.first_bad_seq}: {result.problem})"
        )
    return n


def cmd_copy(ctx: _Ctx) -> int:
    src_url, dst_url = store_url(ctx.args.source), store_url(ctx.args.dest)
    if src_url == dst_url:
        raise UserError("FROM and TO are the same store")
    if src_url.startswith("sqlite:///") and not Path(src_url.removeprefix("sqlite:///")).exists():
        raise UserError(f"{ctx.args.source}: no such file")
    source = open_store(src_url)
    created: Path | None = None
    try:
        source.head()  # an unreachable source fails here, before anything is created
        if dst_url.startswith("sqlite:///"):
            target = Path(dst_url.removeprefix("sqlite:///"))
            created = None if target.exists() else target
        dest = open_store(dst_url)
        try:
            n = copy_log(source, dest)
            created = None
            print(f"copied {n} events from {source.describe()} to {dest.describe()}; "
                  f"the hash chain verifies")
        finally:
            dest.close()
    finally:
        source.close()
        if created is not None:
            # a file this command made for a copy that did not happen
            for suffix in ("", "-wal", "-shm"):
                Path(str(created) + suffix).unlink(missing_ok=True)
    return 0


# --------------------------------------------------------------------------- roles


def cmd_create_role(ctx: _Ctx) -> int:
    url = _url(ctx)
    if not url.startswith(_PG_PREFIXES):
        raise UserError("roles exist only in PostgreSQL: give --url postgresql://OWNER@HOST/DB")
    import psycopg
    from psycopg import conninfo

    from app.store import pg_schema

    if ctx.args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
        if len(password) < 12:
            raise UserError("the password must have at least 12 characters")
        generated = False
    else:
        password = pg_schema.generate_password()
        generated = True
    with _pg_connect(url) as conn:
        try:
            pg_schema.create_role(conn, ctx.args.name, password, read_only=ctx.args.read_only,
                                  pins=ctx.args.pins)
        except pg_schema.SchemaError as exc:
            raise UserError(f"{_safe(url)}: {exc}") from exc
        except psycopg.errors.DuplicateObject as exc:
            raise UserError(f'the role "{ctx.args.name}" exists already') from exc
        except psycopg.Error as exc:
            raise UserError(f"{_safe(url)}: cannot create the role ({exc})") from exc
    params = conninfo.conninfo_to_dict(url)
    what = "read events" if ctx.args.read_only else "read and append events"
    if ctx.args.pins:
        what += " and check staff PINs"
    print(f'created role "{ctx.args.name}": it may {what}, nothing else')
    shown = password if generated else "PASSWORD"
    print(f"store URL for the hall's machines: postgresql://{ctx.args.name}:{shown}@"
          f"{params.get('host', 'localhost')}:{params.get('port', '5432')}/"
          f"{params.get('dbname', '')}")
    if generated:
        print("the password is shown only now; keep it in the kiosks' configuration")
    return 0


# --------------------------------------------------------------------------- parser


def add_parser(sub: Any) -> None:
    """Register ``motcua store`` with the main command line."""
    st = sub.add_parser("store", help="the event store: schema, copying, database roles")
    ssub = st.add_subparsers(dest="store_command", metavar="ACTION", required=True)

    p = ssub.add_parser("migrate", help="create or upgrade the PostgreSQL schema")
    p.add_argument("--url", help="the store (default: the configuration's store.url)")
    p.set_defaults(func=cmd_migrate)

    p = ssub.add_parser("copy", help="copy a whole log into an empty store (SQLite ⇄ PostgreSQL)")
    p.add_argument("source", metavar="FROM", help="sqlite:///PATH, a file path or postgresql://…")
    p.add_argument("dest", metavar="TO", help="sqlite:///PATH, a file path or postgresql://…")
    p.set_defaults(func=cmd_copy)

    p = ssub.add_parser(
        "create-role", help="create the role kiosks and displays log in as (read + append only)"
    )
    p.add_argument("name", help="the new role's name, e.g. kiosk")
    p.add_argument("--url", help="the owner's PostgreSQL URL (default: store.url)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--read-only", action="store_true", help="may only read (for displays)")
    mode.add_argument("--pins", action="store_true",
                      help="may also check staff PINs: for kiosks and counter consoles where "
                      "staff sign in (never for displays or the phone page)")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of stdin (else one is generated)")
    p.set_defaults(func=cmd_create_role)
