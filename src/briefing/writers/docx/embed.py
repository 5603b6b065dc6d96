"""Word's "Embed fonts in the file", done by us (ECMA-376 Part 1, §17.8).

A reader without our fonts (Noto Sans SC is rarely installed) would otherwise substitute
another face and reflow every page. Each font is subset to the characters the document
draws and the common ones (fonts.common_characters), obfuscated as §17.8.1 requires,
stored as a part `/word/fonts/fontN.odttf` related from the font table, and named there
(`w:embedRegular`, `w:embedBold` with the key); the settings ask Word to keep the fonts
embedded, subset, when the user saves again.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

import docx.document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement as Element

from ...fonts import common_characters, font_cached, font_subset
from .oxml import child_in_order

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
# Keys are name-based UUIDs in this namespace, so the same fonts and text give the same
# keys, and so the same DOCX bytes.
KEY_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://briefing/docx/embedded-font")
# Children of <w:font> (CT_Font) and the start of CT_Settings, in schema order.
FONT_ORDER = ("w:altName", "w:panose1", "w:charset", "w:family", "w:notTrueType", "w:pitch",
              "w:sig", "w:embedRegular", "w:embedBold", "w:embedItalic", "w:embedBoldItalic")
SETTINGS_ORDER = (
    "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
    "w:removeDateAndTime", "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape",
    "w:printPostScriptOverText", "w:printFractionalCharacterWidth", "w:printFormsData",
    "w:embedTrueTypeFonts", "w:embedSystemFonts", "w:saveSubsetFonts")
GB2312 = 1 << 18  # OS/2 ulCodePageRange1 bit: the font covers Simplified Chinese


@dataclass(frozen=True)
class EmbeddedFont:
    """One font family to carry inside the DOCX."""

    family: str          # the name styles use in w:rFonts, e.g. "Noto Sans SC"
    regular: Path        # TrueType-outline (glyf) font file
    bold: Path | None    # None: Word makes bold text of this family by emboldening `regular`
    characters: str      # every character the document draws in this family


def embed_fonts(doc: docx.document.Document, fonts: list[EmbeddedFont]) -> None:
    """Embed each font, subset to its characters, in `doc` (to be saved afterwards)."""
    package = doc.part.package
    table_part = doc.part.part_related_by(RT.FONT_TABLE)
    # python-docx loads the font table as an opaque part: parse, edit, store the XML back.
    table = parse_xml(table_part.blob)
    for font in fonts:
        entry = _font_entry(table, font.family)
        _describe(entry, font.regular, panose=False)
        for tag, path in (("w:embedRegular", font.regular), ("w:embedBold", font.bold)):
            if path is None:
                continue
            # the common characters too, as the PDF's subsets have them: most edits add
            # only characters already there, and so keep the cached subset (a new one
            # took fontTools 0.7 s a font); an editor can type them in the embedded face
            data = font_subset(path, common_characters() | frozenset(font.characters))
            key = font_key(font.family, tag, data)
            part = Part(package.next_partname("/word/fonts/font%d.odttf"), OBFUSCATED_FONT,
                        obfuscate(data, key), package)
            embed = child_in_order(entry, tag, FONT_ORDER)
            if embed.get(qn("r:id")):  # embedded before: the new subset replaces the old
                table_part.drop_rel(embed.get(qn("r:id")))
            embed.set(qn("r:id"), table_part.relate_to(part, RT.FONT))
            embed.set(qn("w:fontKey"), f"{{{str(key).upper()}}}")
            embed.set(qn("w:subsetted"), "1")
    table_part._blob = serialize_part_xml(table)
    settings = doc.settings.element
    for tag in ("w:embedTrueTypeFonts", "w:saveSubsetFonts"):
        if settings.find(qn(tag)) is None:
            _insert_in_order(settings, tag, SETTINGS_ORDER)


def name_alternative_fonts(doc: docx.document.Document,
                           chains: dict[str, tuple[tuple[str, ...], Path]]) -> None:
    """Font table entries naming, for a family, the fonts Word uses where it is missing:
    each name of the chain (仿宋_GB2312 -> 仿宋 -> FangSong -> FandolFang, the free face
    `path` ends it) has an entry whose w:altName is the next, and the face's panose,
    character set, family, pitch and signature, by which Word picks a substitute."""
    if not chains:
        return
    table_part = doc.part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(table_part.blob)
    described: set[str] = set()
    for family, (alternatives, path) in sorted(chains.items()):
        names = list(dict.fromkeys((family, *alternatives, face_family(path))))
        for name, following in zip(names, [*names[1:], None], strict=True):
            if name in described:
                continue
            described.add(name)
            entry = _font_entry(table, name)
            if following is not None:
                child_in_order(entry, "w:altName", FONT_ORDER).set(qn("w:val"), following)
            _describe(entry, path)
    table_part._blob = serialize_part_xml(table)


def face_family(path: Path) -> str:
    """The family name a font file gives itself (Noto Sans SC)."""
    return str(json.loads(font_cached("face", path, "", lambda: _read_face(path)))["family"])


def font_key(family: str, tag: str, data: bytes) -> uuid.UUID:
    """The obfuscation key: a UUID named by the family, the weight's slot and the bytes."""
    return uuid.uuid5(KEY_NAMESPACE, f"{family}\n{tag}\n{hashlib.sha256(data).hexdigest()}")


