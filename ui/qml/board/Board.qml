// The hall display (1920x1080): counters with the number each serves, the
// last numbers called with the newest highlighted, waiting and estimate per
// service with the AI label, and the time. Read-only: nothing to touch.
import QtQuick
import QtQuick.Window
import QtQuick.Layouts
import Motcua

Window {
    id: root

    required property var backend
    required property var counters
    required property var calls
    required property var services

    width: 1920
    height: 1080
    visible: false
    color: Theme.background
    title: qsTr("Hall display")

    // header: hall name, date and time
    Rectangle {
        id: header
        objectName: "boardHeader"
        anchors { top: parent.top; left: parent.left; right: parent.right }
        height: Theme.headerHeight
        color: Theme.strip
        KText {
            objectName: "hallName"
            anchors { left: parent.left; leftMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            width: parent.width - clock.width - 3 * Theme.margin
            text: root.backend.hallName
            color: Theme.stripInk
            font.pixelSize: Theme.titleSize
            font.bold: true
            elide: Text.ElideRight
            wrapMode: Text.NoWrap
        }
        Row {
            id: clock
            anchors { right: parent.right; rightMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            spacing: Theme.gap
            KText {
                objectName: "dateText"
                anchors.baseline: time.baseline
                text: root.backend.dateText
                color: Theme.stripInk
                font.pixelSize: Theme.headingSize
                wrapMode: Text.NoWrap
            }
            KText {
                id: time
                objectName: "clockText"
                text: root.backend.clockText
                color: Theme.stripInk
                font.pixelSize: 80
                font.bold: true
                wrapMode: Text.NoWrap
            }
        }
    }

    RowLayout {
        id: body
        anchors { top: header.bottom; left: parent.left; right: parent.right; bottom: servicesBand.top }
        anchors.margins: Theme.margin
        spacing: Theme.margin

        // the counters
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 1100
            spacing: Theme.gap
            KText {
                text: qsTr("Counters")
                font.pixelSize: Theme.headingSize
                font.bold: true
                color: Theme.mutedText
            }
            GridLayout {
                id: grid
                objectName: "counterGrid"
                Layout.fillWidth: true
                Layout.fillHeight: true
                columns: root.counters.rowCount() > 6 ? 3 : 2
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                Repeater {
                    model: root.counters
                    delegate: Rectangle {
                        required property int number
                        required property string serving
                        required property string status
                        objectName: "counter_" + number
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Layout.maximumHeight: 300
                        radius: Theme.radius
                        color: status === "open" ? Theme.surface : Theme.secondary
                        border.color: Theme.border
                        border.width: Theme.borderWidth
                        KText {
                            anchors { left: parent.left; top: parent.top; margins: Theme.gap }
                            text: qsTr("Counter %1").arg(number)
                            font.pixelSize: Theme.headingSize
                            font.bold: true
                            color: Theme.mutedText
                        }
                        KText {
                            objectName: "counterServing_" + number
                            anchors.centerIn: parent
                            anchors.verticalCenterOffset: Theme.gap
                            readonly property bool serves: status === "open" && serving !== ""
                            text: status === "closed" ? qsTr("Closed")
                                : status === "paused" ? qsTr("Paused")
                                : serving !== "" ? serving : "—"
                            font.pixelSize: serves ? 120 : Theme.titleSize
                            font.bold: serves
                            color: serves ? Theme.primary : Theme.mutedText
                            wrapMode: Text.NoWrap
                        }
                    }
                }
            }
        }

        // the last numbers called
        Rectangle {
            Layout.fillHeight: true
            Layout.preferredWidth: 720
            radius: Theme.radius
            color: Theme.strip
            ColumnLayout {
                anchors.fill: parent
                anchors.margins: Theme.gap
                spacing: Theme.gap / 2
                KText {
                    text: qsTr("Last called")
                    font.pixelSize: Theme.headingSize
                    font.bold: true
                    color: Theme.stripInk
                }
                ListView {
                    id: callList
                    objectName: "callList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    interactive: false
                    clip: true
                    spacing: Theme.gap / 2
                    model: root.calls
                    delegate: Rectangle {
                        required property int index
                        required property string number
                        required property int counter
                        required property bool newest
                        objectName: "call_" + index
                        width: ListView.view.width
                        height: newest ? 170 : 84
                        radius: Theme.radius
                        color: newest ? "#FFE600" : "transparent"
                        border.color: newest ? "#FFFFFF" : "transparent"
                        border.width: newest ? 4 : 0
                        RowLayout {
                            anchors.fill: parent
                            anchors.leftMargin: Theme.gap
                            anchors.rightMargin: Theme.gap
                            KText {
                                text: number
                                font.pixelSize: newest ? 100 : 56
                                font.bold: true
                                color: newest ? "#000000" : Theme.stripInk
                                wrapMode: Text.NoWrap
                            }
                            Item { Layout.fillWidth: true }
                            KText {
                                text: qsTr("→ counter %1").arg(counter)
                                font.pixelSize: newest ? 50 : Theme.headingSize
                                font.bold: newest
                                color: newest ? "#000000" : Theme.stripInk
                                wrapMode: Text.NoWrap
                            }
                        }
                    }
                }
                KText {
                    visible: callList.count === 0
                    text: qsTr("No numbers called yet")
                    color: Theme.stripInk
                }
            }
        }
    }

    // waiting and estimate per service
    Rectangle {
        id: servicesBand
        objectName: "servicesBand"
        anchors { left: parent.left; right: parent.right; bottom: speechNotice.top }
        height: 280
        color: Theme.surface
        border.color: Theme.border
        border.width: Theme.borderWidth
        RowLayout {
            anchors.fill: parent
            anchors.margins: Theme.gap
            spacing: Theme.gap
            Repeater {
                model: root.services
                delegate: ColumnLayout {
                    id: svc
                    required property string code
                    required property string name
                    required property string waitingText
                    required property string estimateText
                    required property string estimateKind
                    required property string estimateLabel
                    objectName: "service_" + code
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 1
                    spacing: Theme.gap / 3
                    KText {
                        Layout.fillWidth: true
                        text: code + " · " + name
                        font.bold: true
                        font.pixelSize: Theme.bodySize
                        elide: Text.ElideRight
                        maximumLineCount: 2
                    }
                    KText {
                        objectName: "serviceWaiting_" + code
                        text: waitingText
                        font.pixelSize: Theme.headingSize
                        color: Theme.primary
                        wrapMode: Text.NoWrap
                    }
                    KText {
                        objectName: "serviceEstimate_" + svc.code
                        visible: svc.estimateText !== ""
                        text: svc.estimateText
                        font.pixelSize: Theme.smallSize
                        wrapMode: Text.NoWrap
                    }
                    AiLabel {
                        objectName: "serviceAiLabel_" + svc.code
                        interactive: false
                        estimateKind: svc.estimateKind
                        text: svc.estimateLabel
                    }
                    Item { Layout.fillHeight: true }
                }
            }
        }
    }

    // a failing speech engine is said here; the board keeps working
    Rectangle {
        id: speechNotice
        objectName: "speechNotice"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: root.backend.speechOk ? 0 : 64
        visible: !root.backend.speechOk
        color: Theme.bad
        KText {
            anchors.centerIn: parent
            text: root.backend.speechText
            color: "#FFFFFF"
            font.pixelSize: Theme.smallSize
            wrapMode: Text.NoWrap
        }
    }
}
