"""Figure tables in the PDF: the table with its caption, header, zebra rows and note,
and its column widths (figures and dates on one line, the text sharing the rest)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Table, TableStyle

from ...clreq import loosen_no_break_spaces
from ...model import FigureTable
from ..columns import FITTED_ROLES, KEPT_WHOLE_ROLES, Fit, cramped, eased, fit_widths
from .boxes import Command, cell_defaults
from .linebreak import derived_style
from .pagination import TableWithNote
from .styles import text_width

if TYPE_CHECKING:
    from .blocks import BlockRenderer


def figure_table(renderer: BlockRenderer, block: FigureTable) -> list[Flowable]:
    """A figure table: caption, header repeated on each page, rows, then its note."""
    box = renderer.theme.boxes["table"]
    flowables: list[Flowable] = []
    if block.caption:
        flowables += renderer.texts("caption", block.caption)
    columns = block.columns
    header = [renderer.texts(c.header_role, h)
              for c, h in zip(columns, block.header, strict=True)]
    rows = [[renderer.texts(c.cell_role, r.get(c.field)) for c in columns]
            for r in block.rows]
    widths = column_widths(renderer, block, box.padding_pt, rows)
    # the box's space after goes after its note, when it has one (the note sits under it)
    table = Table([header] + rows, colWidths=widths, repeatRows=1, hAlign="LEFT",
                  spaceBefore=box.space_before_pt,
                  spaceAfter=0.0 if block.note else box.space_after_pt)
    commands: list[Command] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *cell_defaults(box.padding_pt, renderer.font),
    ]
    if box.header_background:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HexColor(box.header_background)))
    if box.zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1),
                         [HexColor("#FFFFFF"), HexColor(box.zebra)]))
    if box.rule_color:
        commands.append(("LINEBELOW", (0, 1), (-1, -1), 0.5, HexColor(box.rule_color)))
    table.setStyle(TableStyle(commands))
    if not block.note:
        return flowables + [table]
    note = renderer.texts("table_note", block.note)
    last = note[-1]
    last.style = derived_style(last.style, f"{last.style.name} (last)", spaceAfter=max(
        last.style.spaceAfter, box.space_after_pt))
    return flowables + [TableWithNote([table, *note])]

def column_widths(renderer: BlockRenderer, block: FigureTable, padding: float,
                  rows: list[list[list[Flowable]]]) -> list[float]:
    """Figure and date columns as wide as their widest cell on one line (no date
    wrapping in every row), the text columns sharing the rest (writers/columns.py)."""
    fits: list[Fit | None] = []
    for column, header in zip(block.columns, block.header, strict=True):
        if column.cell_role not in FITTED_ROLES:
            fits.append(None)
            continue
        whole = column.cell_role in KEPT_WHOLE_ROLES
        natural = least = 0.0
        for role, value in [(column.header_role, header)] + [
                (column.cell_role, row.get(column.field)) for row in block.rows]:
            for lang in value.shown(renderer.languages):
                style, text = renderer.styles.get(role, lang), value.get(lang)
                natural = max(natural, text_width(text, style))
                # where the line breaker may break (a figure's glue loosened in English)
                words = [text] if whole else (text.split(" ") if lang.startswith("zh")
                                              else loosen_no_break_spaces(text).split(" "))
                least = max([least] + [text_width(w, style) for w in words])
        fits.append(Fit(natural + 2 * padding, least + 2 * padding))
    shares = [c.share for c in block.columns]
    if not cramped(fits, renderer.width):
        return fit_widths(shares, fits, renderer.width)
    # too many columns for their content: the widths that make the table shortest
    equal = [1.0 if fit is None else share for fit, share in zip(fits, shares, strict=True)]
    candidates = [fit_widths(text_shares, eased(fits, keep), renderer.width)
                  for keep in (1.0, 0.75, 0.5, 0.25, 0.0) for text_shares in (shares, equal)]
    return min(candidates, key=lambda widths: _height(rows, widths, padding))

def _height(rows: list[list[list[Flowable]]], widths: list[float], padding: float) -> float:
    """The height of table rows (cells of paragraphs) at these column widths."""
    return float(sum(max(sum(p.wrap(w - 2 * padding, 1e6)[1] for p in cell) for cell, w
                         in zip(row, widths, strict=True)) for row in rows))
