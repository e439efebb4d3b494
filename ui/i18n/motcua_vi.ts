<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AboutPanel</name>
    <message>
        <location filename="../qml/kiosk/AboutPanel.qml" line="17"/>
        <source>How is this estimated?</source>
        <translation>Thời gian chờ được ước tính thế nào?</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AboutPanel.qml" line="84"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>AccessBar</name>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="45"/>
        <source>Larger text</source>
        <translation>Chữ lớn hơn</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="55"/>
        <source>High contrast</source>
        <translation>Tương phản cao</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="65"/>
        <source>Read aloud</source>
        <translation>Đọc to</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="76"/>
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
    <name>Board</name>
    <message>
        <location filename="../board.py" line="45"/>
        <source>Spoken calls are not working; staff have been told.</source>
        <translation>Loa gọi số đang không hoạt động; đã báo cho nhân viên.</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="24"/>
        <source>Hall display</source>
        <translation>Màn hình gọi số</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="124"/>
        <location filename="../qml/board/Board.qml" line="207"/>
        <source>Counters</source>
        <translation>Các quầy</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="248"/>
        <source>Counter %1</source>
        <translation>Quầy %1</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="258"/>
        <source>Closed</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="259"/>
        <source>Paused</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="292"/>
        <source>Waiting</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="116"/>
        <source>Last called</source>
        <translation>Vừa gọi</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="173"/>
        <source>No numbers called yet</source>
        <translation>Chưa gọi số nào</translation>
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
        <location filename="../qml/Motcua/CallsStrip.qml" line="50"/>
        <source>%1 → counter %2</source>
        <translation>%1 → quầy %2</translation>
    </message>
    <message>
        <location filename="../qml/Motcua/CallsStrip.qml" line="57"/>
        <source>No numbers called yet</source>
        <translation>Chưa gọi số nào</translation>
    </message>
</context>
<context>
    <name>CameraSign</name>
    <message>
        <location filename="../qml/camera/CameraSign.qml" line="51"/>
        <source>Camera on: presence only, no recording</source>
        <translation>Camera đang bật: chỉ nhận biết có người, không ghi hình</translation>
    </message>
</context>
<context>
    <name>ConfirmPanel</name>
    <message>
        <location filename="../qml/staff/ConfirmPanel.qml" line="42"/>
        <source>This will change:</source>
        <translation>Thay đổi sẽ là:</translation>
    </message>
    <message>
        <location filename="../qml/staff/ConfirmPanel.qml" line="66"/>
        <source>Why?</source>
        <translation>Lý do?</translation>
    </message>
    <message>
        <location filename="../qml/staff/ConfirmPanel.qml" line="93"/>
        <source>More detail (optional; needed for Other)</source>
        <translation>Ghi rõ thêm (không bắt buộc; cần khi chọn Lý do khác)</translation>
    </message>
    <message>
        <location filename="../qml/staff/ConfirmPanel.qml" line="113"/>
        <source>Cancel</source>
        <translation>Huỷ bỏ</translation>
    </message>
    <message>
        <location filename="../qml/staff/ConfirmPanel.qml" line="123"/>
        <source>Confirm</source>
        <translation>Xác nhận</translation>
    </message>
