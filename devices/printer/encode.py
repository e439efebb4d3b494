"""A ticket as ESC/POS bytes: native text where the printer can, small bitmaps where not.

Bytes on a serial line are time (38 400 baud moves about 3.8 KB a second), so
the ticket is built from the cheapest thing that prints correctly:

* ASCII lines (the date, an English ticket) go as native text in the
  printer's own font;
* the number goes as native text, enlarged by the printer's character scaling
  (``GS !``), a handful of bytes for the biggest thing on the ticket;
* the QR code goes as the printer's native ``GS ( k``: the URL, not a picture;
* a Vietnamese line becomes a bitmap (``GS v 0``) drawn with the screen's font
  (Noto Sans), cropped to its ink (only the text's height and width, never
  the paper's full width) and sent at half horizontal resolution with the
  printer's double-width flag: the vertical resolution, where the stacked
  diacritics of "Ưở" need it, stays full.

Most printers have no usable Vietnamese code page (CP1258 wants combining
accents, which they print beside the letter). A printer profile known to print
TCVN-3 (Epson code pages 30 and 31) can send Vietnamese as text instead: the
``codepage`` mode, off unless configured. The ``raster`` mode sends the whole
ticket as one full-width picture; it exists for comparison (and for printers
with no text at all), not for use.

python-escpos builds the style, QR and cut commands (its ``Dummy`` printer
only collects bytes); the bitmaps are packed here because its image helper
insists on a printer profile's paper width and prints warnings to stdout.
"""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

from app.ports import TicketPrint
from app.resources import font_path

Mode = Literal["default", "codepage", "raster"]
MODES: tuple[Mode, ...] = ("default", "codepage", "raster")

#: printable dots across the paper at 203 dpi
PAPER_DOTS = {80: 576, 58: 384}
#: dots per millimetre of a 203 dpi thermal head
DOTS_PER_MM = 8.0
#: Font A cell, in dots
FONT_A = (12, 24)
#: the printer's character scaling used for the number (``GS !``, 1..8)
NUMBER_SCALE = (7, 7)
#: dots per module of the QR code (about 0.9 mm: reads from arm's length)
QR_MODULE = 7
#: the default mode aims to stay under this many bytes per ticket
BYTE_BUDGET = 4096

ESC = b"\x1b"
GS = b"\x1d"

#: typographic characters that have a plain ASCII stand-in on the printer
_ASCII_STANDINS = str.maketrans({
    "–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "\u00a0": " ",
})


@dataclass(frozen=True)
class Style:
    """How a bitmap line is drawn: font size in printed dots and weight."""

    px: int
    bold: bool


#: text roles on the ticket, and their preferred look
STYLES: dict[str, Style] = {
    "hall": Style(24, True),
    "service": Style(30, True),
    "body": Style(24, False),
    "strong": Style(24, True),
    "small": Style(20, False),
    # the AI disclosure: small but bold, and never shrunk to fit the budget
    "label": Style(20, True),
}


@dataclass(frozen=True)
class EncodedTicket:
    """The bytes of one ticket and what they cost."""

    data: bytes
    mode: Mode
    #: paper the ticket uses, in millimetres (for print-time estimates)
    length_mm: float
    #: how many of the bytes are bitmap data
    bitmap_bytes: int

    def __len__(self) -> int:
        return len(self.data)


def ascii_line(text: str) -> str | None:
    """``text`` as printable ASCII (with typographic stand-ins), or None if it must be a bitmap."""
    plain = text.translate(_ASCII_STANDINS)
    if all(0x20 <= ord(c) < 0x7F for c in plain):
        return plain
    return None


# --------------------------------------------------------------------------- TCVN-3


def _tcvn_tables() -> tuple[dict[str, int], dict[str, int]]:
    """Character -> byte for Epson code pages 30 (lower case) and 31 (upper case).

    The tables come from python-escpos's capability data, which lists both
    halves of TCVN-3 (TCVN 5712:1993, the "ABC" font pair).
    """
    from escpos.capabilities import CAPABILITIES

    pages: list[dict[str, int]] = []
    for name in ("TCVN-3-1", "TCVN-3-2"):
        rows = CAPABILITIES["encodings"][name]["data"]
        table: dict[str, int] = {}
        for r, row in enumerate(rows):
            for c, ch in enumerate(row):
                if ch != " ":
                    # the data writes capital D-stroke as the look-alike Eth
                    table["Đ" if ch == "Ð" else ch] = 0x80 + r * 16 + c
        pages.append(table)
    return pages[0], pages[1]


_TCVN: tuple[dict[str, int], dict[str, int]] | None = None


def tcvn_table() -> tuple[dict[str, int], dict[str, int]]:
    global _TCVN
    if _TCVN is None:
        _TCVN = _tcvn_tables()
    return _TCVN


