"""The camera drivers, the generated scenes and the in-memory image checks."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from app.config import CameraConfig
from app.ports import CameraError
from devices.camera import scenes
from devices.camera.opencv_camera import OpenCVCamera
from devices.camera.simulated import SimulatedCamera
from devices.camera.vision import QrCodeReader, SilhouetteDetector
from devices.factory import make_camera, make_code_reader, make_presence_detector


def _read_all(cam: SimulatedCamera, limit: int = 1000) -> list[np.ndarray]:
    out = []
    for _ in range(limit):
        f = cam.read()
        if f is None:
            break
        out.append(f)
    return out


def test_factory_builds_the_configured_camera(tmp_path: Path) -> None:
    assert make_camera(CameraConfig(), tmp_path) is None  # off by default
    cam = make_camera(CameraConfig(kind="simulated"), tmp_path)
    assert isinstance(cam, SimulatedCamera)
    assert isinstance(make_camera(CameraConfig(kind="opencv", device="/dev/video9"), tmp_path),
                      OpenCVCamera)
    assert isinstance(make_presence_detector(), SilhouetteDetector)
    assert isinstance(make_code_reader(), QrCodeReader)


def test_generated_scenes_loop_and_chain() -> None:
    cam = SimulatedCamera("generated:empty,card")
    cam.open()
    n = len(scenes.generate("empty").frames) + len(scenes.generate("card").frames)
    frames = [cam.read() for _ in range(n + 3)]
    assert all(f is not None and f.shape == (480, 640, 3) and f.dtype == np.uint8 for f in frames)
    assert cam.frames_read == n + 3
    reader = QrCodeReader()
    assert reader.read(frames[0]) is None  # the empty hall
    assert reader.read(frames[n - 1]) == scenes.SAMPLE_CARD  # the card, Vietnamese intact
    # looped: frame n is the first empty frame again
    assert np.array_equal(frames[n], frames[0])
    cam.close()


def test_default_source_is_a_visit() -> None:
    cam = SimulatedCamera.from_config(CameraConfig(kind="simulated"), Path("."))
    cam.open()
    assert cam.read() is not None
    cam.close()


def test_unknown_scene_names_the_key() -> None:
    cam = SimulatedCamera("generated:party")
    with pytest.raises(CameraError) as err:
        cam.open()
    assert "simulated_source" in err.value.diagnostic and "visit" in err.value.diagnostic


def test_replays_a_folder_of_images(tmp_path: Path) -> None:
    frames = list(scenes.empty(3))
    for i, f in enumerate(frames):
        assert cv2.imwrite(str(tmp_path / f"{i:03d}.png"), f)
    (tmp_path / "notes.txt").write_text("not an image")
    cam = SimulatedCamera(tmp_path.name, base_dir=tmp_path.parent, loop=False)
    cam.open()
    got = _read_all(cam)
    assert len(got) == 3
    assert all(np.array_equal(a, b) for a, b in zip(got, frames, strict=True))


def test_replays_a_video(tmp_path: Path) -> None:
    path = tmp_path / "visit.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 5, (640, 480))
    if not writer.isOpened():
        pytest.skip("this OpenCV build cannot write MJPG")
    for f in scenes.empty(6):
        writer.write(f)
    writer.release()
    cam = SimulatedCamera(path.name, base_dir=tmp_path, loop=False)
    cam.open()
    assert len(_read_all(cam)) == 6
    cam.close()


def test_missing_source_fails_on_open(tmp_path: Path) -> None:
    cam = SimulatedCamera("nowhere", base_dir=tmp_path)
    with pytest.raises(CameraError, match="nothing to show"):
        cam.open()
    (tmp_path / "empty").mkdir()
    with pytest.raises(CameraError, match="nothing to show"):
        SimulatedCamera("empty", base_dir=tmp_path).open()


def test_faults_behave_like_hardware() -> None:
    cam = SimulatedCamera("generated:empty")
    with pytest.raises(CameraError):
        cam.read()  # not opened
    cam.fail_on_open = True
    with pytest.raises(CameraError, match="could not be started"):
        cam.open()
    cam.fail_on_open = False
    cam.open()
    cam.stall()
    assert cam.read() is None
    cam.stall(False)
    assert cam.read() is not None
    cam.unplug()
    with pytest.raises(CameraError, match="stopped giving pictures"):
        cam.read()


def test_real_camera_that_is_not_there() -> None:
    with pytest.raises(CameraError) as err:
        OpenCVCamera("/dev/video-motcua-missing").open()
    assert err.value.message == "The camera is not connected."
    with pytest.raises(CameraError):
        OpenCVCamera("/dev/video-motcua-missing").read()


def test_silhouette_detector_sees_the_visit_and_only_the_visit() -> None:
    det = SilhouetteDetector()
    seen = [det.look(f).person for f in scenes.visit(empty_before=20, walk=8, stay=20,
                                                      empty_after=20)]
    assert not any(seen[:20])  # empty hall
    assert all(seen[24:48])  # walking up (nearer) and standing at the kiosk
    assert not any(seen[60:])  # gone again
    det.reset()
    assert not any(det.look(f).person for f in scenes.empty(20))


def test_detector_ignores_a_lighting_change_of_the_whole_picture() -> None:
    det = SilhouetteDetector()
    frames = list(scenes.empty(25))
    for f in frames[:15]:
        det.look(f)
    darker = [np.clip(f.astype(np.int16) - 12, 0, 255).astype(np.uint8) for f in frames[15:]]
    assert not any(det.look(f).person for f in darker)


def test_qr_reader_reads_a_card_held_up() -> None:
    payload = scenes.card_payload(full_name="Trần Thị Bích Ngọc", female=True,
                                  birth=scenes.date(2001, 2, 28), province=79, serial=654321)
    frame = scenes.hold_card(scenes.draw_person(scenes.empty_hall(3), 320), payload)
    assert QrCodeReader().read(frame) == payload
    assert QrCodeReader().read(scenes.empty_hall()) is None
