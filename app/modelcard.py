"""The model card, typed: read and checked once, when the wait model loads.

``card.json`` beside the model (written by :func:`app.wait.train.build_card`)
is parsed into a frozen :class:`ModelCard`. A card that is not this shape —
a missing field, a text without Vietnamese, a coverage above 1, a period that
is not two dates — is refused with :class:`CardInvalid`, which names the
field; :func:`app.wait.model.load_model` turns that into a model refusal, so
the kiosk falls back to the plain estimate as for any other integrity
failure.

The kiosk's "How is this estimated?" panel (``ui/texts.py``) and the phone's
explanation page (:mod:`app.web.pages`) both render from it: the citizen's
texts through :func:`say`, and the figures through
:meth:`ModelCard.training_sentence` and :meth:`ModelCard.accuracy_sentence`,
worded by the catalogue with the language's own number and date formats.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from app import catalogue
from app.wording import date_text, minutes_text, number_text


class CardInvalid(ValueError):
    """The card is not a model card; ``field`` is the dotted path of the first bad field."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def _check_texts(value: dict[str, str]) -> dict[str, str]:
    if "vi" not in value:
        raise ValueError('needs a Vietnamese text (key "vi")')
    for lang, words in value.items():
        if not re.fullmatch(r"[a-z]{2,3}", lang):
            raise ValueError(f'"{lang}" is not a language code')
        if not words.strip():
            raise ValueError(f'the "{lang}" text is empty')
    return value


#: a text a citizen reads, by language; Vietnamese is required
Texts = Annotated[dict[str, str], AfterValidator(_check_texts)]


def say(words: Mapping[str, str], language: str) -> str:
    """A card text in ``language``; else English, read by more visitors than any other; else
    Vietnamese."""
    for lang in (language, "en", "vi"):
        if words.get(lang):
            return words[lang]
    return ""


class _Card(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Card):
    """The days and tickets of one part of the data."""

    #: first and last day; None when the part is empty
    period: tuple[date, date] | None = None
    days: int = Field(ge=0)
    tickets: int = Field(ge=0)

    @field_validator("period", mode="before")
    @classmethod
    def _empty(cls, value: Any) -> Any:
        return None if value in ([], ()) else value

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.period is not None and self.period[0] > self.period[1]:
            raise ValueError("the period ends before it starts")
        return self


class Training(Span):
    """What the model learned from."""

    logs: tuple[str, ...] = ()
    validation: Span | None = None


class HeldOut(Span):
    """The model tested on days it had not seen, against the plain methods."""

    #: mean absolute error in seconds: "model" and each plain method
    mae_s: dict[str, Annotated[float, Field(ge=0)]]
    best_plain: str
    mae_ratio: float = Field(ge=0)
    coverage_80: float = Field(ge=0, le=1)
    errors: dict[str, dict[str, float]] = {}
    groups: dict[str, dict[str, float]] = {}
    per_log: dict[str, dict[str, float | str]] = {}

    @model_validator(mode="after")
    def _compared(self) -> HeldOut:
        if "model" not in self.mae_s:
            raise ValueError('mae_s has no "model" figure')
        if self.best_plain not in self.mae_s:
            raise ValueError(f'best_plain "{self.best_plain}" has no figure in mae_s')
        return self


class Fold(_Card):
    """One cut date of the rolling evaluation."""

    cut: date
    tickets: int = Field(ge=0)
    mae_ratio: float = Field(ge=0)


class Rolling(_Card):
    """Trained before each of several cut dates, scored on the days after (pooled)."""

    folds: tuple[Fold, ...] = Field(min_length=1)
    tickets: int = Field(ge=0)
    best_plain: str
    model_mae_s: float = Field(ge=0)
    best_plain_mae_s: float = Field(ge=0)
    mae_ratio: float = Field(ge=0)
    coverage_80: float = Field(ge=0, le=1)


class ModelCard(_Card):
    """The wait model's card: what it is for, what it uses, how well it did, its limits."""

    version: str = Field(min_length=1)
    created: datetime | None = None
    purpose: Texts
    #: how it works, in words
    model: Texts | None = None
    inputs: Texts
    personal_data: Texts
    features: tuple[str, ...]
    feature_version: int = Field(ge=1)
    #: the method's settings, for the record (not shown to citizens)
    method: dict[str, Any] = {}
    training: Training
    held_out: HeldOut
    #: absent on cards made before training judged models at several cut dates
    rolling: Rolling | None = None
    passed: bool
    fallback: Texts
    limits: tuple[Texts, ...] = Field(min_length=1)
    contact: Texts

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> ModelCard:
        """The card in ``data``; raises :class:`CardInvalid` naming the first bad field."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "(the card)"
            raise CardInvalid(field, first["msg"]) from None

    def to_json(self) -> dict[str, Any]:
        """The card as the JSON object it was read from."""
        return self.model_dump(mode="json", exclude_none=True)

    # ------------------------------------------------------------------ in words

    def training_sentence(self, language: str) -> str:
        """ "Learned from 164,149 tickets of 36 working days, 2026-01-05 to 2026-02-14." """
        t = self.training
        if t.period is None:
            return ""
        return catalogue.text(
            "card_training_text", language,
            tickets=number_text(t.tickets, language), days=number_text(t.days, language),
            start=date_text(t.period[0], language), end=date_text(t.period[1], language))

    def accuracy_sentence(self, language: str) -> str:
        """The held-out figures: typical error against the plain method's, and range coverage."""
        h = self.held_out
        return catalogue.text(
            "card_accuracy_text", language,
            days=number_text(h.days, language), tickets=number_text(h.tickets, language),
            model=minutes_text(h.mae_s["model"], language),
            plain=minutes_text(h.mae_s[h.best_plain], language),
            coverage=number_text(100 * h.coverage_80, language))
