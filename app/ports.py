"""The core's ports: the device interfaces (printer, camera, speech) and how to get devices.

The core defines what it needs of hardware here; ``devices/`` implements it
(a real driver and a simulated twin for each interface) and may import the
core's configuration and errors, never the other way round. The core never
imports ``devices``: the composition root (the ``motcua`` launcher, and the
test suite) hands it the device factories with :func:`install_devices`, and
the core asks for them with :func:`device_factories`. The factories in
:mod:`devices.factory` choose a driver from the configuration and import
pyserial, OpenCV or pyttsx3 only when asked for them.

Device calls are plain, Qt-free and may block; callers that own a screen run
them on a worker thread. Failures are raised as :class:`DeviceError` (or a
subclass) carrying a short sentence for the person at the screen and a
diagnostic for the log.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from app.config import CameraConfig, PrinterConfig, SpeechConfig


class DeviceError(Exception):
    """A device could not do what was asked.

    ``message`` is one plain sentence for staff or the citizen; ``diagnostic``
    is for the log and may carry technical detail.
    """

    def __init__(self, message: str, diagnostic: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.diagnostic = diagnostic or message


# --------------------------------------------------------------------------- printer


class PrinterState(enum.StrEnum):
    """What the rest of the product needs to know about the printer."""

    READY = "ready"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    ERROR = "error"  # offline or a mechanical/cutter error
    NOT_ANSWERING = "not_answering"
    DISCONNECTED = "disconnected"

    @property
    def can_print(self) -> bool:
        return self in (PrinterState.READY, PrinterState.PAPER_NEAR_END)


@dataclass(frozen=True)
class PrinterStatus:
    """One reading of the printer's state, with a detail for the log."""

    state: PrinterState
    detail: str = ""


@dataclass(frozen=True)
class TicketPrint:
    """Everything printed on a ticket, already in the citizen's language.

    The core composes the texts (it knows the translations and the config);
    the printer only lays them out.
    """

    hall_name: str
    number: str
    service_name: str
    issued_at_text: str  # e.g. "23/11/2026 09:12"
    people_ahead_text: str  # e.g. "Số người chờ trước bạn: 5"
    wait_text: str  # e.g. "Thời gian chờ: khoảng 12–20 phút"
    ai_label: str  # the AI label from the catalogue (empty when the estimate is not AI-made)
    counters_text: str  # e.g. "Quầy: 3, 5"
    qr_url: str
    qr_caption: str  # e.g. "Quét mã để theo dõi số của bạn"
    staff_note: str  # e.g. "Cần hỗ trợ? Hãy hỏi nhân viên ở quầy thông tin"
    language: str = "vi"
    extra_lines: tuple[str, ...] = field(default_factory=tuple)


class PrintError(DeviceError):
    """A ticket could not be printed (completely)."""

    def __init__(
        self, message: str, state: PrinterState, diagnostic: str = "", bytes_sent: int = 0
    ) -> None:
        super().__init__(message, diagnostic)
        self.state = state
        self.bytes_sent = bytes_sent


class Printer(ABC):
    """A ticket printer."""

    @abstractmethod
    def status(self) -> PrinterStatus:
        """Ask the printer for its state now. Never raises; never blocks forever."""

    @abstractmethod
    def print_ticket(self, ticket: TicketPrint) -> None:
        """Print one ticket, or raise :class:`PrintError` saying why not."""

    def close(self) -> None:  # noqa: B027 - optional for drivers with nothing to release
        """Release the device."""


# --------------------------------------------------------------------------- speech


@dataclass(frozen=True)
class Voice:
    """A voice the speech engine offers."""

    id: str
    name: str
    languages: tuple[str, ...]


class SpeechError(DeviceError):
    """The speech engine failed."""


class Speech(ABC):
    """Text to speech. One utterance per call, spoken before the call returns."""

    @abstractmethod
    def voices(self) -> list[Voice]:
        """The voices available."""

    @abstractmethod
    def say(self, text: str, language: str) -> None:
        """Speak ``text`` in ``language`` ("vi", "en", ...). Blocks until done."""

    def close(self) -> None:  # noqa: B027
        """Release the engine."""


# --------------------------------------------------------------------------- camera


class CameraError(DeviceError):
    """The camera could not be opened or stopped giving frames."""


class Camera(ABC):
    """A source of frames (BGR, as OpenCV gives them). Frames stay in memory."""

    @abstractmethod
    def open(self) -> None:
        """Start the camera; raises :class:`CameraError`."""

    @abstractmethod
    def read(self) -> npt.NDArray[np.uint8] | None:
        """The next frame, or None when none is available right now."""

    @abstractmethod
    def close(self) -> None:
        """Stop the camera."""


# --------------------------------------------------------------------------- camera frames


@dataclass(frozen=True)
class Sighting:
    """What one frame showed: how much moved, and whether someone stands in front."""

    motion: float  # share of the picture that changed since the previous frame, 0..1
    person: bool  # a person-sized figure in front of the kiosk (detection, not identity)


class PresenceDetector(Protocol):
    """Looks at a frame and says whether someone is there. Keeps no image."""

    def look(self, frame: npt.NDArray[np.uint8]) -> Sighting: ...

    def reset(self) -> None: ...


class CodeReader(Protocol):
    """Decodes the QR code in a frame, if any. Keeps nothing."""

    def read(self, frame: npt.NDArray[np.uint8]) -> str | None: ...


# --------------------------------------------------------------------------- getting devices


@dataclass(frozen=True)
class DeviceFactories:
    """How the core gets devices from configuration (``None``: the kiosk has none)."""

    make_printer: Callable[[PrinterConfig, Path], Printer | None]
    make_speech: Callable[[SpeechConfig, Path], Speech | None]
    make_camera: Callable[[CameraConfig, Path], Camera | None]
    make_presence_detector: Callable[[], PresenceDetector]
    make_code_reader: Callable[[], CodeReader]


_installed: DeviceFactories | None = None


def install_devices(factories: DeviceFactories) -> None:
    """The composition root gives the core its device factories (once, at start)."""
    global _installed
    _installed = factories


def device_factories() -> DeviceFactories:
    """The installed device factories; a clear error when the program was wired without."""
    if _installed is None:
        raise DeviceError(
            "The devices are not available.",
            "no device factories installed: start the program through the motcua launcher "
            "(motcua.main), which calls app.ports.install_devices",
        )
    return _installed
