"""KPI cards in the PDF: a row of cards whose figures (and trends) share one size, fitted
to one line where they can be, and the small progress bar of a card with a target."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, TableStyle

from ...clreq import (
    NO_BREAK_SPACE,
    PREFIX_MARKS,
    breakable_glue,
    clusters,
    english_for_breaking,
    loosen_no_break_spaces,
)
from ...model import Bilingual, KpiGrid, Lang
from ...theme.resolve import ResolvedBox
from .boxes import Command, WholeTable, cell_defaults, frame
from .linebreak import derived_style
from .stacks import CardRow
from .styles import FIT_FUZZ_PT, make_paragraph, scaled_to_fit, text_width

if TYPE_CHECKING:
    from .blocks import BlockRenderer

# the least a row's KPI figures are scaled to stay on one line: an English edition's
# figures start at the Chinese size ("RMB 11.25 billion" at the size of "112.5亿元")
MIN_FIGURE_SHARE = 0.5
# a trend ("▲ 1.3个百分点", "▲ 1.3 percentage points") is set at its label's size, or
# smaller, as a figure is, rather than part its number from its unit
MIN_TREND_SHARE = MIN_FIGURE_SHARE


def kpis(renderer: BlockRenderer, block: KpiGrid) -> list[Flowable]:
    """A row of KPI cards; one of SPLIT_CARDS or more may split into two rows of half as
    many cards (stacks.CardRow) where the page has room for the first of them."""
    row = kpi_row(renderer, block)
    if len(block.items) < SPLIT_CARDS:
        return [row]
    half = (len(block.items) + 1) // 2
    return [CardRow(row, lambda: [kpi_row(renderer, replace(block, items=items), half)
                                  for items in (block.items[:half], block.items[half:])])]


SPLIT_CARDS = 4  # the fewest cards of a row that may split into two rows


def kpi_row(renderer: BlockRenderer, block: KpiGrid, columns: int = 0) -> WholeTable:
    """A row of KPI cards, gaps between them, that moves to the next page whole; its cards
    as wide as `columns` of them across the text (all of them unless set)."""
    box = renderer.theme.boxes["kpi"]
    gap = 8.0
    count = columns or len(block.items)
    card = (renderer.width - gap * (count - 1)) / count
    inner = card - 2 * box.padding_pt
    values = [kpi.value for kpi in block.items]
    trends = [kpi.trend for kpi in block.items if kpi.trend]
    scales = {lang: row_scale(renderer, "kpi_value", values, lang, inner, MIN_FIGURE_SHARE)
              for lang in renderer.languages}
    trend_scales = {lang: row_scale(renderer, "kpi_label", trends, lang, inner,
                                    MIN_TREND_SHARE, whole=True)
                    for lang in renderer.languages}
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
        trend = [p for lang in kpi.trend.shown(renderer.languages) for p in fitted(
            renderer, "kpi_label", kpi.trend.get(lang), lang, trend_scales[lang], inner)] \
            if kpi.trend else []
        progress = (([progress_bar(kpi.fraction, card - 2 * box.padding_pt, box)]
                     if kpi.fraction is not None else [])
                    + label(kpi.progress)) if kpi.progress else []
        figures = [p for lang in kpi.value.shown(renderer.languages) for p in fitted(
            renderer, "kpi_value", kpi.value.get(lang), lang, scales[lang], inner)]
        cells.append(figures + trend + progress + label(kpi.label))
        widths.append(card)
        commands += frame(box, (2 * i, 0), (2 * i, 0), band_side="LINEABOVE")
    table = WholeTable([cells], colWidths=widths, hAlign="LEFT",
                       spaceBefore=box.space_before_pt, spaceAfter=box.space_after_pt,
                       page_height=renderer.page_height)
    table.setStyle(TableStyle(commands))
    return table


def row_scale(renderer: BlockRenderer, role: str, texts: list[Bilingual[str]], lang: Lang,
              width: float, least: float, whole: bool = False) -> float:
    """One size for the figures (or trends) of a row in a language: the largest (up to the
    style's own, down to `least` of it) at which each one that cannot break where a reader
    accepts it ("113.1亿元", "RMB 11.25 billion": a number and its unit; a trend, `whole`)
    fits on one line. A phrase ("3rd of 9 counties and districts of the city") wraps. A
    trend is given a little room (FIT_FUZZ_PT): it has no line to wrap to."""
    style = renderer.styles.get(role, lang)
    room = width - FIT_FUZZ_PT if whole else width
    shares = [room / _width(text.get(lang), style) for text in texts
              if lang in text.shown(renderer.languages) and text.get(lang)
              and (whole or _whole(text.get(lang), lang))]
    return max(min(shares + [1.0]), least)


def _whole(text: str, lang: Lang) -> bool:
    """Does the figure hold no break a reader accepts (clreq.py)?"""
    if lang == "zh":
        return len(clusters(text)) == 1
    return " " not in loosen_no_break_spaces(text)


def _width(text: str, style: ParagraphStyle) -> float:
    return text_width(text.replace(NO_BREAK_SPACE, " "), style)  # (as a space's width)


def fitted(renderer: BlockRenderer, role: str, text: str, lang: Lang, scale: float,
           width: float) -> list[Flowable]:
    """A KPI figure or trend at its row's scale. One too long for its card even at the
    least scale wraps at its spaces rather than run out of the card; a trend only at those
    away from its number, each part a line of its own ("▲ 1.3 percentage", then "points"):
    a glued phrase drawn in two fonts (the ▲ is the fallback's) would break between them."""
    style = renderer.styles.get(role, lang)
    if scale != 1.0:
        style = derived_style(style, f"{style.name} {scale:.3f}",
                              fontSize=style.fontSize * scale, leading=style.leading * scale)
    if _width(text, style) <= width:
        return [make_paragraph(text, style)]
    if text[:1] in PREFIX_MARKS and lang != "zh":
        return [make_paragraph(part, style) for part in loosen_no_break_spaces(text).split(" ")]
    return [make_paragraph(breakable_glue(text), style)]


def _labels(renderer: BlockRenderer, block: KpiGrid,
            width: float) -> Callable[[Bilingual[str]], list[Flowable]]:
    """The cards' label paragraphs, each language set smaller alike where a phrase kept
    whole ("RMB 100 million") is wider than a card."""
    texts = [t for kpi in block.items for t in (kpi.progress, kpi.label) if t]  # (trends:
    # fitted as the figures are)
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
