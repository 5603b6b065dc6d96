"""Chinese line breaking, read back from real PDFs: each rule is forced to apply at a line
end, and the position of every character is read with pypdfium2."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame

from briefing.clreq import CANNOT_END, CANNOT_START
from briefing.writers.pdf.linebreak import ChineseParagraph

FONTS = Path(__file__).resolve().parents[2] / "fonts"
SIZE = 10.0
CHARS_PER_LINE = 10
HAN = "汉"


@pytest.fixture(scope="module", autouse=True)
def _font() -> None:
    pdfmetrics.registerFont(TTFont("lb-test", str(FONTS / "NotoSansSC-Regular.ttf")))


def typeset(text: str, hanging: bool = False,
            align: int = 0) -> list[list[tuple[str, float, float]]]:
    """Lines of (character, left, right) as a PDF reader sees them."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 400), initialFontName="lb-test")
    style = ParagraphStyle("t", fontName="lb-test", fontSize=SIZE, leading=14, wordWrap="CJK",
                           alignment=align)
    frame = Frame(50, 20, CHARS_PER_LINE * SIZE, 360, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, showBoundary=0)
    frame.addFromList([ChineseParagraph(text, style, hanging=hanging)], canvas)
    canvas.save()
    pdf = pdfium.PdfDocument(buffer.getvalue())
    page = pdf[0].get_textpage()
    lines: list[list[tuple[str, float, float]]] = []
    previous_left = float("inf")
    for i in range(page.count_chars()):
        char = page.get_text_range(i, 1)
        if not char.strip():
            continue
        left, _bottom, right, _top = page.get_charbox(i)
        if left < previous_left - 1:  # back to the left edge: a new line
            lines.append([])
        lines[-1].append((char, left, right))
        previous_left = left
    pdf.close()
    return lines


def texts(lines: list[list[tuple[str, float, float]]]) -> list[str]:
    return ["".join(c for c, _, _ in line) for line in lines]


def assert_well_broken(lines: list[str]) -> None:
    for line in lines:
        assert line[0] not in CANNOT_START, lines
        assert line[-1] not in CANNOT_END, lines


@pytest.mark.parametrize("mark", sorted("，。、；：？！）》」』】〕…—”’,.;:?!)%"))
def it_never_starts_a_line_with_closing_punctuation(mark: str) -> None:
    # the mark falls just after a full line: a naive break would put it first on line 2
    lines = texts(typeset(HAN * CHARS_PER_LINE + mark + HAN * 12))
    assert_well_broken(lines)
    assert lines[0] == HAN * (CHARS_PER_LINE - 1)  # a character went along with the mark
    assert lines[1].startswith(HAN + mark)


@pytest.mark.parametrize("mark", sorted("（《「『【〔“‘(["))
def it_never_ends_a_line_with_opening_punctuation(mark: str) -> None:
    lines = texts(typeset(HAN * (CHARS_PER_LINE - 1) + mark + HAN * 12))
    assert_well_broken(lines)
    assert lines[1].startswith(mark)


@pytest.mark.parametrize("figure", ["112.5亿元", "46微克/立方米", "24.1%", "7244万元", "3452套",
                                    "2023年"])
def it_keeps_numbers_with_their_units(figure: str) -> None:
    for offset in range(1, len(figure)):
        lines = texts(typeset(HAN * (CHARS_PER_LINE - offset) + figure + "，" + HAN * 12))
        assert any(figure in line for line in lines), (offset, lines)
        assert_well_broken(lines)


def it_breaks_latin_words_only_at_spaces() -> None:
    lines = texts(typeset(HAN * (CHARS_PER_LINE - 2) + "Xicheng District" + HAN * 12))
    assert any("Xicheng" in line for line in lines), lines
    assert any("District" in line for line in lines), lines


def it_hangs_one_closing_mark_into_the_margin_when_allowed() -> None:
    lines = typeset(HAN * CHARS_PER_LINE + "，" + HAN * 12, hanging=True)
    first = texts(lines)[0]
    assert first == HAN * CHARS_PER_LINE + "，"
    right_edge = 50 + CHARS_PER_LINE * SIZE
    assert lines[0][-1][1] >= right_edge - 0.5  # the comma starts at the margin: it hangs
    assert lines[0][-2][2] <= right_edge + 0.5  # the text itself stays inside


def it_splits_an_unbreakable_string_longer_than_a_line() -> None:
    lines = texts(typeset("A" * 200))
    assert len(lines) > 1 and "".join(lines) == "A" * 200


@pytest.mark.parametrize("markup", [False, True])
def it_justifies_chinese_lines_to_the_margin(markup: bool) -> None:
    # one style (ReportLab's simple lines) and two colours (fragment lines) alike
    from reportlab.lib.enums import TA_JUSTIFY
    first = HAN * (CHARS_PER_LINE - 2)
    if markup:
        first = f'<font color="#C00000">{HAN}</font>' + first[1:]
    lines = typeset(first + "112.5亿元" + HAN * 20, align=TA_JUSTIFY)
    right_edge = 50 + CHARS_PER_LINE * SIZE
    assert abs(lines[0][-1][2] - right_edge) < 1.0  # first line reaches the margin
    assert texts(lines)[1].startswith("112.5亿元")


@pytest.mark.parametrize("markup", [False, True])
def it_continues_a_paragraph_after_a_page_break_with_its_own_lines(markup: bool) -> None:
    # the part on the next page is broken again: as the whole paragraph was, with no
    # space added where its lines met (ReportLab adds one, for text that breaks at spaces)
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.platypus import SimpleDocTemplate

    text = "西城区" * 40 + "PM2.5年均浓度" + "汉字" * 30 + "。"
    source = text.replace("PM2.5", '<font color="#C00000">PM2.5</font>') if markup else text
    style = ParagraphStyle("t", fontName="lb-test", fontSize=SIZE, leading=14,
                           wordWrap="CJK", alignment=TA_JUSTIFY)
    buffer = io.BytesIO()
    # the frame pads 6 pt a side: lines as wide as typeset()'s
    SimpleDocTemplate(buffer, pagesize=(CHARS_PER_LINE * SIZE + 32, 100), leftMargin=10,
                      rightMargin=10, topMargin=10, bottomMargin=10).build(
        [ChineseParagraph(source, style)])
    pdf = pdfium.PdfDocument(buffer.getvalue())
    pages = [pdf[i].get_textpage() for i in range(len(pdf))]
    drawn = "".join(p.get_text_range().replace("\r", "").replace("\n", "") for p in pages)
    assert len(pages) > 2 and drawn == text
    whole = texts(typeset(source, align=TA_JUSTIFY))
    assert "".join(whole) == text.replace(" ", "")
    split = [line for p in pages for line in p.get_text_range().replace("\r", "").split("\n")]
    assert split == whole

