"""Printing tickets: what goes on the paper, and what happens when the printer fails.

:func:`compose_ticket` turns an issued ticket into the texts of a
:class:`~app.ports.TicketPrint`, in the citizen's language; the wait is
worded by :func:`app.wording.wait_words`, exactly as on the kiosk screen and
the phone page.
:class:`PrintService` sends it to the printer and records the outcome in the
event log: a ``printed`` event, or an ``incident`` (source ``printer``, code
the printer's state) that staff see. Whatever the printer does, the ticket
stays issued; a ticket that failed is kept for :meth:`PrintService.reprint`
once the printer is back.

Qt-free and blocking: the kiosk screen calls it on a worker thread. It knows
printers only through :mod:`app.ports`.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from app.config import Config, pick
from app.ports import Printer, PrintError, PrinterState, PrinterStatus, TicketPrint
from app.wording import OPEN, Serving, serving_of, wait_words

if TYPE_CHECKING:
    from app.estimate import EstimatorInfo
    from app.service import HallService, IssuedTicket

log = logging.getLogger(__name__)

#: failed tickets kept for reprint, at most (the oldest go first)
MAX_PENDING = 50


def compose_ticket(
    config: Config,
    issued: IssuedTicket,
    language: str,
    estimator_info: EstimatorInfo | None = None,
    serving: Serving = OPEN,
) -> TicketPrint:
    """The texts of ``issued`` as printed, in ``language`` (Vietnamese where a text lacks it).

    ``serving`` says whether a counter is open for the ticket (else "you are
    next" is not said); :class:`PrintService` reads it from the hall.
    """
    texts = config.devices.printer.ticket_texts
    try:
        service_name = pick(config.service(issued.service).name, language)
    except KeyError:
        service_name = issued.service
    local = issued.issued_at.astimezone(config.hall.zone)
    words = wait_words(
        language, issued.people_ahead, issued.estimate,
        visible=estimator_info is None or estimator_info.visible,
        serving=serving, overrides=texts.wording())
    counters = ""
    if issued.counters:
        template = texts.counter_one if len(issued.counters) == 1 else texts.counter_many
        counters = pick(template, language).format(
            counters=", ".join(str(c) for c in issued.counters)
        )
    return TicketPrint(
        hall_name=pick(config.hall.name, language),
        number=issued.number,
        service_name=service_name,
        issued_at_text=local.strftime(texts.datetime_format),
        people_ahead_text=words.ahead,
        wait_text=words.wait,
        ai_label=words.label,
        counters_text=counters,
        qr_url=config.kiosk.ticket_url.replace("{token}", issued.token),
        qr_caption=pick(texts.qr_caption, language),
        staff_note=pick(config.kiosk.staff_note, language),
        language=language,
    )


@dataclass(frozen=True)
class PrintOutcome:
    """How a print went. ``message`` is one plain sentence for the screen."""

    ok: bool
    state: PrinterState
    message: str
    ticket: str


class PrintService:
    """Prints tickets for one kiosk and keeps the log informed."""

    def __init__(self, hall: HallService, printer: Printer | None) -> None:
        self.hall = hall
        self.printer = printer
        self._lock = threading.Lock()
        self._pending: dict[str, IssuedTicket] = {}
        self._known: dict[str, IssuedTicket] = {}
        self._last_state: PrinterState | None = None

    @property
    def _kiosk(self) -> str:
        return self.hall.config.kiosk.id

    # ------------------------------------------------------------------ printing

    def print_ticket(self, issued: IssuedTicket, language: str) -> PrintOutcome:
        """Print ``issued``; blocks until the printer confirms or fails (bounded)."""
        with self._lock:
            self._known[issued.number] = issued
            _trim(self._known, 200)
        if self.printer is None:
            return PrintOutcome(
                False, PrinterState.DISCONNECTED, "This kiosk has no printer.", issued.number
            )
        try:
            ticket = compose_ticket(self.hall.config, issued, language, self._estimator_info(),
                                    self._serving(issued))
        except Exception as exc:  # bad template text in the config must not stop the kiosk
            log.exception("could not compose ticket %s", issued.number)
            return self._failed(issued, PrinterState.ERROR,
                                "The ticket could not be laid out.", f"compose: {exc!r}")
        try:
            self.printer.print_ticket(ticket)
        except PrintError as exc:
            return self._failed(issued, exc.state, exc.message, exc.diagnostic)
        except Exception as exc:  # a driver bug degrades printing, never the kiosk
            log.exception("printer driver failed on %s", issued.number)
            return self._failed(issued, PrinterState.ERROR, "The printer reports an error.",
                                f"driver: {exc!r}")
        self._record("printed", actor=self._kiosk, ticket=issued.number, service=issued.service)
        with self._lock:
            self._pending.pop(issued.number, None)
        after = self.status()
        state = after.state if after.state.can_print else PrinterState.READY
        return PrintOutcome(True, state, "The ticket was printed.", issued.number)

    def reprint(self, number: str, language: str) -> PrintOutcome:
        """Print ``number`` again, with its current people-ahead and estimate."""
        with self._lock:
            earlier = self._pending.get(number) or self._known.get(number)
        issued = self._refresh(number, earlier)
        if issued is None:
            return PrintOutcome(False, PrinterState.ERROR, f"Ticket {number} is not known.", number)
        return self.print_ticket(issued, language)

    def pending_reprints(self) -> list[str]:
        """Tickets whose printing failed and that were not reprinted since, oldest first."""
        with self._lock:
            return list(self._pending)

    # ------------------------------------------------------------------ status

    def status(self) -> PrinterStatus:
        """The printer's state now; entering a fault is logged once as an incident."""
        if self.printer is None:
            return PrinterStatus(PrinterState.DISCONNECTED, "no printer configured")
        try:
            now = self.printer.status()
        except Exception as exc:  # status() must not raise; if a driver's does, contain it
            log.exception("printer status failed")
            now = PrinterStatus(PrinterState.NOT_ANSWERING, f"status: {exc!r}")
        with self._lock:
            changed = now.state is not self._last_state
            self._last_state = now.state
        if changed and now.state is not PrinterState.READY:
            self._record("incident", actor=self._kiosk, source="printer",
                         code=now.state.value, detail=now.detail[:500] or None)
        return now

    # ------------------------------------------------------------------ helpers

    def _failed(
        self, issued: IssuedTicket, state: PrinterState, message: str, diagnostic: str
    ) -> PrintOutcome:
        with self._lock:
            self._pending[issued.number] = issued
            _trim(self._pending, MAX_PENDING)
            self._last_state = state
        log.warning("ticket %s not printed: %s (%s)", issued.number, state.value, diagnostic)
        self._record("incident", actor=self._kiosk, source="printer", code=state.value,
                     detail=diagnostic[:500] or None, ticket=issued.number)
        return PrintOutcome(False, state, message, issued.number)

    def _record(self, kind: str, actor: str, **data: Any) -> None:
        try:
            self.hall.record(kind, actor=actor, **{k: v for k, v in data.items() if v is not None})
        except Exception:  # the log being unwritable is reported by the store's own checks
            log.exception("could not record %s event", kind)

    def _estimator_info(self) -> EstimatorInfo | None:
        try:
            return self.hall.estimator.info()
        except Exception:
            log.debug("estimator info unavailable", exc_info=True)
            return None

    def _serving(self, issued: IssuedTicket) -> Serving:
        """Whether a counter is open for ``issued`` now (read under the hall's lock)."""
        try:
            with self.hall.lock:
                state = self.hall.state
                ticket = state.tickets.get(issued.number)
                target = ticket.target_counter if ticket is not None else None
                return serving_of(state, issued.service, self.hall.now(), target)
        except Exception:  # a reading problem must not stop the print: say nothing of counters
            log.exception("could not read the counters for %s", issued.number)
            return Serving()

    def _refresh(self, number: str, earlier: IssuedTicket | None) -> IssuedTicket | None:
        """``earlier`` (or the issued event of ``number``) with today's queue figures."""
        state = self.hall.state
        ticket = state.tickets.get(number)
        if earlier is None:
            if ticket is None:
                return None
            earlier = self._from_log(number, ticket.issued_seq)
            if earlier is None:
                return None
        if ticket is None:
            return earlier
        return replace(
            earlier,
            people_ahead=state.people_ahead(number),
            estimate=self.hall.estimate(ticket),
            counters=tuple(state.counters_for(ticket.service)) or earlier.counters,
            service=ticket.service,
        )

    def _from_log(self, number: str, seq: int) -> IssuedTicket | None:
        from app.service import IssuedTicket

        try:
            events = self.hall.store.read_after(seq - 1, limit=1)
        except Exception:
            log.exception("could not read the issued event of %s", number)
            return None
        if not events or events[0].kind != "issued" or events[0].get("ticket") != number:
            return None
        e = events[0]
        ticket = self.hall.state.tickets[number]
        return IssuedTicket(
            number=number,
            service=ticket.service,
            issued_at=e.ts,
            priority=bool(e.get("priority")),
            category=e.get("category"),
            people_ahead=0,
            counters=(),
            token=str(e.get("token", "")),
            estimate=self.hall.estimate(ticket),
            seq=seq,
        )


def _trim(d: dict[str, Any], keep: int) -> None:
    while len(d) > keep:
        d.pop(next(iter(d)))
