// The staff PIN pad: staff number, then PIN (shown as dots), on a big keypad.
// Digits typed on a keyboard work too (the counter console). The PIN never
// leaves this item except in the one signIn() call.
import QtQuick
import QtQuick.Layouts
import Motcua

Rectangle {
    id: pad
    required property var staff
    property bool compact: false
    signal cancelled()

    property string staffNumber: ""
    property string pin: ""
    property bool pinStep: false
    // keys at least a touch target (96 px) high, wide enough for their labels
    readonly property int keySize: compact ? 120 : 132

    color: Theme.surface
    radius: Theme.radius
    border.color: Theme.border
    border.width: Theme.borderWidth
    implicitWidth: keys.implicitWidth + 2 * Theme.margin
    implicitHeight: column.implicitHeight + 2 * Theme.margin
    focus: visible

    function clear() { staffNumber = ""; pin = ""; pinStep = false }
    function press(key) {
        if (key === "back") {
            if (pinStep && pin.length > 0) pin = pin.slice(0, -1)
            else if (pinStep) pinStep = false
            else staffNumber = staffNumber.slice(0, -1)
        } else if (key === "ok") {
            if (!pinStep) { if (staffNumber.length > 0) pinStep = true }
            else if (pin.length > 0) { staff.signIn(staffNumber, pin); pin = "" }
        } else if (pinStep) {
            if (pin.length < 12) pin += key
        } else if (staffNumber.length < 12) {
            staffNumber += key
        }
    }

    Connections {
        target: pad.staff
        function onSessionChanged() { if (pad.staff.signedIn) pad.clear() }
    }

    Keys.onPressed: (event) => {
        if (event.key >= Qt.Key_0 && event.key <= Qt.Key_9) press(String(event.key - Qt.Key_0))
        else if (event.key === Qt.Key_Backspace) press("back")
        else if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter || event.key === Qt.Key_Tab) press("ok")
        else if (event.key === Qt.Key_Escape) { clear(); cancelled() }
        else return
        event.accepted = true
    }

    ColumnLayout {
        id: column
        anchors.centerIn: parent
        spacing: Theme.gap / 2
        KText {
            text: qsTr("Staff sign-in")
            font.pixelSize: pad.compact ? Theme.bodySize : Theme.headingSize
            font.bold: true
            Layout.alignment: Qt.AlignHCenter
        }
        Repeater {
            model: [
                { label: qsTr("Staff number"), value: pad.staffNumber, active: !pad.pinStep, name: "pinStaffField" },
                { label: qsTr("PIN"), value: "●".repeat(pad.pin.length), active: pad.pinStep, name: "pinField" }
            ]
            delegate: Rectangle {
                required property var modelData
                objectName: modelData.name
                Layout.fillWidth: true
                implicitHeight: pad.compact ? 64 : 80
                radius: Theme.radius / 2
                color: Theme.background
                border.color: modelData.active ? Theme.primary : Theme.border
                border.width: modelData.active ? 4 : Theme.borderWidth
                TapHandler { onTapped: pad.pinStep = (parent.objectName === "pinField") && pad.staffNumber.length > 0 }
                KText {
                    anchors { left: parent.left; leftMargin: Theme.gap; verticalCenter: parent.verticalCenter }
                    text: parent.modelData.label
                    color: Theme.mutedText
                    font.pixelSize: Theme.smallSize
                }
                KText {
                    anchors { right: parent.right; rightMargin: Theme.gap; verticalCenter: parent.verticalCenter }
                    text: parent.modelData.value
                    font.pixelSize: Theme.headingSize
                    font.bold: true
                    wrapMode: Text.NoWrap
                }
            }
        }
        KText {
            objectName: "pinMessage"
            Layout.fillWidth: true
            Layout.preferredWidth: keys.implicitWidth
            visible: text !== ""
            text: pad.staff.pinMessage
            color: Theme.bad
            font.pixelSize: Theme.smallSize
        }
        GridLayout {
            id: keys
            columns: 3
            rowSpacing: Theme.gap / 2
            columnSpacing: Theme.gap / 2
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "ok"]
                delegate: KButton {
                    required property string modelData
                    objectName: "pinKey_" + modelData
                    Layout.preferredWidth: pad.keySize
                    // "Đồng ý" widens its column rather than being cut
                    Layout.minimumWidth: modelData === "ok" ? implicitWidth : pad.keySize
                    Layout.fillWidth: true
                    Layout.preferredHeight: Math.max(Theme.touchMin, Math.round(pad.keySize * 0.8))
                    kind: modelData === "ok" ? "primary" : "secondary"
                    enabled: !pad.staff.busy
                    text: modelData === "back" ? "⌫" : modelData === "ok" ? qsTr("OK") : modelData
                    fontSize: modelData === "ok" ? Theme.bodySize : Theme.headingSize
                    onClicked: pad.press(modelData)
                }
            }
        }
        KButton {
            objectName: "pinCancel"
            Layout.fillWidth: true
            visible: !pad.compact
            text: qsTr("Cancel")
            onClicked: { pad.clear(); pad.cancelled() }
        }
    }
}
