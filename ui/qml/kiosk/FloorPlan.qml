// The hall's floor plan (an image or simple shapes, in metres), the
// counters, "You are here", and the route to the ticket's counter.
import QtQuick
import QtQuick.Shapes
import Motcua

Item {
    id: map
    required property var plan
    property var route: []
    property int target: 0
    readonly property real unit: Math.min(width / plan.width, height / plan.height)
    implicitWidth: 640
    implicitHeight: implicitWidth * plan.height / plan.width

    Rectangle {
        id: floor
        width: map.plan.width * map.unit
        height: map.plan.height * map.unit
        anchors.centerIn: parent
        color: Theme.surface
        border.color: Theme.border
        border.width: Theme.borderWidth
        radius: 6

        Image {
            anchors.fill: parent
            visible: map.plan.image !== ""
            source: map.plan.image
            fillMode: Image.Stretch
        }
        Repeater {
            model: map.plan.shapes
            delegate: Rectangle {
                required property var modelData
                x: modelData.x * map.unit
                y: modelData.y * map.unit
                width: modelData.w * map.unit
                height: modelData.h * map.unit
                color: modelData.kind === "wall" ? Theme.text
                       : modelData.kind === "door" ? Theme.good
                       : modelData.kind === "desk" ? Theme.secondary
                       : (Theme.highContrast ? "#000000" : "#E4EAF1")
                border.color: Theme.border
                border.width: modelData.kind === "area" ? Theme.borderWidth : 0
                KText {
                    anchors.centerIn: parent
                    visible: text !== "" && parent.width > implicitWidth
                    text: parent.modelData.label
                    font.pixelSize: Theme.smallSize
                    color: Theme.mutedText
                    wrapMode: Text.NoWrap
                }
            }
        }
        Shape {
            anchors.fill: parent
            visible: map.route.length > 1
            ShapePath {
                strokeColor: Theme.route
                strokeWidth: 10
                fillColor: "transparent"
                capStyle: ShapePath.RoundCap
                joinStyle: ShapePath.RoundJoin
                strokeStyle: ShapePath.SolidLine
                PathPolyline {
                    path: map.route.map(p => Qt.point(p.x * map.unit, p.y * map.unit))
                }
            }
        }
        Repeater {
            model: map.plan.counters
            delegate: Rectangle {
                required property var modelData
                readonly property bool isTarget: modelData.number === map.target
                width: isTarget ? 72 : 56
                height: width
                radius: width / 2
                x: modelData.x * map.unit - width / 2
                y: Math.max(0, modelData.y * map.unit - height / 2)
                color: isTarget ? Theme.route : Theme.primary
                border.color: Theme.surface
                border.width: 3
                KText {
                    anchors.centerIn: parent
                    text: parent.modelData.number
                    color: parent.isTarget ? "white" : Theme.primaryInk
                    font.pixelSize: Theme.smallSize
                    font.bold: true
                    wrapMode: Text.NoWrap
                }
            }
        }
        Rectangle {
            id: here
            width: 44
            height: 44
            radius: 22
            x: map.plan.kiosk.x * map.unit - width / 2
            y: map.plan.kiosk.y * map.unit - height / 2
            color: Theme.good
            border.color: Theme.surface
            border.width: 4
        }
        KText {
            objectName: "youAreHere"
            text: qsTr("You are here")
            font.pixelSize: Theme.smallSize
            font.bold: true
            wrapMode: Text.NoWrap
            x: Math.min(floor.width - width - 4, Math.max(4, here.x + here.width / 2 - width / 2))
            y: here.y > floor.height / 2 ? here.y - height - 2 : here.y + here.height + 2
        }
    }
}
