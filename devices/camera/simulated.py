"""The simulated camera: replays frames from a folder or a video, or generates them.

It behaves like the real driver, faults included: it can refuse to open,
be unplugged (the next read raises :class:`~app.ports.CameraError`) or
stall (reads give None). ``simulated_source`` in the configuration chooses
what it shows:

- ``""`` or ``"generated:visit"``: generated scenes (see
  :mod:`devices.camera.scenes`); several may be chained,
  ``"generated:empty,visit,card"``;
- a folder: its images (PNG, JPEG, BMP) in name order;
- a video file: its frames.

Relative paths are resolved against the configuration file's folder. The
sequence loops. Images are read, never written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from app.config import CameraConfig
from app.ports import Camera, CameraError
from devices.camera import scenes
from devices.camera.scenes import Frame

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp")


class SimulatedCamera(Camera):
    """A camera twin fed by generated scenes, an image folder, a video or given frames."""

    def __init__(
        self,
        source: str = "",
        base_dir: Path | None = None,
        frames: Sequence[Frame] | None = None,
        loop: bool = True,
    ) -> None:
        self.source = source
        self.base_dir = base_dir or Path(".")
        self._given = tuple(frames) if frames is not None else None
        self.loop = loop
        self._frames: Iterator[Frame] | None = None
        self._capture: Any = None
        self._lock = threading.Lock()
        self.opened = False
        self.frames_read = 0
        #: faults, settable at run time
        self.fail_on_open = False
        self.unplugged = False
        self.stalled = False

    @classmethod
    def from_config(cls, config: CameraConfig, base_dir: Path) -> SimulatedCamera:
        return cls(config.simulated_source, base_dir)

    # ------------------------------------------------------------------ faults

    def unplug(self) -> None:
        """Behave as if the cable was pulled: the next read fails."""
        self.unplugged = True

    def stall(self, on: bool = True) -> None:
        """Stop (or resume) delivering frames without failing."""
        self.stalled = on

    # ------------------------------------------------------------------ Camera

    def open(self) -> None:
        if self.fail_on_open:
            raise CameraError(
                "The camera could not be started.", "simulated camera told to fail on open"
            )
        with self._lock:
            self._frames = self._sequence(self._source())  # a bad source fails here, not later
            self.opened = True

    def read(self) -> Frame | None:
        with self._lock:
            if not self.opened or self._frames is None:
                raise CameraError("The camera is not running.", "read() before open()")
            if self.unplugged:
                raise CameraError(
                    "The camera stopped giving pictures.", "simulated camera unplugged"
                )
            if self.stalled:
                return None
            frame = next(self._frames, None)
            if frame is not None:
                self.frames_read += 1
            return frame

    def close(self) -> None:
        with self._lock:
            self.opened = False
            self._frames = None
            if self._capture is not None:
                self._capture.release()
                self._capture = None

    # ------------------------------------------------------------------ sources

    def _sequence(self, make: Callable[[], Iterator[Frame]]) -> Iterator[Frame]:
        while True:
            produced = False
            for frame in make():
                produced = True
                yield frame
            if not self.loop or not produced:
                return

    def _source(self) -> Callable[[], Iterator[Frame]]:
        if self._given is not None:
            given = self._given
            return lambda: iter(given)
        src = self.source.strip()
        if not src or src.startswith("generated:"):
            names = [n.strip() for n in src.removeprefix("generated:").split(",") if n.strip()]
            for name in names:
                if name not in scenes.SCENES:
                    raise CameraError(
                        "The simulated camera is set up wrongly.",
                        f'devices.camera.simulated_source: unknown scene "{name}"; '
                        f"known scenes: {', '.join(scenes.SCENES)}",
                    )
            chosen = names or ["visit"]
            generated = [f for name in chosen for f in scenes.generate(name).frames]
            return lambda: iter(generated)
        path = Path(src)
        if not path.is_absolute():
            path = self.base_dir / path
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
            if not files:
                raise CameraError(
                    "The simulated camera has nothing to show.",
                    f"devices.camera.simulated_source: no images in {path}",
                )
            return lambda: _images(files)
        if path.is_file():
            return lambda: self._video(path)
        raise CameraError(
            "The simulated camera has nothing to show.",
            f"devices.camera.simulated_source: {path} is neither a folder nor a video",
        )

    def _video(self, path: Path) -> Iterator[Frame]:
        cap = cv2.VideoCapture(str(path))
        if not cap.isOpened():
            raise CameraError(
                "The simulated camera cannot play its video.", f"OpenCV cannot open {path}"
            )
        self._capture = cap
        try:
            while True:
                ok, frame = cap.read()
                if not ok or frame is None:
                    return
                yield np.asarray(frame, dtype=np.uint8)
        finally:
            cap.release()
            self._capture = None


def _images(files: Sequence[Path]) -> Iterator[Frame]:
    for f in files:
        frame = cv2.imread(str(f), cv2.IMREAD_COLOR)
        if frame is None:  # an unreadable file is skipped, like a dropped frame
            continue
        yield np.asarray(frame, dtype=np.uint8)
