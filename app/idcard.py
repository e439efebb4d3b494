"""ID-card QR check-in: one active ticket per citizen per service, and nothing else kept.

The QR code on the back of a Vietnamese chip ID card (CCCD) holds, separated
by ``|``: the 12-digit ID number, the old 9-digit ID number (may be empty),
the full name, the date of birth (DDMMYYYY), the sex, the address and the
issue date (DDMMYYYY); newer cards may add fields, which are ignored.

Everything here happens in memory. :func:`parse_card` checks the text;
:class:`IdHasher` turns the ID number into a salted hash whose salt is
derived per hall and per business day from a secret, so the same citizen
gets unrelated hashes on different days and in different halls;
:class:`CardIssuer` issues a ticket carrying only that hash (``id_hash`` on
the ``issued`` event), refusing a second active ticket for the same service.
The name, number and birth date never reach the store, the log or the
screen — except the given name in a greeting, and only when
``devices.camera.greet_by_name`` is on.

:class:`IdCardFlow` is the screen-free state of the check-in: it first says
why the card is asked for, and "continue without card" always issues a
ticket.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import logging
import os
import re
import secrets
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.config import Config
from app.errors import CommandRefused, UserError
from app.events import Event
from app.hall import HallState
from app.service import HallService, IssuedTicket

log = logging.getLogger(__name__)

#: environment variable that overrides ``devices.camera.id_hash_secret``
SECRET_ENV = "MOTCUA_ID_HASH_SECRET"
#: the event field that carries the hash
ID_FIELD = "id_hash"
#: the event that carries a ticket's ID hash, apart from the ticket so it can be purged
CHECKED = "id_checked"


class CardError(UserError):
    """A scanned text is not a usable ID-card code.

    ``code`` is stable (``not_a_card``, ``bad_number``, ``bad_date``,
    ``expired_layout``); neither the message nor the diagnostic contains any
    of the card's data.
    """

    def __init__(self, code: str, message: str, diagnostic: str = "") -> None:
        super().__init__(message, diagnostic)
        self.code = code


@dataclass(frozen=True, repr=False)
class CardData:
    """The fields of an ID card's QR, in memory only. Its repr shows nothing."""

    id_number: str
    old_id_number: str
    full_name: str
    birth_date: date
    sex: str
    address: str
    issue_date: date

    def __repr__(self) -> str:  # keep card data out of tracebacks and log lines
        return "CardData(<hidden>)"

    @property
    def given_name(self) -> str:
        """The given name: the last word of a Vietnamese full name."""
        parts = self.full_name.split()
        return parts[-1] if parts else ""


def _date(text: str, what: str) -> date:
    if not re.fullmatch(r"\d{8}", text):
        raise CardError("bad_date", "This code is not from a chip ID card.",
                        f"the {what} is not 8 digits (DDMMYYYY)")
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise CardError("bad_date", "This code is not from a chip ID card.",
                        f"the {what} is not a calendar date") from None


