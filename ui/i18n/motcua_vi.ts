<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AboutPanel</name>
    <message>
        <location filename="../qml/kiosk/AboutPanel.qml" line="16"/>
        <source>How is this estimated?</source>
        <translation>Thời gian chờ được ước tính thế nào?</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AboutPanel.qml" line="58"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>AccessBar</name>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="41"/>
        <source>Larger text</source>
        <translation>Chữ lớn hơn</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="50"/>
        <source>High contrast</source>
        <translation>Tương phản cao</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="59"/>
        <source>Read aloud</source>
        <translation>Đọc to</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="69"/>
        <source>Easy reach</source>
        <translation>Dễ với tới</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../qml/kiosk/AttractScreen.qml" line="28"/>
        <location filename="../qml/kiosk/AttractScreen.qml" line="66"/>
        <source>Touch the screen to take a ticket</source>
        <translation>Chạm vào màn hình để lấy số</translation>
    </message>
</context>
<context>
    <name>CallsStrip</name>
    <message>
        <location filename="../qml/Motcua/CallsStrip.qml" line="19"/>
        <source>Now serving</source>
        <translation>Đang phục vụ</translation>
    </message>
    <message>
        <location filename="../qml/Motcua/CallsStrip.qml" line="42"/>
        <source>%1 → counter %2</source>
        <translation>%1 → quầy %2</translation>
    </message>
    <message>
        <location filename="../qml/Motcua/CallsStrip.qml" line="47"/>
        <source>No numbers called yet</source>
        <translation>Chưa gọi số nào</translation>
    </message>
