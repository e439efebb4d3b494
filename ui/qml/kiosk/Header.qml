// The hall's name and the time, on every screen.
import QtQuick
import QtQuick.Layouts
import Motcua

Rectangle {
    id: header
    required property var backend
    readonly property real clockWidth: clock.width
    implicitHeight: Theme.headerHeight
    color: Theme.surface
    border.color: Theme.border
    border.width: Theme.highContrast ? Theme.borderWidth : 0

    KText {
        anchors.left: parent.left
        anchors.right: clock.left
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
        // two lines of a long name in larger text would not fit the bar: shrink to fit
        height: parent.height - 8
        verticalAlignment: Text.AlignVCenter
        fontSizeMode: Text.Fit
        minimumPixelSize: Theme.bodyMin
        wrapMode: Text.WordWrap
        text: header.backend.hallName
        font.pixelSize: Theme.headingSize
        font.bold: true
        maximumLineCount: 2
    }
    Column {
        id: clock
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        KText {
            anchors.right: parent.right
            objectName: "clockText"
            text: header.backend.clockText
            font.pixelSize: Theme.titleSize
            font.bold: true
            wrapMode: Text.NoWrap
        }
        KText {
            anchors.right: parent.right
            text: header.backend.dateText
            font.pixelSize: Theme.smallSize
            textRole: "secondary"
            color: Theme.mutedText
            wrapMode: Text.NoWrap
            visible: !Theme.largeText
        }
    }
}
