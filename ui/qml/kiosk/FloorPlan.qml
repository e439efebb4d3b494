// The hall's floor plan (an image or simple shapes, in metres), the
// counters, "You are here", and the route to the ticket's counter.
//
// Labels never cover each other: an area's name sits in its middle, a door's
// name inside the door or just inside the hall next to it, and "You are here"
// takes the first place around the marker (below, above, right, left) that
// covers no other label, counter or the route; where there is none it is not
// drawn and hereLabelShown tells the screen to show a legend.
import QtQuick
import QtQuick.Shapes
import Motcua

Item {
    id: map
    required property var plan
    property var route: []
    property int target: 0
    readonly property real unit: Math.min(width / plan.width, height / plan.height)
    readonly property int markerSize: Math.max(40, Math.round(unit * 1.6))
    // false when no place beside the marker was free: the screen shows a legend instead
    readonly property bool hereLabelShown: hereBox.spot.x >= 0
    // counters closer than a labelled dot: the other counters become small unlabelled
    // dots and only the destination keeps its number (the caption above names it too)
    readonly property real closest: {
        const cs = plan.counters
        let best = 1e9
        for (let i = 0; i < cs.length; i++)
            for (let j = i + 1; j < cs.length; j++)
                best = Math.min(best, Math.hypot(cs[i].x - cs[j].x, cs[i].y - cs[j].y))
        return best * unit
    }
    readonly property bool crowded: closest < markerSize * 1.6 + 4
    implicitWidth: 640
    implicitHeight: implicitWidth * plan.height / plan.width

    // -------- geometry helpers for placing "You are here" (layout only)
    function overlaps(a, b) {
        return a.x < b.x + b.width && b.x < a.x + a.width
               && a.y < b.y + b.height && b.y < a.y + a.height
    }
    function routeHits(r) {
        const pts = map.route
        for (let i = 0; i + 1 < pts.length; i++) {
            const ax = pts[i].x * unit, ay = pts[i].y * unit
            const bx = pts[i + 1].x * unit, by = pts[i + 1].y * unit
            const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / 6))
            for (let s = 0; s <= steps; s++) {
                const px = ax + (bx - ax) * s / steps, py = ay + (by - ay) * s / steps
                if (px > r.x - 6 && px < r.x + r.width + 6 && py > r.y - 6 && py < r.y + r.height + 6)
                    return true
            }
        }
        return false
    }
    function taken() {
        const out = []
        for (let i = 0; i < shapeLabels.count; i++) {
            const it = shapeLabels.itemAt(i)
            if (it && it.visible)
                out.push(Qt.rect(it.x, it.y, it.width, it.height))
        }
        for (let j = 0; j < counterMarks.count; j++) {
            const c = counterMarks.itemAt(j)
            if (c)
                out.push(Qt.rect(c.x, c.y, c.width, c.height))
        }
        return out
    }
    function hereLabelPos(w, h, fw, fh) {
        const cx = here.x + here.width / 2, cy = here.y + here.height / 2
        const r = here.width / 2 + 4
        const spots = [
            Qt.point(cx - w / 2, cy + r), Qt.point(cx - w / 2, cy - r - h),
            Qt.point(cx + r, cy - h / 2), Qt.point(cx - r - w, cy - h / 2),
            Qt.point(cx + r, cy + r), Qt.point(cx + r, cy - r - h),
            Qt.point(cx - r - w, cy + r), Qt.point(cx - r - w, cy - r - h)]
        const busy = taken()
        for (const p of spots) {
            const q = Qt.point(Math.min(fw - w - 4, Math.max(4, p.x)), Math.min(fh - h - 4, Math.max(4, p.y)))
            const rect = Qt.rect(q.x, q.y, w, h)
            if (overlaps(rect, Qt.rect(here.x, here.y, here.width, here.height)))
                continue
            if (busy.some(b => overlaps(rect, b)))
                continue
            if (!routeHits(rect))
                return q
        }
        return Qt.point(-1, -1)  // nowhere free
    }

    Rectangle {
        id: floor
        width: map.plan.width * map.unit
        height: map.plan.height * map.unit
        anchors.centerIn: parent
        color: Theme.surface
        border.color: Theme.border
        border.width: Theme.borderWidth
        radius: 6

        Image {
            anchors.fill: parent
            visible: map.plan.image !== ""
            source: map.plan.image
            fillMode: Image.Stretch
            asynchronous: true
        }
        Repeater {
            model: map.plan.shapes
            delegate: Rectangle {
                required property var modelData
                x: modelData.x * map.unit
                y: modelData.y * map.unit
                width: modelData.w * map.unit
                height: modelData.h * map.unit
                color: modelData.kind === "wall" ? Theme.text
                       : modelData.kind === "door" ? Theme.good
                       : modelData.kind === "desk" ? Theme.secondary
                       : (Theme.highContrast ? "#000000" : "#E4EAF1")
                border.color: Theme.border
                border.width: modelData.kind === "area" ? Theme.borderWidth : 0
            }
        }
        Shape {
            anchors.fill: parent
            visible: map.route.length > 1
            ShapePath {
                strokeColor: Theme.route
                strokeWidth: Math.max(8, Math.round(map.unit * 0.45))
                fillColor: "transparent"
                capStyle: ShapePath.RoundCap
                joinStyle: ShapePath.RoundJoin
                strokeStyle: ShapePath.SolidLine
                PathPolyline {
                    path: map.route.map(p => Qt.point(p.x * map.unit, p.y * map.unit))
                }
            }
        }
        // shape names above the route, so the line never hides a name
        Repeater {
            id: shapeLabels
            model: map.plan.shapes
            delegate: KText {
                required property var modelData
                readonly property real sx: modelData.x * map.unit
                readonly property real sy: modelData.y * map.unit
                readonly property real sw: modelData.w * map.unit
                readonly property real sh: modelData.h * map.unit
                readonly property bool inside: implicitWidth + 8 <= sw && implicitHeight <= sh
                // a door too small for its name gets it just inside the hall
                readonly property bool beside: !inside && modelData.kind === "door"
                readonly property bool below: sy + sh / 2 < floor.height / 2
                // "You are here" beside the door: the name moves along the wall, clear of it
                readonly property real hx: map.plan.kiosk.x * map.unit
                readonly property real hy: map.plan.kiosk.y * map.unit
                readonly property real ly: inside ? sy + sh / 2 - height / 2 : (below ? sy + sh + 2 : sy - height - 2)
                readonly property real lx: Math.min(floor.width - width - 4, Math.max(4, sx + sw / 2 - width / 2))
                readonly property real m: map.markerSize / 2 + 6
                readonly property bool hitsHere: lx < hx + m && hx - m < lx + width && ly < hy + m && hy - m < ly + height
                readonly property real clearX: hx + m + width + 4 <= floor.width ? hx + m : hx - m - width
                visible: text !== "" && (inside || beside)
                text: modelData.label
                font.pixelSize: Theme.smallSize
                textRole: "secondary"
                color: modelData.kind === "door" && inside ? "white" : Theme.mutedText
                wrapMode: Text.NoWrap
                x: hitsHere && !inside ? clearX : lx
                y: ly
            }
        }
        Repeater {
            id: counterMarks
            model: map.plan.counters
            delegate: Rectangle {
                required property var modelData
                readonly property bool isTarget: modelData.number === map.target
                readonly property bool labelled: isTarget || !map.crowded
                // the destination is a square, not a dot: its shape says it as well as its colour
                width: isTarget ? Math.max(Math.round(map.markerSize * 1.3), number.implicitWidth + 16)
                     : labelled ? Math.max(map.markerSize, number.implicitWidth + 10)
                     : Math.round(Math.min(map.markerSize, Math.max(14, map.closest - 6)) * 0.7)
                height: isTarget ? Math.round(map.markerSize * 1.3) : (labelled ? map.markerSize : width)
                radius: isTarget ? 6 : height / 2
                z: isTarget ? 1 : 0
                x: Math.min(floor.width - width, Math.max(0, modelData.x * map.unit - width / 2))
                y: Math.min(floor.height - height, Math.max(0, modelData.y * map.unit - height / 2))
                color: isTarget ? Theme.route : Theme.primary
                border.color: isTarget && Theme.highContrast ? "#FFFFFF" : Theme.surface
                border.width: isTarget ? 5 : 3
                KText {
                    id: number
                    anchors.centerIn: parent
                    visible: parent.labelled
                    text: parent.modelData.number
                    color: parent.isTarget ? (Theme.highContrast ? "#000000" : "white") : Theme.primaryInk
                    font.pixelSize: Theme.smallSize
                    textRole: "secondary"
                    font.bold: true
                    wrapMode: Text.NoWrap
                }
            }
        }
        Rectangle {
            id: here
            objectName: "hereMarker"
            width: map.markerSize
            height: width
            radius: width / 2
            x: map.plan.kiosk.x * map.unit - width / 2
            y: map.plan.kiosk.y * map.unit - height / 2
            color: Theme.good
            border.color: Theme.surface
            border.width: 4
        }
        Rectangle {
            // a backing so the words stay legible over lines and areas
            id: hereBox
            readonly property point spot: map.hereLabelPos(width, height, floor.width, floor.height)
            visible: spot.x >= 0
            x: spot.x
            y: spot.y
            width: hereText.implicitWidth + 12
            height: hereText.implicitHeight
            radius: 6
            color: Theme.surface
            opacity: 0.92
            KText {
                id: hereText
                objectName: "youAreHere"
                anchors.centerIn: parent
                text: qsTr("You are here")
                font.pixelSize: Theme.smallSize
                textRole: "secondary"
                font.bold: true
                color: Theme.text
                wrapMode: Text.NoWrap
            }
        }
    }
}