</context>
<context>
    <name>FloorPlan</name>
    <message>
        <location filename="../qml/kiosk/FloorPlan.qml" line="107"/>
        <source>You are here</source>
        <translation>Bạn đang ở đây</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="21"/>
        <source>Choose a service</source>
        <translation>Chọn dịch vụ</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="59"/>
        <source>Priority ticket: %1 (tap to change)</source>
        <translation>Số ưu tiên: %1 (chạm để đổi)</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="60"/>
        <source>Priority ticket: %1</source>
        <translation>Số ưu tiên: %1</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="69"/>
        <source>How are waits estimated?</source>
        <translation>Thời gian chờ được ước tính thế nào?</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../texts.py" line="46"/>
        <source>under 2 minutes</source>
        <extracomment>the languages&apos; own names, shown on the language switch (never translated)</extracomment>
        <translation>dưới 2 phút</translation>
    </message>
    <message>
        <location filename="../texts.py" line="48"/>
        <source>up to %1 minutes</source>
        <translation>tối đa %1 phút</translation>
    </message>
    <message>
        <location filename="../texts.py" line="50"/>
        <source>about %1–%2 minutes</source>
        <translation>khoảng %1–%2 phút</translation>
    </message>
    <message>
        <location filename="../texts.py" line="58"/>
        <source>You are next</source>
        <translation>Bạn là người tiếp theo</translation>
    </message>
    <message numerus="yes">
        <location filename="../texts.py" line="59"/>
        <source>%n people ahead of you</source>
        <translation>
            <numerusform>Có %n người chờ trước bạn</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../texts.py" line="64"/>
        <source>Nobody waiting</source>
        <translation>Không có ai đang chờ</translation>
    </message>
    <message numerus="yes">
        <location filename="../texts.py" line="65"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n người đang chờ</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../texts.py" line="70"/>
        <source>AI estimate</source>
        <translation>Ước tính bởi AI</translation>
    </message>
    <message>
        <location filename="../texts.py" line="72"/>
        <source>Simple estimate (not AI)</source>
        <translation>Ước tính đơn giản (không dùng AI)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="78"/>
        <source>Staff will call you to a counter</source>
        <translation>Nhân viên sẽ mời bạn đến quầy</translation>
    </message>
    <message>
        <location filename="../texts.py" line="80"/>
        <source>Go to counter %1</source>
        <translation>Mời đến quầy %1</translation>
    </message>
    <message>
        <location filename="../texts.py" line="84"/>
        <source>Go to counter %1 or %2</source>
        <translation>Mời đến quầy %1 hoặc %2</translation>
    </message>
    <message>
        <location filename="../texts.py" line="107"/>
        <source>“%1” has given all of today&apos;s tickets. Please come back tomorrow.</source>
        <translation>“%1” đã phát hết số của hôm nay. Xin mời quay lại vào ngày mai.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="110"/>
        <source>“%1” has no more numbers today. Please ask the staff.</source>
        <translation>“%1” đã hết số thứ tự hôm nay. Xin hỏi nhân viên.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="113"/>
        <source>“%1” gives tickets only during %2.</source>
        <translation>“%1” chỉ phát số trong khung giờ %2.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="117"/>
        <source>This service is not offered here today.</source>
        <translation>Hôm nay dịch vụ này không được cung cấp tại đây.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="119"/>
        <source>That priority group is not known here. Please ask the staff.</source>
        <translation>Nhóm ưu tiên này không có ở đây. Xin hỏi nhân viên.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="122"/>
        <source>A ticket could not be given right now. Please ask the staff.</source>
        <translation>Hiện chưa thể cấp số. Xin hỏi nhân viên.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="128"/>
        <source>A ticket could not be given right now. Please try again or ask the staff.</source>
        <translation>Hiện chưa thể cấp số. Xin thử lại hoặc hỏi nhân viên.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="137"/>
        <source>Printing your ticket…</source>
        <translation>Đang in phiếu của bạn…</translation>
    </message>
    <message>
        <location filename="../texts.py" line="139"/>
        <source>Please take your ticket below the screen</source>
        <translation>Xin nhận phiếu ở khe bên dưới màn hình</translation>
    </message>
    <message>
        <location filename="../texts.py" line="141"/>
        <source>The printer is not working: please photograph this screen or scan the QR code; staff have been told. Your number is valid.</source>
        <translation>Máy in đang gặp sự cố: xin chụp ảnh màn hình này hoặc quét mã QR; nhân viên đã được báo. Số của bạn vẫn có hiệu lực.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="146"/>
        <source>This kiosk does not print: please photograph this screen or scan the QR code.</source>
        <translation>Máy này không in phiếu: xin chụp ảnh màn hình này hoặc quét mã QR.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="224"/>
        <source>on held-out days its estimates were off by %1 minutes on average</source>
        <translation>trên các ngày dùng để kiểm tra, ước tính lệch trung bình %1 phút</translation>
    </message>
    <message>
        <location filename="../texts.py" line="228"/>
        <source>the simple method was off by %1 minutes</source>
        <translation>cách tính đơn giản lệch %1 phút</translation>
    </message>
    <message>
        <location filename="../texts.py" line="233"/>
        <source>%1 in 10 people were called within the range shown</source>
        <translation>%1 trên 10 người được gọi trong khoảng thời gian đã báo</translation>
    </message>
    <message>
        <location filename="../texts.py" line="253"/>
        <source>What it is for</source>
        <translation>Dùng để làm gì</translation>
    </message>
    <message>
        <location filename="../texts.py" line="261"/>
        <source>queue and counter data only, no personal data.</source>
        <translation>chỉ dữ liệu hàng chờ và quầy, không có dữ liệu cá nhân.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="263"/>
        <source>What it uses</source>
        <translation>Dùng những dữ liệu nào</translation>
    </message>
    <message>
        <location filename="../texts.py" line="270"/>
        <source>%1 tickets</source>
        <translation>%1 phiếu</translation>
    </message>
    <message>
        <location filename="../texts.py" line="272"/>
        <source>What it learned from</source>
        <translation>Học từ dữ liệu nào</translation>
    </message>
    <message>
        <location filename="../texts.py" line="273"/>
        <source>How accurate it was when tested</source>
        <translation>Độ chính xác khi kiểm tra</translation>
    </message>
    <message>
        <location filename="../texts.py" line="277"/>
        <source>No AI is used now</source>
        <translation>Hiện không dùng AI</translation>
    </message>
    <message>
        <location filename="../texts.py" line="278"/>
        <source>The wait is estimated from the number of people ahead, the open counters and the usual time per person.</source>
        <translation>Thời gian chờ được tính từ số người chờ trước bạn, số quầy đang mở và thời gian phục vụ thường lệ cho mỗi người.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="287"/>
        <source>For the last %1 tickets, %2 in 10 were called within the range shown.</source>
        <translation>Với %1 phiếu gần nhất, %2 trên 10 người được gọi trong khoảng thời gian đã báo.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="293"/>
        <source>On average the estimate was off by %1 minutes.</source>
        <translation>Trung bình ước tính lệch %1 phút.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="296"/>
        <source>How accurate it is in this hall now</source>
        <translation>Độ chính xác hiện nay tại đây</translation>
    </message>
    <message>
        <location filename="../texts.py" line="299"/>
        <source>What it cannot do</source>
        <translation>Những giới hạn</translation>
    </message>
    <message>
        <location filename="../texts.py" line="303"/>
        <source>When the model fails</source>
        <translation>Khi mô hình gặp lỗi</translation>
    </message>
    <message>
        <location filename="../texts.py" line="304"/>
        <source>The kiosk switches to the simple estimate by itself and tells the staff. Your place in line never depends on the estimate.</source>
        <translation>Máy tự chuyển sang cách tính đơn giản và báo cho nhân viên. Thứ tự của bạn không bao giờ phụ thuộc vào ước tính.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="310"/>
        <source>Model version</source>
        <translation>Phiên bản mô hình</translation>
    </message>
    <message>
        <location filename="../texts.py" line="311"/>
        <source>Talk to a person</source>
        <translation>Gặp nhân viên</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="688"/>
        <source>Touch the screen to take a ticket.</source>
        <extracomment>called once, on the printer&apos;s worker thread; None means &quot;this kiosk has no printer&quot; the estimate for someone joining each service now (None: nobody waiting)</extracomment>
        <translation>Chạm vào màn hình để lấy số.</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="692"/>
        <source>Choose a service:</source>
        <translation>Chọn dịch vụ:</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="698"/>
        <source>Documents to bring:</source>
        <translation>Giấy tờ cần mang theo:</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="700"/>
        <source>Press “Take a ticket” at the bottom of the screen.</source>
        <translation>Nhấn “Lấy số” ở cuối màn hình.</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="705"/>
        <source>Your number is %1.</source>
        <translation>Số của bạn là %1.</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="708"/>
        <source>Estimated wait: %1.</source>
        <translation>Thời gian chờ ước tính: %1.</translation>
    </message>
