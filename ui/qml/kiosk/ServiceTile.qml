// One service on the home screen: icon, name, people waiting, the wait now.
//
// Three shapes, by the room the tile gets: tall (icon above the words,
// centred), compact (icon beside the words) and, for short wide tiles (easy
// reach on the portrait screen), the name beside the figures. The icon goes
// first when room is short; the words never do.
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
    readonly property bool compact: height < Math.round(330 * Theme.textScale)
    // short and wide: the name beside the figures (easy reach on the portrait screen)
    readonly property bool wide: compact && width >= 800 && height < Math.round(200 * Theme.textScale)
    readonly property bool roomy: height >= Math.round(300 * Theme.textScale)
    readonly property bool showIcon: !compact || height >= Math.round(300 * Theme.textScale)
    readonly property int iconSide: compact ? Math.min(96, height - 2 * Theme.gap) : 112
    readonly property int textWidth: availableWidth - (compact && showIcon ? iconSide + Theme.gap : 0)

    focusPolicy: Qt.NoFocus
    padding: compact ? Theme.gap / 3 : Theme.gap / 2
    leftPadding: compact ? Theme.gap : Theme.gap / 2
    rightPadding: leftPadding
    Accessible.role: Accessible.Button
    Accessible.name: name

    background: Rectangle {
        radius: Theme.radius
        color: tile.down ? Theme.secondary : Theme.surface
        border.color: Theme.highContrast ? Theme.text : Theme.border
        border.width: Theme.borderWidth * 2
    }
    contentItem: GridLayout {
        columns: tile.compact && tile.showIcon ? 2 : 1
        columnSpacing: Theme.gap
        rowSpacing: Theme.gap / 2
        Image {
            visible: tile.showIcon
            source: Theme.icon(tile.iconName, Theme.highContrast ? Theme.text : undefined)
            sourceSize: Qt.size(tile.iconSide, tile.iconSide)
            Layout.preferredWidth: tile.iconSide
            Layout.preferredHeight: tile.iconSide
            Layout.alignment: tile.compact ? Qt.AlignVCenter : Qt.AlignHCenter
        }
        GridLayout {
            columns: tile.wide ? 2 : 1
            columnSpacing: Theme.gap
            rowSpacing: 4
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignVCenter
            KText {
                text: tile.name
                font.pixelSize: tile.compact && !tile.roomy ? Theme.bodySize : Theme.headingSize
                font.bold: true
                horizontalAlignment: tile.compact ? Text.AlignLeft : Text.AlignHCenter
                // a provincial centre's procedure names run long: three lines before "…"
                maximumLineCount: tile.wide ? 2 : 3
                elide: Text.ElideRight
                Layout.fillWidth: true
                // beside the figures, the name keeps a third of the tile
                Layout.minimumWidth: tile.wide ? Math.round(tile.textWidth * 0.32) : 0
                Layout.alignment: Qt.AlignVCenter
            }
            ColumnLayout {
                id: figures
                readonly property int room: tile.wide ? Math.round(tile.textWidth * 0.68) - Theme.gap
                                                     : tile.textWidth
                spacing: 4
                Layout.fillWidth: !tile.wide
                Layout.maximumWidth: room
                Layout.alignment: tile.wide ? Qt.AlignRight | Qt.AlignVCenter : Qt.AlignTop
                KText {
                    text: tile.waitingText
                    color: Theme.mutedText
                    font.pixelSize: tile.compact && !tile.roomy ? Theme.smallSize : Theme.bodySize
                    textRole: font.pixelSize < Theme.bodySize ? "secondary" : "body"
                    horizontalAlignment: tile.compact ? Text.AlignLeft : Text.AlignHCenter
                    wrapMode: tile.wide ? Text.NoWrap : Text.WordWrap
                    Layout.fillWidth: !tile.wide
                }
                // the wait and its label side by side when they fit, else one under the other
                GridLayout {
                    readonly property bool fits: waitLine.implicitWidth + waitLabel.implicitWidth + columnSpacing <= figures.room
                    visible: tile.waitText !== ""
                    columns: fits ? 2 : 1
                    columnSpacing: Theme.gap / 2
                    rowSpacing: 4
                    Layout.alignment: tile.compact ? Qt.AlignLeft : Qt.AlignHCenter
                    KText {
                        id: waitLine
                        text: tile.waitText
                        font.bold: true
                        font.pixelSize: tile.compact && !tile.roomy ? Theme.smallSize : Theme.bodySize
                        textRole: font.pixelSize < Theme.bodySize ? "secondary" : "body"
                        wrapMode: Text.NoWrap
                        Layout.alignment: (tile.compact ? Qt.AlignLeft : Qt.AlignHCenter) | Qt.AlignVCenter
                    }
                    AiLabel {
                        id: waitLabel
                        estimateKind: tile.estimateKind
                        text: tile.estimateLabel
                        interactive: false
                        Layout.alignment: (tile.compact ? Qt.AlignLeft : Qt.AlignHCenter) | Qt.AlignVCenter
                    }
                }
            }
        }
    }
}
