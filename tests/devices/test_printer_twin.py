"""The real serial driver against the simulated printer on a pseudo-terminal: faults included."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.ports import PrintError, PrinterState
from devices.printer.simulated import SimulatedPrinter, output_dir
from devices.printer.twin import Fault, read_state, write_control
from tests.devices.printer_samples import EN, VI
from tests.helpers.devices import settle_printer


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimulatedPrinter]:
    # fast wire and paper so tests stay quick; the timing model is the same
    p = SimulatedPrinter(tmp_path / "printer", baudrate=115200, time_scale=4.0, margin_s=0.3)
    yield p
    p.close()


def test_prints_a_ticket_to_png(sim: SimulatedPrinter) -> None:
    assert sim.status().state is PrinterState.READY
    sim.print_ticket(VI)
    assert sim.twin.wait_for_tickets(1)
    saved = sim.twin.tickets[-1]
    assert saved.path.exists() and not saved.interrupted and not saved.unknown
    assert sim.twin.dropped_commands == 0


def test_paper_out_before_a_ticket_then_recovers(sim: SimulatedPrinter) -> None:
    sim.twin.set_fault(Fault.PAPER_OUT)
    with pytest.raises(PrintError) as err:
        sim.print_ticket(VI)
    assert err.value.state is PrinterState.PAPER_OUT
    assert err.value.bytes_sent == 0
    assert sim.twin.tickets == []
    sim.twin.clear_faults()
    sim.print_ticket(VI)
    assert sim.twin.wait_for_tickets(1)


def test_paper_runs_out_in_mid_ticket(sim: SimulatedPrinter) -> None:
    sim.twin.run_out_after(40)  # mm: the roll ends below the number
    with pytest.raises(PrintError) as err:
        sim.print_ticket(VI)
    assert err.value.state is PrinterState.PAPER_OUT
    assert err.value.bytes_sent > 0
    assert sim.twin.tickets[-1].interrupted == "paper out"
    assert sim.status().state is PrinterState.PAPER_OUT
    sim.twin.clear_faults()  # new roll
    sim.print_ticket(VI)  # the reprint comes out whole
    assert sim.twin.wait_for_tickets(2)
    assert not sim.twin.tickets[-1].interrupted


def test_cover_open(sim: SimulatedPrinter) -> None:
    sim.twin.set_fault(Fault.COVER_OPEN)
    assert sim.status().state is PrinterState.COVER_OPEN
    with pytest.raises(PrintError) as err:
        sim.print_ticket(EN)
    assert err.value.state is PrinterState.COVER_OPEN
    sim.twin.set_fault(Fault.COVER_OPEN, on=False)
    assert sim.status().state is PrinterState.READY
    sim.print_ticket(EN)


def test_near_end_still_prints(sim: SimulatedPrinter) -> None:
    sim.twin.set_fault(Fault.PAPER_NEAR_END)
    assert sim.status().state is PrinterState.PAPER_NEAR_END
    sim.print_ticket(EN)
    assert sim.twin.wait_for_tickets(1)


def test_offline_is_an_error(sim: SimulatedPrinter) -> None:
    sim.twin.set_fault(Fault.OFFLINE)
    assert sim.status().state is PrinterState.ERROR


def test_unplug_and_replug_reconnects_by_itself(sim: SimulatedPrinter) -> None:
    sim.print_ticket(EN)
    sim.twin.set_fault(Fault.UNPLUGGED)
    assert settle_printer(sim, PrinterState.DISCONNECTED) is PrinterState.DISCONNECTED
    with pytest.raises(PrintError) as err:
        sim.print_ticket(EN)
    assert err.value.state is PrinterState.DISCONNECTED
    sim.twin.set_fault(Fault.UNPLUGGED, on=False)
    assert settle_printer(sim, PrinterState.READY) is PrinterState.READY
    sim.print_ticket(EN)
    assert sim.twin.wait_for_tickets(2)


def test_hung_printer_does_not_answer(sim: SimulatedPrinter) -> None:
    sim.twin.set_fault(Fault.HUNG)
    assert settle_printer(sim, PrinterState.NOT_ANSWERING) is PrinterState.NOT_ANSWERING
    started = time.monotonic()
    with pytest.raises(PrintError) as err:
        sim.print_ticket(VI)
    assert err.value.state is PrinterState.NOT_ANSWERING
    assert time.monotonic() - started < 3
    sim.twin.clear_faults()
    assert settle_printer(sim, PrinterState.READY) is PrinterState.READY


def test_printer_hanging_in_mid_ticket_times_the_write_out(tmp_path: Path) -> None:
    # a raster ticket is bigger than the pseudo-terminal's buffer, so the
    # driver's writes block once the printer stops reading: the write timeout
    p = SimulatedPrinter(tmp_path / "p", baudrate=115200, mode="raster", margin_s=0.3)
    try:
        p.twin.hang_after_bytes = 2000
        started = time.monotonic()
        with pytest.raises(PrintError) as err:
            p.print_ticket(VI)
        assert err.value.state is PrinterState.NOT_ANSWERING
        assert "stopped taking data" in err.value.diagnostic
        assert 0 < err.value.bytes_sent < 60_000
        assert time.monotonic() - started < 4
        p.twin.clear_faults()
        assert settle_printer(p, PrinterState.READY) is PrinterState.READY
    finally:
        p.close()


def test_control_file_switches_a_running_twin(sim: SimulatedPrinter) -> None:
    write_control(sim.twin.folder, {"cover_open"})
    assert settle_printer(sim, PrinterState.COVER_OPEN) is PrinterState.COVER_OPEN
    state = read_state(sim.twin.folder)
    assert state is not None and state["faults"] == ["cover_open"]
    write_control(sim.twin.folder, set())
    assert settle_printer(sim, PrinterState.READY) is PrinterState.READY
    with pytest.raises(ValueError):
        write_control(sim.twin.folder, {"on_fire"})


def test_twin_reports_unknown_commands(sim: SimulatedPrinter) -> None:
    sim.driver._open().write(b"\x1b@\x1b\x99Hi\n\x1dV\x00")
    assert sim.twin.wait_for_tickets(1)
    assert sim.twin.tickets[-1].unknown
    assert sim.status().state is PrinterState.READY


def test_output_dir_defaults_beside_the_config_folder(config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cfg = config.devices.printer
    assert output_dir(cfg, tmp_path / "config") == tmp_path / "var" / "printer"
    rel = cfg.model_copy(update={"output_dir": "out"})
    assert output_dir(rel, tmp_path) == tmp_path / "out"


def test_factory_and_command_line_drive_the_same_twin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.config import load_config
    from devices.factory import make_printer
    from motcua.main import main

    folder = tmp_path / "printer"
    cfg_file = tmp_path / "kiosk.toml"
    src = (Path(__file__).resolve().parents[2] / "config" / "default.toml").read_text("utf-8")
    cfg_file.write_text(
        src.replace('[devices.printer]\n', f'[devices.printer]\noutput_dir = "{folder}"\n'),
        encoding="utf-8",
    )
    cfg = load_config(cfg_file)
    printer = make_printer(cfg.devices.printer, tmp_path)
    assert isinstance(printer, SimulatedPrinter)
    try:
        assert printer.status().state is PrinterState.READY
        assert main(["--config", str(cfg_file), "printer-sim", "set", "cover_open"]) == 0
        assert settle_printer(printer, PrinterState.COVER_OPEN) is PrinterState.COVER_OPEN
        assert main(["--config", str(cfg_file), "printer-sim", "clear"]) == 0
        assert settle_printer(printer, PrinterState.READY) is PrinterState.READY
        assert main(["--config", str(cfg_file), "printer-sim", "status"]) == 0
        assert '"faults": []' in capsys.readouterr().out
    finally:
        printer.close()
