"""Presence: wake and dim on generated sequences, energy accounting, the worker, the doctor."""

from __future__ import annotations

import builtins
import io
import os
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from app.clock import ManualClock
from app.config import Config
from app.ports import CameraError
from app.presence import (
    DIMMED,
    WOKE,
    CameraWorker,
    PresenceChange,
    PresenceMonitor,
    ScreenState,
    Sighting,
    check_camera,
    dimmed_seconds,
    energy_saved,
    energy_saved_today,
    make_worker,
    record_change,
)
from app.service import HallService
from devices.camera import scenes
from devices.camera.simulated import SimulatedCamera
from devices.camera.vision import QrCodeReader, SilhouetteDetector
from tests.conftest import VN
from tests.helpers.config import override

NOBODY = Sighting(motion=0.0, person=False)
SOMEONE = Sighting(motion=0.1, person=True)
FLICKER = Sighting(motion=0.2, person=False)


def _with_camera(config: Config, **changes: Any) -> Config:
    return override(config, "devices.camera", **changes)


# --------------------------------------------------------------------------- the state machine


def test_dims_after_the_configured_time_and_wakes_on_a_person(clock: ManualClock) -> None:
    m = PresenceMonitor(60, clock)
    assert m.state is ScreenState.AWAKE
    clock.advance(59)
    assert m.observe(NOBODY) is None
    clock.advance(1)
    change = m.observe(NOBODY)
    assert change == PresenceChange(ScreenState.DIMMED, clock.now(), "idle")
    assert m.observe(NOBODY) is None  # already dimmed
    clock.advance(300)
    woke = m.observe(SOMEONE)
    assert woke is not None and woke.state is ScreenState.AWAKE and woke.cause == "presence"
    assert woke.dimmed_seconds == 300
    assert m.dimmed_seconds() == 300


def test_a_person_standing_keeps_it_awake(clock: ManualClock) -> None:
    m = PresenceMonitor(10, clock)
    for _ in range(100):
        clock.advance(1)
        assert m.observe(SOMEONE) is None
    assert m.state is ScreenState.AWAKE


def test_one_flicker_does_not_wake_but_sustained_motion_does(clock: ManualClock) -> None:
    m = PresenceMonitor(10, clock)
    clock.advance(10)
    assert m.tick() is not None  # dimmed without a frame
    assert m.observe(FLICKER) is None
    assert m.observe(NOBODY) is None
    assert m.observe(FLICKER) is None
    woke = m.observe(FLICKER)
    assert woke is not None and woke.cause == "motion"


def test_touch_and_camera_stop_wake_the_screen(clock: ManualClock) -> None:
    m = PresenceMonitor(5, clock)
    clock.advance(5)
    m.tick()
    clock.advance(20)
    woke = m.touched()
    assert woke is not None and woke.cause == "touch" and woke.dimmed_seconds == 20
    clock.advance(5)
    m.tick()
    stopped = m.stop()
    assert stopped is not None and stopped.state is ScreenState.AWAKE
    assert m.stop() is None


def _run(worker: CameraWorker, clock: ManualClock, frames: int, fps: float) -> list[PresenceChange]:
    seen: list[PresenceChange] = []
    worker.on_change = seen.append
    for _ in range(frames):
        clock.advance(1 / fps)
        worker.step()
    return seen


def test_wakes_and_dims_on_a_generated_visit(clock: ManualClock) -> None:
    """Empty hall long enough to dim, a person arrives and leaves, the hall empties again."""
    fps, dim_after = 3.0, 5
    frames = list(scenes.empty(20)) + list(scenes.visit(empty_before=5, empty_after=25, seed=1))
    cam = SimulatedCamera(frames=frames, loop=False)
    start = clock.now()
    monitor = PresenceMonitor(dim_after, clock)
    worker = CameraWorker(cam, SilhouetteDetector(), monitor, fps)
    worker.open()
    changes = _run(worker, clock, len(frames), fps)
    worker.close()
    assert [(c.state, c.cause) for c in changes] == [
        (ScreenState.DIMMED, "idle"),
        (ScreenState.AWAKE, "presence"),
        (ScreenState.DIMMED, "idle"),
    ]
    # it dimmed dim_after seconds (to the next frame) after the monitor started on an empty hall
    waited = (changes[0].at - start).total_seconds()
    assert dim_after <= waited < dim_after + 1 / fps + 1e-3
    assert changes[1].dimmed_seconds is not None and changes[1].dimmed_seconds > 0


