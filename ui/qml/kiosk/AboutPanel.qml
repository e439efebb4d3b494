// "How is this estimated?": the model card in plain words, from the card
// and the live accuracy figures the backend passes (never written here).
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Basic
import Motcua

Panel {
    id: panel
    required property var backend

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
        KText {
            text: qsTr("How is this estimated?")
            font.pixelSize: Theme.titleSize
            font.bold: true
            Layout.fillWidth: true
        }
        Flickable {
            id: flick
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: sections.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {
                // a bar a finger can see: the list says there is more
                policy: flick.contentHeight > flick.height + 1 ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                width: 20
                contentItem: Rectangle { implicitWidth: 20; radius: 10; color: Theme.primary }
                background: Rectangle { implicitWidth: 20; radius: 10; color: Theme.secondary }
            }
            // the panel is kept between openings: each opening starts at the top
            Connections {
                target: panel
                function onVisibleChanged() { if (panel.visible) flick.contentY = 0 }
            }
            // more below: a fade over the last line says so
            Rectangle {
                parent: flick
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                height: Theme.gap * 2
                visible: flick.contentY + flick.height < flick.contentHeight - 1
                gradient: Gradient {
                    GradientStop { position: 0.0; color: "transparent" }
                    GradientStop { position: 1.0; color: Theme.surface }
                }
            }
            ColumnLayout {
                id: sections
                // the scroll bar's gutter is kept: no line runs under the bar
                width: flick.width - 28
                spacing: Theme.gap
                Repeater {
                    model: panel.backend.estimator.sections ?? []
                    delegate: ColumnLayout {
                        id: section
                        required property var modelData
                        objectName: "section_" + modelData.name
                        spacing: 4
                        Layout.fillWidth: true
                        KText {
                            text: section.modelData.title
                            font.pixelSize: Theme.headingSize
                            font.bold: true
                            Layout.fillWidth: true
                        }
                        KText {
                            objectName: "sectionText_" + section.modelData.name
                            text: section.modelData.text
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }
        KButton {
            objectName: "closeAboutButton"
            kind: "primary"
            text: qsTr("Close")
            Layout.alignment: Qt.AlignRight
            Layout.preferredWidth: 360
            onClicked: panel.backend.closeAbout()
        }
    }
}
