"""HTML of the phone pages: the ticket, the plain error pages and the estimate explanation.

Templates are small files in ``templates/`` filled with :class:`string.Template`;
every value is HTML-escaped unless it is an :class:`Html` fragment built here.
The ticket page is cut into regions (card, status, details, feedback, calls,
updated) that the live connection replaces one by one, so a screen reader
hears only the region that changed.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from functools import cache
from importlib import resources
from string import Template
from typing import Any

from app.estimate import Estimate, EstimatorInfo
from app.hall import TicketStatus
from app.web.i18n import LANGUAGES, NATIVE_NAMES, t
from app.web.live import TicketView


class Html(str):
    """A fragment of markup that is already safe: inserted as it is."""

    __slots__ = ()


def esc(value: object) -> Html:
    """``value`` made safe in text and in double-quoted attributes (apostrophes kept)."""
    if isinstance(value, Html):
        return value
    return Html(html.escape(str(value), quote=False).replace('"', "&quot;"))


@cache
def _template(name: str) -> Template:
    text = resources.files("app.web").joinpath("templates", name).read_text(encoding="utf-8")
    return Template(text)


def render(name: str, **values: object) -> Html:
    """Fill template ``name``; plain values are escaped, :class:`Html` ones are not."""
    return Html(_template(name).substitute({k: esc(v) for k, v in values.items()}))


def lang_links(lang: str) -> Html:
    """The language switch: links to the same page in each language."""
    items = []
    for code in LANGUAGES:
        name = esc(NATIVE_NAMES[code])
        if code == lang:
            items.append(f'<li><span aria-current="true" lang="{code}">{name}</span></li>')
        else:
            items.append(
                f'<li><a href="?lang={code}" hreflang="{code}" lang="{code}">{name}</a></li>'
            )
    return Html("".join(items))


def page(lang: str, title: str, hall: str, body: Html, head: str = "") -> str:
    """A whole HTML document."""
    return str(
        render(
            "base.html",
            lang=lang,
            title=title,
            hall=hall,
            head=Html(head),
            body=body,
            language_label=t(lang, "language"),
            lang_links=lang_links(lang),
        )
    )


# --------------------------------------------------------------------------- ticket


def _p(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{esc(text)}</p>"


def estimate_text(est: Estimate, lang: str) -> str:
    """'About 12–20 minutes', in whole minutes, never a falsely precise figure."""
    if est.p90_s < 60:
        return t(lang, "estimate_short")
    lo = max(1, math.floor(est.p10_s / 60))
    hi = max(lo, math.ceil(est.p90_s / 60))
    if lo == hi:
        return t(lang, "estimate_one", n=lo)
    return t(lang, "estimate", lo=lo, hi=hi)


def _ahead(n: int, lang: str) -> str:
    if n == 0:
        return t(lang, "ahead_0")
    if n == 1:
        return t(lang, "ahead_1")
    return t(lang, "ahead_n", n=n)


def status_text(view: TicketView, lang: str) -> str:
    """The one sentence that says where the ticket stands."""
    s = view.status
    if s is TicketStatus.CALLED:
        key = "turn_again" if view.recalls else "turn"
        return t(lang, key, counter=view.counter)
    if s is TicketStatus.WAITING:
        return _ahead(view.people_ahead, lang)
    return t(lang, s.value)


def feedback_html(
    view: TicketView, lang: str, token: str, check: str, failed: bool = False
) -> str:
    """The question "was the wait estimate right?", or the thanks once answered.

    A plain form: it works without scripts (the answer posts and the page
    comes back), and the script sends it in the background when it can.
    """
    if view.feedback == "answered":
        return f'<p class="thanks">{esc(t(lang, "feedback_thanks"))}</p>'
    if view.feedback != "ask" or not check:
        return ""
    problem = f'<p class="failed">{esc(t(lang, "feedback_failed"))}</p>' if failed else ""
    return (
        f'<form class="feedback-form" method="post" '
        f'action="/t/{esc(token)}/feedback?lang={lang}">'
        f'<fieldset><legend>{esc(t(lang, "feedback_question"))}</legend>'
        f'<input type="hidden" name="check" value="{esc(check)}">'
        f'<div class="answers">'
        f'<button type="submit" name="right" value="yes">{esc(t(lang, "feedback_yes"))}</button>'
        f'<button type="submit" name="right" value="no">{esc(t(lang, "feedback_no"))}</button>'
        f"</div></fieldset>{problem}"
        f'<p class="note">{esc(t(lang, "feedback_note"))}</p></form>'
    )


def fragments(view: TicketView, lang: str, token: str, check: str = "") -> dict[str, Any]:
    """The page's changing regions, as HTML, plus what the script needs to know.

    ``check`` is the feedback form's check value for this ticket (no form without it).
    """
    card = (
        f'<h1><span class="label">{esc(t(lang, "ticket_label"))}</span> '
        f'<span class="number">{esc(view.number)}</span></h1>'
        f'<p class="service"><span class="label">{esc(t(lang, "service_label"))}:</span> '
        f"{esc(view.service_in(lang))}</p>"
    )

    sentence = status_text(view, lang)
    if view.status is TicketStatus.CALLED:
        status = f'<div class="turn">{_p(sentence, "big")}{_p(t(lang, "turn_hint"))}</div>'
    elif view.status is TicketStatus.WAITING:
        status = f'<div class="waiting">{_p(sentence, "big")}'
        if view.target_counter is not None:
            status += _p(t(lang, "wait_counter", counter=view.target_counter))
        status += "</div>"
    else:
        status = f'<div class="done state-{view.status.value}">{_p(sentence, "big")}</div>'

    details = ""
    if view.status is TicketStatus.WAITING:
        if view.target_counter is None and view.counters:
            key = "counters_1" if len(view.counters) == 1 else "counters"
            details += _p(t(lang, key, counters=", ".join(str(c) for c in view.counters)))
        # method "none": staff switched the AI off and chose "people ahead" only
        if view.estimate_visible and view.estimate is not None and view.estimate.method != "none":
            est = view.estimate
            label = t(lang, "ai_label") if est.method == "model" else t(lang, "plain_label")
            badge = "badge ai" if est.method == "model" else "badge plain"
            details += (
                f'<p class="estimate">{esc(estimate_text(est, lang))}</p>'
                f'<p class="method"><span class="{badge}">{esc(label)}</span></p>'
                f'<p><a href="/t/{esc(token)}/how?lang={lang}">{esc(t(lang, "how_link"))}</a></p>'
            )

    if view.recent_calls:
        items = []
        for number, counter in view.recent_calls:
            mine = ' class="mine"' if number == view.number else ""
            text = esc(t(lang, "call_item", ticket=number, counter=counter))
            items.append(f"<li{mine}>{text}</li>")
        calls = f'<ol class="calls-list">{"".join(items)}</ol>'
    else:
        calls = _p(t(lang, "no_calls"))

    updated = esc(t(lang, "updated", time=view.now.strftime("%H:%M")))
    return {
        "seq": view.seq,
        "state": view.status.value,
        "title": f"{view.number} · {sentence}",
        "card": card,
        "status": status,
        "details": details,
        "feedback": feedback_html(view, lang, token, check),
        "calls": calls,
        "updated": updated,
    }


def ticket_page(view: TicketView, lang: str, token: str, hall: str, check: str = "") -> str:
    parts = fragments(view, lang, token, check)
    body = render(
        "ticket.html",
        live_url=f"/t/{token}/live?lang={lang}",
        poll_url=f"/t/{token}/status.json?lang={lang}",
        seq=view.seq,
        live_note=t(lang, "live"),
        offline_note=t(lang, "offline"),
        ticket_label=t(lang, "ticket_label"),
        card=Html(parts["card"]),
        status=Html(parts["status"]),
        details=Html(parts["details"]),
        feedback=Html(parts["feedback"]),
        calls_heading=t(lang, "calls_heading"),
        calls=Html(parts["calls"]),
        updated=Html(parts["updated"]),
        privacy=t(lang, "privacy"),
    )
    # without scripts the page still refreshes itself, slowly
    head = Html('<noscript><meta http-equiv="refresh" content="30"></noscript>')
    return page(lang, str(parts["title"]), hall, body, head)


# --------------------------------------------------------------------------- plain pages


def message_page(
    lang: str, hall: str, title_key: str, body_key: str, back: str | None = None
) -> str:
    """A plain page that says one thing (wrong link, too many requests, read-only)."""
    back_html = Html(f'<p><a href="{esc(back)}">{esc(t(lang, "back"))}</a></p>' if back else "")
    body = render(
        "message.html",
        heading=t(lang, title_key),
        text=t(lang, body_key),
        help=t(lang, "error_help"),
        back=back_html,
    )
    return page(lang, t(lang, title_key), hall, body)


# --------------------------------------------------------------------------- explanation

#: the model's input names, grouped into what a person would call them
_INPUT_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("input_queue", ("ahead", "is_priority", "targeted", "waiting_", "competing_", "head_wait")),
    ("input_counters", ("servers_", "counter_", "busy_")),
    ("input_pace", ("service_", "calls_", "issued_", "completed_", "last_wait", "mean_wait")),
    ("input_time", ("minute_of_day", "hour", "weekday", "day_")),
    ("input_plain", ("est_",)),
)


def _is_text_by_language(value: Any) -> bool:
    return (
        isinstance(value, Mapping)
        and any(k in value for k in LANGUAGES)
        and all(isinstance(v, str) for v in value.values())
    )


def _plain(value: Any, lang: str, depth: int = 0) -> str:
    """A model card value as markup: texts by language, lists, nested objects."""
    if _is_text_by_language(value):
        return str(esc(value.get(lang) or value.get("vi") or next(iter(value.values()), "")))
    if isinstance(value, Mapping):
        if depth >= 2:
            return str(esc(", ".join(f"{k}: {v}" for k, v in value.items())))
        rows = "".join(
            f"<dt>{esc(str(k).replace('_', ' '))}</dt><dd>{_plain(v, lang, depth + 1)}</dd>"
            for k, v in value.items()
        )
        return f"<dl>{rows}</dl>"
    if isinstance(value, list | tuple):
        if depth >= 2:
            return str(esc(", ".join(str(v) for v in value)))
        return "<ul>" + "".join(f"<li>{_plain(v, lang, depth + 1)}</li>" for v in value) + "</ul>"
    if isinstance(value, float):
        return str(esc(f"{value:.3g}"))
    return str(esc(value))


def _said(value: Any, lang: str, own_words: str) -> str:
    """A card text: the card's own when it speaks ``lang``, else the page's words for it.

    Card texts written as a plain string are in English; a Vietnamese page says
    the same thing in its own translated sentence rather than show English.
    """
    if _is_text_by_language(value):
        return _plain(value, lang)
    if isinstance(value, str) and lang == "en":
        return str(esc(value))
    if isinstance(value, str):
        return str(esc(t(lang, own_words)))
    return _plain(value, lang)


def _inputs(value: Any, lang: str) -> str:
    if not (isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)):
        return _plain(value, lang)
    groups: list[str] = []
    unknown: list[str] = []
    for name in value:
        for key, prefixes in _INPUT_GROUPS:
            if name.startswith(prefixes):
                if key not in groups:
                    groups.append(key)
                break
        else:
            unknown.append(name.replace("_", " "))
    order = [key for key, _ in _INPUT_GROUPS if key in groups]
    items = [f"<li>{esc(t(lang, key))}</li>" for key in order]
    items += [f"<li>{esc(name)}</li>" for name in unknown]
    return "<ul>" + "".join(items) + "</ul>"


def _minutes(seconds: Any) -> str:
    return f"{float(seconds) / 60:.1f}" if isinstance(seconds, int | float) else "?"


def _training(card: Mapping[str, Any], lang: str) -> str | None:
    tr = card.get("training")
    if isinstance(tr, Mapping) and isinstance(tr.get("period"), list | tuple) and tr["period"]:
        period = tr["period"]
        return str(
            esc(
                t(
                    lang,
                    "card_training_text",
                    tickets=tr.get("tickets", "?"),
                    days=tr.get("days", "?"),
                    start=period[0],
                    end=period[-1],
                )
            )
        )
    for name in ("training", "training_period", "training_data"):
        if card.get(name):
            return _plain(card[name], lang)
    return None


def _accuracy(card: Mapping[str, Any], lang: str) -> str | None:
    held = card.get("held_out")
    if isinstance(held, Mapping) and isinstance(held.get("mae_s"), Mapping):
        mae = held["mae_s"]
        best = held.get("best_plain")
        coverage = held.get("coverage_80")
        return str(
            esc(
                t(
                    lang,
                    "card_accuracy_text",
                    days=held.get("days", "?"),
                    tickets=held.get("tickets", "?"),
                    model=_minutes(mae.get("model")),
                    plain=_minutes(mae.get(best) if isinstance(best, str) else None),
                    coverage=round(100 * coverage) if isinstance(coverage, int | float) else "?",
                )
            )
        )
    for name in ("accuracy", "evaluation", "metrics", "performance"):
        if card.get(name):
            return _plain(card[name], lang)
    return None


def _limits(value: Any, lang: str) -> str:
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value) and lang != "en":
        items = t(lang, "card_limits_list").split("|")
        return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"
    return _plain(value, lang)


def _first(card: Mapping[str, Any], *names: str) -> Any:
    for name in names:
        value = card.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def card_sections(card: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """(heading, markup) for the card's fields a person needs, in a fixed order."""
    out: list[tuple[str, str]] = []

    def add(key: str, markup: str | None) -> None:
        if markup:
            out.append((t(lang, key), markup))

    purpose = _first(card, "purpose", "intended_use")
    add("card_purpose", _said(purpose, lang, "card_purpose_text") if purpose else None)
    inputs = _first(card, "inputs", "features")
    add("card_inputs", _inputs(inputs, lang) if inputs else None)
    personal = _first(card, "personal_data")
    add(
        "card_personal",
        _said(personal, lang, "card_personal_text") if personal else str(
            esc(t(lang, "card_no_personal"))
        ),
    )
    add("card_training", _training(card, lang))
    add("card_accuracy", _accuracy(card, lang))
    limits = _first(card, "limits", "limitations", "known_limits")
    add("card_limits", _limits(limits, lang) if limits else None)
    failure = _first(card, "fallback", "on_failure")
    add("card_failure", _said(failure, lang, "card_failure_text") if failure else None)
    contact = _first(card, "contact")
    add("card_contact", _said(contact, lang, "card_contact_text") if contact else None)
    return out


