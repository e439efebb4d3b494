"""The phone page in a real browser: headless Chromium against uvicorn on localhost.

The kiosk side is a :class:`HallService` over the same SQLite file as the web
service (its own connection, as another process would have): it issues and
calls tickets while the browser watches the page change by itself.
"""

from __future__ import annotations

import http.client
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.clock import ManualClock
from app.config import Config
from app.service import HallService
from app.store.sqlite import SQLiteStore
from app.web.serve import ServerThread
from app.web.server import create_app
from tests.conftest import publish

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
#: the issue's promise: the page shows a change within 2 s, without a reload
UPDATE_WITHIN_MS = 2000


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"headless Chromium is not installed ({CHROMIUM}; Debian package 'chromium')"
        if os.environ.get("CI") == "true" or os.environ.get("MOTCUA_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def server(config: Config, store: SQLiteStore, clock: ManualClock) -> Iterator[ServerThread]:
    web_store = SQLiteStore(store.path)
    # the rate limiter's time stands still: a test's flood is not refilled by a slow machine
    with ServerThread(create_app(config, web_store, clock, monotonic=lambda: 0.0)) as s:
        yield s
    web_store.close()


class Phone:
    """One phone: a browser context with its language, and what went wrong in it."""

    def __init__(
        self, browser: Any, lang: str, forwarded_for: str | None = None, javascript: bool = True
    ) -> None:
        headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
        self.context = browser.new_context(
            java_script_enabled=javascript,
            viewport=PHONE,
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="vi-VN" if lang == "vi" else "en-US",
            extra_http_headers=headers,
        )
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        self.page.on(
            "console",
            lambda msg: self.problems.append(f"console {msg.type}: {msg.text}")
            if msg.type in ("error", "warning")
            else None,
        )
        self.outside: list[str] = []
        self.page.on("request", self._on_request)

    def _on_request(self, request: Any) -> None:
        if not request.url.startswith("http://127.0.0.1:"):
            self.outside.append(request.url)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def phones(browser: Any) -> Iterator[list[Phone]]:
    made: list[Phone] = []
    yield made
    for p in made:
        p.close()


def shoot(page: Any, name: str, output_dir: Path) -> None:
    """Save a screenshot with the test's output and beside the docs."""
    page.evaluate("document.fonts.ready")
    path = output_dir / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    publish(path)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_turns_to_your_turn_without_a_reload(
    browser: Any,
    phones: list[Phone],
    hall: HallService,
    server: ServerThread,
    output_dir: Path,
    lang: str,
) -> None:
    from playwright.sync_api import expect

    hall.execute("open_counter", "staff-1", counter=3, services=["A"])
    hall.execute("open_counter", "staff-2", counter=2)
    for _ in range(2):
        hall.issue("A", "kiosk-1")
    hall.execute("call_next", "staff-2", counter=2)  # A001 to counter 2
    mine = hall.issue("A", "kiosk-1")  # A003: one person ahead

    phone = Phone(browser, lang)
    phones.append(phone)
    page = phone.page
    response = page.goto(f"{server.url}/t/{mine.token}")
    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("lang") == lang

    ahead = "Có 1 người chờ trước bạn" if lang == "vi" else "1 person ahead of you"
    expect(page.locator("#status")).to_contain_text(ahead)
    expect(page.locator(".number")).to_have_text(mine.number)
    expect(page.locator("#calls")).to_contain_text("A001")
    live = "Trang tự cập nhật" if lang == "vi" else "This page updates by itself"
    expect(page.locator("#conn")).to_contain_text(live)
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('1rem \"Noto Sans\"')")
    shoot(page, f"phone-waiting-{lang}", output_dir)

    # the marker survives only if the page is never reloaded
    page.evaluate("window.__sameDocument = 'yes'")
    hall.execute("call_next", "staff-1", counter=3)  # A002 to counter 3
    hall.execute("call_next", "staff-1", counter=3, finish_current=True)  # A003: ours

    turn = "Đến lượt bạn: mời đến quầy 3" if lang == "vi" else "It's your turn: go to counter 3"
    expect(page.locator("#status")).to_contain_text(turn, timeout=UPDATE_WITHIN_MS)
    assert page.evaluate("window.__sameDocument") == "yes"
    expect(page.locator("#calls li").first).to_contain_text(mine.number)
    assert page.title().startswith(mine.number)
    shoot(page, f"phone-turn-{lang}", output_dir)

    hall.execute("complete", "staff-1", number=mine.number)
    done = "đã được phục vụ xong" if lang == "vi" else "has been served"
    expect(page.locator("#status")).to_contain_text(done, timeout=UPDATE_WITHIN_MS)
    assert page.evaluate("window.__sameDocument") == "yes"

    assert phone.problems == []
    assert phone.outside == []


def test_language_switch_and_large_text(
    browser: Any, phones: list[Phone], hall: HallService, server: ServerThread, output_dir: Path
) -> None:
    from playwright.sync_api import expect

    t = hall.issue("B", "kiosk-1")
    phone = Phone(browser, "en")
    phones.append(phone)
    page = phone.page
    page.goto(f"{server.url}/t/{t.token}")
    # no counter is open yet: nobody is ahead, but nobody calls either
    expect(page.locator("#status")).to_contain_text("Nobody is ahead of you. No counter open yet")

    page.get_by_role("link", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("#status")).to_contain_text("Không có ai chờ trước bạn")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # the phone's largest text setting: everything grows, nothing runs off the side
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    number_px = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.number')).fontSize)"
    )
    assert number_px >= 100  # 3.5rem at 32 px a rem
    shoot(page, "phone-large-text-en", output_dir)

    page.get_by_role("link", name="How is this estimated?").click()
    expect(page.locator("h1")).to_have_text("How is the wait estimated?")
    page.get_by_role("link", name="Back to my ticket").click()
    expect(page.locator(".number")).to_have_text(t.number)
    assert phone.problems == []


