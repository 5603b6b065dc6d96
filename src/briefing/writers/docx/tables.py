"""The DOCX's tables: a table in a box's style at shares of the text width, a one-row box
that never splits, a row's cells, and the figure table (the handler of FigureTable
blocks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.shared import Pt
from docx.table import Table, _Cell, _Row

from ...model import FigureTable
from . import tablexml
from .styles import PARALLEL_STYLE, TABLE_STYLES

if TYPE_CHECKING:
    from .blocks import BlockWriter


def figure_table(writer: BlockWriter, block: FigureTable) -> None:
    """The caption, the table (header row repeated on each page, banded rows), its note."""
    if block.caption:
        writer.text(writer.doc, "caption", block.caption)
    columns = block.columns
    table = new_table(writer, 1 + len(block.rows), len(columns), "table",
                      tuple(c.share for c in columns))
    for cell, column, title in zip(row_cells(table.rows[0]), columns, block.header,
                                   strict=True):
        writer.text(cell, column.header_role, title, first_in_cell=True)
    tablexml.mark_header_row(table.rows[0])
    for row in table.rows:
        tablexml.keep_row_together(row)
    for row, data in zip(table.rows[1:], block.rows, strict=True):
        for cell, column in zip(row_cells(row), columns, strict=True):
            writer.text(cell, column.cell_role, data.get(column.field),
                        first_in_cell=True,
                        figure=data.mark_of(column.field))
    tablexml.table_look(table, first_row=True, banded_rows=True)
    if block.note:  # its last paragraph carries the table's space after
        writer.text(writer.doc, "table_note", block.note)
        writer.close_box("table")
    else:
        writer.after_box = "table"


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
