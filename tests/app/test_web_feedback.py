"""The phone page's "was the wait estimate right?" answer, over Starlette's test client.

Phones may say once per ticket, after it was called, whether the estimate was
right; that is one ``estimate_feedback`` event and nothing else. Everything
else about the service stays read-only.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.clock import ManualClock
from app.config import Config
from app.estimate import Estimate, EstimatorInfo
from app.events import Event
from app.hall import HallState, Ticket
from app.service import HallService
from app.store.sqlite import SQLiteStore
from app.web import i18n
from app.web.feedback import FormCheck
from app.web.live import FEEDBACK_KIND, FeedbackResult
from app.web.server import create_app
from tests.app.test_web import EN, FakeTime, text_of

FORM = {"content-type": "application/x-www-form-urlencoded"}
AS_JSON = {**FORM, "accept": "application/json"}
PHONE_ADDRESS = "192.0.2.10"
USER_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8 of Nguyen Van A)"


@pytest.fixture
def web_store(store: SQLiteStore) -> Iterator[SQLiteStore]:
    """A second connection to the kiosk's store file, as the web process would open it."""
    s = SQLiteStore(store.path)
    yield s
    s.close()


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def web(
    config: Config, web_store: SQLiteStore, clock: ManualClock, fake_time: FakeTime
) -> TestClient:
    app = create_app(config, web_store, clock, monotonic=fake_time)
    return TestClient(app, client=(PHONE_ADDRESS, 50000), follow_redirects=False)


def feedback_events(store: SQLiteStore) -> list[Event]:
    return [e for e in store.read_after(0) if e.kind == FEEDBACK_KIND]


def called_ticket(hall: HallService, counter: int = 2) -> Any:
    t = hall.issue("A", "kiosk-1")
    hall.execute("open_counter", "staff-1", counter=counter)
    hall.execute("call_next", "staff-1", counter=counter)
    return t


def check_of(web: TestClient, token: str) -> str:
    """The check value in the ticket page's form (as a phone would submit it)."""
    m = re.search(r'name="check" value="([0-9a-f]+)"', web.get(f"/t/{token}").text)
    assert m, "the page has no feedback form"
    return m[1]


def answer(web: TestClient, token: str, right: str, check: str | None = None, **kw: Any) -> Any:
    value = check if check is not None else check_of(web, token)
    headers = kw.pop("headers", FORM)
    return web.post(
        f"/t/{token}/feedback?lang=en",
        content=f"check={value}&right={right}".encode(),
        headers=headers,
        **kw,
    )


# --------------------------------------------------------------------------- the form


def test_the_question_appears_once_called_in_both_languages(
    hall: HallService, web: TestClient
) -> None:
    t = hall.issue("A", "kiosk-1")
    waiting = web.get(f"/t/{t.token}", headers=EN)
    assert "feedback-form" not in waiting.text
    assert "Was the wait estimate right?" not in text_of(waiting.text)

    hall.execute("open_counter", "staff-1", counter=2)
    hall.execute("call_next", "staff-1", counter=2)
    en = web.get(f"/t/{t.token}", headers=EN)
    words = text_of(en.text)
    assert "Was the wait estimate right?" in words
    assert "Yes" in words and "No, it was wrong" in words
    # a plain form: it works without scripts
    assert f'method="post" action="/t/{t.token}/feedback?lang=en"' in en.text
    assert 'name="right" value="yes"' in en.text and 'name="right" value="no"' in en.text
    vi = text_of(web.get(f"/t/{t.token}").text)
    assert "Thời gian chờ ước tính có đúng không?" in vi and "Không, ước tính sai" in vi

    # still asked once served; the live regions carry it too
    hall.execute("complete", "staff-1", number=t.number)
    data = web.get(f"/t/{t.token}/status.json?lang=en").json()
    assert "Was the wait estimate right?" in data["feedback"]
    # the CSP lets the form post only to this site
    assert "form-action 'self'" in web.get(f"/t/{t.token}").headers["content-security-policy"]


