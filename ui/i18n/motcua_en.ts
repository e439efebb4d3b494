<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AboutPanel</name>
    <message>
        <location filename="../qml/kiosk/AboutPanel.qml" line="17" />
        <source>How is this estimated?</source>
        <translation>How is this estimated?</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AboutPanel.qml" line="84" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AccessBar</name>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="45" />
        <source>Larger text</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="55" />
        <source>High contrast</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="65" />
        <source>Read aloud</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="76" />
        <source>Easy reach</source>
        <translation>Easy reach</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../qml/kiosk/AttractScreen.qml" line="28" />
        <location filename="../qml/kiosk/AttractScreen.qml" line="66" />
        <source>Touch the screen to take a ticket</source>
        <translation>Touch the screen to take a ticket</translation>
    </message>
</context>
<context>
    <name>Board</name>
    <message>
        <location filename="../board.py" line="45" />
        <source>Spoken calls are not working; staff have been told.</source>
        <translation>Spoken calls are not working; staff have been told.</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="24" />
        <source>Hall display</source>
        <translation>Hall display</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="124" />
        <location filename="../qml/board/Board.qml" line="207" />
        <source>Counters</source>
        <translation>Counters</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="248" />
        <source>Counter %1</source>
        <translation>Counter %1</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="258" />
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="259" />
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="292" />
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="116" />
        <source>Last called</source>
        <translation>Last called</translation>
    </message>
    <message>
        <location filename="../qml/board/Board.qml" line="173" />
        <source>No numbers called yet</source>
        <translation>No numbers called yet</translation>
    </message>
</context>
<context>
    <name>CallsStrip</name>
    <message>
        <location filename="../qml/Motcua/CallsStrip.qml" line="19" />
        <source>Now serving</source>
        <translation>Now serving</translation>
    </message>
    <message>
        <location filename="../qml/Motcua/CallsStrip.qml" line="50" />
        <source>%1 → counter %2</source>
        <translation>%1 → counter %2</translation>
    </message>
    <message>
        <location filename="../qml/Motcua/CallsStrip.qml" line="57" />
        <source>No numbers called yet</source>
        <translation>No numbers called yet</translation>
    </message>
</context>
<context>
    <name>CameraSign</name>
    <message>
        <location filename="../qml/camera/CameraSign.qml" line="51" />
        <source>Camera on: presence only, no recording</source>
        <translation>Camera on: presence only, no recording</translation>
    </message>
</context>
<context>
    <name>ConfirmPanel</name>
    <message>
        <location filename="../qml/staff/ConfirmPanel.qml" line="42" />
        <source>This will change:</source>
        <translation>This will change:</translation>
    </message>
    <message>
        <location filename="../qml/staff/ConfirmPanel.qml" line="66" />
        <source>Why?</source>
        <translation>Why?</translation>
    </message>
    <message>
        <location filename="../qml/staff/ConfirmPanel.qml" line="93" />
        <source>More detail (optional; needed for Other)</source>
        <translation>More detail (optional; needed for Other)</translation>
    </message>
    <message>
        <location filename="../qml/staff/ConfirmPanel.qml" line="113" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../qml/staff/ConfirmPanel.qml" line="123" />
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
</context>
<context>
    <name>CounterConsole</name>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="17" />
        <location filename="../qml/staff/CounterConsole.qml" line="49" />
        <location filename="../qml/staff/CounterConsole.qml" line="75" />
        <location filename="../qml/staff/CounterConsole.qml" line="294" />
        <source>Counter %1</source>
        <translation>Counter %1</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="90" />
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="119" />
        <source>Now serving</source>
        <translation>Now serving</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="150" />
        <source>Call next</source>
        <translation>Call next</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="155" />
        <source>Recall</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="160" />
        <source>Complete</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="165" />
        <source>No-show</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="170" />
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="176" />
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="177" />
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="177" />
        <source>Open counter</source>
        <translation>Open counter</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="205" />
        <source>Waiting for this counter: %1</source>
        <translation>Waiting for this counter: %1</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="235" />
        <source>priority</source>
        <translation>priority</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="236" />
        <source>set aside</source>
        <translation>set aside</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="240" />
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="271" />
        <source>Transfer %1 to</source>
        <translation>Transfer %1 to</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="304" />
        <source>Put first in line</source>
        <translation>Put first in line</translation>
    </message>
    <message>
        <location filename="../qml/staff/CounterConsole.qml" line="312" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FloorPlan</name>
    <message>
        <location filename="../qml/kiosk/FloorPlan.qml" line="231" />
        <source>You are here</source>
        <translation>You are here</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="22" />
        <location filename="../qml/kiosk/HomeScreen.qml" line="34" />
        <source>Choose a service</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="55" />
        <source>The printer is not working. You can still take a number: it is shown on the screen to write down.</source>
        <translation>The printer is not working. You can still take a number: it is shown on the screen to write down.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="113" />
        <source>Priority ticket: %1 (tap to change)</source>
        <translation>Priority ticket: %1 (tap to change)</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="114" />
        <source>Priority ticket: %1</source>
        <translation>Priority ticket: %1</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="123" />
        <source>How are waits estimated?</source>
        <translation>How are waits estimated?</translation>
    </message>
