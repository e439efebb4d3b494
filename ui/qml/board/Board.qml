// The hall display (1920x1080 or 1080x1920): the last four numbers called
// with the newest highlighted, counters with the number each serves, waiting
// and estimate per service with the AI label, and the time. Read-only:
// nothing to touch. Called numbers have a cap height of at least 110 px
// (readable at 8 m on a 55-inch panel), the waiting lines 48 px. What does not
// fit turns in pages (counters and services each, every few seconds, with
// a page indicator); nothing is cut.
import QtQuick
import QtQuick.Window
import Motcua

Window {
    id: root

    required property var backend
    required property var counters
    required property var calls
    required property var services

    width: 1920
    height: 1080
    visible: false
    color: Theme.background
    title: qsTr("Hall display")

    readonly property bool portrait: height > width
    // the number sizes: cap height (0.714 of the size) at least 110 px
    readonly property int callSize: 158
    readonly property int lineSize: 48
    readonly property int callRow: 186
    readonly property int shownCalls: 4
    // counter tiles and service slots; pages turn on this tick
    readonly property int tileColumns: 4
    readonly property int tileHeight: 128
    readonly property int slotHeight: 220
    property int pageTick: 0

    Timer {
        interval: 8000
        repeat: true
        running: root.visible
        onTriggered: root.pageTick += 1
    }

    // header: hall name (shrunk to fit, up to three lines), date and time
    Rectangle {
        id: header
        objectName: "boardHeader"
        anchors { top: parent.top; left: parent.left; right: parent.right }
        height: root.portrait ? 180 : Theme.headerHeight
        color: Theme.strip
        KText {
            objectName: "hallName"
            anchors { left: parent.left; leftMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            width: parent.width - clock.width - 3 * Theme.margin
            height: parent.height - Theme.gap / 2
            verticalAlignment: Text.AlignVCenter
            text: root.backend.hallName
            color: Theme.stripInk
            font.pixelSize: Theme.titleSize
            font.bold: true
            fontSizeMode: Text.Fit
            minimumPixelSize: Theme.bodyMin
            wrapMode: Text.WordWrap
            maximumLineCount: 3
        }
        Grid {
            id: clock
            anchors { right: parent.right; rightMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            columns: root.portrait ? 1 : 2
            columnSpacing: Theme.gap
            horizontalItemAlignment: Grid.AlignRight
            verticalItemAlignment: Grid.AlignVCenter
            KText {
                objectName: "dateText"
                text: root.backend.dateText
                color: Theme.stripInk
                font.pixelSize: root.portrait ? Theme.bodySize : Theme.headingSize
                wrapMode: Text.NoWrap
            }
            KText {
                objectName: "clockText"
                text: root.backend.clockText
                color: Theme.stripInk
                font.pixelSize: 80
                font.bold: true
                wrapMode: Text.NoWrap
            }
        }
    }

    Item {
        id: body
        anchors { top: header.bottom; left: parent.left; right: parent.right; bottom: speechNotice.top }
        anchors.margins: Theme.gap

        // the last numbers called: the right column, or the top in portrait
        Rectangle {
            id: callsPanel
            objectName: "callsPanel"
            x: root.portrait ? 0 : body.width - width
            y: 0
            width: root.portrait ? body.width : 920
            height: root.portrait ? callsColumn.implicitHeight + 2 * Theme.gap : body.height
            radius: Theme.radius
            color: Theme.strip
            Column {
                id: callsColumn
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.gap }
                spacing: Theme.gap / 3
                Item {
                    width: parent.width
                    height: callsTitle.implicitHeight
                    KText {
                        id: callsTitle
                        text: qsTr("Last called")
                        font.pixelSize: Theme.headingSize
                        font.bold: true
                        color: Theme.stripInk
                        wrapMode: Text.NoWrap
                    }
                    KText {
                        anchors.right: parent.right
                        text: qsTr("Counters")
                        font.pixelSize: Theme.headingSize
                        color: Theme.stripInk
                        wrapMode: Text.NoWrap
                    }
                }
                Repeater {
                    id: callRepeater
                    model: root.calls
                    delegate: Rectangle {
                        required property int index
                        required property string number
                        required property int counter
                        required property bool newest
                        objectName: "call_" + index
                        visible: index < root.shownCalls
                        width: callsColumn.width
                        height: root.callRow
                        radius: Theme.radius
                        color: newest ? "#FFE600" : "transparent"
                        border.color: newest ? (Theme.highContrast ? "#FFFFFF" : "#000000") : Theme.stripInk
                        border.width: newest ? 6 : 1
                        KText {
                            objectName: "callNumber_" + index
                            anchors { left: parent.left; leftMargin: Theme.gap; verticalCenter: parent.verticalCenter }
                            text: number
                            textRole: "boardNumber"
                            font.pixelSize: root.callSize
                            font.bold: true
                            lineHeight: 0.85
                            color: newest ? "#000000" : Theme.stripInk
                            wrapMode: Text.NoWrap
                        }
                        KText {
                            objectName: "callCounter_" + index
                            anchors { right: parent.right; rightMargin: Theme.gap; verticalCenter: parent.verticalCenter }
                            text: "→ " + counter
                            textRole: "boardLine"
                            font.pixelSize: 120
                            font.bold: newest
                            lineHeight: 0.85
                            color: newest ? "#000000" : Theme.stripInk
                            wrapMode: Text.NoWrap
                        }
                    }
                }
                KText {
                    objectName: "noCalls"
                    visible: callRepeater.count === 0
                    text: qsTr("No numbers called yet")
                    font.pixelSize: root.lineSize
                    textRole: "boardLine"
                    color: Theme.stripInk
                }
            }
        }

        // counters, then services: the left of the screen, or below the calls in portrait
        Item {
            id: lower
            x: 0
            y: root.portrait ? callsPanel.height + Theme.gap : 0
            width: root.portrait ? body.width : body.width - callsPanel.width - Theme.gap
            height: body.height - y

            // ---- the counters, in pages of whole rows
            Item {
                id: countersArea
                readonly property int count: counterRepeater.count
                readonly property int rows: Math.max(1, Math.min(
                    Math.ceil(count / root.tileColumns), root.portrait ? 2 : 2))
                readonly property int perPage: rows * root.tileColumns
                readonly property int pages: Math.max(1, Math.ceil(count / perPage))
                readonly property int page: root.pageTick % pages
                width: parent.width
                height: countersTitle.height + Theme.gap / 2
                        + rows * root.tileHeight + (rows - 1) * Theme.gap / 2
                Item {
                    id: countersTitle
                    width: parent.width
                    height: countersHeading.implicitHeight
                    KText {
                        id: countersHeading
                        text: qsTr("Counters")
                        font.pixelSize: Theme.headingSize
                        font.bold: true
                        color: Theme.mutedText
                        wrapMode: Text.NoWrap
                    }
                    PageDots {
                        objectName: "counterPages"
                        anchors { right: parent.right; verticalCenter: parent.verticalCenter }
                        pages: countersArea.pages
                        page: countersArea.page
                    }
                }
                Grid {
                    id: grid
                    objectName: "counterGrid"
                    anchors { top: countersTitle.bottom; topMargin: Theme.gap / 2 }
                    columns: root.tileColumns
                    spacing: Theme.gap / 2
                    readonly property real tileWidth: (countersArea.width - (columns - 1) * spacing) / columns
                    Repeater {
                        id: counterRepeater
                        model: root.counters
                        delegate: Rectangle {
                            required property int index
                            required property int number
                            required property string serving
                            required property string status
                            readonly property bool serves: status === "open" && serving !== ""
                            objectName: "counter_" + number
                            visible: Math.floor(index / countersArea.perPage) === countersArea.page
                            width: grid.tileWidth
                            height: root.tileHeight
                            radius: Theme.radius
                            color: status === "open" ? Theme.surface : Theme.secondary
                            border.color: Theme.border
                            border.width: Theme.borderWidth
                            KText {
                                objectName: "counterName_" + number
                                anchors { left: parent.left; top: parent.top; leftMargin: Theme.gap / 4; topMargin: Theme.gap / 4 }
                                width: parent.width - Theme.gap / 2
                                text: qsTr("Counter %1").arg(number)
                                font.pixelSize: Theme.bodySize
                                fontSizeMode: Text.HorizontalFit
                                minimumPixelSize: Theme.bodyMin
                                color: Theme.mutedText
                                wrapMode: Text.NoWrap
                            }
                            KText {
                                objectName: "counterServing_" + number
                                anchors { left: parent.left; bottom: parent.bottom; leftMargin: Theme.gap / 2; bottomMargin: Theme.gap / 4 }
                                text: status === "closed" ? qsTr("Closed")
                                    : status === "paused" ? qsTr("Paused")
                                    : serving !== "" ? serving : "—"
                                font.pixelSize: serves ? 56 : Theme.bodySize
                                font.bold: serves
                                color: serves ? Theme.primary : Theme.mutedText
                                wrapMode: Text.NoWrap
                            }
                        }
                    }
                }
            }

            // ---- waiting and estimate per service, in pages
            Rectangle {
                id: servicesBand
                objectName: "servicesBand"
                readonly property int count: serviceRepeater.count
                readonly property int perPage: Math.max(1, Math.floor(
                    (height - servicesTitle.height - Theme.gap) / (root.slotHeight + Theme.gap / 2)))
                readonly property int pages: Math.max(1, Math.ceil(count / perPage))
                readonly property int page: root.pageTick % pages
                anchors { top: countersArea.bottom; topMargin: Theme.gap; bottom: parent.bottom }
                width: parent.width
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border
                border.width: Theme.borderWidth
                Item {
                    id: servicesTitle
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.gap / 2 }
                    height: servicesHeading.implicitHeight
                    KText {
                        id: servicesHeading
                        text: qsTr("Waiting")
                        font.pixelSize: Theme.headingSize
                        font.bold: true
                        color: Theme.mutedText
                        wrapMode: Text.NoWrap
                    }
                    PageDots {
                        objectName: "servicePages"
                        anchors { right: parent.right; verticalCenter: parent.verticalCenter }
                        pages: servicesBand.pages
                        page: servicesBand.page
                    }
                }
                Column {
                    anchors { left: parent.left; right: parent.right; top: servicesTitle.bottom; margins: Theme.gap / 2 }
                    spacing: Theme.gap / 2
                    Repeater {
                        id: serviceRepeater
                        model: root.services
                        delegate: Item {
                            id: svc
                            required property int index
                            required property string code
                            required property string name
                            required property string waitingText
                            required property string estimateText
                            required property string estimateKind
                            required property string estimateLabel
                            objectName: "service_" + code
                            visible: Math.floor(index / servicesBand.perPage) === servicesBand.page
                            width: parent.width
                            height: root.slotHeight
                            Rectangle {
                                id: badge
                                width: 104
                                height: 104
                                anchors.verticalCenter: parent.verticalCenter
                                radius: Theme.radius
                                color: Theme.primary
                                KText {
                                    anchors.centerIn: parent
                                    text: svc.code
                                    font.pixelSize: 72
                                    font.bold: true
                                    color: Theme.primaryInk
                                    wrapMode: Text.NoWrap
                                }
                            }
                            KText {
                                id: serviceName
                                objectName: "serviceName_" + svc.code
                                anchors { left: badge.right; leftMargin: Theme.gap / 2; right: parent.right; top: parent.top }
                                height: Math.ceil(2 * 32 * 1.37)
                                text: svc.name
                                textRole: "secondary"
                                font.bold: true
                                font.pixelSize: 32
                                fontSizeMode: Text.Fit
                                minimumPixelSize: Theme.secondaryMin
                                wrapMode: Text.WordWrap
                                verticalAlignment: Text.AlignVCenter
                            }
                            KText {
                                id: waitingLine
                                objectName: "serviceWaiting_" + svc.code
                                anchors { left: serviceName.left; top: serviceName.bottom }
                                text: svc.waitingText
                                textRole: "boardLine"
                                font.pixelSize: root.lineSize
                                font.bold: true
                                color: Theme.primary
                                wrapMode: Text.NoWrap
                            }
                            Row {
                                anchors { left: serviceName.left; top: waitingLine.bottom }
                                spacing: Theme.gap
                                KText {
                                    objectName: "serviceEstimate_" + svc.code
                                    visible: svc.estimateText !== ""
                                    text: svc.estimateText
                                    textRole: "boardLine"
                                    font.pixelSize: root.lineSize
                                    wrapMode: Text.NoWrap
                                }
                                AiLabel {
                                    objectName: "serviceAiLabel_" + svc.code
                                    anchors.verticalCenter: parent.verticalCenter
                                    interactive: false
                                    estimateKind: svc.estimateKind
                                    text: svc.estimateLabel
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // a failing speech engine is said here; the board keeps working
    Rectangle {
        id: speechNotice
        objectName: "speechNotice"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: root.backend.speechOk ? 0 : speechText.implicitHeight + Theme.gap / 2
        visible: !root.backend.speechOk
        color: Theme.bad
        KText {
            id: speechText
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.margin
            horizontalAlignment: Text.AlignHCenter
            text: root.backend.speechText
            color: "#FFFFFF"
            font.pixelSize: Theme.bodySize
            wrapMode: Text.WordWrap
        }
    }

    // the page indicator of a list that turns in pages: "2 / 3" and a dot a page
    component PageDots: Row {
        property int pages: 1
        property int page: 0
        visible: pages > 1
        spacing: Theme.gap / 2
        KText {
            anchors.verticalCenter: parent.verticalCenter
            text: (parent.page + 1) + " / " + parent.pages
            font.pixelSize: Theme.bodySize
            font.bold: true
            color: Theme.mutedText
            wrapMode: Text.NoWrap
        }
        Repeater {
            model: parent.pages
            delegate: Rectangle {
                required property int index
                anchors.verticalCenter: parent.verticalCenter
                width: 28
                height: 28
                radius: 14
                color: index === parent.page ? Theme.primary : "transparent"
                border.color: Theme.primary
                border.width: 3
            }
        }
    }
}
