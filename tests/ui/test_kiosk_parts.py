"""The kiosk's Qt-light parts: route on the floor plan, list models, texts, QR codes."""

from __future__ import annotations

import itertools

from app.config import Point, load_config
from app.estimate import Estimate, EstimatorInfo
from tests.helpers.model_card import model_card
from ui import floorplan, texts
from ui.bridge.models import CallListModel, CallRow, ServiceListModel, ServiceRow
from ui.qr import qr_image, qr_matrix


def test_route_follows_the_walkway_from_kiosk_to_counter() -> None:
    walkway = (Point(x=2, y=12), Point(x=15, y=12), Point(x=28, y=12))
    pts = floorplan.route(Point(x=2, y=12), Point(x=24, y=2), walkway)
    assert pts[0] == (2, 12) and pts[-1] == (24, 2)
    assert (24.0, 12.0) in pts  # leaves the walkway level with the counter
    assert floorplan.route_length(pts) == 22 + 10


def test_routes_go_round_the_waiting_area_not_through_it() -> None:
    cfg = load_config()
    fp = cfg.hall.floor_plan
    areas = [s for s in fp.shapes if s.kind == "area"]
    assert areas
    for counter in cfg.counters:
        pts = floorplan.route(cfg.kiosk_position, counter.location, fp.walkway, fp.shapes,
                              (fp.width, fp.height))
        assert pts[0] == (cfg.kiosk_position.x, cfg.kiosk_position.y)
        assert pts[-1] == (counter.location.x, counter.location.y)
        for a, b in itertools.pairwise(pts):
            for s in areas:
                box = floorplan._Box(s.x, s.y, s.x + s.w, s.y + s.h)
                assert not box.crossed_by(a, b), f"counter {counter.number}: {a}->{b}"


def test_route_keeps_to_the_walkway_when_nothing_is_in_the_way() -> None:
    walkway = (Point(x=0, y=10), Point(x=20, y=10))
    # the counter is off the walkway's end: the walkway is followed to its end
    pts = floorplan.route(Point(x=0, y=10), Point(x=25, y=2), walkway)
    assert pts == [(0, 10), (20, 10), (25, 2)]


def test_route_without_walkway_is_a_straight_line() -> None:
    assert floorplan.route(Point(x=0, y=0), Point(x=3, y=4), ()) == [(0, 0), (3, 4)]


def test_route_for_unknown_counter_is_empty() -> None:
    assert floorplan.route_for_qml(load_config(), 99) == []


def test_service_model_contract(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ServiceListModel()
    row = ServiceRow("A", "Chứng thực", "stamp", 2, "2 waiting", "about 2–5 minutes", "ai", "AI")
    model.set_rows([row, ServiceRow("B", "Hộ tịch", "family", 0, "", "", "none", "")])
    qtmodeltester.check(model)
    names = {bytes(v.data()).decode() for v in model.roleNames().values()}
    assert {"code", "name", "waitText", "estimateKind", "iconName"} <= names
    changed = []
    model.dataChanged.connect(lambda a, b, roles: changed.append(a.row()))
    model.set_rows([row, ServiceRow("B", "Hộ tịch", "family", 1, "1 waiting", "", "none", "")])
    assert changed == [1]
    assert model.data(model.index(1, 0), ServiceListModel.WAITING) == 1


def test_call_model_contract(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = CallListModel()
    model.set_rows([CallRow("A012", 2), CallRow("B003", 3)])
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0), CallListModel.COUNTER) == 2


def test_the_kiosk_says_the_wait_in_the_cores_words(qapp) -> None:  # type: ignore[no-untyped-def]
    cfg = load_config()
    info = EstimatorInfo(ai=True)
    ai = texts.wait_words("en", Estimate(900, 730, 1190, "model", "v1"), info, cfg, 3)
    assert (ai.ahead, ai.wait, ai.label) == (
        "3 people ahead of you", "About 12–20 minutes", "AI estimate")
    plain = texts.wait_words("vi", Estimate(30, 20, 80, "queue"), EstimatorInfo(ai=False), cfg)
    assert (plain.ahead, plain.wait, plain.label) == (
        "Bạn là người tiếp theo", "Chờ dưới 2 phút", "Ước tính đơn giản (không dùng AI)")
    hidden = texts.wait_words("en", Estimate(900, 730, 1190, "model", "v1"),
                              EstimatorInfo(ai=True, visible=False), cfg)
    assert (hidden.kind, hidden.wait, hidden.label) == ("none", "", "")


def test_qr_image_has_the_code_modules(qapp) -> None:  # type: ignore[no-untyped-def]
    url = "http://localhost:8080/t/abc"
    image = qr_image(url)
    assert image.width() == len(qr_matrix(url)) >= 21
    assert image.pixelColor(2, 2).black() > 200  # a finder pattern's dark corner


def test_panel_renders_the_typed_card_in_the_chosen_language(qapp) -> None:  # type: ignore[no-untyped-def]
    cfg = load_config().model_copy(update={"kiosk": load_config().kiosk.model_copy(
        update={"staff_note": {}})})
    card = model_card(personal_data={"vi": "Không dùng dữ liệu cá nhân."})
    info = EstimatorInfo(ai=True, model_version=card.version, card=card)

    def shown(language: str) -> dict[str, str]:
        return {s["name"]: s["text"] for s in texts.panel_sections(info, cfg, language)}

    vi, en = shown("vi"), shown("en")
    assert vi["purpose"] == "Ước tính thời gian chờ từ lúc lấy số đến lúc được gọi."
    assert en["model"] == "Small decision trees."
    # a text the card has only in Vietnamese is shown in Vietnamese rather than not at all
    assert en["inputs"] == ("People ahead, the open counters, recent service times. — "
                            "Không dùng dữ liệu cá nhân.")
    assert vi["period"] == "Học từ 21.450 vé của 58 ngày làm việc, từ 05/01/2026 đến 27/03/2026."
    assert "3,1 phút" in vi["accuracy"] and "3.1 minutes" in en["accuracy"]
    assert "•  Transfers are not foreseen." in en["limits"]
    assert vi["contact"] == "Hãy hỏi nhân viên tại quầy hướng dẫn."
    # a language the card lacks gets English
    assert shown("lo")["purpose"].startswith("Estimate how long")
    assert "gradient" not in " ".join(vi.values())


def test_panel_without_a_model_says_why(qapp) -> None:  # type: ignore[no-untyped-def]
    info = EstimatorInfo(ai=False, fallback_reason="the model card is damaged (field contact)")
    sections = {s["name"]: s["text"] for s in texts.panel_sections(info, load_config(), "en")}
    assert "(the model card is damaged (field contact))" in sections["fallback_now"]
    assert "purpose" not in sections and "limits" not in sections