</context>
<context>
    <name>IdCardPrompt</name>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="46" />
        <source>Hello, %1. Your card is checked.</source>
        <translation>Hello, %1. Your card is checked.</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="47" />
        <source>Your card is checked.</source>
        <translation>Your card is checked.</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="48" />
        <source>Check in with your chip ID card?</source>
        <translation>Check in with your chip ID card?</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="56" />
        <source>Why: each citizen may hold one active ticket per service, and an appointment can be found for you. It is your choice: without the card you get a ticket just the same.</source>
        <translation>Why: each citizen may hold one active ticket per service, and an appointment can be found for you. It is your choice: without the card you get a ticket just the same.</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="62" />
        <source>What is kept: only a code made from your ID number, until the end of today. Your name, number and date of birth are not stored, and no picture is saved.</source>
        <translation>What is kept: only a code made from your ID number, until the end of today. Your name, number and date of birth are not stored, and no picture is saved.</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="69" />
        <source>Hold the QR code on your card up to the camera or the scanner.</source>
        <translation>Hold the QR code on your card up to the camera or the scanner.</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="78" />
        <source>You already have ticket %1 for this service today.</source>
        <translation>You already have ticket %1 for this service today.</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="79" />
        <source>This code could not be read as a chip ID card. Try again, or continue without the card.</source>
        <translation>This code could not be read as a chip ID card. Try again, or continue without the card.</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="90" />
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="97" />
        <source>Continue without card</source>
        <translation>Continue without card</translation>
    </message>
    <message>
        <location filename="../qml/camera/IdCardPrompt.qml" line="104" />
        <source>Take a ticket</source>
        <translation>Take a ticket</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../texts.py" line="51" />
        <source>Nobody waiting</source>
        <extracomment>the languages' own names, shown on the language switch (never translated)</extracomment>
        <translation>Nobody waiting</translation>
    </message>
    <message>
        <location filename="../texts.py" line="52" />
        <source>%n waiting</source>
        <translation>%n waiting</translation>
    </message>
    <message>
        <location filename="../texts.py" line="57" />
        <source>Staff will call you to a counter</source>
        <translation>Staff will call you to a counter</translation>
    </message>
    <message>
        <location filename="../texts.py" line="59" />
        <source>Go to counter %1</source>
        <translation>Go to counter %1</translation>
    </message>
    <message>
        <location filename="../texts.py" line="63" />
        <source>Go to counter %1 or %2</source>
        <translation>Go to counter %1 or %2</translation>
    </message>
    <message>
        <location filename="../texts.py" line="87" />
        <source>“%1” has given all of today's tickets. Please come back tomorrow.</source>
        <translation>“%1” has given all of today's tickets. Please come back tomorrow.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="90" />
        <source>“%1” has no more numbers today. Please ask the staff.</source>
        <translation>“%1” has no more numbers today. Please ask the staff.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="93" />
        <source>“%1” gives tickets only during %2.</source>
        <translation>“%1” gives tickets only during %2.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="97" />
        <source>This service is not offered here today.</source>
        <translation>This service is not offered here today.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="99" />
        <source>That priority group is not known here. Please ask the staff.</source>
        <translation>That priority group is not known here. Please ask the staff.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="102" />
        <source>A ticket could not be given right now. Please ask the staff.</source>
        <translation>A ticket could not be given right now. Please ask the staff.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="108" />
        <source>A ticket could not be given right now. Please try again or ask the staff.</source>
        <translation>A ticket could not be given right now. Please try again or ask the staff.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="117" />
        <source>Printing your ticket…</source>
        <translation>Printing your ticket…</translation>
    </message>
    <message>
        <location filename="../texts.py" line="119" />
        <source>Please take your ticket below the screen</source>
        <translation>Please take your ticket below the screen</translation>
    </message>
    <message>
        <location filename="../texts.py" line="121" />
        <source>The ticket did not print: write your number down, or photograph this screen and show it at the counter. Staff have been told; your number is valid.</source>
        <translation>The ticket did not print: write your number down, or photograph this screen and show it at the counter. Staff have been told; your number is valid.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="126" />
        <source>This kiosk does not print: write your number down, or photograph this screen and show it at the counter.</source>
        <translation>This kiosk does not print: write your number down, or photograph this screen and show it at the counter.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="146" />
        <source>What it is for</source>
        <translation>What it is for</translation>
    </message>
    <message>
        <location filename="../texts.py" line="148" />
        <source>What it uses</source>
        <translation>What it uses</translation>
    </message>
    <message>
        <location filename="../texts.py" line="151" />
        <source>How it works</source>
        <translation>How it works</translation>
    </message>
    <message>
        <location filename="../texts.py" line="153" />
        <source>What it learned from</source>
        <translation>What it learned from</translation>
    </message>
    <message>
        <location filename="../texts.py" line="155" />
        <source>How accurate it was when tested</source>
        <translation>How accurate it was when tested</translation>
    </message>
    <message>
        <location filename="../texts.py" line="159" />
        <source>No AI is used now</source>
        <translation>No AI is used now</translation>
    </message>
    <message>
        <location filename="../texts.py" line="160" />
        <source>The wait is estimated from the number of people ahead, the open counters and the usual time per person.</source>
        <translation>The wait is estimated from the number of people ahead, the open counters and the usual time per person.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="169" />
        <source>For the last %1 tickets, %2 in 10 were called within the range shown.</source>
        <translation>For the last %1 tickets, %2 in 10 were called within the range shown.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="175" />
        <source>On average the estimate was off by %1 minutes.</source>
        <translation>On average the estimate was off by %1 minutes.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="178" />
        <source>How accurate it is in this hall now</source>
        <translation>How accurate it is in this hall now</translation>
    </message>
    <message>
        <location filename="../texts.py" line="181" />
        <source>What it cannot do</source>
        <translation>What it cannot do</translation>
    </message>
    <message>
        <location filename="../texts.py" line="183" />
        <source>When the model fails</source>
        <translation>When the model fails</translation>
    </message>
    <message>
        <location filename="../texts.py" line="185" />
        <source>Model version</source>
        <translation>Model version</translation>
    </message>
    <message>
        <location filename="../texts.py" line="190" />
        <source>Talk to a person</source>
        <translation>Talk to a person</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="666" />
        <source>Touch the screen to take a ticket.</source>
        <extracomment>called once, on the printer's worker thread; None means "this kiosk has no printer" Qt's own type names for QML lists and maps: PySide takes them at run time, its stubs know only Python types</extracomment>
        <translation>Touch the screen to take a ticket.</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="670" />
        <source>Choose a service:</source>
        <translation>Choose a service:</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="676" />
        <source>Documents to bring:</source>
        <translation>Documents to bring:</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="678" />
        <source>Press “Take a ticket” at the bottom of the screen.</source>
        <translation>Press “Take a ticket” at the bottom of the screen.</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="683" />
        <source>Your number is %1.</source>
        <translation>Your number is %1.</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="686" />
        <source>Estimated wait: %1.</source>
        <translation>Estimated wait: %1.</translation>
    </message>
