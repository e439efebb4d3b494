// Before any action is stored: what will change (before → after), the
// reason (a short list plus free text), and Confirm / Cancel.
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Motcua

Rectangle {
    id: confirm
    required property var staff
    property string reasonCode: ""
    property bool compact: false
    readonly property int fs: compact ? 24 : Theme.smallSize
    color: Theme.scrim
    visible: staff.pendingAction !== ""
    onVisibleChanged: { reasonCode = ""; freeText.text = "" }

    MouseArea { anchors.fill: parent; onPressed: confirm.staff.touch() }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 1400)
        height: Math.min(parent.height - 2 * Theme.margin, content.implicitHeight + 2 * Theme.margin)
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border
        border.width: Theme.borderWidth

        ColumnLayout {
            id: content
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.gap / 2

            KText {
                objectName: "confirmTitle"
                text: confirm.staff.pendingTitle
                font.pixelSize: confirm.compact ? Theme.bodySize : Theme.headingSize
                font.bold: true
            }
            KText {
                text: qsTr("This will change:")
                color: Theme.mutedText
                font.pixelSize: Theme.smallSize
            }
            ListView {
                id: changeList
                objectName: "changeList"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(contentHeight, 260)
                clip: true
                interactive: contentHeight > height
                model: confirm.staff.changes
                delegate: KText {
                    required property string subject
                    required property string field
                    required property string before
                    required property string after
                    width: ListView.view.width
                    text: subject + " · " + field + ": " + before + "  →  " + after
                    font.pixelSize: confirm.fs
                }
            }
            KText {
                visible: confirm.staff.pendingNeedsReason
                text: qsTr("Why?")
                font.bold: true
            }
            Flow {
                Layout.fillWidth: true
                visible: confirm.staff.pendingNeedsReason
                spacing: Theme.gap / 2
                Repeater {
                    model: confirm.staff.reasons
                    delegate: KButton {
                        required property string code
                        required property string label
                        objectName: "reason_" + code
                        width: implicitWidth + Theme.gap / 2
                        height: confirm.compact ? 60 : implicitHeight
                        text: label
                        fontSize: confirm.fs
                        on: confirm.reasonCode === code
                        onClicked: { confirm.staff.touch(); confirm.reasonCode = code }
                    }
                }
            }
            TextField {
                id: freeText
                objectName: "reasonText"
                Layout.fillWidth: true
                visible: confirm.staff.pendingNeedsReason
                placeholderText: qsTr("More detail (optional; needed for Other)")
                font.pixelSize: Theme.smallSize
                font.family: Theme.fontFamily
                onTextEdited: confirm.staff.touch()
            }
            KText {
                objectName: "confirmMessage"
                Layout.fillWidth: true
                visible: text !== "" && !confirm.staff.messageOk
                text: confirm.staff.message
                color: Theme.bad
                font.pixelSize: Theme.smallSize
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                KButton {
                    objectName: "confirmCancel"
                    Layout.fillWidth: true
                    Layout.preferredHeight: confirm.compact ? 72 : implicitHeight
                    text: qsTr("Cancel")
                    onClicked: confirm.staff.cancel()
                }
                KButton {
                    objectName: "confirmOk"
                    Layout.fillWidth: true
                    Layout.preferredHeight: confirm.compact ? 72 : implicitHeight
                    kind: "primary"
                    enabled: !confirm.staff.busy
                             && (!confirm.staff.pendingNeedsReason || confirm.reasonCode !== "" || freeText.text.trim() !== "")
                    text: qsTr("Confirm")
                    onClicked: confirm.staff.confirm(confirm.reasonCode, freeText.text)
                }
            }
        }
    }
}
