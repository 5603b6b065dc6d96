"""Make the gov theme's font files in fonts/ from their sources (see fonts/README.md).

    python tools/gov_fonts.py FANDOL_DIR WENKAI_DIR

FANDOL_DIR holds FandolFang-Regular.otf, FandolSong-Regular.otf and FandolSong-Bold.otf
(Debian's texlive-lang-chinese: usr/share/texlive/texmf-dist/fonts/opentype/public/fandol);
WENKAI_DIR holds LXGWWenKai-Regular.ttf (Debian's fonts-lxgw-wenkai:
usr/share/fonts/truetype/lxgw-wenkai). `apt-get download` and `dpkg-deb -x` fetch and unpack
them without installing.

- Fandol's CFF (PostScript) outlines become TrueType outlines (cubic curves approximated by
  quadratic ones within 1 unit, fontTools' cu2qu), since ReportLab embeds only `glyf` fonts.
  Every glyph is kept: the fonts cover GB 2312 (6,763 hanzi) and about 1,200 more.
- LXGW WenKai (28,872 characters, 15 MB) is cut to the characters of GBK (GB 2312 and the
  20,902 CJK Unified Ideographs of GB 13000.1, 21,886 in all) plus ASCII, Latin-1 and the
  punctuation the font has: 11 MB. The OFL reserves the names "LXGW" and "霞鹜" for the
  unmodified font, so the subset is named "WenKai GBK".
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

FONTS = Path(__file__).resolve().parents[1] / "fonts"
FANDOL = {"FandolFang-Regular": "FandolFang-Regular.ttf",
          "FandolSong-Regular": "FandolSong-Regular.ttf",
          "FandolSong-Bold": "FandolSong-Bold.ttf"}
MAX_ERROR = 1.0  # font units (of 1000): the largest distance of a quadratic from the cubic


def cff_to_truetype(source: Path, target: Path) -> None:
    """The font with its CFF outlines drawn again as TrueType (glyf) outlines."""
    font = TTFont(source, recalcTimestamp=False)  # the same files on every run
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["post"].formatType = 3.0  # no glyph names: the CID names say nothing
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(target)


def gbk_characters() -> set[int]:
    """Every character GBK encodes (its two-byte code space decoded), and ASCII."""
    codes = set(range(0x20, 0x7F))
    for lead in range(0x81, 0xFF):
        for trail in [*range(0x40, 0x7F), *range(0x80, 0xFF)]:
            try:
                codes.add(ord(bytes((lead, trail)).decode("gbk")))
            except UnicodeDecodeError:
                pass
    return codes


def wenkai_subset(source: Path, target: Path) -> None:
    font = TTFont(source, recalcTimestamp=False)  # the same files on every run
    has = set(font.getBestCmap())
    latin = {c for c in has if c < 0x2E80 or 0x3000 <= c <= 0x303F or 0xFF00 <= c <= 0xFFEF}
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=(gbk_characters() | latin) & has)
    subsetter.subset(font)
    names = {1: "WenKai GBK", 4: "WenKai GBK Regular", 6: "WenKaiGBK-Regular",
             16: "WenKai GBK", 3: "WenKaiGBK-Regular;subset of LXGW WenKai 1.250"}
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
    font.save(target)


def main(fandol: str, wenkai: str) -> None:
    for stem, name in FANDOL.items():
        cff_to_truetype(Path(fandol) / f"{stem}.otf", FONTS / name)
    wenkai_subset(Path(wenkai) / "LXGWWenKai-Regular.ttf", FONTS / "WenKaiGBK-Regular.ttf")


if __name__ == "__main__":
    main(*sys.argv[1:3])
