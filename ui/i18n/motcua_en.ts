<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AboutPanel</name>
    <message>
        <location filename="../qml/kiosk/AboutPanel.qml" line="16" />
        <source>How is this estimated?</source>
        <translation>How is this estimated?</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AboutPanel.qml" line="58" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AccessBar</name>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="41" />
        <source>Larger text</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="50" />
        <source>High contrast</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="59" />
        <source>Read aloud</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/AccessBar.qml" line="69" />
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
    <name>CallsStrip</name>
    <message>
        <location filename="../qml/Motcua/CallsStrip.qml" line="19" />
        <source>Now serving</source>
        <translation>Now serving</translation>
    </message>
    <message>
        <location filename="../qml/Motcua/CallsStrip.qml" line="42" />
        <source>%1 → counter %2</source>
        <translation>%1 → counter %2</translation>
    </message>
    <message>
        <location filename="../qml/Motcua/CallsStrip.qml" line="47" />
        <source>No numbers called yet</source>
        <translation>No numbers called yet</translation>
    </message>
</context>
<context>
    <name>FloorPlan</name>
    <message>
        <location filename="../qml/kiosk/FloorPlan.qml" line="107" />
        <source>You are here</source>
        <translation>You are here</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="21" />
        <source>Choose a service</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="59" />
        <source>Priority ticket: %1 (tap to change)</source>
        <translation>Priority ticket: %1 (tap to change)</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="60" />
        <source>Priority ticket: %1</source>
        <translation>Priority ticket: %1</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/HomeScreen.qml" line="69" />
        <source>How are waits estimated?</source>
        <translation>How are waits estimated?</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../texts.py" line="46" />
        <source>under 2 minutes</source>
        <extracomment>the languages' own names, shown on the language switch (never translated)</extracomment>
        <translation>under 2 minutes</translation>
    </message>
    <message>
        <location filename="../texts.py" line="48" />
        <source>up to %1 minutes</source>
        <translation>up to %1 minutes</translation>
    </message>
    <message>
        <location filename="../texts.py" line="50" />
        <source>about %1–%2 minutes</source>
        <translation>about %1–%2 minutes</translation>
    </message>
    <message>
        <location filename="../texts.py" line="58" />
        <source>You are next</source>
        <translation>You are next</translation>
    </message>
    <message numerus="yes">
        <location filename="../texts.py" line="59" />
        <source>%n people ahead of you</source>
        <translation>
            <numerusform>%n people ahead of you</numerusform>
            <numerusform>%n people ahead of you</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../texts.py" line="64" />
        <source>Nobody waiting</source>
        <translation>Nobody waiting</translation>
    </message>
    <message numerus="yes">
        <location filename="../texts.py" line="65" />
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../texts.py" line="70" />
        <source>AI estimate</source>
        <translation>AI estimate</translation>
    </message>
    <message>
        <location filename="../texts.py" line="72" />
        <source>Simple estimate (not AI)</source>
        <translation>Simple estimate (not AI)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="78" />
        <source>Staff will call you to a counter</source>
        <translation>Staff will call you to a counter</translation>
    </message>
    <message>
        <location filename="../texts.py" line="80" />
        <source>Go to counter %1</source>
        <translation>Go to counter %1</translation>
    </message>
    <message>
        <location filename="../texts.py" line="84" />
        <source>Go to counter %1 or %2</source>
        <translation>Go to counter %1 or %2</translation>
    </message>
    <message>
        <location filename="../texts.py" line="107" />
        <source>“%1” has given all of today's tickets. Please come back tomorrow.</source>
        <translation>“%1” has given all of today's tickets. Please come back tomorrow.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="110" />
        <source>“%1” has no more numbers today. Please ask the staff.</source>
        <translation>“%1” has no more numbers today. Please ask the staff.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="113" />
        <source>“%1” gives tickets only during %2.</source>
        <translation>“%1” gives tickets only during %2.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="117" />
        <source>This service is not offered here today.</source>
        <translation>This service is not offered here today.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="119" />
        <source>That priority group is not known here. Please ask the staff.</source>
        <translation>That priority group is not known here. Please ask the staff.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="122" />
        <source>A ticket could not be given right now. Please ask the staff.</source>
        <translation>A ticket could not be given right now. Please ask the staff.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="128" />
        <source>A ticket could not be given right now. Please try again or ask the staff.</source>
        <translation>A ticket could not be given right now. Please try again or ask the staff.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="137" />
        <source>Printing your ticket…</source>
        <translation>Printing your ticket…</translation>
    </message>
    <message>
        <location filename="../texts.py" line="139" />
        <source>Please take your ticket below the screen</source>
        <translation>Please take your ticket below the screen</translation>
    </message>
    <message>
        <location filename="../texts.py" line="141" />
        <source>The printer is not working: please photograph this screen or scan the QR code; staff have been told. Your number is valid.</source>
        <translation>The printer is not working: please photograph this screen or scan the QR code; staff have been told. Your number is valid.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="146" />
        <source>This kiosk does not print: please photograph this screen or scan the QR code.</source>
        <translation>This kiosk does not print: please photograph this screen or scan the QR code.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="224" />
        <source>on held-out days its estimates were off by %1 minutes on average</source>
        <translation>on held-out days its estimates were off by %1 minutes on average</translation>
    </message>
    <message>
        <location filename="../texts.py" line="228" />
        <source>the simple method was off by %1 minutes</source>
        <translation>the simple method was off by %1 minutes</translation>
    </message>
    <message>
        <location filename="../texts.py" line="233" />
        <source>%1 in 10 people were called within the range shown</source>
        <translation>%1 in 10 people were called within the range shown</translation>
    </message>
    <message>
        <location filename="../texts.py" line="253" />
        <source>What it is for</source>
        <translation>What it is for</translation>
    </message>
    <message>
        <location filename="../texts.py" line="261" />
        <source>queue and counter data only, no personal data.</source>
        <translation>queue and counter data only, no personal data.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="263" />
        <source>What it uses</source>
        <translation>What it uses</translation>
    </message>
    <message>
        <location filename="../texts.py" line="270" />
        <source>%1 tickets</source>
        <translation>%1 tickets</translation>
    </message>
    <message>
        <location filename="../texts.py" line="272" />
        <source>What it learned from</source>
        <translation>What it learned from</translation>
    </message>
    <message>
        <location filename="../texts.py" line="273" />
        <source>How accurate it was when tested</source>
        <translation>How accurate it was when tested</translation>
    </message>
    <message>
        <location filename="../texts.py" line="277" />
        <source>No AI is used now</source>
        <translation>No AI is used now</translation>
    </message>
    <message>
        <location filename="../texts.py" line="278" />
        <source>The wait is estimated from the number of people ahead, the open counters and the usual time per person.</source>
        <translation>The wait is estimated from the number of people ahead, the open counters and the usual time per person.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="287" />
        <source>For the last %1 tickets, %2 in 10 were called within the range shown.</source>
        <translation>For the last %1 tickets, %2 in 10 were called within the range shown.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="293" />
        <source>On average the estimate was off by %1 minutes.</source>
        <translation>On average the estimate was off by %1 minutes.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="296" />
        <source>How accurate it is in this hall now</source>
        <translation>How accurate it is in this hall now</translation>
    </message>
    <message>
        <location filename="../texts.py" line="299" />
        <source>What it cannot do</source>
        <translation>What it cannot do</translation>
    </message>
    <message>
        <location filename="../texts.py" line="303" />
        <source>When the model fails</source>
        <translation>When the model fails</translation>
    </message>
    <message>
        <location filename="../texts.py" line="304" />
        <source>The kiosk switches to the simple estimate by itself and tells the staff. Your place in line never depends on the estimate.</source>
        <translation>The kiosk switches to the simple estimate by itself and tells the staff. Your place in line never depends on the estimate.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="310" />
        <source>Model version</source>
        <translation>Model version</translation>
    </message>
    <message>
        <location filename="../texts.py" line="311" />
        <source>Talk to a person</source>
        <translation>Talk to a person</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="688" />
        <source>Touch the screen to take a ticket.</source>
        <extracomment>called once, on the printer's worker thread; None means "this kiosk has no printer" the estimate for someone joining each service now (None: nobody waiting)</extracomment>
        <translation>Touch the screen to take a ticket.</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="692" />
        <source>Choose a service:</source>
        <translation>Choose a service:</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="698" />
        <source>Documents to bring:</source>
        <translation>Documents to bring:</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="700" />
        <source>Press “Take a ticket” at the bottom of the screen.</source>
        <translation>Press “Take a ticket” at the bottom of the screen.</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="705" />
        <source>Your number is %1.</source>
        <translation>Your number is %1.</translation>
    </message>
    <message>
        <location filename="../bridge/kiosk.py" line="708" />
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
        <location filename="../qml/kiosk/ServiceScreen.qml" line="44" />
        <source>Documents to bring</source>
        <translation>Documents to bring</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="95" />
        <source>Priority ticket: %1. Staff will check at the counter.</source>
        <translation>Priority ticket: %1. Staff will check at the counter.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="114" />
        <source>Or do it online: scan to open this service on the National Public Service Portal.</source>
        <translation>Or do it online: scan to open this service on the National Public Service Portal.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="133" />
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="145" />
        <source>How is this estimated?</source>
        <translation>How is this estimated?</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="155" />
        <source>Please wait…</source>
        <translation>Please wait…</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/ServiceScreen.qml" line="155" />
        <source>Take a ticket</source>
        <translation>Take a ticket</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="23" />
        <source>Scan to follow your turn on your phone</source>
        <translation>Scan to follow your turn on your phone</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="45" />
        <source>Your number</source>
        <translation>Your number</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="88" />
        <source>Priority: %1. Staff will check at the counter.</source>
        <translation>Priority: %1. Staff will check at the counter.</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="123" />
        <source>Wait: %1</source>
        <translation>Wait: %1</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="151" />
        <source>The way to counter %1</source>
        <translation>The way to counter %1</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="186" />
        <source>How is this estimated?</source>
        <translation>How is this estimated?</translation>
    </message>
    <message>
        <location filename="../qml/kiosk/TicketScreen.qml" line="215" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
</TS>