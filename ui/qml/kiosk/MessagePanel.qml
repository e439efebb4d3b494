// One plain sentence for the citizen (a refused or failed ticket) and OK.
import QtQuick
import QtQuick.Layouts
import Motcua

Panel {
    id: panel
    required property var backend
    cardMargin: Theme.margin * 3

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
        Item { Layout.fillHeight: true }
        KText {
            objectName: "messageText"
            text: panel.backend.message
            font.pixelSize: Theme.headingSize
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        KText {
            text: panel.backend.staffNote
            color: Theme.mutedText
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
        KButton {
            objectName: "messageOkButton"
            kind: "primary"
            text: qsTr("OK")
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 360
            onClicked: panel.backend.dismissMessage()
        }
    }
}
