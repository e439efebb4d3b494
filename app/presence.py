"""Presence: wake the screen when someone comes near, dim it when nobody is there.

Qt-free. A :class:`CameraWorker` thread takes frames from a
:class:`~app.ports.Camera` at ``devices.camera.frames_per_second``, hands
each to a :class:`PresenceDetector` (and, while an ID card is being scanned,
to a :class:`CodeReader`), then drops it: frames live only in memory, for
the length of one step, and are never written or sent. The detector reports
motion and whether a person-sized figure is in front of the kiosk —
detection only, never recognition.

:class:`PresenceMonitor` turns those sightings into the screen's state on an
injected clock: awake while someone is there, dimmed after
``dim_after_seconds`` without anyone. Each change can be recorded as a
``screen_dimmed`` / ``screen_woke`` event, from which
:func:`energy_saved_today` computes how long the screen was dimmed today and
the energy that saved (``screen_watts`` − ``dimmed_watts``).
"""

from __future__ import annotations

import enum
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app.clock import Clock, SystemClock
from app.config import CameraConfig, Config
from app.events import Event
from app.ports import CodeReader, PresenceDetector, Sighting, device_factories

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from app.ports import Camera, CameraError
    from app.service import HallService

    Frame = npt.NDArray[np.uint8]

log = logging.getLogger(__name__)

#: event kinds this module records (registered in :data:`app.events.SPECS`)
DIMMED, WOKE = "screen_dimmed", "screen_woke"


# --------------------------------------------------------------------------- wake and dim


class ScreenState(enum.StrEnum):
    """The screen's brightness as presence decides it."""

    AWAKE = "awake"
    DIMMED = "dimmed"


@dataclass(frozen=True)
class PresenceChange:
    """The screen went awake or dimmed."""

    state: ScreenState
    at: datetime
    cause: str  # "presence", "motion", "touch", "idle", "camera_off", "start"
    dimmed_seconds: float | None = None  # on waking: how long it was dimmed


class PresenceMonitor:
    """The wake/dim state machine, on an injected clock.

    Awake while a person is seen (or the screen is touched). A dimmed screen
    wakes when a person is seen, or when there is motion in
    ``wake_motion_frames`` frames in a row (one flicker of light is not
    someone arriving). It dims once ``dim_after_seconds`` pass with nobody
    seen and no motion.
    """

    def __init__(
        self,
        dim_after_seconds: float,
        clock: Clock | None = None,
        motion_threshold: float = 0.02,
        wake_motion_frames: int = 2,
    ) -> None:
        self.dim_after = timedelta(seconds=dim_after_seconds)
        self.clock = clock or SystemClock()
        self.motion_threshold = motion_threshold
        self.wake_motion_frames = wake_motion_frames
        self._lock = threading.Lock()
        now = self.clock.now()
        self.state = ScreenState.AWAKE
        self.last_seen = now
        self.dimmed_since: datetime | None = None
        self._closed_dimmed = 0.0
        self._motion_run = 0
        self.person_present = False

    @classmethod
    def from_config(cls, config: CameraConfig, clock: Clock | None = None) -> PresenceMonitor:
        return cls(config.dim_after_seconds, clock)

    def dimmed_seconds(self) -> float:
        """Seconds dimmed since this monitor started (the current period included)."""
        with self._lock:
            open_s = 0.0
            if self.dimmed_since is not None:
                open_s = (self.clock.now() - self.dimmed_since).total_seconds()
            return self._closed_dimmed + max(0.0, open_s)

    def _wake(self, now: datetime, cause: str) -> PresenceChange | None:
        self.last_seen = now
        if self.state is ScreenState.AWAKE:
            return None
        since = self.dimmed_since or now
        dimmed = max(0.0, (now - since).total_seconds())
        self._closed_dimmed += dimmed
        self.state, self.dimmed_since = ScreenState.AWAKE, None
        return PresenceChange(ScreenState.AWAKE, now, cause, dimmed)

    def _maybe_dim(self, now: datetime) -> PresenceChange | None:
        if self.state is ScreenState.AWAKE and now - self.last_seen >= self.dim_after:
            self.state, self.dimmed_since = ScreenState.DIMMED, now
            return PresenceChange(ScreenState.DIMMED, now, "idle")
        return None

    def observe(self, sighting: Sighting) -> PresenceChange | None:
        """Fold in one frame's sighting; returns the change it caused, if any."""
        with self._lock:
            now = self.clock.now()
            moving = sighting.motion >= self.motion_threshold
            self._motion_run = self._motion_run + 1 if moving else 0
            self.person_present = sighting.person
            if sighting.person:
                return self._wake(now, "presence")
            if moving:
                if self.state is ScreenState.AWAKE:
                    self.last_seen = now
                    return None
                if self._motion_run >= self.wake_motion_frames:
                    return self._wake(now, "motion")
                return None
            return self._maybe_dim(now)

    def tick(self) -> PresenceChange | None:
        """Let time pass without a frame (the camera gave none): maybe dim."""
        with self._lock:
            return self._maybe_dim(self.clock.now())

    def touched(self) -> PresenceChange | None:
        """Someone touched the screen: they are there, whatever the camera saw."""
        with self._lock:
            return self._wake(self.clock.now(), "touch")

    def stop(self, cause: str = "camera_off") -> PresenceChange | None:
        """The camera stopped: the screen stays lit from now on."""
        with self._lock:
            return self._wake(self.clock.now(), cause)