def test_no_frame_still_lets_the_screen_dim(clock: ManualClock) -> None:
    cam = SimulatedCamera("generated:empty")
    cam.open()
    cam.stall()
    worker = CameraWorker(cam, SilhouetteDetector(), PresenceMonitor(5, clock), 3.0)
    changes = _run(worker, clock, 16, 3.0)
    assert [c.state for c in changes] == [ScreenState.DIMMED]


# --------------------------------------------------------------------------- energy


def test_energy_saved_today_from_the_log(hall: HallService, clock: ManualClock) -> None:
    cfg = hall.config.devices.camera
    m = PresenceMonitor(60, clock)
    clock.advance(60)
    record_change(hall, "kiosk-1", m.tick())  # type: ignore[arg-type]
    clock.advance(hours=2)
    woke = m.touched()
    assert woke is not None
    event = record_change(hall, "kiosk-1", woke)
    assert event.kind == WOKE and event["dimmed_s"] == 7200
    report = energy_saved_today(hall.config, hall.store.read_between, clock)
    assert report.dimmed_seconds == 7200
    assert report.saved_wh == pytest.approx(2 * (cfg.screen_watts - cfg.dimmed_watts))
    assert "2 h 00 min" in report.text()


def test_a_dim_still_open_counts_until_now_and_nights_split_by_day(config: Config) -> None:
    from app.events import Event

    def ev(kind: str, when: datetime, actor: str = "kiosk-1") -> Event:
        return Event(kind, when, actor, {})

    evening = datetime(2026, 4, 12, 17, 0, tzinfo=VN)
    events = [
        ev(DIMMED, evening),  # dims for the night...
        ev(WOKE, datetime(2026, 4, 13, 7, 0, tzinfo=VN)),  # ...and wakes in the morning
        ev(DIMMED, datetime(2026, 4, 13, 12, 0, tzinfo=VN)),  # lunch, still dimmed
        ev(DIMMED, datetime(2026, 4, 13, 8, 0, tzinfo=VN), actor="kiosk-2"),
        ev(WOKE, datetime(2026, 4, 13, 8, 30, tzinfo=VN), actor="kiosk-2"),
    ]
    now = datetime(2026, 4, 13, 12, 30, tzinfo=VN)
    report = energy_saved(config, events, now.date(), now)
    assert report.kiosks == 2
    assert report.dimmed_seconds == (7 * 3600) + 1800 + 1800
    only_1 = energy_saved(config, events, now.date(), now, kiosk="kiosk-1")
    assert only_1.dimmed_seconds == 7 * 3600 + 1800
    day_before = dimmed_seconds(events, datetime(2026, 4, 12, 0, 0, tzinfo=VN),
                                datetime(2026, 4, 13, 0, 0, tzinfo=VN))
    assert day_before == {"kiosk-1": 7 * 3600}


# --------------------------------------------------------------------------- the worker thread


def test_worker_thread_runs_and_stops(config: Config, clock: ManualClock) -> None:
    cfg = _with_camera(config, kind="simulated", frames_per_second=15)
    got_frames = threading.Event()
    changes: list[PresenceChange] = []
    monitor = PresenceMonitor(5, clock)
    worker = make_worker(cfg, monitor, on_change=changes.append)
    assert worker is not None
    cam = worker.camera
    assert isinstance(cam, SimulatedCamera)

    real_step = worker.step

    def step() -> Sighting | None:
        s = real_step()
        if worker.frames >= 3:
            got_frames.set()
        return s

    worker.step = step  # type: ignore[method-assign]
    worker.start()
    assert got_frames.wait(10)
    assert threading.current_thread().name != "motcua-camera"
    worker.stop()
    assert not worker.running and not cam.opened


