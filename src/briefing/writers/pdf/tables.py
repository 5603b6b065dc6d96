"""Figure tables in the PDF: the table with its caption, header, zebra rows and note,
and its column widths (figures and dates on one line, the text sharing the rest)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Table, TableStyle

from ...clreq import english_for_breaking, glue_number_phrases
from ...model import Bilingual, FigureTable
from ..columns import FITTED_ROLES, KEPT_WHOLE_ROLES, Fit, cramped, eased, fit_widths
from .boxes import Command, cell_defaults
from .linebreak import derived_style
from .pagination import CaptionedTable
from .styles import make_paragraph, scaled_to_fit, text_width, unhyphenated

if TYPE_CHECKING:
    from .blocks import BlockRenderer


def figure_table(renderer: BlockRenderer, block: FigureTable) -> list[Flowable]:
    """A figure table: caption, header repeated on each page, rows, then its note (kept
    together as pagination.CaptionedTable says)."""
    box = renderer.theme.boxes["table"]
    caption = renderer.texts("caption", block.caption) if block.caption else []
    columns = block.columns
    header = [renderer.texts(c.header_role, h)
              for c, h in zip(columns, block.header, strict=True)]
    rows = [[renderer.texts(c.cell_role, r.get(c.field)) for c in columns]
            for r in block.rows]
    widths = column_widths(renderer, block, box.padding_pt, rows)
    for k, column in enumerate(columns):  # what is wider than its column, set smaller
        width = widths[k] - 2 * box.padding_pt
        header[k], *cells = fitted_column(renderer, [(column.header_role, block.header[k])] + [
            (column.cell_role, r.get(column.field)) for r in block.rows], width)
        for row, cell in zip(rows, cells, strict=True):
            row[k] = cell
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
    note = renderer.texts("table_note", block.note) if block.note else []
    if note:  # the box's space after goes under its note (the note sits under the table)
        last = note[-1]
        last.style = derived_style(last.style, f"{last.style.name} (last)", spaceAfter=max(
            last.style.spaceAfter, box.space_after_pt))
    return [CaptionedTable(caption, table, note)]


def fitted_column(renderer: BlockRenderer, cells: list[tuple[str, Bilingual[str]]],
                  width: float) -> list[list[Flowable]]:
    """The cells (role, text) of a column; where its longest unbreakable piece is wider
    than the column (a cramped table), each role and language set smaller alike
    (styles.scaled_to_fit) rather than broken inside a number and its unit."""
    styles = {}
    for role in dict.fromkeys(role for role, _ in cells):
        for lang in renderer.languages:
            style = renderer.styles.get(role, lang)
            if role in FITTED_ROLES:
                style = unhyphenated(style)
            texts = [v.get(lang) for r, v in cells
                     if r == role and lang in v.shown(renderer.languages)]
            pieces = [w for text in texts for w in _words(text, lang, role)]
            styles[role, lang] = scaled_to_fit(style, pieces, width)
    return [[make_paragraph(v.get(lang), styles[role, lang])
             for lang in v.shown(renderer.languages)] for role, v in cells]


def _words(text: str, lang: str, role: str) -> list[str]:
    """The pieces of a cell's text the line breaker keeps whole: English where its
    figures' glue allows (clreq.english_for_breaking); a Chinese figure at its spaces only
    (its clusters are its number and unit), not after its trend arrow; Chinese text
    anywhere clreq allows (no piece to keep: []); a date is one piece."""
    if role in KEPT_WHOLE_ROLES:
        return [text]
    if lang.startswith("zh"):
        return glue_number_phrases(text).split(" ") if role in FITTED_ROLES else []
    return english_for_breaking(text).split(" ")


def column_widths(renderer: BlockRenderer, block: FigureTable, padding: float,
                  rows: list[list[list[Flowable]]]) -> list[float]:
    """Figure and date columns as wide as their widest cell on one line (no date
    wrapping in every row), the text columns sharing the rest (writers/columns.py)."""
    fits: list[Fit | None] = []
    kept: list[float] = []  # a text column's widest piece kept on one line
    for column, header in zip(block.columns, block.header, strict=True):
        natural = least = 0.0
        for role, value in [(column.header_role, header)] + [
                (column.cell_role, row.get(column.field)) for row in block.rows]:
            for lang in value.shown(renderer.languages):
                style, text = renderer.styles.get(role, lang), value.get(lang)
                natural = max(natural, text_width(text, style))
                least = max([least] + [text_width(w, style) for w in _words(text, lang, role)])
        fitted = column.cell_role in FITTED_ROLES
        fits.append(Fit(natural + 2 * padding, least + 2 * padding) if fitted else None)
        kept.append(0.0 if fitted else least + 2 * padding)
    shares = [c.share for c in block.columns]
    if not cramped(fits, renderer.width):
        return fit_widths(shares, fits, renderer.width, kept, 2 * padding)
    # too many columns for their content: the widths that make the table shortest
    equal = [1.0 if fit is None else share for fit, share in zip(fits, shares, strict=True)]
    candidates = [fit_widths(text_shares, eased(fits, keep), renderer.width, kept,
                                 2 * padding)
                  for keep in (1.0, 0.75, 0.5, 0.25, 0.0) for text_shares in (shares, equal)]
    return min(candidates, key=lambda widths: _height(rows, widths, padding))

def _height(rows: list[list[list[Flowable]]], widths: list[float], padding: float) -> float:
    """The height of table rows (cells of paragraphs) at these column widths."""
    return float(sum(max(sum(p.wrap(w - 2 * padding, 1e6)[1] for p in cell) for cell, w
                         in zip(row, widths, strict=True)) for row in rows))