# --------------------------------------------------------------------------- the worker


class CameraWorker:
    """Runs the camera on its own thread at a low frame rate, in memory only.

    Callbacks are called on the worker thread: ``on_change`` with each
    :class:`PresenceChange`, ``on_code`` with a decoded QR text while
    :attr:`scanning` is on, ``on_failure`` with the :class:`CameraError` that
    stopped the camera (the worker then ends; the feature is off until it is
    started again).
    """

    def __init__(
        self,
        camera: Camera,
        detector: PresenceDetector,
        monitor: PresenceMonitor,
        frames_per_second: float,
        code_reader: CodeReader | None = None,
        on_change: Callable[[PresenceChange], None] | None = None,
        on_code: Callable[[str], None] | None = None,
        on_failure: Callable[[CameraError], None] | None = None,
    ) -> None:
        self.camera = camera
        self.detector = detector
        self.monitor = monitor
        self.period = 1.0 / frames_per_second
        self.code_reader = code_reader
        self.on_change = on_change
        self.on_code = on_code
        self.on_failure = on_failure
        self.frames = 0
        self._scanning = threading.Event()
        self._last_code: bytes | None = None  # a digest, so the text itself is not kept
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.opened = False

    # ------------------------------------------------------------------ control

    @property
    def scanning(self) -> bool:
        return self._scanning.is_set()

    @scanning.setter
    def scanning(self, on: bool) -> None:
        if on:
            self._last_code = None
            self._scanning.set()
        else:
            self._scanning.clear()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Open the camera and run on a new thread (opening may block; not on the caller)."""
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self.run, name="motcua-camera", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to end and wait for it; the camera is closed."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        self._thread = None

    # ------------------------------------------------------------------ work

    def open(self) -> None:
        self.camera.open()
        self.detector.reset()
        self.opened = True

    def close(self) -> None:
        self.opened = False
        try:
            self.camera.close()
        except Exception:  # closing a broken camera must not hide why it broke
            log.exception("closing the camera failed")

    def step(self) -> Sighting | None:
        """Take one frame, look at it, let it go. Raises :class:`CameraError`."""
        frame = self.camera.read()
        if frame is None:
            change = self.monitor.tick()
            self._emit(change)
            return None
        self.frames += 1
        sighting = self.detector.look(frame)
        text = None
        if self._scanning.is_set() and self.code_reader is not None:
            text = self.code_reader.read(frame)
        del frame  # nothing of the picture outlives this step
        self._emit(self.monitor.observe(sighting))
        if text is not None and self.on_code is not None and self._scanning.is_set():
            digest = hashlib.sha256(text.encode("utf-8")).digest()
            if digest != self._last_code:  # the same card held still is one scan
                self._last_code = digest
                self.on_code(text)
        return sighting

    def _emit(self, change: PresenceChange | None) -> None:
        if change is not None and self.on_change is not None:
            self.on_change(change)

    def run(self) -> None:
        """The thread's body: open, step at the frame rate until stopped, close."""
        from app.ports import CameraError

        try:
            self.open()
            while not self._stop.is_set():
                started = time.monotonic()
                self.step()
                self._stop.wait(max(0.0, self.period - (time.monotonic() - started)))
        except CameraError as exc:
            self._fail(exc)
        except Exception as exc:  # a detector bug must stop the camera, not the kiosk
            log.exception("camera worker failed")
            self._fail(CameraError("The camera stopped working.", f"{type(exc).__name__}: {exc}"))
        finally:
            self.close()
            self._emit(self.monitor.stop())

    def _fail(self, exc: CameraError) -> None:
        log.warning("camera off: %s", exc.diagnostic)
        if self.on_failure is not None:
            self.on_failure(exc)