def about_page(info: EstimatorInfo, lang: str, hall: str, back: str | None) -> str:
    """The plain-words explanation of how the wait is estimated, from the model card."""
    parts: list[str] = []
    if not info.visible:
        parts.append(_p(t(lang, "about_hidden")))
    if info.ai:
        parts.append(_p(t(lang, "about_ai")))
        if info.model_version:
            parts.append(_p(t(lang, "about_model", version=info.model_version)))
    else:
        parts.append(_p(t(lang, "about_plain")))
        if info.fallback_reason:
            parts.append(_p(t(lang, "about_fallback", reason=info.fallback_reason)))
    if info.visible:
        parts.append(_p(t(lang, "about_range")))
    if info.live_coverage is not None and info.live_count > 0:
        pct = round(100 * info.live_coverage)
        parts.append(_p(t(lang, "about_coverage", pct=pct, count=info.live_count)))
    if info.ai and info.card:
        for heading, markup in card_sections(info.card, lang):
            parts.append(f"<h2>{esc(heading)}</h2><div class=\"card-field\">{markup}</div>")
    parts.append(_p(t(lang, "about_person"), "person"))
    back_html = Html(f'<p><a href="{esc(back)}">{esc(t(lang, "back"))}</a></p>' if back else "")
    body = render(
        "about.html", heading=t(lang, "about_title"), body=Html("".join(parts)), back=back_html
    )
    return page(lang, t(lang, "about_title"), hall, body)
