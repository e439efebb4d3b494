// The ticket: the number, very large; the counter; people ahead; the wait
// with its label; the way there on the floor plan; the QR code to follow it;
// the printing state.
//
// Landscape:  number | ahead, wait, label      Portrait:  number  | QR
//             block  | plan          | QR                 ahead, wait, label
//                                                         plan
// The plan and the QR code take the room that is left, so larger text
// shrinks them rather than pushing anything off the screen.
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
    readonly property bool hasWait: (t.waitText ?? "") !== ""
    // larger text: the texts around the number give a little so the plan keeps room
    readonly property bool tight: Theme.largeText
    readonly property bool aheadBeside: !portrait
    readonly property bool printFailed: backend.printState === "failed" || backend.printState === "none"

    GridLayout {
        id: grid
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: buttons.top
        anchors.margins: Theme.margin
        anchors.topMargin: Theme.gap
        anchors.bottomMargin: Theme.gap
        columns: screen.portrait ? 2 : 3
        columnSpacing: screen.portrait ? Theme.gap : Theme.margin
        rowSpacing: Theme.gap

        // ---- the number, the service, the counter
        ColumnLayout {
            id: numberBlock
            spacing: 0
            Layout.row: 0
            Layout.column: 0
            Layout.rowSpan: screen.portrait ? 1 : 2
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: Math.max(numberText.implicitWidth, 560)
            Layout.maximumWidth: Math.max(numberText.implicitWidth, 560)
            KText {
                text: qsTr("Your number")
                font.pixelSize: screen.tight ? Theme.bodySize : Theme.headingSize
                color: Theme.mutedText
                Layout.fillWidth: true
            }
            Item {
                // the box hugs the digits (cap height about 0.71 of the size);
                // Noto's tall ascent, kept for Vietnamese marks, would leave a gap
                implicitWidth: numberText.implicitWidth
                implicitHeight: Math.round(Theme.numberSize * 0.74)
                Layout.topMargin: screen.tight ? Theme.gap / 2 : Theme.gap
                KText {
                    id: numberText
                    objectName: "ticketNumber"
                    anchors.left: parent.left
                    anchors.leftMargin: -Math.round(Theme.numberSize * 0.03)
                    anchors.baseline: parent.bottom
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
                font.pixelSize: screen.tight ? Theme.bodySize : Theme.headingSize
                font.bold: true
                Layout.fillWidth: true
                Layout.topMargin: screen.tight ? Theme.gap / 2 : Theme.gap
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
                    textRole: "secondary"
                    text: qsTr("Priority: %1. Staff will check at the counter.").arg(screen.t.categoryName ?? "")
                }
            }
            KText {
                objectName: "countersText"
                text: screen.t.countersText ?? ""
                font.pixelSize: screen.tight ? Theme.headingSize : Theme.titleSize
                font.bold: true
                color: Theme.primary
                Layout.fillWidth: true
                Layout.topMargin: screen.tight ? Theme.gap / 2 : Theme.gap
            }
            KText {
                // in wide landscape it fits here and frees a line for the plan
                objectName: "peopleAhead"
                visible: screen.aheadBeside
                text: screen.t.peopleAheadText ?? ""
                font.pixelSize: screen.tight ? Theme.bodySize : Theme.headingSize
                font.bold: true
                Layout.fillWidth: true
                Layout.topMargin: screen.tight ? 8 : Theme.gap / 2
            }
        }

        // ---- people ahead, the wait and its label
        Flow {
            id: infoBlock
            spacing: screen.tight ? Theme.gap / 2 : Theme.gap
            Layout.row: screen.portrait ? 1 : 0
            Layout.column: screen.portrait ? 0 : 1
            // with larger text in landscape the QR code needs the full height of its column
            Layout.columnSpan: screen.tight && !screen.portrait ? 1 : 2
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            KText {
                objectName: "peopleAhead"
                visible: !screen.aheadBeside
                text: screen.t.peopleAheadText ?? ""
                font.pixelSize: screen.tight ? Theme.bodySize : Theme.headingSize
                font.bold: true
                wrapMode: Text.NoWrap
                width: Math.min(implicitWidth, infoBlock.width)
                elide: Text.ElideRight
            }
            KText {
                objectName: "waitText"
                visible: screen.hasWait
                text: qsTr("Wait: %1").arg(screen.t.waitText ?? "")
                font.pixelSize: screen.tight ? Theme.bodySize : Theme.headingSize
                // never cut: the estimate wraps before it is hidden
                width: Math.min(implicitWidth, infoBlock.width)
                // on one line with the label: centred on it
                height: screen.tight ? implicitHeight : Math.max(implicitHeight, aiLabel.visible ? aiLabel.height : 0)
                verticalAlignment: Text.AlignVCenter
            }
            AiLabel {
                id: aiLabel
                objectName: "ticketAiLabel"
                estimateKind: screen.t.estimateKind ?? "none"
                text: screen.t.estimateLabel ?? ""
                interactive: !screen.reach
                onClicked: screen.backend.openAbout()
            }
        }

        // ---- the way to the counter
        ColumnLayout {
            spacing: 4
            Layout.row: screen.portrait ? 2 : 1
            Layout.column: screen.portrait ? 0 : 1
            Layout.columnSpan: screen.portrait ? 2 : 1
            Layout.fillWidth: true
            Layout.fillHeight: true
            RowLayout {
                spacing: Theme.gap
                Layout.fillWidth: true
                KText {
                    text: (screen.t.routeCounter ?? 0) > 0
                          ? qsTr("The way to counter %1").arg(screen.t.routeCounter) : ""
                    visible: text !== ""
                    font.bold: true
                    Layout.fillWidth: true
                }
                // where the plan has no free room for the words beside the marker
                Row {
                    visible: !plan.hereLabelShown
                    spacing: Theme.gap / 3
                    Rectangle {
                        width: 28
                        height: 28
                        radius: 14
                        color: Theme.good
                        anchors.verticalCenter: parent.verticalCenter
                    }
                    KText {
                        objectName: "youAreHereLegend"
                        text: qsTr("You are here")
                        // a legend: the smallest legal size keeps it beside the caption
                        font.pixelSize: 32
                        textRole: "secondary"
                        font.bold: true
                        wrapMode: Text.NoWrap
                    }
                }
            }
            FloorPlan {
                id: plan
                objectName: "floorPlan"
                plan: screen.backend.plan
                route: screen.t.route ?? []
                target: screen.t.routeCounter ?? 0
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 200
            }
        }

        // ---- follow the ticket on a phone
        Item {
            id: qrBlock
            objectName: "ticketQr"
            // as large as the room left allows, within what a phone reads well
            readonly property real side: Math.max(180, Math.min(width, height - qrText.implicitHeight - Theme.gap / 2))
            Layout.row: screen.portrait || screen.tight ? 0 : 1
            Layout.rowSpan: screen.tight && !screen.portrait ? 2 : 1
            Layout.column: screen.portrait ? 1 : 2
            Layout.fillHeight: !screen.portrait
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: screen.portrait ? 260 : 320
            Layout.maximumWidth: screen.portrait ? 260 : 320
            implicitWidth: screen.portrait ? 260 : 320
            implicitHeight: (screen.portrait ? 260 : 180) + qrText.implicitHeight + Theme.gap / 2
            QrCode {
                id: qr
                value: screen.t.qrUrl ?? ""
                width: qrBlock.side
                height: qrBlock.side
                anchors.horizontalCenter: parent.horizontalCenter
            }
            KText {
                id: qrText
                anchors.top: qr.bottom
                anchors.topMargin: Theme.gap / 2
                width: parent.width
                text: qsTr("Scan to follow your turn on your phone")
                font.pixelSize: Theme.smallSize
                textRole: "secondary"
                horizontalAlignment: Text.AlignHCenter
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
            fontSize: Theme.smallSize
            textRole: "secondary"
            Layout.preferredWidth: 480
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
                color: printStatus.printState === "printing" ? Theme.secondaryInk
                       : Theme.highContrast ? "#000000" : "white"
            }
        }
        KButton {
            objectName: "doneButton"
            kind: "primary"
            // a ticket that did not print: the screen is the record, leaving it is a decision
            text: screen.printFailed ? qsTr("I have noted my number") : qsTr("Done")
            Layout.preferredWidth: screen.portrait ? 260 : 360
            Layout.fillHeight: true
            onClicked: screen.backend.done()
        }
    }
}
