"""``motcua doctor``: the technician's check of a kiosk box.

Each check looks at one thing (the configuration, the store, the printer, ...)
and gives a :class:`Finding`: a verdict (OK, WARN, FAIL or SKIP), what was
seen, and what to do about it. A check that crashes is itself reported as a
failed line, so one broken part never hides the others. The exit code is 1
when any line failed, else 0; ``--json`` prints the same findings for remote
checks.

Nothing here needs a screen or Qt: the display is read from the kernel
(``/sys/class/drm``), so the doctor also runs over SSH while the kiosk is up.
"""

from __future__ import annotations

import enum
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol, TextIO

from app.clock import Clock, SystemClock
from app.config import Config, ConfigError

#: every letter of Vietnamese that is not plain ASCII (both cases)
VIETNAMESE_LETTERS = (
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư"
    "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộ"
    "ỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
)

#: the fonts the screens and the tickets are drawn with
FONT_DIR = Path(__file__).resolve().parent / "resources" / "fonts"

#: the screen the layouts are designed for
EXPECTED_MODE = (1920, 1080)

#: below these, the store soon cannot take new tickets
DISK_WARN_BYTES = 1 << 30
DISK_FAIL_BYTES = 200 << 20

#: a clock earlier than this has never been set (no RTC battery, no network time)
EARLIEST_SANE = datetime(2026, 1, 1, tzinfo=UTC)

#: how far the clock may stand behind the newest event before we call it wrong
CLOCK_SLACK = timedelta(minutes=5)


class Verdict(enum.StrEnum):
    """How one check went."""

    OK = "OK"
    WARN = "WARN"
    FAIL = "FAIL"
    SKIP = "SKIP"


@dataclass(frozen=True)
class Finding:
    """The outcome of one check: verdict, what was seen, what to do."""

    check: str
    verdict: Verdict
    detail: str
    action: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "check": self.check,
            "verdict": str(self.verdict),
            "detail": self.detail,
            "action": self.action,
        }


class DoctorContext(Protocol):
    """What :func:`run_doctor` needs from :class:`app.cli.Context`."""

    @property
    def args(self) -> Any: ...

    @property
    def config(self) -> Config: ...

    @property
    def store(self) -> Any: ...


@dataclass
class Environment:
    """Where the doctor looks on this machine; tests point it elsewhere."""

    clock: Clock = field(default_factory=SystemClock)
    drm_root: Path = Path("/sys/class/drm")
    localtime: Path = Path("/etc/localtime")
    font_dir: Path = FONT_DIR
    #: runs a command and returns its stdout, or None when it cannot be run
    run: Callable[[list[str]], str | None] = field(default=lambda argv: _run(argv))


def _run(argv: list[str]) -> str | None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


# --------------------------------------------------------------------------- helpers


def _human(n: int | float) -> str:
    value = float(n)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TiB"  # pragma: no cover - the loop always returns


def _base_dir(cfg: Config) -> Path:
    return Path(cfg.base_dir or ".")


def _store_dir(cfg: Config) -> Path:
    url = cfg.store.url
    if url.startswith("sqlite:///"):
        return cfg.resolve(url.removeprefix("sqlite:///")).parent
    return _base_dir(cfg)


# --------------------------------------------------------------------------- checks


