"""ESC/POS in, pictures out: the simulated printer's print engine.

:class:`Parser` cuts a byte stream into commands, incrementally (a command may
arrive split across reads). :class:`Renderer` applies commands to a paper
strip at 203 dpi and returns a finished page at each cut. :func:`decode` joins
the two for whole byte strings, which is what the tests use.

What it understands: text (Font A/B, ``ESC !``, ``GS !`` scaling, emphasis,
underline, alignment, code pages 437/1252 and TCVN-3 30/31), line feeds and
spacing, raster images (``GS v 0``), native QR codes (``GS ( k``), cuts, and
the status requests (``DLE EOT``, ``GS r``) that the twin answers. Anything
else is reported in :attr:`Renderer.unknown` and skipped as well as its
length can be known; nothing raises on bad input.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from app.resources import font_path

log = logging.getLogger(__name__)

ESC, GS, DLE, FS, LF, CR, HT = 0x1B, 0x1D, 0x10, 0x1C, 0x0A, 0x0D, 0x09

#: bytes a raster command may announce before we call it nonsense
MAX_RASTER_BYTES = 200_000


@dataclass(frozen=True)
class Command:
    """One parsed command. ``name`` says what; ``args`` and ``data`` carry its parameters."""

    name: str
    args: tuple[int, ...] = ()
    data: bytes = b""


class Parser:
    """Splits an ESC/POS byte stream into :class:`Command` objects."""

    def __init__(self) -> None:
        self._buf = bytearray()

    @property
    def pending(self) -> int:
        """Bytes held back as the start of an incomplete command."""
        return len(self._buf)

    def feed(self, data: bytes) -> list[Command]:
        self._buf += data
        out: list[Command] = []
        while self._buf:
            parsed = self._one(self._buf)
            if parsed is None:
                break
            cmd, used = parsed
            del self._buf[:used]
            out.append(cmd)
        return out

    def _one(self, b: bytearray) -> tuple[Command, int] | None:
        c = b[0]
        if c >= 0x20 or c == HT:
            end = 1
            while end < len(b) and (b[end] >= 0x20 or b[end] == HT):
                end += 1
            return Command("text", data=bytes(b[:end])), end
        if c == LF:
            return Command("lf"), 1
        if c == CR:
            return Command("cr"), 1
        if len(b) < 2:
            return None if c in (ESC, GS, DLE, FS) else (Command("unknown", (c,), b"ctl"), 1)
        k = b[1]
        if c == ESC:
            return self._esc(b, k)
        if c == GS:
            return self._gs(b, k)
        if c == DLE:
            if k == 0x04:
                if len(b) < 3:
                    return None
                return Command("dle_eot", (b[2],)), 3
            if k == 0x14:  # DLE DC4 fn ...: real-time requests we do not model
                if len(b) < 5:
                    return None
                return Command("unknown", (c, k), b"DLE DC4"), 5
            return Command("unknown", (c, k), b"DLE"), 2
        if c == FS:
            return Command("unknown", (c, k), b"FS"), 2
        return Command("unknown", (c,), b"ctl"), 1

    @staticmethod
    def _esc(b: bytearray, k: int) -> tuple[Command, int] | None:
        one_arg = {
            ord("!"): "mode", ord("E"): "emph", ord("G"): "emph", ord("-"): "underline",
            ord("M"): "font", ord("a"): "align", ord("t"): "codepage", ord("J"): "feed_dots",
            ord("d"): "feed_lines", ord("3"): "spacing", ord("{"): "flip", ord(" "): "char_spacing",
            ord("V"): "rotate", ord("%"): "user_chars", ord("c"): "ignored", ord("R"): "charset",
        }
        k_chr = chr(k)
        if k_chr == "@":
            return Command("init"), 2
        if k_chr == "2":
            return Command("spacing_default"), 2
        if k in one_arg:
            if len(b) < 3:
                return None
            if k_chr == "c":  # ESC c 3 n / ESC c 4 n / ESC c 5 n: panel and sensor settings
                if len(b) < 4:
                    return None
                return Command("ignored", (b[2], b[3])), 4
            return Command(one_arg[k], (b[2],)), 3
        if k_chr == "p":  # drawer kick: ESC p m t1 t2
            if len(b) < 5:
                return None
            return Command("ignored", (b[2],)), 5
        return Command("unknown", (ESC, k), b"ESC"), 2

    @staticmethod
    def _gs(b: bytearray, k: int) -> tuple[Command, int] | None:
        k_chr = chr(k)
        if k_chr in "!BbrLW":
            need = 4 if k_chr in "LW" else 3
            if len(b) < need:
                return None
            name = {"!": "size", "B": "invert", "b": "smooth", "r": "gs_r",
                    "L": "left_margin", "W": "print_width"}[k_chr]
            return Command(name, tuple(b[2:need])), need
        if k_chr == "V":
            if len(b) < 3:
                return None
            if b[2] in (65, 66, 97, 98, 103, 104):
                if len(b) < 4:
                    return None
                return Command("cut", (b[2], b[3])), 4
            return Command("cut", (b[2], 0)), 3
        if k_chr == "v":
            if len(b) < 8:
                return None
            if b[2] != ord("0"):
                return Command("unknown", (GS, k, b[2]), b"GS v"), 3
            m, wb, h = b[3], b[4] | (b[5] << 8), b[6] | (b[7] << 8)
            size = wb * h
            if size > MAX_RASTER_BYTES or wb == 0 or h == 0:
                return Command("unknown", (GS, k), b"GS v 0 with an impossible size"), 8
            if len(b) < 8 + size:
                return None
            return Command("raster", (m & 3, wb, h), bytes(b[8:8 + size])), 8 + size
        if k_chr in "(8":
            # GS ( X pL pH ... and GS 8 L p1 p2 p3 p4 ...: length-prefixed
            if k_chr == "8":
                if len(b) < 7:
                    return None
                length = int.from_bytes(b[3:7], "little")
                head = 7
            else:
                if len(b) < 5:
                    return None
                length = b[3] | (b[4] << 8)
                head = 5
            if len(b) < head + length:
                return None
            fn = chr(b[2])
            body = bytes(b[head:head + length])
            if k_chr == "(" and fn == "k":
                return Command("code2d", (), body), head + length
            return Command("unknown", (GS, k, b[2]), f"GS {k_chr} {fn}".encode()), head + length
        if k_chr in "Hfhw":
            if len(b) < 3:
                return None
            return Command("ignored", (b[2],)), 3
        return Command("unknown", (GS, k), b"GS"), 2


def _mono_font() -> Path:
    """A monospaced face standing in for the printer's ROM font, if the system has one."""
    for p in (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"),
        Path("/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf"),
    ):
        if p.exists():
            return p
    return font_path(False)


