"""Page breaking (writers/pdf/pagination.py): headings and short Chinese paragraphs keep
with the start of what follows, a table's note with its last rows, and the parallel
layout's columns end level, read back from PDFs."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.lib.colors import black
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from briefing.writers.pdf.boxes import WholeTable
from briefing.writers.pdf.pagination import (
    CaptionedTable,
    Floating,
    KeepWithNext,
    ParallelColumns,
    balanced_widths,
    pull_text_before_float,
)

FONTS = Path(__file__).resolve().parents[2] / "fonts"
PAGE = (300.0, 300.0)


@pytest.fixture(scope="module", autouse=True)
def _font() -> None:
    pdfmetrics.registerFont(TTFont("pg-test", str(FONTS / "NotoSansSC-Regular.ttf")))


def style(**extra) -> ParagraphStyle:  # type: ignore[no-untyped-def]
    return ParagraphStyle("t", fontName="pg-test", fontSize=10, leading=14, **extra)


class _Template(BaseDocTemplate):
    def handle_flowable(self, flowables) -> None:  # type: ignore[no-untyped-def]
        pull_text_before_float(flowables, getattr(self, "frame", None))
        super().handle_flowable(flowables)


def build_pdf(story: list) -> bytes:  # type: ignore[type-arg]
    """A 300 x 300 pt document of the story (a frame 248 pt high inside its padding)."""
    buffer = io.BytesIO()
    doc = _Template(buffer, pagesize=PAGE, keepTogetherClass=KeepWithNext,
                    leftMargin=20, rightMargin=20, topMargin=20, bottomMargin=20)
    doc.addPageTemplates([PageTemplate("p", [Frame(20, 20, 260, 260, id="f")])])
    doc.build(story)
    return buffer.getvalue()


def build(story: list) -> list[str]:  # type: ignore[type-arg]
    """The text of each page of a 300 x 300 pt document of the story."""
    pdf = pdfium.PdfDocument(build_pdf(story))
    pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    pdf.close()
    return pages


def it_keeps_a_heading_with_the_first_lines_of_what_follows() -> None:
    heading = Paragraph("Heading", style(keepWithNext=1))
    pages = build([Spacer(1, 200), heading, Paragraph("body " * 200, style())])
    assert "Heading" in pages[0]  # not moved on with all of the long paragraph
    assert pages[0].rstrip().split()[-1] == "body"  # lines of it below the heading
    pages = build([Spacer(1, 236), Paragraph("Heading", style(keepWithNext=1)),
                   Paragraph("body " * 200, style())])
    assert "Heading" not in pages[0] and pages[1].startswith("Heading")  # no room: moves


def it_keeps_a_table_note_with_the_last_rows() -> None:
    rows = [[f"row {n}"] for n in range(17)]
    note = Paragraph("Source note", style())
    # 17 rows fill the frame, leaving no room for the note under them
    pages = build([Spacer(1, 20), CaptionedTable([], Table(rows, rowHeights=14), [note])])
    assert not pages[-1].lstrip().startswith("Source note")
    assert "row 16" in pages[-1] and "Source note" in pages[-1]


def _table(count: int) -> Table:
    return Table([["Header"]] + [[f"row {n}"] for n in range(count)], rowHeights=14,
                 repeatRows=1)


@pytest.mark.parametrize("room", [16, 30, 40])
def it_never_leaves_a_table_caption_at_a_page_foot(room: float) -> None:
    caption = Paragraph("Caption", style(keepWithNext=1))
    # the caption fits the room left, the header and first rows do not
    pages = build([Spacer(1, 248 - room), CaptionedTable([caption], _table(30), [])])
    assert "Caption" not in pages[0] and pages[1].startswith("Caption")


def it_keeps_a_caption_with_the_header_and_first_rows_where_they_fit() -> None:
    caption = Paragraph("Caption", style())
    pages = build([Spacer(1, 180), CaptionedTable([caption], _table(30),
                                                  [Paragraph("Source note", style())])])
    first = pages[0].split()
    assert first[:3] == ["Caption", "Header", "row"] and "row 1" in pages[0]
    assert pages[1].startswith("Header")  # the header repeated
    assert "Source note" in pages[-1] and "Source note" not in pages[0]


def it_keeps_a_heading_with_a_captioned_table() -> None:
    heading = Paragraph("Heading", style(keepWithNext=1))
    caption = Paragraph("Caption", style())
    pages = build([Spacer(1, 215), heading, CaptionedTable([caption], _table(30), [])])
    assert "Heading" not in pages[0] and pages[1].startswith("Heading")
    pages = build([Spacer(1, 150), heading, CaptionedTable([caption], _table(30), [])])
    assert pages[0].split()[:4] == ["Heading", "Caption", "Header", "row"]


def it_ends_the_parallel_columns_level() -> None:
    zh = [Paragraph("汉" * 800, style(wordWrap="CJK"))]
    en = [Paragraph("word " * 400, style())]
    widths = balanced_widths([zh, en], 250)
    section = ParallelColumns([zh, en], widths, [10, 0])
    section.wrapOn(None, 260, 1e6)
    left, right = section.heights
    assert abs(left - right) <= 14 * 2  # within two lines
    assert widths[0] < widths[1]  # the English, longer, gets more of the width
    pages = build([section])
    assert len(pages) >= 2 and all("汉" in page and "word" in page for page in pages)


def it_floats_a_figure_after_the_text_that_fills_the_page() -> None:
    figure = Floating([Paragraph("Figure", style()), Spacer(1, 150)])
    text = Paragraph("after " * 60, style())
    pages = build([Spacer(1, 150), figure, text])  # 110 pt left: the figure does not fit
    assert "after" in pages[0] and "Figure" not in pages[0]  # the text filled the page
    assert "Figure" in pages[1]
    pages = build([Spacer(1, 230), figure, text])  # 30 pt left: too little to bother
    assert "after" not in pages[0] and pages[1].startswith("Figure")


def _tall_table() -> CaptionedTable:
    table = Table([["Header"]] + [[f"row {n}"] for n in range(3)], rowHeights=[14, 60, 60, 60],
                  repeatRows=1)
    return CaptionedTable([Paragraph("Caption", style())], table, [])


def it_floats_a_table_that_cannot_split_after_the_text_that_follows() -> None:
    # 78 pt left: caption, header and a first row (88 pt) do not fit
    pages = build([Spacer(1, 170), _tall_table(), Paragraph("after " * 60, style())])
    assert "after" in pages[0] and "Caption" not in pages[0]
    assert pages[1].split()[:2] == ["Caption", "Header"] or "Caption" in pages[1]


def it_moves_a_short_chinese_paragraph_with_its_english_before_a_float() -> None:
    pages = build([Spacer(1, 170), _tall_table(), Paragraph("中文段落", style(keepWithNext=1)),
                   Paragraph("English " * 40, style())])
    assert "中文段落" in pages[0] and "English" in pages[0] and "Caption" not in pages[0]
    assert "Caption" in "".join(pages[1:])


def it_splits_a_long_call_out_with_its_frame_on_both_parts() -> None:
    box = WholeTable([[Paragraph("box " * 120, style())]], page_height=248, split_share=0.2)
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, black)]))
    pdf = pdfium.PdfDocument(build_pdf([Spacer(1, 150), box]))
    for page in (pdf[0], pdf[1]):
        assert "box" in page.get_textpage().get_text_range()
        assert any(obj.type == pdfium_c.FPDF_PAGEOBJ_PATH for obj in page.get_objects())
    pdf.close()
    short = WholeTable([[Paragraph("box " * 20, style())]], page_height=248, split_share=0.2)
    pages = build([Spacer(1, 230), short])  # shorter than its share: moves on whole
    assert "box" not in pages[0]
