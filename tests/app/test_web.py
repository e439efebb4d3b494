"""The phone page over HTTP (Starlette's test client): content, languages, tokens, limits."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.clock import ManualClock
from app.config import Config, parse_config
from app.estimate import Estimate, EstimatorInfo, QueueLengthEstimator
from app.hall import HallState, Ticket
from app.modelcard import ModelCard
from app.service import HallService
from app.store.sqlite import SQLiteStore
from app.web import i18n, pages
from app.web.server import create_app
from tests.helpers.model_card import model_card

EN = {"accept-language": "en-GB,en;q=0.9"}

#: the card the fake model estimator shows (texts in both languages, figures as data)
CARD = model_card()


class FakeTime:
    """The rate limiter's monotonic time, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class FakeEstimator:
    """An estimator whose answers the test chooses."""

    method: str = "model"
    visible: bool = True
    median_s: float = 900.0
    card: ModelCard | None = None

    def estimate(self, state: HallState, ticket: Ticket) -> Estimate:
        return Estimate(self.median_s, 720.0, 1200.0, self.method, "wait-2026.04")

    def info(self) -> EstimatorInfo:
        return EstimatorInfo(
            ai=self.method == "model",
            model_version="wait-2026.04" if self.method == "model" else None,
            card=self.card,
            live_coverage=0.82,
            live_count=140,
            visible=self.visible,
        )


@pytest.fixture
def web_store(tmp_path: Path, store: SQLiteStore) -> Iterator[SQLiteStore]:
    """A second connection to the kiosk's store file, as the web process would open it."""
    s = SQLiteStore(store.path)
    yield s
    s.close()


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


def make_client(
    config: Config,
    web_store: SQLiteStore,
    clock: ManualClock,
    fake_time: FakeTime,
    estimator: Any = None,
    client: tuple[str, int] = ("192.0.2.10", 50000),
) -> TestClient:
    app = create_app(config, web_store, clock, estimator, monotonic=fake_time)
    return TestClient(app, client=client)


@pytest.fixture
def web(
    config: Config, web_store: SQLiteStore, clock: ManualClock, fake_time: FakeTime
) -> TestClient:
    return make_client(config, web_store, clock, fake_time)


def text_of(doc: str) -> str:
    """The visible words of a page, tags removed and spaces collapsed."""
    body = doc.split("<body>", 1)[-1]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip())


# --------------------------------------------------------------------------- content


def test_waiting_ticket_shows_number_service_people_ahead_and_estimate(
    config: Config,
    hall: HallService,
    web_store: SQLiteStore,
    clock: ManualClock,
    fake_time: FakeTime,
) -> None:
    hall.issue("A", "kiosk-1")
    hall.issue("A", "kiosk-1")
    mine = hall.issue("A", "kiosk-1")
    # the plain method, as when no model is installed (the shipped model: see below)
    web = make_client(config, web_store, clock, fake_time, QueueLengthEstimator())

    r = web.get(f"/t/{mine.token}", headers=EN)

    assert r.status_code == 200
    words = text_of(r.text)
    assert "A003" in words
    assert "Certified copies" in words
    assert "2 people ahead of you. No counter open yet" in words
    assert re.search(r"About \d+–\d+ minutes", words)
    assert "Simple estimate (not AI)" in words
    assert "AI estimate" not in words
    assert f'href="/t/{mine.token}/how?lang=en"' in r.text
    assert 'role="status"' in r.text and 'aria-live="polite"' in r.text
    assert '<html lang="en">' in r.text


def test_the_shipped_model_labels_its_estimate_as_ai(hall: HallService, web: TestClient) -> None:
    mine = hall.issue("A", "kiosk-1")
    words = text_of(web.get(f"/t/{mine.token}", headers=EN).text)
    assert re.search(r"(About|Under) \d+(–\d+)? minutes", words), words
    assert "AI estimate" in words and "(not AI)" not in words


def test_vietnamese_is_the_default_and_the_switch_overrides_the_phone(
    hall: HallService, web: TestClient
) -> None:
    t = hall.issue("B", "kiosk-1")
    hall.execute("open_counter", "staff-1", counter=2)

    vi = web.get(f"/t/{t.token}")
    assert '<html lang="vi">' in vi.text
    assert "Hộ tịch (khai sinh, kết hôn)" in text_of(vi.text)
    assert "Bạn là người tiếp theo" in text_of(vi.text)

    en = web.get(f"/t/{t.token}", headers={"accept-language": "fr-FR, en;q=0.5"})
    assert '<html lang="en">' in en.text
    assert "You are next" in text_of(en.text)

    chosen = web.get(f"/t/{t.token}?lang=vi", headers=EN)
    assert '<html lang="vi">' in chosen.text
    assert 'href="?lang=en"' in chosen.text
    assert 'aria-current="true" lang="vi"' in chosen.text


