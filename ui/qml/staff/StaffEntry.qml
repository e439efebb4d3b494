// The hidden staff entry of the kiosk: press and hold the top-left corner
// for staff.hold seconds -> PIN pad -> staff panel. The session ends after a
// minute without a touch (StaffBackend's timer) and the kiosk returns to the
// citizen's home screen.
import QtQuick
import Motcua

Item {
    id: entry
    required property var staff
    required property var kiosk
    property real holdSeconds: 3
    property bool padOpen: false
    readonly property bool panelOpen: staff.signedIn
    // the slot may still be 0x0 when this is created (the window gets its size
    // after start-up): follow the slot's size, never copy it once
    anchors.fill: parent

    // the kiosk's idle countdown waits while staff are at the screen
    readonly property bool staffPresent: padOpen || panelOpen
    onStaffPresentChanged: entry.kiosk.setStaffPresent(staffPresent)

    function openPad() { padOpen = true; pad.clear(); pad.forceActiveFocus() }
    function closeAll() { padOpen = false; pad.clear() }

    Connections {
        target: entry.staff
        function onSession_ended(why) { entry.closeAll(); entry.kiosk.back() }
        function onSessionChanged() { if (entry.staff.signedIn) entry.padOpen = false }
    }

    // the corner: invisible, a little larger than a fingertip
    MouseArea {
        id: corner
        objectName: "staffCorner"
        x: 0; y: 0
        width: 100; height: 100  // inside the header, clear of every control
        // not on the attract screen: there a corner tap must wake the kiosk like any other
        enabled: !entry.padOpen && !entry.panelOpen && entry.kiosk.screen !== "attract"
        pressAndHoldInterval: entry.holdSeconds * 1000
        onPressAndHold: entry.openPad()
    }

    Rectangle {
        objectName: "pinScrim"
        anchors.fill: parent
        visible: entry.padOpen && !entry.panelOpen
        color: Theme.scrim
        MouseArea { anchors.fill: parent }
        PinPad {
            id: pad
            objectName: "pinPad"
            anchors.centerIn: parent
            staff: entry.staff
            onCancelled: entry.closeAll()
        }
        // a PIN pad left alone closes by itself
        Timer {
            running: parent.visible
            interval: 60000
            onTriggered: entry.closeAll()
        }
    }

    Loader {
        objectName: "staffPanelLoader"
        anchors.fill: parent
        active: entry.panelOpen
        sourceComponent: StaffPanel { staff: entry.staff }
    }
}