def test_every_feedback_text_exists_in_every_language() -> None:
    keys = {k for k in i18n.STRINGS["vi"] if k.startswith("feedback_")}
    assert {"feedback_question", "feedback_yes", "feedback_no", "feedback_thanks"} <= keys
    for lang in i18n.LANGUAGES:
        assert keys <= set(i18n.STRINGS[lang]), lang
        assert all(i18n.STRINGS[lang][k].strip() for k in keys)
    assert i18n.t("en", "feedback_no") == "No, it was wrong"


# --------------------------------------------------------------------------- answering


def test_one_answer_per_ticket_without_scripts(
    hall: HallService, web: TestClient, web_store: SQLiteStore
) -> None:
    t = called_ticket(hall)
    r = answer(web, t.token, "no")
    assert r.status_code == 303
    assert r.headers["location"] == f"/t/{t.token}?lang=en"

    [e] = feedback_events(web_store)
    assert (e.ticket, e["service"], e["right"]) == (t.number, "A", False)
    page = web.get(r.headers["location"])
    assert "Thank you! Your answer about the wait has been recorded." in text_of(page.text)
    assert "feedback-form" not in page.text

    # a second answer (another tap, another phone with the same link) is ignored politely
    again = answer(web, t.token, "yes", check=web.app.state.form_check.make(t.token))
    assert again.status_code == 303
    assert "Thank you!" in text_of(web.get(again.headers["location"]).text)
    assert len(feedback_events(web_store)) == 1
    # the kiosk's own service sees the event, and the queue did not move
    hall.refresh()
    assert hall.state.tickets[t.number].status.value == "called"


def test_answer_in_the_background_gets_the_new_region(
    hall: HallService, web: TestClient, web_store: SQLiteStore
) -> None:
    t = called_ticket(hall)
    check = check_of(web, t.token)
    r = answer(web, t.token, "yes", check, headers=AS_JSON)
    assert r.status_code == 200
    assert r.json()["result"] == "recorded"
    assert "Thank you!" in r.json()["feedback"]

    second = answer(web, t.token, "no", check, headers=AS_JSON)
    assert second.status_code == 200
    assert second.json()["result"] == "already"
    assert [e["right"] for e in feedback_events(web_store)] == [True]
    assert "Thank you!" in web.get(f"/t/{t.token}/status.json?lang=en").json()["feedback"]


def test_no_answer_before_the_ticket_is_called(
    hall: HallService, web: TestClient, web_store: SQLiteStore
) -> None:
    t = hall.issue("A", "kiosk-1")
    # a form the page never showed, even with the service's own check value
    check = web.app.state.form_check.make(t.token)
    plain = answer(web, t.token, "no", check)
    assert plain.status_code == 303
    j = answer(web, t.token, "no", check, headers=AS_JSON)
    assert j.status_code == 409
    assert j.json() == {"result": "not_yet", "feedback": ""}
    assert feedback_events(web_store) == []


def test_no_question_when_no_estimate_was_shown(
    config: Config, store: SQLiteStore, clock: ManualClock, web: TestClient,
    web_store: SQLiteStore,
) -> None:
    class PeopleAheadOnly:
        def estimate(self, state: HallState, ticket: Ticket) -> Estimate:
            return Estimate(0.0, 0.0, 0.0, "none")

        def info(self) -> EstimatorInfo:
            return EstimatorInfo(ai=False, visible=True)

    kiosk = HallService(config, store, clock, PeopleAheadOnly())
    t = called_ticket(kiosk)
    assert "feedback-form" not in web.get(f"/t/{t.token}").text
    assert web.app.state.live.record_feedback(t.token, False) is FeedbackResult.NOT_YET
    assert feedback_events(web_store) == []


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    "token", ["AAAAAAAAAAAAAAAAAAAAAA", "short", "x" * 300, "%3Cscript%3E", "ééééééééééééééééé"]
)
def test_wrong_or_malformed_tokens_get_the_plain_page_and_nothing_is_recorded(
    hall: HallService, web: TestClient, web_store: SQLiteStore, token: str
) -> None:
    real = called_ticket(hall)
    head = web_store.head()
    r = answer(web, token, "no", check=FormCheck().make(token), headers={**FORM, **EN})
    assert r.status_code == 404
    assert "Ticket not found" in text_of(r.text)
    assert real.number not in r.text
    j = answer(web, token, "no", check="0" * 32, headers=AS_JSON)
    assert j.status_code == 404 and j.json() == {"result": "not_found"}
    assert web_store.head() == head


