"""The sentences the kiosk composes in Python, in the citizen's language.

Every string here goes through ``QCoreApplication.translate("Kiosk", ...)``
written out literally, so ``pyside6-lupdate`` finds it and the translation
test can hold every shipped language to completeness. Texts that come from
the configuration (hall, services, categories) or the model card are picked
by language code instead.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.config import Config, pick
from app.errors import CommandRefused
from app.estimate import Estimate, EstimatorInfo

#: the languages' own names, shown on the language switch (never translated)
NATIVE_NAMES = {"vi": "Tiếng Việt", "en": "English", "lo": "ພາສາລາວ", "km": "ខ្មែរ", "zh": "中文"}


# --------------------------------------------------------------------------- estimates


def estimate_kind(estimate: Estimate | None, info: EstimatorInfo, config: Config) -> str:
    """How an estimate is shown: "ai", "plain" (labelled non-AI) or "none" (people ahead only)."""
    if estimate is None or not info.visible or estimate.method == "none":
        return "none"
    if estimate.ai:
        return "ai"
    if config.estimates.when_ai_off == "people_ahead":
        return "none"
    return "plain"


def wait_range_text(estimate: Estimate) -> str:
    """"about 12–20 minutes", rounded outwards to whole minutes."""
    lo = max(0, math.floor(estimate.p10_s / 60))
    hi = max(lo + 1, math.ceil(estimate.p90_s / 60))
    if hi <= 2:
        return QCoreApplication.translate("Kiosk", "under 2 minutes")
    if lo <= 0:
        return QCoreApplication.translate("Kiosk", "up to %1 minutes").replace("%1", str(hi))
    return (
        QCoreApplication.translate("Kiosk", "about %1–%2 minutes")
        .replace("%1", str(lo))
        .replace("%2", str(hi))
    )


def people_ahead_text(n: int) -> str:
    if n == 0:
        return QCoreApplication.translate("Kiosk", "You are next")
    return QCoreApplication.translate("Kiosk", "%n people ahead of you", "", n)


def waiting_text(n: int) -> str:
    if n == 0:
        return QCoreApplication.translate("Kiosk", "Nobody waiting")
    return QCoreApplication.translate("Kiosk", "%n waiting", "", n)


def estimate_label(kind: str) -> str:
    if kind == "ai":
        return QCoreApplication.translate("Kiosk", "AI estimate")
    if kind == "plain":
        return QCoreApplication.translate("Kiosk", "Simple estimate (not AI)")
    return ""


def counters_text(counters: Sequence[int]) -> str:
    if not counters:
        return QCoreApplication.translate("Kiosk", "Staff will call you to a counter")
    if len(counters) == 1:
        return QCoreApplication.translate("Kiosk", "Go to counter %1").replace(
            "%1", str(counters[0]))
    listed = ", ".join(str(c) for c in counters[:-1])
    return (
        QCoreApplication.translate("Kiosk", "Go to counter %1 or %2")
        .replace("%1", listed)
        .replace("%2", str(counters[-1]))
    )


def date_text(when: datetime) -> str:
    return when.strftime("%d/%m/%Y")


# --------------------------------------------------------------------------- refusals


def refusal_text(exc: CommandRefused, config: Config, language: str) -> str:
    """The citizen's sentence for a refused ticket, by the refusal's code."""
    service = ""
    code = exc.params.get("service")
    if isinstance(code, str):
        try:
            service = pick(config.service(code).name, language)
        except KeyError:
            service = code
    if exc.code == "daily_cap":
        text = QCoreApplication.translate(
            "Kiosk", "“%1” has given all of today's tickets. Please come back tomorrow.")
    elif exc.code == "range_exhausted":
        text = QCoreApplication.translate(
            "Kiosk", "“%1” has no more numbers today. Please ask the staff.")
    elif exc.code == "outside_hours":
        text = QCoreApplication.translate(
            "Kiosk", "“%1” gives tickets only during %2.").replace(
                "%2", str(exc.params.get("hours", "")))
    elif exc.code == "unknown_service":
        text = QCoreApplication.translate("Kiosk", "This service is not offered here today.")
    elif exc.code in ("unknown_category", "category_without_priority"):
        text = QCoreApplication.translate(
            "Kiosk", "That priority group is not known here. Please ask the staff.")
    else:
        text = QCoreApplication.translate(
            "Kiosk", "A ticket could not be given right now. Please ask the staff.")
    return text.replace("%1", service)


def failure_text() -> str:
    return QCoreApplication.translate(
        "Kiosk", "A ticket could not be given right now. Please try again or ask the staff.")


# --------------------------------------------------------------------------- printing


def print_text(state: str) -> str:
    if state == "printing":
        return QCoreApplication.translate("Kiosk", "Printing your ticket…")
    if state == "done":
        return QCoreApplication.translate("Kiosk", "Please take your ticket below the screen")
    if state == "failed":
        return QCoreApplication.translate(
            "Kiosk",
            "The ticket did not print: write your number down, or photograph this screen "
            "and show it at the counter. Staff have been told; your number is valid.")
    if state == "none":
        return QCoreApplication.translate(
            "Kiosk",
            "This kiosk does not print: write your number down, or photograph this screen "
            "and show it at the counter.")
    return ""


# --------------------------------------------------------------------------- model card


def _localised(value: Any, language: str) -> str:
    """A card value as text: per-language dicts picked, lists joined."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        if language in value or "vi" in value or "en" in value:
            # the chosen language; else English, read by more visitors than any
            # other; else Vietnamese; an empty text counts as missing
            for key in (language, "en", "vi"):
                if value.get(key) not in (None, ""):
                    return _localised(value[key], language)
            return ""
        start = value.get("start", value.get("from"))
        end = value.get("end", value.get("to"))
        if start is not None and end is not None:
            return f"{start} – {end}"
        return "; ".join(f"{k}: {_localised(v, language)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(_localised(v, language) for v in value)
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def _is_figures(value: Any) -> bool:
    """A mapping of data (not of languages): not for a citizen to read."""
    return isinstance(value, Mapping) and not ({"vi", "en"} & set(value))


def _bullets(value: Any, language: str) -> str:
    if isinstance(value, list | tuple):
        return "\n".join("•  " + _localised(v, language) for v in value)
    return _localised(value, language)


def _first(card: Mapping[str, Any], *keys: str) -> Any:
    for key in keys:
        if key in card and card[key] not in (None, "", [], {}):
            return card[key]
    return None


def _minutes(seconds: Any) -> str:
    try:
        return f"{float(seconds) / 60:.1f}".rstrip("0").rstrip(".")
    except (TypeError, ValueError):
        return str(seconds)


def _period_text(value: Any, language: str) -> str:
    if isinstance(value, list | tuple) and len(value) == 2 and all(
            isinstance(v, str) for v in value):
        return f"{value[0]} – {value[1]}"
    return _localised(value, language)


def _accuracy_text(card: Mapping[str, Any], language: str) -> str:
    acc = _first(card, "held_out", "accuracy", "heldout", "validation", "evaluation")
    if acc is None:
        return ""
    if not isinstance(acc, Mapping):
        return _localised(acc, language)
    mae = acc.get("mae_s")
    model: Any = None
    plain: Any = None
    if isinstance(mae, Mapping):
        model = mae.get("model")
        best = acc.get("best_plain")
        plain = mae.get(best) if isinstance(best, str) else None
    else:
        model = _first(acc, "mae_s", "model_mae_s", "mae")
        plain = _first(acc, "baseline_mae_s", "plain_mae_s", "best_plain_mae_s")
    coverage = _first(acc, "coverage_80", "coverage", "range_coverage")
    parts = []
    period = acc.get("period")
    if period:
        parts.append(_period_text(period, language))
    if model is not None:
        parts.append(QCoreApplication.translate(
            "Kiosk", "on held-out days its estimates were off by %1 minutes on average")
            .replace("%1", _minutes(model)))
    if plain is not None:
        parts.append(QCoreApplication.translate(
            "Kiosk", "the simple method was off by %1 minutes").replace("%1", _minutes(plain)))
    if coverage is not None:
        try:
            tenths = round(float(coverage) * 10)
            parts.append(QCoreApplication.translate(
                "Kiosk", "%1 in 10 people were called within the range shown")
                .replace("%1", str(tenths)))
        except (TypeError, ValueError):
            pass
    if not parts:
        return _localised(acc, language)
    return "; ".join(parts) + "."


def panel_sections(info: EstimatorInfo, config: Config, language: str) -> list[dict[str, str]]:
    """The "How is this estimated?" panel, filled from the card and the live figures."""
    card = info.card
    sections: list[dict[str, str]] = []

    def add(title: str, text: str, name: str) -> None:
        if text:
            sections.append({"title": title, "text": text, "name": name})

    if info.ai:
        add(QCoreApplication.translate("Kiosk", "What it is for"),
            _localised(_first(card, "purpose", "intended_use", "use", "description"), language),
            "purpose")
        inputs = _localised(_first(card, "inputs", "features", "feature_names"), language)
        personal = card.get("personal_data")
        if isinstance(personal, str | Mapping) and personal:
            inputs += " — " + _localised(personal, language)
        elif inputs and not personal:
            inputs += " — " + QCoreApplication.translate(
                "Kiosk", "queue and counter data only, no personal data.")
        add(QCoreApplication.translate("Kiosk", "What it uses"), inputs, "inputs")
        # how it is made, when the card says so in words (not the raw method figures)
        model = card.get("model")
        if isinstance(model, str | Mapping) and not _is_figures(model):
            add(QCoreApplication.translate("Kiosk", "How it works"),
                _localised(model, language), "model")
        training = card.get("training")
        source: Mapping[str, Any] = training if isinstance(training, Mapping) else card
        period = _period_text(
            _first(source, "period", "training_period", "trained_on", "data_period"), language)
        count = _first(source, "tickets", "training_tickets", "n_tickets", "training_rows")
        if period and count is not None:
            period += " · " + QCoreApplication.translate("Kiosk", "%1 tickets").replace(
                "%1", str(count))
        add(QCoreApplication.translate("Kiosk", "What it learned from"), period, "period")
        add(QCoreApplication.translate("Kiosk", "How accurate it was when tested"),
            _accuracy_text(card, language), "accuracy")
    else:
        reason = info.fallback_reason or ""
        add(QCoreApplication.translate("Kiosk", "No AI is used now"),
            QCoreApplication.translate(
                "Kiosk",
                "The wait is estimated from the number of people ahead, the open counters and "
                "the usual time per person.") + (f" ({reason})" if reason else ""),
            "fallback_now")
    if info.live_count > 0:
        live = []
        if info.live_coverage is not None:
            live.append(
                QCoreApplication.translate(
                    "Kiosk",
                    "For the last %1 tickets, %2 in 10 were called within the range shown.")
                .replace("%1", str(info.live_count))
                .replace("%2", str(round(info.live_coverage * 10))))
        if info.live_mae_s is not None:
            live.append(QCoreApplication.translate(
                "Kiosk", "On average the estimate was off by %1 minutes.")
                .replace("%1", _minutes(info.live_mae_s)))
        add(QCoreApplication.translate("Kiosk", "How accurate it is in this hall now"),
            " ".join(live), "live")
    if info.ai:
        add(QCoreApplication.translate("Kiosk", "What it cannot do"),
            _bullets(_first(card, "limits", "known_limits", "limitations"), language),
            "limits")
        fallback = _localised(_first(card, "fallback", "when_it_fails"), language)
        add(QCoreApplication.translate("Kiosk", "When the model fails"),
            fallback or QCoreApplication.translate(
                "Kiosk",
                "The kiosk switches to the simple estimate by itself and tells the staff. "
                "Your place in line never depends on the estimate."),
            "fallback")
        version = info.model_version or _localised(_first(card, "version"), language)
        add(QCoreApplication.translate("Kiosk", "Model version"), version, "version")
    contact = pick(config.kiosk.staff_note, language) if config.kiosk.staff_note else ""
    if not contact and info.ai:
        contact = _localised(card.get("contact"), language)
    add(QCoreApplication.translate("Kiosk", "Talk to a person"), contact, "contact")
    return sections
