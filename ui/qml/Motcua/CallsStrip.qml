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
        // newest first, as many whole calls as fit: an older call is left out,
        // never cut in half
        Item {
            id: room
            Layout.fillWidth: true
            Layout.fillHeight: true
            Row {
                id: list
                height: parent.height
                spacing: Theme.gap * 2
                Repeater {
                    id: calls
                    model: strip.calls
                    delegate: KText {
                        required property string number
                        required property int counter
                        required property int index
                        // the row places only shown calls, so this depends on the earlier ones alone
                        visible: list.x + x + implicitWidth <= room.width
                        height: list.height
                        verticalAlignment: Text.AlignVCenter
                        wrapMode: Text.NoWrap
                        color: Theme.stripInk
                        font.pixelSize: Theme.headingSize
                        font.bold: index === 0
                        text: qsTr("%1 → counter %2").arg(number).arg(counter)
                    }
                }
            }
        }
        KText {
            visible: calls.count === 0
            text: qsTr("No numbers called yet")
            color: Theme.stripInk
            wrapMode: Text.NoWrap
        }
    }
}