class Doctor:
    """Runs every check against one configuration and collects the findings."""

    def __init__(self, ctx: DoctorContext, env: Environment | None = None) -> None:
        self.ctx = ctx
        self.env = env or Environment()
        self.cfg: Config | None = None
        self.last_event_ts: datetime | None = None
        self.last_event_seq: int | None = None
        self.test_ticket = bool(getattr(ctx.args, "test_ticket", False))

    # each check returns one finding or several
    def checks(self) -> list[tuple[str, Callable[[], Finding | list[Finding]]]]:
        return [
            ("config", self.check_config),
            ("store", self.check_store),
            ("printer", self.check_printer),
            ("camera", self.check_camera),
            ("speech", self.check_speech),
            ("fonts", self.check_fonts),
            ("model", self.check_model),
            ("calling rule", self.check_calling_rule),
            ("screen", self.check_screen),
            ("disk", self.check_disk),
            ("clock", self.check_clock),
        ]

    def run(self) -> list[Finding]:
        out: list[Finding] = []
        for name, check in self.checks():
            if name != "config" and name != "fonts" and self.cfg is None:
                out.append(
                    Finding(
                        name,
                        Verdict.SKIP,
                        "needs a valid configuration",
                        "fix the configuration first",
                    )
                )
                continue
            try:
                result = check()
            except Exception as exc:
                result = Finding(
                    name,
                    Verdict.FAIL,
                    f"the check itself failed: {exc!r}",
                    "report this to the developers with `motcua doctor --json`",
                )
            out.extend(result if isinstance(result, list) else [result])
        return out

    # ----------------------------------------------------------------- config

    def check_config(self) -> Finding:
        try:
            cfg = self.ctx.config
        except ConfigError as exc:
            first = exc.message.splitlines()[0] if exc.message else "invalid"
            more = exc.message.count("\n")
            detail = first + (f" (and {more} more)" if more else "")
            return Finding(
                "config",
                Verdict.FAIL,
                detail,
                "correct the named key in the configuration file "
                "(/etc/motcua/config.toml on a kiosk), then run doctor again",
            )
        self.cfg = cfg
        where = getattr(self.ctx, "config_path", None) or "the default configuration"
        return Finding(
            "config",
            Verdict.OK,
            f"{where}: hall {cfg.hall.id}, kiosk {cfg.kiosk.id}, "
            f"{len(cfg.services)} services, {len(cfg.counters)} counters",
        )

    # ----------------------------------------------------------------- store

    def check_store(self) -> Finding | list[Finding]:
        try:
            store = self.ctx.store
            where = store.describe()
            head = int(store.head())
            size = store.size_bytes()
            result = store.verify()
        except Exception as exc:
            message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
            return Finding(
                "store",
                Verdict.FAIL,
                f"cannot open the store: {message}",
                "check store.url in the configuration, that the data folder "
                "(/var/lib/motcua) is writable by the motcua user, and for "
                "PostgreSQL that the server is reachable; see runbook: store",
            )
        if head:
            try:
                last = store.read_after(head - 1, limit=1)
                self.last_event_ts = last[-1].ts if last else None
            except Exception:
                self.last_event_ts = None
        # (check_events below replaces it with the newest sound event)
        sized = f", {_human(size)}" if size is not None else ""
        if not result.ok:
            broken = Finding(
                "store",
                Verdict.FAIL,
                f"{where}: {head} events{sized}; the hash chain is broken at event "
                f"{result.first_bad_seq}: {result.problem}",
                "do not delete or edit the store; keep a copy and follow "
                "runbook: store (tampered or damaged log)",
            )
            return [broken, self.check_events(store)]
        ok = Finding("store", Verdict.OK, f"{where}: {head} events{sized}, hash chain verified")
        return [ok, self.check_events(store)]

    def check_events(self, store: Any) -> Finding:
        """Name the stored events the projection cannot apply or that make no sense.

        A wrong event (dated tomorrow, an unknown staff role, an absurd lockout)
        is the event's fault, not the clock's: the advice is to void it.
        """
        from app.hall import replay
        from app.validation import EventRefused, Window, check_event

        cfg = self.cfg
        assert cfg is not None
        events = store.read_after(0)
        state = replay(cfg, events)
        now = self.env.clock.now()
        window = Window.around(store.created_at(), now)
        bad: dict[int, str] = {u.seq: f"{u.kind}: {u.problem}" for u in state.unapplied
                               if u.seq is not None}
        # with the clock synchronised, an event ahead of it is the event's fault;
        # otherwise either may be wrong, and the clock check says both
        synced = self.env.run(["timedatectl", "show", "-p", "NTPSynchronized", "--value"])
        trusted_clock = synced is not None and synced.strip() == "yes"
        if not trusted_clock:
            window = Window(window.earliest, datetime.max.replace(tzinfo=UTC))
        newest: datetime | None = None
        for e in events:
            if e.seq in state.voided or e.seq is None:
                continue
            if e.seq not in bad:
                try:
                    check_event(e, window)
                except EventRefused as exc:
                    plain = str(exc).rsplit(" (rule ", 1)[0]
                    bad[e.seq] = f"{e.kind}, rule {exc.rule}: {plain}"
            if e.seq not in bad and (newest is None or e.ts > newest):
                newest, self.last_event_seq = e.ts, e.seq
        # the clock is judged against sound events only
        self.last_event_ts = newest
        voided = f"; {len(state.voided)} voided" if state.voided else ""
        if not bad:
            return Finding("events", Verdict.OK, f"every event applies{voided}")
        first = sorted(bad)[:3]
        named = "; ".join(f"record {seq} ({bad[seq][:160]})" for seq in first)
        more = f" and {len(bad) - len(first)} more" if len(bad) > len(first) else ""
        return Finding(
            "events",
            Verdict.FAIL,
            f"{len(bad)} stored event(s) make no sense: {named}{more}{voided}",
            f"the event is wrong, not the clock: a supervisor voids it with "
            f"motcua events void {first[0]} --reason \"...\" (the record stays, the chain "
            "stays intact); see runbook: store",
        )

    # ----------------------------------------------------------------- printer

    def check_printer(self) -> list[Finding]:
        from app.ports import PrinterState, device_factories

        make_printer = device_factories().make_printer

        cfg = self.cfg
        assert cfg is not None
        pc = cfg.devices.printer
        if pc.kind == "none":
            return [
                Finding(
                    "printer",
                    Verdict.WARN,
                    "no printer configured: tickets are shown on screen only",
                    'set devices.printer.kind = "serial" if the kiosk has a printer',
                )
            ]
        if pc.kind == "serial" and pc.port and not Path(pc.port).exists():
            return [
                Finding(
                    "printer",
                    Verdict.FAIL,
                    f"{pc.port} does not exist",
                    "check the printer's power and USB/serial cable; the install "
                    "script's udev rule names it /dev/motcua-printer; "
                    "see runbook: printer",
                )
            ]
        try:
            printer = make_printer(pc, _base_dir(cfg))
        except Exception as exc:
            return [
                Finding(
                    "printer",
                    Verdict.FAIL,
                    f"cannot open the printer: {_msg(exc)}",
                    "check devices.printer.port and the cable; see runbook: printer",
                )
            ]
        if printer is None:
            return [
                Finding(
                    "printer",
                    Verdict.WARN,
                    "no printer configured",
                    "tickets are shown on screen only",
                )
            ]
        try:
            status = printer.status()
            where = pc.port or pc.kind
            detail = f"{where}: {status.state.value}" + (
                f" ({status.detail})" if status.detail else ""
            )
            actions = {
                PrinterState.PAPER_NEAR_END: "load a new paper roll soon",
                PrinterState.PAPER_OUT: "load a new paper roll",
                PrinterState.COVER_OPEN: "close the printer cover",
                PrinterState.ERROR: "switch the printer off and on; clear any paper jam",
                PrinterState.NOT_ANSWERING: "check the baud rate (devices.printer.baudrate) "
                "and the cable; see runbook: printer",
                PrinterState.DISCONNECTED: "check the printer's power and cable; "
                "see runbook: printer",
            }
            if status.state is PrinterState.READY:
                found = [Finding("printer", Verdict.OK, detail)]
            elif status.state is PrinterState.PAPER_NEAR_END:
                found = [Finding("printer", Verdict.WARN, detail, actions[status.state])]
            else:
                found = [
                    Finding(
                        "printer",
                        Verdict.FAIL,
                        detail,
                        actions.get(status.state, "see runbook: printer"),
                    )
                ]
            if self.test_ticket:
                found.append(self._test_ticket(printer, status.state.can_print))
            return found
        finally:
            printer.close()

    def _test_ticket(self, printer: Any, can_print: bool) -> Finding:
        from app.ports import DeviceError

        if not can_print:
            return Finding(
                "test ticket", Verdict.SKIP, "the printer is not ready", "fix the printer first"
            )
        cfg = self.cfg
        assert cfg is not None
        try:
            printer.print_ticket(make_test_ticket(cfg, self.env.clock.now()))
        except DeviceError as exc:
            return Finding(
                "test ticket",
                Verdict.FAIL,
                f"{exc.message} ({exc.diagnostic})",
                "see runbook: printer",
            )
        return Finding(
            "test ticket",
            Verdict.OK,
            "printed; check that the Vietnamese text, the number and the QR code are legible",
        )

    # ----------------------------------------------------------------- camera

    def check_camera(self) -> list[Finding]:
        # the presence feature's own check: the code path the kiosk uses, frame dropped at once
        from app.presence import check_camera

        cfg = self.cfg
        assert cfg is not None
        result = check_camera(cfg)
        if result.status == "fail":
            return [Finding(
                "camera",
                Verdict.FAIL,
                result.message,
                (result.detail + "; " if result.detail else "") + "see runbook: camera",
            )]
        return [Finding("camera", Verdict.OK, result.message), self._energy()]

    def _energy(self) -> Finding:
        """How long the screens were dimmed today, and the energy that saved."""
        from app.presence import energy_saved_today

        cfg = self.cfg
        assert cfg is not None
        if cfg.devices.camera.kind == "none":
            return Finding("energy", Verdict.SKIP, "no camera: the screen is never dimmed",
                           "turn the camera on in [devices.camera] to dim when nobody is near")
        report = energy_saved_today(cfg, self.ctx.store.read_between, self.env.clock)
        return Finding("energy", Verdict.OK, f"today: {report.text()}")

    # ----------------------------------------------------------------- speech

    def check_speech(self) -> Finding:
        from app.ports import device_factories

        make_speech = device_factories().make_speech

        cfg = self.cfg
        assert cfg is not None
        sc = cfg.devices.speech
        if sc.kind == "none":
            return Finding(
                "speech",
                Verdict.WARN,
                "off: calls are shown but not spoken",
                'set devices.speech.kind = "pyttsx3" to speak the calls',
            )
        try:
            speech = make_speech(sc, _base_dir(cfg))
        except Exception as exc:
            return Finding(
                "speech",
                Verdict.FAIL,
                f"cannot start speech: {_msg(exc)}",
                "install espeak-ng (apt install espeak-ng); see runbook: speech",
            )
        if speech is None:
            return Finding("speech", Verdict.WARN, "off")
        try:
            voices = speech.voices()
        except Exception as exc:
            return Finding(
                "speech", Verdict.FAIL, f"cannot list voices: {_msg(exc)}", "see runbook: speech"
            )
        finally:
            speech.close()
        langs = {lang.split("-")[0].split("_")[0].lower() for v in voices for lang in v.languages}
        wanted = list(dict.fromkeys(("vi", *sc.languages)))
        missing = [lang for lang in wanted if lang not in langs]
        summary = f"{sc.kind}: {len(voices)} voices"
        if "vi" in missing:
            return Finding(
                "speech",
                Verdict.FAIL,
                f"{summary}, none speaks Vietnamese",
                "install espeak-ng (it has a Vietnamese voice); see runbook: speech",
            )
        if missing:
            return Finding(
                "speech",
                Verdict.WARN,
                f"{summary}; no voice for {', '.join(missing)}",
                "install a voice for that language or remove it from devices.speech.languages",
            )
        return Finding("speech", Verdict.OK, f"{summary}, {', '.join(wanted)} present")

    # ----------------------------------------------------------------- fonts

    def check_fonts(self) -> Finding:
        fonts = sorted(self.env.font_dir.glob("NotoSans-*.ttf"))
        if not fonts:
            return Finding(
                "fonts",
                Verdict.FAIL,
                f"no NotoSans-*.ttf in {self.env.font_dir}",
                "reinstall motcua (the fonts ship with it)",
            )
        problems = []
        for font in fonts:
            missing = missing_glyphs(font, VIETNAMESE_LETTERS)
            if missing:
                problems.append(
                    f"{font.name} lacks {''.join(missing[:8])}" + ("…" if len(missing) > 8 else "")
                )
        if problems:
            return Finding(
                "fonts",
                Verdict.FAIL,
                "; ".join(problems),
                "reinstall motcua; replace the font with a full Noto Sans",
            )
        return Finding(
            "fonts",
            Verdict.OK,
            f"{', '.join(f.name for f in fonts)}: "
            f"all {len(VIETNAMESE_LETTERS)} Vietnamese letters present",
        )

    # ----------------------------------------------------------------- model

    def check_model(self) -> Finding:
        cfg = self.cfg
        assert cfg is not None
        model_dir = cfg.resolve(cfg.estimates.model_dir)
        return check_wait_model(cfg, model_dir)

    def check_calling_rule(self) -> Finding:
        """Do the counters' calls follow the configured calling rule?"""
        from app.calling import MIN_TELLING_CALLS, rule_fit

        cfg = self.cfg
        assert cfg is not None
        try:
            events = self.ctx.store.read_after(max(0, int(self.ctx.store.head()) - 50_000))
        except Exception as exc:
            return Finding("calling rule", Verdict.SKIP, f"cannot read the log: {exc}")
        fit = rule_fit(cfg, events)
        configured = cfg.queue.calling_rule
        if fit.telling < MIN_TELLING_CALLS:
            return Finding(
                "calling rule", Verdict.OK,
                f"{configured}; too few telling calls in the log to check it "
                f"({fit.telling} of {MIN_TELLING_CALLS})",
            )
        shares = ", ".join(f"{r} {fit.share(r):.0%}" for r in fit.explained)
        warning = fit.warning()
        if warning:
            return Finding("calling rule", Verdict.WARN, f"{warning} ({shares})",
                           "check the hall's published rule and set queue.calling_rule")
        return Finding("calling rule", Verdict.OK,
                       f"{configured} explains {fit.share(configured):.0%} of "
                       f"{fit.telling} telling calls ({shares})")

    # ----------------------------------------------------------------- screen

    def check_screen(self) -> Finding:
        cfg = self.cfg
        assert cfg is not None
        screens = connected_screens(self.env.drm_root)
        if screens is None:
            return Finding(
                "screen",
                Verdict.SKIP,
                "no display hardware on this machine (no /sys/class/drm)",
                "",
            )
        if not screens:
            return Finding(
                "screen",
                Verdict.FAIL,
                "no screen connected",
                "check the HDMI/DisplayPort cable and the screen's power",
            )
        name, mode = screens[0]
        rotation = cfg.kiosk.orientation
        if mode is None:
            return Finding(
                "screen",
                Verdict.WARN,
                f"{name}: connected, resolution unknown",
                "check the cable; the screen reports no modes",
            )
        w, h = mode
        detail = f"{name}: {w}x{h}, {rotation} (kiosk.orientation)"
        if (max(w, h), min(w, h)) != EXPECTED_MODE:
            return Finding(
                "screen",
                Verdict.WARN,
                detail,
                "the screens are laid out for 1920x1080; text may be small or cut",
            )
        return Finding("screen", Verdict.OK, detail)

    # ----------------------------------------------------------------- disk

    def check_disk(self) -> Finding:
        cfg = self.cfg
        assert cfg is not None
        where = _store_dir(cfg)
        probe = where
        while not probe.exists() and probe != probe.parent:
            probe = probe.parent
        usage = shutil.disk_usage(probe)
        detail = f"{where}: {_human(usage.free)} free of {_human(usage.total)}"
        if usage.free < DISK_FAIL_BYTES:
            return Finding(
                "disk",
                Verdict.FAIL,
                detail,
                "free space now: clear old logs (journalctl --vacuum-size=100M) "
                "and old exports; see runbook: store",
            )
        if usage.free < DISK_WARN_BYTES:
            return Finding(
                "disk", Verdict.WARN, detail, "free some space soon (journalctl --vacuum-size=100M)"
            )
        return Finding("disk", Verdict.OK, detail)

    # ----------------------------------------------------------------- clock

    def check_clock(self) -> list[Finding]:
        cfg = self.cfg
        assert cfg is not None
        now = self.env.clock.now()
        out: list[Finding] = []
        local = now.astimezone(cfg.hall.zone)
        shown = f"{local:%Y-%m-%d %H:%M} {cfg.hall.timezone}"
        if now < EARLIEST_SANE:
            out.append(
                Finding(
                    "clock",
                    Verdict.FAIL,
                    f"{shown}: the clock has not been set",
                    "connect the box to the network (time sync) or set the time "
                    "with timedatectl set-time; replace the RTC battery",
                )
            )
        elif self.last_event_ts is not None and now < self.last_event_ts - CLOCK_SLACK:
            out.append(
                Finding(
                    "clock",
                    Verdict.FAIL,
                    f"{shown}: earlier than the newest event "
                    f"({self.last_event_ts.astimezone(cfg.hall.zone):%Y-%m-%d %H:%M})",
                    "the clock went backwards: set the time (timedatectl) before issuing tickets"
                    + (f"; if the clock is right, record {self.last_event_seq} is wrong: void it "
                       f"with motcua events void {self.last_event_seq} --reason \"...\""
                       if self.last_event_seq is not None else ""),
                )
            )
        else:
            synced = self.env.run(["timedatectl", "show", "-p", "NTPSynchronized", "--value"])
            if synced is not None and synced.strip() == "no":
                out.append(
                    Finding(
                        "clock",
                        Verdict.FAIL,
                        f"{shown}: never synchronised to network time since boot; the kiosk "
                        "refuses to issue tickets until it is",
                        "enable it (timedatectl set-ntp true) and check the network reaches "
                        "an NTP server",
                    )
                )
            elif synced is None or synced.strip() != "yes":
                out.append(
                    Finding(
                        "clock",
                        Verdict.WARN,
                        f"{shown}: cannot tell whether the clock was synchronised "
                        "(no timedatectl); tickets are issued",
                        "on a kiosk box run systemd with timesyncd or chrony",
                    )
                )
            else:
                out.append(Finding("clock", Verdict.OK, shown))
        system_zone = system_time_zone(self.env.localtime)
        if system_zone is None:
            out.append(
                Finding(
                    "time zone",
                    Verdict.WARN,
                    "the system time zone is not set",
                    f"timedatectl set-timezone {cfg.hall.timezone}",
                )
            )
        elif system_zone != cfg.hall.timezone:
            out.append(
                Finding(
                    "time zone",
                    Verdict.WARN,
                    f"system {system_zone}, hall {cfg.hall.timezone}",
                    "tickets use the hall's zone; set the system's to match so "
                    f"the logs agree: timedatectl set-timezone {cfg.hall.timezone}",
                )
            )
        else:
            out.append(Finding("time zone", Verdict.OK, system_zone))
        return out