</context>
<context>
    <name>CounterConsole</name>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="17"/>
        <location filename="../qml/staff/CounterConsole.qml" line="49"/>
        <location filename="../qml/staff/CounterConsole.qml" line="75"/>
        <location filename="../qml/staff/CounterConsole.qml" line="294"/>
        <source>Counter %1</source>
        <translation>Quầy %1</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="90"/>
        <source>Sign out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="119"/>
        <source>Now serving</source>
        <translation>Đang phục vụ</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="150"/>
        <source>Call next</source>
        <translation>Gọi số tiếp</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="155"/>
        <source>Recall</source>
        <translation>Gọi lại</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="160"/>
        <source>Complete</source>
        <translation>Hoàn thành</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="165"/>
        <source>No-show</source>
        <translation>Vắng mặt</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="170"/>
        <source>Transfer</source>
        <translation>Chuyển</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="176"/>
        <source>Pause</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="177"/>
        <source>Resume</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="177"/>
        <source>Open counter</source>
        <translation>Mở quầy</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="205"/>
        <source>Waiting for this counter: %1</source>
        <translation>Đang chờ quầy này: %1</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="235"/>
        <source>priority</source>
        <translation>ưu tiên</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="236"/>
        <source>set aside</source>
        <translation>để riêng</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="240"/>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="271"/>
        <source>Transfer %1 to</source>
        <translation>Chuyển %1 đến</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="304"/>
        <source>Put first in line</source>
        <translation>Xếp lên đầu hàng</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="312"/>
        <source>Cancel</source>
        <translation>Huỷ bỏ</translation>
    </message>
</context>
<context>
    <name>FloorPlan</name>
    <message>
        <location filename="../qml/kiosk/FloorPlan.qml" line="231"/>
        <source>You are here</source>
        <translation>Bạn đang ở đây</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="22"/>
        <location filename="../qml/kiosk/HomeScreen.qml" line="34"/>
        <source>Choose a service</source>
        <translation>Chọn dịch vụ</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="55"/>
        <source>The printer is not working. You can still take a number: it is shown on the screen to write down.</source>
        <translation>Máy in đang hỏng. Bạn vẫn lấy được số: số hiện trên màn hình để bạn ghi lại.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="113"/>
        <source>Priority ticket: %1 (tap to change)</source>
        <translation>Số ưu tiên: %1 (chạm để đổi)</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="114"/>
        <source>Priority ticket: %1</source>
        <translation>Số ưu tiên: %1</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="123"/>
        <source>How are waits estimated?</source>
        <translation>Thời gian chờ được ước tính thế nào?</translation>
    </message>
