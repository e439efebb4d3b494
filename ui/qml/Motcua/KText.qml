// Text in the bundled font, theme colour, body size, wrapping by default.
import QtQuick

Text {
    color: Theme.text
    font.family: Theme.fontFamily
    font.pixelSize: Theme.bodySize
    wrapMode: Text.WordWrap
    textFormat: Text.PlainText
}