def _msg(exc: BaseException) -> str:
    if isinstance(exc, ImportError):
        return f"its driver is missing from this installation ({exc})"
    message = getattr(exc, "message", None)
    return str(message) if message else (str(exc) or type(exc).__name__)


# --------------------------------------------------------------------------- pieces


def make_test_ticket(cfg: Config, now: datetime) -> Any:
    """A ticket that says plainly it is a test, in Vietnamese, with every diacritic."""
    from app.ports import TicketPrint

    local = now.astimezone(cfg.hall.zone)
    return TicketPrint(
        hall_name=cfg.hall.name["vi"],
        number="TEST",
        service_name="Phiếu in thử — không có giá trị",
        issued_at_text=f"{local:%d/%m/%Y %H:%M}",
        people_ahead_text="Số người chờ trước bạn: 0",
        wait_text="Thời gian chờ: khoảng 0 phút",
        ai_label="",
        counters_text="Quầy: —",
        qr_url=cfg.kiosk.ticket_url.replace("{token}", "test"),
        qr_caption="Kiểm tra mã QR",
        staff_note="Tiếng Việt: " + VIETNAMESE_LETTERS[:24],
        language="vi",
    )


def missing_glyphs(font: Path, letters: Iterable[str]) -> list[str]:
    """The letters ``font`` has no glyph for.

    With fontTools the font's character map is read directly; without it each
    letter is drawn with Pillow and compared with the font's "missing glyph"
    box, which is what a letter without a glyph is drawn as.
    """
    try:
        from fontTools.ttLib import TTFont  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _missing_by_drawing(font, letters)
    cmap = TTFont(str(font)).getBestCmap()
    return [ch for ch in letters if ord(ch) not in cmap]


