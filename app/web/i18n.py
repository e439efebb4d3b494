"""Choosing the phone page's language, and its words (from :mod:`app.catalogue`).

Vietnamese is the default. The language comes from ``?lang=`` when the
person chose one with the switch, else from the phone's ``Accept-Language``.
The words themselves are the core's one catalogue, so the page says a wait
exactly as the kiosk screen and the paper ticket do.
"""

from __future__ import annotations

import re

from app import catalogue

LANGUAGES: tuple[str, ...] = catalogue.LANGUAGES
DEFAULT = catalogue.DEFAULT

#: the language's own name, for the switch
NATIVE_NAMES = {"vi": "Tiếng Việt", "en": "English"}

#: language -> key -> text (the catalogue's table)
STRINGS = catalogue.MESSAGES

_TAG = re.compile(r"^\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


def negotiate(accept_language: str | None, choice: str | None = None) -> str:
    """The page's language: an explicit choice, else the phone's best match, else Vietnamese."""
    if choice in LANGUAGES:
        return str(choice)
    best, best_q = DEFAULT, -1.0
    for position, part in enumerate((accept_language or "").split(",")[:20]):
        m = _TAG.match(part)
        if not m:
            continue
        lang = m[1].lower()
        try:
            q = float(m[2]) if m[2] is not None else 1.0
        except ValueError:
            continue
        if lang not in LANGUAGES or q <= 0:
            continue
        # equal weights keep the phone's order: earlier entries win
        score = q - position * 1e-6
        if score > best_q:
            best, best_q = lang, score
    return best


def t(lang: str, key: str, **params: object) -> str:
    """The text of ``key`` in ``lang`` (Vietnamese when the language is unknown)."""
    return catalogue.text(key, lang, **params)
