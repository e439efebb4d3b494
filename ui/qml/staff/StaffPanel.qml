// The staff panel behind the kiosk's hidden corner: the live queue with an
// action for every ticket, counters, estimates and the AI switch, devices,
// the day's report and the audit trail. Every action goes through
// staff.prepare() -> ConfirmPanel (what changes, why) -> staff.confirm().
// What a role may not do stays visible but disabled.
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Motcua

Rectangle {
    id: panel
    required property var staff
    property string tab: "queue"
    property string selected: ""
    property string selectedStatus: ""
    property bool transferFront: false
    // a portrait kiosk (1080 wide): the header stacks, the tabs wrap, the queue narrows
    readonly property bool narrow: width < 1400
    color: Theme.background

    // every press keeps the session alive
    MouseArea {
        anchors.fill: parent
        onPressed: (mouse) => { panel.staff.touch(); mouse.accepted = false }
        z: 100
    }

    component Tab: KButton {
        required property string name
        fontSize: Theme.smallSize
        on: panel.tab === name
        onClicked: { panel.staff.touch(); panel.tab = name }
    }
    component Act: KButton {
        width: implicitWidth + Theme.gap
        height: 76
        property string act: ""
        property var args: ({})
        fontSize: Theme.smallSize
        enabled: panel.staff.can(act) && !panel.staff.busy
        onClicked: panel.staff.prepare(act, args)
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap / 2

        // header
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            GridLayout {
                columns: panel.narrow ? 1 : 2
                columnSpacing: Theme.gap
                rowSpacing: 0
                KText {
                    text: qsTr("Staff panel")
                    font.pixelSize: Theme.headingSize
                    font.bold: true
                    wrapMode: Text.NoWrap
                }
                KText {
                    objectName: "staffWho"
                    text: panel.staff.staffName + " · " + panel.staff.roleText
                    color: Theme.mutedText
                    wrapMode: Text.NoWrap
                }
            }
            KText {
                objectName: "staffMessage"
                Layout.fillWidth: true
                text: panel.staff.message
                color: panel.staff.messageOk ? Theme.good : Theme.bad
                font.pixelSize: Theme.smallSize
                elide: Text.ElideRight
                maximumLineCount: 2
            }
            KButton {
                objectName: "signOut"
                kind: "primary"
                text: qsTr("Sign out")
                fontSize: Theme.smallSize
                onClicked: panel.staff.signOut()
            }
        }

        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap / 2
            Tab { objectName: "tab_queue"; name: "queue"; text: qsTr("Queue") }
            Tab { objectName: "tab_counters"; name: "counters"; text: qsTr("Counters") }
            Tab { objectName: "tab_estimates"; name: "estimates"; text: qsTr("Estimates and AI") }
            Tab { objectName: "tab_devices"; name: "devices"; text: qsTr("Devices") }
            Tab { objectName: "tab_report"; name: "report"; text: qsTr("Day report"); visible: panel.staff.can("report") }
            Tab { objectName: "tab_audit"; name: "audit"; text: qsTr("Audit trail"); visible: panel.staff.can("audit_view") }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            // a wide or tall tab hidden behind another must not push the header, the
            // tabs or the queue out of the window
            Layout.minimumWidth: 0
            Layout.minimumHeight: 0
            currentIndex: ["queue", "counters", "estimates", "devices", "report", "audit"].indexOf(panel.tab)

            // ---------------------------------------------------------------- queue
            RowLayout {
                spacing: Theme.gap
                ListView {
                    id: queueList
                    objectName: "queueList"
                    Layout.preferredWidth: Math.round(panel.width * (panel.narrow ? 0.48 : 0.42))
                    Layout.fillHeight: true
                    clip: true
                    spacing: 6
                    ScrollIndicator.vertical: ScrollIndicator { active: true }
                    model: panel.staff.queue
                    delegate: Rectangle {
                        required property string number
                        required property string serviceName
                        required property string status
                        required property bool priority
                        required property string category
                        required property int counter
                        required property int ahead
                        required property int waitedMin
                        objectName: "ticket_" + number
                        width: ListView.view.width
                        height: Math.max(84, rowLine.implicitHeight + 16)
                        radius: Theme.radius / 2
                        color: panel.selected === number ? Theme.selected : Theme.surface
                        border.color: Theme.border
                        border.width: Theme.borderWidth
                        TapHandler {
                            onTapped: { panel.staff.touch(); panel.selected = number; panel.selectedStatus = status }
                        }
                        RowLayout {
                            id: rowLine
                            anchors.fill: parent
                            anchors.leftMargin: Theme.gap
                            anchors.rightMargin: Theme.gap
                            spacing: Theme.gap
                            KText {
                                text: number
                                font.bold: true
                                font.pixelSize: Theme.headingSize
                                color: panel.selected === number ? Theme.selectedInk : Theme.text
                                wrapMode: Text.NoWrap
                            }
                            // the service over its state: a long procedure name has the row's width
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 0
                                KText {
                                    Layout.fillWidth: true
                                    text: serviceName + (priority ? " · " + qsTr("priority") : "")
                                    color: panel.selected === number ? Theme.selectedInk : Theme.text
                                    font.pixelSize: Theme.smallSize
                                    // a long procedure name takes more lines, never an ellipsis
                                    wrapMode: Text.WordWrap
                                }
                                KText {
                                    text: status === "called" ? qsTr("at counter %1").arg(counter)
                                        : status === "parked" ? qsTr("set aside")
                                        : qsTr("%1 min").arg(waitedMin)
                                    color: panel.selected === number ? Theme.selectedInk : Theme.mutedText
                                    font.pixelSize: Theme.smallSize
                                    wrapMode: Text.NoWrap
                                }
                            }
                        }
                    }
                    KText {
                        anchors.centerIn: parent
                        visible: queueList.count === 0
                        text: qsTr("Nobody is waiting.")
                        color: Theme.mutedText
                    }
                }

                // actions for the selected ticket
                Flickable {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    contentHeight: actions.implicitHeight
                    clip: true
                    ColumnLayout {
                        id: actions
                        width: parent.width
                        spacing: Theme.gap / 2
                        KText {
                            Layout.fillWidth: true
                            text: panel.selected === "" ? qsTr("Choose a ticket on the left.")
                                                       : qsTr("Ticket %1").arg(panel.selected)
                            font.bold: true
                            font.pixelSize: Theme.headingSize
                        }
                        Flow {
                            Layout.fillWidth: true
                            visible: panel.selected !== ""
                            spacing: Theme.gap / 2
                            KText { height: 76; verticalAlignment: Text.AlignVCenter; text: qsTr("Call to counter"); font.pixelSize: Theme.smallSize; color: Theme.mutedText; wrapMode: Text.NoWrap }
                            Repeater {
                                model: panel.staff.counters
                                delegate: Act {
                                    required property int number
                                    objectName: "callTo_" + number
                                    text: qsTr("Counter %1").arg(number)
                                    act: "call_ticket"
                                    args: ({ counter: number, number: panel.selected })
                                }
                            }
                        }
                        Flow {
                            Layout.fillWidth: true
                            visible: panel.selected !== ""
                            spacing: Theme.gap / 2
                            Act { objectName: "actRecall"; text: qsTr("Recall"); act: "recall"; args: ({ number: panel.selected }) }
                            Act { objectName: "actComplete"; text: qsTr("Complete"); act: "complete"; args: ({ number: panel.selected }) }
                            Act { objectName: "actNoShow"; text: qsTr("No-show"); act: "no_show"; args: ({ number: panel.selected }) }
                            Act { objectName: "actPark"; text: qsTr("Set aside"); act: "park"; args: ({ number: panel.selected }) }
                            Act { objectName: "actUnpark"; text: qsTr("Back into the queue"); act: "unpark"; args: ({ number: panel.selected }) }
                            Act { objectName: "actCancel"; text: qsTr("Cancel ticket"); kind: "priority"; act: "cancel"; args: ({ number: panel.selected }) }
                            Act { objectName: "actReprint"; text: qsTr("Reprint"); act: "reprint"; args: ({ number: panel.selected }) }
                        }
                        Flow {
                            Layout.fillWidth: true
                            visible: panel.selected !== ""
                            spacing: Theme.gap / 2
                            KText { height: 76; verticalAlignment: Text.AlignVCenter; text: qsTr("Transfer to"); font.pixelSize: Theme.smallSize; color: Theme.mutedText; wrapMode: Text.NoWrap }
                            KButton {
                                objectName: "transferFront"
                                width: implicitWidth + Theme.gap
                                height: 76
                                text: qsTr("Put first in line")
                                fontSize: Theme.smallSize
                                on: panel.transferFront
                                enabled: panel.staff.can("transfer_front")
                                onClicked: panel.transferFront = !panel.transferFront
                            }
                            Repeater {
                                model: panel.staff.serviceChoices
                                delegate: Act {
                                    required property string code
                                    required property string name
                                    objectName: "transferService_" + code
                                    text: code + " · " + name
                                    act: "transfer"
                                    args: ({ number: panel.selected, to_service: code, front: panel.transferFront })
                                }
                            }
                            Repeater {
                                model: panel.staff.counters
                                delegate: Act {
                                    required property int number
                                    objectName: "transferCounter_" + number
                                    text: qsTr("Counter %1").arg(number)
                                    act: "transfer"
                                    args: ({ number: panel.selected, to_counter: number, front: panel.transferFront })
                                }
                            }
                        }
                        Flow {
                            Layout.fillWidth: true
                            visible: panel.selected !== ""
                            spacing: Theme.gap / 2
                            KText { height: 76; verticalAlignment: Text.AlignVCenter; text: qsTr("Priority"); font.pixelSize: Theme.smallSize; color: Theme.mutedText; wrapMode: Text.NoWrap }
                            Repeater {
                                model: panel.staff.categoryChoices
                                delegate: Act {
                                    required property string code
                                    required property string name
                                    objectName: "priority_" + code
                                    kind: "priority"
                                    text: name
                                    act: "set_priority"
                                    args: ({ number: panel.selected, priority: true, category: code })
                                }
                            }
                            Act {
                                objectName: "priorityClear"
                                text: qsTr("Clear priority")
                                act: "set_priority"
                                args: ({ number: panel.selected, priority: false })
                            }
                        }
                    }
                }
            }

            // ---------------------------------------------------------------- counters
            ListView {
                objectName: "counterList"
                clip: true
                spacing: Theme.gap / 2
                model: panel.staff.counters
                delegate: Rectangle {
                    id: crow
                    required property int number
                    required property string status
                    required property string services
                    required property string serving
                    property var draft: services.split(", ")
                    objectName: "counterRow_" + number
                    width: ListView.view.width
                    height: 190
                    radius: Theme.radius / 2
                    color: Theme.surface
                    border.color: Theme.border
                    border.width: Theme.borderWidth
                    ColumnLayout {
                        anchors.fill: parent
                        anchors.margins: Theme.gap / 2
                        RowLayout {
                            spacing: Theme.gap / 2
                            KText {
                                text: qsTr("Counter %1").arg(crow.number)
                                font.bold: true
                                wrapMode: Text.NoWrap
                            }
                            KText {
                                Layout.preferredWidth: 320
                                text: (crow.status === "open" ? qsTr("open") : crow.status === "paused" ? qsTr("paused") : qsTr("closed"))
                                      + (crow.serving !== "" ? " · " + crow.serving : "")
                                color: Theme.mutedText
                                wrapMode: Text.NoWrap
                            }
                            Act { objectName: "open_" + crow.number; text: qsTr("Open"); act: "open_counter"; args: ({ counter: crow.number }); visible: crow.status === "closed" }
                            Act { objectName: "pause_" + crow.number; text: qsTr("Pause"); act: "pause_counter"; args: ({ counter: crow.number }); visible: crow.status === "open" }
                            Act { objectName: "resume_" + crow.number; text: qsTr("Resume"); act: "resume_counter"; args: ({ counter: crow.number }); visible: crow.status === "paused" }
                            Act { objectName: "close_" + crow.number; text: qsTr("Close"); act: "close_counter"; args: ({ counter: crow.number }); visible: crow.status !== "closed" }
                        }
                        RowLayout {
                            spacing: Theme.gap / 2
                            KText { text: qsTr("Services, in calling order:"); font.pixelSize: Theme.smallSize; wrapMode: Text.NoWrap }
                            Repeater {
                                model: panel.staff.serviceChoices
                                delegate: KButton {
                                    required property string code
                                    objectName: "svcToggle_" + crow.number + "_" + code
                                    readonly property int pos: crow.draft.indexOf(code)
                                    text: pos >= 0 ? (pos + 1) + ". " + code : code
                                    on: pos >= 0
                                    fontSize: Theme.smallSize
                                    enabled: panel.staff.can("set_counter_services")
                                    onClicked: {
                                        panel.staff.touch()
                                        let d = crow.draft.slice()
                                        if (pos >= 0) d.splice(pos, 1); else d.push(code)
                                        crow.draft = d
                                    }
                                }
                            }
                            Act {
                                objectName: "applyServices_" + crow.number
                                text: qsTr("Apply")
                                act: "set_counter_services"
                                args: ({ counter: crow.number, services: crow.draft })
                                enabled: panel.staff.can("set_counter_services") && crow.draft.length > 0 && crow.draft.join(", ") !== crow.services
                            }
                        }
                    }
                }
            }

            // ---------------------------------------------------------------- estimates
            ColumnLayout {
                spacing: Theme.gap
                KText {
                    visible: !panel.staff.can("ai_switch")
                    text: qsTr("Only a supervisor can change estimates or the AI.")
                    color: Theme.mutedText
                }
                RowLayout {
                    spacing: Theme.gap
                    Act {
                        objectName: "aiSwitch"
                        kind: "ai"
                        text: panel.staff.aiOn ? qsTr("Switch the AI estimate off") : qsTr("Switch the AI estimate on")
                        act: "ai_switch"
                        args: ({ enabled: !panel.staff.aiOn })
                    }
                    Act {
                        objectName: "estimatesVisibility"
                        text: panel.staff.estimatesVisible ? qsTr("Hide wait estimates") : qsTr("Show wait estimates")
                        act: "estimates_visibility"
                        args: ({ visible: !panel.staff.estimatesVisible })
                    }
                }
                KText { objectName: "feedbackText"; Layout.fillWidth: true; text: panel.staff.feedbackText; font.pixelSize: Theme.smallSize }
                KText { text: qsTr("Correct the estimates of a service (minutes added):"); font.pixelSize: Theme.smallSize }
                Repeater {
                    model: panel.staff.serviceChoices
                    delegate: RowLayout {
                        id: corr
                        required property string code
                        required property string name
                        property int minutes: 0
                        spacing: Theme.gap / 2
                        KText { Layout.preferredWidth: 560; text: code + " · " + name; font.pixelSize: Theme.smallSize; elide: Text.ElideRight; wrapMode: Text.NoWrap }
                        KButton { objectName: "corrMinus_" + corr.code; text: "−5"; fontSize: Theme.smallSize; enabled: panel.staff.can("estimate_correction"); onClicked: corr.minutes -= 5 }
                        KText { objectName: "corrValue_" + corr.code; Layout.preferredWidth: 120; horizontalAlignment: Text.AlignHCenter; text: (corr.minutes > 0 ? "+" : "") + corr.minutes; wrapMode: Text.NoWrap }
                        KButton { objectName: "corrPlus_" + corr.code; text: "+5"; fontSize: Theme.smallSize; enabled: panel.staff.can("estimate_correction"); onClicked: corr.minutes += 5 }
                        Act { objectName: "corrApply_" + corr.code; text: qsTr("Apply"); act: "estimate_correction"; args: ({ service: corr.code, minutes: corr.minutes }) }
                    }
                }
            }

            // ---------------------------------------------------------------- devices
            ColumnLayout {
                spacing: Theme.gap
                RowLayout {
                    spacing: Theme.gap
                    KButton { objectName: "printerRefresh"; text: qsTr("Printer status"); onClicked: panel.staff.refreshPrinter() }
                    KText { objectName: "printerText"; Layout.fillWidth: true; text: panel.staff.printerText }
                }
                KText { objectName: "energyText"; Layout.fillWidth: true; visible: text !== ""; text: panel.staff.energyText }
                RowLayout {
                    spacing: Theme.gap
                    KButton { objectName: "testTicket"; text: qsTr("Print a test ticket"); enabled: panel.staff.can("test_ticket"); onClicked: panel.staff.testTicket() }
                    KButton { objectName: "speechTest"; text: qsTr("Speech test"); enabled: panel.staff.can("speech_test"); onClicked: panel.staff.speechTest() }
                }
                Item { Layout.fillHeight: true }
            }

            // ---------------------------------------------------------------- report
            ColumnLayout {
                spacing: Theme.gap / 2
                KButton { objectName: "loadReport"; text: qsTr("Today's report"); onClicked: panel.staff.loadReport() }
                Flickable {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    contentHeight: reportText.implicitHeight
                    clip: true
                    Text {
                        id: reportText
                        objectName: "reportText"
                        width: parent.width
                        text: panel.staff.reportText
                        font.family: "monospace"
                        font.pixelSize: 24
                        color: Theme.text
                    }
                }
            }

            // ---------------------------------------------------------------- audit
            ColumnLayout {
                spacing: Theme.gap / 2
                RowLayout {
                    spacing: Theme.gap / 2
                    TextField { id: fStaff; objectName: "auditStaff"; placeholderText: qsTr("Staff number"); font.pixelSize: Theme.smallSize; Layout.preferredWidth: 260 }
                    TextField { id: fTicket; objectName: "auditTicket"; placeholderText: qsTr("Ticket"); font.pixelSize: Theme.smallSize; Layout.preferredWidth: 200 }
                    TextField { id: fAction; objectName: "auditAction"; placeholderText: qsTr("Action (e.g. cancelled)"); font.pixelSize: Theme.smallSize; Layout.preferredWidth: 360 }
                    TextField { id: fSince; objectName: "auditSince"; placeholderText: qsTr("From (HH:MM)"); font.pixelSize: Theme.smallSize; Layout.preferredWidth: 220 }
                    KButton { objectName: "auditSearch"; text: qsTr("Search"); fontSize: Theme.smallSize; onClicked: panel.staff.loadAudit(fStaff.text, fTicket.text, fAction.text, fSince.text) }
                }
                ListView {
                    objectName: "auditList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: panel.staff.audit
                    delegate: KText {
                        required property int seq
                        required property string time
                        required property string actor
                        required property string role
                        required property string kind
                        required property string subject
                        required property string reason
                        required property string change
                        width: ListView.view.width
                        font.pixelSize: 24
                        text: "#" + seq + "  " + time + "  " + actor + " (" + role + ")  " + kind + "  " + subject
                              + (reason !== "" ? "  — " + reason : "") + (change !== "" ? "  [" + change + "]" : "")
                    }
                }
            }
        }
    }

    ConfirmPanel {
        objectName: "confirmPanel"
        anchors.fill: parent
        staff: panel.staff
        z: 50
    }
}
