"""East Asian fonts in an office's reference document's styles (--reference-doc).

The styles the reference document defines are kept as they are (styles.py), but a style
that names no East Asian font, or only a theme font (w:eastAsiaTheme, which LibreOffice 7.4
does not resolve), draws Chinese in whatever the word processor picks: boxes, where that
face has no Chinese. So such a style gets the theme's East Asian font for that style (and
the Chinese language mark), as our own styles have: ours fill only what it lacks. A style
that names a face of its own is the office's choice and is kept; if the reference's font
table does not declare that face as Chinese, the build says so.
"""

from __future__ import annotations

import logging

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement as Element
from docx.styles import BabelFish

from ...theme.resolve import ResolvedTheme
from . import oxml

log = logging.getLogger("briefing")

# w:charset of Chinese fonts in a font table: GB2312, Big5
_CHINESE_CHARSETS = {"86", "88"}
# w:sig usb1 bits of the CJK Unicode ranges (OpenType OS/2 ulUnicodeRange2: bits 48-59)
_CJK_USB1_MASK = 0x0FFF0000
# words in the names of Chinese faces (Noto Sans SC, Source Han Serif CN, SimSun, FangSong)
_CHINESE_NAME_PARTS = ("CJK", " SC", " TC", " CN", "GB", "Song", "Hei", "Kai", "Fang",
                       "Ming", "Sim", "Han ", "YaHei", "Fandol", "WenKai")


def fill_east_asian_fonts(doc: DocxDocument, theme: ResolvedTheme,
                          kept: frozenset[str]) -> list[str]:
    """Give each of the reference document's styles that the theme also defines the
    theme's East Asian font where it names none; the names of the styles filled. Warn of
    the ones that name a face the font table does not declare as Chinese."""
    styles = {s.get(qn("w:styleId")): s for s in doc.styles.element.iter(qn("w:style"))}
    by_name = {_name(s): s for s in styles.values()}  # "heading 1": Word's own name
    defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/"
                                       f"{qn('w:rPr')}")
    ours = {name for f in theme.fonts.values() for name in (f.family, *f.alternatives)}
    chinese = _chinese_faces(doc)
    filled: list[str] = []
    unsure: dict[str, list[str]] = {}
    for name in sorted(kept & set(theme.styles)):
        style = by_name.get(BabelFish.ui2internal(name))
        if style is None:
            continue
        face = _east_asian_face(style, styles, defaults)
        if face is None:
            resolved = theme.styles[name]
            font = resolved.font if resolved.lang.startswith("zh") else \
                theme.styles["Normal"].font
            rpr = style.get_or_add_rPr()
            fonts = rpr.get_or_add_rFonts()
            fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
            fonts.set(qn("w:eastAsia"), theme.fonts[font].family)
            lang = rpr.find(qn("w:lang"))
            if lang is None or lang.get(qn("w:eastAsia")) is None:
                oxml.child_in_order(rpr, "w:lang", oxml.RPR_ORDER).set(qn("w:eastAsia"),
                                                                       "zh-CN")
            filled.append(name)
        elif face not in ours and face not in chinese and not _chinese_name(face):
            unsure.setdefault(face, []).append(name)
    for face, names in unsure.items():
        log.warning("the reference document's styles %s draw Chinese in '%s', which its "
                    "font table does not declare as a Chinese font: where it has no Chinese, "
                    "readers see boxes. Give those styles a Chinese Asian font in the "
                    "reference document", ", ".join(names), face)
    return filled


def _name(style: Element) -> str:
    name = style.find(qn("w:name"))
    return name.get(qn("w:val"), "") if name is not None else ""


def _east_asian_face(style: Element, styles: dict[str, Element],
                     defaults: Element | None) -> str | None:
    """The East Asian face the style draws with, through its w:basedOn chain down to the
    document defaults: None where none is named, or only a theme font."""
    seen: set[str] = set()
    current: Element | None = style
    while current is not None and current.get(qn("w:styleId")) not in seen:
        seen.add(current.get(qn("w:styleId"), ""))
        face = _face_in(current.find(qn("w:rPr")))
        if face is not False:
            return face  # type: ignore[return-value]
        based = current.find(qn("w:basedOn"))
        current = styles.get(based.get(qn("w:val"))) if based is not None else None
    face = _face_in(defaults)
    return None if face is False else face  # type: ignore[return-value]


def _face_in(rpr: Element | None) -> str | None | bool:
    """The East Asian face of run properties: a name, None for a theme font (not one), or
    False where they say nothing of it (look further down the chain)."""
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is None:
        return False
    if fonts.get(qn("w:eastAsiaTheme")) is not None:
        return None  # Word prefers it over w:eastAsia; LibreOffice 7.4 ignores it
    return fonts.get(qn("w:eastAsia")) or False


def _chinese_faces(doc: DocxDocument) -> set[str]:
    """The faces the document's font table declares as Chinese: by character set, by
    the CJK ranges of their signature, or by their name."""
    try:
        table = parse_xml(doc.part.part_related_by(RELATIONSHIP_TYPE.FONT_TABLE).blob)
    except KeyError:
        return set()
    found = set()
    for font in table.iter(qn("w:font")):
        name = font.get(qn("w:name"), "")
        charset = font.find(qn("w:charset"))
        sig = font.find(qn("w:sig"))
        usb1 = int(sig.get(qn("w:usb1"), "0"), 16) if sig is not None else 0
        if (charset is not None and charset.get(qn("w:val"), "").lower() in
                _CHINESE_CHARSETS) or usb1 & _CJK_USB1_MASK or \
                _chinese_name(name):
            found.add(name)
    return found


def _chinese_name(name: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in name) or \
        any(part in name for part in _CHINESE_NAME_PARTS)
