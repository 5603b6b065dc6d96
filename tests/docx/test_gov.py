"""The gov theme: the official-document format of GB/T 9704-2012, in Word and in the PDF."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

import briefing
from tests.conftest import Edition, libreoffice_pdf, pdf_text


@pytest.fixture(scope="module")
def gov_build(sample_edition: Edition) -> dict[str, Path]:
    return sample_edition("gov", "stacked")


def it_sets_the_page_and_type_area_of_the_standard(gov_build) -> None:
    body = docx.Document(str(gov_build["docx"])).sections[-1]
    for actual, mm in ((body.top_margin, 37), (body.bottom_margin, 35),
                       (body.left_margin, 28), (body.right_margin, 26)):
        assert abs(actual - Mm(mm)) < Mm(0.2)
    grid = body._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert abs(int(grid.get(qn("w:linePitch"))) - 225 / 22 / 25.4 * 1440) < 2  # 22 lines


def it_sets_a_grid_of_28_characters_a_line_in_words_terms(gov_build) -> None:
    # Word's Page Setup: characters a line = text width // (the Normal style's East Asian
    # size + w:charSpace/4096 pt); GB/T 9704 asks 28 of 3号 (16 pt)
    document = docx.Document(str(gov_build["docx"]))
    body = document.sections[-1]
    width_pt = (body.page_width.twips - body.left_margin.twips - body.right_margin.twips) / 20
    grid = body._sectPr.find(qn("w:docGrid"))
    size_pt = document.styles["Normal"].font.size.pt
    pitch_pt = size_pt + int(grid.get(qn("w:charSpace"))) / 4096
    assert size_pt == 16 and width_pt // pitch_pt == 28
    height_pt = (body.page_height.twips - body.top_margin.twips - body.bottom_margin.twips) / 20
    assert height_pt // (int(grid.get(qn("w:linePitch"))) / 20) == 22
    # our paragraphs do not snap to the grid: the styles carry the pitch as character
    # spacing, 28 characters of Chinese text of the Normal size a line, English untouched
    for name in ("Body Text", "Heading 1", "List Bullet", "Call-out Text"):
        spacing = _character_spacing_pt(document.styles[name])
        assert width_pt // (size_pt + spacing) == 28, name
    for name in ("Body Text English", "Table Text", "Title", "Footer"):
        assert _character_spacing_pt(document.styles[name]) == 0, name


def _character_spacing_pt(style) -> float:
    """A style's own w:spacing (twips) in its run properties, in points."""
    spacing = style.element.rPr.find(qn("w:spacing"))
    return int(spacing.get(qn("w:val"))) / 20


def it_names_the_official_fonts_with_their_alternatives(gov_build) -> None:
    document = docx.Document(str(gov_build["docx"]))
    east_asian = {name: document.styles[name].element.rPr.rFonts.get(qn("w:eastAsia"))
                  for name in ("Title", "Body Text", "Heading 1", "Heading 2")}
    assert east_asian == {"Title": "方正小标宋简体", "Body Text": "仿宋_GB2312",
                          "Heading 1": "黑体", "Heading 2": "楷体_GB2312"}
    assert document.styles["Title"].font.size == Pt(22)
    assert document.styles["Body Text"].font.size == Pt(16)
    assert document.styles["Body Text"].paragraph_format.first_line_indent == Pt(32)
    table = parse_xml(document.part.part_related_by(RT.FONT_TABLE).blob)
    alternatives = {f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
                    for f in table.findall(qn("w:font")) if f.find(qn("w:altName")) is not None}
    assert alternatives["仿宋_GB2312"] == "仿宋" and alternatives["楷体_GB2312"] == "楷体"
    # the gov draft names fonts every government PC has: none embedded
    assert not document.settings.element.findall(qn("w:embedTrueTypeFonts"))