def _missing_by_drawing(font: Path, letters: Iterable[str]) -> list[str]:
    from PIL import ImageFont

    face = ImageFont.truetype(str(font), 32)

    def drawn(ch: str) -> bytes:
        mask = face.getmask(ch)
        return bytes(mask.size) + bytes(mask)

    # two private-use code points that no text font maps: both draw as .notdef
    notdef = {drawn("\ue000"), drawn("\U0010fffd")}
    return [ch for ch in letters if drawn(ch) in notdef]


def connected_screens(drm_root: Path) -> list[tuple[str, tuple[int, int] | None]] | None:
    """Connected screens as (connector, preferred mode); None without DRM at all."""
    if not drm_root.is_dir():
        return None
    out: list[tuple[str, tuple[int, int] | None]] = []
    for conn in sorted(drm_root.glob("card*-*")):
        try:
            if (conn / "status").read_text().strip() != "connected":
                continue
            modes = (conn / "modes").read_text().split()
        except OSError:
            continue
        mode: tuple[int, int] | None = None
        if modes:
            w, _, h = modes[0].partition("x")
            try:
                mode = (int(w), int(h.rstrip("ip")))
            except ValueError:
                mode = None
        out.append((conn.name.split("-", 1)[1], mode))
    return out


def system_time_zone(localtime: Path) -> str | None:
    """The IANA name /etc/localtime points at, or None."""
    try:
        target = os.readlink(localtime)
    except OSError:
        tz = os.environ.get("TZ", "").lstrip(":")
        return tz or None
    marker = "zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else None


