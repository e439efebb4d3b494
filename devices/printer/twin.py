"""The simulated printer's hardware: a thermal printer on a pseudo-terminal.

:class:`PrinterTwin` opens a real pseudo-terminal (``os.openpty``) and keeps a
symlink to its device (``printer.tty`` in its folder), the way udev keeps
``/dev/serial/by-id/...`` pointing at a USB adapter. The real driver opens
that link with pyserial, unchanged, and sees what it would see on a wire:

* bytes are taken off the line no faster than the baud rate allows (a
  token bucket at ``baudrate / 10`` bytes a second), and the paper moves at
  the print speed, so a ``GS r`` confirmation comes back only when the
  ticket would have come out;
* ``DLE EOT 1/2/4`` are answered at once, from the current state, even when
  the printer cannot print (as real-time commands are);
* faults can be switched on and off at any moment: paper near end, paper
  out (now, or after so many millimetres, i.e. in the middle of a ticket),
  cover open, offline, unplugged (the device disappears, the link with it)
  and hung (it stops reading and answering; the driver's writes back up
  until they time out).

Each ticket is rendered by :mod:`devices.printer.decoder` and saved as a PNG
in the folder; a ticket cut short by a fault is saved with ``-interrupted``
in its name. Commands it does not know are logged and listed in
:attr:`PrinterTwin.unknown`; they never stop it.

Another process (the ``motcua printer-sim`` command) switches faults by
writing ``twin-control.json`` in the same folder; the twin writes its state
to ``twin-state.json`` there.
"""

from __future__ import annotations

import contextlib
import enum
import json
import logging
import os
import select
import threading
import time
import tty
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from devices.printer.decoder import Command, Page, Parser, Renderer
from devices.printer.status import confirm_byte, reply_bytes

log = logging.getLogger(__name__)

CONTROL_FILE = "twin-control.json"
STATE_FILE = "twin-state.json"
LINK_NAME = "printer.tty"


class Fault(enum.StrEnum):
    """What can be switched on the simulated printer."""

    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    UNPLUGGED = "unplugged"
    HUNG = "hung"


@dataclass(frozen=True)
class SavedTicket:
    """A ticket the twin printed (or began to)."""

    path: Path
    interrupted: str
    unknown: tuple[str, ...]


