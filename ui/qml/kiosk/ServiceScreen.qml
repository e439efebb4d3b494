// A service: what it is, the documents to bring, the online alternative,
// and "Take a ticket".
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Basic
import Motcua

Item {
    id: screen
    required property var backend
    property real reachTop: 0
    property bool portrait: false
    readonly property var svc: backend.service
    readonly property bool reach: reachTop > 0

    GridLayout {
        id: info
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        // landscape: the online code's column runs down to the buttons, beside the wait
        anchors.bottom: screen.portrait ? waitBlock.top : buttons.top
        anchors.margins: Theme.margin
        anchors.bottomMargin: Theme.gap / 2
        columns: screen.portrait ? 1 : 2
        columnSpacing: Theme.margin
        rowSpacing: Theme.gap

        // a long list of documents (or larger text) scrolls here; the buttons stay put
        Flickable {
            id: details
            objectName: "serviceDetails"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.maximumHeight: screen.portrait ? contentHeight : Number.POSITIVE_INFINITY
            Layout.minimumHeight: Math.min(contentHeight, 200)
            Layout.preferredHeight: contentHeight
            Layout.alignment: Qt.AlignTop
            Layout.bottomMargin: screen.portrait ? 0 : waitBlock.height + Theme.gap
            contentWidth: width
            contentHeight: detailsColumn.implicitHeight
            clip: contentHeight > height + 1
            interactive: contentHeight > height + 1
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {
                // a bar a finger can see: the list says there is more
                policy: details.contentHeight > details.height + 1 ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                width: 20
                contentItem: Rectangle { implicitWidth: 20; radius: 10; color: Theme.primary }
                background: Rectangle { implicitWidth: 20; radius: 10; color: Theme.secondary }
            }
            onVisibleChanged: contentY = 0

            // more below: a fade over the last line says so
            Rectangle {
                parent: details
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                height: Theme.gap * 2
                visible: details.contentY + details.height < details.contentHeight - 1
                gradient: Gradient {
                    GradientStop { position: 0.0; color: "transparent" }
                    GradientStop { position: 1.0; color: Theme.background }
                }
            }

            ColumnLayout {
                id: detailsColumn
                // the scroll bar's gutter is always kept: a width that followed the bar would
                // re-wrap the text, change the height and flip the bar again, for ever
                width: details.width - 28
                spacing: Theme.gap / 2
                KText {
                    objectName: "serviceName"
                    text: screen.svc.name ?? ""
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                    Layout.fillWidth: true
                }
                KText {
                    text: screen.svc.description ?? ""
                    visible: text !== ""
                    Layout.fillWidth: true
                }
                KText {
                    text: qsTr("Documents to bring")
                    font.pixelSize: Theme.headingSize
                    font.bold: true
                    visible: (screen.svc.documents ?? []).length > 0
                    Layout.topMargin: Theme.gap / 2
                    Layout.fillWidth: true
                }
                Repeater {
                    model: screen.svc.documents ?? []
                    delegate: KText {
                        required property string modelData
                        text: "•  " + modelData
                        Layout.fillWidth: true
                    }
                }
            }
        }

        ColumnLayout {
            id: online
            visible: (screen.svc.onlineUrl ?? "") !== ""
            spacing: Theme.gap / 2
            Layout.alignment: Qt.AlignTop | Qt.AlignHCenter
            Layout.maximumWidth: screen.portrait ? Number.POSITIVE_INFINITY : Math.round(420 * Theme.textScale)
            Layout.preferredWidth: screen.portrait ? -1 : Math.round(420 * Theme.textScale)
            Layout.fillHeight: true
            QrCode {
                objectName: "onlineQr"
                value: screen.svc.onlineUrl ?? ""
                // the code takes what the texts leave (larger text), within what phones read
                // (120 px still scans from a hand's length: a module is 0.8 mm)
                Layout.preferredWidth: Math.max(120, Math.min(300, height))
                Layout.preferredHeight: 300
                Layout.fillHeight: true
                Layout.minimumHeight: 120
                Layout.maximumHeight: 300
                Layout.alignment: Qt.AlignHCenter
            }
            KText {
                text: qsTr("Or do it online: scan to open this service on the National Public Service Portal.")
                font.pixelSize: Theme.smallSize
                textRole: "secondary"
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
                Layout.preferredWidth: Math.round(400 * Theme.textScale)
            }
        }
    }

    // the wait and the priority note: what the citizen came to see stays in view
    // whatever the documents list scrolls to
    ColumnLayout {
        id: waitBlock
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: buttons.top
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin + (!screen.portrait && online.visible
                                             ? online.width + Theme.margin : 0)
        anchors.bottomMargin: Theme.gap / 2
        spacing: Theme.gap / 2
        Flow {
            objectName: "serviceWaitLine"
            spacing: Theme.gap
            Layout.fillWidth: true
            KText {
                text: screen.svc.waitingText ?? ""
                font.pixelSize: Theme.headingSize
                wrapMode: Text.NoWrap
            }
            KText {
                objectName: "serviceWaitText"
                text: screen.svc.waitText ?? ""
                visible: text !== ""
                font.pixelSize: Theme.headingSize
                font.bold: true
                wrapMode: Text.NoWrap
            }
            AiLabel {
                objectName: "serviceAiLabel"
                estimateKind: screen.svc.estimateKind ?? "none"
                text: screen.svc.estimateLabel ?? ""
                interactive: !screen.reach
                onClicked: screen.backend.openAbout()
            }
        }
        Rectangle {
            visible: screen.backend.priorityCategory !== ""
            color: Theme.priority
            radius: Theme.radius / 2
            Layout.fillWidth: true
            implicitHeight: priorityNote.implicitHeight + Theme.gap
            KText {
                id: priorityNote
                anchors.fill: parent
                anchors.margins: Theme.gap / 2
                color: Theme.priorityInk
                text: qsTr("Priority ticket: %1. Staff will check at the counter.").arg(screen.backend.priorityName)
            }
        }
    }

    // on the narrow portrait screen with the extra estimate button, "Take a
    // ticket" gets a row of its own rather than being squeezed to "Take a ti…"
    GridLayout {
        id: buttons
        readonly property bool stacked: screen.portrait && aiButton.visible
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        anchors.bottomMargin: Theme.gap
        columns: stacked ? 2 : 3
        columnSpacing: Theme.gap
        rowSpacing: Theme.gap
        KButton {
            objectName: "backButton"
            text: qsTr("Back")
            iconName: "back"
            enabled: !screen.backend.busy
            Layout.preferredWidth: 300
            Layout.fillWidth: buttons.stacked
            Layout.preferredHeight: buttons.stacked ? Theme.touchMin + Theme.gap : 140
            onClicked: screen.backend.back()
        }
        KButton {
            id: aiButton
            objectName: "serviceAiButton"
            visible: screen.reach && (screen.svc.estimateKind ?? "none") !== "none"
            kind: screen.svc.estimateKind === "ai" ? "ai" : "plain"
            iconName: "info"
            text: qsTr("How is this estimated?")
            Layout.preferredHeight: buttons.stacked ? Theme.touchMin + Theme.gap : 140
            Layout.preferredWidth: Math.round(360 * Theme.textScale)
            Layout.fillWidth: buttons.stacked
            onClicked: screen.backend.openAbout()
        }
        KButton {
            objectName: "takeTicketButton"
            kind: "primary"
            iconName: "ticket"
            fontSize: Theme.titleSize
            text: screen.backend.busy ? qsTr("Please wait…") : qsTr("Take a ticket")
            enabled: !screen.backend.busy
            Layout.fillWidth: true
            Layout.columnSpan: buttons.stacked ? 2 : 1
            Layout.preferredHeight: 140
            onClicked: screen.backend.takeTicket()
        }
    }
}
