"""Every event is checked for sense before it enters the log: commands, import, peers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.clock import ManualClock
from app.events import Event, EventFormatError, parse_line
from app.staff import Role
from app.store.sqlite import SQLiteStore
from app.validation import (
    STAFF_ROLES,
    EventRefused,
    References,
    Window,
    check_event,
)
from tests.conftest import VN
from tests.helpers.cli import hall_file

NOW = datetime(2026, 4, 13, 9, 0, tzinfo=VN)
WINDOW = Window.around(NOW - timedelta(days=30), NOW)


def _ev(kind: str, ts: datetime = NOW, **data: object) -> Event:
    return Event(kind, ts, "kiosk-1", data)


def _refused(event: Event, rule: str, window: Window | None = WINDOW) -> str:
    with pytest.raises(EventRefused) as exc:
        check_event(event, window)
    assert exc.value.rule == rule
    return str(exc.value)


def test_a_sensible_event_passes() -> None:
    check_event(_ev("issued", ticket="A001", service="A", priority=False, number=1), WINDOW)


def test_times_outside_the_window_are_refused() -> None:
    year_one = parse_line('{"ts":"0001-01-01T00:00:00+14:00","event":"counter_pause",'
                          '"counter":1}')
    assert "out of range" in _refused(year_one, "time.too_old", None)
    old = _ev("counter_pause", NOW - timedelta(days=500), counter=1)
    assert "400 days before this store was created" in _refused(old, "time.too_old")
    tomorrow = _ev("issued", NOW + timedelta(days=1), ticket="A001", service="A",
                   priority=False)
    assert "in the future" in _refused(tomorrow, "time.future")
    # a little skew is allowed
    check_event(_ev("counter_pause", NOW + timedelta(minutes=4), counter=1), WINDOW)


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("issued", {"ticket": "A001", "service": "A", "priority": False, "number": 123456},
         "number"),
        ("estimated", {"ticket": "A001", "service": "A", "median_s": float("nan"), "p10_s": 0,
                       "p90_s": 1, "method": "plain"}, "median_s"),
        ("estimated", {"ticket": "A001", "service": "A", "median_s": 1e12, "p10_s": 0,
                       "p90_s": 1, "method": "plain"}, "median_s"),
        ("estimate_correction", {"service": "A", "minutes": 99999, "reason": "x"}, "minutes"),
        ("incident", {"source": "x", "code": "y", "detail": "z" * 5000}, "detail"),
    ],
)
def test_values_out_of_bounds_are_refused(kind: str, data: dict[str, object], field: str) -> None:
    assert f'"{field}"' in _refused(_ev(kind, **data), "value.bounds")


def test_staff_events_need_a_known_role_and_a_sane_lockout() -> None:
    assert {r.value for r in Role} == STAFF_ROLES
    god = _ev("staff_added", staff="9", name="X", staff_role="god", pin_hash="h")
    assert 'staff role "god"' in _refused(god, "staff.role")
    forever = _ev("staff_locked", pad="kiosk-1", until="9999-12-31T00:00:00+07:00")
    assert "lockout" in _refused(forever, "staff.lockout")
    backwards = _ev("staff_locked", pad="kiosk-1", until=(NOW - timedelta(hours=1)).isoformat())
    _refused(backwards, "staff.lockout")
    check_event(_ev("staff_locked", pad="kiosk-1", until=(NOW + timedelta(minutes=5)).isoformat()),
                WINDOW)


def test_references_must_exist() -> None:
    refs = References()
    call = _ev("called", ticket="A001", service="A", counter=1)
    with pytest.raises(EventRefused, match="never issued") as exc:
        refs.check(call, 1)
    assert exc.value.rule == "ref.ticket"
    refs.add(_ev("issued", ticket="A001", service="A", priority=False).with_seq(1))
    refs.check(call, 2)
    with pytest.raises(EventRefused, match="no record 9"):
        refs.check(_ev("voided", target_seq=9, reason="x"), 3)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"ts":"2026-04-13T09:00:00+07:00","event":"estimate_correction","service":"A",'
         '"minutes":NaN,"reason":"x"}', "NaN is not a number"),
        ('{"ts":"2026-04-13T09:00:00+07:00","event":"estimate_correction","service":"A",'
         '"minutes":Infinity,"reason":"x"}', "Infinity is not a number"),
        ('{"ts":"2026-04-13T09:00:00+07:00","event":"counter_pause","counter":1,"counter":2}',
         'the key "counter" appears twice'),
    ],
)
def test_nan_infinity_and_duplicate_keys_are_refused(line: str, message: str) -> None:
    with pytest.raises(EventFormatError, match=message):
        parse_line(line)


def test_the_store_refuses_a_senseless_append(store: SQLiteStore) -> None:
    store.clock = ManualClock(NOW)
    with pytest.raises(EventRefused) as exc:
        store.append_all([
            _ev("counter_pause", counter=1),
            _ev("staff_added", staff="9", name="X", staff_role="god", pin_hash="h"),
        ])
    assert exc.value.rule == "staff.role"
    assert store.head() == 0  # all or nothing


# --------------------------------------------------------------------------- import

def _lines(*events: dict[str, object]) -> str:
    return "".join(json.dumps(e) + "\n" for e in events)


GOOD = [
    {"ts": "2026-04-13T08:00:00+07:00", "event": "issued", "ticket": "A001", "service": "A",
     "priority": False},
    {"ts": "2026-04-13T08:05:00+07:00", "event": "counter_open", "counter": 1,
     "services": ["A"]},
    {"ts": "2026-04-13T08:06:00+07:00", "event": "called", "ticket": "A001", "service": "A",
     "counter": 1},
]


def test_import_twice_appends_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = hall_file(tmp_path)
    src = tmp_path / "in.jsonl"
    src.write_text(_lines(*GOOD), encoding="utf-8")
    assert main(["--config", str(cfg), "events", "import", str(src)]) == 0
    assert main(["--config", str(cfg), "events", "import", str(src)]) == 0
    out = capsys.readouterr().out
    assert "imported 3 events" in out
    assert "imported 0 events" in out and "3 already in the log, not added again" in out
    more = [*GOOD, {"ts": "2026-04-13T08:20:00+07:00", "event": "completed", "ticket": "A001",
                    "service": "A", "counter": 1}]
    src.write_text(_lines(*more), encoding="utf-8")
    assert main(["--config", str(cfg), "events", "import", str(src)]) == 0
    assert "imported 1 events" in capsys.readouterr().out
    store = SQLiteStore(tmp_path / "events.db")
    try:
        assert [e.kind for e in store.read_after(0)] == ["issued", "counter_open", "called",
                                                         "completed"]
    finally:
        store.close()


@pytest.mark.parametrize(
    ("bad", "rule"),
    [
        ({"ts": "0001-01-01T00:00:00+14:00", "event": "counter_pause", "counter": 1},
         "time.too_old"),
        ({"ts": "2099-01-01T08:00:00+07:00", "event": "counter_pause", "counter": 1},
         "time.future"),
        ({"ts": "2026-04-13T08:30:00+07:00", "event": "staff_added", "staff": "7", "name": "X",
          "staff_role": "root", "pin_hash": "h"}, "staff.role"),
        ({"ts": "2026-04-13T08:30:00+07:00", "event": "staff_locked", "pad": "k",
          "until": "9999-01-01T00:00:00+07:00"}, "staff.lockout"),
        ({"ts": "2026-04-13T08:30:00+07:00", "event": "called", "ticket": "B777",
          "service": "B", "counter": 1}, "ref.ticket"),
    ],
)
def test_a_senseless_import_names_file_line_and_rule_and_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: dict[str, object], rule: str
) -> None:
    cfg = hall_file(tmp_path)
    src = tmp_path / "in.jsonl"
    events = [*GOOD, bad] if not str(bad["ts"]).startswith("0001") else [bad, *GOOD]
    src.write_text(_lines(*events), encoding="utf-8")
    assert main(["--config", str(cfg), "events", "import", str(src)]) == 1
    err = capsys.readouterr().err
    line = 1 if str(bad["ts"]).startswith("0001") else 4
    assert f"{src}:{line}:" in err and f"(rule {rule})" in err and "nothing imported" in err
    assert "Traceback" not in err
    store = SQLiteStore(tmp_path / "events.db")
    try:
        assert store.head() == 0
    finally:
        store.close()


def test_a_real_time_import_of_now_is_accepted(tmp_path: Path) -> None:
    cfg = hall_file(tmp_path)
    src = tmp_path / "in.jsonl"
    now = datetime.now(UTC).replace(microsecond=0)
    src.write_text(_lines({"ts": now.isoformat(), "event": "counter_pause", "counter": 1}),
                   encoding="utf-8")
    assert main(["--config", str(cfg), "events", "import", str(src)]) == 0
