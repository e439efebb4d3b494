// The priority entry: the legal categories from the configuration. The
// kiosk never guesses; staff check at the counter.
import QtQuick
import QtQuick.Layouts
import Motcua

Panel {
    id: panel
    required property var backend

    ColumnLayout {
        id: column
        // a low card (easy reach, larger text): Cancel joins the categories' grid
        // rather than falling off the bottom
        readonly property bool tight: height < 720
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
        KText {
            text: qsTr("Priority ticket")
            font.pixelSize: Theme.titleSize
            font.bold: true
            Layout.fillWidth: true
        }
        KText {
            text: qsTr("For the people the law gives priority. Choose yours; staff will check at the counter.")
            Layout.fillWidth: true
        }
        GridLayout {
            columns: column.tight ? 3 : 2
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap
            Layout.fillWidth: true
            Layout.fillHeight: true
            Repeater {
                model: panel.backend.categories
                delegate: KButton {
                    required property var modelData
                    objectName: "category_" + modelData.code
                    kind: "priority"
                    on: panel.backend.priorityCategory === modelData.code
                    text: modelData.name
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.preferredHeight: 120
                    Layout.minimumHeight: Theme.touchMin
                    Layout.fillHeight: column.tight
                    onClicked: panel.backend.choosePriority(modelData.code)
                }
            }
            KButton {
                objectName: "noPriorityButtonInGrid"
                visible: column.tight && panel.backend.priorityCategory !== ""
                text: qsTr("No priority")
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: 120
                Layout.minimumHeight: Theme.touchMin
                Layout.fillHeight: true
                onClicked: panel.backend.choosePriority("")
            }
            KButton {
                objectName: "closePriorityButtonInGrid"
                visible: column.tight
                text: qsTr("Cancel")
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: 120
                Layout.minimumHeight: Theme.touchMin
                Layout.fillHeight: true
                onClicked: panel.backend.closePriority()
            }
        }
        RowLayout {
            spacing: Theme.gap
            Layout.fillWidth: true
            visible: !column.tight
            KButton {
                objectName: "noPriorityButton"
                visible: panel.backend.priorityCategory !== ""
                text: qsTr("No priority")
                Layout.preferredWidth: 360
                onClicked: panel.backend.choosePriority("")
            }
            Item { Layout.fillWidth: true }
            KButton {
                objectName: "closePriorityButton"
                visible: !column.tight
                text: qsTr("Cancel")
                Layout.preferredWidth: 360
                onClicked: panel.backend.closePriority()
            }
        }
    }
}
