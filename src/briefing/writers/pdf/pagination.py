"""Page breaking beyond ReportLab's: what stays together, and the parallel columns.

- `KeepWithNext` (the template's keepTogetherClass): a heading, or a short Chinese paragraph,
  stays with the start of what follows, not with all of it: when the group does not fit,
  the block after the kept ones splits, and only when it cannot does the group move on.
- `CaptionedTable`: a table's caption stays with its first rows, its source note with
  its last rows.
- `ParallelColumns`: the parallel layout's Chinese and English columns of one section
  (a heading and the text blocks after it), each flowing on by itself, their widths shared
  so that both end level (`balanced_widths`): both columns fill every page the section runs
  over. (Rows of one block each, in halves of the width, left the Chinese column half
  empty: the Chinese is about half as long as the English.)
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table
from reportlab.platypus.flowables import _listWrapOn
from reportlab.rl_config import _FUZZ

from .boxes import WholeTable


def _real(parts: list) -> bool:  # type: ignore[type-arg]
    """A split that put something on this page (not a frame break and the whole)."""
    return len(parts) >= 2 and not hasattr(parts[0], "frameAction")


class KeepWithNext(KeepTogether):  # type: ignore[misc]  # (ReportLab is untyped)
    """The flowables marked keepWithNext, then the one they keep with."""

    def split(self, aW, aH):  # type: ignore[no-untyped-def]  # noqa: N803
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        kept, last = self._content[:-1], self._content[-1]
        if aH + _FUZZ >= self._H:
            return list(self._content)
        if kept and not hasattr(last, "frameAction"):
            _, height = _listWrapOn(kept, aW, self.canv)
            room = aH - height - max(kept[-1].getSpaceAfter(), last.getSpaceBefore())
            if room > 0:
                last.canv = self.canv
                parts = last.splitOn(self.canv, aW, room)
                if _real(parts):
                    return [*kept, *parts]
        return super().split(aW, aH)


class Floating(KeepTogether):  # type: ignore[misc]  # (ReportLab is untyped)
    """A chart or picture with its caption: kept whole, and moved after the text that
    follows it when it does not fit the page and would leave it more than FLOAT_SHARE
    empty (`pull_text_before_float`), as a typesetter floats a figure."""


FLOAT_SHARE = 0.2  # of the frame's height: the most a figure moving on may leave empty


def pull_text_before_float(flowables: list[Flowable], frame) -> None:  # type: ignore[no-untyped-def]
    """Before the next flowable is laid out: a Floating one that does not fit the room
    left in the frame (or a CaptionedTable that cannot split there), when that room is
    more than FLOAT_SHARE of it, changes places with what follows it: text (a paragraph or
    a section's columns, not a heading; a short Chinese paragraph with the English it
    keeps with), a box that fits the room or a call-out long enough to split; it fills the
    page and the figure follows."""
    if len(flowables) < 2 or frame is None or not isinstance(flowables[0], _FLOATS) \
            or frame._atTop:  # (a page is all it can have)
        return
    figure = flowables[0]
    end = 1  # the follower, and what it keeps with
    while end + 1 < len(flowables) and flowables[end].getKeepWithNext():
        end += 1
    followers = flowables[1:end + 1]
    if any(getattr(f, "outline", None) or isinstance(f, (*_FLOATS, KeepTogether))
           for f in followers):
        return  # a heading starts what comes after the figure: it stays after it
    room = frame._y - frame._y1p
    if room <= FLOAT_SHARE * frame._height or not _moves_on_whole(figure, frame._width, room):
        return
    last = followers[-1]
    splits = isinstance(last, (Paragraph, ParallelColumns)) \
        or isinstance(last, WholeTable) and last.splits(frame._width)  # a long call-out
    if splits or _listWrapOn(followers, frame._width, None)[1] <= room:  # text, or a box
        flowables[:end + 1] = [*followers, figure]


MIN_ROWS = 1  # the fewest rows of a table a page holds under its caption


def _moves_on_whole(figure: Flowable, width: float, room: float) -> bool:
    """Does a figure (or a table that cannot split here) miss the room left?"""
    if isinstance(figure, Floating):
        return bool(_listWrapOn(figure._content, width, None)[1] > room)
    return bool(figure.wrapOn(None, width, room)[1] > room
                and not figure.splitOn(None, width, room))


class CaptionedTable(Flowable):  # type: ignore[misc]  # (ReportLab is untyped)
    """A table with its caption above and its source note below, split only where a reader
    accepts it: the caption never ends a page (it goes with the header and at least
    MIN_ROWS rows, or the table moves on whole), the note never starts one (it goes with
    the last rows; a part after a page break holds at least a row: ReportLab's split).
    One flowable, not a container, so that a heading before it keeps with it (ReportLab
    keeps no container with a heading)."""

    def __init__(self, caption: list[Flowable], table: Table, note: list[Flowable]):
        super().__init__()
        self.caption, self.table, self.note = caption, table, note
        self.parts: list[Flowable] = [*caption, table, *note]
        self.spaceBefore = self.parts[0].getSpaceBefore()
        self.spaceAfter = self.parts[-1].getSpaceAfter()

    def wrap(self, availWidth, availHeight):  # type: ignore[no-untyped-def]  # noqa: N803
        self.width, self.height = availWidth, _stacked_height(self.parts, availWidth, self.canv)
        return self.width, self.height

    def split(self, availWidth, availHeight):  # type: ignore[no-untyped-def]  # noqa: N803
        self.wrap(availWidth, availHeight)  # type: ignore[no-untyped-call]
        table_height = self.table.wrapOn(self.canv, availWidth, 0xFFFFFF)[1]
        above = _stacked_height([*self.caption, self.table], availWidth, self.canv) \
            - table_height
        room = availHeight - above
        parts = self.table.splitOn(self.canv, availWidth, room) if room > 0 else []
        if len(parts) == 1 and self.note:  # the table fits, its note does not
            below = self.height - above - table_height
            parts = self.table.splitOn(self.canv, availWidth, room - below)
        if len(parts) < 2 or _rows(parts[0]) < MIN_ROWS:
            frame = getattr(self, "_frame", None)
            if frame is not None and frame._atTop:
                # not even a new page holds the caption and a row, or the last row and
                # the note (a theme of huge leading): the parts go on as they can
                return [*self.caption, self.table, *self.note]
            return []  # moves on whole
        return [CaptionedTable(self.caption, parts[0], []),
                CaptionedTable([], parts[-1], self.note)]

    def draw(self) -> None:
        y = self.height
        for n, flowable in enumerate(self.parts):
            if n:
                y -= max(flowable.getSpaceBefore(), self.parts[n - 1].getSpaceAfter())
            _, height = flowable.wrapOn(self.canv, self.width, 0xFFFFFF)
            y -= height
            flowable.drawOn(self.canv, 0, y)


_FLOATS = (Floating, CaptionedTable)  # what moves after the text that follows it


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


class ParallelColumns(Flowable):  # type: ignore[misc]  # (ReportLab is untyped)
    """Columns of flowables side by side, level at the top, each split by itself."""

    def __init__(self, columns: list[list[Flowable]], widths: list[float],
                 gaps: list[float]):
        super().__init__()
        self.columns, self.widths, self.gaps = columns, widths, gaps
        firsts = [column[0] for column in columns if column]
        self.spaceBefore = max((f.getSpaceBefore() for f in firsts), default=0)
        lasts = [column[-1] for column in columns if column]
        self.spaceAfter = max((f.getSpaceAfter() for f in lasts), default=0)
        # a section of headings only (a figure box follows) keeps with what follows
        self.keepWithNext = int(bool(lasts) and all(f.getKeepWithNext()
                                                    for f in lasts))

    def wrap(self, availWidth, availHeight):  # type: ignore[no-untyped-def]  # noqa: N803
        self.heights = [_listWrapOn(column, width, self.canv)[1] if column else 0.0
                        for column, width in zip(self.columns, self.widths, strict=True)]
        self.width, self.height = availWidth, max(self.heights, default=0.0)
        return self.width, self.height

    def split(self, availWidth, availHeight):  # type: ignore[no-untyped-def]  # noqa: N803
        heads, tails = [], []
        for column, width in zip(self.columns, self.widths, strict=True):
            head, tail = _split_column(column, width, availHeight, self.canv)
            heads.append(head)
            tails.append(tail)
        if not any(heads) or not any(tails):
            return []  # nothing fits (or all does): the whole moves on
        first = ParallelColumns(heads, self.widths, self.gaps)
        if getattr(self, "outline", None):
            first.outline = self.outline  # the bookmark goes where the heading is drawn
        return [first, ParallelColumns(tails, self.widths, self.gaps)]

    def draw(self) -> None:
        x = 0.0
        for column, width, gap in zip(self.columns, self.widths, self.gaps, strict=True):
            y = self.height
            for n, flowable in enumerate(column):
                if n:
                    y -= max(flowable.getSpaceBefore(), column[n - 1].getSpaceAfter())
                _, height = flowable.wrapOn(self.canv, width, 0xFFFFFF)
                y -= height
                flowable.drawOn(self.canv, x, y)
            x += width + gap


def _split_column(column: list[Flowable], width: float, height: float,
                  canv: object) -> tuple[list[Flowable], list[Flowable]]:
    """What of a column fits `height` and what goes on; a heading (keepWithNext) never ends
    the part that fits."""
    head: list[Flowable] = []
    room = height
    for n, flowable in enumerate(column):
        if n:
            room -= max(flowable.getSpaceBefore(), column[n - 1].getSpaceAfter())
        _, needed = flowable.wrapOn(canv, width, room)
        if needed <= room + _FUZZ:
            head.append(flowable)
            room -= needed
            continue
        parts = flowable.splitOn(canv, width, room) if room > 0 else []
        if _real(parts):
            head.append(parts[0])
            rest = [*parts[1:], *column[n + 1:]]
        else:
            rest = list(column[n:])
        while head and head[-1].getKeepWithNext():
            rest.insert(0, head.pop())
        return head, rest
    return head, []


BALANCE_RANGE = (0.3, 0.7)  # the share of the width a column may get when balanced


def balanced_widths(columns: list[list[Flowable]], width: float) -> list[float]:
    """Widths of two columns that make them end level (within a line or so): the column
    with more to say gets more of the width, between BALANCE_RANGE of it."""
    if len(columns) != 2 or not all(columns):
        return [width / len(columns)] * len(columns)

    def heights(share: float) -> tuple[float, float]:
        left, right = share * width, (1 - share) * width
        return (_listWrapOn(columns[0], left, None)[1], _listWrapOn(columns[1], right, None)[1])

    low, high = BALANCE_RANGE
    for _ in range(10):  # the left column grows shorter as it widens: bisect
        middle = (low + high) / 2
        left, right = heights(middle)
        if left > right:
            low = middle
        else:
            high = middle
    share = min((low, high), key=lambda x: max(heights(x)))  # lines come in steps
    return [share * width, (1 - share) * width]


def parallel_sections(story: list[Flowable]) -> list[Flowable]:
    """The story with each run of parallel rows (tagged `parallel_cells` by the block
    renderer) from one heading to the next made one ParallelColumns."""
    out: list[Flowable] = []
    run: list[Flowable] = []

    def flush() -> None:
        if run:
            first = run[0]
            columns = [[f for row in run for f in row.parallel_cells[k]]
                       for k in range(len(first.parallel_cells))]
            widths = balanced_widths(columns, sum(first.parallel_widths))
            section = ParallelColumns(columns, widths, first.parallel_gaps)
            section.source = first.source
            outline = next((f.outline for f in columns[0] if getattr(f, "outline", None)), None)
            if outline:
                section.outline = outline
            out.append(section)
            run.clear()

    for flowable in story:
        cells = getattr(flowable, "parallel_cells", None)
        if cells is None or getattr(flowable, "parallel_heading", False):
            flush()
        if cells is None:
            out.append(flowable)
        else:
            run.append(flowable)
    flush()
    return out