def parse_card(text: str, today: date | None = None) -> CardData:
    """Check and split a CCCD QR payload; raises :class:`CardError`.

    Checks what the number itself says: 12 digits, a province code, and a
    4th digit (sex and century of birth) and 5th–6th digits (year of birth)
    that agree with the date of birth. A keyboard-wedge scanner may mangle
    accented letters; only the number and the dates must be intact.
    """
    cleaned = unicodedata.normalize("NFC", text.strip().strip("\x00"))
    fields = [f.strip() for f in cleaned.split("|")]
    if len(fields) < 7:
        raise CardError("not_a_card", "This code is not from a chip ID card.",
                        f"{len(fields)} fields separated by '|', at least 7 expected")
    number, old, name, born, sex, address, issued = fields[:7]
    if not re.fullmatch(r"\d{12}", number):
        raise CardError("bad_number", "This code is not from a chip ID card.",
                        "the first field is not a 12-digit ID number")
    if old and not re.fullmatch(r"\d{9}|\d{12}", old):
        raise CardError("bad_number", "This code is not from a chip ID card.",
                        "the second field is not an old ID number")
    birth = _date(born, "date of birth")
    issue = _date(issued, "issue date")
    province = int(number[:3])
    if not 1 <= province <= 96:
        raise CardError("bad_number", "This code is not from a chip ID card.",
                        "the ID number does not start with a province code")
    century = 1900 + 100 * (int(number[3]) // 2)
    if century != birth.year - birth.year % 100 or number[4:6] != f"{birth.year % 100:02d}":
        raise CardError("bad_number", "This code is not from a chip ID card.",
                        "the ID number does not agree with the date of birth")
    today = today or date.today()
    if birth > today or issue > today or issue < birth:
        raise CardError("bad_date", "This code is not from a chip ID card.",
                        "the dates on the card are impossible")
    return CardData(number, old, name, birth, sex, address, issue)


# --------------------------------------------------------------------------- hashing


def load_secret(config: Config) -> bytes:
    """The hall's secret for ID hashes: environment, then config, else random per run.

    With a random secret, one-ticket-per-citizen holds only within this
    process and this day; every kiosk of a hall needs the same secret.
    """
    value = os.environ.get(SECRET_ENV) or config.devices.camera.id_hash_secret
    if value:
        return value.encode("utf-8")
    log.warning("no ID hash secret configured: using a random one for this run "
                "(set devices.camera.id_hash_secret or %s on every kiosk of the hall)",
                SECRET_ENV)
    return secrets.token_bytes(32)


class IdHasher:
    """Salted hashes of ID numbers: salt = HMAC(secret, hall | business day).

    The hash is an HMAC-SHA256 of the number under the day's salt, shortened
    to 128 bits. Without the secret, the 12-digit numbers (of which only six
    digits are random) cannot be tried against it; across days and halls
    the same number gives unrelated hashes.
    """

    def __init__(self, secret: bytes, hall_id: str) -> None:
        if not secret:
            raise ValueError("the ID hash secret is empty")
        self._secret = secret
        self.hall_id = hall_id

    def salt(self, day: date) -> bytes:
        return hmac.new(self._secret, f"{self.hall_id}|{day.isoformat()}".encode(),
                        hashlib.sha256).digest()

    def hash(self, id_number: str, day: date) -> str:
        return hmac.new(self.salt(day), id_number.encode(), hashlib.sha256).hexdigest()[:32]


# --------------------------------------------------------------------------- issuing


class CardIssuer:
    """Issues tickets that carry an ID hash, one active ticket per hash and service.

    The check and the issue run in the same store transaction, through the
    hall service's transaction runner: the state is brought up to date
    inside the exclusive transaction, the hashes of today's tickets are read
    from the log, and only then is the ticket issued. So two kiosks cannot
    both give the same citizen a ticket for the same service.
    """

    def __init__(self, hall: HallService, hasher: IdHasher) -> None:
        self.hall = hall
        self.hasher = hasher
        self._lock = threading.Lock()
        self._day: date | None = None
        self._seq = 0
        self._hashes: dict[str, str] = {}  # ticket number -> id hash, today only
        self._purged_day: date | None = None

    def _purge_earlier_days(self) -> None:
        """Once a day: yesterday's hashes go (they only guard today's tickets)."""
        today = self.hall.state.business_day(self.hall.now())
        if self._purged_day == today:
            return
        from app.retention import purge_id_checks

        try:
            purge_id_checks(self.hall, "id-check-in")
            self._purged_day = today
        except Exception:  # a purge that fails now is tried again at the next check-in
            log.exception("could not remove the ID-card hashes of earlier days")

    def hash_for(self, card: CardData) -> str:
        return self.hasher.hash(card.id_number, self.hall.state.business_day(self.hall.now()))

    def _sync(self, state: HallState) -> None:
        """Bring the ticket → hash index up to the state's last event."""
        day = state.day
        if day != self._day:
            self._day, self._hashes = day, {}
            if day is None:
                self._seq = state.last_seq
                return
            hall_cfg = self.hall.config.hall
            start = datetime.combine(day, hall_cfg.day_start, hall_cfg.zone)
            events = self.hall.store.read_between(start, None)
            self._seq = 0
        else:
            events = iter(self.hall.store.read_after(self._seq))
        for e in events:
            if e.seq is not None and e.seq > state.last_seq:
                break
            if e.kind == CHECKED and state.business_day(e.ts) == day:
                self._hashes[e.ticket] = str(e[ID_FIELD])
            self._seq = max(self._seq, e.seq or 0)
        self._seq = max(self._seq, state.last_seq)

    def active_ticket(self, state: HallState, id_hash: str, service: str) -> str | None:
        """Today's active ticket of ``service`` with this hash, if any."""
        self._sync(state)
        for number, h in self._hashes.items():
            t = state.tickets.get(number)
            if h == id_hash and t is not None and t.status.active and t.service == service:
                return number
        return None

    def issue(
        self,
        service: str,
        kiosk: str,
        id_hash: str,
        priority: bool = False,
        category: str | None = None,
    ) -> IssuedTicket:
        """Issue a ticket carrying ``id_hash``; refuses a second active one for the service."""
        def check(state: HallState) -> None:
            existing = self.active_ticket(state, id_hash, service)
            if existing is not None:
                raise CommandRefused(
                    "id_active_ticket",
                    f"You already have ticket {existing} for this service today.",
                    "an active ticket with the same ID hash exists for this service",
                    {"ticket": existing, "service": service},
                )

        self._purge_earlier_days()
        with self._lock:
            try:
                issued = self.hall.issue(
                    service, kiosk, priority, category, check=check,
                    companions=lambda e: [
                        Event(CHECKED, e.ts, kiosk, {"ticket": e.ticket, ID_FIELD: id_hash})
                    ],
                )
            except BaseException:
                self._day = None  # the index may hold rolled-back tickets: rebuild next time
                raise
            self._hashes[issued.number] = id_hash
        return issued


# --------------------------------------------------------------------------- the flow


class FlowState(enum.StrEnum):
    """Where the ID-card check-in stands."""

    IDLE = "idle"  # not in the flow
    EXPLAIN = "explain"  # the purpose is shown; the camera / scanner is read
    ACCEPTED = "accepted"  # a card was read; only its hash is held
    REFUSED = "refused"  # not a card, or already a ticket for this service
    ISSUED = "issued"  # a ticket was issued (with or without a card)


@dataclass
class FlowView:
    """What the screen shows of the flow. Never any card data except the greeting."""

    state: FlowState = FlowState.IDLE
    service: str = ""
    greeting: str = ""  # the given name, only when greet_by_name is on
    problem: str = ""  # a stable code: not_a_card, id_active_ticket, ...
    message: str = ""
    ticket: str = ""
    with_card: bool = False
    params: dict[str, Any] = field(default_factory=dict)


class IdCardFlow:
    """The check-in's state, screen-free and thread-safe.

    ``issue_plain(service, priority, category)`` is the kiosk's ordinary
    issue (``HallService.issue`` by default), used by "continue without
    card", which therefore always works while the kiosk can issue at all;
    ``issuer`` issues with the hash.
    """

    def __init__(
        self,
        config: Config,
        issuer: CardIssuer,
        issue_plain: Callable[[str, bool, str | None], IssuedTicket] | None = None,
        kiosk: str = "",
        today: Callable[[], date] | None = None,
    ) -> None:
        kiosk = kiosk or config.kiosk.id
        self.enabled = config.devices.camera.id_card_scan
        self.greet_by_name = config.devices.camera.greet_by_name
        self.issuer = issuer
        self.issue_plain = issue_plain or (
            lambda service, priority, category: issuer.hall.issue(
                service, kiosk, priority=priority, category=category)
        )
        self.kiosk = kiosk
        self._today = today or (lambda: issuer.hall.now().date())
        self._lock = threading.RLock()
        self.view = FlowView()
        self._hash: str | None = None
        self.last_ticket: IssuedTicket | None = None

    def begin(self, service: str) -> bool:
        """Start the check-in for ``service``; False when the feature is off."""
        with self._lock:
            if not self.enabled:
                return False
            self._hash = None
            self.view = FlowView(FlowState.EXPLAIN, service)
            return True

    def submit(self, text: str) -> FlowView:
        """A card's QR text arrived (camera or USB scanner): check it, keep only the hash."""
        with self._lock:
            if self.view.state not in (FlowState.EXPLAIN, FlowState.REFUSED):
                return self.view
            service = self.view.service
            try:
                card = parse_card(text, self._today())
            except CardError as exc:
                log.info("ID-card scan refused: %s", exc.diagnostic)
                self.view = FlowView(FlowState.REFUSED, service, problem=exc.code,
                                     message=exc.message)
                return self.view
            id_hash = self.issuer.hash_for(card)
            greeting = card.given_name if self.greet_by_name else ""
            del card, text
            hall = self.issuer.hall
            with hall.lock:  # the state is also updated by the hall's listener thread
                existing = self.issuer.active_ticket(hall.state, id_hash, service)
            if existing is not None:
                self.view = FlowView(
                    FlowState.REFUSED, service, greeting, "id_active_ticket",
                    f"You already have ticket {existing} for this service today.",
                    params={"ticket": existing},
                )
                return self.view
            self._hash = id_hash
            self.view = FlowView(FlowState.ACCEPTED, service, greeting, with_card=True)
            return self.view

    def confirm(self, priority: bool = False, category: str | None = None) -> IssuedTicket:
        """Issue the ticket for the accepted card. Raises :class:`CommandRefused`."""
        with self._lock:
            if self.view.state is not FlowState.ACCEPTED or self._hash is None:
                raise CommandRefused("no_card", "Please scan your ID card first.")
            service = self.view.service
            try:
                ticket = self.issuer.issue(service, self.kiosk, self._hash, priority, category)
            except CommandRefused as exc:
                self.view = FlowView(FlowState.REFUSED, service, self.view.greeting, exc.code,
                                     exc.message, params=dict(exc.params))
                raise
            return self._issued(ticket, with_card=True)

    def continue_without_card(
        self, priority: bool = False, category: str | None = None
    ) -> IssuedTicket:
        """Issue an ordinary ticket: declining the card never costs the citizen a ticket."""
        with self._lock:
            service = self.view.service
            if not service:
                raise CommandRefused("no_service", "Please choose a service first.")
            self._hash = None
            ticket = self.issue_plain(service, priority, category)
            return self._issued(ticket, with_card=False)

    def issue(self, service: str, priority: bool = False,
              category: str | None = None) -> IssuedTicket:
        """The kiosk's issue while this flow is installed: with the card's hash if one
        was accepted for ``service``, else an ordinary ticket."""
        with self._lock:
            if (self.view.state is FlowState.ACCEPTED and self.view.service == service
                    and self._hash is not None):
                return self.confirm(priority, category)
            ticket = self.issue_plain(service, priority, category)
            if self.view.state is not FlowState.IDLE:
                self._issued(ticket, with_card=False)
            return ticket

    def decline(self) -> None:
        """The citizen chose to go on without the card: forget any scan, leave the flow."""
        self.cancel()

    def _issued(self, ticket: IssuedTicket, with_card: bool) -> IssuedTicket:
        self._hash = None
        self.last_ticket = ticket
        self.view = FlowView(FlowState.ISSUED, ticket.service, self.view.greeting,
                             ticket=ticket.number, with_card=with_card)
        return ticket

    def cancel(self) -> None:
        """Back to the start; anything held of the card is forgotten."""
        with self._lock:
            self._hash = None
            self.view = FlowView()