def make_worker(
    config: Config,
    monitor: PresenceMonitor,
    camera: Camera | None = None,
    detector: PresenceDetector | None = None,
    code_reader: CodeReader | None = None,
    **callbacks: Callable[..., None],
) -> CameraWorker | None:
    """The configured camera worker, or None when the camera is off.

    Raises :class:`CameraError` when the configuration names a camera the
    factory cannot build.
    """
    factory = device_factories()
    cam_cfg = config.devices.camera
    if camera is None:
        if cam_cfg.kind == "none":
            return None
        camera = factory.make_camera(cam_cfg, Path(config.base_dir or "."))
        if camera is None:
            return None
    detector = detector or factory.make_presence_detector()
    if code_reader is None and cam_cfg.id_card_scan:
        code_reader = factory.make_code_reader()
    return CameraWorker(
        camera, detector, monitor, cam_cfg.frames_per_second, code_reader, **callbacks
    )


# --------------------------------------------------------------------------- the log


def record_change(hall: HallService, kiosk: str, change: PresenceChange) -> Event:
    """Append a presence change to the log (the source of the energy figures)."""
    if change.state is ScreenState.DIMMED:
        return hall.record(DIMMED, kiosk, cause=change.cause)
    return hall.record(
        WOKE, kiosk, cause=change.cause, dimmed_s=round(change.dimmed_seconds or 0.0, 1)
    )