def test_wrong_expired_and_malformed_links_show_the_plain_page(
    browser: Any,
    phones: list[Phone],
    hall: HallService,
    server: ServerThread,
    clock: ManualClock,
    output_dir: Path,
) -> None:
    from playwright.sync_api import expect

    real = hall.issue("A", "kiosk-1")
    phone = Phone(browser, "en")
    phones.append(phone)
    page = phone.page

    forged = real.token[:-4] + ("AAAA" if not real.token.endswith("AAAA") else "BBBB")
    for token in (forged, "not-a-token", "%F0%9F%8E%AB" * 6):
        response = page.goto(f"{server.url}/t/{token}")
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text("Ticket not found")
        assert real.number not in page.content()
        assert page.locator("#ticket").count() == 0
    shoot(page, "phone-not-found-en", output_dir)

    assert page.goto(f"{server.url}/t/{real.token}").status == 200
    # leave the live page first: seeing its ticket gone, it reloads itself, which would
    # race the navigation below (goto then returns no response)
    page.goto("about:blank")
    clock.advance(days=1)
    response = page.goto(f"{server.url}/t/{real.token}")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Ticket not found")
    assert real.number not in page.content()
    assert phone.problems == [] or all("404" in p for p in phone.problems)


def test_a_flood_from_one_phone_is_limited_while_others_and_the_kiosk_work(
    browser: Any,
    phones: list[Phone],
    hall: HallService,
    server: ServerThread,
    config: Config,
    output_dir: Path,
) -> None:
    from playwright.sync_api import expect

    t = hall.issue("A", "kiosk-1")
    # phones reach the service through a reverse proxy on the same machine,
    # which names each phone's address
    flooder = Phone(browser, "en", forwarded_for="198.51.100.9")
    neighbour = Phone(browser, "en", forwarded_for="198.51.100.10")
    phones.extend([flooder, neighbour])

    neighbour.page.goto(f"{server.url}/t/{t.token}")
    expect(neighbour.page.locator("#status")).to_contain_text("Nobody is ahead of you")

    per_minute = config.web.requests_per_minute
    codes = []
    for _ in range(config.web.requests_per_minute + 60):
        conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
        conn.request(
            "GET", f"/t/{t.token}/status.json", headers={"X-Forwarded-For": "198.51.100.9"}
        )
        r = conn.getresponse()
        r.read()
        conn.close()
        codes.append(r.status)
    # a minute's allowance (an earlier page load of this phone's address counts too)
    assert codes.count(200) <= per_minute
    assert codes[0] == 200 and codes[-1] == 429
    response = flooder.page.goto(f"{server.url}/t/{t.token}")
    assert response is not None and response.status == 429
    expect(flooder.page.locator("h1")).to_have_text("Too many requests")
    assert t.number not in flooder.page.content()
    shoot(flooder.page, "phone-too-many-en", output_dir)

    # the kiosk issues and the neighbour's page follows along, live
    hall.issue("A", "kiosk-1")
    hall.execute("open_counter", "staff-1", counter=1)
    hall.execute("call_next", "staff-1", counter=1)
    expect(neighbour.page.locator("#status")).to_contain_text(
        "It's your turn: go to counter 1", timeout=UPDATE_WITHIN_MS
    )
    assert neighbour.page.goto(f"{server.url}/healthz").status == 200


