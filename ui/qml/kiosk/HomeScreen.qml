// Home: the services as large tiles, the priority entry, the AI note.
// One tap on a tile opens the service; one more takes the ticket.
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Basic
import Motcua

Item {
    id: home
    required property var backend
    required property var services
    property real reachTop: 0
    property bool portrait: false

    // easy reach keeps every control in the lower half; the words can stay up here
    KText {
        visible: home.reachTop > 0
        anchors.horizontalCenter: parent.horizontalCenter
        y: Math.max(0, (home.reachTop - height) / 2)
        width: parent.width - 2 * Theme.margin
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("Choose a service")
        font.pixelSize: Theme.titleSize
        font.bold: true
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        anchors.topMargin: Math.max(Theme.gap, home.reachTop)
        spacing: Theme.gap

        KText {
            text: qsTr("Choose a service")
            font.pixelSize: Theme.titleSize
            font.bold: true
            visible: home.reachTop === 0
            Layout.fillWidth: true
        }
        // the last ticket did not print: say so before the next citizen commits
        Rectangle {
            objectName: "printerFault"
            visible: home.backend.printState === "failed"
            color: Theme.bad
            radius: Theme.radius / 2
            Layout.fillWidth: true
            implicitHeight: faultText.implicitHeight + Theme.gap
            KText {
                id: faultText
                anchors.fill: parent
                anchors.margins: Theme.gap / 2
                verticalAlignment: Text.AlignVCenter
                color: Theme.highContrast ? "#000000" : "white"
                font.bold: true
                text: qsTr("The printer is not working. You can still take a number: it is shown on the screen to write down.")
            }
        }

        // the tiles scroll only when the room is too small for their words
        // (easy reach with larger text); otherwise they share the room
        Flickable {
            id: tilesView
            objectName: "tilesView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: contentHeight > height + 1
            interactive: contentHeight > height + 1
            boundsBehavior: Flickable.StopAtBounds
            contentWidth: width
            contentHeight: tiles.height
            ScrollBar.vertical: ScrollBar {
                // a bar a finger can see: the list says there is more
                policy: tilesView.contentHeight > tilesView.height + 1 ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                width: 20
                contentItem: Rectangle { implicitWidth: 20; radius: 10; color: Theme.primary }
                background: Rectangle { implicitWidth: 20; radius: 10; color: Theme.secondary }
            }
            GridLayout {
                id: tiles
                readonly property int rows: Math.ceil(repeater.count / columns)
                // landscape: room for three lines of a long procedure name, the people
                // waiting and the wait with its label (a ServiceTile below its roomy size);
                // easy reach leaves a band too low for that: one short row a screen
                // (portrait, larger text: the wait's label may go under the wait)
                readonly property int tileMin: home.portrait
                    ? (Theme.textScale > 1 ? 215 : 110)
                    : Math.round((home.reachTop > 0 ? 170 : 270) * Theme.textScale)
                width: tilesView.width - (tilesView.contentHeight > tilesView.height + 1 ? 28 : 0)
                height: Math.max(tilesView.height, rows * tileMin + (rows - 1) * rowSpacing)
                columns: home.portrait ? 1 : Math.max(1, Math.min(3, repeater.count))
                columnSpacing: Theme.gap
                rowSpacing: Theme.gap
                Repeater {
                    id: repeater
                    model: home.services
                    delegate: ServiceTile {
                        objectName: "tile_" + code
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Layout.preferredWidth: 1
                        Layout.preferredHeight: 1
                        Layout.minimumHeight: tiles.tileMin
                        onClicked: home.backend.chooseService(code)
                    }
                }
            }
        }

        GridLayout {
            columns: home.portrait ? 1 : 2
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap
            Layout.fillWidth: true
            KButton {
                objectName: "priorityButton"
                kind: "priority"
                iconName: "priority"
                text: home.backend.priorityCategory !== ""
                      ? qsTr("Priority ticket: %1 (tap to change)").arg(home.backend.priorityName)
                      : qsTr("Priority ticket: %1").arg(home.backend.categories.map(c => c.name).join(", "))
                Layout.fillWidth: true
                Layout.preferredWidth: 3
                onClicked: home.backend.openPriority()
            }
            KButton {
                objectName: "homeAiButton"
                kind: home.backend.estimator.ai ? "ai" : "plain"
                iconName: "info"
                text: qsTr("How are waits estimated?")
                visible: home.backend.estimator.visible === true
                Layout.fillWidth: true
                Layout.preferredWidth: 2
                onClicked: home.backend.openAbout()
            }
        }
    }
}