def test_called_ticket_says_go_to_the_counter(hall: HallService, web: TestClient) -> None:
    t = hall.issue("A", "kiosk-1")
    hall.execute("open_counter", "staff-1", counter=2)
    hall.execute("call_next", "staff-1", counter=2)

    en = text_of(web.get(f"/t/{t.token}", headers=EN).text)
    assert "It's your turn: go to counter 2" in en
    assert "A001 → counter 2" in en
    vi = text_of(web.get(f"/t/{t.token}").text)
    assert "Đến lượt bạn: mời đến quầy 2" in vi

    hall.execute("recall", "staff-1", number=t.number)
    again = text_of(web.get(f"/t/{t.token}", headers=EN).text)
    assert "You have been called again. Please go to counter 2 now." in again


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("complete", "Your ticket has been served. Thank you!"),
        ("no_show", "You were called but were not at the counter."),
        ("cancel", "This ticket was cancelled."),
    ],
)
def test_finished_tickets_are_explained_plainly(
    hall: HallService, web: TestClient, command: str, expected: str
) -> None:
    t = hall.issue("A", "kiosk-1")
    if command != "cancel":
        hall.execute("open_counter", "staff-1", counter=1)
        hall.execute("call_next", "staff-1", counter=1)
    if command == "no_show":
        hall.execute("recall", "staff-1", number=t.number)
    hall.execute(command, "staff-1", number=t.number)

    r = web.get(f"/t/{t.token}", headers=EN)
    assert r.status_code == 200
    words = text_of(r.text)
    assert expected in words
    assert "people ahead" not in words and "About" not in words and "Under" not in words


def test_tickets_issued_after_the_service_started_are_found(
    hall: HallService, web: TestClient
) -> None:
    web.get("/healthz")
    late = hall.issue("C", "kiosk-2")
    r = web.get(f"/t/{late.token}", headers=EN)
    assert r.status_code == 200
    assert "C001" in r.text


def test_ai_label_only_for_model_estimates(
    config: Config,
    hall: HallService,
    web_store: SQLiteStore,
    clock: ManualClock,
    fake_time: FakeTime,
) -> None:
    t = hall.issue("A", "kiosk-1")
    ai = make_client(config, web_store, clock, fake_time, FakeEstimator("model"))
    words = text_of(ai.get(f"/t/{t.token}", headers=EN).text)
    assert "About 12–20 minutes AI estimate" in words
    assert 'class="badge ai"' in ai.get(f"/t/{t.token}").text

    plain = make_client(config, web_store, clock, fake_time, FakeEstimator("erlang"))
    words = text_of(plain.get(f"/t/{t.token}", headers=EN).text)
    assert "About 12–20 minutes Simple estimate (not AI)" in words
    assert "AI estimate" not in words


def test_hidden_estimates_show_only_people_ahead(
    config: Config,
    hall: HallService,
    web_store: SQLiteStore,
    clock: ManualClock,
    fake_time: FakeTime,
) -> None:
    hall.issue("A", "kiosk-1")
    t = hall.issue("A", "kiosk-1")
    web = make_client(config, web_store, clock, fake_time, FakeEstimator("model", visible=False))
    r = web.get(f"/t/{t.token}", headers=EN)
    words = text_of(r.text)
    assert "1 person ahead of you" in words
    assert "minutes" not in words and "AI estimate" not in words
    assert "/how" not in r.text


def test_explanation_page_is_built_from_the_typed_card(
    config: Config,
    hall: HallService,
    web_store: SQLiteStore,
    clock: ManualClock,
    fake_time: FakeTime,
) -> None:
    t = hall.issue("A", "kiosk-1")
    web = make_client(config, web_store, clock, fake_time, FakeEstimator("model", card=CARD))

    r = web.get(f"/t/{t.token}/how?lang=en")
    assert r.status_code == 200
    words = text_of(r.text)
    for expected in (
        "small AI model",
        "Model version: wait-2026.04",
        "Recently, 82% of 140 tickets were called within the range shown.",
        "Purpose Estimate how long a citizen waits",
        "What it looks at People ahead, the open counters, recent service times.",
        "Personal data No personal data.",
        "Learned from 21,450 tickets of 58 working days, 2026-01-05 to 2026-03-27.",
        "typically 3.1 minutes off, against 5.5 minutes for the plain method; 81% of waits",
        "Known limits Transfers are not foreseen. New services are estimated worse.",
        "When the model fails The plain estimate is shown instead.",
        "Contact Ask the staff at the information desk.",
        "Back to my ticket",
    ):
        assert expected in words, expected
    # the method's settings are for the record, not for citizens
    assert "gradient" not in words
    assert f'href="/t/{t.token}?lang=en"' in r.text

    general = web.get("/how", headers=EN)
    assert general.status_code == 200 and "Back to my ticket" not in general.text
    assert web.get("/t/AAAAAAAAAAAAAAAAAAAA/how").status_code == 404