def it_numbers_headings_with_word_numbering(gov_build) -> None:
    document = docx.Document(str(gov_build["docx"]))
    numbering = document.part.numbering_part.element
    num_pr = document.styles["Heading 1"].element.pPr.numPr
    num_id = num_pr.numId.val
    abstract_id = next(n.find(qn("w:abstractNumId")).get(qn("w:val"))
                       for n in numbering.findall(qn("w:num")) if n.numId == num_id)
    abstract = next(a for a in numbering.findall(qn("w:abstractNum"))
                    if a.get(qn("w:abstractNumId")) == abstract_id)
    levels = [(lvl.find(qn("w:numFmt")).get(qn("w:val")),
               lvl.find(qn("w:lvlText")).get(qn("w:val")))
              for lvl in abstract.findall(qn("w:lvl"))]
    assert levels == [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"),
                      ("decimal", "%3."), ("decimal", "（%4）")]
    # the text itself carries no number: Word renumbers when a section moves
    assert "开放招商成效明显" in [p.text for p in document.paragraphs]


def it_puts_page_numbers_on_the_outer_side(gov_build) -> None:
    document = docx.Document(str(gov_build["docx"]))
    body = document.sections[-1]
    assert document.settings.odd_and_even_pages_header_footer
    assert body.footer.paragraphs[0].alignment == 2  # right on odd pages
    assert body.even_page_footer.paragraphs[0].alignment == 0  # left on even pages
    assert body.footer.paragraphs[0].text.startswith("— ")
    # one character (4号, 14 pt) in from the outer edge of the text (空一字)
    assert body.footer.paragraphs[0].paragraph_format.right_indent.pt == 14
    assert body.even_page_footer.paragraphs[0].paragraph_format.left_indent.pt == 14
    pdf = pdfium.PdfDocument(str(gov_build["pdf"]))
    try:
        width = pdf[1].get_size()[0]
        positions = []
        for index in (2, 1):  # pages 3 (odd) and 2 (even)
            page = pdf[index].get_textpage()
            text = page.get_text_range()
            at = text.rindex("—")
            positions.append(page.get_charbox(at)[0])
    finally:
        pdf.close()
    assert positions[0] > width / 2 > positions[1]


def it_numbers_the_pdf_headings_as_the_standard_does(gov_build) -> None:
    text = re.sub(r"\s+", "", "".join(pdf_text(gov_build["pdf"])))
    assert "一、开放招商成效明显" in text and "七、党建基础保障夯实" in text
    assert "—2—" in text and "—1—" not in text  # the cover is page 1, unnumbered


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed")
def it_shows_the_numbers_in_a_word_processor(gov_build, tmp_path: Path) -> None:
    pdf = libreoffice_pdf(gov_build["docx"].read_bytes(), tmp_path / "lo")
    text = re.sub(r"[\s\u2060]+", "", "".join(pdf_text(pdf)))
    assert "一、开放招商成效明显" in text and "七、党建基础保障夯实" in text
    assert "I.NotableResults" in text


def it_numbers_four_levels_and_restarts_below_a_new_heading(make_briefing, tmp_path: Path) -> None:
    source = """cover:
  title: {zh: 标题, en: Title}
  date: 2024-01-15
  publisher: {zh: 某区, en: A District}
sections:
  - heading: {zh: 甲, en: A}
    blocks:
      - heading: {zh: 乙, en: B}
      - heading: {zh: 丙, en: C}
        level: 3
      - heading: {zh: 丁, en: D}
        level: 4
      - heading: {zh: 戊, en: E}
        level: 3
  - heading: {zh: 己, en: F}
    blocks:
      - heading: {zh: 庚, en: G}
"""
    [pdf] = briefing.build(make_briefing(briefing_yaml=source), tmp_path, formats=("pdf",),
                           theme="gov")
    text = re.sub(r"\s+", "", "".join(pdf_text(pdf)))
    for numbered in ("一、甲", "（一）乙", "1.丙", "（1）丁", "2.戊", "二、己", "（一）庚",
                     "I.A", "(I)B", "1.C", "(1)D", "II.F"):
        assert numbered in text, numbered
