"""The core's one catalogue of texts: complete in every language, and the one source."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from app import catalogue
from app.config import TicketTexts
from app.web import i18n

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("language", catalogue.LANGUAGES)
def test_every_key_in_every_language_with_the_same_placeholders(language: str) -> None:
    reference = catalogue.MESSAGES[catalogue.DEFAULT]
    table = catalogue.MESSAGES[language]
    assert set(table) == set(reference)
    for key, words in table.items():
        assert words.strip(), key
        assert catalogue.placeholders(words) == catalogue.placeholders(reference[key]), key


def test_an_unknown_language_reads_vietnamese_and_an_unknown_key_is_an_error() -> None:
    assert catalogue.text("label_ai", "lo") == "Ước tính bởi AI"
    with pytest.raises(KeyError):
        catalogue.text("no_such_key", "vi")


def test_the_ticket_texts_and_the_phone_page_read_from_it() -> None:
    texts = TicketTexts()
    assert texts.ai_label == catalogue.texts("label_ai") == {"vi": "Ước tính bởi AI",
                                                             "en": "AI estimate"}
    assert texts.wording() == {}
    assert i18n.t("en", "how_link") == catalogue.text("how_link", "en")
    assert i18n.STRINGS is catalogue.MESSAGES


def test_the_ai_label_is_written_once_in_the_core() -> None:
    """ "Ước tính bởi AI" lives in the catalogue; paper, phone and kiosk bridge look it up."""
    found = []
    for folder in ("app", "ui"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".qml", ".ts", ".html", ".js"}:
                text = path.read_text(encoding="utf-8")
                if "Ước tính bởi AI" in text:
                    found.append(path.relative_to(ROOT).as_posix())
    assert found == ["app/catalogue.py"]


def test_a_halls_ticket_text_may_use_only_the_placeholders_that_are_filled() -> None:
    TicketTexts.model_validate({"wait": {"vi": "Khoảng {low} đến {high} phút"}})
    TicketTexts.model_validate({"people_ahead": {"vi": "Sắp đến lượt bạn"}})  # {n} may go
    with pytest.raises(ValidationError, match=r"wait\.en uses \{minutes\}; it may use "
                                              r"\{high\}, \{low\}"):
        TicketTexts.model_validate({"wait": {"vi": "Chờ {low}–{high} phút", "en": "{minutes}"}})
    with pytest.raises(ValidationError, match="ai_label"):
        TicketTexts.model_validate({"ai_label": {"vi": "AI {"}})
