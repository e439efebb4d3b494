"""Model cards for tests, shaped like the one the training writes (``app.wait.train``)."""

from __future__ import annotations

import copy
from typing import Any

from app.modelcard import ModelCard

#: a card as ``card.json`` holds it; tests copy it and change what they need
CARD_DATA: dict[str, Any] = {
    "version": "wait-2026.04",
    "created": "2026-04-01T00:00:00+00:00",
    "purpose": {"vi": "Ước tính thời gian chờ từ lúc lấy số đến lúc được gọi.",
                "en": "Estimate how long a citizen waits from taking a ticket to being called."},
    "model": {"vi": "Cây quyết định nhỏ.", "en": "Small decision trees."},
    "inputs": {"vi": "Số người đứng trước, các quầy đang mở, thời gian phục vụ gần đây.",
               "en": "People ahead, the open counters, recent service times."},
    "personal_data": {"vi": "Không dùng dữ liệu cá nhân.", "en": "No personal data."},
    "features": ["ahead", "servers_open", "service_time_s"],
    "feature_version": 2,
    "method": {"trees": "hist gradient boosting", "quantiles": [0.1, 0.5, 0.9]},
    "training": {"logs": ["ward.jsonl"], "period": ["2026-01-05", "2026-03-27"], "days": 58,
                 "tickets": 21450,
                 "validation": {"period": ["2026-03-16", "2026-03-27"], "days": 10,
                                "tickets": 3100}},
    "held_out": {"period": ["2026-03-30", "2026-04-10"], "days": 10, "tickets": 3811,
                 "mae_s": {"model": 186.0, "queue": 402.0, "skill": 330.0, "erlang": 355.0},
                 "best_plain": "skill", "mae_ratio": 0.564, "coverage_80": 0.814},
    "passed": True,
    "fallback": {"vi": "Dùng cách tính đơn giản.", "en": "The plain estimate is shown instead."},
    "limits": [
        {"vi": "Không biết trước việc chuyển quầy.", "en": "Transfers are not foreseen."},
        {"vi": "Dịch vụ mới được ước tính kém hơn.", "en": "New services are estimated worse."},
    ],
    "contact": {"vi": "Hãy hỏi nhân viên tại quầy hướng dẫn.",
                "en": "Ask the staff at the information desk."},
}


def card_data(**changes: Any) -> dict[str, Any]:
    """A fresh copy of :data:`CARD_DATA` with top-level ``changes``."""
    data = copy.deepcopy(CARD_DATA)
    data.update(changes)
    return data


def model_card(**changes: Any) -> ModelCard:
    """:data:`CARD_DATA` (with ``changes``) as the typed card."""
    return ModelCard.parse(card_data(**changes))
