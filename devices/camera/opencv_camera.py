"""The real camera: a USB (UVC) or CSI camera read with OpenCV's headless build.

Frames are taken at a low resolution (640x480), kept in memory only and
handed to the caller; this driver writes nothing. A camera that stops
answering for a while raises :class:`~app.ports.CameraError`, so the
kiosk switches the feature off and tells staff.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from app.config import CameraConfig
from app.ports import Camera, CameraError
from devices.camera.scenes import Frame

#: consecutive failed grabs before the camera counts as gone
MAX_FAILED_READS = 15


class OpenCVCamera(Camera):
    """A camera opened by device path (``/dev/video0``, ``/dev/v4l/by-id/...``) or index."""

    def __init__(self, device: str, width: int = 640, height: int = 480) -> None:
        self.device = device
        self.width, self.height = width, height
        self._cap: Any = None
        self._failed = 0
        self._lock = threading.Lock()

    @classmethod
    def from_config(cls, config: CameraConfig, base_dir: Path) -> OpenCVCamera:
        return cls(config.device)

    def _target(self) -> int | str:
        return int(self.device) if self.device.strip().isdigit() else self.device

    def open(self) -> None:
        with self._lock:
            target = self._target()
            if isinstance(target, str) and target.startswith("/dev/") and not Path(target).exists():
                raise CameraError(
                    "The camera is not connected.", f"{target} does not exist (is it plugged in?)"
                )
            try:
                cap = cv2.VideoCapture(target)
            except cv2.error as exc:
                raise CameraError("The camera could not be started.", f"{target}: {exc}") from exc
            if not cap.isOpened():
                cap.release()
                raise CameraError(
                    "The camera could not be started.",
                    f"OpenCV cannot open {target} (busy, no permission, or not a camera)",
                )
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
            # the newest frame matters, not a queue of old ones
            cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
            self._cap = cap
            self._failed = 0

    def read(self) -> Frame | None:
        with self._lock:
            if self._cap is None:
                raise CameraError("The camera is not running.", "read() before open()")
            try:
                ok, frame = self._cap.read()
            except cv2.error as exc:
                raise CameraError("The camera stopped giving pictures.", str(exc)) from exc
            if not ok or frame is None:
                self._failed += 1
                if self._failed >= MAX_FAILED_READS:
                    raise CameraError(
                        "The camera stopped giving pictures.",
                        f"{self.device}: {self._failed} reads in a row gave no frame",
                    )
                return None
            self._failed = 0
            return np.asarray(frame, dtype=np.uint8)

    def close(self) -> None:
        with self._lock:
            if self._cap is not None:
                self._cap.release()
                self._cap = None