</context>
<context>
    <name>MessagePanel</name>
    <message>
        <location filename="../qml/kiosk/MessagePanel.qml" line="33"/>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
</context>
<context>
    <name>PriorityPanel</name>
    <message>
        <location filename="../qml/kiosk/PriorityPanel.qml" line="16"/>
        <source>Priority ticket</source>
        <translation>Số ưu tiên</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/PriorityPanel.qml" line="22"/>
        <source>For the people the law gives priority. Choose yours; staff will check at the counter.</source>
        <translation>Dành cho người được ưu tiên theo quy định. Xin chọn nhóm của bạn; nhân viên sẽ kiểm tra tại quầy.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/PriorityPanel.qml" line="52"/>
        <source>No priority</source>
        <translation>Không ưu tiên</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/PriorityPanel.qml" line="59"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>ServiceScreen</name>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="44"/>
        <source>Documents to bring</source>
        <translation>Giấy tờ cần mang theo</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="95"/>
        <source>Priority ticket: %1. Staff will check at the counter.</source>
        <translation>Số ưu tiên: %1. Nhân viên sẽ kiểm tra tại quầy.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="114"/>
        <source>Or do it online: scan to open this service on the National Public Service Portal.</source>
        <translation>Hoặc làm trực tuyến: quét mã để mở dịch vụ này trên Cổng Dịch vụ công quốc gia.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="133"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="145"/>
        <source>How is this estimated?</source>
        <translation>Thời gian chờ được ước tính thế nào?</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="155"/>
        <source>Please wait…</source>
        <translation>Xin chờ…</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="155"/>
        <source>Take a ticket</source>
        <translation>Lấy số</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="23"/>
        <source>Scan to follow your turn on your phone</source>
        <translation>Quét mã để theo dõi lượt của bạn trên điện thoại</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="45"/>
        <source>Your number</source>
        <translation>Số của bạn</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="88"/>
        <source>Priority: %1. Staff will check at the counter.</source>
        <translation>Ưu tiên: %1. Nhân viên sẽ kiểm tra tại quầy.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="123"/>
        <source>Wait: %1</source>
        <translation>Thời gian chờ: %1</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="151"/>
        <source>The way to counter %1</source>
        <translation>Đường đến quầy %1</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="186"/>
        <source>How is this estimated?</source>
        <translation>Thời gian chờ được ước tính thế nào?</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="215"/>
        <source>Done</source>
        <translation>Xong</translation>
    </message>
</context>
</TS>
