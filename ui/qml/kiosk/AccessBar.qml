// Language switch and accessibility modes: larger text, high contrast, read
// aloud, easy reach. Always at the bottom, within reach.
import QtQuick
import QtQuick.Layouts
import Motcua

Rectangle {
    id: bar
    required property var backend
    property bool portrait: false
    // the switches keep one size in every mode: larger text must not squeeze
    // the very button that turns it off into "Chữ lớn …"
    readonly property int labelSize: Theme.bodyMin
    color: Theme.surface
    border.color: Theme.border
    border.width: Theme.highContrast ? Theme.borderWidth : 0
    implicitHeight: grid.implicitHeight + Theme.gap

    GridLayout {
        id: grid
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.topMargin: Theme.gap / 2
        anchors.bottomMargin: Theme.gap / 2
        columns: bar.portrait ? 3 : 6
        columnSpacing: Theme.gap
        rowSpacing: Theme.gap / 2

        Repeater {
            model: bar.backend.languages
            delegate: KButton {
                required property var modelData
                objectName: "lang_" + modelData.code
                text: modelData.label
                on: bar.backend.language === modelData.code
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                fontSize: bar.labelSize
                onClicked: bar.backend.setLanguage(modelData.code)
            }
        }
        KButton {
            objectName: "largeTextButton"
            text: qsTr("Larger text")
            iconName: "largetext"
            on: bar.backend.largeText
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            fontSize: bar.labelSize
            onClicked: bar.backend.toggleLargeText()
        }
        KButton {
            objectName: "highContrastButton"
            text: qsTr("High contrast")
            iconName: "contrast"
            on: bar.backend.highContrast
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            fontSize: bar.labelSize
            onClicked: bar.backend.toggleHighContrast()
        }
        KButton {
            objectName: "readAloudButton"
            text: qsTr("Read aloud")
            iconName: "speaker"
            on: bar.backend.readAloud
            enabled: bar.backend.readAloudAvailable
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            fontSize: bar.labelSize
            onClicked: bar.backend.toggleReadAloud()
        }
        KButton {
            objectName: "easyReachButton"
            text: qsTr("Easy reach")
            iconName: "reach"
            on: bar.backend.easyReach
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            fontSize: bar.labelSize
            onClicked: bar.backend.toggleEasyReach()
        }
    }
}