</context>
<context>
    <name>IdCardPrompt</name>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="46"/>
        <source>Hello, %1. Your card is checked.</source>
        <translation>Xin chào %1. Thẻ của bạn đã được kiểm tra.</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="47"/>
        <source>Your card is checked.</source>
        <translation>Thẻ của bạn đã được kiểm tra.</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="48"/>
        <source>Check in with your chip ID card?</source>
        <translation>Lấy số bằng thẻ căn cước gắn chip?</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="56"/>
        <source>Why: each citizen may hold one active ticket per service, and an appointment can be found for you. It is your choice: without the card you get a ticket just the same.</source>
        <translation>Vì sao: mỗi công dân chỉ giữ một số đang chờ cho mỗi dịch vụ, và lịch hẹn của bạn (nếu có) sẽ được tìm thấy. Bạn tự quyết định: không dùng thẻ, bạn vẫn được lấy số như thường.</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="62"/>
        <source>What is kept: only a code made from your ID number, until the end of today. Your name, number and date of birth are not stored, and no picture is saved.</source>
        <translation>Dữ liệu được giữ: chỉ một mã tạo từ số căn cước của bạn, đến hết hôm nay. Họ tên, số căn cước và ngày sinh không được lưu, và không có hình ảnh nào được lưu.</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="69"/>
        <source>Hold the QR code on your card up to the camera or the scanner.</source>
        <translation>Hãy đưa mã QR trên thẻ của bạn trước camera hoặc máy quét.</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="78"/>
        <source>You already have ticket %1 for this service today.</source>
        <translation>Hôm nay bạn đã có số %1 cho dịch vụ này.</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="79"/>
        <source>This code could not be read as a chip ID card. Try again, or continue without the card.</source>
        <translation>Không đọc được mã này như thẻ căn cước gắn chip. Hãy thử lại, hoặc tiếp tục mà không dùng thẻ.</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="90"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="97"/>
        <source>Continue without card</source>
        <translation>Tiếp tục không dùng thẻ</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="104"/>
        <source>Take a ticket</source>
        <translation>Lấy số</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../texts.py" line="51"/>
        <source>Nobody waiting</source>
        <extracomment>the languages&apos; own names, shown on the language switch (never translated)</extracomment>
        <translation>Không có ai đang chờ</translation>
    </message>
    <message>
        <location filename="../texts.py" line="52"/>
        <source>%n waiting</source>
        <translation>%n người đang chờ</translation>
    </message>
    <message>
        <location filename="../texts.py" line="57"/>
        <source>Staff will call you to a counter</source>
        <translation>Nhân viên sẽ mời bạn đến quầy</translation>
    </message>
    <message>
        <location filename="../texts.py" line="59"/>
        <source>Go to counter %1</source>
        <translation>Mời đến quầy %1</translation>
    </message>
    <message>
        <location filename="../texts.py" line="63"/>
        <source>Go to counter %1 or %2</source>
        <translation>Mời đến quầy %1 hoặc %2</translation>
    </message>
    <message>
        <location filename="../texts.py" line="87"/>
        <source>“%1” has given all of today&apos;s tickets. Please come back tomorrow.</source>
        <translation>“%1” đã phát hết số của hôm nay. Xin mời quay lại vào ngày mai.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="90"/>
        <source>“%1” has no more numbers today. Please ask the staff.</source>
        <translation>“%1” đã hết số thứ tự hôm nay. Xin hỏi nhân viên.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="93"/>
        <source>“%1” gives tickets only during %2.</source>
        <translation>“%1” chỉ phát số trong khung giờ %2.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="97"/>
        <source>This service is not offered here today.</source>
        <translation>Hôm nay dịch vụ này không được cung cấp tại đây.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="99"/>
        <source>That priority group is not known here. Please ask the staff.</source>
        <translation>Nhóm ưu tiên này không có ở đây. Xin hỏi nhân viên.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="102"/>
        <source>A ticket could not be given right now. Please ask the staff.</source>
        <translation>Hiện chưa thể cấp số. Xin hỏi nhân viên.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="108"/>
        <source>A ticket could not be given right now. Please try again or ask the staff.</source>
        <translation>Hiện chưa thể cấp số. Xin thử lại hoặc hỏi nhân viên.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="117"/>
        <source>Printing your ticket…</source>
        <translation>Đang in phiếu của bạn…</translation>
    </message>
    <message>
        <location filename="../texts.py" line="119"/>
        <source>Please take your ticket below the screen</source>
        <translation>Xin nhận phiếu ở khe bên dưới màn hình</translation>
    </message>
    <message>
        <location filename="../texts.py" line="121"/>
        <source>The ticket did not print: write your number down, or photograph this screen and show it at the counter. Staff have been told; your number is valid.</source>
        <translation>Phiếu chưa in được: xin ghi lại số, hoặc chụp ảnh màn hình này và đưa cho nhân viên tại quầy. Nhân viên đã được báo; số của bạn vẫn có hiệu lực.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="126"/>
        <source>This kiosk does not print: write your number down, or photograph this screen and show it at the counter.</source>
        <translation>Máy này không in phiếu: xin ghi lại số, hoặc chụp ảnh màn hình này và đưa cho nhân viên tại quầy.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="146"/>
        <source>What it is for</source>
        <translation>Dùng để làm gì</translation>
    </message>
    <message>
        <location filename="../texts.py" line="148"/>
        <source>What it uses</source>
        <translation>Dùng những dữ liệu nào</translation>
    </message>
    <message>
        <location filename="../texts.py" line="151"/>
        <source>How it works</source>
        <translation>Cách mô hình hoạt động</translation>
    </message>
    <message>
        <location filename="../texts.py" line="153"/>
        <source>What it learned from</source>
        <translation>Học từ dữ liệu nào</translation>
    </message>
    <message>
        <location filename="../texts.py" line="155"/>
        <source>How accurate it was when tested</source>
        <translation>Độ chính xác khi kiểm tra</translation>
    </message>
    <message>
        <location filename="../texts.py" line="159"/>
        <source>No AI is used now</source>
        <translation>Hiện không dùng AI</translation>
    </message>
    <message>
        <location filename="../texts.py" line="160"/>
        <source>The wait is estimated from the number of people ahead, the open counters and the usual time per person.</source>
        <translation>Thời gian chờ được tính từ số người chờ trước bạn, số quầy đang mở và thời gian phục vụ thường lệ cho mỗi người.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="169"/>
        <source>For the last %1 tickets, %2 in 10 were called within the range shown.</source>
        <translation>Với %1 phiếu gần nhất, %2 trên 10 người được gọi trong khoảng thời gian đã báo.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="175"/>
        <source>On average the estimate was off by %1 minutes.</source>
        <translation>Trung bình ước tính lệch %1 phút.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="178"/>
        <source>How accurate it is in this hall now</source>
        <translation>Độ chính xác hiện nay tại đây</translation>
    </message>
    <message>
        <location filename="../texts.py" line="181"/>
        <source>What it cannot do</source>
        <translation>Những giới hạn</translation>
    </message>
    <message>
        <location filename="../texts.py" line="183"/>
        <source>When the model fails</source>
        <translation>Khi mô hình gặp lỗi</translation>
    </message>
    <message>
        <location filename="../texts.py" line="185"/>
        <source>Model version</source>
        <translation>Phiên bản mô hình</translation>
    </message>
    <message>
        <location filename="../texts.py" line="190"/>
        <source>Talk to a person</source>
        <translation>Gặp nhân viên</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="666"/>
        <source>Touch the screen to take a ticket.</source>
        <extracomment>called once, on the printer&apos;s worker thread; None means &quot;this kiosk has no printer&quot; Qt&apos;s own type names for QML lists and maps: PySide takes them at run time, its stubs know only Python types</extracomment>
        <translation>Chạm vào màn hình để lấy số.</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="670"/>
        <source>Choose a service:</source>
        <translation>Chọn dịch vụ:</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="676"/>
        <source>Documents to bring:</source>
        <translation>Giấy tờ cần mang theo:</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="678"/>
        <source>Press “Take a ticket” at the bottom of the screen.</source>
        <translation>Nhấn “Lấy số” ở cuối màn hình.</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="683"/>
        <source>Your number is %1.</source>
        <translation>Số của bạn là %1.</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="686"/>
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
    <name>PinPad</name>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="63"/>
        <source>Staff sign-in</source>
        <translation>Nhân viên đăng nhập</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="70"/>
        <source>Staff number</source>
        <translation>Mã nhân viên</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="71"/>
        <source>PIN</source>
        <translation>Mã PIN</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="124"/>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="134"/>
        <source>Cancel</source>
        <translation>Huỷ bỏ</translation>
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
        <location filename="../qml/kiosk/ServiceScreen.qml" line="82"/>
        <source>Documents to bring</source>
        <translation>Giấy tờ cần mang theo</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="133"/>
        <source>Priority ticket: %1. Staff will check at the counter.</source>
        <translation>Số ưu tiên: %1. Nhân viên sẽ kiểm tra tại quầy.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="158"/>
        <source>Or do it online: scan to open this service on the National Public Service Portal.</source>
        <translation>Hoặc làm trực tuyến: quét mã để mở dịch vụ này trên Cổng Dịch vụ công quốc gia.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="183"/>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="197"/>
        <source>How is this estimated?</source>
        <translation>Thời gian chờ được ước tính thế nào?</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="208"/>
        <source>Please wait…</source>
        <translation>Xin chờ…</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="208"/>
        <source>Take a ticket</source>
        <translation>Lấy số</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <location filename="../staff/texts.py" line="22"/>
        <source>The citizen asked</source>
        <translation>Công dân đề nghị</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="23"/>
        <source>Wrong service chosen</source>
        <translation>Chọn nhầm dịch vụ</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="24"/>
        <source>Priority confirmed</source>
        <translation>Đã xác nhận ưu tiên</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="25"/>
        <source>The citizen left</source>
        <translation>Công dân đã về</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="26"/>
        <source>Correcting a mistake</source>
        <translation>Sửa một nhầm lẫn</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="27"/>
        <source>Device fault</source>
        <translation>Thiết bị lỗi</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="28"/>
        <source>Estimates are wrong today</source>
        <translation>Hôm nay ước tính bị sai</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="29"/>
        <source>Other (say why)</source>
        <translation>Lý do khác (ghi rõ)</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="36"/>
        <source>Call next</source>
        <translation>Gọi số tiếp</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="37"/>
        <source>Call this ticket</source>
        <translation>Gọi số này</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="38"/>
        <source>Recall</source>
        <translation>Gọi lại</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="39"/>
        <source>Complete</source>
        <translation>Hoàn thành</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="40"/>
        <source>No-show</source>
        <translation>Vắng mặt</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="41"/>
        <source>Transfer</source>
        <translation>Chuyển</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="42"/>
        <source>Set or clear priority</source>
        <translation>Đặt hoặc bỏ ưu tiên</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="43"/>
        <source>Cancel ticket</source>
        <translation>Huỷ số</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="44"/>
        <source>Set aside</source>
        <translation>Để riêng</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="45"/>
        <source>Back into the queue</source>
        <translation>Trả về hàng chờ</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="46"/>
        <source>Reprint</source>
        <translation>In lại</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="47"/>
        <source>Open counter</source>
        <translation>Mở quầy</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="48"/>
        <source>Pause counter</source>
        <translation>Tạm dừng quầy</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="49"/>
        <source>Resume counter</source>
        <translation>Mở lại quầy</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="50"/>
        <source>Close counter</source>
        <translation>Đóng quầy</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="51"/>
        <source>Change services</source>
        <translation>Đổi dịch vụ của quầy</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="52"/>
        <source>Switch the AI estimate</source>
        <translation>Bật/tắt ước tính AI</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="53"/>
        <source>Correct the estimates</source>
        <translation>Điều chỉnh ước tính</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="54"/>
        <source>Show or hide estimates</source>
        <translation>Hiện hoặc ẩn ước tính</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="55"/>
        <source>Use the AI model again</source>
        <translation>Dùng lại mô hình AI</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="78"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="79"/>
        <source>Service</source>
        <translation>Dịch vụ</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="80"/>
        <source>Counter</source>
        <translation>Quầy</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="81"/>
        <source>Priority</source>
        <translation>Ưu tiên</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="82"/>
        <source>First in line</source>
        <translation>Đầu hàng</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="83"/>
        <source>People ahead</source>
        <translation>Số người phía trước</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="84"/>
        <source>Services</source>
        <translation>Dịch vụ</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="85"/>
        <source>Serving</source>
        <translation>Đang phục vụ</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="86"/>
        <source>AI estimate</source>
        <translation>Ước tính AI</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="87"/>
        <source>Estimates shown</source>
        <translation>Hiện ước tính</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="88"/>
        <source>Correction (minutes)</source>
        <translation>Điều chỉnh (phút)</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="89"/>
        <source>Model stepped aside</source>
        <translation>Mô hình tạm ngừng</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="96"/>
        <source>waiting</source>
        <translation>đang chờ</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="97"/>
        <source>being served</source>
        <translation>đang được phục vụ</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="98"/>
        <source>set aside</source>
        <translation>để riêng</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="99"/>
        <source>completed</source>
        <translation>đã xong</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="100"/>
        <source>did not come</source>
        <translation>vắng mặt</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="101"/>
        <source>cancelled</source>
        <translation>đã huỷ</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="102"/>
        <source>open</source>
        <translation>mở</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="103"/>
        <source>paused</source>
        <translation>tạm dừng</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="104"/>
        <source>closed</source>
        <translation>đóng</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="110"/>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="112"/>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="123"/>
        <source>Wrong staff number or PIN.</source>
        <translation>Sai mã nhân viên hoặc mã PIN.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="124"/>
        <source>Too many wrong PINs: sign-in is locked until %1.</source>
        <translation>Nhập sai PIN quá nhiều lần: tạm khoá đăng nhập đến %1.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="127"/>
        <source>Too many wrong PINs: sign-in stays locked until a supervisor unlocks it.</source>
        <translation>Nhập sai PIN quá nhiều lần: đăng nhập bị khoá cho đến khi giám sát viên mở khoá.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="130"/>
        <source>This staff account is disabled; ask a supervisor.</source>
        <translation>Tài khoản này đã bị khoá; hãy hỏi người giám sát.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="133"/>
        <source>Your role may not do this; ask a supervisor.</source>
        <translation>Vai trò của bạn không được làm việc này; hãy hỏi người giám sát.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="136"/>
        <source>You may only serve at your own counter.</source>
        <translation>Bạn chỉ được phục vụ tại quầy của mình.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="139"/>
        <source>Your staff session has ended; sign in again.</source>
        <translation>Phiên làm việc đã kết thúc; hãy đăng nhập lại.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="142"/>
        <source>Sign in with your staff PIN first.</source>
        <translation>Hãy đăng nhập bằng mã PIN nhân viên trước.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="143"/>
        <source>Choose a reason first.</source>
        <translation>Hãy chọn lý do trước.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="144"/>
        <source>Say in a few words why.</source>
        <translation>Hãy ghi ngắn gọn lý do.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="145"/>
        <source>%1 is still being served: complete it first.</source>
        <translation>Số %1 đang được phục vụ: hãy hoàn thành trước.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="148"/>
        <source>Nobody is waiting for this counter.</source>
        <translation>Không có ai chờ quầy này.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="149"/>
        <source>The counter is paused: resume it first.</source>
        <translation>Quầy đang tạm dừng: hãy mở lại trước.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="152"/>
        <source>The counter is closed: open it first.</source>
        <translation>Quầy đang đóng: hãy mở quầy trước.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="155"/>
        <source>%1 has not been called.</source>
        <translation>Số %1 chưa được gọi.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="158"/>
        <source>Call %1 again before marking a no-show.</source>
        <translation>Hãy gọi lại số %1 trước khi ghi vắng mặt.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="161"/>
        <source>%1 is already being served.</source>
        <translation>Số %1 đang được phục vụ.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="164"/>
        <source>%1 is not waiting.</source>
        <translation>Số %1 không ở trong hàng chờ.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="167"/>
        <source>%1 is already finished.</source>
        <translation>Số %1 đã kết thúc.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="170"/>
        <source>Nothing would change.</source>
        <translation>Không có gì thay đổi.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="171"/>
        <source>The counter is already open.</source>
        <translation>Quầy đã mở.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="172"/>
        <source>The counter is not open.</source>
        <translation>Quầy chưa mở.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="173"/>
        <source>The counter is not paused.</source>
        <translation>Quầy không tạm dừng.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="174"/>
        <source>The counter is already closed.</source>
        <translation>Quầy đã đóng.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="175"/>
        <source>This screen has no printer.</source>
        <translation>Màn hình này không có máy in.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="69"/>
        <source>staff</source>
        <translation>nhân viên</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="70"/>
        <source>supervisor</source>
        <translation>giám sát</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="71"/>
        <source>technician</source>
        <translation>kỹ thuật viên</translation>
    </message>
    <message>
        <location filename="../staff/base.py" line="109"/>
        <source>That did not work; nothing was changed.</source>
        <extracomment>the console&apos;s counter (None: the kiosk&apos;s staff panel) every store access and device call runs here, never on the screen thread the ticket the console&apos;s counter serves and the counter&apos;s state (:mod:`ui.staff.hall`)</extracomment>
        <translation>Không thực hiện được; chưa có gì thay đổi.</translation>
    </message>
    <message>
        <location filename="../staff/session.py" line="80"/>
        <source>Type your staff number and PIN.</source>
        <translation>Hãy nhập mã nhân viên và mã PIN.</translation>
    </message>
    <message>
        <location filename="../staff/session.py" line="114"/>
        <source>Sign-in is not possible now; try again.</source>
        <translation>Hiện chưa đăng nhập được; hãy thử lại.</translation>
    </message>
    <message>
        <location filename="../staff/actions.py" line="163"/>
        <source>Done: %1.</source>
        <extracomment>the kiosk&apos;s panel asks a reason for everything; the console not for routine work tickets this session completed (a second tap on Complete does nothing)</extracomment>
        <translation>Đã xong: %1.</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="122"/>
        <source>Write the time as HH:MM, e.g. 09:30.</source>
        <extracomment>today&apos;s energy saved (minutes dimmed, Wh; None without a camera) and answers (right, wrong) how long the screen was dimmed today and the energy saved (empty without a camera) what citizens said of the wait estimates today (from their phones)</extracomment>
        <translation>Hãy viết giờ dạng HH:MM, ví dụ 09:30.</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="210"/>
        <source>No printer on this screen.</source>
        <translation>Màn hình này không có máy in.</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="186"/>
        <source>Screen dimmed today: %1 min, about %2 Wh saved</source>
        <translation>Hôm nay màn hình đã giảm sáng %1 phút, tiết kiệm khoảng %2 Wh</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="193"/>
        <source>Citizens&apos; answers on the wait estimate today: %1 right, %2 wrong</source>
        <translation>Ý kiến của công dân về thời gian chờ dự kiến hôm nay: %1 đúng, %2 sai</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="198"/>
        <source>No citizen has answered about the wait estimate today.</source>
        <translation>Hôm nay chưa có công dân nào cho ý kiến về thời gian chờ dự kiến.</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="225"/>
        <source>Test ticket sent to the printer.</source>
        <translation>Đã gửi phiếu in thử đến máy in.</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="233"/>
        <source>Speech test sent.</source>
        <translation>Đã phát thử loa.</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="241"/>
        <source>This screen has no such device.</source>
        <translation>Màn hình này không có thiết bị đó.</translation>
    </message>