def test_a_citizen_says_the_estimate_was_wrong(
    browser: Any, phones: list[Phone], hall: HallService, server: ServerThread,
    store: SQLiteStore, output_dir: Path,
) -> None:
    from playwright.sync_api import expect

    mine = hall.issue("A", "kiosk-1")
    other = hall.issue("A", "kiosk-1")
    phone = Phone(browser, "en")
    phones.append(phone)
    page = phone.page
    page.goto(f"{server.url}/t/{mine.token}")
    expect(page.locator("#status")).to_contain_text("Nobody is ahead of you")
    assert page.locator("#feedback form").count() == 0
    page.evaluate("window.__sameDocument = 'yes'")

    # called: the question arrives with the live update, no reload
    hall.execute("open_counter", "staff-1", counter=1)
    hall.execute("call_next", "staff-1", counter=1)
    question = page.locator("#feedback fieldset")
    expect(question).to_contain_text("Was the wait estimate right?", timeout=UPDATE_WITHIN_MS)
    shoot(page, "phone-feedback-en", output_dir)
    page.get_by_role("button", name="No, it was wrong").click()
    expect(page.locator("#feedback")).to_contain_text("Thank you!", timeout=UPDATE_WITHIN_MS)
    assert page.evaluate("window.__sameDocument") == "yes"

    answers = [e for e in store.read_after(0) if e.kind == "estimate_feedback"]
    assert [(e.ticket, e["service"], e["right"]) for e in answers] == [(mine.number, "A", False)]
    assert set(answers[0].data) == {"ticket", "service", "right"}

    # without scripts the same form posts and the page comes back with the thanks
    plain = Phone(browser, "vi", javascript=False)
    phones.append(plain)
    hall.execute("call_next", "staff-1", counter=1, finish_current=True)
    # no live updates without scripts: let the service take in the call before the page loads
    server.app.state.live.refresh()
    plain.page.goto(f"{server.url}/t/{other.token}")
    plain.page.get_by_role("button", name="Đúng").click()
    expect(plain.page.locator("#feedback")).to_contain_text("Cảm ơn bạn!")
    assert plain.page.url.endswith(f"/t/{other.token}?lang=vi")
    answers = [e for e in store.read_after(0) if e.kind == "estimate_feedback"]
    assert [(e.ticket, e["right"]) for e in answers] == [(mine.number, False), (other.number, True)]
    assert phone.problems == [] and plain.problems == []
    assert phone.outside == [] and plain.outside == []