def check_wait_model(cfg: Config, model_dir: Path) -> Finding:
    """The wait model's integrity: the same checks the kiosk runs before it trusts a model."""
    try:
        from app.wait.model import ModelRefused, load_model
    except ImportError as exc:
        return Finding(
            "model",
            Verdict.WARN,
            f"the model check is not part of this build ({exc})",
            "the kiosk shows the plain (non-AI) estimate",
        )
    try:
        model = load_model(model_dir, cfg.estimates.public_key,
                           cfg.estimates.require_signature)
    except ModelRefused as exc:
        if not model_dir.is_dir():
            return Finding(
                "model",
                Verdict.WARN,
                f"no wait model in {model_dir}",
                "the kiosk shows the plain (non-AI) estimate; install a model "
                "to show AI estimates; see runbook: model",
            )
        return Finding(
            "model",
            Verdict.FAIL,
            f"{model_dir}: refused: {exc.reason} ({exc.detail})",
            "the kiosk shows the plain estimate meanwhile; re-install the model "
            "from the release (scripts/install-kiosk.sh) and report a changed "
            "file as a security incident; see runbook: model",
        )
    signed = (f"signed by key {model.signed_by}" if model.signed_by
              else "not signed (estimates.require_signature is off)")
    return Finding(
        "model",
        Verdict.OK,
        f"{model_dir}: version {model.version}, hash matches its manifest, {signed}",
    )


