// The citizen's kiosk window: header, the current screen, the accessibility
// bar and the strip of recent calls, with overlays above.
//
// Hook points for other features (fill them from Python, see ui/main.py
// KioskWindow.install_overlay):
//   "overlayLayer"   an Item above the screens and panels, full window
//   "cameraSignSlot" a Loader in the header's right corner (camera-in-use sign)
//   "dimSlot"        a full-window Loader above everything but the staff entry
//   "staffEntrySlot" a full-window Loader on top (press-and-hold corner)
import QtQuick
import QtQuick.Window
import QtQuick.Layouts
import Motcua
import "kiosk"

Window {
    id: root

    required property var backend
    required property var services
    required property var calls

    readonly property bool portrait: backend.portrait
    readonly property bool easyReach: backend.easyReach
    // set from Python after the first frame: build the other screens then
    property bool warm: false

    width: portrait ? 1080 : 1920
    height: portrait ? 1920 : 1080
    visible: false
    color: Theme.background
    title: backend.hallName

    Binding { target: Theme; property: "largeText"; value: root.backend.largeText }
    Binding { target: Theme; property: "highContrast"; value: root.backend.highContrast }

    Item {
        id: chrome
        anchors.fill: parent
        visible: root.backend.screen !== "attract"

        Header {
            id: header
            objectName: "header"
            backend: root.backend
            anchors { top: parent.top; left: parent.left; right: parent.right }
            Loader {
                id: cameraSignSlot
                objectName: "cameraSignSlot"
                anchors.verticalCenter: parent.verticalCenter
                anchors.right: parent.right
                anchors.rightMargin: header.clockWidth + Theme.margin * 2
            }
        }

        CallsStrip {
            id: strip
            objectName: "callsStrip"
            calls: root.calls
            anchors.left: parent.left
            anchors.right: parent.right
            y: root.easyReach ? header.height : root.height - height
            // a ticket in larger text on a landscape screen needs the room: the ticket
            // itself says to wait for the call, the board shows who is served
            visible: !(root.backend.screen === "ticket" && !root.portrait && Theme.largeText)
        }

        AccessBar {
            id: accessBar
            objectName: "accessBar"
            backend: root.backend
            portrait: root.portrait
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: root.easyReach || !strip.visible ? parent.bottom : strip.top
        }

        Item {
            id: screenArea
            objectName: "screenArea"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: root.easyReach && strip.visible ? strip.bottom : header.bottom
            anchors.bottom: accessBar.top
            // in easy reach, controls stay below the middle of the window
            readonly property real reachTop: root.easyReach ? Math.max(0, root.height / 2 - y) : 0

            // Each screen is built once (the first one at load, the others
            // just after the first frame, off the critical path) and then
            // kept: building the ticket screen anew for every ticket made the
            // tap slower and left memory behind on every ticket.
            ScreenSlot { name: "home"; objectName: "homeSlot"; sourceComponent: homeScreen }
            ScreenSlot { name: "service"; objectName: "serviceSlot"; sourceComponent: serviceScreen }
            ScreenSlot { name: "ticket"; objectName: "ticketSlot"; sourceComponent: ticketScreen }
        }
    }

    component ScreenSlot: Loader {
        required property string name
        readonly property bool current: root.backend.screen === name
        property bool used: false
        anchors.fill: parent
        active: current || used || root.warm
        // built in idle time while hidden; at once when it is needed now
        asynchronous: !current
        visible: current && status === Loader.Ready
        onCurrentChanged: if (current) used = true
    }

    Component {
        id: homeScreen
        HomeScreen { backend: root.backend; services: root.services; reachTop: screenArea.reachTop; portrait: root.portrait }
    }
    Component {
        id: serviceScreen
        ServiceScreen { backend: root.backend; reachTop: screenArea.reachTop; portrait: root.portrait }
    }
    Component {
        id: ticketScreen
        TicketScreen { backend: root.backend; reachTop: screenArea.reachTop; portrait: root.portrait }
    }

    AttractScreen {
        objectName: "attractScreen"
        anchors.fill: parent
        visible: root.backend.screen === "attract"
        backend: root.backend
        calls: root.calls
    }

    PriorityPanel {
        objectName: "priorityPanel"
        anchors.fill: parent
        backend: root.backend
        visible: root.backend.priorityOpen
        topLimit: root.easyReach ? root.height / 2 - Theme.headerHeight : 0
    }
    AboutPanel {
        objectName: "aboutPanel"
        anchors.fill: parent
        backend: root.backend
        visible: root.backend.aboutOpen
    }
    MessagePanel {
        objectName: "messagePanel"
        anchors.fill: parent
        backend: root.backend
        visible: root.backend.message !== ""
        topLimit: root.easyReach ? root.height / 2 : 0
    }

    Item {
        id: overlayLayer
        objectName: "overlayLayer"
        anchors.fill: parent
    }
    Loader {
        id: dimSlot
        objectName: "dimSlot"
        anchors.fill: parent
    }
    Loader {
        id: staffEntrySlot
        objectName: "staffEntrySlot"
        anchors.fill: parent
    }
}
