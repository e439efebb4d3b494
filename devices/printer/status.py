"""Real-time status of an ESC/POS printer: the queries and the parsing of replies.

The driver sends ``DLE EOT 1``, ``DLE EOT 2`` and ``DLE EOT 4`` and reads one
byte back for each. Every DLE EOT reply has the fixed bit pattern
``0xx1xx10`` (bits 1 and 4 set, bits 0 and 7 clear), which is what lets us pick
replies out of whatever else arrives on the line: XON/XOFF (``0x11``/``0x13``),
automatic status blocks, the byte of a ``GS r`` answer, or line noise.

``GS r 1`` is the other status request we use. Unlike DLE EOT it is *not*
real-time: the printer answers it only once it has printed everything sent
before it, so it confirms that a ticket came out. Its reply has bits 4 and 7
clear, so it can never be taken for a DLE EOT reply or the other way round.

The rule that matters: a missing, short or malformed reply never reads as
"ready". Parsing never raises.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.ports import PrinterState, PrinterStatus

DLE = 0x10
EOT = 0x04
GS = 0x1D

#: the three real-time queries, in the order the driver sends them
QUERY_ORDER: tuple[int, ...] = (1, 2, 4)


def query(n: int) -> bytes:
    """``DLE EOT n``: transmit real-time status ``n``."""
    return bytes((DLE, EOT, n))


#: ``GS r 1``: transmit paper sensor status, after everything before it has printed
CONFIRM_REQUEST = b"\x1dr\x01"


def is_status_byte(b: int) -> bool:
    """True when ``b`` has the fixed bits of a DLE EOT reply (``0xx1xx10``)."""
    return (b & 0x93) == 0x12


def is_confirm_byte(b: int) -> bool:
    """True when ``b`` can be a ``GS r 1`` reply (bits 4 and 7 clear)."""
    return (b & 0x90) == 0x00


@dataclass(frozen=True)
class StatusBits:
    """The three DLE EOT replies, decoded; None where a reply is missing."""

    printer: int | None  # n = 1
    offline_cause: int | None  # n = 2
    paper: int | None  # n = 4

    @property
    def offline(self) -> bool:
        return self.printer is not None and bool(self.printer & 0x08)

    @property
    def cover_open(self) -> bool:
        return self.offline_cause is not None and bool(self.offline_cause & 0x04)

    @property
    def paper_stop(self) -> bool:
        """Printing stopped because the paper ended."""
        return self.offline_cause is not None and bool(self.offline_cause & 0x20)

    @property
    def error(self) -> bool:
        return self.offline_cause is not None and bool(self.offline_cause & 0x40)

    @property
    def paper_out(self) -> bool:
        return self.paper is not None and (self.paper & 0x60) != 0

    @property
    def near_end(self) -> bool:
        return self.paper is not None and (self.paper & 0x0C) != 0


def status_bytes(data: bytes) -> list[int]:
    """The bytes of ``data`` that can be DLE EOT replies, in arrival order."""
    return [b for b in data if is_status_byte(b)]


def split_replies(data: bytes, expected: Sequence[int] = QUERY_ORDER) -> dict[int, int]:
    """Match the replies found in ``data`` to the queries sent, in order.

    Replies come back in the order the queries went out; anything that is not
    a reply is skipped. Extra replies (a late answer to an earlier query) are
    ignored at the front: the last ``len(expected)`` replies are the fresh ones.
    """
    found = status_bytes(data)
    if len(found) > len(expected):
        found = found[-len(expected):]
    return {n: b for n, b in zip(expected, found, strict=False)}


def interpret(bits: StatusBits) -> PrinterStatus:
    """Map decoded status to the state the product understands."""
    if bits.printer is None:
        return PrinterStatus(PrinterState.NOT_ANSWERING, "no reply to DLE EOT 1")
    detail = _describe(bits)
    if bits.offline_cause is None or bits.paper is None:
        return PrinterStatus(PrinterState.NOT_ANSWERING, f"incomplete status reply ({detail})")
    if bits.cover_open:
        return PrinterStatus(PrinterState.COVER_OPEN, detail)
    if bits.paper_out or bits.paper_stop:
        return PrinterStatus(PrinterState.PAPER_OUT, detail)
    if bits.error or bits.offline:
        return PrinterStatus(PrinterState.ERROR, detail)
    if bits.near_end:
        return PrinterStatus(PrinterState.PAPER_NEAR_END, detail)
    return PrinterStatus(PrinterState.READY, detail)


def parse_status(data: bytes, expected: Sequence[int] = QUERY_ORDER) -> PrinterStatus:
    """The printer's state from the raw bytes read after sending ``expected`` queries."""
    replies = split_replies(data, expected)
    return interpret(StatusBits(replies.get(1), replies.get(2), replies.get(4)))


def _describe(bits: StatusBits) -> str:
    parts = [
        f"{name}={'--' if v is None else f'{v:02x}'}"
        for name, v in (("s1", bits.printer), ("s2", bits.offline_cause), ("s4", bits.paper))
    ]
    return "DLE EOT " + " ".join(parts)


def confirm_reply(data: Iterable[int]) -> int | None:
    """The first byte in ``data`` that can be a ``GS r 1`` reply, if any."""
    for b in data:
        if is_confirm_byte(b):
            return b
    return None


# --------------------------------------------------------------------------- the printer's side


def reply_bytes(
    *,
    offline: bool,
    cover_open: bool,
    paper_out: bool,
    near_end: bool,
    error: bool = False,
) -> dict[int, int]:
    """The bytes a printer in this condition answers to DLE EOT 1, 2 and 4.

    Used by the simulated printer, so both sides share one definition.
    """
    s1 = 0x12 | (0x08 if offline else 0)
    s2 = 0x12 | (0x04 if cover_open else 0) | (0x20 if paper_out else 0) | (0x40 if error else 0)
    s4 = 0x12 | (0x60 if paper_out else 0) | (0x0C if near_end else 0)
    return {1: s1, 2: s2, 4: s4, 3: 0x12}


def confirm_byte(*, paper_out: bool, near_end: bool) -> int:
    """The byte a printer answers to ``GS r 1`` (paper sensor status)."""
    return (0x03 if near_end else 0) | (0x0C if paper_out else 0)
