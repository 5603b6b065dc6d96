"""The arrangement of the two languages: stacked, parallel, and single-language editions."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest

import briefing
from briefing.errors import ContentError
from tests.conftest import Edition, pdf_text

CJK = re.compile(r"[\u4e00-\u9fff]")


def first_char_box(pdf_path: Path, needle: str, page_index: int = 1) -> tuple[float, float]:
    """(left, top) of the first character of `needle` on a page."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[page_index].get_textpage()
        text = page.get_text_range()
        index = text.index(needle)
        left, _bottom, _right, top = page.get_charbox(index)
        return left, top
    finally:
        pdf.close()


def it_sets_the_languages_side_by_side_aligned_at_the_top(sample_edition: Edition) -> None:
    pdf = sample_edition("investor", "parallel")["pdf"]
    zh_left, zh_top = first_char_box(pdf, "砥砺奋进")
    en_left, en_top = first_char_box(pdf, "Forging ahead")
    assert abs(zh_top - en_top) < 3  # the same row
    assert en_left > zh_left + 200  # the right-hand column
    # a heading never ends a page: text follows it below, above the footer
    for heading in ("开放招商成效明显", "项目基础更加坚实", "产业发展实现新突破",
                    "新城形象更加靓丽"):
        assert text_below(pdf, heading), heading


def text_below(pdf_path: Path, needle: str) -> bool:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for i in range(len(pdf)):
            page = pdf[i].get_textpage()
            text = page.get_text_range()
            if needle not in text:
                continue
            _left, bottom, _right, _top = page.get_charbox(text.index(needle))
            lows = [page.get_charbox(k)[3] for k in range(page.count_chars())
                    if text[k].strip() and page.get_charbox(k)[3] < bottom - 15]
            return any(y > 60 for y in lows)  # below the heading, above the footer
        return False
    finally:
        pdf.close()


def it_writes_parallel_rows_in_word_as_a_two_column_table(sample_edition: Edition) -> None:
    path = sample_edition("investor", "parallel")["docx"]
    document = docx.Document(str(path))
    tables = [t for t in document.tables if t.style.name == "Parallel Text"]
    assert tables
    row = tables[0].rows[0]
    assert row.cells[0].paragraphs[0].text.startswith("砥砺奋进")
    assert row.cells[1].paragraphs[0].text.startswith("Forging ahead")
    assert row.cells[1].paragraphs[0].style.name == "Body Text English"


@pytest.mark.parametrize("layout", ["zh", "en"])
def it_builds_single_language_editions_from_the_bilingual_source(layout: str,
                                                               sample_edition: Edition) -> None:
    pdf, docx_path = sample_edition("investor", layout).values()
    text = "".join(pdf_text(pdf))
    words = " ".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    if layout == "en":
        assert not CJK.search(text) and not CJK.search(words)
        assert "RMB" in text and "Xicheng District" in words
    else:
        assert "Forging ahead" not in text and "Forging ahead" not in words
        assert "112.5亿元" in text


def it_does_not_require_english_in_a_chinese_edition(make_briefing, tmp_path: Path) -> None:
    source = """layout: zh
cover:
  title: {zh: 测试简报}
  date: 2024-01-15
  publisher: {zh: 测试区人民政府}
sections:
  - heading: {zh: 标题}
    blocks:
      - paragraph:
          zh: 新签约项目{{ signed_projects }}。
"""
    folder = make_briefing(briefing_yaml=source)
    [pdf] = briefing.build(folder, tmp_path, formats=("pdf",))
    assert "新签约项目33个。" in "".join(pdf_text(pdf)).replace("\r\n", "")
    # the same file, asked for in English, says what is missing and where
    with pytest.raises(ContentError) as caught:
        briefing.check(folder, layout="en")
    messages = [d.format() for d in caught.value.diagnostics]
    assert any("briefing.yaml:3: cover.title.en: missing the English text (en)" in m
               for m in messages), messages
