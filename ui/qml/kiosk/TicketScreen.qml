// The ticket: the number, very large; people ahead; the wait with its label;
// the counter and the way there; the QR code to follow it; printing state.
import QtQuick
import QtQuick.Layouts
import Motcua

Item {
    id: screen
    required property var backend
    property real reachTop: 0
    property bool portrait: false
    readonly property var t: backend.ticket
    readonly property bool reach: reachTop > 0

    component TicketQr: RowLayout {
        spacing: Theme.gap
        QrCode {
            value: screen.t.qrUrl ?? ""
            Layout.preferredWidth: 190
            Layout.preferredHeight: 190
        }
        KText {
            text: qsTr("Scan to follow your turn on your phone")
            Layout.fillWidth: true
        }
    }

    GridLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: buttons.top
        anchors.margins: Theme.margin
        anchors.topMargin: Theme.gap
        anchors.bottomMargin: Theme.gap
        columns: screen.portrait ? 1 : 3
        columnSpacing: Theme.margin
        rowSpacing: Theme.gap

        ColumnLayout {
            spacing: 0
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: Math.max(numberText.implicitWidth, 480)
            KText {
                text: qsTr("Your number")
                font.pixelSize: Theme.headingSize
                color: Theme.mutedText
            }
            Item {
                // the box hugs the digits (cap height about 0.71 of the size);
                // Noto's tall ascent, kept for Vietnamese marks, would leave a gap
                implicitWidth: numberText.implicitWidth
                implicitHeight: Math.round(Theme.numberSize * 0.76)
                KText {
                    id: numberText
                    objectName: "ticketNumber"
                    anchors.left: parent.left
                    anchors.baseline: parent.bottom
                    anchors.baselineOffset: -Math.round(Theme.numberSize * 0.02)
                    text: screen.t.number ?? ""
                    font.pixelSize: Theme.numberSize
                    font.bold: true
                    wrapMode: Text.NoWrap
                    color: Theme.primary
                }
            }
            KText {
                objectName: "ticketService"
                text: screen.t.serviceName ?? ""
                font.pixelSize: Theme.headingSize
                font.bold: true
                Layout.fillWidth: true
                Layout.topMargin: Theme.gap
            }
            Rectangle {
                visible: screen.t.priority === true
                color: Theme.priority
                radius: Theme.radius / 2
                Layout.fillWidth: true
                Layout.topMargin: Theme.gap / 2
                implicitHeight: priorityText.implicitHeight + Theme.gap / 2
                KText {
                    id: priorityText
                    anchors.fill: parent
                    anchors.margins: Theme.gap / 4
                    color: Theme.priorityInk
                    font.pixelSize: Theme.smallSize
                    text: qsTr("Priority: %1. Staff will check at the counter.").arg(screen.t.categoryName ?? "")
                }
            }
        }

        RowLayout {
            spacing: Theme.margin
            Layout.alignment: Qt.AlignTop
            Layout.fillWidth: true
            Layout.preferredWidth: 440
            ColumnLayout {
                id: infoColumn
                spacing: Theme.gap
                Layout.alignment: Qt.AlignTop
                Layout.fillWidth: true
                // wrapped texts report their one-line width: do not let it push the plan aside
                Layout.preferredWidth: 300
                KText {
                    objectName: "countersText"
                    text: screen.t.countersText ?? ""
                    font.pixelSize: screen.portrait ? Theme.titleSize : Theme.headingSize
                    font.bold: true
                    color: Theme.primary
                    Layout.fillWidth: true
                }
                KText {
                    objectName: "peopleAhead"
                    text: screen.t.peopleAheadText ?? ""
                    font.pixelSize: Theme.headingSize
                    font.bold: true
                    Layout.fillWidth: true
                }
                KText {
                    objectName: "waitText"
                    visible: (screen.t.waitText ?? "") !== ""
                    text: qsTr("Wait: %1").arg(screen.t.waitText ?? "")
                    font.pixelSize: Theme.headingSize
                    Layout.fillWidth: true
                }
                AiLabel {
                    objectName: "ticketAiLabel"
                    estimateKind: screen.t.estimateKind ?? "none"
                    text: screen.t.estimateLabel ?? ""
                    interactive: !screen.reach
                    Layout.maximumWidth: infoColumn.width
                    onClicked: screen.backend.openAbout()
                }
            }
            TicketQr {
                objectName: visible ? "ticketQr" : ""
                visible: screen.portrait
                Layout.alignment: Qt.AlignTop
                Layout.preferredWidth: 420
            }
        }

        ColumnLayout {
            spacing: Theme.gap / 2
            Layout.alignment: Qt.AlignTop
            Layout.fillWidth: screen.portrait
            Layout.preferredWidth: screen.portrait ? -1 : 560
            KText {
                text: (screen.t.routeCounter ?? 0) > 0
                      ? qsTr("The way to counter %1").arg(screen.t.routeCounter) : ""
                visible: text !== ""
                font.bold: true
                Layout.fillWidth: true
            }
            FloorPlan {
                objectName: "floorPlan"
                plan: screen.backend.plan
                route: screen.t.route ?? []
                target: screen.t.routeCounter ?? 0
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(width * plan.height / plan.width, screen.portrait ? 340 : 300)
            }
            TicketQr {
                objectName: visible ? "ticketQr" : ""
                visible: !screen.portrait
                Layout.fillWidth: true
            }
        }
    }

    RowLayout {
        id: buttons
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.bottomMargin: Theme.gap
        spacing: Theme.gap
        KButton {
            objectName: "ticketAiButton"
            visible: screen.reach && (screen.t.estimateKind ?? "none") !== "none"
            kind: screen.t.estimateKind === "ai" ? "ai" : "plain"
            iconName: "info"
            text: qsTr("How is this estimated?")
            Layout.preferredWidth: 420
            Layout.fillHeight: true
            onClicked: screen.backend.openAbout()
        }
        Rectangle {
            id: printStatus
            objectName: "printStatus"
            readonly property string printState: screen.backend.printState
            Layout.fillWidth: true
            Layout.minimumHeight: Theme.touchMin
            implicitHeight: printText.implicitHeight + Theme.gap
            radius: Theme.radius / 2
            color: printState === "failed" || printState === "none" ? Theme.bad
                   : printState === "done" ? Theme.good : Theme.secondary
            KText {
                id: printText
                objectName: "printMessage"
                anchors.fill: parent
                anchors.margins: Theme.gap / 2
                verticalAlignment: Text.AlignVCenter
                text: screen.backend.printMessage
                font.bold: true
                color: printStatus.printState === "printing" ? Theme.secondaryInk : "white"
            }
        }
        KButton {
            objectName: "doneButton"
            kind: "primary"
            text: qsTr("Done")
            Layout.preferredWidth: screen.portrait ? 260 : 360
            Layout.fillHeight: true
            onClicked: screen.backend.done()
        }
    }
}