def obfuscate(data: bytes, key: uuid.UUID) -> bytes:
    """§17.8.1: XOR bytes 0-15 and 16-31 of the font with the key's 16 bytes in reverse order
    of the key as written (001B70DC-...-18A0948E1EAE gives AE 1E 8E 94 ... 1B 00). The same
    call undoes it."""
    reversed_key = key.bytes[::-1]
    head = bytes(b ^ reversed_key[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def _font_entry(table: Element, family: str) -> Element:
    """<w:font w:name=family> of the font table, appended if missing."""
    found: Element
    for found in table.findall(qn("w:font")):
        if found.get(qn("w:name")) == family:
            return found
    entry = OxmlElement("w:font")
    entry.set(qn("w:name"), family)
    table.append(entry)
    return entry


def _describe(entry: Element, path: Path, panose: bool = True) -> None:
    """Panose, character set, family, pitch and Unicode/code-page signature from the font's
    OS/2 table: what Word uses to pick a font for a script, or a substitute."""
    os2 = json.loads(font_cached("os2", path, "", lambda: _read_os2(path)))
    if panose:
        child_in_order(entry, "w:panose1", FONT_ORDER).set(
            qn("w:val"), json.loads(font_cached("face", path, "", lambda: _read_face(path)))[
                "panose"])
    charset = "86" if os2["csb0"] & GB2312 else "00"
    child_in_order(entry, "w:charset", FONT_ORDER).set(qn("w:val"), charset)
    family = "swiss" if os2["sans"] else "auto"
    child_in_order(entry, "w:family", FONT_ORDER).set(qn("w:val"), family)
    pitch = "fixed" if os2["fixed"] else "variable"
    child_in_order(entry, "w:pitch", FONT_ORDER).set(qn("w:val"), pitch)
    sig = child_in_order(entry, "w:sig", FONT_ORDER)
    for attr in ("usb0", "usb1", "usb2", "usb3", "csb0", "csb1"):
        sig.set(qn(f"w:{attr}"), f"{os2[attr]:08X}")


def _read_face(path: Path) -> bytes:
    """The family name and the 10 panose bytes (hex), as JSON (cached)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        names = font["name"]
        family = names.getDebugName(16) or names.getDebugName(1) or path.stem
        p = font["OS/2"].panose
        panose = bytes([p.bFamilyType, p.bSerifStyle, p.bWeight, p.bProportion, p.bContrast,
                        p.bStrokeVariation, p.bArmStyle, p.bLetterForm, p.bMidline,
                        p.bXHeight])
    return json.dumps({"family": family, "panose": panose.hex().upper()}).encode()


def _read_os2(path: Path) -> bytes:
    """What _describe needs of the font, as JSON (cached: fontTools is imported only here)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        os2, fixed_pitch = font["OS/2"], font["post"].isFixedPitch
    panose = os2.panose
    return json.dumps({
        "sans": panose.bFamilyType == 2 and panose.bSerifStyle in (11, 12, 13),
        "fixed": bool(fixed_pitch),
        "usb0": os2.ulUnicodeRange1, "usb1": os2.ulUnicodeRange2,
        "usb2": os2.ulUnicodeRange3, "usb3": os2.ulUnicodeRange4,
        "csb0": os2.ulCodePageRange1, "csb1": os2.ulCodePageRange2}).encode()


def _insert_in_order(parent: Element, tag: str, order: tuple[str, ...]) -> None:
    """Add an empty <tag> after the last child that precedes it in `order`, else first."""
    element = OxmlElement(tag)
    before = {qn(t) for t in order[:order.index(tag)]}
    anchors = [child for child in parent if child.tag in before]
    if anchors:
        anchors[-1].addnext(element)
    else:
        parent.insert(0, element)