def _mono_bold() -> Path:
    for p in (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"),
        Path("/usr/share/fonts/truetype/liberation/LiberationMono-Bold.ttf"),
    ):
        if p.exists():
            return p
    return font_path(True)


def _codepage_tables() -> dict[int, str]:
    """Code page number -> the 128 characters of its upper half."""
    tables: dict[int, str] = {
        0: bytes(range(128, 256)).decode("cp437"),
        16: bytes(range(128, 256)).decode("cp1252", "replace"),
    }
    try:
        from escpos.capabilities import CAPABILITIES

        for n, name in ((30, "TCVN-3-1"), (31, "TCVN-3-2")):
            rows = CAPABILITIES["encodings"][name]["data"]
            tables[n] = "".join(rows).replace("Ð", "Đ").replace(" ", "?")
    except (ImportError, KeyError):  # pragma: no cover - escpos is a dependency
        pass
    return tables


@dataclass
class _TextStyle:
    font_b: bool = False
    emph: bool = False
    underline: bool = False
    invert: bool = False
    wmul: int = 1
    hmul: int = 1


@dataclass(frozen=True)
class TextLine:
    """A line of native text as printed, with its largest character scale."""

    text: str
    wmul: int
    hmul: int
    emph: bool


@dataclass
class Page:
    """A finished ticket: its picture and what was noticed printing it."""

    image: Image.Image
    interrupted: str = ""
    unknown: list[str] = field(default_factory=list)


