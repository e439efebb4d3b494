"""The PostgreSQL schema of the hall's event log, versioned, and its migrations.

Each migration is a numbered block of SQL; :func:`migrate` applies the ones a
database has not seen, in one transaction, under an advisory lock so that two
programs starting at once do not both try. The version lives in
``motcua_meta``. A database newer than this program is refused rather than
guessed at.

The log is append-only for everyone, the owner included: triggers refuse
UPDATE, DELETE and TRUNCATE on ``events`` (as the SQLite store's triggers do),
except retention removing a body in a transaction that declares it (every
hash stays, so the chain still verifies),
and a statement trigger announces new rows with ``NOTIFY motcua_events``, so
any writer, even a bulk copy, wakes every display.
"""

from __future__ import annotations

import secrets
import string

import psycopg
from psycopg import sql

#: the NOTIFY channel that announces new events (payload: the highest new seq)
CHANNEL = "motcua_events"

#: advisory lock keys (a 64-bit number each; "motcua" in ASCII, then a purpose)
WRITE_LOCK = 0x6D6F74637561_01
MIGRATE_LOCK = 0x6D6F74637561_02
#: sign-ins take turns on this (app.store.base.Store.pin_turn), apart from the writers
PIN_LOCK = 0x6D6F74637561_03

_V1 = """
CREATE TABLE motcua_meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);
-- body is NULL once retention has removed it; body_hash stays, and the chain
-- covers body_hash, so the chain still verifies (as in the SQLite store)
CREATE TABLE events (
    seq       bigint      PRIMARY KEY CHECK (seq > 0),
    ts        timestamptz NOT NULL,
    kind      text        NOT NULL,
    ticket    text,
    body      text,
    body_hash text        NOT NULL,
    prev_hash text        NOT NULL,
    hash      text        NOT NULL
);
CREATE INDEX events_ts ON events (ts);
CREATE INDEX events_ticket ON events (ticket);

-- The only change ever allowed: retention removing a body (and its ticket
-- number), inside a transaction that says so, leaving every hash in place.
-- Only the owner holds UPDATE at all; kiosk roles are refused before this.
CREATE FUNCTION motcua_guard_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF coalesce(current_setting('motcua.purging', true), '') = 'on'
           AND NEW.body IS NULL AND NEW.ticket IS NULL
           AND NEW.seq = OLD.seq AND NEW.ts = OLD.ts AND NEW.kind = OLD.kind
           AND NEW.body_hash = OLD.body_hash AND NEW.prev_hash = OLD.prev_hash
           AND NEW.hash = OLD.hash THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'the event log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION motcua_guard_events();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION motcua_guard_events();

CREATE FUNCTION motcua_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('motcua_events', (SELECT max(seq) FROM new_rows)::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER events_announce AFTER INSERT ON events
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION motcua_announce();

REVOKE ALL ON events, motcua_meta FROM PUBLIC;
"""

_V2 = """
-- signed checkpoints of the chain head (app.store.checkpoint), one per write
-- transaction of each box, kept beside the log and append-only like it
CREATE TABLE checkpoints (
    seq  bigint NOT NULL CHECK (seq > 0),
    hash text   NOT NULL,
    ts   text   NOT NULL,
    key  text   NOT NULL,
    sig  text   NOT NULL,
    PRIMARY KEY (seq, key)
);
CREATE TRIGGER checkpoints_no_change BEFORE UPDATE OR DELETE ON checkpoints
    FOR EACH ROW EXECUTE FUNCTION motcua_guard_events();
CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION motcua_guard_events();
REVOKE ALL ON checkpoints FROM PUBLIC;
-- roles made before this version may do to checkpoints what they may do to events
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT DISTINCT grantee, privilege_type FROM information_schema.role_table_grants
             WHERE table_name = 'events' AND privilege_type IN ('SELECT', 'INSERT')
               AND grantee <> current_user LOOP
        EXECUTE format('GRANT %s ON checkpoints TO %I', r.privilege_type, r.grantee);
    END LOOP;
END
$$;
-- when this log began: the time window of events is reckoned from it (app.validation)
INSERT INTO motcua_meta (key, value)
    VALUES ('created_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'))
    ON CONFLICT (key) DO NOTHING;
"""

