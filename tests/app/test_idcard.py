"""ID-card QR check-in: parsed in memory, only a salted hash kept, declining still issues."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.clock import ManualClock
from app.config import Config
from app.errors import CommandRefused
from app.idcard import (
    ID_FIELD,
    SECRET_ENV,
    CardError,
    CardIssuer,
    FlowState,
    IdCardFlow,
    IdHasher,
    load_secret,
    parse_card,
)
from app.presence import CameraWorker, PresenceMonitor
from app.service import HallService
from app.store.sqlite import SQLiteStore
from devices.camera import scenes
from devices.camera.simulated import SimulatedCamera
from devices.camera.vision import QrCodeReader, SilhouetteDetector
from tests.helpers.config import override

TODAY = date(2026, 4, 13)
CARD = scenes.card_payload(full_name="Lê Thị Hồng Nhung", female=True, birth=date(1987, 9, 23),
                           province=79, serial=456789, old_id="")
NUMBER, BORN = CARD.split("|")[0], CARD.split("|")[3]


def _with_camera(config: Config, **changes: Any) -> Config:
    return override(config, "devices.camera", **changes)


@pytest.fixture
def issuer(hall: HallService) -> CardIssuer:
    return CardIssuer(hall, IdHasher(b"hall secret", hall.config.hall.id))


def _flow(hall: HallService, issuer: CardIssuer, **camera: object) -> IdCardFlow:
    cfg = _with_camera(hall.config, id_card_scan=True, **camera)
    return IdCardFlow(cfg, issuer, kiosk="kiosk-1")


# --------------------------------------------------------------------------- parsing


def test_parses_the_real_field_layout() -> None:
    card = parse_card(CARD, TODAY)
    assert card.id_number == NUMBER == "079187456789"
    assert card.old_id_number == ""
    assert card.full_name == "Lê Thị Hồng Nhung" and card.given_name == "Nhung"
    assert card.birth_date == date(1987, 9, 23) and card.issue_date == date(2021, 8, 15)
    assert card.sex == "Nữ"
    assert NUMBER not in repr(card) and "Nhung" not in repr(card)


def test_accepts_scanner_line_endings_and_extra_fields() -> None:
    assert parse_card(CARD + "|extra|fields\r\n", TODAY).id_number == NUMBER
    # a keyboard-wedge scanner on a US layout loses the accents: the number is what counts
    mangled = "|".join([NUMBER, "", "Le Thi Hong Nhung", BORN, "Nu", "So 1", "15082021"])
    assert parse_card(mangled, TODAY).id_number == NUMBER


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("https://dichvucong.gov.vn/", "not_a_card"),
        ("A023", "not_a_card"),
        (CARD.replace(NUMBER, "07918745678"), "bad_number"),  # 11 digits
        (CARD.replace(NUMBER, "000187456789"), "bad_number"),  # no such province
        (CARD.replace(NUMBER, "079287456789"), "bad_number"),  # century says 2000s
        (CARD.replace(NUMBER, "079188456789"), "bad_number"),  # year says 1988
        (CARD.replace(BORN, "31021987"), "bad_date"),
        (CARD.replace("15082021", "15082031"), "bad_date"),  # issued in the future
    ],
)
def test_refuses_what_is_not_a_card(text: str, code: str) -> None:
    with pytest.raises(CardError) as err:
        parse_card(text, TODAY)
    assert err.value.code == code
    assert err.value.message == "This code is not from a chip ID card."
    for secret in (NUMBER, BORN, "Nhung", NUMBER[:11]):
        assert secret not in err.value.diagnostic


def test_a_born_2000s_card_parses() -> None:
    text = scenes.card_payload(birth=date(2004, 5, 6), issued=date(2022, 1, 2))
    assert parse_card(text, TODAY).id_number[3:6] == "204"


# --------------------------------------------------------------------------- hashing


def test_hash_is_salted_per_hall_and_day() -> None:
    h = IdHasher(b"secret", "demo")
    a = h.hash(NUMBER, TODAY)
    assert a == h.hash(NUMBER, TODAY) and len(a) == 32
    assert a != h.hash(NUMBER, TODAY + timedelta(days=1))
    assert a != IdHasher(b"secret", "other-hall").hash(NUMBER, TODAY)
    assert a != IdHasher(b"other secret", "demo").hash(NUMBER, TODAY)
    assert NUMBER not in a and NUMBER[6:] not in a


def test_secret_from_env_then_config_then_random(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    assert load_secret(_with_camera(config, id_hash_secret="from config")) == b"from config"
    monkeypatch.setenv(SECRET_ENV, "from env")
    assert load_secret(_with_camera(config, id_hash_secret="from config")) == b"from env"
    monkeypatch.delenv(SECRET_ENV)
    assert len(load_secret(config)) == 32 and load_secret(config) != load_secret(config)


# --------------------------------------------------------------------------- issuing


def test_one_active_ticket_per_citizen_per_service(
    hall: HallService, issuer: CardIssuer, clock: ManualClock
) -> None:
    card = parse_card(CARD, TODAY)
    h = issuer.hash_for(card)
    first = issuer.issue("A", "kiosk-1", h)
    assert _hashes(hall) == {first.number: h}
    before = hall.store.head()
    with pytest.raises(CommandRefused) as err:
        issuer.issue("A", "kiosk-1", h)
    assert err.value.code == "id_active_ticket" and err.value.params["ticket"] == first.number
    assert hall.store.head() == before  # refused: nothing written
    assert issuer.issue("B", "kiosk-1", h).service == "B"  # another service is fine
    other = issuer.hash_for(parse_card(scenes.card_payload(serial=1), TODAY))
    assert issuer.issue("A", "kiosk-1", other).number != first.number
    # once served, the citizen may take a new ticket
    hall.execute("open_counter", "staff-1", counter=1, services=["A"])
    clock.advance(60)
    hall.execute("call_next", "staff-1", counter=1)
    hall.execute("complete", "staff-1", number=first.number, counter=1)
    assert hall.state.tickets[first.number].status.value == "completed"
    assert issuer.issue("A", "kiosk-1", h).number != first.number


def test_another_kiosk_on_the_same_store_is_held_to_the_rule(
    config: Config, tmp_path: Path, clock: ManualClock
) -> None:
    path = tmp_path / "hall.db"
    s1, s2 = SQLiteStore(path), SQLiteStore(path)
    try:
        h1, h2 = HallService(config, s1, clock), HallService(config, s2, clock)
        k1 = CardIssuer(h1, IdHasher(b"s", "demo"))
        k2 = CardIssuer(h2, IdHasher(b"s", "demo"))
        card = parse_card(CARD, TODAY)
        k2.issue("A", "kiosk-2", k2.hash_for(card))  # k2 warms its index first
        h1.issue("C", "kiosk-1")
        with pytest.raises(CommandRefused):
            k1.issue("A", "kiosk-1", k1.hash_for(card))
        h2.issue("A", "kiosk-2")
        k2.issue("B", "kiosk-2", k2.hash_for(card))
        with pytest.raises(CommandRefused):
            k1.issue("B", "kiosk-1", k1.hash_for(card))  # seen via the incremental read
    finally:
        s1.close()
        s2.close()


def test_a_new_day_forgets_yesterday(hall: HallService, issuer: CardIssuer,
                                     clock: ManualClock) -> None:
    card = parse_card(CARD, TODAY)
    first_hash = issuer.hash_for(card)
    issuer.issue("A", "kiosk-1", first_hash)
    clock.advance(days=1)
    second_hash = issuer.hash_for(card)
    assert second_hash != first_hash  # a new salt each day
    assert issuer.issue("A", "kiosk-1", second_hash).number.endswith("001")


def _hashes(hall: HallService) -> dict[str, str]:
    """Ticket number -> ID hash, as the log holds them now."""
    return {e.ticket: e[ID_FIELD] for e in hall.store.read_after(0) if e.kind == "id_checked"}


def test_the_hash_is_gone_when_the_day_ends(
    hall: HallService, issuer: CardIssuer, clock: ManualClock
) -> None:
    h = "f" * 32
    ticket = issuer.issue("A", "kiosk-1", h)
    issued = next(e for e in hall.store.read_after(0) if e.kind == "issued")
    assert ID_FIELD not in issued.data  # the ticket itself never carries the hash
    assert _hashes(hall) == {ticket.number: h}
    clock.advance(days=1)
    tomorrow = issuer.issue("B", "kiosk-1", "e" * 32)  # the first check-in of the day purges
    assert _hashes(hall) == {tomorrow.number: "e" * 32}
    # yesterday's ticket is still on record, its hash is not, and the chain holds
    assert any(e.kind == "issued" and e.ticket == ticket.number for e in hall.store.read_after(0))
    assert hall.store.verify().ok
    store = hall.store
    assert isinstance(store, SQLiteStore)
    raw = b"".join(p.read_bytes() for p in store.path.parent.glob(store.path.name + "*"))
    assert h.encode() not in raw


# --------------------------------------------------------------------------- the flow


def test_flow_is_off_by_default(hall: HallService, issuer: CardIssuer) -> None:
    flow = IdCardFlow(hall.config, issuer)
    assert not flow.begin("A")
    assert flow.view.state is FlowState.IDLE


def test_continue_without_card_issues_a_ticket(hall: HallService, issuer: CardIssuer) -> None:
    flow = _flow(hall, issuer)
    assert flow.begin("B")
    assert flow.view.state is FlowState.EXPLAIN
    ticket = flow.continue_without_card()
    assert ticket.service == "B" and flow.view.state is FlowState.ISSUED
    assert not flow.view.with_card
    issued = [e for e in hall.store.read_after(0) if e.kind == "issued"]
    assert ID_FIELD not in issued[-1].data
    # even after a refused scan, declining still gives a ticket
    flow.begin("B")
    assert flow.submit("not a card").state is FlowState.REFUSED
    assert flow.continue_without_card().service == "B"


def test_flow_with_a_card_and_a_second_try(hall: HallService, issuer: CardIssuer) -> None:
    flow = _flow(hall, issuer, greet_by_name=True)
    flow.begin("A")
    view = flow.submit(CARD + "\n")  # as a USB scanner types it
    assert view.state is FlowState.ACCEPTED and view.greeting == "Nhung" and view.with_card
    ticket = flow.confirm()
    assert flow.view.state is FlowState.ISSUED and flow.view.ticket == ticket.number
    flow.begin("A")
    again = flow.submit(CARD)
    assert again.state is FlowState.REFUSED and again.problem == "id_active_ticket"
    assert again.params == {"ticket": ticket.number}
    with pytest.raises(CommandRefused):
        flow.confirm()
    flow.cancel()
    assert flow.view.state is FlowState.IDLE


def test_no_greeting_unless_configured(hall: HallService, issuer: CardIssuer) -> None:
    flow = _flow(hall, issuer)
    flow.begin("A")
    assert flow.submit(CARD).greeting == ""


def test_camera_scan_to_ticket_keeps_only_the_hash(
    hall: HallService, issuer: CardIssuer, clock: ManualClock, caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    """A generated card held to the simulated camera: read, hashed, ticketed; no data leaks."""
    caplog.set_level(logging.DEBUG)
    flow = _flow(hall, issuer, greet_by_name=True)
    frames = list(scenes.empty(6)) + list(scenes.card(CARD, n=4))
    worker = CameraWorker(SimulatedCamera(frames=frames, loop=False), SilhouetteDetector(),
                          PresenceMonitor(60, clock), 3.0, code_reader=QrCodeReader(),
                          on_code=flow.submit)
    flow.begin("A")
    worker.scanning = True
    worker.open()
    for _ in frames:
        clock.advance(1 / 3)
        worker.step()
    worker.close()
    assert flow.view.state is FlowState.ACCEPTED
    ticket = flow.confirm()
    hall.record("incident", "kiosk-1", source="camera", code="test")  # more writes after
    del flow, worker, frames

    stored = hall.store  # the embedded store the fixture made under tmp_path
    assert isinstance(stored, SQLiteStore)
    stored.close()
    blob = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert ticket.number.encode() in blob  # the scan does look at the store's bytes
    log_text = caplog.text + "".join(repr(r.args) for r in caplog.records)
    born = date(1987, 9, 23)
    for secret in (NUMBER, NUMBER[3:], BORN, born.isoformat(), "23/09/1987", "Hồng Nhung"):
        assert secret.encode() not in blob, secret
        assert secret not in log_text, secret
    events_with_hash = [line for line in blob.split(b"\n") if ID_FIELD.encode() in line]
    assert events_with_hash


def test_the_kiosk_issue_uses_the_card_only_for_its_service(
    hall: HallService, issuer: CardIssuer
) -> None:
    flow = _flow(hall, issuer)
    flow.begin("A")
    flow.submit(CARD)
    other = flow.issue("B", priority=True, category="elderly")  # not the card's service
    assert other.service == "B" and other.priority
    flow.begin("A")
    flow.submit(CARD)
    with_card = flow.issue("A")
    assert flow.view.with_card and flow.view.ticket == with_card.number
    assert with_card.number in _hashes(hall) and other.number not in _hashes(hall)
    flow.begin("A")
    flow.submit(CARD)
    flow.decline()
    assert flow.view.state is FlowState.IDLE
    plain = flow.issue("A")
    assert plain.number not in _hashes(hall)
