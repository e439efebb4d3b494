"""HTML of the phone pages: the ticket, the plain error pages and the estimate explanation.

Templates are small files in ``templates/`` filled with :class:`string.Template`;
every value is HTML-escaped unless it is an :class:`Html` fragment built here.
The ticket page is cut into regions (card, status, details, feedback, calls,
updated) that the live connection replaces one by one, so a screen reader
hears only the region that changed.
"""

from __future__ import annotations

import html
from functools import cache
from importlib import resources
from string import Template
from typing import Any

from app.estimate import EstimatorInfo
from app.hall import TicketStatus
from app.modelcard import ModelCard, say
from app.web.i18n import LANGUAGES, NATIVE_NAMES, t
from app.web.live import TicketView
from app.wording import WaitWords, number_text, wait_words


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


def words_of(view: TicketView, lang: str) -> WaitWords:
    """The ticket's wait in words: :func:`app.wording.wait_words`, as on the kiosk and paper."""
    return wait_words(lang, view.people_ahead, view.estimate, visible=view.estimate_visible,
                      serving=view.serving, overrides=view.wording)


def status_text(view: TicketView, lang: str) -> str:
    """The one sentence that says where the ticket stands."""
    s = view.status
    if s is TicketStatus.CALLED:
        key = "turn_again" if view.recalls else "turn"
        return t(lang, key, counter=view.counter)
    if s is TicketStatus.WAITING:
        return words_of(view, lang).ahead
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
        # kind "none": estimates hidden, or staff chose "people ahead" only
        words = words_of(view, lang)
        if words.kind != "none":
            details += (
                f'<p class="estimate">{esc(words.wait)}</p>'
                f'<p class="method"><span class="badge {words.kind}">{esc(words.label)}</span></p>'
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

def _items(texts: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in texts) + "</ul>"


def card_sections(card: ModelCard, lang: str) -> list[tuple[str, str]]:
    """(heading, markup) for the card's fields a person needs, in a fixed order."""
    sections = [
        ("card_purpose", str(esc(say(card.purpose, lang)))),
        ("card_inputs", str(esc(say(card.inputs, lang)))),
        ("card_personal", str(esc(say(card.personal_data, lang)))),
        ("card_training", str(esc(card.training_sentence(lang)))),
        ("card_accuracy", str(esc(card.accuracy_sentence(lang)))),
        ("card_limits", _items([say(x, lang) for x in card.limits])),
        ("card_failure", str(esc(say(card.fallback, lang)))),
        ("card_contact", str(esc(say(card.contact, lang)))),
    ]
    return [(t(lang, key), markup) for key, markup in sections if markup]


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
        pct = number_text(100 * info.live_coverage, lang)
        parts.append(_p(t(lang, "about_coverage", pct=pct,
                          count=number_text(info.live_count, lang))))
    if info.ai and info.card is not None:
        for heading, markup in card_sections(info.card, lang):
            parts.append(f"<h2>{esc(heading)}</h2><div class=\"card-field\">{markup}</div>")
    parts.append(_p(t(lang, "about_person"), "person"))
    back_html = Html(f'<p><a href="{esc(back)}">{esc(t(lang, "back"))}</a></p>' if back else "")
    body = render(
        "about.html", heading=t(lang, "about_title"), body=Html("".join(parts)), back=back_html
    )
    return page(lang, t(lang, "about_title"), hall, body)
