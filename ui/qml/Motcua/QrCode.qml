// A QR code for a text, drawn by the "qr" image provider, on a white quiet
// zone whatever the theme (phones read dark on light best).
import QtQuick

Rectangle {
    id: box
    property string value: ""
    color: "white"
    radius: 8
    implicitWidth: 260
    implicitHeight: 260
    Image {
        anchors.fill: parent
        anchors.margins: 8
        source: box.value !== "" ? "image://qr/" + encodeURIComponent(box.value) : ""
        smooth: false
        fillMode: Image.PreserveAspectFit
        cache: true
    }
}
