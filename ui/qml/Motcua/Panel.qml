// A card over a dark scrim, for the overlays (model card, priority, messages).
// The scrim swallows taps so nothing underneath reacts.
import QtQuick

Rectangle {
    id: panel
    default property alias content: card.data
    property real cardMargin: Theme.margin * 1.5
    property real topLimit: 0
    color: Theme.scrim
    visible: false

    MouseArea {
        anchors.fill: parent
        // swallow taps on the scrim
    }
    Rectangle {
        id: card
        anchors.fill: parent
        anchors.margins: panel.cardMargin
        anchors.topMargin: Math.max(panel.cardMargin, panel.topLimit)
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border
        border.width: Theme.borderWidth
    }
}
