"""The technician's documents agree with the code: runbook sections, risk tiers, cited tests."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def test_every_runbook_reference_in_the_doctor_has_a_section() -> None:
    source = (ROOT / "app" / "doctor.py").read_text(encoding="utf-8")
    cited = set(re.findall(r"runbook: (\w+)", source))
    assert cited >= {"printer", "store", "camera", "speech", "model"}
    headings = {
        h.strip().lower()
        for h in re.findall(r"^## (.+)$", (DOCS / "runbook.md").read_text(encoding="utf-8"), re.M)
    }
    for topic in cited:
        assert any(h.startswith(topic) or topic in h.split() for h in headings), topic
    assert "power cut" in headings


def test_risk_classification_lists_what_would_change_the_tier() -> None:
    text = (DOCS / "ai-risk-classification.md").read_text(encoding="utf-8")
    assert "## What would change the tier" in text
    tier = text.split("## What would change the tier", 1)[1].split("\n## ", 1)[0]
    for change in ("Face recognition", "queue order", "priority category", "demographic"):
        assert change.lower() in tier.lower(), change
    assert "low-risk" in text


def test_compliance_cites_only_tests_that_exist() -> None:
    text = (DOCS / "compliance.md").read_text(encoding="utf-8")
    cited = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", text)
    assert len(cited) > 40
    missing = []
    for path, name in cited:
        file = ROOT / path
        if not file.exists() or not re.search(
            rf"^\s*(async )?def {name}\(", file.read_text(encoding="utf-8"), re.M
        ):
            missing.append(f"{path}::{name}")
    assert missing == []


def test_compliance_covers_every_row_of_the_requirements() -> None:
    text = (DOCS / "compliance.md").read_text(encoding="utf-8")
    rows = [int(n) for n in re.findall(r"^## (\d+)\. ", text, re.M)]
    assert rows == list(range(1, 15))
