// Text in the bundled font, theme colour, body size, wrapping by default.
import QtQuick

Text {
    // what the text is for, for the minimum size the screen audit holds it to
    // (ui/audit.py MIN_SIZE): "body", "secondary", "boardLine", "boardNumber"
    property string textRole: "body"
    // a key line grows with larger text (the audit checks it grows 1.25x or more)
    property bool keyLine: false
    color: Theme.text
    font.family: Theme.fontFamily
    font.pixelSize: Theme.bodySize
    wrapMode: Text.WordWrap
    textFormat: Text.PlainText
}