def test_a_failing_camera_stops_the_worker_and_says_why(config: Config, clock: ManualClock) -> None:
    failed: list[CameraError] = []
    done = threading.Event()
    cam = SimulatedCamera("generated:empty")
    monitor = PresenceMonitor(5, clock)

    def on_failure(exc: CameraError) -> None:
        failed.append(exc)
        done.set()

    worker = CameraWorker(cam, SilhouetteDetector(), monitor, 15, on_failure=on_failure)
    cam.unplug()
    worker.start()
    assert done.wait(10)
    worker.stop()
    assert failed and failed[0].message == "The camera stopped giving pictures."
    assert monitor.state is ScreenState.AWAKE and not cam.opened

    failed.clear()
    done.clear()
    cam2 = SimulatedCamera("generated:empty")
    cam2.fail_on_open = True
    worker = CameraWorker(cam2, SilhouetteDetector(), monitor, 15, on_failure=on_failure)
    worker.start()
    assert done.wait(10)
    worker.stop()
    assert failed[0].message == "The camera could not be started."


def test_a_broken_detector_turns_the_camera_off_not_the_kiosk(clock: ManualClock) -> None:
    class Broken:
        def look(self, frame: Any) -> Sighting:
            raise ValueError("bug")

        def reset(self) -> None:
            pass

    failed: list[CameraError] = []
    worker = CameraWorker(SimulatedCamera("generated:empty"), Broken(), PresenceMonitor(5, clock),
                          15, on_failure=failed.append)
    worker.run()  # on this thread: returns once the camera is off
    assert failed and "ValueError" in failed[0].diagnostic


def test_make_worker_is_none_when_the_camera_is_off(config: Config, clock: ManualClock) -> None:
    assert config.devices.camera.kind == "none"
    assert make_worker(config, PresenceMonitor(5, clock)) is None


# --------------------------------------------------------------------------- privacy


def test_no_file_is_written_while_the_camera_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: ManualClock
) -> None:
    """Frames and QR texts stay in memory: any attempt to write a file fails the test."""
    frames = list(scenes.visit(seed=2)) + list(scenes.card())  # drawn before the watch starts
    cwd, home = tmp_path / "cwd", tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(home))
    writes: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+"):
            writes.append(f"open({file!r}, {mode!r})")
            raise AssertionError(f"the camera path tried to write {file!r}")
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            writes.append(f"os.open({path!r})")
            raise AssertionError(f"the camera path tried to write {path!r}")
        return real_os_open(path, flags, *args, **kwargs)

    def no_image_write(*args: Any, **kwargs: Any) -> Any:
        writes.append("cv2 image/video write")
        raise AssertionError("the camera path tried to write an image or a video")

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    for name in ("imwrite", "imwritemulti", "imwriteanimation", "imwriteWithMetadata",
                 "VideoWriter"):
        monkeypatch.setattr(cv2, name, no_image_write)

    codes: list[str] = []
    cam = SimulatedCamera(frames=frames, loop=False)
    worker = CameraWorker(cam, SilhouetteDetector(), PresenceMonitor(5, clock), 3.0,
                          code_reader=QrCodeReader(), on_code=codes.append)
    worker.scanning = True
    worker.open()
    for _ in frames:
        clock.advance(1 / 3)
        worker.step()
    worker.close()
    monkeypatch.undo()
    assert writes == []
    assert codes == [scenes.SAMPLE_CARD]  # the same card held still is one scan
    assert list(cwd.iterdir()) == [] and list(home.iterdir()) == []
    assert not hasattr(worker, "frame")  # and no frame is kept on the worker
    assert all(not isinstance(v, np.ndarray) for v in vars(worker).values())


# --------------------------------------------------------------------------- doctor


def test_doctor_camera_check(config: Config, tmp_path: Path) -> None:
    off = check_camera(config)
    assert off.status == "off" and off.ok
    ok = check_camera(_with_camera(config, kind="simulated"))
    assert ok.status == "ok" and "640x480" in ok.message
    missing = check_camera(_with_camera(config, kind="opencv", device="/dev/video-motcua-none"))
    assert missing.status == "fail" and not missing.ok
    assert "devices.camera.device" in missing.detail
    bad = check_camera(_with_camera(config, kind="simulated", simulated_source="generated:x"))
    assert bad.status == "fail"

    class Silent(SimulatedCamera):
        def read(self) -> None:
            return None

    import dataclasses

    import app.ports
    from devices.factory import FACTORIES

    app.ports.install_devices(dataclasses.replace(FACTORIES, make_camera=lambda c, b: Silent()))
    try:
        silent = check_camera(_with_camera(config, kind="simulated"), attempts=3,
                              sleep=lambda s: None)
    finally:
        app.ports.install_devices(FACTORIES)
    assert silent.status == "fail" and "no picture" in silent.message
