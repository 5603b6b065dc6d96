"""Embedded fonts (writers/docx/embed.py): a DOCX carrying subset, obfuscated Noto Sans SC,
reopened with python-docx, decoded with fontTools, and converted by LibreOffice on a
system where the font is hidden."""

from __future__ import annotations

import io
import re
import shutil
import uuid
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont

from briefing.writers.docx.embed import EmbeddedFont, embed_fonts, obfuscate
from tests.conftest import libreoffice_fonts

FONTS = Path(__file__).resolve().parents[2] / "fonts"
REGULAR, BOLD = FONTS / "NotoSansSC-Regular.ttf", FONTS / "NotoSansSC-Bold.ttf"
TEXT = "西城区2023年经济运行简报 Economic briefing, Xicheng District"
BOLD_TEXT = "重点项目 Key projects"
CHARACTERS = "".join(sorted(set(TEXT + BOLD_TEXT)))
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"


def make_document(embed: bool = True) -> bytes:
    """A paragraph of Chinese and English and a bold one, in a style set in Noto Sans SC."""
    doc = docx.Document()
    style = doc.styles.add_style("Body Chinese", 1)  # WD_STYLE_TYPE.PARAGRAPH
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), "Noto Sans SC")
    doc.add_paragraph(TEXT, style=style)
    doc.add_paragraph(style=style).add_run(BOLD_TEXT).bold = True
    if embed:
        embed_fonts(doc, [EmbeddedFont("Noto Sans SC", REGULAR, BOLD, CHARACTERS)])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def font_table(data: bytes):
    """(font table part, its parsed XML) of a saved DOCX, reopened with python-docx."""
    part = docx.Document(io.BytesIO(data)).part.part_related_by(RT.FONT_TABLE)
    return part, parse_xml(part.blob)


def embedded(data: bytes) -> dict[str, tuple[str, bytes]]:
    """{'embedRegular': (fontKey, part bytes), 'embedBold': ...} for Noto Sans SC."""
    part, table = font_table(data)
    entry = next(f for f in table.iter(qn("w:font")) if f.get(qn("w:name")) == "Noto Sans SC")
    found = {}
    for tag in ("embedRegular", "embedBold"):
        embed = entry.find(qn(f"w:{tag}"))
        target = part.related_parts[embed.get(qn("r:id"))]
        assert target.content_type == OBFUSCATED_FONT
        found[tag] = (embed.get(qn("w:fontKey")), target.blob)
    return found


def deobfuscate(blob: bytes, font_key: str) -> bytes:
    """LibreOffice's reading of the key (writerfilter FontTable.cxx), independent of ours:
    hex digit pairs of the "{...}" string taken from the end backwards."""
    pos = (35, 33, 31, 29, 27, 25, 22, 20, 17, 15, 12, 10, 7, 5, 3, 1)
    key = bytes(int(font_key[p:p + 2], 16) for p in pos)
    return bytes(b ^ key[i % 16] for i, b in enumerate(blob[:32])) + blob[32:]


@pytest.fixture(scope="module")
def saved() -> bytes:
    return make_document()


def it_obfuscates_with_the_key_reversed_as_in_the_spec_example() -> None:
    # ECMA-376 Part 1, §17.8.1: 001B70DC-AA60-4AD5-90EC-18A0948E1EAE is applied as
    # AE1E8E94-A018-EC90-D54A-60AADC701B00, to bytes 0-15 and again to 16-31.
    key = uuid.UUID("001B70DC-AA60-4AD5-90EC-18A0948E1EAE")
    reversed_key = bytes.fromhex("AE1E8E94A018EC90D54A60AADC701B00")
    assert obfuscate(bytes(40), key) == reversed_key * 2 + bytes(8)
    data = bytes(range(64))
    assert obfuscate(obfuscate(data, key), key) == data


def it_adds_obfuscated_font_parts_related_from_the_font_table(saved: bytes) -> None:
    part, _ = font_table(saved)
    rels = [rel for rel in part.rels.values() if rel.reltype == RT.FONT]
    assert sorted(rel.target_part.partname for rel in rels) == [
        "/word/fonts/font1.odttf", "/word/fonts/font2.odttf"]
    assert {rel.target_part.content_type for rel in rels} == {OBFUSCATED_FONT}


