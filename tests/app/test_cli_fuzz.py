"""Fuzzing the command line, the configuration and ``events import``: no traceback, no change.

Whatever the arguments, the configuration file or the imported file hold,
the command ends with a message (or argparse's usage), never a Python
traceback, and a refused command leaves the store exactly as it was.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main
from app.config import Config, ConfigError, load_config, parse_config
from app.store.sqlite import SQLiteStore
from tests.helpers.cli import ROOT, config_file

FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

#: words of read-only commands and options, mixed with arbitrary text
WORDS = st.sampled_from([
    "events", "export", "import", "audit", "verify", "list", "wait", "status", "replay",
    "sign", "keygen", "store", "staff", "--from", "--to", "--json", "--limit", "--staff",
    "--ticket", "--model", "--events", "--out", "--key", "-", "2026-13-45", "0", "-1",
    "1e309", "nan", "../../etc/passwd", "\x00", "é", "--config", "--help",
])
TOKENS = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=5)


def _run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: usage and exit 2
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue() + err.getvalue()


@pytest.fixture(scope="module")
def hall(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A configuration and a store with a few events, shared by the examples."""
    folder = tmp_path_factory.mktemp("fuzz")
    cfg = config_file(folder)
    assert _run(["--config", str(cfg), "events", "import",
                 str(ROOT / "tests" / "app" / "data" / "fuzz-seed.jsonl")])[0] == 0
    return cfg, folder / "motcua.db"


def _fingerprint(db: Path) -> tuple[int, bool, str]:
    store = SQLiteStore(db, read_only=True)
    try:
        events = store.read_after(0)
        return store.head(), store.verify().ok, json.dumps([e.canonical() for e in events])
    finally:
        store.close()


@FUZZ
@given(argv=TOKENS)
def test_the_command_line_never_prints_a_traceback(hall: tuple[Path, Path],
                                                    argv: list[str]) -> None:
    cfg, db = hall
    if "keygen" in argv or "sign" in argv or "--out" in argv:
        # they write files where they are told: keep them inside the test's folder
        argv = [a if not a.startswith(("/", "..")) else "x" for a in argv]
    before = _fingerprint(db)
    code, said = _run(["--config", str(cfg), *argv])
    assert "Traceback" not in said and "unexpected error" not in said, said
    if argv[:2] != ["events", "import"] or code != 0:
        assert _fingerprint(db) == before


@FUZZ
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_configuration_file_is_loaded_or_refused_with_a_message(
    tmp_path: Path, raw: bytes
) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(raw)
    with contextlib.suppress(ConfigError):
        load_config(path)


_DEFAULT = tomllib.loads((ROOT / "config" / "default.toml").read_text(encoding="utf-8"))
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats()
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                  max_size=3),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


PATHS = [*_paths(_DEFAULT), ("web", "max_connections"), ("estimates", "public_key"),
         ("devices", "speech", "call_template", "vi"), ("nonsense",)]


@FUZZ
@given(changes=st.lists(st.tuples(st.sampled_from(PATHS), VALUES), min_size=1, max_size=3))
def test_any_configuration_value_is_accepted_or_named(changes: list[tuple[Any, Any]]) -> None:
    data = json.loads(json.dumps(_DEFAULT))
    for path, value in changes:
        node = data
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    try:
        parse_config(data)
    except ConfigError as exc:
        # the message starts with the key: a section of the file (or the unknown one)
        top = re.split(r"[.\[:]", exc.message, maxsplit=1)[0]
        assert top in {*Config.model_fields, "nonsense"}, exc.message


EVENT_LINE = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda kind, ts, fields: json.dumps({"event": kind, "ts": ts, "actor": "fuzz", **fields}),
        st.sampled_from(["issued", "called", "completed", "incident", "counter_open", "x", ""]),
        st.sampled_from(["2026-04-13T09:00:00+07:00", "0001-01-01T00:00:00+14:00",
                         "9999-12-31T23:59:59-12:00", "2026-04-13", "nan", ""]),
        st.dictionaries(st.sampled_from(["ticket", "service", "counter", "number", "detail",
                                         "source", "code", "services", "seq"]),
                        VALUES, max_size=4),
    ),
    st.just('{"event": "incident", "event": "issued"}'),
    st.just('{"ts": NaN}'),
)


@FUZZ
@given(lines=st.lists(EVENT_LINE, min_size=1, max_size=6))
def test_events_import_never_prints_a_traceback(hall: tuple[Path, Path], tmp_path: Path,
                                                lines: list[str]) -> None:
    cfg, db = hall
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    before = _fingerprint(db)
    code, said = _run(["--config", str(cfg), "events", "import", str(path)])
    assert "Traceback" not in said and "unexpected error" not in said, said
    if code != 0:
        assert _fingerprint(db) == before
