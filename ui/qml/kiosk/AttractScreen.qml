// Shown when nobody has touched the kiosk for a while: an invitation in
// Vietnamese and English, the time and the recent calls. Any touch wakes it.
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Motcua

Rectangle {
    id: attract
    required property var backend
    required property var calls
    color: Theme.primary

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 2
        anchors.bottomMargin: Theme.stripHeight + Theme.margin
        spacing: Theme.gap * 2
        KText {
            text: attract.backend.hallName
            color: Theme.primaryInk
            font.pixelSize: Theme.headingSize
            font.bold: true
            Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
        KText {
            text: qsTr("Touch the screen to take a ticket")
            color: Theme.primaryInk
            font.pixelSize: 96
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        KText {
            // the English invitation stays for visitors while the screen is in
            // another language (it is the same sentence, deliberately untranslated)
            visible: attract.backend.language !== "en"
            text: "Touch the screen to take a ticket"
            color: Theme.primaryInk
            font.pixelSize: 56
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
        KText {
            text: attract.backend.clockText
            color: Theme.primaryInk
            font.pixelSize: 72
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
    }
    CallsStrip {
        calls: attract.calls
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
    }
    AbstractButton {
        objectName: "attractButton"
        readonly property bool touchable: true
        anchors.fill: parent
        focusPolicy: Qt.NoFocus
        Accessible.name: qsTr("Touch the screen to take a ticket")
        background: Item {}
        onClicked: attract.backend.wake()
    }
}
