"""The table forms the PDF's boxes are built of: a one-row table that moves on whole,
and the TableStyle commands for a box's cells (padding, font) and frame (background,
border, band)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Table, TableStyle

from ...theme.resolve import ResolvedBox

Command = tuple[Any, ...]  # of a TableStyle: (name, first cell, last cell, *values)


class WholeTable(Table):  # type: ignore[misc]  # (ReportLab is untyped)
    """A one-row box (call-out, KPI row, a parallel block) that moves to the next page whole,
    and splits inside its row (all cells flowing on together, the frame drawn around each
    part) only when taller than `split_share` of a page (a whole page unless set)."""

    def __init__(self, *args: Any, page_height: float = 0.0, split_share: float = 1.0,
                 **kwargs: Any) -> None:
        kwargs.setdefault("splitInRow", 1)
        super().__init__(*args, **kwargs)
        # the pieces of a split (made by Table.split) have 0: they split as they must
        self.page_height, self.split_share = page_height, split_share

    def splits(self, width: float) -> bool:
        """May the box split (is it taller than its share of a page)?"""
        self.wrapOn(None, width, self.page_height)
        return bool(self._height > self.page_height * self.split_share)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if self._height <= self.page_height * self.split_share:
            return []
        # a cell centred in a row taller than the room would start in the second part (a
        # call-out's figure away from its text): split at the top
        self.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        pieces: list[Flowable] = super().split(availWidth, availHeight)
        return pieces


def cell_defaults(points: float, font: str) -> list[Command]:
    """Padding, and our font for the cells' own text: a Table's default is Helvetica, which
    would put an unembedded font into the PDF."""
    return [("FONTNAME", (0, 0), (-1, -1), font)] + [
        (side, (0, 0), (-1, -1), points)
        for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]


def frame(box: ResolvedBox, start: tuple[int, int] = (0, 0), end: tuple[int, int] = (-1, -1),
           band_side: str = "LINEBEFORE") -> list[Command]:
    """A box's background, border and band (on the side `band_side`) over start..end."""
    commands: list[Command] = []
    if box.background:
        commands.append(("BACKGROUND", start, end, HexColor(box.background)))
    if box.border_color and box.border_width_pt:
        commands.append(("BOX", start, end, box.border_width_pt, HexColor(box.border_color)))
    if box.band_color and box.band_width_pt:
        commands.append((band_side, start, start if band_side == "LINEBEFORE" else end,
                         box.band_width_pt, HexColor(box.band_color)))
    return commands
