// The ID-card check-in, offered before a ticket when the hall turns it on.
// It says why first, reads the card's QR from the camera or a USB scanner
// (which types the text and Enter), and "continue without card" always works.
// Only a code made from the ID number is kept, until the end of the day.
import QtQuick
import QtQuick.Layouts
import Motcua

Panel {
    id: prompt
    objectName: "idCardPrompt"
    required property var camera
    visible: camera.idCardOpen
    cardMargin: Theme.margin * 2

    onVisibleChanged: if (visible) scanner.forceActiveFocus()

    // a USB QR scanner is a keyboard: it types the code and presses Enter
    TextInput {
        id: scanner
        objectName: "idCardScannerInput"
        width: 1
        height: 1
        opacity: 0
        focus: prompt.visible
        echoMode: TextInput.NoEcho
        onAccepted: {
            prompt.camera.submitScan(text)
            text = ""
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        KText {
            objectName: "idCardTitle"
            Layout.fillWidth: true
            font.pixelSize: Theme.titleSize
            font.bold: true
            text: {
                if (prompt.camera.idCardState === "accepted")
                    return prompt.camera.idCardGreeting !== ""
                        ? qsTr("Hello, %1. Your card is checked.").arg(prompt.camera.idCardGreeting)
                        : qsTr("Your card is checked.")
                return qsTr("Check in with your chip ID card?")
            }
        }

        KText {
            objectName: "idCardWhy"
            Layout.fillWidth: true
            visible: prompt.camera.idCardState !== "accepted"
            text: qsTr("Why: each citizen may hold one active ticket per service, and an appointment can be found for you. It is your choice: without the card you get a ticket just the same.")
        }
        KText {
            objectName: "idCardPrivacy"
            Layout.fillWidth: true
            color: Theme.mutedText
            text: qsTr("What is kept: only a code made from your ID number, until the end of today. Your name, number and date of birth are not stored, and no picture is saved.")
        }
        KText {
            objectName: "idCardHow"
            Layout.fillWidth: true
            visible: prompt.camera.idCardState === "explain"
            font.pixelSize: Theme.headingSize
            text: qsTr("Hold the QR code on your card up to the camera or the scanner.")
        }
        KText {
            objectName: "idCardProblem"
            Layout.fillWidth: true
            visible: prompt.camera.idCardState === "refused"
            color: Theme.bad
            font.pixelSize: Theme.headingSize
            text: prompt.camera.idCardProblem === "id_active_ticket"
                ? qsTr("You already have ticket %1 for this service today.").arg(prompt.camera.idCardTicket)
                : qsTr("This code could not be read as a chip ID card. Try again, or continue without the card.")
        }

        Item { Layout.fillHeight: true }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            KButton {
                objectName: "idCardCancel"
                kind: "secondary"
                text: qsTr("Back")
                onClicked: prompt.camera.cancelIdCard()
            }
            Item { Layout.fillWidth: true }
            KButton {
                objectName: "idCardSkip"
                kind: prompt.camera.idCardState === "accepted" ? "secondary" : "primary"
                text: qsTr("Continue without card")
                onClicked: prompt.camera.continueWithoutCard()
            }
            KButton {
                objectName: "idCardTake"
                kind: "primary"
                visible: prompt.camera.idCardState === "accepted"
                text: qsTr("Take a ticket")
                onClicked: prompt.camera.takeWithCard()
            }
        }
    }
}