</context>
<context>
    <name>MessagePanel</name>
    <message>
        <location filename="../qml/kiosk/MessagePanel.qml" line="33" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="63" />
        <source>Staff sign-in</source>
        <translation>Staff sign-in</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="70" />
        <source>Staff number</source>
        <translation>Staff number</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="71" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="124" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../qml/staff/PinPad.qml" line="134" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PriorityPanel</name>
    <message>
        <location filename="../qml/kiosk/PriorityPanel.qml" line="16" />
        <source>Priority ticket</source>
        <translation>Priority ticket</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/PriorityPanel.qml" line="22" />
        <source>For the people the law gives priority. Choose yours; staff will check at the counter.</source>
        <translation>For the people the law gives priority. Choose yours; staff will check at the counter.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/PriorityPanel.qml" line="52" />
        <source>No priority</source>
        <translation>No priority</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/PriorityPanel.qml" line="59" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ServiceScreen</name>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="82" />
        <source>Documents to bring</source>
        <translation>Documents to bring</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="133" />
        <source>Priority ticket: %1. Staff will check at the counter.</source>
        <translation>Priority ticket: %1. Staff will check at the counter.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="158" />
        <source>Or do it online: scan to open this service on the National Public Service Portal.</source>
        <translation>Or do it online: scan to open this service on the National Public Service Portal.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="183" />
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="197" />
        <source>How is this estimated?</source>
        <translation>How is this estimated?</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="208" />
        <source>Please wait…</source>
        <translation>Please wait…</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="208" />
        <source>Take a ticket</source>
        <translation>Take a ticket</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <location filename="../staff/texts.py" line="22" />
        <source>The citizen asked</source>
        <translation>The citizen asked</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="23" />
        <source>Wrong service chosen</source>
        <translation>Wrong service chosen</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="24" />
        <source>Priority confirmed</source>
        <translation>Priority confirmed</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="25" />
        <source>The citizen left</source>
        <translation>The citizen left</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="26" />
        <source>Correcting a mistake</source>
        <translation>Correcting a mistake</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="27" />
        <source>Device fault</source>
        <translation>Device fault</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="28" />
        <source>Estimates are wrong today</source>
        <translation>Estimates are wrong today</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="29" />
        <source>Other (say why)</source>
        <translation>Other (say why)</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="36" />
        <source>Call next</source>
        <translation>Call next</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="37" />
        <source>Call this ticket</source>
        <translation>Call this ticket</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="38" />
        <source>Recall</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="39" />
        <source>Complete</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="40" />
        <source>No-show</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="41" />
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="42" />
        <source>Set or clear priority</source>
        <translation>Set or clear priority</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="43" />
        <source>Cancel ticket</source>
        <translation>Cancel ticket</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="44" />
        <source>Set aside</source>
        <translation>Set aside</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="45" />
        <source>Back into the queue</source>
        <translation>Back into the queue</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="46" />
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="47" />
        <source>Open counter</source>
        <translation>Open counter</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="48" />
        <source>Pause counter</source>
        <translation>Pause counter</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="49" />
        <source>Resume counter</source>
        <translation>Resume counter</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="50" />
        <source>Close counter</source>
        <translation>Close counter</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="51" />
        <source>Change services</source>
        <translation>Change services</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="52" />
        <source>Switch the AI estimate</source>
        <translation>Switch the AI estimate</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="53" />
        <source>Correct the estimates</source>
        <translation>Correct the estimates</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="54" />
        <source>Show or hide estimates</source>
        <translation>Show or hide estimates</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="55" />
        <source>Use the AI model again</source>
        <translation>Use the AI model again</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="78" />
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="79" />
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="80" />
        <source>Counter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="81" />
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="82" />
        <source>First in line</source>
        <translation>First in line</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="83" />
        <source>People ahead</source>
        <translation>People ahead</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="84" />
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="85" />
        <source>Serving</source>
        <translation>Serving</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="86" />
        <source>AI estimate</source>
        <translation>AI estimate</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="87" />
        <source>Estimates shown</source>
        <translation>Estimates shown</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="88" />
        <source>Correction (minutes)</source>
        <translation>Correction (minutes)</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="89" />
        <source>Model stepped aside</source>
        <translation>Model stepped aside</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="96" />
        <source>waiting</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="97" />
        <source>being served</source>
        <translation>being served</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="98" />
        <source>set aside</source>
        <translation>set aside</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="99" />
        <source>completed</source>
        <translation>completed</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="100" />
        <source>did not come</source>
        <translation>did not come</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="101" />
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="102" />
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="103" />
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="104" />
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="110" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="112" />
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="123" />
        <source>Wrong staff number or PIN.</source>
        <translation>Wrong staff number or PIN.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="124" />
        <source>Too many wrong PINs: sign-in is locked until %1.</source>
        <translation>Too many wrong PINs: sign-in is locked until %1.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="127" />
        <source>Too many wrong PINs: sign-in stays locked until a supervisor unlocks it.</source>
        <translation>Too many wrong PINs: sign-in stays locked until a supervisor unlocks it.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="130" />
        <source>This staff account is disabled; ask a supervisor.</source>
        <translation>This staff account is disabled; ask a supervisor.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="133" />
        <source>Your role may not do this; ask a supervisor.</source>
        <translation>Your role may not do this; ask a supervisor.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="136" />
        <source>You may only serve at your own counter.</source>
        <translation>You may only serve at your own counter.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="139" />
        <source>Your staff session has ended; sign in again.</source>
        <translation>Your staff session has ended; sign in again.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="142" />
        <source>Sign in with your staff PIN first.</source>
        <translation>Sign in with your staff PIN first.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="143" />
        <source>Choose a reason first.</source>
        <translation>Choose a reason first.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="144" />
        <source>Say in a few words why.</source>
        <translation>Say in a few words why.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="145" />
        <source>%1 is still being served: complete it first.</source>
        <translation>%1 is still being served: complete it first.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="148" />
        <source>Nobody is waiting for this counter.</source>
        <translation>Nobody is waiting for this counter.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="149" />
        <source>The counter is paused: resume it first.</source>
        <translation>The counter is paused: resume it first.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="152" />
        <source>The counter is closed: open it first.</source>
        <translation>The counter is closed: open it first.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="155" />
        <source>%1 has not been called.</source>
        <translation>%1 has not been called.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="158" />
        <source>Call %1 again before marking a no-show.</source>
        <translation>Call %1 again before marking a no-show.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="161" />
        <source>%1 is already being served.</source>
        <translation>%1 is already being served.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="164" />
        <source>%1 is not waiting.</source>
        <translation>%1 is not waiting.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="167" />
        <source>%1 is already finished.</source>
        <translation>%1 is already finished.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="170" />
        <source>Nothing would change.</source>
        <translation>Nothing would change.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="171" />
        <source>The counter is already open.</source>
        <translation>The counter is already open.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="172" />
        <source>The counter is not open.</source>
        <translation>The counter is not open.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="173" />
        <source>The counter is not paused.</source>
        <translation>The counter is not paused.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="174" />
        <source>The counter is already closed.</source>
        <translation>The counter is already closed.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="175" />
        <source>This screen has no printer.</source>
        <translation>This screen has no printer.</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="69" />
        <source>staff</source>
        <translation>staff</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="70" />
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../staff/texts.py" line="71" />
        <source>technician</source>
        <translation>technician</translation>
    </message>
    <message>
        <location filename="../staff/base.py" line="109" />
        <source>That did not work; nothing was changed.</source>
        <extracomment>the console's counter (None: the kiosk's staff panel) every store access and device call runs here, never on the screen thread the ticket the console's counter serves and the counter's state (:mod:`ui.staff.hall`)</extracomment>
        <translation>That did not work; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../staff/session.py" line="80" />
        <source>Type your staff number and PIN.</source>
        <translation>Type your staff number and PIN.</translation>
    </message>
    <message>
        <location filename="../staff/session.py" line="114" />
        <source>Sign-in is not possible now; try again.</source>
        <translation>Sign-in is not possible now; try again.</translation>
    </message>
    <message>
        <location filename="../staff/actions.py" line="163" />
        <source>Done: %1.</source>
        <extracomment>the kiosk's panel asks a reason for everything; the console not for routine work tickets this session completed (a second tap on Complete does nothing)</extracomment>
        <translation>Done: %1.</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="122" />
        <source>Write the time as HH:MM, e.g. 09:30.</source>
        <extracomment>today's energy saved (minutes dimmed, Wh; None without a camera) and answers (right, wrong) how long the screen was dimmed today and the energy saved (empty without a camera) what citizens said of the wait estimates today (from their phones)</extracomment>
        <translation>Write the time as HH:MM, e.g. 09:30.</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="210" />
        <source>No printer on this screen.</source>
        <translation>No printer on this screen.</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="186" />
        <source>Screen dimmed today: %1 min, about %2 Wh saved</source>
        <translation>Screen dimmed today: %1 min, about %2 Wh saved</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="193" />
        <source>Citizens' answers on the wait estimate today: %1 right, %2 wrong</source>
        <translation>Citizens' answers on the wait estimate today: %1 right, %2 wrong</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="198" />
        <source>No citizen has answered about the wait estimate today.</source>
        <translation>No citizen has answered about the wait estimate today.</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="225" />
        <source>Test ticket sent to the printer.</source>
        <translation>Test ticket sent to the printer.</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="233" />
        <source>Speech test sent.</source>
        <translation>Speech test sent.</translation>
    </message>
    <message>
        <location filename="../staff/oversight.py" line="241" />
        <source>This screen has no such device.</source>
        <translation>This screen has no such device.</translation>
    </message>
