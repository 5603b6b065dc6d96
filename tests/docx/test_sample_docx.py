"""The sample DOCX, reopened with python-docx: styles, fonts, tables, call-outs, fields."""

from __future__ import annotations

import time
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

import briefing
from tests.conftest import SAMPLE, paragraph_text, style_name

W_STYLE_NAMES = ("Title", "Heading 1", "Heading 1 English", "Body Text", "Body Text English",
                 "List Bullet", "Caption", "Call-out Figure", "Call-out Text", "KPI Value",
                 "KPI Label", "Table Header", "Table Text", "Table Figure")


@pytest.fixture(scope="module")
def document(sample_build):
    return docx.Document(str(sample_build["docx"]))


def body_paragraphs(document):
    return [p for p in document.paragraphs if p.text.strip()]


def it_defines_the_style_set_with_east_asian_fonts(document) -> None:
    names = {s.name for s in document.styles}
    for name in W_STYLE_NAMES + ("Figure Table", "Call-out Box", "KPI Card"):
        assert name in names, name
    for name in ("Body Text", "Heading 1", "Title", "Body Text English"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == "Noto Sans SC", name
        assert fonts.get(qn("w:asciiTheme")) is None, name
    assert document.styles["Body Text"].element.rPr.rFonts.get(qn("w:ascii")) == "Noto Sans SC"
    assert document.styles["Body Text English"].element.rPr.rFonts.get(qn("w:ascii")) == "Noto Sans"
    lang = document.styles["Body Text"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def it_gives_every_paragraph_a_named_style_in_chinese_then_english(document) -> None:
    paragraphs = body_paragraphs(document)
    styles = [style_name(p) for p in paragraphs]
    assert "Normal" not in styles
    first_heading = styles.index("Heading 1")
    assert styles[first_heading + 1] == "Heading 1 English"
    texts = [p.text for p in paragraphs]
    assert "开放招商成效明显" in texts
    body = [p for p in paragraphs if style_name(p) == "Body Text"]
    english = [p for p in paragraphs if style_name(p) == "Body Text English"]
    assert len(body) == len(english) >= 9
    # the text as a person would type it: no joiners, no no-break spaces (Find works)
    assert any("新签约项目33个，总投资112.5亿元" in paragraph_text(p) for p in body)
    assert any("RMB 11.25 billion" in paragraph_text(p) for p in english)


def it_marks_bold_lead_ins_with_the_strong_style(document) -> None:
    runs = [r for p in document.paragraphs for r in p.runs if r.style and r.style.name == "Strong"]
    assert any("资金问题有效解决" in r.text for r in runs)


def it_writes_figure_tables_callouts_and_kpis_as_styled_tables(document) -> None:
    by_style: dict[str, list] = {}
    for table in document.tables:
        by_style.setdefault(table.style.name, []).append(table)
    assert len(by_style["Figure Table"]) >= 6
    assert len(by_style["Call-out Box"]) >= 7
    assert len(by_style["KPI Card"]) >= 1
    table = by_style["Figure Table"][0]
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on each page
    assert [c.paragraphs[0].text for c in header.cells] == ["指标", "数值", "截至"]
    assert table.rows[1].cells[1].paragraphs[0].style.name == "Table Figure"
    callout = by_style["Call-out Box"][0].rows[0].cells[0]
    assert callout.paragraphs[0].style.name == "Call-out Figure"
    # the shading comes from the style, so editing the style restyles every call-out
    style = document.styles["Call-out Box"].element
    assert style.find(qn("w:tcPr")).find(qn("w:shd")).get(qn("w:fill")) == "EAF2FA"


def it_numbers_pages_with_a_page_field_and_uses_the_theme_page(document) -> None:
    cover, body = document.sections  # the cover is its own section, without a number
    for section in (cover, body):
        assert abs(section.page_width - Mm(210)) < Mm(1)
        assert abs(section.page_height - Mm(297)) < Mm(1)
        assert abs(section.left_margin - Mm(20)) < Mm(0.5)
    assert not cover.footer.paragraphs[0].text.strip() and not body.footer.is_linked_to_previous
    footer = body.footer.paragraphs[0]._p.xml
    assert " PAGE " in footer and " NUMPAGES " in footer and 'w:fldCharType="begin"' in footer
    assert "Xicheng District, Luohe" in body.header.paragraphs[0].text


def it_records_the_edition_date_not_the_clock(document) -> None:
    props = document.core_properties
    assert props.created.date().isoformat() == "2024-01-15"
    assert props.keywords.startswith("西城区, 漯河") and props.language == "zh-CN"
    assert "漯河市西城区" in props.title


def it_writes_style_properties_in_schema_order(document) -> None:
    """Word refuses a file whose property elements are out of order."""
    from briefing.writers.docx.oxml import PPR_ORDER, RPR_ORDER
    for parent_tag, order in (("w:pPr", PPR_ORDER), ("w:rPr", RPR_ORDER)):
        rank = {qn(t): i for i, t in enumerate(order)}
        for element in document.styles.element.iter(qn(parent_tag)):
            ranks = [rank[c.tag] for c in element if c.tag in rank]
            assert ranks == sorted(ranks), [c.tag for c in element]
            assert all(c.tag in rank for c in element), [c.tag for c in element]


def it_lets_chinese_punctuation_hang_as_the_theme_says(document) -> None:
    ppr = document.styles["Body Text"].element.pPr
    assert ppr.find(qn("w:overflowPunct")).get(qn("w:val")) == "1"


def it_formats_through_styles_not_direct_formatting(document) -> None:
    """Changing a style in Word must change every instance: no run carries its own font,
    size, colour or weight, and no paragraph its own spacing or alignment."""
    body = document.element.body
    for run_pr in body.iter(qn("w:rPr")):
        if run_pr.getparent().tag == qn("w:pPr"):
            continue  # paragraph mark properties
        direct = [c.tag.split("}")[1] for c in run_pr if c.tag != qn("w:rStyle")]
        assert not direct, direct
    for para_pr in body.iter(qn("w:pPr")):
        direct = [c.tag.split("}")[1] for c in para_pr
                  if c.tag not in (qn("w:pStyle"), qn("w:numPr"), qn("w:rPr"), qn("w:sectPr"))]
        # the one exception: a spacer paragraph's height after a box (Word has no
        # "space after table")
        assert direct in ([], ["spacing"]), direct


def it_notes_the_source_under_each_figure_table(document) -> None:
    notes = [p.text for p in document.paragraphs
             if style_name(p) == "Table Note"]
    assert notes and all(n == "来源：西城区2023年工作回顾" for n in notes[:-1])
    english = [p.text for p in document.paragraphs if style_name(p) == "Table Note English"]
    assert "Source: Xicheng District 2023 Work Review" in english


def it_writes_the_same_bytes_for_the_same_input(sample_build: dict[str, Path],
                                                tmp_path: Path) -> None:
    first = sample_build["docx"]
    # zip entries carry 2-second timestamps: the clock must have moved past the first's
    time.sleep(max(0.0, 2.1 - (time.time() - first.stat().st_mtime)))
    [second] = briefing.build(SAMPLE, tmp_path, formats=("docx",))
    assert first.read_bytes() == second.read_bytes()
