"""The device interfaces: printer, camera and speech.

Everything outside ``devices/`` talks to hardware through these classes only.
Each interface has a real driver and a simulated twin in its own module; the
factory in :mod:`devices.factory` chooses between them from the configuration
and imports pyserial, OpenCV or pyttsx3 only when asked for them.

Device calls are plain, Qt-free and may block; callers that own a screen run
them on a worker thread. Failures are raised as :class:`DeviceError` (or a
subclass) carrying a short sentence for the person at the screen and a
diagnostic for the log.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


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
    ai_label: str  # e.g. "Ước tính bởi AI" (empty when no AI estimate is shown)
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
