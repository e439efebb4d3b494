// A touch button: at least Theme.touchMin square, label in the bundled font.
// kind: "primary", "secondary", "priority", "ai", "plain"; "on" marks a
// switched-on toggle. Every instance needs an objectName (tests tap by it).
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

AbstractButton {
    id: control

    readonly property bool touchable: true
    property string kind: "secondary"
    property bool on: false
    property string iconName: ""
    property int fontSize: Theme.bodySize
    property string textRole: "body"
    property bool bold: kind === "primary"

    readonly property color fill: {
        if (on) return Theme.selected
        switch (kind) {
        case "primary": return Theme.primary
        case "priority": return Theme.priority
        case "ai": return Theme.ai
        case "plain": return Theme.plain
        default: return Theme.secondary
        }
    }
    readonly property color ink: {
        if (on) return Theme.selectedInk
        switch (kind) {
        case "primary": return Theme.primaryInk
        case "priority": return Theme.priorityInk
        case "ai": return Theme.aiInk
        case "plain": return Theme.plainInk
        default: return Theme.secondaryInk
        }
    }

    // rounded up, with a pixel to spare: a fractional width would wrap the label
    implicitWidth: Math.max(Theme.touchMin, Math.ceil(label.implicitWidth) + 2 + (icon.visible ? icon.width + Theme.gap / 2 : 0) + 2 * Theme.gap)
    implicitHeight: Math.max(Theme.touchMin, label.implicitHeight + Theme.gap)
    focusPolicy: Qt.NoFocus
    Accessible.role: Accessible.Button
    Accessible.name: text

    background: Rectangle {
        radius: Theme.radius
        color: control.fill
        opacity: control.enabled ? (control.down ? 0.8 : 1.0) : 0.5
        border.color: Theme.highContrast ? Theme.text : Qt.darker(control.fill, 1.25)
        border.width: Theme.borderWidth
    }

    contentItem: Item {
        RowLayout {
            anchors.centerIn: parent
            width: Math.min(implicitWidth, parent.width)
            spacing: Theme.gap / 2
            Image {
                id: icon
                visible: control.iconName !== ""
                source: control.iconName !== "" ? Theme.icon(control.iconName, control.ink) : ""
                sourceSize: Qt.size(width, height)
                Layout.preferredWidth: Math.round(control.fontSize * 1.3)
                Layout.preferredHeight: Math.round(control.fontSize * 1.3)
                width: Math.round(control.fontSize * 1.3)
                height: width
            }
            KText {
                id: label
                text: control.text
                color: control.ink
                font.pixelSize: control.fontSize
                textRole: control.textRole
                font.bold: control.bold || control.on
                horizontalAlignment: Text.AlignHCenter
                maximumLineCount: 3
                elide: Text.ElideRight
                Layout.fillWidth: true
                Layout.maximumWidth: control.width - 2 * Theme.gap - (icon.visible ? icon.width + Theme.gap / 2 : 0)
            }
        }
    }
}