class Renderer:
    """Applies commands to a strip of paper; a cut finishes a page."""

    LINE_SPACING = 34  # 1/6 inch at 203 dpi: the power-on default
    MARGIN = 16

    def __init__(self, paper_dots: int = 576) -> None:
        self.dots = paper_dots
        self.pages: list[Page] = []
        self.unknown: list[str] = []
        #: every line of native text printed, in order
        self.texts: list[TextLine] = []
        self._tables = _codepage_tables()
        self._glyphs: dict[tuple[str, bool, bool, int, int], Image.Image] = {}
        self._reset_state()
        self._new_strip()

    # -- state

    def _reset_state(self) -> None:
        self.style = _TextStyle()
        self.align = 0
        self.spacing = self.LINE_SPACING
        self.codepage = 0
        self.qr_module = 3
        self.qr_ecc = "M"
        self.qr_data = b""
        self._line: list[tuple[str, _TextStyle]] = []

    def _new_strip(self) -> None:
        self._strip = Image.new("1", (self.dots, 2048), 1)
        self.y = self.MARGIN
        self._page_unknown: list[str] = []
        self._started = False

    def reset(self) -> None:
        """Power-on state (``ESC @``); the paper already printed stays."""
        self._line = []
        self._reset_state()

    @property
    def has_content(self) -> bool:
        return self._started or bool(self._line)

    def _ensure(self, height: int) -> None:
        if self.y + height + self.MARGIN > self._strip.height:
            tall = max(self._strip.height * 2, self.y + height + 256)
            grown = Image.new("1", (self.dots, tall), 1)
            grown.paste(self._strip, (0, 0))
            self._strip = grown

    def _report(self, what: str) -> None:
        self.unknown.append(what)
        self._page_unknown.append(what)
        log.info("simulated printer: %s", what)

    # -- applying commands

    def apply(self, cmd: Command) -> Page | None:
        """Apply one command; returns the finished page when it was a cut."""
        n = cmd.name
        a = cmd.args
        try:
            if n == "text":
                self._text(cmd.data)
            elif n == "lf":
                self._flush_line(force=True)
            elif n == "init":
                self._flush_line()
                self._reset_state()
            elif n == "align":
                self.align = a[0] % 48 if a[0] >= 48 else a[0]
                self.align = min(self.align, 2)
            elif n == "emph":
                self.style = _replace(self.style, emph=bool(a[0] & 1))
            elif n == "underline":
                self.style = _replace(self.style, underline=bool(a[0] & 3))
            elif n == "font":
                self.style = _replace(self.style, font_b=bool(a[0] & 1))
            elif n == "invert":
                self.style = _replace(self.style, invert=bool(a[0] & 1))
            elif n == "size":
                self.style = _replace(self.style, wmul=((a[0] >> 4) & 7) + 1, hmul=(a[0] & 7) + 1)
            elif n == "mode":
                self.style = _TextStyle(
                    font_b=bool(a[0] & 1), emph=bool(a[0] & 8), underline=bool(a[0] & 0x80),
                    invert=self.style.invert,
                    wmul=2 if a[0] & 0x20 else 1, hmul=2 if a[0] & 0x10 else 1,
                )
            elif n == "codepage":
                self.codepage = a[0]
                if a[0] not in self._tables and a[0] != 255:
                    self._report(f"code page {a[0]} is not simulated; its accents print as '?'")
            elif n == "spacing":
                self.spacing = a[0]
            elif n == "spacing_default":
                self.spacing = self.LINE_SPACING
            elif n == "feed_dots":
                self._flush_line()
                self._advance(a[0])
            elif n == "feed_lines":
                self._flush_line(force=True)
                self._advance(self.spacing * a[0])
            elif n == "raster":
                self._raster(a[0], a[1], a[2], cmd.data)
            elif n == "code2d":
                self._code2d(cmd.data)
            elif n == "cut":
                return self.cut()
            elif n == "unknown":
                code = " ".join(f"{x:02x}" for x in a)
                self._report(f"unknown command {code} ({cmd.data.decode()})")
            # cr, smooth, flip, margins, status requests and friends change nothing on paper
        except Exception as exc:  # a bad command must never stop the printer
            self._report(f"could not apply {n}: {exc}")
        return None

    def _advance(self, dots: int) -> None:
        self._ensure(dots)
        self.y += dots
        self._started = True

    def _text(self, data: bytes) -> None:
        table = self._tables.get(self.codepage)
        for byte in data:
            if byte < 0x80:
                ch = chr(byte)
            elif table is not None:
                ch = table[byte - 0x80]
            else:
                ch = "?"
            self._line.append((ch, self.style))

    def _cell(self, st: _TextStyle) -> tuple[int, int]:
        w, h = (9, 17) if st.font_b else (12, 24)
        return w * st.wmul, h * st.hmul

    def _glyph(self, ch: str, st: _TextStyle) -> Image.Image:
        key = (ch, st.emph, st.font_b, st.wmul, st.hmul)
        img = self._glyphs.get(key)
        if img is None:
            img = self._draw_glyph(ch, st)
            self._glyphs[key] = img
        return img

    def _draw_glyph(self, ch: str, st: _TextStyle) -> Image.Image:
        cw, chh = self._cell(st)
        ss = 4  # supersampling
        # The monospaced system face for ASCII; the bundled Noto Sans for the
        # rest, since the system's monospaced faces lack most Vietnamese letters.
        mono = _mono_bold() if st.emph else _mono_font()
        path = mono if ord(ch) < 0x80 else font_path(st.emph)
        face = ImageFont.truetype(str(path), int(chh * 0.78) * ss)
        # Room above the cell for stacked accents; a ROM font squeezes them in,
        # so a glyph taller than its cell is squashed to fit rather than cut.
        extra = chh * ss // 2
        canvas = Image.new("L", (cw * ss * st.hmul // st.wmul + 8, chh * ss + extra), 255)
        baseline = extra + int(chh * ss * 0.8)
        ImageDraw.Draw(canvas).text(
            (canvas.width // 2, baseline), ch, font=face, fill=0, anchor="ms"
        )
        ink = Image.eval(canvas, lambda v: 255 - v).getbbox()
        top = min(extra, ink[1]) if ink else extra
        region = canvas.crop((0, top, canvas.width, canvas.height))
        return region.resize((cw, chh), Image.Resampling.LANCZOS).point(
            lambda v: 0 if v < 150 else 255
        ).convert("1")

    def _flush_line(self, force: bool = False) -> None:
        if not self._line:
            if force:
                self._advance(self.spacing)
            return
        cells = [(ch, st, *self._cell(st)) for ch, st in self._line]
        self._line = []
        width = 0
        rows: list[list[tuple[str, _TextStyle, int, int]]] = [[]]
        for cell in cells:  # the printer wraps at the paper's edge
            if width + cell[2] > self.dots and rows[-1]:
                rows.append([])
                width = 0
            rows[-1].append(cell)
            width += cell[2]
        for row in rows:
            self.texts.append(TextLine(
                "".join(c[0] for c in row).strip(),
                max(c[1].wmul for c in row), max(c[1].hmul for c in row),
                any(c[1].emph for c in row),
            ))
            row_w = sum(c[2] for c in row)
            row_h = max(c[3] for c in row)
            x = [0, (self.dots - row_w) // 2, self.dots - row_w][self.align]
            self._ensure(max(row_h, self.spacing))
            for ch, st, cw, chh in row:
                top = self.y + row_h - chh
                glyph = self._glyph(ch, st)
                ink = Image.eval(glyph.convert("L"), lambda v: 255 - v).convert("1")
                if st.invert:
                    self._strip.paste(0, (x, top, x + cw, top + chh))
                    self._strip.paste(1, (x, top), ink)
                else:
                    self._strip.paste(0, (x, top), ink)
                if st.underline:
                    self._strip.paste(0, (x, top + chh - 2, x + cw, top + chh))
                x += cw
            self.y += max(row_h, self.spacing)
            self._started = True

    def _place(self, img: Image.Image) -> None:
        x = [0, (self.dots - img.width) // 2, self.dots - img.width][self.align]
        self._ensure(img.height)
        visible = img.crop((0, 0, min(img.width, self.dots), img.height))
        self._strip.paste(visible, (max(0, x), self.y))
        self.y += img.height
        self._started = True

    def _raster(self, m: int, wb: int, h: int, data: bytes) -> None:
        self._flush_line()
        # the printer burns a 1 bit; PIL's 1-bit images have 1 for white
        img = Image.frombytes("1", (wb * 8, h), bytes(b ^ 0xFF for b in data))
        if m & 1:
            img = img.resize((img.width * 2, img.height), Image.Resampling.NEAREST)
        if m & 2:
            img = img.resize((img.width, img.height * 2), Image.Resampling.NEAREST)
        self._place(img)

    def _code2d(self, body: bytes) -> None:
        if len(body) < 2 or body[0] != 49:  # cn 49 = QR; others (PDF417, MaxiCode...) not simulated
            self._report(f"2D code type {body[0] if body else '?'} is not simulated")
            return
        fn = body[1]
        if fn == 65:
            return  # model: model 2 is the only one we print
        if fn == 67 and len(body) > 2:
            self.qr_module = max(1, min(16, body[2]))
        elif fn == 69 and len(body) > 2:
            self.qr_ecc = {48: "L", 49: "M", 50: "Q", 51: "H"}.get(body[2], "M")
        elif fn == 80:
            self.qr_data = body[3:]
        elif fn == 81:
            self._flush_line()
            self._print_qr()
        else:
            self._report(f"QR function {fn} is not simulated")

    def _print_qr(self) -> None:
        import qrcode
        from qrcode.constants import (
            ERROR_CORRECT_H,
            ERROR_CORRECT_L,
            ERROR_CORRECT_M,
            ERROR_CORRECT_Q,
        )

        if not self.qr_data:
            self._report("QR print requested with no data stored")
            return
        ecc = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M,
               "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}
        code = qrcode.QRCode(error_correction=ecc[self.qr_ecc], box_size=self.qr_module, border=0)
        code.add_data(self.qr_data)
        code.make(fit=True)
        img = code.make_image().get_image().convert("1")
        # the printer leaves a blank line above and below the symbol
        self._advance(self.qr_module * 2)
        self._place(img)
        self._advance(self.qr_module * 2)

    def cut(self, interrupted: str = "") -> Page:
        """Finish the current page (a cut, or the paper running out)."""
        self._flush_line()
        height = max(self.y + self.MARGIN, 2 * self.MARGIN)
        page = Page(self._strip.crop((0, 0, self.dots, height)), interrupted, self._page_unknown)
        self.pages.append(page)
        self._new_strip()
        return page


def _replace(st: _TextStyle, **changes: object) -> _TextStyle:
    values = {**st.__dict__, **changes}
    return _TextStyle(**values)


@dataclass
class Decoded:
    """Everything :func:`decode` found in a byte string."""

    pages: list[Image.Image]
    unknown: list[str]
    status_requests: list[Command]
    texts: list[TextLine]


def decode(data: bytes, paper_dots: int = 576) -> Decoded:
    """Render ``data`` the way the simulated printer would; a trailing uncut part is a page too."""
    parser = Parser()
    renderer = Renderer(paper_dots)
    requests: list[Command] = []
    for cmd in parser.feed(data):
        if cmd.name in ("dle_eot", "gs_r"):
            requests.append(cmd)
        renderer.apply(cmd)
    if parser.pending:
        renderer.unknown.append(f"{parser.pending} bytes of an incomplete command at the end")
    if renderer.has_content:
        renderer.cut()
    return Decoded([p.image for p in renderer.pages], renderer.unknown, requests, renderer.texts)