def test_explanation_in_vietnamese_writes_numbers_and_dates_as_vietnamese_do(
    config: Config,
    hall: HallService,
    web_store: SQLiteStore,
    clock: ManualClock,
    fake_time: FakeTime,
) -> None:
    t = hall.issue("A", "kiosk-1")
    web = make_client(config, web_store, clock, fake_time, FakeEstimator("model", card=CARD))

    vi = text_of(web.get(f"/t/{t.token}/how").text)
    for expected in (
        "Thời gian chờ được ước tính thế nào?",
        "Mục đích Ước tính thời gian chờ từ lúc lấy số đến lúc được gọi.",
        "Học từ 21.450 vé của 58 ngày làm việc, từ 05/01/2026 đến 27/03/2026.",
        "sai lệch thường gặp khoảng 3,1 phút, so với 5,5 phút",
        "81% lượt chờ nằm trong khoảng",
        "Không biết trước việc chuyển quầy.",
        "Hãy hỏi nhân viên tại quầy hướng dẫn",
    ):
        assert expected in vi, expected
    for english in ("Estimate how long", "Transfers are not", "2026-01-05"):
        assert english not in vi


def test_ai_switched_off_with_people_ahead_only(
    config: Config,
    hall: HallService,
    web_store: SQLiteStore,
    clock: ManualClock,
    fake_time: FakeTime,
) -> None:
    hall.issue("A", "kiosk-1")
    t = hall.issue("A", "kiosk-1")
    web = make_client(config, web_store, clock, fake_time, FakeEstimator("none"))
    words = text_of(web.get(f"/t/{t.token}", headers=EN).text)
    assert "1 person ahead of you." in words
    assert "minutes" not in words and "AI estimate" not in words


# --------------------------------------------------------------------------- tokens


def assert_plain_not_found(r: Any, *secrets: str) -> None:
    assert r.status_code == 404
    assert r.headers["cache-control"] == "no-store"
    words = text_of(r.text)
    # a token with a slash in it reaches no ticket route: the "no such page" page
    assert any(
        title in words
        for title in ("Không tìm thấy vé", "Ticket not found", "No such page", "Không có trang này")
    )
    for s in secrets:
        assert s not in r.text


@pytest.mark.parametrize(
    "token",
    [
        "AAAAAAAAAAAAAAAAAAAAAA",  # well formed, never issued
        "short",
        "has%20space%20inside%20it",
        "ééééééééééééééééé",
        "x" * 300,
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ],
)
def test_forged_or_malformed_tokens_get_the_plain_page(
    hall: HallService, web: TestClient, token: str
) -> None:
    real = hall.issue("A", "kiosk-1")
    for path in (f"/t/{token}", f"/t/{token}/status.json", f"/t/{token}/live"):
        r = web.get(path, headers=EN)
        assert r.status_code == 404
        assert real.number not in r.text and "Certified copies" not in r.text
        assert "<script>" not in r.text
    assert_plain_not_found(web.get(f"/t/{token}", headers=EN), real.number)


def test_a_token_expires_with_its_business_day(
    hall: HallService, web: TestClient, clock: ManualClock
) -> None:
    yesterday = hall.issue("A", "kiosk-1")
    assert web.get(f"/t/{yesterday.token}").status_code == 200

    # past midnight, before any event of the new day: the link is already dead
    clock.advance(hours=15)
    assert_plain_not_found(web.get(f"/t/{yesterday.token}"), yesterday.number)

    # a new day's ticket gets the same number; the old link must not show it
    today = hall.issue("A", "kiosk-1")
    assert today.number == yesterday.number
    assert_plain_not_found(web.get(f"/t/{yesterday.token}"), today.number)
    assert web.get(f"/t/{today.token}").status_code == 200


def test_status_json_carries_the_regions_and_no_token_for_a_wrong_link(
    hall: HallService, web: TestClient
) -> None:
    t = hall.issue("A", "kiosk-1")
    hall.execute("open_counter", "staff-1", counter=1)
    data = web.get(f"/t/{t.token}/status.json?lang=en").json()
    assert data["state"] == "waiting"
    assert set(data) >= {"seq", "title", "card", "status", "details", "calls", "updated"}
    assert "You are next" in data["status"]
    bad = web.get("/t/BBBBBBBBBBBBBBBBBBBB/status.json")
    assert bad.status_code == 404 and bad.json() == {"error": "not_found"}


