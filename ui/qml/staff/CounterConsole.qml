// The console of one counter: sign in, then the ticket being served, the
// six common actions (F1-F6), the queue of this counter's services. Call
// next while a ticket is still served asks first; Complete works once.
import QtQuick
import QtQuick.Window
import QtQuick.Layouts
import QtQuick.Controls.Basic
import Motcua

Window {
    id: root
    required property var staff
    width: 1280
    height: 800
    visible: false
    color: Theme.background
    title: qsTr("Counter %1").arg(staff.counter)

    property bool transferOpen: false
    readonly property bool ready: staff.signedIn && staff.pendingAction === "" && !transferOpen
    readonly property bool hasTicket: staff.serving !== ""

    // keyboard shortcuts for the common actions
    Shortcut { sequence: "F1"; enabled: root.ready; onActivated: root.staff.callNext() }
    Shortcut { sequence: "F2"; enabled: root.ready && root.hasTicket; onActivated: root.staff.recallCurrent() }
    Shortcut { sequence: "F3"; enabled: root.ready && root.hasTicket; onActivated: root.staff.completeCurrent() }
    Shortcut { sequence: "F4"; enabled: root.ready && root.hasTicket; onActivated: root.staff.noShowCurrent() }
    Shortcut { sequence: "F5"; enabled: root.ready && root.hasTicket; onActivated: root.transferOpen = true }
    Shortcut { sequence: "F6"; enabled: root.ready; onActivated: root.staff.togglePause() }
    Shortcut { sequence: "Esc"; enabled: root.staff.pendingAction !== "" || root.transferOpen
               onActivated: { root.transferOpen = false; root.staff.cancel() } }

    component ActionButton: KButton {
        property string key: ""
        Layout.fillWidth: true
        Layout.preferredHeight: 110
        fontSize: Theme.bodySize
        text: label + "\n" + key
        property string label: ""
    }

    // signed out: the PIN pad
    Item {
        anchors.fill: parent
        visible: !root.staff.signedIn
        KText {
            id: padTitle
            anchors { top: parent.top; horizontalCenter: parent.horizontalCenter; topMargin: Theme.gap / 2 }
            text: qsTr("Counter %1").arg(root.staff.counter)
            font.pixelSize: Theme.headingSize
            font.bold: true
        }
        PinPad {
            id: pad
            objectName: "pinPad"
            anchors { top: padTitle.bottom; topMargin: Theme.gap / 2; horizontalCenter: parent.horizontalCenter }
            compact: true
            staff: root.staff
            focus: !root.staff.signedIn
        }
    }

    // signed in: the console
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap / 2
        visible: root.staff.signedIn

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            KText {
                objectName: "consoleTitle"
                text: qsTr("Counter %1").arg(root.staff.counter) + " · " + root.staff.counterStatusText
                font.pixelSize: Theme.headingSize
                font.bold: true
                wrapMode: Text.NoWrap
            }
            KText {
                Layout.fillWidth: true
                text: root.staff.staffName + " · " + root.staff.roleText
                color: Theme.mutedText
                font.pixelSize: Theme.smallSize
                elide: Text.ElideRight
                wrapMode: Text.NoWrap
            }
            KButton {
                objectName: "signOut"
                text: qsTr("Sign out")
                fontSize: Theme.smallSize
                onClicked: root.staff.signOut()
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 0
            spacing: Theme.gap

            ColumnLayout {
                Layout.preferredWidth: 700
                Layout.maximumWidth: 700
                Layout.fillHeight: true
                Layout.minimumHeight: 0
                spacing: Theme.gap / 2
                Rectangle {
                    Layout.fillWidth: true
                    // as tall as the service's name needs (long procedure names wrap)
                    Layout.preferredHeight: servingColumn.implicitHeight + Theme.gap
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.border
                    border.width: Theme.borderWidth
                    ColumnLayout {
                        id: servingColumn
                        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.gap / 2 }
                        spacing: 0
                        KText {
                            text: qsTr("Now serving")
                            color: Theme.mutedText
                            font.pixelSize: Theme.smallSize
                            Layout.fillWidth: true
                        }
                        KText {
                            objectName: "servingNumber"
                            Layout.alignment: Qt.AlignHCenter
                            text: root.staff.serving !== "" ? root.staff.serving : "—"
                            font.pixelSize: 130
                            lineHeight: 0.9
                            font.bold: true
                            color: root.hasTicket ? Theme.primary : Theme.mutedText
                            wrapMode: Text.NoWrap
                        }
                        KText {
                            objectName: "servingService"
                            Layout.fillWidth: true
                            visible: text !== ""
                            horizontalAlignment: Text.AlignHCenter
                            text: root.staff.servingService
                            font.pixelSize: Theme.smallSize
                        }
                    }
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 3
                    rowSpacing: Theme.gap / 2
                    columnSpacing: Theme.gap / 2
                    ActionButton {
                        objectName: "btnCallNext"; kind: "primary"; key: "F1"; label: qsTr("Call next")
                        enabled: root.ready && root.staff.counterStatus === "open"
                        onClicked: root.staff.callNext()
                    }
                    ActionButton {
                        objectName: "btnRecall"; key: "F2"; label: qsTr("Recall")
                        enabled: root.ready && root.hasTicket
                        onClicked: root.staff.recallCurrent()
                    }
                    ActionButton {
                        objectName: "btnComplete"; key: "F3"; label: qsTr("Complete")
                        enabled: root.ready && root.hasTicket && !root.staff.busy
                        onClicked: root.staff.completeCurrent()
                    }
                    ActionButton {
                        objectName: "btnNoShow"; key: "F4"; label: qsTr("No-show")
                        enabled: root.ready && root.hasTicket && !root.staff.busy
                        onClicked: root.staff.noShowCurrent()
                    }
                    ActionButton {
                        objectName: "btnTransfer"; key: "F5"; label: qsTr("Transfer")
                        enabled: root.ready && root.hasTicket
                        onClicked: root.transferOpen = true
                    }
                    ActionButton {
                        objectName: "btnPause"; key: "F6"
                        label: root.staff.counterStatus === "open" ? qsTr("Pause")
                             : root.staff.counterStatus === "paused" ? qsTr("Resume") : qsTr("Open counter")
                        enabled: root.ready
                        onClicked: root.staff.togglePause()
                    }
                }
                KText {
                    objectName: "consoleMessage"
                    Layout.fillWidth: true
                    text: root.staff.message
                    color: root.staff.messageOk ? Theme.good : Theme.bad
                    font.pixelSize: Theme.smallSize
                }
                Item { Layout.fillHeight: true }
            }

            // the queue of this counter's services
            Rectangle {
                Layout.fillWidth: true
                Layout.minimumWidth: 420
                Layout.fillHeight: true
                Layout.minimumHeight: 0
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border
                border.width: Theme.borderWidth
                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: Theme.gap / 2
                    KText {
                        text: qsTr("Waiting for this counter: %1").arg(queueView.count)
                        font.pixelSize: Theme.smallSize
                        font.bold: true
                    }
                    ListView {
                        id: queueView
                        objectName: "consoleQueue"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        // the list scrolls in the room it gets: a long queue never sizes the window
                        Layout.preferredHeight: 0
                        Layout.minimumHeight: 0
                        clip: true
                        spacing: Theme.gap / 3
                        model: root.staff.queue
                        ScrollIndicator.vertical: ScrollIndicator { active: true }
                        delegate: RowLayout {
                            required property string number
                            required property string serviceName
                            required property bool priority
                            required property string status
                            required property int waitedMin
                            width: ListView.view.width
                            spacing: Theme.gap / 2
                            KText {
                                text: number
                                font.bold: true
                                font.pixelSize: Theme.bodySize
                                color: priority ? Theme.priority : Theme.text
                                wrapMode: Text.NoWrap
                            }
                            KText {
                                Layout.fillWidth: true
                                text: serviceName + (priority ? " · " + qsTr("priority") : "")
                                      + (status === "parked" ? " · " + qsTr("set aside") : "")
                                font.pixelSize: 24
                            }
                            KText {
                                text: qsTr("%1 min").arg(waitedMin)
                                font.pixelSize: 24
                                color: Theme.mutedText
                                wrapMode: Text.NoWrap
                            }
                        }
                    }
                }
            }
        }
    }

    // transfer: where to
    Rectangle {
        objectName: "transferPanel"
        anchors.fill: parent
        visible: root.transferOpen && root.staff.pendingAction === ""
        color: Theme.scrim
        property bool front: false
        MouseArea { anchors.fill: parent }
        Rectangle {
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.margin
            height: transferCol.implicitHeight + 2 * Theme.gap
            radius: Theme.radius
            color: Theme.surface
            ColumnLayout {
                id: transferCol
                anchors.fill: parent
                anchors.margins: Theme.gap
                spacing: Theme.gap / 2
                KText { text: qsTr("Transfer %1 to").arg(root.staff.serving); font.bold: true }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.gap / 2
                    Repeater {
                        model: root.staff.serviceChoices
                        delegate: KButton {
                            required property string code
                            required property string name
                            objectName: "consoleTransferService_" + code
                            width: implicitWidth + Theme.gap
                            text: code + " · " + name
                            fontSize: Theme.smallSize
                            onClicked: root.staff.prepare("transfer", { number: root.staff.serving, to_service: code, front: transferPanelFront.on })
                        }
                    }
                    Repeater {
                        model: root.staff.counters
                        delegate: KButton {
                            required property int number
                            objectName: "consoleTransferCounter_" + number
                            visible: number !== root.staff.counter
                            width: implicitWidth + Theme.gap
                            text: qsTr("Counter %1").arg(number)
                            fontSize: Theme.smallSize
                            onClicked: root.staff.prepare("transfer", { number: root.staff.serving, to_counter: number, front: transferPanelFront.on })
                        }
                    }
                }
                RowLayout {
                    KButton {
                        id: transferPanelFront
                        objectName: "consoleTransferFront"
                        text: qsTr("Put first in line")
                        fontSize: Theme.smallSize
                        enabled: root.staff.can("transfer_front")
                        onClicked: on = !on
                    }
                    Item { Layout.fillWidth: true }
                    KButton {
                        objectName: "consoleTransferCancel"
                        text: qsTr("Cancel")
                        fontSize: Theme.smallSize
                        onClicked: root.transferOpen = false
                    }
                }
            }
        }
    }

    Connections {
        target: root.staff
        function onAction_done(action) { if (action === "transfer") root.transferOpen = false }
        function onSession_ended(why) { root.transferOpen = false }
    }

    ConfirmPanel {
        objectName: "confirmPanel"
        anchors.fill: parent
        compact: true
        staff: root.staff
    }
}