def it_describes_the_font_in_the_font_table_in_schema_order(saved: bytes) -> None:
    _, table = font_table(saved)
    entry = next(f for f in table.iter(qn("w:font")) if f.get(qn("w:name")) == "Noto Sans SC")
    children = [child.tag.split("}")[1] for child in entry]
    assert children == ["charset", "family", "pitch", "sig", "embedRegular", "embedBold"]
    assert entry.find(qn("w:charset")).get(qn("w:val")) == "86"  # GB2312
    assert entry.find(qn("w:family")).get(qn("w:val")) == "swiss"
    assert entry.find(qn("w:pitch")).get(qn("w:val")) == "variable"
    for tag in ("w:embedRegular", "w:embedBold"):
        embed = entry.find(qn(tag))
        assert embed.get(qn("w:subsetted")) == "1"
        assert re.fullmatch(r"\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}",
                            embed.get(qn("w:fontKey")))


def it_asks_word_to_keep_embedding_subset_fonts(saved: bytes) -> None:
    settings = docx.Document(io.BytesIO(saved)).settings.element
    tags = [child.tag.split("}")[1] for child in settings]
    assert tags[:3] == ["zoom", "embedTrueTypeFonts", "saveSubsetFonts"]


def it_embeds_valid_truetype_subsets_of_the_characters_drawn_and_ascii(saved: bytes) -> None:
    for tag, source in (("embedRegular", REGULAR), ("embedBold", BOLD)):
        font_key, blob = embedded(saved)[tag]
        assert len(blob) < 0.05 * source.stat().st_size, len(blob)
        assert blob[:4] != b"\x00\x01\x00\x00"  # the sfnt header is obfuscated
        font = TTFont(io.BytesIO(deobfuscate(blob, font_key)))
        font.ensureDecompiled()
        assert "glyf" in font and "CFF " not in font
        # the characters drawn, and printable ASCII so that an editor can type Latin text
        assert set(font.getBestCmap()) == {ord(c) for c in CHARACTERS} | set(range(0x20, 0x7F))
        assert font.getGlyphOrder()[0] == ".notdef"
        assert font["glyf"][".notdef"].numberOfContours > 0  # Word draws it for a missing glyph
        assert font["name"].getDebugName(1) == "Noto Sans SC"
        with TTFont(source, lazy=True) as original:
            assert font["head"].modified == original["head"].modified
    assert embedded(saved)["embedBold"][0] != embedded(saved)["embedRegular"][0]


def it_writes_identical_font_parts_on_every_run(saved: bytes) -> None:
    again = make_document()
    assert embedded(again) == embedded(saved)
    assert font_table(again)[0].blob == font_table(saved)[0].blob


def it_replaces_an_earlier_embedding_of_the_same_family() -> None:
    doc = docx.Document()
    for characters in ("旧", "新"):
        embed_fonts(doc, [EmbeddedFont("Noto Sans SC", REGULAR, None, characters)])
    part = doc.part.part_related_by(RT.FONT_TABLE)
    assert [rel.reltype for rel in part.rels.values()].count(RT.FONT) == 1
    assert len(parse_xml(part.blob).findall(f".//{qn('w:embedRegular')}")) == 1


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdffonts") is None,
                    reason="LibreOffice (soffice) and poppler's pdffonts are needed")
def it_lets_libreoffice_draw_with_the_embedded_font_only(saved: bytes, tmp_path: Path) -> None:
    with_fonts = [f["name"].split("+")[-1] for f in libreoffice_fonts(
        saved, tmp_path / "embedded")]
    assert sorted(with_fonts) == ["NotoSansSC-Bold", "NotoSansSC-Regular"]
    # The control: the same document without embedded fonts gets a substitute.
    without = [f["name"].split("+")[-1] for f in libreoffice_fonts(
        make_document(embed=False), tmp_path / "plain")]
    assert without and not any("Noto" in name for name in without), without