# --------------------------------------------------------------------------- read-only


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
def test_only_get_and_head_are_accepted(
    hall: HallService, web: TestClient, web_store: SQLiteStore, method: str
) -> None:
    t = hall.issue("A", "kiosk-1")
    head = web_store.head()
    # every path but a ticket's feedback answer (tests/app/test_web_feedback.py)
    for path in (
        f"/t/{t.token}", f"/t/{t.token}/live", f"/t/{t.token}/status.json",
        f"/t/{t.token}/how", f"/t/{t.token}/feedback/x", "/how", "/", "/healthz",
        "/static/page.css", "/fonts/NotoSans-Regular.ttf",
    ):
        r = web.request(method, path, content=b'{"command": "call_next", "counter": 1}')
        assert r.status_code == 405, path
        assert r.headers["allow"] == "GET, HEAD"
    assert web_store.head() == head
    assert hall.state.tickets[t.number].status.value == "waiting"


def test_head_requests_work_and_nothing_is_written(
    hall: HallService, web: TestClient, web_store: SQLiteStore
) -> None:
    t = hall.issue("A", "kiosk-1")
    head = web_store.head()
    assert web.head(f"/t/{t.token}").status_code == 200
    live = web.head(f"/t/{t.token}/live")
    assert live.status_code == 200
    assert live.headers["content-type"].startswith("text/event-stream")
    for path in (f"/t/{t.token}", f"/t/{t.token}/status.json", "/how", "/healthz", "/"):
        web.get(path)
    assert web_store.head() == head


# --------------------------------------------------------------------------- limits


def test_a_flood_from_one_client_is_limited_and_others_still_served(
    config: Config,
    hall: HallService,
    web_store: SQLiteStore,
    clock: ManualClock,
    fake_time: FakeTime,
) -> None:
    t = hall.issue("A", "kiosk-1")
    app = create_app(config, web_store, clock, monotonic=fake_time)
    flooder = TestClient(app, client=("198.51.100.7", 40000))
    neighbour = TestClient(app, client=("198.51.100.8", 40000))
    allowance = config.web.requests_per_minute

    codes = [flooder.get(f"/t/{t.token}").status_code for _ in range(allowance + 30)]
    assert codes[:allowance] == [200] * allowance
    assert set(codes[allowance:]) == {429}

    refused = flooder.get(f"/t/{t.token}", headers=EN)
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert "Too many requests" in text_of(refused.text)
    assert t.number not in refused.text

    # the refusal page can still load its style and font (their own bucket)
    assert flooder.get("/static/page.css").status_code == 200
    assert neighbour.get(f"/t/{t.token}").status_code == 200
    # the kiosk goes on issuing while the flood is refused
    assert hall.issue("A", "kiosk-1").number == "A002"

    fake_time.now += 60 / allowance * 3
    assert flooder.get(f"/t/{t.token}").status_code == 200


def test_security_headers_on_every_response(hall: HallService, web: TestClient) -> None:
    t = hall.issue("A", "kiosk-1")
    for path in (f"/t/{t.token}", "/t/AAAAAAAAAAAAAAAAAAAA", "/healthz", "/static/page.css"):
        r = web.get(path)
        assert r.headers["referrer-policy"] == "no-referrer", path
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "server" not in r.headers
    page = web.get(f"/t/{t.token}")
    assert page.headers["cache-control"] == "no-store"
    assert '<meta name="referrer" content="no-referrer">' in page.text
    # no inline script or style: the CSP forbids them
    assert "<script>" not in page.text and "style=" not in page.text