class PrinterTwin:
    """A simulated ESC/POS printer on a pseudo-terminal. Start it, then open :attr:`link`."""

    def __init__(
        self,
        folder: Path,
        baudrate: int = 38400,
        print_speed_mm_s: float = 200.0,
        paper_dots: int = 576,
        time_scale: float = 1.0,
        save_images: bool = True,
    ) -> None:
        self.folder = Path(folder)
        self.link = self.folder / LINK_NAME
        self.baudrate = baudrate
        self.print_speed_mm_s = print_speed_mm_s
        #: > 1 runs the wire and the paper that many times faster (for benchmarks)
        self.time_scale = time_scale
        self.save_images = save_images
        self.faults: set[Fault] = set()
        #: paper left on the roll in mm; None for a roll that never ends
        self.paper_left_mm: float | None = None
        self.tickets: list[SavedTicket] = []
        self.unknown: list[str] = []
        self.bytes_received = 0
        #: monotonic time the last byte came off the line
        self.last_byte_at = 0.0
        #: monotonic time the last ``ESC @`` (the start of a ticket) arrived
        self.last_init_at = 0.0
        self.dropped_commands = 0
        #: stop reading and answering once this many bytes came in (a hang in mid-ticket)
        self.hang_after_bytes: int | None = None
        self._renderer = Renderer(paper_dots)
        self._parser = Parser()
        self._discarding = False  # the rest of an interrupted ticket is thrown away
        self._mech_free_at = 0.0  # when the print head has caught up
        self._scheduled: list[tuple[float, bytes]] = []
        self._lock = threading.Condition()
        self._master: int | None = None
        self._slave: int | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._control_mtime = 0.0
        self._count = 0

    # ------------------------------------------------------------------ life cycle

    def start(self) -> PrinterTwin:
        self.folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            (self.folder / CONTROL_FILE).unlink()
        self._plug()
        self._write_state()
        self._thread = threading.Thread(target=self._run, name="printer-twin", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
        with self._lock:
            self._unplug()

    def __enter__(self) -> PrinterTwin:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ faults

    def set_fault(self, fault: Fault | str, on: bool = True) -> None:
        """Switch a fault on (or off with ``on=False``)."""
        f = Fault(fault)
        with self._lock:
            if on:
                self.faults.add(f)
                if f in (Fault.PAPER_OUT, Fault.COVER_OPEN, Fault.OFFLINE):
                    self._interrupt(f.value)
            else:
                if f is Fault.HUNG and f in self.faults:
                    self._power_cycle()
                self.faults.discard(f)
                if f is Fault.PAPER_OUT:
                    self.paper_left_mm = None
        self._write_state()

    def clear_faults(self) -> None:
        """Everything fixed: paper loaded, cover shut, online, plugged in, answering."""
        with self._lock:
            if Fault.HUNG in self.faults:
                self._power_cycle()
            self.faults.clear()
            self.paper_left_mm = None
        self._write_state()

    def run_out_after(self, mm: float) -> None:
        """The roll ends after ``mm`` more millimetres of paper (a fault in mid-ticket)."""
        with self._lock:
            self.paper_left_mm = mm
        self._write_state()

    @property
    def can_print(self) -> bool:
        return not self.faults & {Fault.PAPER_OUT, Fault.COVER_OPEN, Fault.OFFLINE}

    def state(self) -> dict[str, object]:
        with self._lock:
            return {
                "faults": sorted(f.value for f in self.faults),
                "paper_left_mm": self.paper_left_mm,
                "link": str(self.link),
                "device": os.ttyname(self._slave) if self._slave is not None else None,
                "tickets": len(self.tickets),
                "last_ticket": str(self.tickets[-1].path) if self.tickets else None,
                "unknown_commands": len(self.unknown),
                "bytes_received": self.bytes_received,
            }

    def wait_for_tickets(self, count: int, timeout: float = 5.0) -> bool:
        """Block until at least ``count`` tickets were saved (for tests)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.tickets) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    # ------------------------------------------------------------------ the device

    def _plug(self) -> None:
        master, slave = os.openpty()
        # raw: no echo, no newline translation; the driver sets the same on open
        tty.setraw(slave)
        self._master, self._slave = master, slave
        tmp = self.link.with_suffix(".tmp")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        tmp.symlink_to(os.ttyname(slave))
        tmp.replace(self.link)
        self._parser = Parser()
        log.info("simulated printer on %s (%s)", self.link, os.ttyname(slave))

    def _unplug(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.link.unlink()
        for fd in (self._master, self._slave):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master = self._slave = None
        self._scheduled.clear()
        if self._renderer.has_content:
            self._finish(self._renderer.cut("unplugged"))

    # ------------------------------------------------------------------ the loop

    def _run(self) -> None:
        rate = self.baudrate / 10.0 * self.time_scale  # bytes a second
        credit = 0.0
        last = time.monotonic()
        next_control = 0.0
        while not self._stop.is_set():
            now = time.monotonic()
            if now >= next_control:
                self._poll_control()
                next_control = now + 0.1
            unplugged = Fault.UNPLUGGED in self.faults
            if unplugged and self._master is not None:
                with self._lock:
                    self._unplug()
            elif not unplugged and self._master is None:
                with self._lock:
                    self._plug()
            if self._master is None or Fault.HUNG in self.faults:
                time.sleep(0.02)
                last = time.monotonic()
                continue
            self._send_due(now)
            # Credit for up to 0.1 s of line time, so the time spent decoding a
            # big image does not slow the simulated wire down.
            credit = min(credit + (now - last) * rate, max(1.0, rate * 0.1))
            last = now
            if credit < 1.0:
                time.sleep((1.0 - credit) / rate)
                continue
            try:
                ready, _, _ = select.select([self._master], [], [], 0.01)
                if not ready:
                    # an idle line saves nothing up: the next byte still takes its time
                    credit = 0.0
                    last = time.monotonic()
                    continue
                data = os.read(self._master, int(credit))
            except OSError:
                time.sleep(0.01)
                continue
            if data:
                credit -= len(data)
                self._receive(data)

    def _send_due(self, now: float) -> None:
        if not self._scheduled:
            return
        due = [s for s in self._scheduled if s[0] <= now]
        if due:
            self._scheduled = [s for s in self._scheduled if s[0] > now]
            for _t, data in due:
                self._write(data)

    def _write(self, data: bytes) -> None:
        if self._master is None:
            return
        with contextlib.suppress(OSError):
            os.write(self._master, data)

    def _receive(self, data: bytes) -> None:
        now = time.monotonic()
        with self._lock:
            self.bytes_received += len(data)
            self.last_byte_at = now
            if self.hang_after_bytes is not None and self.bytes_received >= self.hang_after_bytes:
                self.hang_after_bytes = None
                self.faults.add(Fault.HUNG)
            for cmd in self._parser.feed(data):
                self._command(cmd, now)

    def _command(self, cmd: Command, now: float) -> None:
        if cmd.name == "dle_eot":
            self._write(bytes((self._status_reply(cmd.args[0]),)))
            return
        if cmd.name == "init":
            self.last_init_at = now
            if self._discarding and self.can_print:
                self._discarding = False
        if not self.can_print or self._discarding:
            self.dropped_commands += 1
            return
        if cmd.name == "gs_r":
            near = Fault.PAPER_NEAR_END in self.faults
            reply = bytes((confirm_byte(paper_out=False, near_end=near),))
            self._scheduled.append((max(now, self._mech_free_at), reply))
            return
        before_y = self._renderer.y
        before_unknown = len(self._renderer.unknown)
        page = self._renderer.apply(cmd)
        self.unknown.extend(self._renderer.unknown[before_unknown:])
        moved_mm = max(0, self._renderer.y - before_y) / 8.0
        if page is not None:
            moved_mm += 25.0  # the cut feeds the ticket past the blade
            self._finish(page)
        if moved_mm:
            self._mech_free_at = (
                max(now, self._mech_free_at) + moved_mm / self.print_speed_mm_s / self.time_scale
            )
            if self.paper_left_mm is not None:
                self.paper_left_mm -= moved_mm
                if self.paper_left_mm <= 0:
                    self.paper_left_mm = 0.0
                    self.faults.add(Fault.PAPER_OUT)
                    self._interrupt("paper out")

    def _status_reply(self, n: int) -> int:
        f = self.faults
        paper_out = Fault.PAPER_OUT in f
        replies = reply_bytes(
            offline=bool(f & {Fault.PAPER_OUT, Fault.COVER_OPEN, Fault.OFFLINE}),
            cover_open=Fault.COVER_OPEN in f,
            paper_out=paper_out,
            near_end=Fault.PAPER_NEAR_END in f or (
                self.paper_left_mm is not None and self.paper_left_mm < 300
            ),
            error=Fault.OFFLINE in f,
        )
        return replies.get(n, 0x12)

    def _power_cycle(self) -> None:
        """What un-hangs a real printer: switching it off and on. Its buffer is lost."""
        if self._master is not None:
            try:
                while select.select([self._master], [], [], 0)[0]:
                    if not os.read(self._master, 65536):
                        break
            except OSError:
                pass
        self._parser = Parser()
        self._scheduled.clear()
        if self._renderer.has_content:
            self._finish(self._renderer.cut("power cycled"))
        self._renderer.reset()
        self._discarding = False
        log.info("simulated printer switched off and on")

    def _interrupt(self, why: str) -> None:
        """The printer stopped in mid-ticket: keep what came out, drop the rest."""
        self._scheduled.clear()
        if self._renderer.has_content:
            self._finish(self._renderer.cut(why))
            self._discarding = True

    def _finish(self, page: Page) -> None:
        self._count += 1
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        suffix = "-interrupted" if page.interrupted else ""
        path = self.folder / f"ticket-{stamp}-{self._count:03d}{suffix}.png"
        if self.save_images:
            try:
                page.image.save(path)
            except OSError:
                log.exception("simulated printer could not save %s", path)
        self.tickets.append(SavedTicket(path, page.interrupted, tuple(page.unknown)))
        for what in page.unknown:
            log.warning("simulated printer: %s", what)
        self._lock.notify_all()
        self._write_state()

    # ------------------------------------------------------------------ control channel

    def _poll_control(self) -> None:
        path = self.folder / CONTROL_FILE
        try:
            mtime = path.stat().st_mtime
        except FileNotFoundError:
            return
        if mtime == self._control_mtime:
            return
        self._control_mtime = mtime
        try:
            request = json.loads(path.read_text(encoding="utf-8"))
            faults = {Fault(f) for f in request.get("faults", [])}
            paper = request.get("paper_left_mm")
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            log.warning("simulated printer: ignoring %s: %s", path, exc)
            return
        with self._lock:
            for f in faults - self.faults:
                self.set_fault(f)
            for f in self.faults - faults:
                self.set_fault(f, on=False)
            self.paper_left_mm = float(paper) if paper is not None else None
        log.info("simulated printer: faults now %s", sorted(f.value for f in self.faults))
        self._write_state()

    def _write_state(self) -> None:
        try:
            path = self.folder / STATE_FILE
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.state(), indent=1), encoding="utf-8")
            tmp.replace(path)
        except OSError:
            log.debug("could not write the twin's state file", exc_info=True)


def write_control(folder: Path, faults: set[str], paper_left_mm: float | None = None) -> Path:
    """Ask a running twin (in another process) to take these faults."""
    for f in faults:
        Fault(f)  # raises ValueError for a name the twin does not know
    path = Path(folder) / CONTROL_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(
        json.dumps({"faults": sorted(faults), "paper_left_mm": paper_left_mm}), encoding="utf-8"
    )
    tmp.replace(path)
    return path


def read_state(folder: Path) -> dict[str, object] | None:
    """What a twin last wrote about itself, or None if none ran there."""
    try:
        data = json.loads((Path(folder) / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
