"""Spoken calls: number reading, templates, repeats, and the FIFO of simultaneous calls."""

from __future__ import annotations

import threading

import pytest

from app.announce import Announcer, call_sentences, read_number
from app.config import Config, SpeechConfig
from app.ports import DeviceError
from devices.speech.simulated import SimulatedSpeech


@pytest.mark.parametrize(
    ("ticket", "spoken"),
    [
        ("A023", "A, không, hai, ba"),
        ("A010", "A, không, một, không"),  # 10-19 digit by digit, never "mười"
        ("A015", "A, không, một, năm"),  # "năm", never "lăm"
        ("A000", "A, không, không, không"),
        ("C100", "Xê, một, không, không"),
        ("B0117", "Bê, không, một, một, bảy"),
        ("E001", "E, không, không, một"),
    ],
)
def test_vietnamese_number_reading(ticket: str, spoken: str) -> None:
    assert read_number(ticket, "vi") == spoken


def test_english_number_reading() -> None:
    assert read_number("B014", "en") == "B, zero, one, four"


def test_call_uses_the_template_repeats_then_english(config: Config) -> None:
    speech = config.devices.speech.model_copy(update={"languages": ("vi", "en"), "repeat": 2})
    out = call_sentences(speech, "A023", 5)
    vi = "Mời công dân có số thứ tự A, không, hai, ba đến quầy số 5"
    en = "Ticket number A, zero, two, three, please go to counter 5"
    assert out == [("vi", vi), ("vi", vi), ("en", en), ("en", en)]


def test_custom_template() -> None:
    cfg = SpeechConfig(call_template={"vi": "Số {number}, quầy {counter}"}, repeat=1)
    assert call_sentences(cfg, "B010", 12) == [("vi", "Số Bê, không, một, không, quầy 12")]


def test_simultaneous_calls_are_all_announced_in_order() -> None:
    speech = SimulatedSpeech()
    cfg = SpeechConfig(repeat=1, languages=("vi",), chime=True)
    announcer = Announcer(speech, cfg)
    # three counters call at the same moment, from three threads; then a burst
    barrier = threading.Barrier(3)

    def call(ticket: str, counter: int) -> None:
        barrier.wait()
        announcer.announce(ticket, counter)

    threads = [threading.Thread(target=call, args=(f"A00{i}", i)) for i in (1, 2, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i in range(4, 10):
        announcer.announce(f"B00{i}", i)
    announcer.join()
    announcer.stop()
    texts = speech.texts
    assert len(texts) == 9 and speech.overlaps == 0
    said = [t.split("thứ tự ")[1].split(" đến")[0] for t in texts]
    # the three racing calls are all there; the burst follows in order
    assert sorted(said[:3]) == sorted(read_number(f"A00{i}") for i in (1, 2, 3))
    assert said[3:] == [read_number(f"B00{i}") for i in range(4, 10)]
    # each call: chime, then its sentence
    kinds = ["chime" if u.text == "<chime>" else "say" for u in speech.spoken]
    assert kinds == ["chime", "say"] * 9


def test_a_failing_engine_is_reported_once_and_the_queue_moves_on() -> None:
    speech = SimulatedSpeech()
    errors: list[DeviceError] = []
    spoken: list[str] = []
    announcer = Announcer(speech, SpeechConfig(repeat=1, chime=False), on_error=errors.append,
                          on_spoken=lambda a: spoken.append(a.ticket))
    speech.broken = True
    announcer.announce("A001", 1)
    announcer.announce("A002", 2)
    announcer.join()
    assert len(errors) == 1 and "could not be spoken" in errors[0].message
    speech.broken = False
    announcer.announce("A003", 3)
    announcer.join()
    announcer.stop()
    assert spoken == ["A003"] and announcer.failed == 2
