"""The simulated printer: the real driver talking to the twin over a pseudo-terminal.

:class:`SimulatedPrinter` starts a :class:`~devices.printer.twin.PrinterTwin`
and a :class:`~devices.printer.serial_printer.SerialPrinter` opened on the
twin's stable link, so a laptop runs exactly the code paths of a kiosk: the
same bytes, timeouts, status parsing and reconnection. Tickets land as PNGs
in the output folder (by default ``var/printer/`` beside the folder of the
configuration file, i.e. under the repository for ``config/default.toml``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.ports import Printer, PrinterStatus, TicketPrint
from devices.printer.encode import PAPER_DOTS, Mode
from devices.printer.serial_printer import SerialPrinter
from devices.printer.twin import PrinterTwin

if TYPE_CHECKING:
    from app.config import PrinterConfig


def output_dir(config: PrinterConfig, base_dir: Path) -> Path:
    """Where the simulated printer puts its tickets (and its control files)."""
    if config.output_dir:
        p = Path(config.output_dir)
        return p if p.is_absolute() else Path(base_dir) / p
    return Path(base_dir).resolve().parent / "var" / "printer"


class SimulatedPrinter(Printer):
    """A printer twin on a pseudo-terminal, driven by the real serial driver."""

    def __init__(
        self,
        folder: Path,
        baudrate: int = 38400,
        flow_control: str = "rtscts",
        paper_width_mm: int = 80,
        mode: Mode = "default",
        print_speed_mm_s: float = 200.0,
        time_scale: float = 1.0,
        margin_s: float = 1.0,
        save_images: bool = True,
    ) -> None:
        self.twin = PrinterTwin(
            folder,
            baudrate=baudrate,
            print_speed_mm_s=print_speed_mm_s,
            paper_dots=PAPER_DOTS.get(paper_width_mm, 576),
            time_scale=time_scale,
            save_images=save_images,
        ).start()
        self.driver = SerialPrinter(
            str(self.twin.link),
            baudrate=baudrate,
            flow_control=flow_control,
            paper_width_mm=paper_width_mm,
            mode=mode,
            print_speed_mm_s=print_speed_mm_s,
            margin_s=margin_s,
        )

    @classmethod
    def from_config(cls, config: PrinterConfig, base_dir: Path) -> SimulatedPrinter:
        return cls(
            output_dir(config, base_dir),
            baudrate=config.baudrate,
            flow_control=config.flow_control,
            paper_width_mm=config.paper_width_mm,
            mode="codepage" if config.codepage_fast_path else "default",
            print_speed_mm_s=config.print_speed_mm_s,
        )

    def status(self) -> PrinterStatus:
        return self.driver.status()

    def print_ticket(self, ticket: TicketPrint) -> None:
        self.driver.print_ticket(ticket)

    def close(self) -> None:
        self.driver.close()
        self.twin.stop()