# --------------------------------------------------------------------------- output


def format_table(findings: list[Finding], width: int = 100) -> str:
    """The findings as a plain-text table: check, verdict, what was seen, what to do."""
    name_w = max(len("check"), *(len(f.check) for f in findings))
    lines = [
        f"{'check':<{name_w}}  {'verdict':<7}  what was found / what to do",
        f"{'-' * name_w}  {'-' * 7}  {'-' * 40}",
    ]
    for f in findings:
        lines.append(f"{f.check:<{name_w}}  {f.verdict.value:<7}  {f.detail}")
        if f.action:
            lines.append(f"{'':<{name_w}}  {'':<7}  -> {f.action}")
    fails = sum(f.verdict is Verdict.FAIL for f in findings)
    warns = sum(f.verdict is Verdict.WARN for f in findings)
    lines.append("")
    if fails:
        lines.append(f"{fails} FAILED, {warns} warnings: the kiosk needs attention")
    elif warns:
        lines.append(f"no failures, {warns} warnings")
    else:
        lines.append("all checks passed")
    return "\n".join(lines)


def run_doctor(
    ctx: DoctorContext, env: Environment | None = None, out: TextIO | None = None
) -> int:
    """Run every check, print the table (or JSON), return 1 when any check failed."""
    stream = out or sys.stdout
    findings = Doctor(ctx, env).run()
    failed = any(f.verdict is Verdict.FAIL for f in findings)
    if getattr(ctx.args, "json", False):
        json.dump(
            {"ok": not failed, "checks": [f.to_json() for f in findings]},
            stream,
            ensure_ascii=False,
            indent=2,
        )
        stream.write("\n")
    else:
        stream.write(format_table(findings) + "\n")
    return 1 if failed else 0
