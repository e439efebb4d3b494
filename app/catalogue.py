"""The core's own texts, in every language it ships: one table, one place.

Everything the core words for a person — the wait on screen, paper and phone
(:mod:`app.wording`), the paper ticket's captions (:mod:`app.printing`, whose
defaults a hall may override in ``[devices.printer.ticket_texts]``), the
phone page (:mod:`app.web`) and the model card's figures
(:mod:`app.modelcard`) — is looked up here by key. The kiosk's own screen
chrome (buttons, titles) is Qt's, in ``ui/i18n/*.ts``; the sentences the
kiosk bridge hands to QML about a ticket's wait come from here, so a citizen
reads the same words on the screen, the ticket and the phone.

Placeholders are :meth:`str.format` fields (``{n}``, ``{low}``...). Every key
exists in every language with the same placeholders (``tests/app/
test_catalogue.py``), so nothing ever shows a key or an empty line.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Final

#: the languages the catalogue speaks, Vietnamese first (the default)
LANGUAGES: Final[tuple[str, ...]] = ("vi", "en")
DEFAULT: Final = "vi"

#: language -> key -> text
MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "vi": {
        # the wait, in words (app.wording): the same on screen, paper and phone
        "ahead_next": "Bạn là người tiếp theo",
        "ahead_nobody": "Không có ai chờ trước bạn",
        "ahead_one": "Có 1 người chờ trước bạn",
        "ahead_many": "Có {n} người chờ trước bạn",
        "closed_until": "Quầy mở lúc {time}",
        "closed": "Chưa có quầy mở",
        "wait_under_one": "Chờ dưới 1 phút",
        "wait_under": "Chờ dưới {n} phút",
        "wait_about": "Chờ khoảng {n} phút",
        "wait_range": "Chờ khoảng {low}–{high} phút",
        "wait_long": "Chờ hơn {n} phút",
        "label_ai": "Ước tính bởi AI",
        "label_plain": "Ước tính đơn giản (không dùng AI)",
        # the paper ticket (app.printing; a hall may override them in the configuration)
        "paper_counter_one": "Quầy {counters}",
        "paper_counter_many": "Quầy {counters}",
        "paper_qr_caption": "Quét mã để theo dõi số của bạn",
        # the phone page (app.web)
        "ticket_title": "Vé {number}",
        "ticket_label": "Số thứ tự của bạn",
        "service_label": "Dịch vụ",
        "language": "Ngôn ngữ",
        "status_heading": "Tình trạng",
        "turn": "Đến lượt bạn: mời đến quầy {counter}",
        "turn_again": "Bạn được gọi lại. Mời đến ngay quầy {counter}.",
        "turn_hint": "Hãy mang theo giấy tờ và đến quầy ngay.",
        "wait_counter": "Vé của bạn sẽ được gọi tại quầy {counter}.",
        "counters": "Quầy phục vụ: {counters}",
        "counters_1": "Quầy phục vụ: {counters}",
        "how_link": "Ước tính này được tính thế nào?",
        "completed": "Vé của bạn đã được phục vụ xong. Cảm ơn bạn!",
        "no_show": (
            "Bạn đã được gọi nhưng không có mặt tại quầy. Nếu vẫn cần làm thủ tục, "
            "hãy hỏi nhân viên tại quầy hướng dẫn hoặc lấy số mới."
        ),
        "cancelled": (
            "Vé này đã bị huỷ. Nếu bạn không yêu cầu huỷ, hãy hỏi nhân viên tại quầy hướng dẫn."
        ),
        "parked": (
            "Vé của bạn đang được tạm giữ. Nhân viên sẽ gọi lại bạn; "
            "nếu cần, hãy hỏi tại quầy hướng dẫn."
        ),
        "calls_heading": "Số vừa gọi",
        "call_item": "{ticket} → quầy {counter}",
        "no_calls": "Hôm nay chưa gọi số nào.",
        "live": "Trang tự cập nhật, bạn không cần tải lại.",
        "offline": "Mất kết nối, đang thử lại…",
        "updated": "Cập nhật lúc {time}",
        "privacy": (
            "Trang này không hiển thị thông tin cá nhân. Liên kết chỉ dùng được trong ngày."
        ),
        "error_title": "Không tìm thấy vé",
        "error_body": (
            "Liên kết này không đúng hoặc đã hết hạn. Mỗi vé chỉ theo dõi được "
            "trong ngày được cấp."
        ),
        "error_help": "Nếu cần giúp đỡ, hãy hỏi nhân viên tại quầy hướng dẫn.",
        "limit_title": "Quá nhiều yêu cầu",
        "limit_body": "Máy của bạn đã gửi quá nhiều yêu cầu. Xin chờ một phút rồi thử lại.",
        "method_title": "Không được phép",
        "method_body": "Trang này chỉ để xem; không thể thay đổi gì từ đây.",
        "page_missing_title": "Không có trang này",
        "page_missing_body": "Địa chỉ này không có trang nào. Hãy quét lại mã QR trên vé.",
        "back": "Quay lại vé của tôi",
        "about_title": "Thời gian chờ được ước tính thế nào?",
        "about_ai": (
            "Thời gian chờ trên trang này do một mô hình AI nhỏ chạy ngay trên máy "
            "lấy số ước tính. Mô hình chỉ ước tính; thứ tự gọi số theo quy tắc công khai "
            "và do nhân viên quyết định, AI không thay đổi thứ tự đó."
        ),
        "about_plain": (
            "Hiện không dùng AI. Thời gian chờ được tính đơn giản: số người trước bạn, "
            "chia cho số quầy đang mở, nhân với thời gian phục vụ trung bình gần đây."
        ),
        "about_hidden": (
            "Nhân viên đã tạm ẩn thời gian chờ; trang chỉ cho biết số người trước bạn."
        ),
        "about_fallback": "Lý do không dùng AI lúc này: {reason}",
        "about_range": (
            "Khoảng thời gian hiển thị là khoảng mà phần lớn (khoảng 8 trên 10) người "
            "được gọi trong đó. Có thể sớm hơn hoặc muộn hơn: hãy ở gần khi chỉ còn vài người."
        ),
        "about_coverage": (
            "Gần đây, {pct}% trong {count} vé được gọi nằm trong khoảng đã ước tính."
        ),
        "about_model": "Phiên bản mô hình: {version}",
        "about_person": (
            "Cần hỏi người thật? Nhân viên tại quầy hướng dẫn luôn sẵn sàng giúp bạn."
        ),
        "card_purpose": "Mục đích",
        "card_inputs": "Dữ liệu đầu vào",
        "card_personal": "Dữ liệu cá nhân",
        "card_training": "Thời gian dữ liệu huấn luyện",
        "card_accuracy": "Độ chính xác",
        "card_limits": "Giới hạn đã biết",
        "card_failure": "Khi mô hình gặp lỗi",
        "card_contact": "Liên hệ",
        "card_training_text": (
            "Học từ {tickets} vé của {days} ngày làm việc, từ {start} đến {end}."
        ),
        "card_accuracy_text": (
            "Thử trên {days} ngày mô hình chưa từng thấy ({tickets} vé): sai lệch thường gặp "
            "khoảng {model} phút, so với {plain} phút của cách tính đơn giản; {coverage}% "
            "lượt chờ nằm trong khoảng đã hiển thị."
        ),
        "feedback_question": "Thời gian chờ ước tính có đúng không?",
        "feedback_yes": "Đúng",
        "feedback_no": "Không, ước tính sai",
        "feedback_note": (
            "Câu trả lời không kèm thông tin cá nhân nào; nhân viên dùng nó để kiểm tra "
            "các ước tính. Mỗi vé trả lời một lần."
        ),
        "feedback_thanks": "Cảm ơn bạn! Câu trả lời về thời gian chờ đã được ghi nhận.",
        "feedback_failed": "Chưa lưu được câu trả lời. Xin thử lại sau ít phút.",
        "feedback_bad_title": "Không nhận được câu trả lời",
        "feedback_bad_body": (
            "Hãy trả lời bằng các nút trên trang vé của bạn (mở từ mã QR trên vé)."
        ),
        "feedback_unsaved_title": "Chưa lưu được câu trả lời",
        "feedback_unsaved_body": (
            "Hệ thống chưa lưu được câu trả lời của bạn lúc này. Xin thử lại sau ít phút."
        ),
    },
    "en": {
        "ahead_next": "You are next",
        "ahead_nobody": "Nobody is ahead of you",
        "ahead_one": "1 person ahead of you",
        "ahead_many": "{n} people ahead of you",
        "closed_until": "Counters open at {time}",
        "closed": "No counter open yet",
        "wait_under_one": "Under 1 minute",
        "wait_under": "Under {n} minutes",
        "wait_about": "About {n} minutes",
        "wait_range": "About {low}–{high} minutes",
        "wait_long": "More than {n} minutes",
        "label_ai": "AI estimate",
        "label_plain": "Simple estimate (not AI)",
        "paper_counter_one": "Counter {counters}",
        "paper_counter_many": "Counters {counters}",
        "paper_qr_caption": "Scan to follow your number",
        "ticket_title": "Ticket {number}",
        "ticket_label": "Your ticket number",
        "service_label": "Service",
        "language": "Language",
        "status_heading": "Status",
        "turn": "It's your turn: go to counter {counter}",
        "turn_again": "You have been called again. Please go to counter {counter} now.",
        "turn_hint": "Bring your documents and go to the counter now.",
        "wait_counter": "Your ticket will be called at counter {counter}.",
        "counters": "Served at counters {counters}",
        "counters_1": "Served at counter {counters}",
        "how_link": "How is this estimated?",
        "completed": "Your ticket has been served. Thank you!",
        "no_show": (
            "You were called but were not at the counter. If you still need the service, "
            "ask the staff at the information desk or take a new ticket."
        ),
        "cancelled": (
            "This ticket was cancelled. If you did not ask for this, "
            "ask the staff at the information desk."
        ),
        "parked": (
            "Your ticket is on hold. Staff will call you again; "
            "ask at the information desk if you need help."
        ),
        "calls_heading": "Last numbers called",
        "call_item": "{ticket} → counter {counter}",
        "no_calls": "No numbers have been called yet today.",
        "live": "This page updates by itself; there is no need to reload.",
        "offline": "Connection lost, trying again…",
        "updated": "Updated at {time}",
        "privacy": "This page shows nothing personal. The link works only today.",
        "error_title": "Ticket not found",
        "error_body": (
            "This link is wrong or has expired. A ticket can be followed only on the day "
            "it was issued."
        ),
        "error_help": "If you need help, ask the staff at the information desk.",
        "limit_title": "Too many requests",
        "limit_body": "Your device sent too many requests. Please wait a minute and try again.",
        "method_title": "Not allowed",
        "method_body": "This page is read-only; nothing can be changed from here.",
        "page_missing_title": "No such page",
        "page_missing_body": (
            "There is no page at this address. Scan the QR code on your ticket again."
        ),
        "back": "Back to my ticket",
        "about_title": "How is the wait estimated?",
        "about_ai": (
            "The wait on this page is estimated by a small AI model that runs on the ticket "
            "kiosk itself. It only estimates: the order of calls follows published rules and "
            "staff decisions, and the AI never changes it."
        ),
        "about_plain": (
            "AI is not in use now. The wait is worked out plainly: the people ahead of you, "
            "divided by the open counters, times the recent average service time."
        ),
        "about_hidden": (
            "Staff have hidden wait times for now; the page shows only the people ahead of you."
        ),
        "about_fallback": "Why AI is not in use now: {reason}",
        "about_range": (
            "The range shown is where most people (about 8 in 10) are called. It can be "
            "earlier or later: stay close when only a few people are ahead of you."
        ),
        "about_coverage": (
            "Recently, {pct}% of {count} tickets were called within the range shown."
        ),
        "about_model": "Model version: {version}",
        "about_person": "Want to ask a person? The staff at the information desk will help you.",
        "card_purpose": "Purpose",
        "card_inputs": "What it looks at",
        "card_personal": "Personal data",
        "card_training": "Training period",
        "card_accuracy": "Accuracy",
        "card_limits": "Known limits",
        "card_failure": "When the model fails",
        "card_contact": "Contact",
        "card_training_text": (
            "Learned from {tickets} tickets of {days} working days, {start} to {end}."
        ),
        "card_accuracy_text": (
            "Tested on {days} days it had not seen ({tickets} tickets): typically {model} "
            "minutes off, against {plain} minutes for the plain method; {coverage}% of waits "
            "fell within the range shown."
        ),
        "feedback_question": "Was the wait estimate right?",
        "feedback_yes": "Yes",
        "feedback_no": "No, it was wrong",
        "feedback_note": (
            "Your answer carries nothing personal; staff use it to check the estimates. "
            "One answer per ticket."
        ),
        "feedback_thanks": "Thank you! Your answer about the wait has been recorded.",
        "feedback_failed": "Your answer could not be saved just now. Please try again shortly.",
        "feedback_bad_title": "Answer not received",
        "feedback_bad_body": (
            "Please answer with the buttons on your ticket's page (opened from its QR code)."
        ),
        "feedback_unsaved_title": "Answer not saved",
        "feedback_unsaved_body": (
            "Your answer could not be saved just now. Please try again in a few minutes."
        ),
    },
}


def text(key: str, language: str, **params: object) -> str:
    """The text of ``key`` in ``language`` (Vietnamese when the language is not shipped).

    Raises :class:`KeyError` for a key the catalogue does not have: a typo is
    a bug to see in the tests, never a blank on a citizen's screen.
    """
    table = MESSAGES.get(language, MESSAGES[DEFAULT])
    words = table.get(key) or MESSAGES[DEFAULT][key]
    return words.format(**params) if params else words


def texts(key: str) -> dict[str, str]:
    """``key`` in every language, as a configuration ``Text`` (``{"vi": ..., "en": ...}``)."""
    return {language: MESSAGES[language][key] for language in LANGUAGES}


def placeholders(words: str) -> frozenset[str]:
    """The ``{fields}`` a text fills in."""
    return frozenset(name for _lit, name, _spec, _conv in string.Formatter().parse(words)
                     if name)
