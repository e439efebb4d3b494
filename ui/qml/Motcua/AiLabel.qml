// The label beside every wait estimate: "AI estimate" (one tap opens how it
// is made) or "Simple estimate (not AI)". Where a control would be out of
// reach (easy reach mode) it is a plain chip and the screen offers its own
// button instead. The inner button is named "<objectName>_button".
import QtQuick

Item {
    id: label
    property string estimateKind: "ai"
    property string text: ""
    property bool interactive: true
    signal clicked()

    visible: (estimateKind === "ai" || estimateKind === "plain") && text !== ""
    implicitWidth: interactive ? button.implicitWidth : chip.implicitWidth
    implicitHeight: interactive ? button.implicitHeight : chip.implicitHeight

    KButton {
        id: button
        objectName: label.objectName !== "" ? label.objectName + "_button" : ""
        anchors.fill: parent
        visible: label.interactive
        kind: label.estimateKind === "ai" ? "ai" : "plain"
        iconName: "info"
        fontSize: Theme.smallSize
        textRole: "secondary"
        text: label.text
        onClicked: label.clicked()
    }
    Rectangle {
        id: chip
        visible: !label.interactive
        anchors.fill: parent
        implicitWidth: chipText.implicitWidth + Theme.gap
        implicitHeight: chipText.implicitHeight + Theme.gap / 2
        radius: Theme.radius / 2
        color: label.estimateKind === "ai" ? Theme.ai : Theme.plain
        KText {
            id: chipText
            anchors.centerIn: parent
            text: label.text
            color: label.estimateKind === "ai" ? Theme.aiInk : Theme.plainInk
            font.pixelSize: Theme.smallSize
            textRole: "secondary"
            wrapMode: Text.NoWrap
        }
    }
}
