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
    readonly property bool tight: Theme.largeText
    // the printing state on a row of its own: portrait, or a long failure message beside
    // the easy-reach explanation button
    readonly property bool stacked: portrait || (printFailed && reach)
    readonly property bool printFailed: backend.printState === "failed" || backend.printState === "none"

    // the room above the buttons
    Item {
        id: content
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: buttons.top
        anchors.margins: Theme.margin
        anchors.topMargin: Theme.gap
        anchors.bottomMargin: Theme.gap

        readonly property int qrWidth: screen.portrait ? 260 : 300
        readonly property int numberWidth: screen.portrait ? width - qrWidth - Theme.gap : (screen.tight ? 620 : 760)
        // the number takes what the lines beside it leave: it gives way before any line does
        readonly property real baseRoom: (height - yourNumber.implicitHeight - serviceText.implicitHeight
               - (priorityNote.visible ? priorityNote.implicitHeight + Theme.gap / 2 : 0)
               - 2 * Theme.gap) / 0.74
        // the sit-and-wait line: under the number in landscape, with the counters in portrait
        readonly property bool hintBeside: !screen.portrait
        readonly property real numberRoom: screen.portrait ? 300
            : baseRoom - (hintBeside ? (waitHint.implicitHeight + Theme.gap / 2) / 0.74 : 0)
        readonly property int numberSize: Math.round(Math.max(120, Math.min(Theme.numberSize,
            numberWidth / 2.5, numberRoom)))

        // ---- the number, the service, a priority ticket's note
        ColumnLayout {
            id: numberBlock
            x: 0
            y: 0
            width: content.numberWidth
            spacing: 0
            KText {
                id: yourNumber
                text: qsTr("Your number")
                font.pixelSize: screen.tight ? Theme.bodySize : Theme.headingSize
                color: Theme.mutedText
                Layout.fillWidth: true
            }
            Item {
                // the box hugs the digits (cap height about 0.71 of the size);
                // Noto's tall ascent, kept for Vietnamese marks, would leave a gap
                implicitWidth: numberText.implicitWidth
                implicitHeight: Math.round(content.numberSize * 0.74)
                Layout.topMargin: Theme.gap / 2
                KText {
                    id: numberText
                    objectName: "ticketNumber"
                    anchors.left: parent.left
                    anchors.leftMargin: -Math.round(content.numberSize * 0.03)
                    anchors.baseline: parent.bottom
                    text: screen.t.number ?? ""
                    font.pixelSize: content.numberSize
                    font.bold: true
                    wrapMode: Text.NoWrap
                    color: Theme.primary
                }
            }
            KText {
                id: serviceText
                objectName: "ticketService"
                text: screen.t.serviceName ?? ""
                // long procedure names keep the body size: the counter and the wait matter more
                font.pixelSize: screen.tight ? Theme.bodyMin : Theme.headingSize
                font.bold: true
                Layout.fillWidth: true
                Layout.topMargin: Theme.gap / 2
            }
            Rectangle {
                id: priorityNote
                objectName: "priorityNote"
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
                id: waitHint
                objectName: "waitHintBeside"
                visible: content.hintBeside
                Layout.topMargin: Theme.gap / 2
                text: qsTr("Please sit and wait until %1 is called on the screen and by voice.")
                      .arg(screen.t.number ?? "")
                font.pixelSize: Theme.bodySize
                Layout.fillWidth: true
            }
        }

        // ---- follow the ticket on a phone
        Item {
            id: qrBlock
            objectName: "ticketQr"
            x: content.width - width
            y: 0
            width: content.qrWidth
            // as large as the room allows, within what a phone reads well
            readonly property real side: Math.max(160, Math.min(width,
                (screen.portrait ? numberBlock.height : content.height) - qrText.implicitHeight - Theme.gap / 2))
            height: side + qrText.implicitHeight + Theme.gap / 2
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

        // ---- where to wait, the wait and its label, the way there
        ColumnLayout {
            id: infoBlock
            x: screen.portrait ? 0 : numberBlock.width + Theme.margin
            y: screen.portrait ? Math.max(numberBlock.height, qrBlock.height) + Theme.gap : 0
            width: screen.portrait ? content.width : content.width - x - qrBlock.width - Theme.margin
            height: content.height - y
            spacing: screen.tight ? Theme.gap / 3 : Theme.gap / 2
            KText {
                objectName: "countersText"
                keyLine: true
                text: screen.t.countersText ?? ""
                font.pixelSize: screen.tight ? Math.round(Theme.headingSize * 1.25) : Theme.titleSize
                font.bold: true
                color: Theme.primary
                Layout.fillWidth: true
            }
            KText {
                id: waitHintInfo
                objectName: "waitHint"
                visible: !content.hintBeside
                text: qsTr("Please sit and wait until %1 is called on the screen and by voice.")
                      .arg(screen.t.number ?? "")
                font.pixelSize: Theme.bodySize
                Layout.fillWidth: true
            }
            Flow {
                id: aheadFlow
                Layout.fillWidth: true
                spacing: screen.tight ? Theme.gap / 2 : Theme.gap
                KText {
                    objectName: "peopleAhead"
                    keyLine: true
                    text: screen.t.peopleAheadText ?? ""
                    font.pixelSize: screen.tight ? Math.round(Theme.bodySize * 1.25) : Theme.headingSize
                    font.bold: true
                    width: Math.min(implicitWidth, aheadFlow.width)
                }
                KText {
                    objectName: "waitText"
                    keyLine: true
                    visible: screen.hasWait
                    text: screen.t.waitText ?? ""
                    font.pixelSize: screen.tight ? Math.round(Theme.bodySize * 1.25) : Theme.headingSize
                    // never cut: the estimate wraps before it is hidden
                    width: Math.min(implicitWidth, aheadFlow.width)
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
            // the way there, when there is room for a plan one can read; a sliver of a
            // plan under the printer's message helps nobody (the counter is named above)
            Item {
                id: routeBox
                objectName: "routeBox"
                readonly property bool roomy: height >= 150
                Layout.fillWidth: true
                Layout.fillHeight: true
                ColumnLayout {
                    anchors.fill: parent
                    visible: routeBox.roomy
                    spacing: Theme.gap / 2
                RowLayout {
                    spacing: Theme.gap
                    Layout.fillWidth: true
                    KText {
                        text: (screen.t.routeCounter ?? 0) > 0
                              ? qsTr("The way to counter %1").arg(screen.t.routeCounter) : ""
                        visible: text !== ""
                        font.bold: true
                        font.pixelSize: Theme.bodyMin
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
                }
                }
            }
        }
    }

    // the printing state, the estimate's explanation (easy reach) and Done; in portrait
    // the printing state takes a row of its own, the width of the screen
    GridLayout {
        id: buttons
        columns: screen.stacked ? 2 : 3
        rowSpacing: Theme.gap / 2
        columnSpacing: Theme.gap
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.bottomMargin: Theme.gap
        KButton {
            objectName: "ticketAiButton"
            visible: screen.reach && (screen.t.estimateKind ?? "none") !== "none"
            kind: screen.t.estimateKind === "ai" ? "ai" : "plain"
            iconName: "info"
            text: qsTr("How is this estimated?")
            fontSize: Theme.smallSize
            textRole: "secondary"
            Layout.row: screen.stacked ? 1 : 0
            Layout.column: 0
            Layout.preferredWidth: screen.stacked ? -1 : 480
            Layout.fillWidth: screen.stacked
            Layout.fillHeight: true
            onClicked: screen.backend.openAbout()
        }
        Rectangle {
            id: printStatus
            objectName: "printStatus"
            readonly property string printState: screen.backend.printState
            Layout.row: 0
            Layout.column: screen.stacked ? 0 : 1
            Layout.columnSpan: screen.stacked ? 2 : 1
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
                // larger text on a landscape screen: the room goes to the ticket's own lines
                font.pixelSize: screen.tight && !screen.portrait ? Theme.bodyMin : Theme.bodySize
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
            Layout.row: screen.stacked ? 1 : 0
            Layout.column: screen.stacked ? 1 : 2
            Layout.preferredWidth: Math.max(screen.portrait ? 420 : 360, implicitWidth)
            Layout.minimumHeight: Theme.touchMin
            Layout.fillHeight: true
            onClicked: screen.backend.done()
        }
    }
}
