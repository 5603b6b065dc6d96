"""Text widths from the theme's font files (fontTools), for layout a writer decides without
ReportLab: the DOCX's table columns (writers/columns.py). Each character is measured in the
font that draws it in the PDF: the style's own (bold or regular), else the first fallback
whose cmap has it (regular), as reportlab_fonts.FontChain chooses."""

from __future__ import annotations

import hashlib
from array import array
from functools import cache
from pathlib import Path

from .fonts import common_characters, font_cached, font_cmap
from .theme.resolve import ResolvedStyle, ResolvedTheme


def text_width(text: str, style: ResolvedStyle, theme: ResolvedTheme) -> float:
    """The width in points of `text` set on one line in `style`."""
    keys = (style.font, *theme.fonts[style.font].fallback)
    own = theme.fonts[style.font]
    faces = [own.bold if style.bold else own.regular,
             *(theme.fonts[k].regular for k in keys[1:])]
    cmaps = [font_cmap(theme.fonts[k].regular) for k in keys]
    # the common characters, read once a font; a text with others reads those too
    common = common_characters()
    wanted = common if common.issuperset(text) else common | frozenset(text)
    width = 0.0
    for char in text:
        code = ord(char)
        face = next((i for i, cmap in enumerate(cmaps) if code in cmap), 0)
        width += _advances(faces[face], wanted).get(code, 0.0)
    return width * style.size_pt


@cache
def _advances(path: Path, characters: frozenset[str]) -> dict[int, float]:
    """Advance widths in ems of the `characters` the font has, cached on disk by font and
    characters (reading a CJK font's tables takes a tenth of a second)."""
    codes = sorted(code for code in map(ord, characters) if code in font_cmap(path))
    detail = hashlib.sha256(array("I", codes).tobytes()).hexdigest()
    stored = array("d")
    stored.frombytes(font_cached("advances", path, detail, lambda: _read(path, codes)))
    return dict(zip(codes, stored, strict=True))


def _read(path: Path, codes: list[int]) -> bytes:
    from fontTools.ttLib import TTFont  # only when the cache has no entry

    font = TTFont(str(path), lazy=True, fontNumber=0)
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    units = font["head"].unitsPerEm
    return array("d", (metrics[cmap[code]][0] / units for code in codes)).tobytes()
