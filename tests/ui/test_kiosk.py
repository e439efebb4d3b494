"""The citizen's kiosk, driven like a person would: taps on items found by name."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from app.clock import ManualClock
from app.errors import CommandRefused
from tests.ui import kiosk_helpers as kh

SCREENS = ("home", "service", "ticket", "about", "attract")


def _shots_dir(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    dirs = [tmp_path_factory.getbasetemp() / "screenshots"]
    extra = os.environ.get("MOTCUA_SCREENSHOTS")
    if extra:
        dirs.append(Path(extra))
    return dirs


def _check_layout(k: kh.KioskWindow, screen: str) -> None:
    window = k.window
    w, h = window.width(), window.height()
    for item in kh.touchables(window):
        name = item.objectName()
        assert name, f"{screen}: a touchable {item.metaObject().className()} has no objectName"
        assert item.width() >= 96 and item.height() >= 96, f"{screen}: {name} is too small"
        p = item.mapToScene(item.boundingRect().topLeft())
        assert p.x() >= -1 and p.x() + item.width() <= w + 1, f"{screen}: {name} is off screen"
        assert p.y() >= -1 and p.y() + item.height() <= h + 1, f"{screen}: {name} is off screen"
    for text in kh.texts(window):
        size = text.property("font").pixelSize()
        assert size >= 32, f"{screen}: text {text.property('text')!r} is {size} px"


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_screen_loads_and_renders(
    qapp, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,  # type: ignore[no-untyped-def]
    orientation: str, language: str,
) -> None:
    k = kh.make_kiosk(tmp_path, orientation=orientation, estimator=kh.FakeModelEstimator())
    try:
        b = k.backend
        b.setLanguage(language)
        size = (1080, 1920) if orientation == "portrait" else (1920, 1080)
        assert (k.window.width(), k.window.height()) == size
        for screen in SCREENS:
            if screen == "service":
                b.chooseService("B")
            elif screen == "ticket":
                b.takeTicket()
                kh.wait_until(lambda: b.printState == "done")
            elif screen == "about":
                b.openAbout()
            elif screen == "attract":
                b.closeAbout()
                b.reset()
                b.setLanguage(language)
            kh.settle(30)
            _check_layout(k, screen)
            image = k.window.grabWindow()
            assert (image.width(), image.height()) == size
            for d in _shots_dir(tmp_path_factory):
                d.mkdir(parents=True, exist_ok=True)
                image.save(str(d / f"kiosk-{screen}-{orientation}-{language}.png"))
        ticket = b.ticket
        b.wake()
        b.chooseService("A")
        b.takeTicket()
        kh.wait_until(lambda: b.screen == "ticket")
        kh.settle(20)
        number = kh.visible_item(k.window, "ticketNumber")
        assert ticket["number"] == "B001" and b.ticket["number"] == "A001"
        assert number.property("font").pixelSize() * 0.71 >= 200  # cap height of the digits
    finally:
        k.close()


def test_two_taps_from_home_to_a_ticket_that_matches_the_store(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    k = kh.make_kiosk(tmp_path)
    try:
        b = k.backend
        kh.click(k.window, "tile_A")
        assert b.screen == "service"
        kh.click(k.window, "takeTicketButton")
        kh.wait_until(lambda: b.screen == "ticket")
        events = [e for e in k.store.read_after(0) if e.kind == "issued"]  # type: ignore[attr-defined]
        assert len(events) == 1
        assert events[0].ticket == b.ticket["number"] == "A001"
        assert b.ticket["qrUrl"] == f"http://localhost:8080/t/{events[0]['token']}"
        assert kh.visible_item(k.window, "ticketNumber").property("text") == "A001"
        kh.wait_until(lambda: b.printState == "done")
        b.setLanguage("en")
        kh.settle(10)
        assert "take your ticket" in kh.visible_item(k.window, "printMessage").property("text")
    finally:
        k.close()


def test_touch_taps_work_like_clicks(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    k = kh.make_kiosk(tmp_path)
    try:
        kh.tap(k.window, "tile_C")
        assert k.backend.screen == "service"
        kh.tap(k.window, "takeTicketButton")
        kh.wait_until(lambda: k.backend.screen == "ticket")
        assert k.backend.ticket["number"] == "C001"
    finally:
        k.close()


def test_a_double_tap_issues_one_ticket(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    k = kh.make_kiosk(tmp_path)
    try:
        kh.click(k.window, "tile_B")
        item = kh.visible_item(k.window, "takeTicketButton")
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.mouseDClick(k.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                          kh.centre(item))
        QTest.mouseClick(k.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         kh.centre(item))
        k.backend.takeTicket()
        kh.wait_until(lambda: k.backend.screen == "ticket")
        kh.settle(50)
        issued = [e for e in k.store.read_after(0) if e.kind == "issued"]  # type: ignore[attr-defined]
        assert len(issued) == 1
    finally:
        k.close()


def test_printer_failure_keeps_the_ticket_and_says_what_to_do(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    k = kh.make_kiosk(tmp_path, print_service=kh.printer(ok=False, gate=gate))
    try:
        b = k.backend
        b.setLanguage("en")
        b.chooseService("A")
        b.takeTicket()
        kh.wait_until(lambda: b.screen == "ticket")
        assert b.printState == "printing"
        assert "Printing" in kh.visible_item(k.window, "printMessage").property("text")
        gate.set()
        kh.wait_until(lambda: b.printState == "failed")
        shown = kh.visible_item(k.window, "printMessage").property("text")
        assert shown.startswith("The ticket did not print: write your number down")
        assert "Staff have been told" in shown
        assert b.ticket["number"] == "A001"
        assert kh.visible_item(k.window, "ticketQr") is not None
    finally:
        gate.set()
        k.close()


def test_idle_returns_to_attract_and_resets_choices(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    k = kh.make_kiosk(tmp_path)
    try:
        b = k.backend
        timer = b.idle_timer()
        assert timer.isActive() and timer.interval() == 30_000
        kh.click(k.window, "lang_en")
        kh.click(k.window, "largeTextButton")
        kh.click(k.window, "easyReachButton")
        assert b.language == "en" and b.largeText and b.easyReach
        b.chooseService("A")
        b.takeTicket()
        kh.wait_until(lambda: b.screen == "ticket")
        assert timer.interval() == 60_000
        timer.timeout.emit()
        assert b.screen == "attract" and b.language == "vi"
        assert not b.largeText and not b.easyReach and not timer.isActive()
        kh.click(k.window, "attractButton")
        assert b.screen == "home" and timer.isActive()
    finally:
        k.close()


def test_idle_never_interrupts_issuing(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    k = kh.make_kiosk(tmp_path)
    try:
        b = k.backend
        b.chooseService("A")
        release = threading.Event()
        real_issue = b.issue_ticket

        def slow_issue(*a, **kw):  # type: ignore[no-untyped-def]
            release.wait(5)
            return real_issue(*a, **kw)

        b.issue_ticket = slow_issue
        b.takeTicket()
        assert b.busy
        b.idle_timer().timeout.emit()
        assert b.screen == "service"
        release.set()
        kh.wait_until(lambda: b.screen == "ticket")
    finally:
        k.close()


def test_ai_panel_shows_the_model_card(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    k = kh.make_kiosk(tmp_path, estimator=kh.FakeModelEstimator())
    try:
        b = k.backend
        b.setLanguage("en")
        b.chooseService("A")
        b.takeTicket()
        kh.wait_until(lambda: b.screen == "ticket")
        assert b.ticket["estimateKind"] == "ai"
        kh.click(k.window, "ticketAiLabel_button")
        assert b.aboutOpen
        kh.settle(20)

        def shown(name: str) -> str:
            return str(kh.visible_item(k.window, "sectionText_" + name).property("text"))

        card = kh.CARD
        assert shown("purpose") == card.purpose["en"]
        assert "recent service times" in shown("inputs") and "No personal" in shown("inputs")
        assert shown("period") == card.training_sentence("en")
        assert "21,450 tickets" in shown("period") and "2026-01-05 to 2026-03-27" in shown("period")
        assert "3.1 minutes off, against 5.5 minutes" in shown("accuracy")
        assert "81% of waits" in shown("accuracy")
        assert "last 100 tickets, 8 in 10" in shown("live")
        assert "Transfers are not foreseen." in shown("limits")
        assert shown("fallback") == card.fallback["en"]
        assert shown("version") == card.version
        # the same panel in Vietnamese: the card's own Vietnamese texts, Vietnamese figures
        b.setLanguage("vi")
        kh.settle(20)
        assert shown("purpose") == card.purpose["vi"]
        assert "Không biết trước việc chuyển quầy." in shown("limits")
        assert "21.450 vé" in shown("period") and "3,1 phút" in shown("accuracy")
        kh.click(k.window, "closeAboutButton")
        assert not b.aboutOpen
    finally:
        k.close()


def test_hidden_estimates_show_only_people_ahead(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    k = kh.make_kiosk(tmp_path, estimator=kh.FakeModelEstimator(visible=False))
    try:
        b = k.backend
        b.chooseService("A")
        b.takeTicket()
        kh.wait_until(lambda: b.screen == "ticket")
        assert b.ticket["waitText"] == "" and b.ticket["estimateKind"] == "none"
        assert b.ticket["peopleAheadText"]
        assert not [i for i in kh.all_items(k.window)
                    if i.objectName() == "ticketAiLabel" and i.isVisible()]
    finally:
        k.close()


def test_plain_estimate_is_labelled_not_ai(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.estimate import QueueLengthEstimator

    k = kh.make_kiosk(tmp_path, estimator=QueueLengthEstimator())
    try:
        b = k.backend
        b.chooseService("A")
        b.takeTicket()
        kh.wait_until(lambda: b.screen == "ticket")
        assert b.ticket["estimateKind"] == "plain"
        assert b.ticket["estimateLabel"] == "Ước tính đơn giản (không dùng AI)"
    finally:
        k.close()


def test_refusal_is_told_in_the_chosen_language(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    k = kh.make_kiosk(tmp_path)
    try:
        b = k.backend
        b.setLanguage("en")
        b.chooseService("B")

        def refuse(*a, **kw):  # type: ignore[no-untyped-def]
            raise CommandRefused("daily_cap", "cap", params={"service": "B", "cap": 150})

        b.issue_ticket = refuse
        kh.click(k.window, "takeTicketButton")
        kh.wait_until(lambda: b.message != "")
        assert b.screen == "service" and not b.busy
        assert "Civil status" in b.message and "tomorrow" in b.message
        kh.click(k.window, "messageOkButton")
        assert b.message == ""
    finally:
        k.close()


def test_priority_entry_issues_a_priority_ticket(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    k = kh.make_kiosk(tmp_path)
    try:
        b = k.backend
        kh.click(k.window, "priorityButton")
        kh.click(k.window, "category_elderly")
        assert b.priorityCategory == "elderly" and not b.priorityOpen
        kh.click(k.window, "tile_A")
        kh.click(k.window, "takeTicketButton")
        kh.wait_until(lambda: b.screen == "ticket")
        issued = [e for e in k.store.read_after(0) if e.kind == "issued"]  # type: ignore[attr-defined]
        assert issued[0]["priority"] is True and issued[0]["category"] == "elderly"
    finally:
        k.close()


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_easy_reach_puts_every_control_in_the_lower_half(
    qapp, tmp_path: Path, orientation: str  # type: ignore[no-untyped-def]
) -> None:
    k = kh.make_kiosk(tmp_path, orientation=orientation, estimator=kh.FakeModelEstimator())
    try:
        b = k.backend
        b.toggleEasyReach()
        half = k.window.height() / 2
        for step in ("home", "service", "ticket"):
            if step == "service":
                b.chooseService("A")
            if step == "ticket":
                b.takeTicket()
                kh.wait_until(lambda: b.screen == "ticket")
            kh.settle(30)
            items = kh.touchables(k.window)
            assert items
            for item in items:
                top = item.mapToScene(item.boundingRect().topLeft()).y()
                assert top >= half - 1, f"{step}: {item.objectName()} starts at {top}"
    finally:
        k.close()


def test_read_aloud_speaks_the_screen_through_the_speech_device(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    speaker = kh.speech()
    k = kh.make_kiosk(tmp_path, speaker=speaker)
    try:
        b = k.backend
        kh.click(k.window, "readAloudButton")
        kh.wait_until(lambda: speaker.say.call_count >= 1)
        text, language = speaker.say.call_args.args
        assert language == "vi" and "Chọn dịch vụ" in text
        b.chooseService("A")
        b.takeTicket()
        kh.wait_until(lambda: b.screen == "ticket")
        kh.wait_until(lambda: "A 0 0 1" in speaker.say.call_args.args[0])
    finally:
        k.close()


def test_new_calls_reach_the_strip(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clock = ManualClock(kh.START)
    k = kh.make_kiosk(tmp_path, clock=clock)
    try:
        b = k.backend
        b.chooseService("A")
        b.takeTicket()
        kh.wait_until(lambda: b.screen == "ticket")
        b.hall.execute("open_counter", "staff-1", counter=1)
        clock.advance(60)
        b.hall.execute("call_next", "staff-1", counter=1)
        kh.wait_until(lambda: b.calls.rowCount() == 1)
        assert b.calls.rows()[0].number == "A001" and b.calls.rows()[0].counter == 1
        kh.wait_until(lambda: b.ticket["peopleAhead"] == 0)
        # the strip shows the newest calls first, however many came before
        for _ in range(9):
            b.hall.issue("A", "kiosk-2")
        for _ in range(9):
            clock.advance(30)
            b.hall.execute("call_next", "staff-1", counter=1, finish_current=True)
        kh.wait_until(lambda: b.calls.rowCount() > 0 and b.calls.rows()[0].number == "A010")
        assert [r.number for r in b.calls.rows()][:3] == ["A010", "A009", "A008"]
    finally:
        k.close()


MODES = {
    "large": ("toggleLargeText",),
    "contrast": ("toggleHighContrast",),
    "reach": ("toggleEasyReach",),
}


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("mode", sorted(MODES))
def test_accessibility_modes_keep_every_word_legible(
    qapp, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,  # type: ignore[no-untyped-def]
    mode: str, orientation: str,
) -> None:
    k = kh.make_kiosk(tmp_path, orientation=orientation, estimator=kh.FakeModelEstimator())
    try:
        b = k.backend
        for toggle in MODES[mode]:
            getattr(b, toggle)()
        for _ in range(3):  # people ahead, so every estimate text is on screen
            b.hall.issue("B", "kiosk-2")
        for language in ("vi", "en"):
            b.done()
            b.setLanguage(language)
            for screen in ("home", "service", "ticket"):
                if screen == "service":
                    b.chooseService("B")
                elif screen == "ticket":
                    b.takeTicket()
                    kh.wait_until(lambda: b.printState == "done")
                kh.settle(30)
                _check_layout(k, screen)
                assert kh.text_problems(k.window) == [], f"{screen} ({language})"
                if language == "vi" and screen != "service":
                    for d in _shots_dir(tmp_path_factory):
                        d.mkdir(parents=True, exist_ok=True)
                        k.window.grabWindow().save(
                            str(d / f"kiosk-{screen}-{orientation}-vi-{mode}.png"))
    finally:
        k.close()


@pytest.mark.parametrize("orientation,size", [("landscape", (1920, 1080)),
                                              ("portrait", (1080, 1920))])
def test_the_window_has_its_real_size_before_it_is_shown(  # type: ignore[no-untyped-def]
    qapp, tmp_path: Path, orientation: str, size: tuple[int, int]
) -> None:
    from app.store.sqlite import SQLiteStore

    overlay = tmp_path / "Overlay.qml"
    overlay.write_text('import QtQuick\nItem { objectName: "probe" }\n', encoding="utf-8")
    store = SQLiteStore(tmp_path / "events.db")
    k = kh.KioskWindow(kh.config(), store, clock=ManualClock(kh.START),
                       orientation=orientation, watch=False, load_model=False)
    try:
        # an overlay installed before the first show (no settle) gets the window's size
        assert (k.window.width(), k.window.height()) == size
        assert k.install_overlay("staffEntrySlot", overlay) is not None
        probe = k.item("probe")
        assert probe is not None
        assert (probe.width(), probe.height()) == size
        k.show()
        kh.wait_until(k.window.isExposed)
        assert (k.window.width(), k.window.height()) == size
    finally:
        k.close()
        store.close()