def test_an_expired_token_is_refused_and_nothing_is_recorded(
    hall: HallService, web: TestClient, web_store: SQLiteStore, clock: ManualClock
) -> None:
    t = called_ticket(hall)
    check = check_of(web, t.token)
    head = web_store.head()
    clock.advance(hours=15)  # past midnight: yesterday's link is dead
    r = answer(web, t.token, "no", check, headers={**FORM, **EN})
    assert r.status_code == 404
    assert "Ticket not found" in text_of(r.text) and t.number not in r.text
    assert web_store.head() == head


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (b"check=CHECK&right=maybe", FORM),
        (b"check=CHECK", FORM),
        (b"right=no", FORM),
        (b"check=CHECK&right=no&right=yes", FORM),
        (b'{"check": "CHECK", "right": "no"}', {"content-type": "application/json"}),
        (b"check=CHECK&right=no&" + b"x" * 4000, FORM),
        (b"check=CHECK&right=no", {**FORM, "sec-fetch-site": "cross-site"}),
        (b"check=CHECK&right=no", {**FORM, "sec-fetch-site": "same-site"}),
    ],
)
def test_bad_or_foreign_posts_are_refused_plainly(
    hall: HallService, web: TestClient, web_store: SQLiteStore, body: bytes,
    headers: dict[str, str],
) -> None:
    t = called_ticket(hall)
    check = check_of(web, t.token)
    r = web.post(
        f"/t/{t.token}/feedback", content=body.replace(b"CHECK", check.encode()),
        headers={**headers, **EN},
    )
    assert r.status_code in (400, 403)
    assert "Answer not received" in text_of(r.text)
    assert feedback_events(web_store) == []
    # and the proper answer still works afterwards
    assert answer(web, t.token, "no", check).status_code == 303
    assert len(feedback_events(web_store)) == 1


def test_a_form_with_a_stale_check_leads_back_to_the_page(
    hall: HallService, web: TestClient, web_store: SQLiteStore
) -> None:
    t = called_ticket(hall)
    stale = FormCheck(b"an older process's key").make(t.token)
    r = answer(web, t.token, "no", stale)
    assert r.status_code == 303 and r.headers["location"] == f"/t/{t.token}?lang=en"
    j = answer(web, t.token, "no", stale, headers=AS_JSON)
    assert j.status_code == 409
    # the region comes back with a fresh form to answer again
    assert check_of(web, t.token) in j.json()["feedback"]
    assert feedback_events(web_store) == []


