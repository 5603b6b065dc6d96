"""KPI cards in the PDF: a row of cards, each figure fitted to one line in every
language, and the small progress bar of a card with a target."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, TableStyle

from ...clreq import english_for_breaking
from ...model import Bilingual, KpiGrid
from ...theme.resolve import ResolvedBox
from .boxes import Command, WholeTable, cell_defaults, frame
from .styles import make_paragraph, scaled_to_fit

if TYPE_CHECKING:
    from .blocks import BlockRenderer

def kpis(renderer: BlockRenderer, block: KpiGrid) -> list[Flowable]:
    """A row of KPI cards, gaps between them, that moves to the next page whole."""
    box = renderer.theme.boxes["kpi"]
    gap = 8.0
    count = len(block.items)
    card = (renderer.width - gap * (count - 1)) / count
    cells: list[list[Flowable] | str] = []
    widths: list[float] = []
    commands: list[Command] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                             *cell_defaults(box.padding_pt, renderer.font)]
    label = _labels(renderer, block, card - 2 * box.padding_pt)
    for i, kpi in enumerate(block.items):
        if i:
            cells.append("")
            widths.append(gap)
            commands += [("LEFTPADDING", (2 * i - 1, 0), (2 * i - 1, 0), 0),
                         ("RIGHTPADDING", (2 * i - 1, 0), (2 * i - 1, 0), 0)]
        trend = label(kpi.trend) if kpi.trend else []
        progress = (([progress_bar(kpi.fraction, card - 2 * box.padding_pt, box)]
                     if kpi.fraction is not None else [])
                    + label(kpi.progress)) if kpi.progress else []
        # every card has a line per language, 24.1% too: the cards of a row match
        cells.append(figures(renderer, kpi.value, card - 2 * box.padding_pt) + trend +
                     progress + label(kpi.label))
        widths.append(card)
        commands += frame(box, (2 * i, 0), (2 * i, 0), band_side="LINEABOVE")
    table = WholeTable([cells], colWidths=widths, hAlign="LEFT",
                       spaceBefore=box.space_before_pt, spaceAfter=box.space_after_pt,
                       page_height=renderer.page_height)
    table.setStyle(TableStyle(commands))
    return [table]

def figures(renderer: BlockRenderer, value: Bilingual[str], width: float) -> list[Flowable]:
    """A KPI card's figure in each language, on one line: set smaller (down to
    MIN_FIT_SHARE of its size) rather than broken between a number and its unit.
    Every language, 24.1% too: the cards of a row match."""
    return [make_paragraph(value.get(lang), scaled_to_fit(
                renderer.styles.get("kpi_value", lang), [value.get(lang)], width))
            for lang in renderer.languages]


def _labels(renderer: BlockRenderer, block: KpiGrid,
            width: float) -> Callable[[Bilingual[str]], list[Flowable]]:
    """The cards' label paragraphs, each language set smaller alike where a phrase kept
    whole ("RMB 100 million") is wider than a card."""
    texts = [t for kpi in block.items for t in (kpi.trend, kpi.progress, kpi.label) if t]
    styles = {}
    for lang in renderer.languages:
        style = renderer.styles.get("kpi_label", lang)
        pieces = [] if lang.startswith("zh") else [
            w for t in texts for w in english_for_breaking(t.get(lang)).split(" ")]
        styles[lang] = scaled_to_fit(style, pieces, width)
    return lambda value: [make_paragraph(value.get(lang), styles[lang])
                          for lang in value.shown(renderer.languages)]


def progress_bar(fraction: float, width: float, box: ResolvedBox) -> Drawing:
    """A KPI card's small bar: the share of the target reached (full past it)."""
    height = 4.0
    color = HexColor(box.band_color or box.border_color or "#1F4E79")
    drawing = Drawing(width, height + 3)
    drawing.add(Rect(0, 1.5, width, height, fillColor=HexColor("#E3E7EC"), strokeColor=None))
    drawing.add(Rect(0, 1.5, width * max(0.0, min(fraction, 1.0)), height, fillColor=color,
                     strokeColor=None))
    return drawing