_V3 = """
-- staff PIN hashes (argon2id) beside the log, never in it: one row per PIN set, keyed
-- by the log record that set it. Only the owner and the roles that check PINs (the
-- kiosk and counter roles, see create_role) may read it; displays and the phone page may not.
CREATE TABLE staff_pins (
    seq      bigint PRIMARY KEY CHECK (seq > 0),
    staff    text   NOT NULL,
    pin_hash text   NOT NULL
);
CREATE INDEX staff_pins_staff ON staff_pins (staff, seq);
REVOKE ALL ON staff_pins FROM PUBLIC;
-- a record whose PIN hash was moved out keeps its body_hash (the chain covers it) and is
-- marked: verify checks it against its body with the hash put back from staff_pins
ALTER TABLE events ADD COLUMN scrubbed boolean NOT NULL DEFAULT false;
CREATE OR REPLACE FUNCTION motcua_guard_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.seq = OLD.seq AND NEW.ts = OLD.ts AND NEW.kind = OLD.kind
       AND NEW.body_hash = OLD.body_hash AND NEW.prev_hash = OLD.prev_hash
       AND NEW.hash = OLD.hash THEN
        IF coalesce(current_setting('motcua.purging', true), '') = 'on'
           AND NEW.body IS NULL AND NEW.ticket IS NULL THEN
            RETURN NEW;
        END IF;
        IF coalesce(current_setting('motcua.scrubbing', true), '') = 'on'
           AND NEW.scrubbed AND NEW.body IS NOT NULL THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'the event log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER staff_pins_no_change BEFORE UPDATE OR DELETE ON staff_pins
    FOR EACH ROW EXECUTE FUNCTION motcua_guard_events();
CREATE TRIGGER staff_pins_no_truncate BEFORE TRUNCATE ON staff_pins
    FOR EACH STATEMENT EXECUTE FUNCTION motcua_guard_events();
-- the hashes already in staff records move out of the log
SELECT set_config('motcua.scrubbing', 'on', true);
INSERT INTO staff_pins (seq, staff, pin_hash)
    SELECT seq, body::jsonb ->> 'staff', body::jsonb ->> 'pin_hash' FROM events
    WHERE kind IN ('staff_added', 'staff_pin_set') AND body IS NOT NULL
      AND jsonb_typeof(body::jsonb -> 'pin_hash') = 'string';
UPDATE events SET body = (body::jsonb - 'pin_hash')::text, scrubbed = true
    WHERE seq IN (SELECT seq FROM staff_pins);
SELECT set_config('motcua.scrubbing', '', true);
-- roles made before this version that may append events kept checking PINs (they read
-- them from the log): they keep doing so; a phone page's role among them should lose it
-- (docs/hall-mode.md: REVOKE ALL ON staff_pins FROM ...); new roles get it with --pins
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT DISTINCT grantee FROM information_schema.role_table_grants
             WHERE table_name = 'events' AND privilege_type = 'INSERT'
               AND grantee <> current_user LOOP
        EXECUTE format('GRANT SELECT, INSERT ON staff_pins TO %I', r.grantee);
    END LOOP;
END
$$;
"""

#: (version, what it does, SQL), in order; never edit a released one, add the next
MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "the event log, append-only, announced by NOTIFY", _V1),
    (2, "signed checkpoints beside the log; the log's creation time", _V2),
    (3, "staff PIN hashes in their own table, out of the log", _V3),
]

LATEST = MIGRATIONS[-1][0]


class SchemaError(RuntimeError):
    """The database's schema cannot be used by this program."""


def current_version(conn: psycopg.Connection[tuple[object, ...]]) -> int:
    """The schema version of the database (0: no schema yet)."""
    row = conn.execute("SELECT to_regclass('motcua_meta') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    row = conn.execute("SELECT value FROM motcua_meta WHERE key = 'schema_version'").fetchone()
    return int(str(row[0])) if row else 0


def migrate(conn: psycopg.Connection[tuple[object, ...]]) -> tuple[int, int]:
    """Bring the schema to :data:`LATEST`; returns (version before, version after).

    ``conn`` must be in autocommit mode and belong to the role that owns (or
    may create) the tables.
    """
    # The lock is taken before the transaction begins, not inside it: a
    # transaction that waited for another process's migration could still
    # see the catalog as it was when it began (an advisory lock does not
    # refresh it) and try to create the tables a second time.
    conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATE_LOCK,))
    try:
        with conn.transaction():
            before = current_version(conn)
            if before > LATEST:
                raise SchemaError(
                    f"the database has schema version {before}, newer than this program's "
                    f"{LATEST}"
                )
            for version, _what, body in MIGRATIONS:
                if version <= before:
                    continue
                conn.execute(body.encode())
                conn.execute(
                    "INSERT INTO motcua_meta (key, value) VALUES ('schema_version', %s)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(version),),
                )
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATE_LOCK,))
    return before, LATEST


def generate_password(length: int = 24) -> str:
    """A random password of letters and digits (easy to type into a config file)."""
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(length))


def create_role(
    conn: psycopg.Connection[tuple[object, ...]],
    name: str,
    password: str,
    *,
    read_only: bool = False,
    pins: bool = False,
) -> None:
    """Create a login role that may read events and (unless ``read_only``) append them.

    With ``pins`` (not with ``read_only``) the role checks staff PINs (a kiosk or
    a counter console), so it may read and add rows of ``staff_pins``; no other
    role (a display's, the phone page's) sees them. Nothing else: no UPDATE,
    DELETE, TRUNCATE, DDL or other table. The password is sent to the server only
    as a SCRAM verifier computed here.
    """
    if pins and read_only:
        raise SchemaError("a read-only role cannot check PINs (a PIN check writes its outcome)")
    if current_version(conn) == 0:
        raise SchemaError("the database has no motcua schema yet: run 'motcua store migrate'")
    verifier = conn.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256")
    role = sql.Identifier(name)
    row = conn.execute("SELECT current_database(), current_schema()").fetchone()
    if row is None:
        raise SchemaError("cannot tell the current database")
    database, schema = str(row[0]), str(row[1])
    privileges = sql.SQL("SELECT") if read_only else sql.SQL("SELECT, INSERT")
    with conn.transaction():
        conn.execute(
            sql.SQL(
                "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT"
                " NOREPLICATION PASSWORD {}"
            ).format(role, sql.Literal(verifier.decode()))
        )
        conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
            sql.Identifier(database), role))
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(
            sql.Identifier(schema), role))
        conn.execute(sql.SQL("GRANT {} ON events TO {}").format(privileges, role))
        conn.execute(sql.SQL("GRANT {} ON checkpoints TO {}").format(privileges, role))
        conn.execute(sql.SQL("GRANT SELECT ON motcua_meta TO {}").format(role))
        if pins:
            conn.execute(sql.SQL("GRANT SELECT, INSERT ON staff_pins TO {}").format(role))