</context>
<context>
    <name>StaffPanel</name>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="53" />
        <source>Staff panel</source>
        <translation>Staff panel</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="76" />
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="84" />
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="85" />
        <source>Counters</source>
        <translation>Counters</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="86" />
        <source>Estimates and AI</source>
        <translation>Estimates and AI</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="87" />
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="88" />
        <source>Day report</source>
        <translation>Day report</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="89" />
        <source>Audit trail</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="142" />
        <source>priority</source>
        <translation>priority</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="149" />
        <source>at counter %1</source>
        <translation>at counter %1</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="150" />
        <source>set aside</source>
        <translation>set aside</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="151" />
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="161" />
        <source>Nobody is waiting.</source>
        <translation>Nobody is waiting.</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="177" />
        <source>Choose a ticket on the left.</source>
        <translation>Choose a ticket on the left.</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="178" />
        <source>Ticket %1</source>
        <translation>Ticket %1</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="186" />
        <source>Call to counter</source>
        <translation>Call to counter</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="192" />
        <location filename="../qml/staff/StaffPanel.qml" line="241" />
        <location filename="../qml/staff/StaffPanel.qml" line="301" />
        <source>Counter %1</source>
        <translation>Counter %1</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="202" />
        <source>Recall</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="203" />
        <source>Complete</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="204" />
        <source>No-show</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="205" />
        <source>Set aside</source>
        <translation>Set aside</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="206" />
        <source>Back into the queue</source>
        <translation>Back into the queue</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="207" />
        <source>Cancel ticket</source>
        <translation>Cancel ticket</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="208" />
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="214" />
        <source>Transfer to</source>
        <translation>Transfer to</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="219" />
        <source>Put first in line</source>
        <translation>Put first in line</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="251" />
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="266" />
        <source>Clear priority</source>
        <translation>Clear priority</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="307" />
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="307" />
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="307" />
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="312" />
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="313" />
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="314" />
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="315" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="319" />
        <source>Services, in calling order:</source>
        <translation>Services, in calling order:</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="340" />
        <location filename="../qml/staff/StaffPanel.qml" line="388" />
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="355" />
        <source>Only a supervisor can change estimates or the AI.</source>
        <translation>Only a supervisor can change estimates or the AI.</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="363" />
        <source>Switch the AI estimate off</source>
        <translation>Switch the AI estimate off</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="363" />
        <source>Switch the AI estimate on</source>
        <translation>Switch the AI estimate on</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="369" />
        <source>Hide wait estimates</source>
        <translation>Hide wait estimates</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="369" />
        <source>Show wait estimates</source>
        <translation>Show wait estimates</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="375" />
        <source>Correct the estimates of a service (minutes added):</source>
        <translation>Correct the estimates of a service (minutes added):</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="398" />
        <source>Printer status</source>
        <translation>Printer status</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="404" />
        <source>Print a test ticket</source>
        <translation>Print a test ticket</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="405" />
        <source>Speech test</source>
        <translation>Speech test</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="413" />
        <source>Today's report</source>
        <translation>Today's report</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="436" />
        <source>Staff number</source>
        <translation>Staff number</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="437" />
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="438" />
        <source>Action (e.g. cancelled)</source>
        <translation>Action (e.g. cancelled)</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="439" />
        <source>From (HH:MM)</source>
        <translation>From (HH:MM)</translation>
    </message>
    <message>
        <location filename="../qml/staff/StaffPanel.qml" line="440" />
        <source>Search</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="149" />
        <source>Scan to follow your turn on your phone</source>
        <translation>Scan to follow your turn on your phone</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="61" />
        <source>Your number</source>
        <translation>Your number</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="111" />
        <source>Priority: %1. Staff will check at the counter.</source>
        <translation>Priority: %1. Staff will check at the counter.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="119" />
        <location filename="../qml/kiosk/TicketScreen.qml" line="177" />
        <source>Please sit and wait until %1 is called on the screen and by voice.</source>
        <translation>Please sit and wait until %1 is called on the screen and by voice.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="217" />
        <source>The way to counter %1</source>
        <translation>The way to counter %1</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="236" />
        <source>You are here</source>
        <translation>You are here</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="275" />
        <source>How is this estimated?</source>
        <translation>How is this estimated?</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="316" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="316" />
        <source>I have noted my number</source>
        <translation>I have noted my number</translation>
    </message>
</context>
</TS>