"""The kiosk's Qt-light parts: route on the floor plan, list models, texts, QR codes."""

from __future__ import annotations

import itertools

from app.config import Point, load_config
from app.estimate import Estimate, EstimatorInfo
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


def test_wait_range_rounds_outwards(qapp) -> None:  # type: ignore[no-untyped-def]
    assert texts.wait_range_text(Estimate(900, 730, 1190, "model")) == "about 12–20 minutes"
    assert texts.wait_range_text(Estimate(30, 10, 60, "queue")) == "under 2 minutes"


def test_estimate_kind_follows_info_and_config() -> None:
    cfg = load_config()
    model = Estimate(600, 300, 900, "model", "v1")
    plain = Estimate(600, 300, 900, "queue")
    assert texts.estimate_kind(model, EstimatorInfo(ai=True), cfg) == "ai"
    assert texts.estimate_kind(plain, EstimatorInfo(ai=False), cfg) == "plain"
    assert texts.estimate_kind(model, EstimatorInfo(ai=True, visible=False), cfg) == "none"
    hide = cfg.model_copy(update={"estimates": cfg.estimates.model_copy(
        update={"when_ai_off": "people_ahead"})})
    assert texts.estimate_kind(plain, EstimatorInfo(ai=False), hide) == "none"


def test_qr_image_has_the_code_modules(qapp) -> None:  # type: ignore[no-untyped-def]
    url = "http://localhost:8080/t/abc"
    image = qr_image(url)
    assert image.width() == len(qr_matrix(url)) >= 21
    assert image.pixelColor(2, 2).black() > 200  # a finder pattern's dark corner


def test_panel_shows_the_cards_texts_in_the_chosen_language(qapp) -> None:  # type: ignore[no-untyped-def]
    cfg = load_config()
    card = {
        "version": "v-lang",
        "purpose": {"vi": "Ước tính thời gian chờ.", "en": "Estimates the wait."},
        "model": {"vi": "Cây quyết định nhỏ.", "en": "Small decision trees."},
        "inputs": {"vi": "Số người đứng trước.", "en": "People ahead."},
        "personal_data": {"vi": "Không dùng dữ liệu cá nhân.", "en": ""},
        "features": ["ahead", "servers_open"],
        "method": {"trees": "hist gradient boosting"},
        "fallback": {"vi": "Dùng cách tính đơn giản.", "en": "The plain estimate is used."},
        "limits": [
            {"vi": "Không biết trước việc chuyển quầy.", "en": "Transfers are not foreseen."},
            {"vi": "Chỉ có tiếng Việt."},
        ],
    }
    info = EstimatorInfo(ai=True, model_version="v-lang", card=card)

    def shown(language: str) -> dict[str, str]:
        return {s["name"]: s["text"] for s in texts.panel_sections(info, cfg, language)}

    vi, en = shown("vi"), shown("en")
    assert vi["purpose"] == "Ước tính thời gian chờ." and en["purpose"] == "Estimates the wait."
    assert vi["model"] == "Cây quyết định nhỏ." and en["model"] == "Small decision trees."
    assert vi["inputs"] == "Số người đứng trước. — Không dùng dữ liệu cá nhân."
    # an empty English text falls back to Vietnamese rather than showing nothing
    assert en["inputs"] == "People ahead. — Không dùng dữ liệu cá nhân."
    assert "Transfers are not foreseen." in en["limits"] and "Chỉ có tiếng Việt." in en["limits"]
    assert vi["fallback"] == "Dùng cách tính đơn giản."
    # a language the card lacks gets English
    assert shown("lo")["purpose"] == "Estimates the wait."
    assert "hist gradient" not in " ".join(vi.values())


def test_panel_shows_a_card_written_in_one_language_as_it_is(qapp) -> None:  # type: ignore[no-untyped-def]
    card = {"purpose": "Estimate the wait.", "inputs": ["ahead", "servers_open"],
            "personal_data": "none", "fallback": "The plain estimate is shown.",
            "limits": ["Transfers are not foreseen."]}
    info = EstimatorInfo(ai=True, model_version="v1", card=card)
    vi = {s["name"]: s["text"] for s in texts.panel_sections(info, load_config(), "vi")}
    assert vi["purpose"] == "Estimate the wait."
    assert vi["inputs"] == "ahead; servers_open — none"
    assert vi["limits"] == "•  Transfers are not foreseen."
    assert "model" not in vi  # nothing to say about how it is made
