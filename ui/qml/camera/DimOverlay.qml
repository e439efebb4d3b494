// Dims the kiosk when nobody has been near for a while; a touch (or someone
// arriving in front of the camera) lights it again. Saves energy (COMPLIANCE row 14).
import QtQuick
import Motcua

Rectangle {
    id: dim
    objectName: "dimOverlay"
    required property var camera

    color: "black"
    opacity: camera.dimmed ? 0.75 : 0.0
    visible: opacity > 0
    // slow in, quick out: waking must feel immediate
    Behavior on opacity { NumberAnimation { duration: dim.camera.dimmed ? 1500 : 200 } }

    MouseArea {
        objectName: "dimWake"
        anchors.fill: parent
        enabled: dim.camera.dimmed
        onPressed: dim.camera.touched()
    }
}
