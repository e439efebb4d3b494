// The strip on every screen: the numbers called last and their counters.
import QtQuick
import QtQuick.Layouts

Rectangle {
    id: strip
    required property var calls
    color: Theme.strip
    implicitHeight: Theme.stripHeight
    border.color: Theme.highContrast ? Theme.stripInk : "transparent"
    border.width: Theme.highContrast ? Theme.borderWidth : 0

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.gap
        KText {
            text: qsTr("Now serving")
            color: Theme.stripInk
            font.bold: true
            wrapMode: Text.NoWrap
            Layout.alignment: Qt.AlignVCenter
        }
        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            orientation: ListView.Horizontal
            interactive: false
            clip: true
            spacing: Theme.gap * 2
            model: strip.calls
            delegate: KText {
                required property string number
                required property int counter
                height: ListView.view.height
                verticalAlignment: Text.AlignVCenter
                wrapMode: Text.NoWrap
                color: Theme.stripInk
                font.pixelSize: Theme.headingSize
                text: qsTr("%1 → counter %2").arg(number).arg(counter)
            }
        }
        KText {
            visible: list.count === 0
            text: qsTr("No numbers called yet")
            color: Theme.stripInk
            wrapMode: Text.NoWrap
        }
    }
}
