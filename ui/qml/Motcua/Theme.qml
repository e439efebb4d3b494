// The one place for sizes, colours and fonts of every motcua window.
// Windows bind largeText and highContrast to their backend; everything else
// follows. Sizes are pixels on a 21.5-inch 1920x1080 screen read from about
// a metre away: no text below smallSize, no touch target below touchMin.
pragma Singleton
import QtQuick

QtObject {
    // set by the window from the person's choices
    property bool largeText: false
    property bool highContrast: false

    readonly property real textScale: largeText ? 1.3 : 1.0
    // the smallest sizes of each text role (ui/audit.py holds the screens to them)
    readonly property int bodyMin: 36
    readonly property int secondaryMin: 30
    readonly property string fontFamily: Qt.application.font.family

    // ---- sizes
    readonly property int touchMin: 96
    readonly property int gap: 24
    readonly property int margin: 40
    readonly property int radius: 18
    // body text 36 px (cap height about 6.4 mm on a 21.5-inch panel), secondary 32 px
    readonly property int smallSize: Math.round(32 * textScale)
    readonly property int bodySize: Math.round(36 * textScale)
    readonly property int headingSize: Math.round(42 * textScale)
    readonly property int titleSize: Math.round(54 * textScale)
    // the ticket number: glyphs about 0.71 of the size, so well over 200 px tall
    readonly property int numberSize: 300
    readonly property int headerHeight: 120
    readonly property int stripHeight: 96

    // ---- colours (high contrast: white/yellow on black, thick borders)
    readonly property color background: highContrast ? "#000000" : "#EEF2F6"
    readonly property color surface: highContrast ? "#000000" : "#FFFFFF"
    readonly property color text: highContrast ? "#FFFFFF" : "#14202B"
    readonly property color mutedText: highContrast ? "#FFFFFF" : "#3A4856"
    readonly property color primary: highContrast ? "#FFE600" : "#0B5CAD"
    readonly property color primaryInk: highContrast ? "#000000" : "#FFFFFF"
    readonly property color secondary: highContrast ? "#000000" : "#DCE7F2"
    readonly property color secondaryInk: highContrast ? "#FFFFFF" : "#0B3A6B"
    readonly property color selected: highContrast ? "#FFFFFF" : "#0B5CAD"
    readonly property color selectedInk: highContrast ? "#000000" : "#FFFFFF"
    readonly property color priority: highContrast ? "#FFE600" : "#9A3F06"
    readonly property color priorityInk: highContrast ? "#000000" : "#FFFFFF"
    readonly property color ai: highContrast ? "#00E5FF" : "#5B2A86"
    readonly property color aiInk: highContrast ? "#000000" : "#FFFFFF"
    readonly property color plain: highContrast ? "#FFFFFF" : "#4A5866"
    readonly property color plainInk: highContrast ? "#000000" : "#FFFFFF"
    readonly property color border: highContrast ? "#FFFFFF" : "#C3CFDB"
    readonly property int borderWidth: highContrast ? 4 : 2
    readonly property color strip: highContrast ? "#000000" : "#0F2A44"
    readonly property color stripInk: highContrast ? "#FFE600" : "#FFFFFF"
    readonly property color good: highContrast ? "#7CFF7C" : "#17692F"
    readonly property color bad: highContrast ? "#FF7070" : "#B3261E"
    readonly property color scrim: "#B0000000"
    readonly property color route: highContrast ? "#FFE600" : "#D62F1F"

    // icons come in three inks: blue (default), white ("-w") and black ("-k");
    // pass the ink the icon is drawn in (a button's text colour)
    function icon(name, ink) {
        let suffix = ""
        if (ink !== undefined)
            suffix = ink.hslLightness > 0.6 ? "-w" : (ink.hslLightness < 0.12 ? "-k" : "")
        return Qt.resolvedUrl("../../icons/" + name + suffix + ".svg")
    }
}
