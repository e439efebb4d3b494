"""Bytes per ticket and time to send one through the simulated printer.

Prints ``figure: value`` lines only:

* ``ticket_bytes_<mode>``: bytes of the sample Vietnamese ticket (the hall,
  the number, the service, people ahead, the AI-labelled wait, the counters,
  the QR code and the staff note) in each mode;
* ``send_s_<baud>_<mode>``: seconds from calling the real driver's
  ``print_ticket`` until the twin has taken the ticket's last byte off the
  line, at 9600, 38400 and 115200 baud. That includes the status query
  before the ticket.

Timing is honest but, for slow cases, not waited out in full: the twin models
the wire (it takes bytes off the pseudo-terminal no faster than baud / 10
bytes a second) and can run that model ``k`` times faster. Any case expected
to take over 4 s runs with ``k`` chosen to bring it near 1 s, and its
time on the wire (from the ticket's first command reaching the twin to its
last byte) is multiplied by ``k``; encoding and the status query before it
ran in real time and are added as measured.
Run: ``python benchmarks/printer.py``.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devices.printer.encode import MODES, TicketEncoder  # noqa: E402
from devices.printer.simulated import SimulatedPrinter  # noqa: E402
from tests.devices.printer_samples import VI  # noqa: E402

BAUDS = (9600, 38400, 115200)


def send_seconds(baud: int, mode: str, n_bytes: int, folder: Path) -> float:
    expected = n_bytes * 10 / baud
    scale = max(1.0, expected / 1.0) if expected > 4.0 else 1.0
    printer = SimulatedPrinter(
        folder, baudrate=baud, mode=mode, time_scale=scale,  # type: ignore[arg-type]
        save_images=False,
    )
    try:
        # a kiosk that has been running: port open, library and fonts loaded
        printer.status()
        printer.driver.encoder.warm_up()
        start = time.monotonic()
        printer.print_ticket(VI)
        twin = printer.twin
        # encoding and the status query ran in real time; only the wire is scaled
        return (twin.last_init_at - start) + (twin.last_byte_at - twin.last_init_at) * scale
    finally:
        printer.close()


def main() -> None:
    logging.disable(logging.WARNING)
    sizes = {m: len(TicketEncoder(80, m).encode(VI)) for m in MODES}
    for m in MODES:
        print(f"ticket_bytes_{m}: {sizes[m]}")
    with tempfile.TemporaryDirectory() as tmp:
        for baud in BAUDS:
            for m in MODES:
                secs = send_seconds(baud, m, sizes[m], Path(tmp) / f"{baud}-{m}")
                print(f"send_s_{baud}_{m}: {secs:.2f}")


if __name__ == "__main__":
    main()
