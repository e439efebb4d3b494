"""Ticket bytes: what goes on the wire, and what the twin's decoder makes of it."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as strat
from PIL import Image

from devices.printer.decoder import decode
from devices.printer.encode import (
    BYTE_BUDGET,
    NUMBER_SCALE,
    TicketEncoder,
    encode_tcvn3,
    encode_ticket,
)
from tests.devices.printer_samples import EN, URL, VI


def read_qr(img: Image.Image) -> str:
    arr = np.array(img.convert("L"))
    # paper is white; give the detector a quiet zone round the whole strip
    arr = cv2.copyMakeBorder(arr, 40, 40, 40, 40, cv2.BORDER_CONSTANT, value=255)
    text, _points, _ = cv2.QRCodeDetector().detectAndDecode(arr)
    return str(text)


@pytest.mark.parametrize("mode", ["default", "codepage", "raster"])
@pytest.mark.parametrize("ticket", [VI, EN], ids=["vi", "en"])
def test_qr_reads_back_and_number_is_big(mode: str, ticket, output_dir: Path) -> None:  # type: ignore[no-untyped-def]
    data = encode_ticket(ticket, mode)  # type: ignore[arg-type]
    out = decode(data)
    assert len(out.pages) == 1 and not out.unknown
    page = out.pages[0]
    page.save(output_dir / f"{mode}-{ticket.language}.png")
    assert read_qr(page) == URL
    if mode != "raster":
        # the number is native text at the printer's own scale
        assert any(t.text == ticket.number and (t.wmul, t.hmul) == NUMBER_SCALE for t in out.texts)
    # and it is big on paper: some ink band is at least 20 mm (160 dots) tall
    ink = np.array(page.convert("L")) < 128
    rows = ink.any(axis=1)
    longest = run = 0
    for r in rows:
        run = run + 1 if r else 0
        longest = max(longest, run)
    assert longest >= 160


def test_default_mode_fits_the_budget_and_raster_does_not() -> None:
    for t in (VI, EN):
        default = TicketEncoder(80, "default").encode(t)
        codepage = TicketEncoder(80, "codepage").encode(t)
        raster = TicketEncoder(80, "raster").encode(t)
        assert len(default) < BYTE_BUDGET
        assert len(codepage) <= len(default)
        assert len(raster) > 5 * len(default)


def test_vietnamese_goes_as_bitmaps_and_ascii_as_text() -> None:
    data = encode_ticket(VI)
    assert data.count(b"\x1dv0") >= 6  # hall, service, people ahead, wait, AI, counters, ...
    assert b"13/04/2026 09:12" in data and b"A023" in data
    assert b"\x1d(k" in data  # native QR
    en = encode_ticket(EN)
    assert b"\x1dv0" not in en  # an English ticket is text only
    assert b"Wait: about 12-20 minutes" in en


def test_codepage_mode_sends_tcvn3_text() -> None:
    data = encode_ticket(VI, "codepage")
    assert b"\x1dv0" not in data
    assert encode_tcvn3("Chứng thực") in data
    out = decode(data)
    assert any(t.text == "Chứng thực bản sao" for t in out.texts)
    assert any(t.text == "Quét mã để theo dõi số của bạn" for t in out.texts)


def test_tcvn3_refuses_what_it_cannot_encode() -> None:
    assert encode_tcvn3("Ắ ẳ Ở") is not None
    assert encode_tcvn3("ກາງ") is None  # Lao goes as a bitmap


def test_a_long_service_name_wraps_and_still_fits() -> None:
    from dataclasses import replace

    t = replace(VI, service_name="Đăng ký khai sinh, kết hôn, khai tử và cấp bản sao trích lục")
    enc = TicketEncoder(80, "default").encode(t)
    assert len(enc) < BYTE_BUDGET * 1.25
    assert decode(enc.data).pages[0].width == 576


def test_unknown_commands_are_reported_not_fatal() -> None:
    data = b"\x1b@Hello\n\x1b\x99\x1d\x99\x1c\x01\x1d(Z\x02\x00ab\x1dv0\x00\xff\xff\xff\xffworld\n"
    out = decode(data)
    assert len(out.unknown) >= 3
    assert any(t.text == "Hello" for t in out.texts)


@settings(max_examples=200, deadline=None)
@given(strat.binary(max_size=300))
def test_decoder_survives_any_bytes(data: bytes) -> None:
    decode(data)


@settings(max_examples=50, deadline=None)
@given(strat.integers(min_value=1, max_value=3000))
def test_decoder_survives_truncated_tickets(cut: int) -> None:
    decode(encode_ticket(VI)[:cut])
