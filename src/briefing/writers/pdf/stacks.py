"""Flowables of several others one under the other, split only where a reader accepts
it (pagination.py places them):

- `CaptionedTable`: a table's caption stays with its first rows, its source note with
  its last rows.
- `NotedText`: a block's last paragraph keeps its footnotes under it.
- `CardRow`: a row of KPI cards that does not fit splits into two rows of wider cards.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.rl_config import _FUZZ

from ..table_breaks import last_rows_together
from .boxes import WholeTable


def _real(parts: list) -> bool:  # type: ignore[type-arg]
    """A split that put something on this page (not a frame break and the whole)."""
    return len(parts) >= 2 and not hasattr(parts[0], "frameAction")


class Stack(Flowable):  # type: ignore[misc]  # (ReportLab is untyped)
    """Flowables drawn one under the other, the larger space between each two."""

    def __init__(self, parts: list[Flowable]):
        super().__init__()
        self.parts = parts
        self.spaceBefore = parts[0].getSpaceBefore()
        self.spaceAfter = parts[-1].getSpaceAfter()

    def wrap(self, availWidth, availHeight):  # type: ignore[no-untyped-def]  # noqa: N803
        self.width, self.height = availWidth, _stacked_height(self.parts, availWidth, self.canv)
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        for n, flowable in enumerate(self.parts):
            if n:
                y -= max(flowable.getSpaceBefore(), self.parts[n - 1].getSpaceAfter())
            _, height = flowable.wrapOn(self.canv, self.width, 0xFFFFFF)
            y -= height
            flowable.drawOn(self.canv, 0, y)


class NotedText(Stack):
    """A block's last paragraph with its footnotes (glosses) under it: the notes never
    start a page away from their block; where the two do not fit, the paragraph's last
    lines go on with them (or, a paragraph too short to split, all of it). One
    flowable, not a container, so that a short Chinese paragraph keeps with it."""

    def split(self, availWidth, availHeight):  # type: ignore[no-untyped-def]  # noqa: N803
        text, notes = self.parts[0], self.parts[1:]
        height = text.wrapOn(self.canv, availWidth, availHeight)[1]
        # a line at least goes on with the notes
        parts = text.splitOn(self.canv, availWidth, min(availHeight, height - 1))
        if _real(parts):
            return [*parts[:-1], NotedText([parts[-1], *notes])]
        frame = getattr(self, "_frame", None)
        if frame is not None and frame._atTop:
            return list(self.parts)  # taller than a page: the parts go on as they can
        return []  # moves on whole


def with_notes(flowables: list[Flowable], notes: list[Flowable]) -> list[Flowable]:
    """A block's flowables and its notes, the notes kept with its last paragraph (a
    NotedText) where it ends in one."""
    if not notes:
        return flowables
    if flowables and isinstance(flowables[-1], Paragraph) \
            and not flowables[-1].getKeepWithNext():
        return [*flowables[:-1], NotedText([flowables[-1], *notes])]
    return flowables + notes


class CardRow(Flowable):  # type: ignore[misc]  # (ReportLab is untyped)
    """A row of cards (KPIs) that does not fit the room left splits into two rows of wider
    cards (`halves` makes them), the first staying on the page when it fits, rather than
    move on whole and leave the page half empty (when a heading follows, the row cannot
    float: it ends its section)."""

    def __init__(self, row: WholeTable, halves: Callable[[], list[Flowable]]):
        super().__init__()
        self.row, self.halves = row, halves
        self.spaceBefore, self.spaceAfter = row.getSpaceBefore(), row.getSpaceAfter()

    def wrap(self, availWidth, availHeight):  # type: ignore[no-untyped-def]  # noqa: N803
        self.width, self.height = self.row.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth, availHeight):  # type: ignore[no-untyped-def]  # noqa: N803
        first, rest = self.halves()
        if first.wrapOn(self.canv, availWidth, availHeight)[1] <= availHeight + _FUZZ:
            return [first, rest]
        self.row.wrapOn(self.canv, availWidth, availHeight)
        return list(self.row.split(availWidth, availHeight))  # taller than a page

    def draw(self) -> None:
        self.row.drawOn(self.canv, 0, 0)


MIN_ROWS = 1  # the fewest rows of a table a page holds under its caption
HELD_ROWS_SHARE = 0.25  # of the frame: the most rows held back for MIN_LAST_ROWS may leave
# empty (a page more than a quarter empty is a fault, docs/typesetting.md); past it, the
# last row goes alone


class CaptionedTable(Stack):
    """A table with its caption above and its source note below, split only where a reader
    accepts it: the caption never ends a page (it goes with the header and at least
    MIN_ROWS rows, or the table moves on whole), the note never starts one (it goes with
    the last rows; a part after a page break holds at least a row: ReportLab's split),
    and a table of LONG_TABLE rows or more leaves no fewer than MIN_LAST_ROWS after a
    break (no row alone on the last page: writers/table_breaks.py, the DOCX's rule too),
    unless the rows held back would leave more than HELD_ROWS_SHARE of the page empty.
    One flowable, not a container, so that a heading before it keeps with it (ReportLab
    keeps no container with a heading)."""

    def __init__(self, caption: list[Flowable], table: Table, note: list[Flowable],
                 least: int = 0, continued: bool = False, page_height: float = 0.0):
        super().__init__([*caption, table, *note])
        self.caption, self.table, self.note = caption, table, note
        self.page_height = page_height  # the frame's, where it is not known (in a keep)
        # the fewest rows a part after a break holds: of the whole table, kept by its parts
        self.least = least or last_rows_together(_rows(table))
        self.continued = continued  # the part after a break: it starts the next page

    def split(self, availWidth, availHeight):  # type: ignore[no-untyped-def]  # noqa: N803
        self.wrap(availWidth, availHeight)  # type: ignore[no-untyped-call]
        frame = getattr(self, "_frame", None)
        if self.continued and frame is not None and not frame._atTop:
            return []  # (rows held back for it leave room on the page it follows)
        table_height = self.table.wrapOn(self.canv, availWidth, 0xFFFFFF)[1]
        above = _stacked_height([*self.caption, self.table], availWidth, self.canv) \
            - table_height
        room = availHeight - above
        parts = self.table.splitOn(self.canv, availWidth, room) if room > 0 else []
        if len(parts) == 1 and self.note:  # the table fits, its note does not
            below = self.height - above - table_height
            parts = self.table.splitOn(self.canv, availWidth, room - below)
        filled = parts
        while len(parts) >= 2 and _rows(parts[-1]) < self.least and _rows(parts[0]) > MIN_ROWS:
            room -= self.table._rowHeights[len(parts[0]._cellvalues) - 1]  # a row over
            parts = self.table.splitOn(self.canv, availWidth, room)
        page = frame._height if frame is not None else self.page_height
        if parts is not filled and page and availHeight - above \
                - parts[0].wrapOn(self.canv, availWidth, room)[1] > HELD_ROWS_SHARE * page:
            parts = filled  # rows held back would leave the page too empty
        if len(parts) < 2 or _rows(parts[0]) < MIN_ROWS:
            if frame is not None and frame._atTop:
                # not even a new page holds the caption and a row, or the last row and
                # the note (a theme of huge leading): the parts go on as they can
                return [*self.caption, self.table, *self.note]
            return []  # moves on whole
        return [CaptionedTable(self.caption, parts[0], [], self.least,
                               page_height=self.page_height),
                CaptionedTable([], parts[-1], self.note, self.least, continued=True,
                               page_height=self.page_height)]


def _stacked_height(flowables: list[Flowable], width: float, canv: object) -> float:
    """The height of flowables one under the other, the larger space between each two."""
    height = 0.0
    for n, flowable in enumerate(flowables):
        if n:
            height += max(flowable.getSpaceBefore(), flowables[n - 1].getSpaceAfter())
        height += flowable.wrapOn(canv, width, 0xFFFFFF)[1]
    return height


def _rows(table: Table) -> int:
    """The body rows of a table (or of one part of a split table): its header repeated
    on each part is not one."""
    return len(table._cellvalues) - int(table.repeatRows)


