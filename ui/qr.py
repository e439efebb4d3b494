"""QR codes for QML: ``Image { source: "image://qr/" + encodeURIComponent(url) }``.

The provider draws the code's modules straight into a QImage (no PIL round
trip) at one pixel a module; QML scales it with ``smooth: false`` so the edges
stay sharp for a phone camera.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import unquote

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQml import QQmlImageProviderBase
from PySide6.QtQuick import QQuickImageProvider

PROVIDER_ID = "qr"


@lru_cache(maxsize=64)
def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of the QR code for ``text``, quiet zone included."""
    # imported on the first code drawn, not at start-up (qrcode pulls in PIL)
    import qrcode

    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return tuple(tuple(bool(v) for v in row) for row in code.get_matrix())


def qr_image(text: str) -> QImage:
    matrix = qr_matrix(text)
    n = len(matrix)
    image = QImage(n, n, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    black = QColor("black")
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x, y, 1, 1, black)
    painter.end()
    return image


class QrImageProvider(QQuickImageProvider):
    """Serves ``image://qr/<percent-encoded text>``."""

    def __init__(self) -> None:
        super().__init__(QQmlImageProviderBase.ImageType.Image)

    def requestImage(self, id: str, size: QSize, requested: QSize) -> QImage:
        image = qr_image(unquote(id))
        if size is not None:
            size.setWidth(image.width())
            size.setHeight(image.height())
        return image
