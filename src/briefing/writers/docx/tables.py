"""The DOCX's tables: a table in a box's style at shares of the text width, a one-row box
that never splits, a row's cells, and the figure table (the handler of FigureTable
blocks) with its columns sized to their content."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table, _Cell, _Row
from docx.text.run import Run as DocxRun

from ...font_metrics import text_width
from ...fonts import font_cmap
from ...model import Bilingual, FigureTable, Lang
from ...theme.resolve import ResolvedStyle, ResolvedTheme
from .. import columns
from ..table_breaks import last_rows_together
from . import tablexml
from .styles import PARALLEL_STYLE, TABLE_STYLES

if TYPE_CHECKING:
    from .blocks import BlockWriter


def figure_table(writer: BlockWriter, block: FigureTable) -> None:
    """The caption, the table (header row repeated on each page, banded rows), its note."""
    if block.caption:
        writer.text(writer.doc, "caption", block.caption)
    columns = block.columns
    layout = table_layout(writer, block)
    table = new_table(writer, 1 + len(block.rows), len(columns), "table",
                      tuple(width / writer.width_pt for width in layout.widths))
    for cell, column, title in zip(row_cells(table.rows[0]), columns, block.header,
                                   strict=True):
        writer.text(cell, column.header_role, title, first_in_cell=True)
        scale_cell(cell, writer, column.header_role, title, layout.scale)
    tablexml.mark_header_row(table.rows[0])
    for row in table.rows:
        tablexml.keep_row_together(row)
    for row, data in zip(table.rows[1:], block.rows, strict=True):
        for cell, column in zip(row_cells(row), columns, strict=True):
            writer.text(cell, column.cell_role, data.get(column.field),
                        first_in_cell=True,
                        figure=data.mark_of(column.field))
            scale_cell(cell, writer, column.cell_role, data.get(column.field), layout.scale)
    tablexml.table_look(table, first_row=True, banded_rows=True)
    # each paragraph of a row in Kept With Next: Word keeps the row with the next row, or
    # the last with the note; LibreOffice reads its first cell's first paragraph
    kept = table.rows[-last_rows_together(len(block.rows)):-1]  # no row alone after a break
    for row in [*kept, table.rows[-1]] if block.note else kept:  # nor the note
        for cell in row_cells(row):
            for paragraph in cell.paragraphs:
                writer.keep_with_next(paragraph)
    if block.note:  # its last paragraph carries the table's space after
        writer.text(writer.doc, "table_note", block.note, together=True)
        writer.close_box("table")
    else:
        writer.after_box = "table"


def table_layout(writer: BlockWriter, block: FigureTable) -> columns.TableLayout:
    """The table's column widths and type scale by the shared rule (writers/columns.py),
    as the PDF's: each text measured in the theme's faces (font_metrics) with what word
    processors add (`word_processor_width`), the rows' heights estimated from those
    widths. Written as the table grid and cell widths of a fixed layout, so that Word and
    LibreOffice keep them."""
    theme, padding = writer.theme, writer.theme.boxes["table"].padding_pt
    widths: dict[tuple[str, str, Lang], float] = {}  # each text measured once

    def measure(text: str, role: str, lang: Lang) -> float:
        key = (text, role, lang)
        if key not in widths:
            widths[key] = word_processor_width(text, theme.style_for(role, lang), theme)
        return widths[key]

    def height(widths: list[float], scale: float) -> float:
        """Each cell's texts in lines of its column at their styles' leading, a row as
        high as its highest cell (the text at `scale`: its column as if 1/scale wide)."""
        return scale * sum(max(sum(_line_count(row.get(c.field).get(lang),
                                               (width - 2 * padding) / scale,
                                               measure, c.cell_role, lang)
                                   * theme.style_for(c.cell_role, lang).leading_pt
                                   for lang in row.get(c.field).shown(writer.languages))
                               for c, width in zip(block.columns, widths, strict=True))
                           for row in block.rows)

    return columns.table_layout(block, writer.languages, measure, padding, writer.width_pt,
                                height)


def scale_cell(cell: _Cell, writer: BlockWriter, role: str, value: Bilingual[str],
               scale: float) -> None:
    """A cell's runs at `scale` of their styles' sizes, a paragraph per language shown:
    the rule's table set a size down (direct formatting: the styles are the document's)."""
    if scale == 1.0:
        return
    for paragraph, lang in zip(cell.paragraphs, value.shown(writer.languages), strict=False):
        size = Pt(round(2 * writer.theme.style_for(role, lang).size_pt * scale) / 2)
        for run in paragraph._p.iter(qn("w:r")):  # (in links and content controls too)
            DocxRun(run, paragraph).font.size = size


def _line_count(text: str, width: float, measure: columns.Measure, role: str,
                lang: Lang) -> int:
    """The lines `text` takes filled word by word (Chinese: character by character) into
    `width`, its words' widths added up: the estimate of a cell's height the candidate
    widths are judged by."""
    chinese = lang.startswith("zh")
    gap = 0.0 if chinese else measure(" ", role, lang) - ROUNDING_PT
    lines, used = 1, -gap  # no gap before a line's first word
    for word in (text if chinese else text.split(" ")):
        advance = gap + measure(word, role, lang) - ROUNDING_PT
        if used > 0 and used + advance > width:
            lines, used = lines + 1, advance - gap
        else:
            used += advance
    return lines


AUTOSPACE_EM = 0.2  # LibreOffice's gap between Chinese and Latin letters or digits
ROUNDING_PT = 0.5  # widths in whole twips, glyphs placed on a word processor's device grid
_LATIN = re.compile(r"[0-9A-Za-z]")


def word_processor_width(text: str, style: ResolvedStyle, theme: ResolvedTheme) -> float:
    """The width of `text` on one line in Word or LibreOffice, the wider: the PDF's width
    (font_metrics), with each character the style's own font lacks at a full em (a word
    processor draws it in a face of its own choosing: LibreOffice drew U+2212 in DejaVu
    Sans, 0.84 em, where the PDF's fallback takes 0.57), plus LibreOffice's autospacing,
    a fifth of an em at each meeting of Chinese and a Latin letter or digit
    ("2023年12月31日": 5; it ignores w:autoSpaceDE, which Word follows), plus ROUNDING_PT."""
    own = font_cmap(theme.fonts[style.font].regular)
    lacking = sum(1 for char in text if ord(char) not in own and not char.isspace())
    drawn = "".join(char for char in text if ord(char) in own or char.isspace())
    meetings = sum(1 for a, b in zip(text, text[1:], strict=False)
                   if (_is_chinese(a) and _LATIN.match(b)) or (_LATIN.match(a) and _is_chinese(b)))
    return (text_width(drawn, style, theme) + (lacking + meetings * AUTOSPACE_EM) * style.size_pt
            + ROUNDING_PT)


def _is_chinese(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def box_cells(writer: BlockWriter, box: str, fractions: tuple[float, ...]) -> list[_Cell]:
    """The cells of a one-row box (call-out, KPI row, contact card) that never splits."""
    table = new_table(writer, 1, len(fractions), box, fractions)
    tablexml.keep_row_together(table.rows[0])
    tablexml.table_look(table, first_row=False, banded_rows=False)
    return row_cells(table.rows[0])


def new_table(writer: BlockWriter, rows: int, cols: int, box: str | None,
              fractions: tuple[float, ...]) -> Table:
    """A table in a box style (None: the parallel layout's borderless style)."""
    writer.separate()
    table: Table = writer.doc.add_table(rows=rows, cols=cols)
    table._tbl.tblPr.style = writer.ids[TABLE_STYLES[box] if box else PARALLEL_STYLE]
    table.autofit = False
    widths = [Pt(writer.width_pt * fraction) for fraction in fractions]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row_cells(row), widths, strict=True):
            cell.width = width
    return table


def row_cells(row: _Row) -> list[_Cell]:
    """A row's cells, straight from its w:tc elements. python-docx's `row.cells` lays out the
    grid of the whole table each time (quadratic in its rows: a 300-page parallel layout is
    one long table); our tables merge no cells, so the grid is the elements."""
    return [_Cell(tc, row.table) for tc in row._tr.tc_lst]