@dataclass(frozen=True)
class EnergyReport:
    """How long the screen(s) were dimmed on a day and the energy that saved."""

    day: date
    dimmed_seconds: float
    saved_wh: float
    kiosks: int

    def text(self) -> str:
        minutes = int(self.dimmed_seconds // 60)
        hours = f"{minutes // 60} h {minutes % 60:02d} min"
        return f"dimmed {hours}, about {self.saved_wh:.0f} Wh saved"


def dimmed_seconds(events: Iterable[Event], start: datetime, end: datetime) -> dict[str, float]:
    """Seconds each kiosk (actor) was dimmed within ``[start, end)``.

    A period is opened by ``screen_dimmed`` and closed by the same kiosk's
    next ``screen_woke``; one still open is counted up to ``end``. Only the
    parts inside the window count, so a night's dimming is split by day.
    """
    open_at: dict[str, datetime] = {}
    total: dict[str, float] = {}

    def add(actor: str, a: datetime, b: datetime) -> None:
        lo, hi = max(a, start), min(b, end)
        total.setdefault(actor, 0.0)
        if hi > lo:
            total[actor] += (hi - lo).total_seconds()

    for e in events:
        if e.kind not in (DIMMED, WOKE) or e.ts >= end:
            continue
        actor = e.actor or "?"
        if e.kind == DIMMED:
            open_at.setdefault(actor, e.ts)
        elif actor in open_at:
            add(actor, open_at.pop(actor), e.ts)
        else:
            total.setdefault(actor, 0.0)
    for actor, since in open_at.items():
        add(actor, since, end)
    return total


#: how far back to look for a dimming that began before the day (a long weekend)
LOOKBACK = timedelta(days=4)


def day_window(config: Config, day: date) -> tuple[datetime, datetime]:
    """The business day ``day`` as ``[start, end)`` in the hall's zone."""
    start = datetime.combine(day, config.hall.day_start, config.hall.zone)
    return start, start + timedelta(days=1)


def energy_saved(
    config: Config,
    events: Iterable[Event],
    day: date,
    now: datetime,
    kiosk: str | None = None,
) -> EnergyReport:
    """The energy report for ``day`` from ``events`` (counted no further than ``now``)."""
    start, end = day_window(config, day)
    per = dimmed_seconds(events, start, min(end, now))
    if kiosk is not None:
        per = {k: v for k, v in per.items() if k == kiosk}
    seconds = sum(per.values())
    cam = config.devices.camera
    watts = max(0.0, cam.screen_watts - cam.dimmed_watts)
    return EnergyReport(day, seconds, seconds * watts / 3600.0, len(per))


def energy_saved_today(
    config: Config, store_events: Callable[[datetime, datetime | None], Iterable[Event]],
    clock: Clock | None = None, kiosk: str | None = None,
) -> EnergyReport:
    """Today's energy report, for ``motcua doctor`` and the staff panel.

    ``store_events`` is a store's ``read_between``.
    """
    now = (clock or SystemClock()).now().astimezone(config.hall.zone)
    start_of_clock_day = now - timedelta(hours=config.hall.day_start.hour,
                                         minutes=config.hall.day_start.minute)
    day = start_of_clock_day.date()
    start, _end = day_window(config, day)
    return energy_saved(config, store_events(start - LOOKBACK, None), day, now, kiosk)


# --------------------------------------------------------------------------- doctor


@dataclass(frozen=True)
class CameraCheck:
    """The doctor's verdict on the camera: "off", "ok" or "fail", and what to do."""

    status: str
    message: str
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "fail"


def check_camera(
    config: Config, attempts: int = 20, wait: float = 0.1,
    sleep: Callable[[float], None] = time.sleep,
) -> CameraCheck:
    """Does the configured camera open and give a frame? The frame is dropped at once."""
    from app.ports import CameraError

    factory = device_factories()

    cam_cfg = config.devices.camera
    if cam_cfg.kind == "none":
        return CameraCheck("off", "camera off (devices.camera.kind = \"none\")")
    try:
        camera = factory.make_camera(cam_cfg, Path(config.base_dir or "."))
        if camera is None:
            return CameraCheck("off", "camera off")
        camera.open()
    except CameraError as exc:
        return CameraCheck(
            "fail", f"camera does not open: {exc.message}",
            f"{exc.diagnostic}; check the cable and devices.camera.device "
            f'("{cam_cfg.device}"), or set devices.camera.kind = "none"',
        )
    try:
        for _ in range(attempts):
            frame = camera.read()
            if frame is not None:
                shape = "x".join(str(n) for n in frame.shape[:2][::-1])
                del frame
                return CameraCheck("ok", f"camera opens ({cam_cfg.kind}, {shape})")
            sleep(wait)
        return CameraCheck(
            "fail", "camera opens but gives no picture",
            f"no frame after {attempts} tries; is another program using it?",
        )
    except CameraError as exc:
        return CameraCheck("fail", f"camera fails: {exc.message}", exc.diagnostic)
    finally:
        camera.close()
