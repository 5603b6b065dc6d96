"""Page breaking beyond ReportLab's: what stays together, and the parallel columns.

- `KeepWithNext` (the template's keepTogetherClass): a heading, or a short Chinese paragraph,
  stays with the start of what follows, not with all of it: when the group does not fit,
  the block after the kept ones splits, and only when it cannot does the group move on;
  where that would leave more than FLOAT_SHARE of the page empty, a short Chinese paragraph
  in the group splits instead, its last lines going on with its English.
- `Floating` figures and tables (stacks.CaptionedTable) that do not fit the room left
  move after the text that follows them, or a chart and a table change places, within
  a section (`pull_text_before_float`); a chart with no text to pull (a heading follows)
  is drawn a little lower to stay (`Floating.lower`).
- `ParallelColumns`: the parallel layout's Chinese and English columns of one section
  (a heading and the text blocks after it), each flowing on by itself, their widths shared
  so that both end level (`balanced_widths`): both columns fill every page the section runs
  over. (Rows of one block each, in halves of the width, left the Chinese column half
  empty: the Chinese is about half as long as the English.)
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, KeepTogether, Paragraph
from reportlab.platypus.flowables import _listWrapOn
from reportlab.rl_config import _FUZZ

from .boxes import WholeTable
from .stacks import CaptionedTable, NotedText, _real


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
        return self._without_translation_keep(aW, aH) or super().split(aW, aH)

    def _without_translation_keep(self, aW: float, aH: float) -> list[Flowable] | None:  # noqa: N803
        """When the group would move on and leave more than FLOAT_SHARE of the frame
        empty, a short Chinese paragraph in it lets go of its English and splits itself
        (two lines at least on each side, what it keeps with before it), as a typesetter
        gives up a keep rather than leave a page a quarter empty. None: it cannot."""
        frame = getattr(self, "_frame", None)
        if frame is None or frame._atTop or aH <= FLOAT_SHARE * frame._height:
            return None
        for n, flowable in enumerate(self._content[:-1]):
            if not getattr(flowable, "keeps_translation", False):
                continue
            before = self._content[:n]
            room = aH
            if before:
                room -= _listWrapOn(before, aW, self.canv)[1] + max(
                    before[-1].getSpaceAfter(), flowable.getSpaceBefore())
            flowable.canv = self.canv
            height = flowable.wrapOn(self.canv, aW, aH)[1]
            # (lines at least go on with the English where all of it fits)
            parts = flowable.splitOn(self.canv, aW, min(room, height - 1)) if room > 0 else []
            if _real(parts):
                parts[-1].keepWithNext = 1  # its last lines go on with the English
                return [*before, *parts, *self._content[n + 1:]]
        return None


class Floating(KeepTogether):  # type: ignore[misc]  # (ReportLab is untyped)
    """A chart or picture with its caption: kept whole, and moved after the text that
    follows it when it does not fit the page and would leave it more than FLOAT_SHARE
    empty (`pull_text_before_float`), as a typesetter floats a figure. A chart has
    `redraw`: its drawing at a given height (its legend may need more)."""

    def __init__(self, flowables: list[Flowable],
                 redraw: Callable[[float], Drawing] | None = None):
        super().__init__(flowables)
        self.redraw = redraw

    def lower(self, width: float, room: float) -> Floating | None:
        """The chart drawn lower to fit `room`, when no less than LOWEST_CHART of its
        height is enough (its labels keep their size: only the plot is lower)."""
        drawing = next((f for f in self._content if isinstance(f, Drawing)), None)
        if self.redraw is None or drawing is None:
            return None
        height = drawing.height - (_whole_height(self, width) - room) - _FUZZ
        if height < LOWEST_CHART * drawing.height:
            return None
        lower = self.redraw(height)
        if lower.height > height:
            return None  # its legend is taller than that
        fitted = Floating([lower if f is drawing else f for f in self._content])
        fitted.source = getattr(self, "source", None)
        return fitted


FLOAT_SHARE = 0.2  # of the frame's height: the most a figure moving on may leave empty
LOWEST_CHART = 0.8  # of a chart's height: the least it is drawn at to stay on a page


def pull_text_before_float(flowables: list[Flowable], frame) -> None:  # type: ignore[no-untyped-def]
    """Before the next flowable is laid out, when the room left in the frame is more than
    FLOAT_SHARE of it: a Floating one that does not fit that room (or a CaptionedTable
    that cannot split there) changes places with what follows it: text (a paragraph or
    a section's columns, not a heading; a short Chinese paragraph with the English it
    keeps with), a box that fits the room or a call-out long enough to split; it fills the
    page and the figure follows. Or two figures change places (`_swap_figures`)."""
    if len(flowables) < 2 or frame is None or frame._atTop:  # (a page is all it can have)
        return
    room = frame._y - frame._y1p
    if room <= FLOAT_SHARE * frame._height:
        return
    figure = flowables[0]
    if getattr(figure, "continued", False):
        return  # the rest of a table split: it follows its first part, nothing between
    if not isinstance(figure, _FLOATS) or not _moves_on_whole(figure, frame._width, room):
        if _swap_figures(flowables, frame._width, room, FLOAT_SHARE * frame._height):
            flowables[:2] = [flowables[1], figure]
        return
    end = _text_to_pull(flowables, frame._width, room)
    if end:
        flowables[:end + 1] = [*flowables[1:end + 1], figure]
        return
    lower = figure.lower(frame._width, room) if isinstance(figure, Floating) else None
    if lower is not None:  # no text to pull (a heading follows): the chart a little lower
        flowables[0] = lower


def _text_to_pull(flowables: list[Flowable], width: float, room: float) -> int:
    """How many flowables after the first may go before it to fill `room` (0: none)."""
    if len(flowables) < 2:
        return 0
    end = 1  # the follower, and what it keeps with
    while end + 1 < len(flowables) and flowables[end].getKeepWithNext():
        end += 1
    followers = flowables[1:end + 1]
    if any(getattr(f, "outline", None) or isinstance(f, (*_FLOATS, KeepTogether))
           for f in followers):
        return 0  # a heading starts what comes after the figure: it stays after it
    last = followers[-1]
    splits = isinstance(last, (Paragraph, ParallelColumns, NotedText)) \
        or isinstance(last, WholeTable) and last.splits(width)  # a long call-out
    return end if splits or _listWrapOn(followers, width, None)[1] <= room else 0


def _swap_figures(flowables: list[Flowable], width: float, room: float,
                  share: float) -> bool:
    """Two figures (a table, a chart) in a row, the first fitting the room (or a table
    splitting there, rows held back for its last page) and the second not what it
    leaves, nor able to pull text up (a heading follows): does the second fit the room
    and the first split in what the second leaves? Then the page is filled: the second
    goes first, as a typesetter lets a chart pass a table (their float queues are
    apart) within a section."""
    first, second = flowables[:2]
    if not isinstance(first, _FLOATS) or not isinstance(second, _FLOATS):
        return False
    height = _whole_height(first, width)
    splits = height > room  # (then text after the second cannot come between the parts)
    if splits:
        height = _whole_height(first.splitOn(None, width, room)[0], width)
    left = room - height - max(first.getSpaceAfter(), second.getSpaceBefore())
    if left <= share or not _moves_on_whole(second, width, left) \
            or not splits and _text_to_pull(flowables[1:], width, left) \
            or _moves_on_whole(second, width, room):
        return False
    rest = room - _whole_height(second, width) - max(second.getSpaceAfter(),
                                                    first.getSpaceBefore())
    return rest <= share or not _moves_on_whole(first, width, rest)


def _whole_height(figure: Flowable, width: float) -> float:
    if isinstance(figure, Floating):
        return float(_listWrapOn(figure._content, width, None)[1])
    return float(figure.wrapOn(None, width, 0xFFFFFF)[1])


def _moves_on_whole(figure: Flowable, width: float, room: float) -> bool:
    """Does a figure (or a table that cannot split here) miss the room left?"""
    if isinstance(figure, Floating):
        return _whole_height(figure, width) > room
    return bool(figure.wrapOn(None, width, room)[1] > room
                and not figure.splitOn(None, width, room))


_FLOATS = (Floating, CaptionedTable)  # what moves after the text that follows it


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
    last: list[list[float]] = []  # the widths of the section before

    def flush() -> None:
        if run:
            first = run[0]
            columns = [[f for row in run for f in row.parallel_cells[k]]
                       for k in range(len(first.parallel_cells))]
            # a section of headings only (the Sources heading, a table after it) has
            # nothing to balance: its columns are where the section before had them, if
            # its headings take no more lines there than in even columns
            if all(row.parallel_heading for row in run):
                widths = first.parallel_widths
                if last and all(_listWrapOn(column, width, None)[1] <= _listWrapOn(
                        column, even, None)[1] + _FUZZ for column, width, even
                        in zip(columns, last[-1], widths, strict=True)):
                    widths = last[-1]
            else:
                widths = balanced_widths(columns, sum(first.parallel_widths))
                last.append(widths)
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