def test_bundled_font_and_static_files(web: TestClient) -> None:
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        r = web.get(f"/fonts/{name}")
        assert r.status_code == 200
        assert r.content[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO")
        assert "max-age" in r.headers["cache-control"]
    assert web.get("/fonts/OFL.txt").status_code == 404
    assert web.get("/fonts/../config.py").status_code == 404
    css = web.get("/static/page.css").text
    assert "/fonts/NotoSans-Regular.ttf" in css
    # sizes scale with the phone's text setting: no pixel sizes, no fixed heights
    assert not re.search(r"\d+px", css)
    assert not re.search(r"(?<!-)height\s*:", css)
    assert web.get("/static/page.js").status_code == 200


def test_unknown_pages_are_plain(web: TestClient) -> None:
    for path in ("/", "/admin", "/t/", "/static/nothing.js"):
        r = web.get(path, headers=EN)
        assert r.status_code == 404, path
        assert "<h1>" in r.text


# --------------------------------------------------------------------------- health


def test_healthz_reports_the_store(hall: HallService, web: TestClient) -> None:
    hall.issue("A", "kiosk-1")
    data = web.get("/healthz").json()
    assert data["ok"] is True
    assert data["store"] == "reachable"
    assert data["head"] == hall.store.head()
    assert data["tickets_today"] == 1


def test_healthz_when_the_store_is_gone(
    config: Config, web_store: SQLiteStore, clock: ManualClock, fake_time: FakeTime
) -> None:
    web = make_client(config, web_store, clock, fake_time)
    web_store.close()
    r = web.get("/healthz")
    assert r.status_code == 503
    assert r.json()["ok"] is False and r.json()["store"] == "unreachable"


# --------------------------------------------------------------------------- words


def test_every_key_in_every_language() -> None:
    keys = set(i18n.STRINGS["vi"])
    for lang in i18n.LANGUAGES:
        assert set(i18n.STRINGS[lang]) == keys, lang
        assert all(text.strip() for text in i18n.STRINGS[lang].values())


@pytest.mark.parametrize(
    ("header", "choice", "expected"),
    [
        (None, None, "vi"),
        ("en-US,en;q=0.9", None, "en"),
        ("vi-VN,vi;q=0.9,en;q=0.8", None, "vi"),
        ("fr-FR,en;q=0.3,vi;q=0.2", None, "en"),
        ("de, *;q=0.5", None, "vi"),
        ("en;q=0", None, "vi"),
        ("garbage;;;,,", None, "vi"),
        ("en-US", "vi", "vi"),
        ("en-US", "xx", "en"),
    ],
)
def test_language_negotiation(header: str | None, choice: str | None, expected: str) -> None:
    assert i18n.negotiate(header, choice) == expected


def test_configured_names_are_escaped(config: Config) -> None:
    data = config.model_dump(exclude={"base_dir"})
    svc = dict(data["services"][0])
    svc["name"] = {"vi": "<script>alert(1)</script>", "en": "<b>x</b>"}
    data["services"] = [svc, *data["services"][1:]]
    cfg = parse_config(data)
    doc = pages.page("vi", "t", cfg.services[0].name["vi"], pages.Html("<p>ok</p>"))
    assert "<script>alert(1)</script>" not in doc
    assert "&lt;script&gt;" in doc


# --------------------------------------------------------------------------- estimator loading


def test_the_wait_model_is_used_when_installed_and_the_page_writes_nothing(
    config: Config,
    hall: HallService,
    web_store: SQLiteStore,
    clock: ManualClock,
    fake_time: FakeTime,
) -> None:
    t = hall.issue("A", "kiosk-1")
    head = web_store.head()
    web = make_client(config, web_store, clock, fake_time)
    assert "AI estimate" in text_of(web.get(f"/t/{t.token}", headers=EN).text)
    assert web_store.head() == head


def test_a_refused_model_is_recorded_by_the_kiosk_not_by_the_page(
    config: Config,
    web_store: SQLiteStore,
    clock: ManualClock,
    fake_time: FakeTime,
    tmp_path: Path,
) -> None:
    missing = config.model_copy(update={"estimates": config.estimates.model_copy(
        update={"model_dir": str(tmp_path / "no-model")})})
    import app.wait

    kiosk = HallService(missing, web_store, clock)
    app.wait.load_estimator(missing, kiosk)
    refusals = [e for e in web_store.read_after(0) if e.get("code") == "model_refused"]
    assert len(refusals) == 1
    t = kiosk.issue("A", "kiosk-1")
    head = web_store.head()
    web = make_client(missing, web_store, clock, fake_time)
    words = text_of(web.get(f"/t/{t.token}", headers=EN).text)
    assert "Simple estimate (not AI)" in words
    assert web_store.head() == head


def test_a_broken_wait_model_falls_back_to_the_plain_estimate(
    config: Config,
    hall: HallService,
    web_store: SQLiteStore,
    clock: ManualClock,
    fake_time: FakeTime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import app.wait

    def broken(path: Path, public_key: Any = None) -> Any:
        raise RuntimeError("model file fails its hash check")

    monkeypatch.setattr(app.wait, "load_model", broken)
    t = hall.issue("A", "kiosk-1")
    web = make_client(config, web_store, clock, fake_time)
    words = text_of(web.get(f"/t/{t.token}", headers=EN).text)
    assert "Simple estimate (not AI)" in words