def test_a_store_that_refuses_the_write_loses_nothing_and_says_so(
    hall: HallService, web: TestClient, web_store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    t = called_ticket(hall)
    check = check_of(web, t.token)
    live = web.app.state.live

    def refuse(*args: Any, **kwargs: Any) -> Event:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(live.service, "record", refuse)
    r = answer(web, t.token, "no", check, headers={**FORM, **EN})
    assert r.status_code == 503
    assert "Answer not saved" in text_of(r.text)
    assert f'href="/t/{t.token}?lang=en"' in r.text
    j = answer(web, t.token, "no", check, headers=AS_JSON)
    assert j.status_code == 503 and "could not be saved" in j.json()["feedback"]
    assert "feedback-form" in j.json()["feedback"]  # the question stays, to try again
    assert feedback_events(web_store) == []
    assert web.get(f"/t/{t.token}").status_code == 200


# --------------------------------------------------------------------------- methods, limits


def test_only_post_on_the_feedback_path_and_get_head_everywhere_else(
    hall: HallService, web: TestClient, web_store: SQLiteStore
) -> None:
    t = called_ticket(hall)
    head = web_store.head()
    for method in ("GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"):
        r = web.request(method, f"/t/{t.token}/feedback")
        assert r.status_code == 405, method
        assert r.headers["allow"] == "POST"
    for path in (
        f"/t/{t.token}", f"/t/{t.token}/live", f"/t/{t.token}/status.json",
        f"/t/{t.token}/how", f"/t/{t.token}/feedback/more", f"/t/{t.token}/feedbacks",
        "/how", "/", "/healthz", "/static/page.css", "/t/feedback",
    ):
        r = web.post(path, content=b"check=x&right=no", headers=FORM)
        assert r.status_code == 405, path
        assert r.headers["allow"] == "GET, HEAD"
    assert web_store.head() == head


def test_answers_share_the_rate_limit(
    config: Config, hall: HallService, web: TestClient, web_store: SQLiteStore,
    fake_time: FakeTime,
) -> None:
    t = called_ticket(hall)
    check = check_of(web, t.token)
    for _ in range(config.web.requests_per_minute):
        web.get("/healthz")
    r = answer(web, t.token, "no", check, headers={**FORM, **EN})
    assert r.status_code == 429
    assert "Too many requests" in text_of(r.text)
    assert feedback_events(web_store) == []

    fake_time.now += 60
    assert answer(web, t.token, "no", check).status_code == 303
    assert len(feedback_events(web_store)) == 1


def test_the_event_holds_nothing_about_the_person_or_the_phone(
    hall: HallService, web: TestClient, web_store: SQLiteStore
) -> None:
    t = called_ticket(hall)
    r = answer(
        web, t.token, "yes",
        headers={**FORM, "user-agent": USER_AGENT, "x-forwarded-for": "203.0.113.99"},
    )
    assert r.status_code == 303
    [e] = feedback_events(web_store)
    assert set(e.data) == {"ticket", "service", "right"}
    assert e.actor == "phone-page"
    raw = json.dumps([x.to_json() for x in web_store.read_after(0)])
    for secret in (PHONE_ADDRESS, "203.0.113.99", "Pixel 8", "Nguyen", "Android"):
        assert secret not in raw
    # the token is not repeated on the answer (only the issued event carries it)
    assert t.token not in json.dumps(e.to_json())


def test_simultaneous_answers_record_one(hall: HallService, web: TestClient,
                                         web_store: SQLiteStore) -> None:
    t = called_ticket(hall)
    live = web.app.state.live
    start = threading.Barrier(6)
    results: list[FeedbackResult] = []

    def tap(right: bool) -> None:
        start.wait()
        results.append(live.record_feedback(t.token, right))

    threads = [threading.Thread(target=tap, args=(i % 2 == 0,)) for i in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=10)
    assert sorted(r.value for r in results) == ["already"] * 5 + ["recorded"]
    assert len(feedback_events(web_store)) == 1


def test_the_answer_is_remembered_by_a_restarted_service(
    config: Config, hall: HallService, web: TestClient, web_store: SQLiteStore,
    clock: ManualClock, fake_time: FakeTime,
) -> None:
    t = called_ticket(hall)
    assert answer(web, t.token, "no").status_code == 303
    again = TestClient(create_app(config, web_store, clock, monotonic=fake_time),
                       follow_redirects=False)
    page = again.get(f"/t/{t.token}", headers=EN)
    assert "Thank you!" in text_of(page.text) and "feedback-form" not in page.text
    assert again.app.state.live.record_feedback(t.token, True) is FeedbackResult.ALREADY
    assert len(feedback_events(web_store)) == 1
