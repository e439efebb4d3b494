"""Files the product ships: the UI font (Noto Sans, OFL) and the like."""

from __future__ import annotations

from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"


def font_path(bold: bool = False) -> Path:
    """The bundled font with full Vietnamese coverage (screen and printer share it)."""
    return FONTS / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")
