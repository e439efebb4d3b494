"""What the kiosk looks for in a frame: someone standing in front of it, or a QR code.

:class:`SilhouetteDetector` answers "is a person-sized figure in front of the
kiosk, and how much moved?" with OpenCV's MOG2 background subtractor and the
shape of the foreground (tall, upright, large). OpenCV 5 no longer ships the
HOG people detector or the Haar cascades, and a silhouette is all presence
needs: it is detection only — no face is located, nothing is recognised or
identified, and nothing of the frame is kept after the call.

:class:`QrCodeReader` decodes a QR code with ``cv2.QRCodeDetector``; the
decoded text is returned to the caller and not kept here.
"""

from __future__ import annotations

import cv2
import numpy as np

from app.ports import Sighting
from devices.camera.scenes import Frame

#: frames are analysed at this size; presence needs no detail
ANALYSIS_SIZE = (160, 120)


class SilhouetteDetector:
    """Motion and a person-sized upright foreground figure, from a learned empty background."""

    def __init__(
        self,
        min_height: float = 0.35,
        min_area: float = 0.03,
        min_aspect: float = 1.1,
        warmup_frames: int = 5,
    ) -> None:
        self.min_height = min_height  # share of the picture's height
        self.min_area = min_area  # share of the picture's area
        self.min_aspect = min_aspect  # height / width of an upright figure
        self.warmup_frames = warmup_frames
        self.reset()

    def reset(self) -> None:
        """Forget the learned background (after the camera was reopened)."""
        self._bg = cv2.createBackgroundSubtractorMOG2(history=600, varThreshold=25,
                                                      detectShadows=False)
        self._prev: Frame | None = None
        self._seen = 0
        self._person = False
        self._kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))

    def look(self, frame: Frame) -> Sighting:
        small = cv2.resize(frame, ANALYSIS_SIZE, interpolation=cv2.INTER_AREA)
        gray = np.asarray(
            cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0), dtype=np.uint8
        )
        motion = 0.0
        if self._prev is not None:
            diff = cv2.absdiff(gray, self._prev)
            motion = float(np.count_nonzero(diff > 18)) / diff.size
        self._prev = gray
        self._seen += 1
        # learn the empty hall quickly, but hardly at all while someone stands there,
        # so a citizen reading the screen does not melt into the background
        rate = -1.0 if self._seen <= self.warmup_frames else (0.0005 if self._person else 0.01)
        mask = self._bg.apply(gray, learningRate=rate)
        if self._seen <= self.warmup_frames:
            self._person = False
            return Sighting(motion=motion, person=False)
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, self._kernel)
        mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, self._kernel)
        n, _labels, stats, _centroids = cv2.connectedComponentsWithStats(
            (mask > 0).astype(np.uint8), connectivity=8
        )
        h_img, w_img = gray.shape
        person = False
        for i in range(1, n):
            w, h, area = stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT], stats[i, 4]
            if (
                h >= self.min_height * h_img
                and area >= self.min_area * h_img * w_img
                and h >= self.min_aspect * w
            ):
                person = True
                break
        self._person = person
        return Sighting(motion=motion, person=person)


class QrCodeReader:
    """Reads the text of a QR code in a frame (UTF-8), or None."""

    def __init__(self) -> None:
        self._detector = cv2.QRCodeDetector()

    def read(self, frame: Frame) -> str | None:
        try:
            data, _points, _straight = self._detector.detectAndDecodeBytes(frame)
        except cv2.error:
            return None
        if not data:
            return None
        raw = bytes(data)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("latin-1")
