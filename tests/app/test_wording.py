"""One rule for the wait in words: the same estimate reads the same on screen, paper and phone.

The kiosk screen's words are what ``ui/texts.py`` hands to QML; that module
needs Qt, so its side is checked in ``tests/ui/test_kiosk_parts.py`` and
here through the function it calls (:func:`app.wording.wait_words` with the
hall's texts), while the paper (:func:`app.printing.compose_ticket`) and the
phone (:func:`app.web.pages.fragments`) are rendered for real.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from app.config import Config, load_config
from app.estimate import Estimate, EstimatorInfo
from app.hall import TicketStatus
from app.printing import compose_ticket
from app.service import HallService
from app.web import pages
from app.web.live import TicketView
from app.wording import (
    OPEN,
    Serving,
    number_text,
    serving_of,
    shown_kind,
    wait_minutes,
    wait_text,
    wait_words,
)

#: (p10 s, median s, p90 s, method) -> (English, Vietnamese)
CASES: list[tuple[tuple[float, float, float, str], tuple[str, str]]] = [
    ((0, 0, 0, "model"), ("Under 1 minute", "Chờ dưới 1 phút")),
    ((0, 20, 45, "skill"), ("Under 1 minute", "Chờ dưới 1 phút")),
    ((20, 40, 80, "model"), ("Under 2 minutes", "Chờ dưới 2 phút")),
    ((59, 90, 119, "queue"), ("Under 2 minutes", "Chờ dưới 2 phút")),
    ((61, 90, 119, "erlang"), ("About 1–2 minutes", "Chờ khoảng 1–2 phút")),
    ((300, 300, 300, "queue_mean"), ("About 5 minutes", "Chờ khoảng 5 phút")),
    ((720, 900, 1200, "model"), ("About 12–20 minutes", "Chờ khoảng 12–20 phút")),
    ((730, 900, 1190, "skill"), ("About 12–20 minutes", "Chờ khoảng 12–20 phút")),
    ((1500, 2400, 4000, "model"), ("About 25–67 minutes", "Chờ khoảng 25–67 phút")),
    ((3599, 4000, 5000, "queue"), ("About 59–84 minutes", "Chờ khoảng 59–84 phút")),
    ((3600, 5000, 9000, "model"), ("More than 60 minutes", "Chờ hơn 60 phút")),
    ((20000, 25000, 28800, "skill"), ("More than 60 minutes", "Chờ hơn 60 phút")),
]


@pytest.mark.parametrize(("figures", "expected"), CASES)
def test_the_rule(figures: tuple[float, float, float, str], expected: tuple[str, str]) -> None:
    p10, median, p90, method = figures
    est = Estimate(median, p10, p90, method, "v" if method == "model" else None)
    assert (wait_text(est, "en"), wait_text(est, "vi")) == expected


def test_the_range_is_rounded_outwards_and_never_empty() -> None:
    assert wait_minutes(0, 0) == (0, 1)
    assert wait_minutes(20, 80) == (0, 2)
    assert wait_minutes(720, 1200) == (12, 20)
    assert wait_minutes(61, 119) == (1, 2)
    assert wait_minutes(-5, -1) == (0, 1)  # a bad figure is still a sane range


@pytest.mark.parametrize(
    ("ahead", "serving", "en", "vi"),
    [
        (0, OPEN, "You are next", "Bạn là người tiếp theo"),
        (0, Serving(False), "Nobody is ahead of you. No counter open yet",
         "Không có ai chờ trước bạn. Chưa có quầy mở"),
        (0, Serving(False, time(13, 30)), "Nobody is ahead of you. Counters open at 13:30",
         "Không có ai chờ trước bạn. Quầy mở lúc 13:30"),
        (1, OPEN, "1 person ahead of you", "Có 1 người chờ trước bạn"),
        (7, Serving(False, time(7, 30)), "7 people ahead of you. Counters open at 07:30",
         "Có 7 người chờ trước bạn. Quầy mở lúc 07:30"),
    ],
)
def test_you_are_next_only_with_nobody_ahead_and_a_counter_open(
    ahead: int, serving: Serving, en: str, vi: str
) -> None:
    est = Estimate(600, 300, 900, "model", "v")
    assert wait_words("en", ahead, est, serving=serving).ahead == en
    assert wait_words("vi", ahead, est, serving=serving).ahead == vi


def test_who_made_the_estimate_and_when_there_is_none() -> None:
    model = Estimate(600, 300, 900, "model", "v")
    plain = Estimate(600, 300, 900, "skill")
    assert shown_kind(model) == "ai" and shown_kind(plain) == "plain"
    assert shown_kind(model, visible=False) == "none"
    assert shown_kind(Estimate(0, 0, 0, "none")) == shown_kind(None) == "none"
    assert wait_words("vi", 2, model).label == "Ước tính bởi AI"
    assert wait_words("en", 2, plain).label == "Simple estimate (not AI)"
    hidden = wait_words("en", 2, model, visible=False)
    assert (hidden.kind, hidden.wait, hidden.label) == ("none", "", "")
    assert hidden.ahead == "2 people ahead of you"


def test_vietnamese_numbers() -> None:
    assert number_text(164149, "vi") == "164.149" and number_text(164149, "en") == "164,149"
    assert number_text(3.94, "vi", 1) == "3,9" and number_text(3.94, "en", 1) == "3.9"
    assert number_text(1234567.25, "vi", 2) == "1.234.567,25"


def test_serving_follows_the_counters_and_the_hours(hall: HallService) -> None:
    state = hall.state
    zone = hall.config.hall.zone
    morning = datetime(2026, 4, 13, 9, 0, tzinfo=zone)
    assert serving_of(state, "A", morning) == Serving(False)  # in hours, nobody opened yet
    hours = replace_hours(hall.config, "A", ("07:30-11:30", "13:30-17:00"))
    lunch = datetime(2026, 4, 13, 12, 0, tzinfo=zone)
    assert serving_of(replace(state, config=hours), "A", lunch) == Serving(False, time(13, 30))
    evening = datetime(2026, 4, 13, 18, 0, tzinfo=zone)
    assert serving_of(replace(state, config=hours), "A", evening).opens_at is None
    # the hall's own clock decides: 01:00 there is before the morning window
    night = datetime(2026, 4, 13, 18, 0, tzinfo=ZoneInfo("UTC"))
    assert serving_of(replace(state, config=hours), "A", night).opens_at == time(7, 30)
    hall.execute("open_counter", "staff-1", counter=1)
    assert serving_of(hall.state, "A", morning).open
    assert not serving_of(hall.state, "A", morning, target_counter=2).open


def replace_hours(config: Config, service: str, hours: tuple[str, ...]) -> Config:
    services = tuple(s.model_copy(update={"hours": hours}) if s.code == service else s
                     for s in config.services)
    return config.model_copy(update={"services": services})


# --------------------------------------------------------------------------- three surfaces

ESTIMATES = [Estimate(m, lo, hi, method, "v" if method == "model" else None)
             for (lo, m, hi, method), _words in CASES] + [Estimate(0, 0, 0, "none")]


def _phone(view: TicketView, lang: str) -> tuple[str, str, str]:
    """(ahead, wait, label) as the phone page shows them."""
    parts = pages.fragments(view, lang, "T" * 20)

    def texts(markup: str, cls: str) -> list[str]:
        return [html.unescape(m) for m in re.findall(rf'class="{cls}"[^>]*>([^<]*)<', markup)]

    ahead = texts(parts["status"], "big")[0]
    wait = texts(parts["details"], "estimate")
    label = texts(parts["details"], r"badge \w+")
    return ahead, wait[0] if wait else "", label[0] if label else ""


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("estimate", ESTIMATES, ids=lambda e: f"{e.method}-{e.p10_s:g}-{e.p90_s:g}")
@pytest.mark.parametrize(("ahead", "open_now"), [(0, True), (0, False), (1, True), (12, False)])
@pytest.mark.parametrize("visible", [True, False])
def test_screen_paper_and_phone_say_the_same(
    hall: HallService, language: str, estimate: Estimate, ahead: int, open_now: bool,
    visible: bool,
) -> None:
    config = hall.config
    serving = Serving(open_now, None if open_now else time(13, 30))
    issued = replace(hall.issue("A", "kiosk-1"), people_ahead=ahead, estimate=estimate)

    # the kiosk screen: what ui/texts.wait_words hands to QML
    screen = wait_words(language, ahead, estimate, visible=visible, serving=serving,
                        overrides=config.devices.printer.ticket_texts.wording())
    paper = compose_ticket(config, issued, language, EstimatorInfo(ai=estimate.ai,
                                                                   visible=visible), serving)
    view = TicketView(
        number=issued.number, service="A", service_name=dict(config.service("A").name),
        status=TicketStatus.WAITING, counter=None, recalls=0, people_ahead=ahead,
        counters=(1, 2, 3), target_counter=None, estimate=estimate, estimate_visible=visible,
        recent_calls=(), seq=1, now=hall.now(), serving=serving,
        wording=config.devices.printer.ticket_texts.wording())

    said = (screen.ahead, screen.wait, screen.label)
    assert (paper.people_ahead_text, paper.wait_text, paper.ai_label) == said
    assert _phone(view, language) == said
    if estimate.method == "none" or not visible:
        assert screen.wait == screen.label == ""
    else:
        assert screen.wait and screen.label


def test_a_halls_own_texts_reach_all_three(hall: HallService) -> None:
    base = load_config()
    texts = base.devices.printer.ticket_texts.model_copy(update={
        "wait": {"vi": "Khoảng {low} đến {high} phút", "en": "{low} to {high} minutes"},
        "ai_label": {"vi": "Do AI ước tính"},
    })
    wording = texts.wording()
    assert set(wording) == {"wait_range", "label_ai"}
    est = Estimate(900, 720, 1200, "model", "v")
    assert wait_words("vi", 3, est, overrides=wording).wait == "Khoảng 12 đến 20 phút"
    assert wait_words("vi", 3, est, overrides=wording).label == "Do AI ước tính"
    # a language the hall did not write keeps the catalogue's words
    assert wait_words("en", 3, est, overrides=wording).label == "AI estimate"
