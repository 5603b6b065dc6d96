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
    Floating,
    KeepWithNext,
    ParallelColumns,
    balanced_widths,
    pull_text_before_float,
)
from briefing.writers.pdf.stacks import CaptionedTable, CardRow, with_notes

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


def it_splits_a_short_chinese_paragraph_rather_than_leave_a_page_a_quarter_empty() -> None:
    def story(room: float) -> list:  # type: ignore[type-arg]
        chinese = Paragraph("甲" * 30 + "乙" * 30 + "丙" * 30,  # 4 lines, split 2 + 2
                            style(wordWrap="CJK", allowWidows=0, allowOrphans=0))
        chinese.keepWithNext, chinese.keeps_translation = 1, True
        return [Spacer(1, 248 - room), Paragraph("Heading", style(keepWithNext=1)), chinese,
                Paragraph("English " * 60, style())]
    # 84 pt left: the heading, four lines and two of the English (98 pt) do not fit
    pages = build(story(84))
    assert pages[0].split()[0] == "Heading" and "甲" in pages[0] and "丙" not in pages[0]
    assert pages[1].startswith("乙") and "English" not in pages[0]  # then its English
    pages = build(story(45))  # less than a fifth of the frame left: the group moves on
    assert "Heading" not in pages[0] and pages[1].startswith("Heading")


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


def _cards(names: str, height: float) -> WholeTable:
    return WholeTable([[[Paragraph(f"card {n}", style()), Spacer(1, height)] for n in names]],
                      page_height=248)


def it_splits_a_row_of_cards_that_does_not_fit_into_two_rows_of_wider_cards() -> None:
    def row() -> CardRow:  # four cards 144 pt high, or two rows of two 60 pt high
        return CardRow(_cards("ABCD", 130), lambda: [_cards("AB", 46), _cards("CD", 46)])
    after = [Paragraph("Heading", style(keepWithNext=1)), Paragraph("body " * 40, style())]
    pages = build([Spacer(1, 150), row(), *after])  # 98 pt left: the first row fits
    assert "card A" in pages[0] and "card B" in pages[0] and "card C" not in pages[0]
    assert pages[1].split()[:4] == ["card", "C", "card", "D"]
    pages = build([Spacer(1, 200), row(), *after])  # 48 pt left: the row moves on whole
    assert "card" not in pages[0] and pages[1].split()[:8:2] == ["card"] * 4
    pages = build([Spacer(1, 50), row(), *after])  # room for the whole row: one row
    assert all(f"card {n}" in pages[0] for n in "ABCD")


def it_lets_a_chart_pass_a_table_to_fill_the_page_before_a_heading() -> None:
    table = CaptionedTable([Paragraph("Caption", style())], _table(4), [])  # 84 pt
    chart = Floating([Paragraph("Chart", style()), Spacer(1, 100)])  # 114 pt
    heading = [Paragraph("Heading", style(keepWithNext=1)), Paragraph("body " * 40, style())]
    heading[0].outline = ("Heading", 1)  # as the block renderer marks a heading
    # 188 pt left: the table fits, the chart not under it (104 pt) and cannot pass the heading
    pages = build([Spacer(1, 60), table, chart, *heading])
    assert pages[0].index("Chart") < pages[0].index("Caption")  # the chart went first
    assert "row 1" in pages[0] and "row 3" in pages[1]  # the table split under it
    assert pages[1].index("row 3") < pages[1].index("Heading")
    pages = build([Spacer(1, 10), table, chart, *heading])  # both fit: in their order
    assert pages[0].index("Caption") < pages[0].index("Chart")


def it_leaves_no_row_of_a_long_table_alone_after_a_break() -> None:
    # 70 pt left: the header and four of the five rows fit, the fifth would go on alone
    pages = build([Spacer(1, 178), CaptionedTable([], _table(5), [])])
    assert "row 2" in pages[0] and "row 3" not in pages[0]
    assert pages[1].split()[:5] == ["Header", "row", "3", "row", "4"]
    # the last part of a split table too: a page holds the header and 16 rows
    pages = build([CaptionedTable([], _table(33), [])])
    assert [p.split()[-2:] for p in pages] == [["row", "15"], ["row", "30"], ["row", "32"]]
    # a short table may leave a row alone
    pages = build([Spacer(1, 200), CaptionedTable([], _table(3), [])])
    assert "row 1" in pages[0] and pages[1].split()[:3] == ["Header", "row", "2"]


def it_lets_the_last_row_go_alone_rather_than_leave_a_page_a_quarter_empty() -> None:
    rows = [["Header"]] + [[f"row {n}"] for n in range(4)]
    table = Table(rows, rowHeights=[14, 60, 60, 60, 60], repeatRows=1)
    # 200 pt left: the header and three rows fit; holding the third back for the last
    # page would leave 66 pt of the 248 (27%) empty (a first user's Sources table, 48%)
    pages = build([Spacer(1, 48), CaptionedTable([], table, [])])
    assert "row 2" in pages[0] and pages[1].split() == ["Header", "row", "3"]


def it_keeps_a_footnote_under_the_last_lines_of_its_block() -> None:
    text = Paragraph("word " * 60 + "term<super>1</super>", style())  # 7 lines, 98 pt
    note = Paragraph("Note 1", style())
    # 105 pt left: the paragraph fits, its note under it does not
    pages = build([Spacer(1, 143), *with_notes([text], [note]), Paragraph("Next", style())])
    assert "Note" not in pages[0] and pages[1].startswith("word")  # not the note alone
    assert pages[1].index("term") < pages[1].index("Note 1") < pages[1].index("Next")
    chinese = Paragraph("中文", style(keepWithNext=1))  # a short Chinese paragraph before
    pages = build([Spacer(1, 129), chinese, *with_notes([text], [note])])
    assert "中文" in pages[0] and "word" in pages[0] and "Note 1" in pages[1]


def it_starts_the_next_page_with_the_rows_held_back() -> None:
    rows = [["Header"]] + [[f"row {n}"] for n in range(5)]
    table = Table(rows, rowHeights=[14, 14, 14, 14, 14, 40], repeatRows=1)
    # 100 pt left: the header and four rows fit (30 pt to spare), the tall fifth does not;
    # one row held back for it leaves 44 pt, where the rest must not start again
    pages = build([Spacer(1, 148), CaptionedTable([], table, [])])
    assert "row 2" in pages[0] and "row 3" not in pages[0]
    assert pages[1].split()[:5] == ["Header", "row", "3", "row", "4"]


def it_lets_a_chart_pass_a_table_that_splits_leaving_the_page_a_quarter_empty() -> None:
    table = Table([["Header"]] + [[f"row {n}"] for n in range(6)], repeatRows=1,
                  rowHeights=[14] + [30] * 6)
    captioned = CaptionedTable([Paragraph("Caption", style())], table, [])  # 208 pt
    chart = Floating([Paragraph("Chart", style()), Spacer(1, 90)])  # 104 pt
    heading = Paragraph("Heading", style(keepWithNext=1))
    heading.outline = ("Heading", 1)
    # 204 pt left: five rows fit, one of them is held back for the last (56 pt left)
    pages = build([Spacer(1, 44), captioned, chart, heading, Paragraph("body", style())])
    assert pages[0].index("Chart") < pages[0].index("Caption") and "row 1" in pages[0]
    assert pages[1].split()[:3] == ["Header", "row", "2"]
