"""Generated camera scenes: an empty hall, a person arriving and leaving, an ID card's QR.

The simulated camera and the tests draw their frames here with numpy and
OpenCV's drawing functions, so presence and scanning run without a camera.
The "person" is a plain grey silhouette (head and body): enough for a
presence detector, nothing a recogniser could use.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import cv2
import numpy as np
import numpy.typing as npt

Frame = npt.NDArray[np.uint8]

WIDTH, HEIGHT = 640, 480


def _u8(a: object) -> Frame:
    return np.asarray(a, dtype=np.uint8)


def empty_hall(seed: int = 0, width: int = WIDTH, height: int = HEIGHT) -> Frame:
    """A still view of the hall behind the kiosk: floor, wall, a bench, sensor noise."""
    rng = np.random.default_rng(seed)
    frame = np.empty((height, width, 3), np.uint8)
    horizon = height * 3 // 5
    frame[:horizon] = (200, 205, 210)  # wall (BGR)
    frame[horizon:] = (120, 130, 140)  # floor
    cv2.rectangle(frame, (width // 10, horizon - height // 8), (width // 3, horizon),
                  (90, 70, 60), -1)  # a bench
    cv2.rectangle(frame, (width * 2 // 3, height // 6), (width * 9 // 10, height // 3),
                  (60, 110, 160), -1)  # a notice board
    noise = rng.integers(-3, 4, size=frame.shape, dtype=np.int16)
    return _u8(np.clip(frame.astype(np.int16) + noise, 0, 255))


def with_noise(frame: Frame, seed: int) -> Frame:
    """The same view with fresh sensor noise (each real frame differs a little)."""
    rng = np.random.default_rng(seed)
    noise = rng.integers(-3, 4, size=frame.shape, dtype=np.int16)
    return _u8(np.clip(frame.astype(np.int16) + noise, 0, 255))


def draw_person(frame: Frame, centre_x: int, size: float = 1.0) -> Frame:
    """A copy of ``frame`` with a standing silhouette; ``size`` 1.0 fills most of the height."""
    out = frame.copy()
    h, w = out.shape[:2]
    body_h = int(h * 0.62 * size)
    body_w = int(w * 0.16 * size)
    head_r = int(body_w * 0.38)
    feet = h - 1
    top = feet - body_h
    cv2.rectangle(out, (centre_x - body_w // 2, top), (centre_x + body_w // 2, feet),
                  (40, 45, 70), -1)
    cv2.circle(out, (centre_x, top - head_r), head_r, (90, 120, 170), -1)
    return out


def card_image(payload: str, module_px: int = 5) -> Frame:
    """A chip ID card's back: a white card with the QR code of ``payload``."""
    import qrcode  # only the simulator and the tests draw QR codes

    qr = qrcode.QRCode(border=4, box_size=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(payload.encode("utf-8"))
    qr.make(fit=True)
    matrix = np.array(qr.get_matrix(), dtype=bool)
    code = np.where(matrix, 0, 255).astype(np.uint8)
    side = matrix.shape[0] * module_px
    code = _u8(cv2.resize(code, (side, side), interpolation=cv2.INTER_NEAREST))
    card_w, card_h = side + 2 * side // 3, side + side // 5
    card = np.full((card_h, card_w, 3), 245, np.uint8)
    y0 = (card_h - side) // 2
    card[y0 : y0 + side, card_w - side - side // 10 : card_w - side // 10] = code[:, :, None]
    cv2.rectangle(card, (side // 12, y0), (side // 2, y0 + side // 3), (180, 180, 180), -1)
    return card


def hold_card(frame: Frame, payload: str, module_px: int = 5) -> Frame:
    """A copy of ``frame`` with an ID card held up in front of the camera."""
    out = frame.copy()
    card = card_image(payload, module_px)
    h, w = out.shape[:2]
    ch, cw = card.shape[:2]
    if ch > h or cw > w:
        scale = min(h / ch, w / cw) * 0.95
        card = _u8(cv2.resize(card, (int(cw * scale), int(ch * scale)),
                              interpolation=cv2.INTER_AREA))
        ch, cw = card.shape[:2]
    y, x = (h - ch) // 2, (w - cw) // 2
    out[y : y + ch, x : x + cw] = card
    return out


@dataclass(frozen=True)
class Scene:
    """A named generated sequence, looped by the simulated camera."""

    name: str
    frames: tuple[Frame, ...]


def card_payload(
    full_name: str = "Nguyễn Văn An",
    birth: date = date(1999, 1, 1),
    female: bool = False,
    province: int = 1,
    serial: int = 12345,
    old_id: str = "012345678",
    address: str = "Số 12, Phố Hàng Bạc, Phường Hoàn Kiếm, Hà Nội",
    issued: date = date(2021, 8, 15),
) -> str:
    """A chip ID card's QR text in the real field layout, for a person who does not exist.

    The 12-digit number follows the published structure: province code (3
    digits), sex and century of birth (1), year of birth (2), serial (6).
    """
    sex_century = (birth.year // 100 - 19) * 2 + (1 if female else 0)
    number = f"{province:03d}{sex_century}{birth.year % 100:02d}{serial:06d}"
    return "|".join([
        number, old_id, full_name, birth.strftime("%d%m%Y"), "Nữ" if female else "Nam",
        address, issued.strftime("%d%m%Y"),
    ])


#: a realistic CCCD QR payload for a person who does not exist
SAMPLE_CARD = card_payload()


def empty(n: int = 30, seed: int = 0) -> Iterator[Frame]:
    """``n`` frames of the empty hall."""
    base = empty_hall(seed)
    for i in range(n):
        yield with_noise(base, seed + i + 1)


def visit(empty_before: int = 20, walk: int = 8, stay: int = 20, empty_after: int = 20,
          seed: int = 0) -> Iterator[Frame]:
    """The empty hall, a person walking up and standing at the kiosk, leaving, empty again."""
    base = empty_hall(seed)
    w = base.shape[1]
    n = seed + 1
    for _ in range(empty_before):
        n += 1
        yield with_noise(base, n)
    for i in range(walk):  # from the right edge towards the middle, growing nearer
        n += 1
        x = int(w * (0.95 - 0.45 * (i + 1) / walk))
        yield with_noise(draw_person(base, x, 0.6 + 0.4 * (i + 1) / walk), n)
    for i in range(stay):
        n += 1
        yield with_noise(draw_person(base, w // 2 + (i % 3 - 1) * 4, 1.0), n)
    for i in range(walk):
        n += 1
        x = int(w * (0.5 - 0.45 * (i + 1) / walk))
        yield with_noise(draw_person(base, x, 1.0 - 0.4 * (i + 1) / walk), n)
    for _ in range(empty_after):
        n += 1
        yield with_noise(base, n)


def card(payload: str = SAMPLE_CARD, n: int = 10, seed: int = 0) -> Iterator[Frame]:
    """A person at the kiosk holding their card's QR code to the camera."""
    base = draw_person(empty_hall(seed), WIDTH // 2, 1.0)
    held = hold_card(base, payload)
    for i in range(n):
        yield with_noise(held, seed + i + 1)


SCENES = ("empty", "visit", "card")


def generate(name: str, seed: int = 0) -> Scene:
    """One of :data:`SCENES` as a finite sequence of frames."""
    if name == "empty":
        return Scene(name, tuple(empty(seed=seed)))
    if name == "visit":
        return Scene(name, tuple(visit(seed=seed)))
    if name == "card":
        return Scene(name, tuple(card(seed=seed)))
    raise ValueError(f'unknown scene "{name}"; known scenes: {", ".join(SCENES)}')
