"""Sample tickets shared by the printer tests and the benchmark."""

from __future__ import annotations

from app.ports import TicketPrint

URL = "http://localhost:8080/t/Qm9va2luZy0xMjM0NQ"

VI = TicketPrint(
    hall_name="Bộ phận Một cửa — UBND Phường Mẫu",
    number="A023",
    service_name="Chứng thực bản sao",
    issued_at_text="13/04/2026 09:12",
    people_ahead_text="Trước bạn có 5 người chờ",
    wait_text="Chờ khoảng 12–20 phút",
    ai_label="Ước tính bởi AI",
    counters_text="Quầy 1, 2, 3",
    qr_url=URL,
    qr_caption="Quét mã để theo dõi số của bạn",
    staff_note="Cần hỗ trợ? Hãy hỏi nhân viên tại quầy hướng dẫn.",
)

EN = TicketPrint(
    hall_name="One-Stop Service Desk — Model Ward",
    number="B104",
    service_name="Civil status (births, marriages)",
    issued_at_text="13/04/2026 09:12",
    people_ahead_text="People ahead of you: 5",
    wait_text="Wait: about 12–20 minutes",
    ai_label="AI estimate",
    counters_text="Counters 2, 3",
    qr_url=URL,
    qr_caption="Scan to follow your number",
    staff_note="Need help? Ask the staff at the information desk.",
    language="en",
)
