"""Figure tables in the PDF: the table with its caption, header, zebra rows and note,
and its column widths (figures and dates on one line, the text sharing the rest)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from ...model import Bilingual, FigureTable, Lang
from .. import columns
from ..columns import FITTED_ROLES
from .boxes import Command, cell_defaults
from .linebreak import derived_style
from .stacks import CaptionedTable
from .styles import make_paragraph, resized, scaled_to_fit, text_width, unhyphenated

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
    layout = table_layout(renderer, block, box.padding_pt)
    widths = layout.widths
    rows: list[list[list[Flowable]]] = [[[] for _ in columns] for _ in block.rows]
    for k, column in enumerate(columns):  # at the table's scale; what is wider, smaller
        width = widths[k] - 2 * box.padding_pt
        header[k], *cells = fitted_column(renderer, [(column.header_role, block.header[k])] + [
            (column.cell_role, r.get(column.field)) for r in block.rows], width, layout.scale)
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
    return [CaptionedTable(caption, table, note, page_height=renderer.page_height)]


def fitted_column(renderer: BlockRenderer, cells: list[tuple[str, Bilingual[str]]],
                  width: float, scale: float = 1.0) -> list[list[Flowable]]:
    """The cells (role, text) of a column, at the table's `scale`; where its longest
    unbreakable piece is still wider than the column (a table cramped below the least
    scale), each role and language set smaller alike (styles.scaled_to_fit) rather than
    broken inside a number and its unit."""
    styles = {}
    for role in dict.fromkeys(role for role, _ in cells):
        for lang in renderer.languages:
            style = cell_style(renderer, role, lang, scale)
            texts = [v.get(lang) for r, v in cells
                     if r == role and lang in v.shown(renderer.languages)]
            pieces = [w for text in texts for w in columns.pieces(text, lang, role)]
            styles[role, lang] = scaled_to_fit(style, pieces, width)
    return [[make_paragraph(v.get(lang), styles[role, lang])
             for lang in v.shown(renderer.languages)] for role, v in cells]


def cell_style(renderer: BlockRenderer, role: str, lang: Lang, scale: float) -> ParagraphStyle:
    """A cell's style at the table's scale; a figure's unhyphenated ("71 | projects")."""
    style = resized(renderer.styles.get(role, lang), scale)
    return unhyphenated(style) if role in FITTED_ROLES else style


def table_layout(renderer: BlockRenderer, block: FigureTable,
                 padding: float) -> columns.TableLayout:
    """The table's column widths and type scale by the shared rule (writers/columns.py),
    each text measured in its ReportLab style, heights from the cells wrapped at the
    candidate widths and scale."""
    def measure(text: str, role: str, lang: Lang) -> float:
        return text_width(text, renderer.styles.get(role, lang))

    rows: dict[float, list[list[list[Flowable]]]] = {}  # the cells at each scale

    def height(widths: list[float], scale: float) -> float:
        if scale not in rows:
            rows[scale] = [[[make_paragraph(v.get(lang), cell_style(renderer, c.cell_role,
                                                                    lang, scale))
                             for lang in v.shown(renderer.languages)]
                            for c in block.columns for v in [r.get(c.field)]]
                           for r in block.rows]
        return _height(rows[scale], widths, padding)

    return columns.table_layout(block, renderer.languages, measure, padding, renderer.width,
                                height)


def _height(rows: list[list[list[Flowable]]], widths: list[float], padding: float) -> float:
    """The height of table rows (cells of paragraphs) at these column widths."""
    return float(sum(max(sum(p.wrap(w - 2 * padding, 1e6)[1] for p in cell) for cell, w
                         in zip(row, widths, strict=True)) for row in rows))
