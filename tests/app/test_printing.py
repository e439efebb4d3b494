"""Printing a ticket: its texts, and what the kiosk and the log see when the printer fails."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import time as daytime
from pathlib import Path
from unittest import mock

import pytest

from app.estimate import Estimate, EstimatorInfo
from app.hall import TicketStatus
from app.ports import Printer, PrintError, PrinterState, PrinterStatus
from app.printing import PrintOutcome, PrintService, compose_ticket
from app.service import HallService
from app.wording import Serving
from devices.printer.simulated import SimulatedPrinter
from devices.printer.twin import Fault
from tests.conftest import ROOT
from tests.helpers.devices import settle_printer


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimulatedPrinter]:
    p = SimulatedPrinter(tmp_path / "printer", baudrate=115200, time_scale=4.0, margin_s=0.3)
    yield p
    p.close()


def events(hall: HallService, kind: str) -> list[dict[str, object]]:
    return [e.to_json() for e in hall.store.read_after(0) if e.kind == kind]


# --------------------------------------------------------------------------- the texts


def test_compose_in_vietnamese(hall: HallService) -> None:
    issued = hall.issue("A", "kiosk-1")
    t = compose_ticket(hall.config, issued, "vi")
    assert t.hall_name == "Bộ phận Một cửa — UBND Phường Mẫu"
    assert t.service_name == "Chứng thực bản sao"
    assert t.number == "A001"
    assert t.issued_at_text == "13/04/2026 09:00"
    assert t.people_ahead_text == "Bạn là người tiếp theo"
    assert t.wait_text.startswith("Chờ ") and t.wait_text.endswith(" phút")
    assert t.ai_label == "Ước tính đơn giản (không dùng AI)"  # the plain method made it
    assert t.counters_text == "Quầy 1, 2, 3"
    assert t.qr_url == f"http://localhost:8080/t/{issued.token}"
    assert t.staff_note.startswith("Cần hỗ trợ?")


def test_compose_in_english_with_an_ai_estimate(hall: HallService) -> None:
    hall.issue("B", "kiosk-1")
    issued = hall.issue("B", "kiosk-1")
    issued = replace(issued, estimate=Estimate(900, 720, 1200, "model", "w-1"))
    t = compose_ticket(hall.config, issued, "en")
    assert t.people_ahead_text == "1 person ahead of you"
    assert t.wait_text == "About 12–20 minutes"
    assert t.ai_label == "AI estimate"
    assert t.counters_text == "Counters 2, 3"
    assert t.service_name == "Civil status (births, marriages)"


def test_hidden_estimates_print_only_people_ahead(hall: HallService) -> None:
    issued = replace(hall.issue("A", "k"), estimate=Estimate(900, 720, 1200, "model", "w-1"))
    t = compose_ticket(hall.config, issued, "vi", EstimatorInfo(ai=True, visible=False))
    assert t.wait_text == "" and t.ai_label == ""


def test_an_unknown_language_falls_back_to_vietnamese(hall: HallService) -> None:
    t = compose_ticket(hall.config, hall.issue("A", "k"), "lo")
    assert t.service_name == "Chứng thực bản sao"


def test_nobody_ahead_is_not_next_while_no_counter_is_open(hall: HallService) -> None:
    issued = hall.issue("A", "kiosk-1")
    closed = compose_ticket(hall.config, issued, "vi", serving=Serving(False))
    assert closed.people_ahead_text == "Không có ai chờ trước bạn. Chưa có quầy mở"
    later = compose_ticket(hall.config, issued, "en", serving=Serving(False, daytime(13, 30)))
    assert later.people_ahead_text == "Nobody is ahead of you. Counters open at 13:30"


def test_a_halls_own_wording_is_kept(hall: HallService) -> None:
    texts = hall.config.devices.printer.ticket_texts.model_copy(
        update={"people_ahead": {"vi": "Còn {n} người nữa", "en": "{n} before you"}})
    printer = hall.config.devices.printer.model_copy(update={"ticket_texts": texts})
    config = hall.config.model_copy(
        update={"devices": hall.config.devices.model_copy(update={"printer": printer})})
    hall.issue("A", "k")
    hall.issue("A", "k")
    t = compose_ticket(config, hall.issue("A", "k"), "vi")
    assert t.people_ahead_text == "Còn 2 người nữa"


def test_the_print_service_reads_whether_a_counter_is_open(
    hall: HallService, sim: SimulatedPrinter
) -> None:
    svc = PrintService(hall, sim)
    issued = hall.issue("A", "kiosk-1")
    assert not hall.state.open_counters("A")
    assert not svc._serving(issued).open
    hall.execute("open_counter", "staff-1", counter=1)
    assert svc._serving(issued).open


# --------------------------------------------------------------------------- printing


def test_printed_ticket_is_logged(hall: HallService, sim: SimulatedPrinter) -> None:
    svc = PrintService(hall, sim)
    issued = hall.issue("A", "kiosk-1")
    outcome = svc.print_ticket(issued, "vi")
    assert outcome == PrintOutcome(True, PrinterState.READY, "The ticket was printed.", "A001")
    assert events(hall, "printed")[-1]["ticket"] == "A001"
    assert events(hall, "printed")[-1]["actor"] == "kiosk-1"
    assert sim.twin.wait_for_tickets(1)
    assert svc.pending_reprints() == []


@pytest.mark.parametrize(
    ("fault", "state"),
    [
        (Fault.PAPER_OUT, PrinterState.PAPER_OUT),
        (Fault.COVER_OPEN, PrinterState.COVER_OPEN),
        (Fault.OFFLINE, PrinterState.ERROR),
        (Fault.HUNG, PrinterState.NOT_ANSWERING),
        (Fault.UNPLUGGED, PrinterState.DISCONNECTED),
    ],
)
def test_each_fault_keeps_the_ticket_logs_it_and_recovers(
    hall: HallService, sim: SimulatedPrinter, fault: Fault, state: PrinterState
) -> None:
    svc = PrintService(hall, sim)
    sim.twin.set_fault(fault)
    # the twin's loop notices an unplug or a hang within a few milliseconds
    settle_printer(svc, state)
    issued = hall.issue("A", "kiosk-1")
    outcome = svc.print_ticket(issued, "vi")
    assert not outcome.ok and outcome.state is state and outcome.ticket == "A001"
    assert outcome.message  # one sentence for the screen
    assert hall.state.tickets["A001"].status is TicketStatus.WAITING  # still issued
    incidents = [e for e in events(hall, "incident") if e.get("ticket") == "A001"]
    assert incidents and incidents[-1]["source"] == "printer"
    assert incidents[-1]["code"] == state.value
    assert svc.pending_reprints() == ["A001"]
    # fixed without restarting anything: the reprint goes through
    sim.twin.clear_faults()
    settle_printer(svc, PrinterState.READY)
    again = svc.reprint("A001", "vi")
    assert again.ok, again
    assert svc.pending_reprints() == []
    assert events(hall, "printed")[-1]["ticket"] == "A001"


def test_paper_out_in_mid_ticket_is_known_and_reprinted(
    hall: HallService, sim: SimulatedPrinter
) -> None:
    svc = PrintService(hall, sim)
    first = hall.issue("A", "kiosk-1")
    assert svc.print_ticket(first, "vi").ok
    sim.twin.run_out_after(30)
    second = hall.issue("A", "kiosk-1")
    outcome = svc.print_ticket(second, "en")
    assert outcome.state is PrinterState.PAPER_OUT
    assert svc.pending_reprints() == ["A002"]
    assert sim.twin.tickets[-1].interrupted
    sim.twin.clear_faults()
    assert svc.reprint("A002", "en").ok
    assert [e["ticket"] for e in events(hall, "printed")] == ["A001", "A002"]


def test_status_logs_entering_a_fault_once(hall: HallService, sim: SimulatedPrinter) -> None:
    svc = PrintService(hall, sim)
    assert svc.status().state is PrinterState.READY
    sim.twin.set_fault(Fault.PAPER_NEAR_END)
    for _ in range(3):
        assert svc.status().state is PrinterState.PAPER_NEAR_END
    logged = events(hall, "incident")
    assert [e["code"] for e in logged] == ["paper_near_end"]


def test_no_printer(hall: HallService) -> None:
    svc = PrintService(hall, None)
    outcome = svc.print_ticket(hall.issue("A", "k"), "vi")
    assert not outcome.ok and outcome.state is PrinterState.DISCONNECTED
    assert svc.status().state is PrinterState.DISCONNECTED
    assert hall.state.tickets["A001"].status is TicketStatus.WAITING


def test_a_broken_driver_degrades_printing_only(hall: HallService) -> None:
    printer = mock.Mock(spec=Printer)
    printer.print_ticket.side_effect = RuntimeError("bug")
    printer.status.return_value = PrinterStatus(PrinterState.READY)
    svc = PrintService(hall, printer)
    outcome = svc.print_ticket(hall.issue("A", "k"), "vi")
    assert not outcome.ok and outcome.state is PrinterState.ERROR
    assert events(hall, "incident")[-1]["detail"].startswith("driver: RuntimeError")  # type: ignore[union-attr]


def test_reprint_of_a_ticket_from_the_log(hall: HallService) -> None:
    printer = mock.Mock(spec=Printer)
    printer.status.return_value = PrinterStatus(PrinterState.READY)
    issued = hall.issue("A", "k")
    svc = PrintService(hall, printer)  # a fresh service: it never saw the ticket
    assert svc.reprint("A001", "vi").ok
    printed = printer.print_ticket.call_args.args[0]
    assert printed.qr_url.endswith(issued.token)
    assert not svc.reprint("Z999", "vi").ok


def test_print_error_message_reaches_the_outcome(hall: HallService) -> None:
    printer = mock.Mock(spec=Printer)
    printer.print_ticket.side_effect = PrintError(
        "The printer is out of paper.", PrinterState.PAPER_OUT, "s2=32")
    svc = PrintService(hall, printer)
    outcome = svc.print_ticket(hall.issue("A", "k"), "vi")
    assert outcome.message == "The printer is out of paper."
    assert events(hall, "incident")[-1]["detail"] == "s2=32"


def test_sample_ticket_image(hall: HallService, sim: SimulatedPrinter, output_dir: Path) -> None:
    """The picture a citizen would take home, kept for a person to look at."""
    svc = PrintService(hall, sim)
    for _ in range(4):
        hall.issue("B", "kiosk-1")
    issued = replace(hall.issue("B", "kiosk-1"), estimate=Estimate(900, 720, 1200, "model", "w"))
    assert svc.print_ticket(issued, "vi").ok
    assert sim.twin.wait_for_tickets(1)
    shutil.copy(sim.twin.tickets[-1].path, output_dir / "ticket-vi.png")
    assert (ROOT / "app" / "resources" / "fonts" / "NotoSans-Regular.ttf").exists()