</context>
<context>
    <name>StaffPanel</name>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="53"/>
        <source>Staff panel</source>
        <translation>Bảng điều khiển nhân viên</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="76"/>
        <source>Sign out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="84"/>
        <source>Queue</source>
        <translation>Hàng chờ</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="85"/>
        <source>Counters</source>
        <translation>Các quầy</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="86"/>
        <source>Estimates and AI</source>
        <translation>Ước tính và AI</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="87"/>
        <source>Devices</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="88"/>
        <source>Day report</source>
        <translation>Báo cáo ngày</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="89"/>
        <source>Audit trail</source>
        <translation>Nhật ký kiểm tra</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="142"/>
        <source>priority</source>
        <translation>ưu tiên</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="149"/>
        <source>at counter %1</source>
        <translation>tại quầy %1</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="150"/>
        <source>set aside</source>
        <translation>để riêng</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="151"/>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="161"/>
        <source>Nobody is waiting.</source>
        <translation>Không có ai đang chờ.</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="177"/>
        <source>Choose a ticket on the left.</source>
        <translation>Chọn một số ở bên trái.</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="178"/>
        <source>Ticket %1</source>
        <translation>Số %1</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="186"/>
        <source>Call to counter</source>
        <translation>Gọi đến quầy</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="192"/>
        <location filename="../qml/staff/StaffPanel.qml" line="241"/>
        <location filename="../qml/staff/StaffPanel.qml" line="301"/>
        <source>Counter %1</source>
        <translation>Quầy %1</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="202"/>
        <source>Recall</source>
        <translation>Gọi lại</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="203"/>
        <source>Complete</source>
        <translation>Hoàn thành</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="204"/>
        <source>No-show</source>
        <translation>Vắng mặt</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="205"/>
        <source>Set aside</source>
        <translation>Để riêng</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="206"/>
        <source>Back into the queue</source>
        <translation>Trả về hàng chờ</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="207"/>
        <source>Cancel ticket</source>
        <translation>Huỷ số</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="208"/>
        <source>Reprint</source>
        <translation>In lại</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="214"/>
        <source>Transfer to</source>
        <translation>Chuyển đến</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="219"/>
        <source>Put first in line</source>
        <translation>Xếp lên đầu hàng</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="251"/>
        <source>Priority</source>
        <translation>Ưu tiên</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="266"/>
        <source>Clear priority</source>
        <translation>Bỏ ưu tiên</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="307"/>
        <source>open</source>
        <translation>mở</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="307"/>
        <source>paused</source>
        <translation>tạm dừng</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="307"/>
        <source>closed</source>
        <translation>đóng</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="312"/>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="313"/>
        <source>Pause</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="314"/>
        <source>Resume</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="315"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="319"/>
        <source>Services, in calling order:</source>
        <translation>Dịch vụ, theo thứ tự gọi:</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="340"/>
        <location filename="../qml/staff/StaffPanel.qml" line="388"/>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="355"/>
        <source>Only a supervisor can change estimates or the AI.</source>
        <translation>Chỉ người giám sát mới được đổi ước tính hoặc AI.</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="363"/>
        <source>Switch the AI estimate off</source>
        <translation>Tắt ước tính AI</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="363"/>
        <source>Switch the AI estimate on</source>
        <translation>Bật ước tính AI</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="369"/>
        <source>Hide wait estimates</source>
        <translation>Ẩn thời gian chờ ước tính</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="369"/>
        <source>Show wait estimates</source>
        <translation>Hiện thời gian chờ ước tính</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="375"/>
        <source>Correct the estimates of a service (minutes added):</source>
        <translation>Điều chỉnh ước tính của dịch vụ (số phút cộng thêm):</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="398"/>
        <source>Printer status</source>
        <translation>Trạng thái máy in</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="404"/>
        <source>Print a test ticket</source>
        <translation>In phiếu thử</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="405"/>
        <source>Speech test</source>
        <translation>Thử loa</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="413"/>
        <source>Today&apos;s report</source>
        <translation>Báo cáo hôm nay</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="436"/>
        <source>Staff number</source>
        <translation>Mã nhân viên</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="437"/>
        <source>Ticket</source>
        <translation>Số phiếu</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="438"/>
        <source>Action (e.g. cancelled)</source>
        <translation>Thao tác (ví dụ: cancelled)</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="439"/>
        <source>From (HH:MM)</source>
        <translation>Từ (giờ:phút)</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="440"/>
        <source>Search</source>
        <translation>Tìm</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="149"/>
        <source>Scan to follow your turn on your phone</source>
        <translation>Quét mã để theo dõi lượt của bạn trên điện thoại</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="61"/>
        <source>Your number</source>
        <translation>Số của bạn</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="111"/>
        <source>Priority: %1. Staff will check at the counter.</source>
        <translation>Ưu tiên: %1. Nhân viên sẽ kiểm tra tại quầy.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="119"/>
        <location filename="../qml/kiosk/TicketScreen.qml" line="177"/>
        <source>Please sit and wait until %1 is called on the screen and by voice.</source>
        <translation>Mời ngồi chờ đến khi số %1 được gọi trên màn hình và qua loa.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="217"/>
        <source>The way to counter %1</source>
        <translation>Đường đến quầy %1</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="236"/>
        <source>You are here</source>
        <translation>Bạn đang ở đây</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="275"/>
        <source>How is this estimated?</source>
        <translation>Thời gian chờ được ước tính thế nào?</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="316"/>
        <source>Done</source>
        <translation>Xong</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="316"/>
        <source>I have noted my number</source>
        <translation>Tôi đã ghi lại số</translation>
    </message>
</context>
</TS>
