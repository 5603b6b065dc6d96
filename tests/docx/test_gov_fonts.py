"""The gov DOCX's fonts: the standard names (仿宋_GB2312, 方正小标宋简体...) with a
substitution chain in the font table down to the free face the PDF embeds (FandolFang,
FandolSong, WenKai GBK, Noto Sans SC), a warning at
build while they are not embedded, and --embed-fonts to carry the free faces."""

from __future__ import annotations

import html
import logging
import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

import briefing
from tests.conftest import SAMPLE, libreoffice_convert, pdf_text, pdffonts
from tests.docx.test_libreoffice import needs_libreoffice


def _font_table(path: Path) -> dict[str, object]:
    document = docx.Document(str(path))
    table = parse_xml(document.part.part_related_by(RT.FONT_TABLE).blob)
    return {f.get(qn("w:name")): f for f in table.findall(qn("w:font"))}


def _chain(table, name: str) -> list[str]:
    chain = [name]
    while (alt := table[chain[-1]].find(qn("w:altName"))) is not None:
        chain.append(alt.get(qn("w:val")))
    return chain


@pytest.fixture(scope="module")
def gov_docx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("gov-fonts")
    return {"plain": briefing.build(SAMPLE, out / "plain", formats=("docx",), theme="gov",
                                    layout="zh")[0],
            "embedded": briefing.build_report(SAMPLE, out / "embedded", formats=("docx",),
                                              theme="gov", layout="zh",
                                              embed_fonts=True).outputs[0]}


def it_chains_each_official_font_to_the_free_face(gov_docx) -> None:
    table = _font_table(gov_docx["plain"])
    # down to the faces the PDF embeds (fonts/README.md)
    assert _chain(table, "仿宋_GB2312") == ["仿宋_GB2312", "仿宋", "FangSong", "FandolFang"]
    assert _chain(table, "楷体_GB2312") == ["楷体_GB2312", "楷体", "KaiTi", "WenKai GBK"]
    assert _chain(table, "方正小标宋简体") == ["方正小标宋简体", "宋体", "SimSun", "FandolSong"]
    assert _chain(table, "黑体") == ["黑体", "SimHei", "Noto Sans SC"]
    for name in ("仿宋_GB2312", "仿宋", "FangSong", "FandolFang"):
        entry = table[name]
        assert entry.find(qn("w:charset")).get(qn("w:val")) == "86"  # GB2312
        assert re.fullmatch(r"[0-9A-F]{20}", entry.find(qn("w:panose1")).get(qn("w:val")))
        assert entry.find(qn("w:family")) is not None and entry.find(qn("w:sig")) is not None
    styles = docx.Document(str(gov_docx["plain"])).styles
    assert styles["Body Text"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def it_warns_while_the_named_faces_are_not_embedded(tmp_path: Path, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="briefing"):
        briefing.build(SAMPLE, tmp_path / "gov", formats=("docx",), theme="gov")
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "does not embed" in said and "仿宋_GB2312 -> 仿宋 -> FangSong -> FandolFang" in said
    assert "--embed-fonts" in said
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="briefing"):
        briefing.build(SAMPLE, tmp_path / "investor", formats=("docx",))  # embeds its fonts
        briefing.build_report(SAMPLE, tmp_path / "gov-embedded", formats=("docx",),
                              theme="gov", embed_fonts=True)
    assert not [r for r in caplog.records if "does not embed" in r.getMessage()]


def it_embeds_the_free_faces_under_the_names_the_styles_use(gov_docx) -> None:
    table = _font_table(gov_docx["embedded"])
    embedded = sorted(name for name, entry in table.items()
                      if entry.find(qn("w:embedRegular")) is not None)
    assert {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"} <= set(embedded)
    assert "FangSong" not in embedded and "FandolFang" not in embedded
    assert not [e for e in _font_table(gov_docx["plain"]).values()
                if e.find(qn("w:embedRegular")) is not None]


@pytest.fixture(scope="module")
def embedded_pdf(gov_docx, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """LibreOffice's PDF of the gov DOCX with the free faces embedded (zh layout)."""
    folder = tmp_path_factory.mktemp("gov-fonts-lo") / "lo"
    return libreoffice_convert({"embedded": gov_docx["embedded"].read_bytes()},
                               folder)["embedded"]


@needs_libreoffice
def it_draws_chinese_with_the_embedded_face_where_the_named_ones_are_missing(
        embedded_pdf) -> None:
    fonts = {f["name"].split("+")[-1] for f in pdffonts(embedded_pdf)}
    assert "FandolFang-Regular" in fonts, fonts
    assert "开放招商成效明显" in "".join(pdf_text(embedded_pdf)).replace(" ", "")


CLOSING = "，。、；：？！）》」』”’"


@needs_libreoffice
def it_sets_28_characters_a_full_line_as_the_standard_does(gov_docx, embedded_pdf) -> None:
    # GB/T 9704: 28 characters of 3号 a line of 156 mm. Read LibreOffice's lines back
    # (poppler's word boxes); a full line spans the text width from the left margin.
    body = docx.Document(str(gov_docx["embedded"])).sections[-1]
    left, right = body.left_margin.pt, body.page_width.pt - body.right_margin.pt
    lines = _pdf_lines(embedded_pdf)
    pairs = zip(lines, lines[1:], strict=False)
    full = [(text, following) for (text, x0, x1), (following, _, _) in pairs
            if abs(x0 - left) < 4 and right - x1 < 8 and _all_chinese(text)]
    # the line breaker may keep a 28th character with the closing punctuation after it
    counts = [len(text) for text, following in full if following[1:2] not in CLOSING]
    assert len(counts) >= 10, counts
    assert set(counts) == {28}, [t for t, _ in full if len(t) != 28]


def _all_chinese(text: str) -> bool:
    return bool(text) and all("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"
                              for c in text)


def _pdf_lines(pdf: Path) -> list[tuple[str, float, float]]:
    """Each line's text (no spaces), left and right edge, in reading order."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    lines = []
    for match in re.finditer(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"'
                             r'[^>]*>(.*?)</line>', out, re.S):
        text = "".join(re.findall(r">([^<]*)</word>", match.group(3)))
        lines.append((html.unescape(text), float(match.group(1)), float(match.group(2))))
    return lines


def it_embeds_the_characters_of_word_numbered_headings(tmp_path: Path) -> None:
    # Word draws the heading numbers (一、) from numbering.xml, not from the text: a subset
    # of the text's characters alone drew 一 as a box in LibreOffice. The minimal
    # briefing, without its 第一项, has no 一.
    import io
    import shutil

    from fontTools.ttLib import TTFont

    from tests.conftest import MINIMAL
    from tests.docx.test_embed import deobfuscate

    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL, folder)
    text = (folder / "briefing.yaml").read_text(encoding="utf-8").replace("第一项", "首项")
    assert "一" not in text
    (folder / "briefing.yaml").write_text(text, encoding="utf-8")
    out = briefing.build_report(folder, tmp_path / "out", formats=("docx",), theme="gov",
                                layout="zh", embed_fonts=True).outputs[0]
    document = docx.Document(str(out))
    part = document.part.part_related_by(RT.FONT_TABLE)
    entry = next(f for f in parse_xml(part.blob).iter(qn("w:font"))
                 if f.get(qn("w:name")) == "黑体")  # the Heading 1 face
    embed = entry.find(qn("w:embedRegular"))
    font = TTFont(io.BytesIO(deobfuscate(part.related_parts[embed.get(qn("r:id"))].blob,
                                         embed.get(qn("w:fontKey")))))
    assert {ord("一"), ord("、")} <= set(font.getBestCmap())
