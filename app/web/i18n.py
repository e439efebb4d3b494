"""The phone page's words, in Vietnamese and English, and choosing between them.

Vietnamese is the default. The language comes from ``?lang=`` when the
person chose one with the switch, else from the phone's ``Accept-Language``.
Every key exists in every language (a test checks it), so no page ever shows
a key or an empty line.
"""

from __future__ import annotations

import re

LANGUAGES: tuple[str, ...] = ("vi", "en")
DEFAULT = "vi"

#: the language's own name, for the switch
NATIVE_NAMES = {"vi": "Tiếng Việt", "en": "English"}

STRINGS: dict[str, dict[str, str]] = {
    "vi": {
        "ticket_title": "Vé {number}",
        "ticket_label": "Số thứ tự của bạn",
        "service_label": "Dịch vụ",
        "language": "Ngôn ngữ",
        "status_heading": "Tình trạng",
        "turn": "Đến lượt bạn: mời đến quầy {counter}",
        "turn_again": "Bạn được gọi lại. Mời đến ngay quầy {counter}.",
        "turn_hint": "Hãy mang theo giấy tờ và đến quầy ngay.",
        "ahead_0": "Bạn là người tiếp theo.",
        "ahead_1": "Còn 1 người trước bạn.",
        "ahead_n": "Còn {n} người trước bạn.",
        "wait_counter": "Vé của bạn sẽ được gọi tại quầy {counter}.",
        "counters": "Quầy phục vụ: {counters}",
        "counters_1": "Quầy phục vụ: {counters}",
        "estimate": "Thời gian chờ khoảng {lo}–{hi} phút",
        "estimate_one": "Thời gian chờ khoảng {n} phút",
        "estimate_short": "Thời gian chờ dưới 1 phút",
        "ai_label": "Ước tính bởi AI",
        "plain_label": "Ước tính theo số người đang chờ (không dùng AI)",
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
        "card_no_personal": "Không dùng dữ liệu cá nhân nào.",
        "card_training": "Thời gian dữ liệu huấn luyện",
        "card_accuracy": "Độ chính xác",
        "card_limits": "Giới hạn đã biết",
        "card_failure": "Khi mô hình gặp lỗi",
        "card_contact": "Liên hệ",
        "card_purpose_text": (
            "Ước tính thời gian từ lúc lấy số đến lúc được gọi: một giá trị giữa và một "
            "khoảng mà khoảng 8 trên 10 lượt chờ nằm trong."
        ),
        "card_personal_text": (
            "Không dùng dữ liệu cá nhân: không tên, số giấy tờ, tuổi, khuôn mặt hay loại "
            "ưu tiên; chỉ biết vé có được ưu tiên theo luật hay không (vị trí trong hàng)."
        ),
        "card_training_text": (
            "Học từ {tickets} vé của {days} ngày làm việc, từ {start} đến {end}."
        ),
        "card_accuracy_text": (
            "Thử trên {days} ngày mô hình chưa từng thấy ({tickets} vé): sai lệch thường gặp "
            "khoảng {model} phút, so với {plain} phút của cách tính đơn giản; {coverage}% "
            "lượt chờ nằm trong khoảng đã hiển thị."
        ),
        "card_failure_text": (
            "Nếu mô hình bị thiếu, không qua kiểm tra toàn vẹn, hoặc gần đây ước tính kém hơn "
            "cách tính đơn giản, máy sẽ tự chuyển sang cách tính đơn giản (có ghi rõ) và "
            "báo cho nhân viên."
        ),
        "card_contact_text": (
            "Hãy hỏi nhân viên tại quầy hướng dẫn; người phụ trách có thể sửa, ẩn hoặc tắt "
            "ước tính."
        ),
        "card_limits_list": (
            "Mô hình học từ dữ liệu của chính sảnh này; khi sảnh thay đổi nhiều (dịch vụ "
            "hoặc quầy mới) ước tính có thể kém hơn cho đến khi được học lại.|"
            "Mô hình không biết trước việc chuyển vé, tạm giữ vé hay nhân viên gọi khác thứ tự.|"
            "Thời gian chờ rất dài được ước tính kém hơn và luôn được giới hạn ở mức tối đa."
        ),
        "input_queue": "số người trước bạn và hàng chờ của dịch vụ",
        "input_counters": "các quầy đang mở, tạm dừng hay đang rảnh, và tốc độ phục vụ",
        "input_pace": "thời gian phục vụ, số lượt gọi và thời gian chờ gần đây trong ngày",
        "input_time": "giờ trong ngày và thứ trong tuần",
        "input_plain": "các cách tính đơn giản",
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
        "ticket_title": "Ticket {number}",
        "ticket_label": "Your ticket number",
        "service_label": "Service",
        "language": "Language",
        "status_heading": "Status",
        "turn": "It's your turn: go to counter {counter}",
        "turn_again": "You have been called again. Please go to counter {counter} now.",
        "turn_hint": "Bring your documents and go to the counter now.",
        "ahead_0": "You are next.",
        "ahead_1": "1 person ahead of you.",
        "ahead_n": "{n} people ahead of you.",
        "wait_counter": "Your ticket will be called at counter {counter}.",
        "counters": "Served at counters {counters}",
        "counters_1": "Served at counter {counters}",
        "estimate": "About {lo}–{hi} minutes",
        "estimate_one": "About {n} minutes",
        "estimate_short": "Less than a minute",
        "ai_label": "AI estimate",
        "plain_label": "Estimate from the queue length (not AI)",
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
        "card_no_personal": "No personal data is used.",
        "card_training": "Training period",
        "card_accuracy": "Accuracy",
        "card_limits": "Known limits",
        "card_failure": "When the model fails",
        "card_contact": "Contact",
        "card_purpose_text": (
            "Estimate how long you wait from taking a ticket to being called: a middle value "
            "and a range that about 8 in 10 waits fall in."
        ),
        "card_personal_text": (
            "No personal data: no names, ID numbers, ages, faces or priority categories; only "
            "whether a ticket has legal priority (its place in line)."
        ),
        "card_training_text": (
            "Learned from {tickets} tickets of {days} working days, {start} to {end}."
        ),
        "card_accuracy_text": (
            "Tested on {days} days it had not seen ({tickets} tickets): typically {model} "
            "minutes off, against {plain} minutes for the plain method; {coverage}% of waits "
            "fell within the range shown."
        ),
        "card_failure_text": (
            "If the model is missing, fails its integrity check, or recently does worse than "
            "the plain method, the kiosk switches to the plain method by itself (labelled as "
            "such) and tells staff."
        ),
        "card_contact_text": (
            "Ask the staff at the information desk; a supervisor can correct, hide or switch "
            "off the estimates."
        ),
        "card_limits_list": (
            "It learned from this hall's own records; when the hall changes a lot (new "
            "services or counters) it may estimate worse until it is retrained.|"
            "It does not foresee transfers, tickets put on hold, or staff calling out of order.|"
            "Very long waits are estimated less well, and estimates are capped at a maximum."
        ),
        "input_queue": "the people ahead of you and your service's queue",
        "input_counters": "which counters are open, paused or free, and how fast they work",
        "input_pace": "recent service times, calls and waits today",
        "input_time": "the time of day and the day of the week",
        "input_plain": "the plain estimates",
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

_TAG = re.compile(r"^\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


def negotiate(accept_language: str | None, choice: str | None = None) -> str:
    """The page's language: an explicit choice, else the phone's best match, else Vietnamese."""
    if choice in LANGUAGES:
        return str(choice)
    best, best_q = DEFAULT, -1.0
    for position, part in enumerate((accept_language or "").split(",")[:20]):
        m = _TAG.match(part)
        if not m:
            continue
        lang = m[1].lower()
        try:
            q = float(m[2]) if m[2] is not None else 1.0
        except ValueError:
            continue
        if lang not in LANGUAGES or q <= 0:
            continue
        # equal weights keep the phone's order: earlier entries win
        score = q - position * 1e-6
        if score > best_q:
            best, best_q = lang, score
    return best


def t(lang: str, key: str, **params: object) -> str:
    """The text of ``key`` in ``lang`` (Vietnamese when the language is unknown)."""
    table = STRINGS.get(lang, STRINGS[DEFAULT])
    text = table.get(key) or STRINGS[DEFAULT][key]
    return text.format(**params) if params else text
