"""The one rule that turns a wait estimate into words, for screen, paper and phone.

:func:`wait_words` takes what is known about a waiting ticket — the people
ahead, the estimate (p10/median/p90 seconds, the method, whether AI made
it), whether staff show estimates, and whether a counter is serving it now
or when one opens — and gives the sentences in a language. The kiosk screen
(``ui/texts.py``), the paper ticket (:mod:`app.printing`) and the phone page
(:mod:`app.web.pages`) all print these, so one ticket reads the same
everywhere. The rule (``docs/wait-estimates.md``, "In words"):

* the 80 % range is rounded outwards to whole minutes, low down and high up,
  so the words still hold the range: p10 = 20 s, p90 = 80 s is 0–2 minutes;
* low end 0: "under N minutes" ("under 1 minute" when the high end is 1);
* low end 60 minutes or more: "more than 60 minutes" — beyond an hour the
  minute count means little and the estimate is capped anyway;
* otherwise "about L–H minutes" ("about N minutes" when both round alike);
* "you are next" only when nobody is ahead *and* a counter serving the
  ticket is open; with no counter open the line says so, and when the
  service's next issuing window opens today, at what time;
* the label says who made the estimate: "AI estimate" or "Simple estimate
  (not AI)"; with method ``none`` or estimates hidden by staff there is
  neither a wait nor a label, only the people ahead.

Also the number and date formats of the core's texts: Vietnamese writes
"3,9" and "164.149" and "13/04/2026".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Literal

from app import catalogue
from app.estimate import Estimate

if TYPE_CHECKING:
    from app.hall import HallState

#: how an estimate is shown: labelled AI, labelled not AI, or not at all (people ahead only)
Kind = Literal["ai", "plain", "none"]

#: minutes: a low end this long is said as "more than LONG_MINUTES minutes"
LONG_MINUTES = 60

#: catalogue key -> a hall's own text by language (``TicketTexts.wording()``)
Overrides = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class Serving:
    """Whether a counter can call the ticket now, and if not, when one opens (local time)."""

    open: bool = True
    opens_at: time | None = None


#: a counter is open: the default, when nothing says otherwise
OPEN = Serving()


@dataclass(frozen=True)
class WaitWords:
    """A waiting ticket's wait in words, in one language."""

    kind: Kind
    #: "3 people ahead of you", "You are next", "Nobody is ahead of you. Counters open at 13:30"
    ahead: str
    #: "Wait: about 3–5 minutes"; empty when no estimate is shown
    wait: str
    #: "AI estimate" / "Simple estimate (not AI)"; empty when no estimate is shown
    label: str


def shown_kind(estimate: Estimate | None, visible: bool = True) -> Kind:
    """Whether and how an estimate is shown: "ai", "plain" or "none"."""
    if estimate is None or not visible or estimate.method == "none":
        return "none"
    return "ai" if estimate.ai else "plain"


def wait_minutes(p10_s: float, p90_s: float) -> tuple[int, int]:
    """The range in whole minutes, rounded outwards (low down, high up); high is at least 1."""
    low = max(0, math.floor(max(0.0, p10_s) / 60))
    high = max(1, low, math.ceil(max(0.0, p90_s) / 60))
    return low, high


def _say(key: str, language: str, overrides: Overrides | None, **params: object) -> str:
    own = (overrides or {}).get(key)
    if own and own.get(language):
        return own[language].format(**params)
    return catalogue.text(key, language, **params)


def wait_text(estimate: Estimate, language: str, overrides: Overrides | None = None) -> str:
    """The estimate's range as words (see the module's rule)."""
    low, high = wait_minutes(estimate.p10_s, estimate.p90_s)
    if low >= LONG_MINUTES:
        return _say("wait_long", language, overrides, n=LONG_MINUTES)
    if low == 0:
        if high == 1:
            return _say("wait_under_one", language, overrides)
        return _say("wait_under", language, overrides, n=high)
    if low == high:
        return _say("wait_about", language, overrides, n=low)
    return _say("wait_range", language, overrides, low=low, high=high)


