// The camera-in-use sign: shown whenever the camera runs, in the header.
// People in a public place must be told a camera is on (COMPLIANCE row 10).
import QtQuick
import Motcua

Rectangle {
    id: sign
    objectName: "cameraSign"
    required property var camera

    visible: camera.cameraActive
    implicitWidth: row.implicitWidth + Theme.gap
    implicitHeight: Math.max(64, row.implicitHeight + Theme.gap / 2)
    width: implicitWidth
    height: implicitHeight
    radius: height / 2
    color: Theme.surface
    border.color: Theme.border
    border.width: Theme.borderWidth

    Row {
        id: row
        anchors.centerIn: parent
        spacing: Theme.gap / 2

        // a small camera drawn with shapes: body, lens, red "on" light
        Item {
            width: 52
            height: 36
            anchors.verticalCenter: parent.verticalCenter
            Rectangle {
                x: 0; y: 6; width: 38; height: 28; radius: 5
                color: Theme.text
            }
            Rectangle {
                x: 12; y: 13; width: 14; height: 14; radius: 7
                color: Theme.surface
            }
            Rectangle {
                x: 38; y: 12; width: 14; height: 16
                color: Theme.text
            }
            Rectangle {
                x: 2; y: 0; width: 10; height: 10; radius: 5
                color: Theme.bad
            }
        }
        KText {
            objectName: "cameraSignText"
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("Camera on: presence only, no recording")
            font.pixelSize: Theme.smallSize
            textRole: "secondary"
            wrapMode: Text.NoWrap
        }
    }
}
