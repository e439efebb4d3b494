"""The real ticket printer: ESC/POS over a serial line (RS-232 or a USB-serial adapter).

We use python-escpos to *build* commands (see :mod:`devices.printer.encode`)
but own the transport here, because its ``Serial`` printer does not fit a
kiosk: it opens the port with no write timeout (a printer that holds CTS low
blocks the caller forever), it reads status with fixed sleeps (slow, and it
takes any byte for an answer), and it only takes device paths, not
pyserial URLs (``loop://``, ``socket://``) that tests and remote printers use.

What this driver does instead:

* explicit ``timeout`` and a ``write_timeout`` sized from the ticket's bytes
  and the baud rate; exclusive access; the configured flow control;
* the port is a stable path (``/dev/serial/by-id/...`` or a udev symlink),
  opened afresh after any I/O error: unplugging the adapter drops the handle,
  plugging it back in is noticed at the next status poll or ticket;
* status is read with ``DLE EOT 1/2/4`` before every ticket (and whenever
  :meth:`status` is called); replies are picked out of any other traffic by
  their bit pattern (:mod:`devices.printer.status`);
* a ticket is confirmed by ``GS r 1`` sent after it: the printer answers
  only once everything before it has printed. No answer in time means the
  ticket did not come out whole, and :class:`PrintError` says why.

Every method may block for a bounded time and none touches a screen; callers
run them on a worker thread. One lock serialises the port.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.ports import DeviceError, Printer, PrintError, PrinterState, PrinterStatus, TicketPrint
from devices.printer import status as st
from devices.printer.encode import Mode, TicketEncoder

if TYPE_CHECKING:
    from app.config import PrinterConfig

log = logging.getLogger(__name__)

#: bytes written per call; each call gets a write timeout of its own
CHUNK = 1024

#: what the person at the screen is told, by state
MESSAGES: dict[PrinterState, str] = {
    PrinterState.READY: "The printer is ready.",
    PrinterState.PAPER_NEAR_END: "The printer's paper is running low.",
    PrinterState.PAPER_OUT: "The printer is out of paper.",
    PrinterState.COVER_OPEN: "The printer's cover is open.",
    PrinterState.ERROR: "The printer reports an error.",
    PrinterState.NOT_ANSWERING: "The printer is not answering.",
    PrinterState.DISCONNECTED: "The printer is not connected.",
}


class SerialPrinter(Printer):
    """An ESC/POS printer on a serial port."""

    def __init__(
        self,
        port: str,
        baudrate: int = 38400,
        flow_control: str = "rtscts",
        paper_width_mm: int = 80,
        mode: Mode = "default",
        print_speed_mm_s: float = 200.0,
        status_timeout_s: float = 0.5,
        margin_s: float = 1.0,
    ) -> None:
        if not port:
            raise DeviceError(
                "The printer is not set up.",
                "devices.printer.port is empty; set it to a stable path such as "
                "/dev/serial/by-id/... or a udev symlink",
            )
        self.port = port
        self.baudrate = baudrate
        self.flow_control = flow_control
        self.print_speed_mm_s = print_speed_mm_s
        self.status_timeout_s = status_timeout_s
        self.margin_s = margin_s
        self.encoder = TicketEncoder(paper_width_mm, mode)
        self._ser: Any = None  # serial.Serial while open
        self._lock = threading.RLock()
        self.last_status = PrinterStatus(PrinterState.DISCONNECTED, "not opened yet")
        # loading the ESC/POS library and fonts takes about a second: not on the first ticket
        threading.Thread(target=self.encoder.warm_up, name="printer-warm-up", daemon=True).start()

    @classmethod
    def from_config(cls, config: PrinterConfig, base_dir: Path) -> SerialPrinter:
        del base_dir  # the port is a device path, never relative
        return cls(
            port=config.port,
            baudrate=config.baudrate,
            flow_control=config.flow_control,
            paper_width_mm=config.paper_width_mm,
            mode="codepage" if config.codepage_fast_path else "default",
            print_speed_mm_s=config.print_speed_mm_s,
        )

    # ------------------------------------------------------------------ the port

    def wire_seconds(self, n_bytes: int) -> float:
        """Time ``n_bytes`` take on the line (start bit, 8 data bits, stop bit)."""
        return n_bytes * 10 / self.baudrate

    def _open(self) -> Any:
        if self._ser is not None:
            return self._ser
        import serial

        try:
            ser = serial.serial_for_url(
                self.port,
                do_not_open=True,
                baudrate=self.baudrate,
                timeout=0.05,
                write_timeout=2.0,
                xonxoff=self.flow_control == "xonxoff",
                rtscts=self.flow_control == "rtscts",
                exclusive=True,
            )
            ser.open()
        except (serial.SerialException, OSError, ValueError) as exc:
            raise _Disconnected(f"cannot open {self.port}: {exc}") from exc
        log.info("printer port %s open", self.port)
        self._ser = ser
        return ser

    def _drop(self, why: str) -> None:
        """Forget a handle that failed: the next call opens the port again."""
        if self._ser is not None:
            log.warning("printer port %s dropped: %s", self.port, why)
            try:
                self._ser.close()
            except Exception:  # closing a dead handle may fail in many ways
                log.debug("closing the dead printer port failed", exc_info=True)
        self._ser = None

    # ------------------------------------------------------------------ status

    def status(self) -> PrinterStatus:
        with self._lock:
            try:
                result = self._query(self._open())
            except _Disconnected as exc:
                result = PrinterStatus(PrinterState.DISCONNECTED, str(exc))
            self.last_status = result
            return result

    def _query(self, ser: Any) -> PrinterStatus:
        """Send DLE EOT 1, 2, 4 and read the three replies (or what comes)."""
        try:
            ser.write_timeout = self.status_timeout_s
            ser.reset_input_buffer()
            ser.write(b"".join(st.query(n) for n in st.QUERY_ORDER))
            got = bytearray()
            deadline = time.monotonic() + self.status_timeout_s
            while time.monotonic() < deadline:
                got += ser.read(max(1, ser.in_waiting))
                if len(st.status_bytes(bytes(got))) >= len(st.QUERY_ORDER):
                    break
        except Exception as exc:  # SerialException, OSError, termios.error on a vanished tty
            if _is_timeout(exc):
                return PrinterStatus(PrinterState.NOT_ANSWERING, "status query: write timed out")
            self._drop(repr(exc))
            raise _Disconnected(f"{self.port}: {exc}") from exc
        return st.parse_status(bytes(got))

    # ------------------------------------------------------------------ printing

    def print_ticket(self, ticket: TicketPrint) -> None:
        encoded = self.encoder.encode(ticket)
        data = encoded.data + st.CONFIRM_REQUEST
        with self._lock:
            try:
                ser = self._open()
                before = self._query(ser)
            except _Disconnected as exc:
                self.last_status = PrinterStatus(PrinterState.DISCONNECTED, str(exc))
                raise _error(PrinterState.DISCONNECTED, str(exc)) from None
            self.last_status = before
            if not before.state.can_print:
                raise _error(before.state, f"before ticket {ticket.number}: {before.detail}")
            wire = self.wire_seconds(len(data))
            sent = 0
            try:
                ser.reset_input_buffer()
                # Chunked, each with its own timeout: a printer that stops taking
                # data is noticed within a chunk's wire time, however long the ticket.
                ser.write_timeout = self.wire_seconds(CHUNK) * 1.5 + self.margin_s
                for start in range(0, len(data), CHUNK):
                    sent += ser.write(data[start:start + CHUNK]) or 0
            except Exception as exc:
                if _is_timeout(exc):
                    self._discard_output(ser)
                    self.last_status = PrinterStatus(
                        PrinterState.NOT_ANSWERING, "write timed out"
                    )
                    raise _error(
                        PrinterState.NOT_ANSWERING,
                        f"ticket {ticket.number}: the printer stopped taking data after "
                        f"{sent} of {len(data)} bytes (write timeout {ser.write_timeout:.1f} s)",
                        bytes_sent=sent,
                    ) from None
                self._drop(repr(exc))
                self.last_status = PrinterStatus(PrinterState.DISCONNECTED, repr(exc))
                raise _error(PrinterState.DISCONNECTED, f"ticket {ticket.number}: {exc}") from None
            # The head prints while bytes arrive; allow for whichever is slower.
            wait = max(wire, encoded.length_mm / self.print_speed_mm_s) + self.margin_s
            if self._confirmed(ser, wait):
                self.last_status = PrinterStatus(PrinterState.READY, "ticket confirmed")
                return
            self._discard_output(ser)
            try:
                after = self._query(ser)
            except _Disconnected as exc:
                after = PrinterStatus(PrinterState.DISCONNECTED, str(exc))
            self.last_status = after
            state = after.state if not after.state.can_print else PrinterState.NOT_ANSWERING
            raise _error(
                state,
                f"ticket {ticket.number}: no confirmation within {wait:.1f} s after "
                f"{sent} bytes; status now {after.state} ({after.detail})",
                bytes_sent=sent,
            )

    def _confirmed(self, ser: Any, wait: float) -> bool:
        deadline = time.monotonic() + wait
        try:
            while time.monotonic() < deadline:
                chunk = ser.read(max(1, ser.in_waiting))
                if chunk and st.confirm_reply(chunk) is not None:
                    return True
        except Exception as exc:
            self._drop(repr(exc))
        return False

    def _discard_output(self, ser: Any) -> None:
        """Drop bytes still queued for a printer that stopped taking them."""
        try:
            ser.reset_output_buffer()
        except Exception:  # the port may be gone already
            log.debug("could not discard queued printer output", exc_info=True)

    def close(self) -> None:
        with self._lock:
            if self._ser is not None:
                try:
                    self._ser.close()
                finally:
                    self._ser = None


class _Disconnected(Exception):
    """The port could not be opened or vanished."""


def _is_timeout(exc: BaseException) -> bool:
    try:
        import serial
    except ImportError:  # pragma: no cover - pyserial is a dependency
        return False
    return isinstance(exc, serial.SerialTimeoutException)


def _error(state: PrinterState, diagnostic: str, bytes_sent: int = 0) -> PrintError:
    return PrintError(MESSAGES[state], state, diagnostic, bytes_sent)