def label_text(kind: Kind, language: str, overrides: Overrides | None = None) -> str:
    """The label beside an estimate: who made it."""
    if kind == "ai":
        return _say("label_ai", language, overrides)
    if kind == "plain":
        return _say("label_plain", language, overrides)
    return ""


def ahead_text(n: int, language: str, serving: Serving = OPEN,
               overrides: Overrides | None = None) -> str:
    """The people ahead, and whether a counter is there to call them."""
    if n <= 0:
        line = _say("ahead_next" if serving.open else "ahead_nobody", language, overrides)
    elif n == 1 and not (overrides or {}).get("ahead_many"):
        line = _say("ahead_one", language, overrides)
    else:
        line = _say("ahead_many", language, overrides, n=n)
    if serving.open:
        return line
    if serving.opens_at is not None:
        note = _say("closed_until", language, overrides, time=serving.opens_at.strftime("%H:%M"))
    else:
        note = _say("closed", language, overrides)
    return f"{line}. {note}"


def wait_words(
    language: str,
    people_ahead: int,
    estimate: Estimate | None,
    *,
    visible: bool = True,
    serving: Serving = OPEN,
    overrides: Overrides | None = None,
) -> WaitWords:
    """Everything said about a waiting ticket's wait, in ``language``."""
    kind = shown_kind(estimate, visible)
    wait = wait_text(estimate, language, overrides) if estimate is not None and kind != "none" \
        else ""
    return WaitWords(
        kind=kind,
        ahead=ahead_text(people_ahead, language, serving, overrides),
        wait=wait,
        label=label_text(kind, language, overrides),
    )


# --------------------------------------------------------------------------- serving


def _windows(hours: tuple[str, ...]) -> list[tuple[time, time]]:
    out = []
    for window in hours:
        start, end = window.split("-")
        # "24:00" ends a window at midnight (app.config.window_seconds)
        out.append((time.fromisoformat(start),
                    time.max if end == "24:00" else time.fromisoformat(end)))
    return sorted(out)


def serving_of(state: HallState, service: str, now: datetime,
               target_counter: int | None = None) -> Serving:
    """Whether a counter serving ``service`` (or the ticket's own counter) is open now.

    When none is, ``opens_at`` is the start of the service's next issuing
    window today, if there is one: counters open with it.
    """
    open_now = state.open_counters(service)
    if target_counter is not None:
        if any(c.number == target_counter for c in open_now):
            return Serving(True)
    elif open_now:
        return Serving(True)
    try:
        hours = state.config.service(service).hours
    except KeyError:
        return Serving(False)
    local = now.astimezone(state.config.hall.zone).time()
    later = [start for start, _end in _windows(hours) if start > local]
    return Serving(False, later[0] if later else None)


# --------------------------------------------------------------------------- numbers and dates

#: (thousands separator, decimal mark) by language
_MARKS: dict[str, tuple[str, str]] = {"vi": (".", ","), "en": (",", ".")}


def number_text(value: float, language: str, decimals: int = 0) -> str:
    """``value`` as people write it in ``language``: "164.149" and "3,9" in Vietnamese."""
    thousands, mark = _MARKS.get(language, _MARKS["en"])
    plain = f"{value:,.{decimals}f}"  # "164,149.0" in Python's own (English) marks
    marks: dict[str, str | int | None] = {",": thousands, ".": mark}
    return plain.translate(str.maketrans(marks))


def date_text(day: date, language: str) -> str:
    """A date as written in ``language``: "13/04/2026" in Vietnamese, ISO otherwise."""
    if language == "vi":
        return day.strftime("%d/%m/%Y")
    return day.isoformat()



def minutes_text(seconds: float, language: str) -> str:
    """Seconds as minutes with one decimal: "3,9" in Vietnamese, "3.9" in English."""
    return number_text(seconds / 60, language, 1)
