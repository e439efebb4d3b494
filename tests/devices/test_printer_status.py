"""DLE EOT replies: the states they map to, and parsing that survives any bytes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as strat

from app.ports import PrinterState
from devices.printer import status as st


def replies(**kw: bool) -> bytes:
    r = st.reply_bytes(**{"offline": False, "cover_open": False, "paper_out": False,
                          "near_end": False, **kw})
    return bytes(r[n] for n in st.QUERY_ORDER)


def test_healthy_printer_is_ready() -> None:
    assert st.parse_status(replies()).state is PrinterState.READY


def test_each_condition_maps_to_its_state() -> None:
    assert st.parse_status(replies(near_end=True)).state is PrinterState.PAPER_NEAR_END
    assert st.parse_status(replies(offline=True, paper_out=True)).state is PrinterState.PAPER_OUT
    assert (st.parse_status(replies(offline=True, cover_open=True)).state
            is PrinterState.COVER_OPEN)
    assert st.parse_status(replies(offline=True)).state is PrinterState.ERROR
    assert st.parse_status(replies(offline=True, error=True)).state is PrinterState.ERROR


def test_replies_are_found_among_flow_control_and_noise() -> None:
    noisy = b"\x11\x13\x00" + replies(near_end=True)[:1] + b"\x13\xff" + replies(near_end=True)[1:]
    assert st.parse_status(noisy).state is PrinterState.PAPER_NEAR_END


def test_missing_or_short_reply_is_never_ready() -> None:
    assert st.parse_status(b"").state is PrinterState.NOT_ANSWERING
    assert st.parse_status(replies()[:2]).state is PrinterState.NOT_ANSWERING
    # XON, XOFF and a GS r answer are not status replies
    assert st.parse_status(b"\x11\x13\x00\x03").state is PrinterState.NOT_ANSWERING


def test_confirm_reply_is_told_apart_from_status() -> None:
    for b in range(256):
        assert not (st.is_confirm_byte(b) and st.is_status_byte(b))
    assert st.confirm_reply(b"\x11\x12\x00") == 0x00
    assert st.confirm_reply(replies()) is None


@given(strat.binary(max_size=64))
def test_any_bytes_parse_without_raising(data: bytes) -> None:
    result = st.parse_status(data)
    assert isinstance(result.state, PrinterState)
    if result.state is PrinterState.READY:
        # "ready" needs three well-formed replies with no fault bit set
        assert len(st.status_bytes(data)) >= 3


@given(strat.binary(max_size=2).filter(lambda b: len(st.status_bytes(b)) < 3))
def test_truncated_replies_are_not_answering(data: bytes) -> None:
    assert st.parse_status(data).state is PrinterState.NOT_ANSWERING


@given(strat.lists(strat.sampled_from([0x11, 0x13, 0x00, 0xFF, 0x80]), max_size=8),
       strat.booleans(), strat.booleans())
def test_real_replies_survive_interleaved_noise(noise: list[int], paper_out: bool,
                                                cover: bool) -> None:
    good = replies(offline=paper_out or cover, paper_out=paper_out, cover_open=cover)
    mixed = bytes(noise[:3]) + good[:1] + bytes(noise[3:]) + good[1:]
    expected = (PrinterState.COVER_OPEN if cover else
                PrinterState.PAPER_OUT if paper_out else PrinterState.READY)
    assert st.parse_status(mixed).state is expected
