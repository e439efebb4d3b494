"""``motcua doctor``: one verdict per check, failures named with what to do, exit code."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from app.clock import ManualClock
from app.config import Config, ConfigError, load_config
from app.doctor import (
    VIETNAMESE_LETTERS,
    Doctor,
    Environment,
    Finding,
    Verdict,
    connected_screens,
    format_table,
    missing_glyphs,
    run_doctor,
    system_time_zone,
)
from app.events import Event
from app.ports import (
    Camera,
    CameraError,
    Printer,
    PrintError,
    PrinterState,
    PrinterStatus,
    Speech,
    TicketPrint,
    Voice,
)
from app.store.sqlite import SQLiteStore
from tests.helpers.devices import use_devices

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 4, 13, 2, 0, tzinfo=UTC)


# --------------------------------------------------------------------------- fakes


class FakePrinter(Printer):
    def __init__(self, state: PrinterState = PrinterState.READY, fail_print: bool = False) -> None:
        self.state = state
        self.fail_print = fail_print
        self.printed: list[TicketPrint] = []
        self.closed = False

    def status(self) -> PrinterStatus:
        return PrinterStatus(self.state, "fake")

    def print_ticket(self, ticket: TicketPrint) -> None:
        if self.fail_print:
            raise PrintError("The printer jammed.", PrinterState.ERROR, "cutter error")
        self.printed.append(ticket)

    def close(self) -> None:
        self.closed = True


class FakeSpeech(Speech):
    def __init__(self, voices: list[Voice]) -> None:
        self._voices = voices

    def voices(self) -> list[Voice]:
        return self._voices

    def say(self, text: str, language: str) -> None:  # pragma: no cover - not spoken here
        pass


class FakeCamera(Camera):
    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.closed = False

    def open(self) -> None:
        if self.fail:
            raise CameraError("The camera cannot be opened.", "VIDIOC_STREAMON: EBUSY")

    def read(self) -> Any:
        return np.zeros((480, 640, 3), dtype=np.uint8)

    def close(self) -> None:
        self.closed = True


@dataclass
class Ctx:
    """Shaped like app.cli.Context as far as the doctor uses it."""

    cfg: Config | None
    store_obj: Any = None
    json: bool = False
    test_ticket: bool = False
    config_error: str = ""
    args: Any = field(init=False)

    def __post_init__(self) -> None:
        self.args = SimpleNamespace(json=self.json, test_ticket=self.test_ticket)

    @property
    def config(self) -> Config:
        if self.config_error:
            raise ConfigError(self.config_error)
        assert self.cfg is not None
        return self.cfg

    @property
    def store(self) -> Any:
        if isinstance(self.store_obj, Exception):
            raise self.store_obj
        return self.store_obj


@pytest.fixture
def cfg(tmp_path: Path) -> Config:
    base = load_config(ROOT / "config" / "default.toml")
    return base.model_copy(update={"base_dir": str(tmp_path)})


@pytest.fixture
def env(tmp_path: Path) -> Environment:
    drm = tmp_path / "drm"
    conn = drm / "card1-HDMI-A-1"
    conn.mkdir(parents=True)
    (conn / "status").write_text("connected\n")
    (conn / "modes").write_text("1920x1080\n1280x720\n")
    localtime = tmp_path / "localtime"
    localtime.symlink_to("/usr/share/zoneinfo/Asia/Ho_Chi_Minh")
    return Environment(
        clock=ManualClock(NOW),
        drm_root=drm,
        localtime=localtime,
        run=lambda argv: "yes\n",
    )


@pytest.fixture
def devices_ok(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    made: dict[str, Any] = {
        "printer": FakePrinter(),
        "speech": FakeSpeech([Voice("vi", "Vietnamese", ("vi",)), Voice("en", "English", ("en",))]),
        "camera": FakeCamera(),
    }
    use_devices(monkeypatch, make_printer=lambda c, b: made["printer"],
                make_speech=lambda c, b: made["speech"],
                make_camera=lambda c, b: made["camera"])
    return made


def by_check(findings: list[Finding]) -> dict[str, Finding]:
    return {f.check: f for f in findings}


# --------------------------------------------------------------------------- whole runs


def test_healthy_box_passes_with_exit_code_zero(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any]
) -> None:
    out = io.StringIO()
    code = run_doctor(Ctx(cfg, store), env, out)
    text = out.getvalue()
    assert code == 0, text
    for check in (
        "config",
        "store",
        "printer",
        "camera",
        "speech",
        "fonts",
        "model",
        "screen",
        "disk",
        "clock",
        "time zone",
    ):
        assert any(line.startswith(check) for line in text.splitlines()), check
    assert "FAIL" not in text
    assert devices_ok["printer"].closed


def test_json_output_lists_every_check_with_a_verdict(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any]
) -> None:
    out = io.StringIO()
    code = run_doctor(Ctx(cfg, store, json=True), env, out)
    data = json.loads(out.getvalue())
    assert code == 0
    assert data["ok"] is True
    assert {c["verdict"] for c in data["checks"]} <= {"OK", "WARN", "SKIP"}
    assert [c["check"] for c in data["checks"]][:4] == ["config", "store", "events", "printer"]


def test_bad_configuration_is_a_failed_line_not_a_crash(env: Environment) -> None:
    out = io.StringIO()
    ctx = Ctx(None, config_error='services[1].prefix: "AA" must be one capital letter\nx: y')
    code = run_doctor(ctx, env, out)
    text = out.getvalue()
    assert code == 1
    findings = by_check(Doctor(ctx, env).run())
    assert findings["config"].verdict is Verdict.FAIL
    assert 'services[1].prefix: "AA"' in findings["config"].detail
    assert "(and 1 more)" in findings["config"].detail
    assert findings["store"].verdict is Verdict.SKIP
    # the fonts do not depend on the configuration and are still checked
    assert findings["fonts"].verdict is Verdict.OK
    assert "1 FAILED" in text


def test_unreachable_store_fails_with_the_reason(
    cfg: Config, env: Environment, devices_ok: dict[str, Any]
) -> None:
    from app.errors import StoreError

    ctx = Ctx(cfg, StoreError("cannot connect to the hall database", "connection refused"))
    f = by_check(Doctor(ctx, env).run())["store"]
    assert f.verdict is Verdict.FAIL
    assert "cannot connect to the hall database" in f.detail
    assert "runbook: store" in f.action


def test_store_reports_events_and_size_and_detects_a_changed_byte(
    cfg: Config, tmp_path: Path, env: Environment, devices_ok: dict[str, Any]
) -> None:
    import sqlite3

    path = tmp_path / "log.db"
    store = SQLiteStore(path)
    try:
        store.append_all(
            [
                Event("counter_pause", NOW, "staff-1", {"counter": 1}),
                Event("counter_pause", NOW, "staff-1", {"counter": 2}),
            ]
        )
        f = by_check(Doctor(Ctx(cfg, store), env).run())["store"]
        assert f.verdict is Verdict.OK
        assert "2 events" in f.detail and "KiB" in f.detail
        conn = sqlite3.connect(path)
        table, column = _body_column(conn)
        # someone with a shell on the box removes the guard, then edits a past event
        conn.execute("DROP TRIGGER IF EXISTS events_no_update")
        conn.execute(
            f"UPDATE {table} SET {column} = replace({column}, '\"counter\":2', "
            "'\"counter\":3') WHERE seq = 2"
        )
        conn.commit()
        conn.close()
        f = by_check(Doctor(Ctx(cfg, store), env).run())["store"]
        assert f.verdict is Verdict.FAIL
        assert "broken at event 2" in f.detail
        assert "do not delete" in f.action
    finally:
        store.close()


def _body_column(conn: Any) -> tuple[str, str]:
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"):
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        if "seq" in cols:
            body = next(c for c in cols if c in ("body", "data", "event", "json"))
            return table, body
    raise AssertionError("no event table")


# --------------------------------------------------------------------------- printer


@pytest.mark.parametrize(
    ("state", "verdict", "advice"),
    [
        (PrinterState.READY, Verdict.OK, ""),
        (PrinterState.PAPER_NEAR_END, Verdict.WARN, "paper roll soon"),
        (PrinterState.PAPER_OUT, Verdict.FAIL, "load a new paper roll"),
        (PrinterState.COVER_OPEN, Verdict.FAIL, "close the printer cover"),
        (PrinterState.NOT_ANSWERING, Verdict.FAIL, "baud rate"),
        (PrinterState.DISCONNECTED, Verdict.FAIL, "cable"),
    ],
)
def test_printer_state_gives_verdict_and_advice(
    cfg: Config,
    store: SQLiteStore,
    env: Environment,
    devices_ok: dict[str, Any],
    state: PrinterState,
    verdict: Verdict,
    advice: str,
) -> None:
    devices_ok["printer"].state = state
    f = by_check(Doctor(Ctx(cfg, store), env).run())["printer"]
    assert f.verdict is verdict
    assert state.value in f.detail
    assert advice in f.action


def test_test_ticket_is_printed_on_request(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any]
) -> None:
    findings = by_check(Doctor(Ctx(cfg, store, test_ticket=True), env).run())
    assert findings["test ticket"].verdict is Verdict.OK
    [ticket] = devices_ok["printer"].printed
    assert ticket.number == "TEST"
    assert "in thử" in ticket.service_name
    assert ticket.hall_name == cfg.hall.name["vi"]


def test_test_ticket_failure_and_not_ready_printer(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any]
) -> None:
    devices_ok["printer"].fail_print = True
    f = by_check(Doctor(Ctx(cfg, store, test_ticket=True), env).run())["test ticket"]
    assert f.verdict is Verdict.FAIL and "jammed" in f.detail
    devices_ok["printer"] = FakePrinter(PrinterState.PAPER_OUT)
    f = by_check(Doctor(Ctx(cfg, store, test_ticket=True), env).run())["test ticket"]
    assert f.verdict is Verdict.SKIP
    assert devices_ok["printer"].printed == []


def test_no_test_ticket_unless_asked(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any]
) -> None:
    findings = by_check(Doctor(Ctx(cfg, store), env).run())
    assert "test ticket" not in findings
    assert devices_ok["printer"].printed == []


def test_missing_serial_port_names_the_path(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any]
) -> None:
    printer = cfg.devices.printer.model_copy(
        update={"kind": "serial", "port": "/dev/motcua-printer-absent"}
    )
    cfg2 = cfg.model_copy(update={"devices": cfg.devices.model_copy(update={"printer": printer})})
    f = by_check(Doctor(Ctx(cfg2, store), env).run())["printer"]
    assert f.verdict is Verdict.FAIL
    assert "/dev/motcua-printer-absent does not exist" in f.detail


def test_a_missing_driver_is_reported_not_raised(
    cfg: Config,
    store: SQLiteStore,
    env: Environment,
    monkeypatch: pytest.MonkeyPatch,
    devices_ok: dict[str, Any],
) -> None:
    def boom(c: Any, b: Any) -> Any:
        raise ModuleNotFoundError("No module named 'devices.printer'")

    use_devices(monkeypatch, make_printer=boom, make_speech=lambda c, b: devices_ok["speech"],
                make_camera=lambda c, b: devices_ok["camera"])
    out = io.StringIO()
    assert run_doctor(Ctx(cfg, store), env, out) == 1
    f = by_check(Doctor(Ctx(cfg, store), env).run())["printer"]
    assert f.verdict is Verdict.FAIL
    assert "driver is missing" in f.detail


# --------------------------------------------------------------------------- camera, speech


def test_camera_that_will_not_open_fails(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any]
) -> None:
    camera = cfg.devices.camera.model_copy(update={"kind": "opencv"})
    cfg2 = cfg.model_copy(update={"devices": cfg.devices.model_copy(update={"camera": camera})})
    f = by_check(Doctor(Ctx(cfg2, store), env).run())["camera"]
    assert f.verdict is Verdict.OK and "640x480" in f.detail
    devices_ok["camera"] = FakeCamera(fail=True)
    f = by_check(Doctor(Ctx(cfg2, store), env).run())["camera"]
    assert f.verdict is Verdict.FAIL
    assert "cannot be opened" in f.detail
    assert "runbook: camera" in f.action


def test_energy_saved_today_is_reported_with_the_camera_on(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any]
) -> None:
    camera = cfg.devices.camera.model_copy(
        update={"kind": "simulated", "screen_watts": 25.0, "dimmed_watts": 6.0}
    )
    cfg2 = cfg.model_copy(update={"devices": cfg.devices.model_copy(update={"camera": camera})})
    # an hour dimmed this morning (09:00 local is NOW): 19 W saved for an hour
    start = datetime(2026, 4, 13, 0, 30, tzinfo=UTC)
    store.append_all([
        Event("screen_dimmed", start, "kiosk-1", {"cause": "nobody"}),
        Event("screen_woke", start.replace(hour=1, minute=30), "kiosk-1", {"cause": "person"}),
    ])
    f = by_check(Doctor(Ctx(cfg2, store), env).run())["energy"]
    assert f.verdict is Verdict.OK
    assert f.detail == "today: dimmed 1 h 00 min, about 19 Wh saved"
    # without a camera the screen is never dimmed, and the doctor says so
    f = by_check(Doctor(Ctx(cfg, store), env).run())["energy"]
    assert f.verdict is Verdict.SKIP


def test_speech_without_vietnamese_fails(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any]
) -> None:
    devices_ok["speech"] = FakeSpeech([Voice("en", "English", ("en-GB",))])
    f = by_check(Doctor(Ctx(cfg, store), env).run())["speech"]
    assert f.verdict is Verdict.FAIL
    assert "none speaks Vietnamese" in f.detail
    assert "espeak-ng" in f.action


def test_speech_with_regional_vietnamese_tag_passes(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any]
) -> None:
    devices_ok["speech"] = FakeSpeech([Voice("vi", "Vietnamese", ("vi-VN",))])
    f = by_check(Doctor(Ctx(cfg, store), env).run())["speech"]
    assert f.verdict is Verdict.OK


# --------------------------------------------------------------------------- fonts


def test_shipped_fonts_cover_every_vietnamese_letter() -> None:
    fonts = sorted((ROOT / "app" / "resources" / "fonts").glob("NotoSans-*.ttf"))
    assert fonts
    for font in fonts:
        assert missing_glyphs(font, VIETNAMESE_LETTERS) == []


def test_a_font_without_vietnamese_is_caught(tmp_path: Path, env: Environment) -> None:
    thai = Path("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf")
    if not thai.exists():
        pytest.skip("fonts-noto-core not installed")
    missing = missing_glyphs(thai, "กẠđ")
    assert missing == ["Ạ", "đ"]
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "NotoSans-Regular.ttf").write_bytes(thai.read_bytes())
    env.font_dir = tmp_path / "fonts"
    f = Doctor(Ctx(None, config_error="x"), env).check_fonts()
    assert f.verdict is Verdict.FAIL and "lacks" in f.detail


# --------------------------------------------------------------------------- screen, disk, clock


def test_screen_read_from_drm(tmp_path: Path) -> None:
    drm = tmp_path / "drm"
    for name, status, modes in [
        ("card0-DSI-1", "disconnected", ""),
        ("card1-HDMI-A-1", "connected", "1920x1080\n"),
        ("card1-HDMI-A-2", "connected", "1280x1024i\n"),
    ]:
        (drm / name).mkdir(parents=True)
        (drm / name / "status").write_text(status + "\n")
        (drm / name / "modes").write_text(modes)
    assert connected_screens(drm) == [("HDMI-A-1", (1920, 1080)), ("HDMI-A-2", (1280, 1024))]
    assert connected_screens(tmp_path / "absent") is None


def test_screen_verdicts(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any], tmp_path: Path
) -> None:
    assert by_check(Doctor(Ctx(cfg, store), env).run())["screen"].verdict is Verdict.OK
    (env.drm_root / "card1-HDMI-A-1" / "modes").write_text("1366x768\n")
    f = by_check(Doctor(Ctx(cfg, store), env).run())["screen"]
    assert f.verdict is Verdict.WARN and "1366x768" in f.detail
    (env.drm_root / "card1-HDMI-A-1" / "status").write_text("disconnected\n")
    assert by_check(Doctor(Ctx(cfg, store), env).run())["screen"].verdict is Verdict.FAIL
    env.drm_root = tmp_path / "nothing"
    assert by_check(Doctor(Ctx(cfg, store), env).run())["screen"].verdict is Verdict.SKIP


def test_low_disk_fails(
    cfg: Config,
    store: SQLiteStore,
    env: Environment,
    devices_ok: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import shutil

    usage = shutil._ntuple_diskusage(8 << 30, 8 << 30, 50 << 20)  # type: ignore[attr-defined]
    monkeypatch.setattr(shutil, "disk_usage", lambda p: usage)
    f = by_check(Doctor(Ctx(cfg, store), env).run())["disk"]
    assert f.verdict is Verdict.FAIL and "50.0 MiB free" in f.detail


def test_unset_clock_fails(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any]
) -> None:
    env.clock = ManualClock(datetime(1970, 1, 1, 0, 5, tzinfo=UTC))
    f = by_check(Doctor(Ctx(cfg, store), env).run())["clock"]
    assert f.verdict is Verdict.FAIL and "not been set" in f.detail


def test_clock_behind_the_log_fails(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any]
) -> None:
    store.append_all(
        [Event("counter_pause", datetime(2026, 6, 1, tzinfo=UTC), "s", {"counter": 1})]
    )
    # the clock was never synchronised: it may be the one that is wrong
    env.run = lambda argv: "no\n"
    f = by_check(Doctor(Ctx(cfg, store), env).run())["clock"]
    assert f.verdict is Verdict.FAIL and "went backwards" in f.action
    assert "motcua events void 1" in f.action


def test_an_event_ahead_of_a_synchronised_clock_is_named_not_the_clock(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any]
) -> None:
    store.append_all(
        [Event("counter_pause", datetime(2026, 6, 1, tzinfo=UTC), "s", {"counter": 1})]
    )
    found = by_check(Doctor(Ctx(cfg, store), env).run())
    assert found["clock"].verdict is Verdict.OK
    f = found["events"]
    assert f.verdict is Verdict.FAIL and "record 1 (counter_pause" in f.detail
    assert "time.future" in f.detail and "motcua events void 1 --reason" in f.action


def test_unsynchronised_clock_and_other_zone_warn(
    cfg: Config,
    store: SQLiteStore,
    env: Environment,
    devices_ok: dict[str, Any],
    tmp_path: Path,
) -> None:
    env.run = lambda argv: "no\n"
    other = tmp_path / "localtime2"
    other.symlink_to("/usr/share/zoneinfo/Europe/Berlin")
    env.localtime = other
    found = by_check(Doctor(Ctx(cfg, store), env).run())
    # never synchronised since boot: the kiosk refuses tickets, so doctor fails it
    assert found["clock"].verdict is Verdict.FAIL and "never synchronised" in found["clock"].detail
    assert found["time zone"].verdict is Verdict.WARN
    assert "Europe/Berlin" in found["time zone"].detail
    assert system_time_zone(other) == "Europe/Berlin"


def test_a_crashing_check_is_a_failed_line(
    cfg: Config,
    store: SQLiteStore,
    env: Environment,
    devices_ok: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(self: Doctor) -> Finding:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(Doctor, "check_disk", broken)
    found = by_check(Doctor(Ctx(cfg, store), env).run())
    assert found["disk"].verdict is Verdict.FAIL
    assert "unexpected" in found["disk"].detail
    assert found["clock"].verdict is Verdict.OK


def test_table_says_what_to_do() -> None:
    text = format_table(
        [
            Finding("printer", Verdict.FAIL, "paper_out", "load a new paper roll"),
            Finding("fonts", Verdict.OK, "fine"),
        ]
    )
    lines = text.splitlines()
    assert lines[2].split()[:2] == ["printer", "FAIL"]
    assert lines[3].strip() == "-> load a new paper roll"
    assert lines[-1] == "1 FAILED, 0 warnings: the kiosk needs attention"


# --------------------------------------------------------------------------- model


def _with_model_dir(cfg: Config, path: Path) -> Config:
    return cfg.model_copy(
        update={"estimates": cfg.estimates.model_copy(update={"model_dir": str(path)})}
    )


def test_missing_model_warns_and_names_the_fallback(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any], tmp_path: Path
) -> None:
    f = by_check(Doctor(Ctx(_with_model_dir(cfg, tmp_path / "none"), store), env).run())["model"]
    assert f.verdict is Verdict.WARN
    assert "plain (non-AI) estimate" in f.action


def test_altered_model_fails(
    cfg: Config, store: SQLiteStore, env: Environment, devices_ok: dict[str, Any], tmp_path: Path
) -> None:
    folder = tmp_path / "wait"
    folder.mkdir()
    (folder / "model.onnx").write_bytes(b"not the model that was signed off")
    (folder / "card.json").write_text('{"version": "1"}')
    (folder / "manifest.json").write_text(
        json.dumps({"format": 1, "version": "1", "sha256": "0" * 64, "card_sha256": "0" * 64})
    )
    f = by_check(Doctor(Ctx(_with_model_dir(cfg, folder), store), env).run())["model"]
    assert f.verdict is Verdict.FAIL
    assert "altered" in f.detail
    assert "runbook: model" in f.action
