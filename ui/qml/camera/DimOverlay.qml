// Dims the kiosk when nobody has been near for a while; a touch (or someone
// arriving in front of the camera) lights it again. Saves energy (COMPLIANCE row 14).
import QtQuick
import Motcua

Rectangle {
    id: dim
    objectName: "dimOverlay"
    required property var camera
    // the slot may be 0x0 when this is created: follow its size
    anchors.fill: parent

    color: "black"
    opacity: camera.dimmed ? 0.75 : 0.0
    visible: opacity > 0
    // slow in, quick out: waking must feel immediate
    Behavior on opacity { NumberAnimation { duration: dim.camera.dimmed ? 1500 : 200 } }

    // the waking tap ends here: the area keeps the press until its release, so
    // neither half of the tap reaches the control underneath
    MouseArea {
        id: wake
        objectName: "dimWake"
        property bool waking: false
        anchors.fill: parent
        enabled: dim.camera.dimmed || waking
        onPressed: { waking = true; dim.camera.touched() }
        onReleased: waking = false
        onCanceled: waking = false
    }
}