def encode_tcvn3(text: str) -> bytes | None:
    """``text`` as TCVN-3 with code-page switches (``ESC t 30/31``), or None if it cannot be."""
    lower, upper = tcvn_table()
    out = bytearray()
    page = -1
    for ch in unicodedata.normalize("NFC", text.translate(_ASCII_STANDINS)):
        if 0x20 <= ord(ch) < 0x7F:
            out.append(ord(ch))
            continue
        if ch in lower:
            want, byte = 30, lower[ch]
        elif ch in upper:
            want, byte = 31, upper[ch]
        else:
            return None
        if want != page:
            out += ESC + b"t" + bytes((want,))
            page = want
        out.append(byte)
    if page not in (-1, 30):
        out += ESC + b"t" + bytes((30,))
    return bytes(out)


# --------------------------------------------------------------------------- bitmaps


_FONTS: dict[tuple[int, bool], ImageFont.FreeTypeFont] = {}

#: glyphs are drawn this many times larger, then scaled down: smooth edges
_SUPERSAMPLE = 4


def _font(px: int, bold: bool) -> ImageFont.FreeTypeFont:
    key = (px, bold)
    if key not in _FONTS:
        _FONTS[key] = ImageFont.truetype(str(font_path(bold)), px * _SUPERSAMPLE)
    return _FONTS[key]


def text_width_dots(text: str, style: Style) -> int:
    """Printed width of ``text`` in dots."""
    left, _top, right, _bottom = _font(style.px, style.bold).getbbox(text)
    return int(right - left) // _SUPERSAMPLE + 2


#: rendered lines, by text and style: the hall name, the staff note and the
#: captions are the same on every ticket
_RENDERED: dict[tuple[str, Style, bool], Image.Image] = {}


def render_text(text: str, style: Style, half_width: bool = True) -> Image.Image:
    """One line of text as a 1-bit image cropped to its ink.

    With ``half_width`` the image has half the columns: the printer doubles
    them back (``GS v 0`` with ``m = 1``).
    """
    key = (unicodedata.normalize("NFC", text), style, half_width)
    img = _RENDERED.get(key)
    if img is None:
        img = _render(key[0], style, half_width)
        if len(_RENDERED) > 512:
            _RENDERED.clear()
        _RENDERED[key] = img
    return img


