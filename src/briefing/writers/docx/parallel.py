"""The parallel layout in Word: a borderless two-column table, Chinese left, English right,
a row per section (a heading and the text blocks after it), as the PDF flows each section
in two columns.

The columns' widths are shared so that both end level, as in the PDF: Chinese says in
half the width what English says in the whole, so halves left the Chinese column half
empty (gov: 49 pages against the PDF's 36). Word cannot measure the text for us, so each
column's demand is estimated from its characters (a CJK character one em, any other
half an em) at its body style's size and leading. A row may run over pages, both columns
going on together. The paragraph that opens a row is never kept with next (a heading in
its "Opening Row" variant, spacing.row_opening_style): word processors would keep the
whole row with the next, and LibreOffice then moves a row it may not split to a page of
its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docx.shared import Pt
from docx.table import Table, _Row

from ...model import Heading
from . import oxml
from .spacing import keeps_with_next, row_opening_style
from .tables import new_table, row_cells

if TYPE_CHECKING:
    from .blocks import BlockWriter

BALANCE_RANGE = (0.3, 0.7)  # the share of the width a column may get (the PDF's)


class ParallelTable:
    """One run of side-by-side blocks (up to the next box): one table, a row a section."""

    def __init__(self, writer: BlockWriter):
        self.writer = writer
        count = len(writer.columns)
        self.table: Table = new_table(writer, 0, count, None, tuple(1 / count
                                                                      for _ in range(count)))
        self.row: _Row | None = None
        self.texts: list[list[str]] = [[] for _ in writer.columns]

    def add(self, block: Any) -> None:
        """The block's languages into the current section's row (a heading starts one)."""
        fresh = self.row is None or isinstance(block, Heading)
        if fresh:
            self.row = self.table.add_row()  # type: ignore[no-untyped-call]  # (python-docx)
        assert self.row is not None
        for k, (cell, column) in enumerate(zip(row_cells(self.row), self.writer.columns,
                                               strict=True)):
            column.target = cell
            column.write(block)
            column.target = None
            if fresh and len(cell.paragraphs) > 1 and not cell.paragraphs[0].text:
                cell._tc.remove(cell.paragraphs[0]._p)  # the empty paragraph a cell starts with
            self.texts[k] += [t.get(column.languages[0]) for t in block.texts()]
        if fresh:
            self._level_tops()
            self._unkeep_openings()

    def _level_tops(self) -> None:
        """The two columns start level: the larger space before, on both."""
        assert self.row is not None
        firsts = [cell.paragraphs[0] for cell in row_cells(self.row)]
        styles = self.writer.doc.styles
        before = max(styles[p.style.name].paragraph_format.space_before or 0 for p in firsts)
        for paragraph in firsts:
            paragraph.paragraph_format.space_before = before

    def _unkeep_openings(self) -> None:
        """Each cell's first paragraph in a style that does not keep with next."""
        assert self.row is not None
        doc, ids = self.writer.doc, self.writer.ids
        for cell in row_cells(self.row):
            first = cell.paragraphs[0]
            if keeps_with_next(doc.styles[first.style.name]):
                style = row_opening_style(doc, first._p.style or ids["Normal"])
                ids.add(style.name, style.style_id)
                oxml.set_style(first, style.style_id)

    def finish(self) -> None:
        """The columns' widths, balanced over the whole run."""
        widths = balanced_widths(self.writer, self.texts)
        grid = self.table._tbl.tblGrid
        for column, width in zip(grid.gridCol_lst, widths, strict=True):
            column.w = Pt(width)
        for row in self.table.rows:
            for cell, width in zip(row_cells(row), widths, strict=True):
                cell.width = Pt(width)


def balanced_widths(writer: BlockWriter, texts: list[list[str]]) -> list[float]:
    """Two columns' widths in points, each in proportion to its text's estimated area, each
    between BALANCE_RANGE of the width; halves for anything else."""
    width = writer.width_pt
    if len(texts) != 2:
        return [width / len(texts)] * len(texts)
    demands = []
    for lang_texts, column in zip(texts, writer.columns, strict=True):
        style = writer.theme.style_for("body", column.languages[0])
        ems = sum(text_ems(text) for text in lang_texts)
        demands.append(ems * style.size_pt * style.leading_pt)
    if not all(demands):
        return [width / 2] * 2
    low, high = BALANCE_RANGE
    share = min(max(demands[0] / sum(demands), low), high)
    return [share * width, (1 - share) * width]


def text_ems(text: str) -> float:
    """A text's width in ems, estimated: a CJK character or full-width form one em, any
    other character half an em."""
    return sum(1.0 if _is_wide(c) else 0.5 for c in text)


def _is_wide(character: str) -> bool:
    """Set a full em wide: CJK ideographs, kana, full-width forms and punctuation."""
    code = ord(character)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF \
        or 0x3000 <= code <= 0x303F
