// One service on the home screen: icon, name, people waiting, the wait now.
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Motcua

AbstractButton {
    id: tile
    readonly property bool touchable: true
    required property string code
    required property string name
    required property string iconName
    required property string waitingText
    required property string waitText
    required property string estimateKind
    required property string estimateLabel
    readonly property bool compact: height < 330

    focusPolicy: Qt.NoFocus
    Accessible.role: Accessible.Button
    Accessible.name: name

    background: Rectangle {
        radius: Theme.radius
        color: tile.down ? Theme.secondary : Theme.surface
        border.color: Theme.highContrast ? Theme.text : Theme.border
        border.width: Theme.borderWidth * 2
    }
    contentItem: GridLayout {
        columns: tile.compact ? 2 : 1
        columnSpacing: Theme.gap
        rowSpacing: Theme.gap / 2
        Image {
            source: Theme.icon(tile.iconName, Theme.highContrast ? Theme.text : undefined)
            readonly property int side: tile.compact ? Math.min(96, tile.height - 2 * Theme.gap) : 112
            sourceSize: Qt.size(side, side)
            Layout.preferredWidth: side
            Layout.preferredHeight: side
            Layout.alignment: tile.compact ? Qt.AlignVCenter : Qt.AlignHCenter
        }
        ColumnLayout {
            spacing: 4
            Layout.fillWidth: true
            KText {
                text: tile.name
                font.pixelSize: Theme.headingSize
                font.bold: true
                horizontalAlignment: tile.compact ? Text.AlignLeft : Text.AlignHCenter
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            KText {
                text: tile.waitingText
                color: Theme.mutedText
                horizontalAlignment: tile.compact ? Text.AlignLeft : Text.AlignHCenter
                Layout.fillWidth: true
            }
            Flow {
                spacing: Theme.gap / 2
                Layout.fillWidth: true
                visible: tile.waitText !== ""
                KText {
                    text: tile.waitText
                    font.bold: true
                    wrapMode: Text.NoWrap
                }
                AiLabel {
                    estimateKind: tile.estimateKind
                    text: tile.estimateLabel
                    interactive: false
                }
            }
        }
    }
}