def _render(text: str, style: Style, half_width: bool) -> Image.Image:
    font = _font(style.px, style.bold)
    left, top, right, bottom = (int(v) for v in font.getbbox(text))
    pad = _SUPERSAMPLE * 2
    big = Image.new("L", (right - left + 2 * pad, bottom - top + 2 * pad), 255)
    ImageDraw.Draw(big).text((pad - left, pad - top), text, font=font, fill=0)
    xs = _SUPERSAMPLE * (2 if half_width else 1)
    small = big.resize(
        (max(1, big.width // xs), max(1, big.height // _SUPERSAMPLE)), Image.Resampling.LANCZOS
    )
    img = small.point(lambda v: 0 if v < 160 else 255).convert("1", dither=Image.Dither.NONE)
    box = Image.eval(img.convert("L"), lambda v: 255 - v).getbbox()
    return img.crop(box) if box else img.crop((0, 0, 1, 1))


def wrap_to_width(text: str, style: Style, max_dots: int) -> list[str]:
    """Split ``text`` at spaces so that each line fits ``max_dots``."""
    words = text.split()
    if not words:
        return []
    if text_width_dots(" ".join(words), style) <= max_dots:
        return [" ".join(words)]
    lines: list[str] = []
    current = words[0]
    for word in words[1:]:
        trial = f"{current} {word}"
        if text_width_dots(trial, style) <= max_dots:
            current = trial
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines


def raster_command(img: Image.Image, double_width: bool = False) -> bytes:
    """``GS v 0``: a 1-bit image, black pixels printed."""
    mono = img.convert("1", dither=Image.Dither.NONE)
    width_bytes = (mono.width + 7) // 8
    if mono.width % 8:
        padded = Image.new("1", (width_bytes * 8, mono.height), 1)
        padded.paste(mono, (0, 0))
        mono = padded
    # PIL packs white as 1; the printer wants 1 for a burnt dot
    data = bytes(b ^ 0xFF for b in mono.tobytes())
    m = 1 if double_width else 0
    return (
        GS + b"v0" + bytes((m,))
        + width_bytes.to_bytes(2, "little") + mono.height.to_bytes(2, "little")
        + data
    )


# --------------------------------------------------------------------------- the ticket


class TicketEncoder:
    """Lays out a :class:`TicketPrint` and encodes it in one of the :data:`MODES`."""

    def __init__(
        self, paper_width_mm: int = 80, mode: Mode = "default", budget: int = BYTE_BUDGET
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
        self.dots = PAPER_DOTS.get(paper_width_mm, 576)
        self.mode = mode
        self.budget = budget

    def warm_up(self) -> None:
        """Load the ESC/POS library and the fonts now, so the first ticket is not slower."""
        import escpos.printer  # noqa: F401 - imported for its import time

        for style in STYLES.values():
            _font(style.px, style.bold)
        if self.mode == "codepage":
            tcvn_table()

    def encode(self, ticket: TicketPrint) -> EncodedTicket:
        if self.mode == "raster":
            return self._raster(ticket)
        # Fit the budget by shrinking the secondary lines a little at a time;
        # the number, the QR, the service name and the AI label never shrink.
        best: EncodedTicket | None = None
        for shrink in (0, 1, 2, 4, 6):
            enc = self._encode(ticket, shrink)
            if best is None or len(enc) < len(best):
                best = enc
            if len(enc) <= self.budget:
                return enc
        assert best is not None
        return best

    # -- pieces

    def _encode(self, t: TicketPrint, shrink: int) -> EncodedTicket:
        from escpos.printer import Dummy

        p = Dummy()
        bitmap_bytes = 0
        dots = 0  # paper advance, for the length estimate

        def raw(data: bytes) -> None:
            p._raw(data)

        def feed(n: int) -> None:
            nonlocal dots
            raw(ESC + b"J" + bytes((n,)))
            dots += n

        def line(text: str, role: str, native_scale: tuple[int, int] = (1, 1)) -> None:
            nonlocal bitmap_bytes, dots
            if not text.strip():
                return
            style = STYLES[role]
            if role not in ("service", "label"):
                style = Style(max(16, style.px - shrink), style.bold)
            plain = ascii_line(text)
            coded = encode_tcvn3(text) if self.mode == "codepage" and plain is None else None
            if plain is not None or coded is not None:
                w, h = native_scale
                cols = self.dots // (FONT_A[0] * w)
                p.set(bold=style.bold, custom_size=True, width=w, height=h)
                for part in textwrap.wrap(text, cols) or [text]:
                    data = ascii_line(part) if plain is not None else None
                    body = data.encode("ascii") if data is not None else encode_tcvn3(part)
                    raw((body or b"?") + b"\n")
                    dots += 34 * h
                p.set(bold=False, normal_textsize=True)
                return
            for part in wrap_to_width(text, style, self.dots - 16):
                img = render_text(part, style)
                cmd = raster_command(img, double_width=True)
                raw(cmd)
                bitmap_bytes += len(cmd) - 8
                dots += img.height
                feed(6)

        raw(ESC + b"@")
        p.set(align="center")
        line(t.hall_name, "hall")
        feed(12)
        # The number: native text at the printer's own scale, smoothed where supported.
        p.set(bold=True, smooth=True, custom_size=True,
              width=NUMBER_SCALE[0], height=NUMBER_SCALE[1])
        raw(t.number.encode("ascii", "replace") + b"\n")
        dots += FONT_A[1] * NUMBER_SCALE[1]
        p.set(bold=False, smooth=False, normal_textsize=True)
        feed(8)
        line(t.service_name, "service", native_scale=(2, 2))
        feed(8)
        line(t.issued_at_text, "body")
        feed(10)
        line(t.people_ahead_text, "body")
        line(t.wait_text, "strong")
        line(t.ai_label, "label")
        feed(4)
        line(t.counters_text, "strong", native_scale=(2, 2))
        feed(10)
        if t.qr_url:
            p.qr(t.qr_url, native=True, size=QR_MODULE, ec=1)  # ec=1: level M
            dots += 30 * QR_MODULE
        line(t.qr_caption, "small")
        feed(10)
        line(t.staff_note, "small")
        for extra in t.extra_lines:
            line(extra, "small")
        p.cut()
        dots += 6 * 34
        return EncodedTicket(p.output, self.mode, dots / DOTS_PER_MM, bitmap_bytes)

    def _raster(self, t: TicketPrint) -> EncodedTicket:
        from devices.printer.decoder import decode

        image = decode(TicketEncoder(int(self.dots / DOTS_PER_MM), "default").encode(t).data)
        page = image.pages[0] if image.pages else Image.new("1", (self.dots, 8), 1)
        out = bytearray(ESC + b"@")
        # one band at a time: printers take at most a few thousand rows per command
        for top in range(0, page.height, 960):
            band = page.crop((0, top, page.width, min(page.height, top + 960)))
            out += raster_command(band)
        out += GS + b"V\x41\x00"
        return EncodedTicket(bytes(out), "raster", page.height / DOTS_PER_MM, len(out) - 5)


def encode_ticket(ticket: TicketPrint, mode: Mode = "default", paper_width_mm: int = 80) -> bytes:
    """The ESC/POS bytes of ``ticket``."""
    return TicketEncoder(paper_width_mm, mode).encode(ticket).data
