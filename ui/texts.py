"""The sentences the kiosk composes in Python, in the citizen's language.

A ticket's wait — people ahead, the range, the AI or plain label — is worded
by the core (:func:`app.wording.wait_words`, from :mod:`app.catalogue`), so
the screen says exactly what the paper ticket and the phone page say. The
model card comes typed (:class:`app.modelcard.ModelCard`) and its figures are
worded by the core too. The kiosk's other sentences go through
``QCoreApplication.translate("Kiosk", ...)`` written out literally, so
``pyside6-lupdate`` finds them and the translation test can hold every
shipped language to completeness. Texts from the configuration (hall,
services, categories) are picked by language code.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from app.config import Config, pick
from app.errors import CommandRefused
from app.estimate import Estimate, EstimatorInfo
from app.modelcard import say
from app.wording import OPEN, Serving, WaitWords, minutes_text, number_text
from app.wording import wait_words as core_wait_words

#: the languages' own names, shown on the language switch (never translated)
NATIVE_NAMES = {"vi": "Tiếng Việt", "en": "English", "lo": "ພາສາລາວ", "km": "ខ្មែរ", "zh": "中文"}


# --------------------------------------------------------------------------- estimates


def wait_words(
    language: str,
    estimate: Estimate | None,
    info: EstimatorInfo,
    config: Config,
    people_ahead: int = 0,
    serving: Serving = OPEN,
) -> WaitWords:
    """The core's words for a wait (:func:`app.wording.wait_words`), with the hall's texts."""
    return core_wait_words(
        language, people_ahead, estimate, visible=info.visible, serving=serving,
        overrides=config.devices.printer.ticket_texts.wording())


def waiting_text(n: int) -> str:
    if n == 0:
        return QCoreApplication.translate("Kiosk", "Nobody waiting")
    return QCoreApplication.translate("Kiosk", "%n waiting", "", n)


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
    """The screen's date: day/month/year, as the kiosk's clock shows it in every language."""
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


def panel_sections(info: EstimatorInfo, config: Config, language: str) -> list[dict[str, str]]:
    """The "How is this estimated?" panel, filled from the typed card and the live figures."""
    card = info.card if info.ai else None
    sections: list[dict[str, str]] = []

    def add(title: str, text: str, name: str) -> None:
        if text:
            sections.append({"title": title, "text": text, "name": name})

    if card is not None:
        add(QCoreApplication.translate("Kiosk", "What it is for"),
            say(card.purpose, language), "purpose")
        add(QCoreApplication.translate("Kiosk", "What it uses"),
            say(card.inputs, language) + " — " + say(card.personal_data, language), "inputs")
        if card.model is not None:
            add(QCoreApplication.translate("Kiosk", "How it works"),
                say(card.model, language), "model")
        add(QCoreApplication.translate("Kiosk", "What it learned from"),
            card.training_sentence(language), "period")
        add(QCoreApplication.translate("Kiosk", "How accurate it was when tested"),
            card.accuracy_sentence(language), "accuracy")
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
                .replace("%1", number_text(info.live_count, language))
                .replace("%2", str(round(info.live_coverage * 10))))
        if info.live_mae_s is not None:
            live.append(QCoreApplication.translate(
                "Kiosk", "On average the estimate was off by %1 minutes.")
                .replace("%1", minutes_text(info.live_mae_s, language)))
        add(QCoreApplication.translate("Kiosk", "How accurate it is in this hall now"),
            " ".join(live), "live")
    if card is not None:
        add(QCoreApplication.translate("Kiosk", "What it cannot do"),
            "\n".join("•  " + say(x, language) for x in card.limits), "limits")
        add(QCoreApplication.translate("Kiosk", "When the model fails"),
            say(card.fallback, language), "fallback")
        add(QCoreApplication.translate("Kiosk", "Model version"),
            info.model_version or card.version, "version")
    contact = pick(config.kiosk.staff_note, language) if config.kiosk.staff_note else ""
    if not contact and card is not None:
        contact = say(card.contact, language)
    add(QCoreApplication.translate("Kiosk", "Talk to a person"), contact, "contact")
    return sections
