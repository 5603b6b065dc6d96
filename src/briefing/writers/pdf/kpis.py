"""KPI cards in the PDF: a row of cards whose figures (and trends) share one size, fitted
to one line where they can be, and the small progress bar of a card with a target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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
from ...model import Bilingual, Kpi, KpiGrid, Lang
from ...theme.resolve import ResolvedBox
from .boxes import Command, WholeTable, cell_defaults, frame
from .linebreak import derived_style
from .stacks import CardRow
from .styles import FIT_FUZZ_PT, make_paragraph, scaled_to_fit, text_width

if TYPE_CHECKING:
    from .blocks import BlockRenderer

# the least a row's KPI figures are scaled to stay on one line (an English edition's
# figures start at the Chinese size: "RMB 11.25 billion" at the size of "112.5亿元"); the
# cards a row are chosen so that they stay at their label's size or larger (cards_across)
MIN_FIGURE_SHARE = 0.5
# a trend ("▲ 1.3个百分点", "▲ 1.3 percentage points") is set at its label's size, or
# smaller, as a figure is, rather than part its number from its unit
MIN_TREND_SHARE = MIN_FIGURE_SHARE
CARD_GAP_PT = 8.0  # between two cards, across and down
SPLIT_CARDS = 4  # the fewest cards of a row that may split into two rows
_SIZE_FUZZ = 0.01  # points


@dataclass(frozen=True)
class CardSizes:
    """What the cards of one KPI block are set at, in every row of it: the cards' width,
    and per language the figures' and trends' scale and the labels' style."""

    card: float
    figures: dict[Lang, float]
    trends: dict[Lang, float]
    labels: dict[Lang, ParagraphStyle]
    fits: bool  # no figure is set smaller than its card's label in its language


def kpis(renderer: BlockRenderer, block: KpiGrid) -> list[Flowable]:
    """A KPI block's cards: in one row where each figure fits its card at its label's size
    or larger, else in balanced rows of as many cards as do (a typesetter keeps the figure
    over its label, the card's headline, and reflows the grid rather than shrink it). One
    size for the figures of all rows, in each language. A row of SPLIT_CARDS or more may
    split into two rows of half as many cards (stacks.CardRow) where the page has room for
    the first of them."""
    items = block.items
    across = cards_across(renderer, block)
    if across < len(items):
        return grid_rows(renderer, block, card_sizes(renderer, block, across), across)
    row = kpi_row(renderer, items, card_sizes(renderer, block, across))
    if len(items) < SPLIT_CARDS:
        return [row]
    half = (len(items) + 1) // 2
    return [CardRow(row, lambda: grid_rows(renderer, block, card_sizes(renderer, block, half),
                                           half))]


def cards_across(renderer: BlockRenderer, block: KpiGrid) -> int:
    """The cards a row of the block holds: all of them where every figure fits its card at
    its label's size or larger, else the fewest rows' balanced count that does (4 cards
    two by two, not three and one). One a row where no count does (a figure wider than the
    text at its label's size: the widest cards; it wraps at its spaces)."""
    count = len(block.items)
    for rows in range(1, count + 1):
        across = -(-count // rows)
        if card_sizes(renderer, block, across).fits:
            return across
    return 1


def grid_rows(renderer: BlockRenderer, block: KpiGrid, sizes: CardSizes,
              across: int) -> list[Flowable]:
    """The block's cards in rows of `across`, all at `sizes`, a card gap between rows."""
    items = block.items
    rows = [kpi_row(renderer, items[i:i + across], sizes) for i in range(0, len(items), across)]
    for above, below in zip(rows, rows[1:], strict=False):
        above.spaceAfter = below.spaceBefore = CARD_GAP_PT
    return list(rows)


def card_sizes(renderer: BlockRenderer, block: KpiGrid, across: int) -> CardSizes:
    """The sizes of the block's cards set `across` a row (the whole block's texts measured,
    whatever row each card goes in)."""
    box = renderer.theme.boxes["kpi"]
    card = (renderer.width - CARD_GAP_PT * (across - 1)) / across
    inner = card - 2 * box.padding_pt
    values = [kpi.value for kpi in block.items]
    trends = [kpi.trend for kpi in block.items if kpi.trend]
    languages = renderer.languages
    needed = {lang: row_scale(renderer, "kpi_value", values, lang, inner, 0.0)
              for lang in languages}
    labels = _label_styles(renderer, block, inner)
    # (each language against its own label: the English of a gov card is set smaller
    # than its Chinese throughout, figure and label alike)
    fits = all(renderer.styles.get("kpi_value", lang).fontSize * needed[lang]
               >= labels[lang].fontSize - _SIZE_FUZZ for lang in languages
               if any(lang in kpi.value.shown(languages) for kpi in block.items))
    return CardSizes(
        card, {lang: max(needed[lang], MIN_FIGURE_SHARE) for lang in languages},
        {lang: row_scale(renderer, "kpi_label", trends, lang, inner, MIN_TREND_SHARE,
                         whole=True) for lang in languages},
        labels, fits)


def kpi_row(renderer: BlockRenderer, items: Sequence[Kpi], sizes: CardSizes) -> WholeTable:
    """A row of KPI cards at `sizes`, gaps between them, that moves to the next page whole."""
    box = renderer.theme.boxes["kpi"]
    card, inner = sizes.card, sizes.card - 2 * box.padding_pt
    cells: list[list[Flowable] | str] = []
    widths: list[float] = []
    commands: list[Command] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                             *cell_defaults(box.padding_pt, renderer.font)]

    def label(value: Bilingual[str]) -> list[Flowable]:
        return [make_paragraph(value.get(lang), sizes.labels[lang])
                for lang in value.shown(renderer.languages)]

    for i, kpi in enumerate(items):
        if i:
            cells.append("")
            widths.append(CARD_GAP_PT)
            commands += [("LEFTPADDING", (2 * i - 1, 0), (2 * i - 1, 0), 0),
                         ("RIGHTPADDING", (2 * i - 1, 0), (2 * i - 1, 0), 0)]
        trend = [p for lang in kpi.trend.shown(renderer.languages) for p in fitted(
            renderer, "kpi_label", kpi.trend.get(lang), lang, sizes.trends[lang], inner)] \
            if kpi.trend else []
        progress = (([progress_bar(kpi.fraction, inner, box)]
                     if kpi.fraction is not None else [])
                    + label(kpi.progress)) if kpi.progress else []
        figures = [p for lang in kpi.value.shown(renderer.languages) for p in fitted(
            renderer, "kpi_value", kpi.value.get(lang), lang, sizes.figures[lang], inner)]
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


def _label_styles(renderer: BlockRenderer, block: KpiGrid,
                  width: float) -> dict[Lang, ParagraphStyle]:
    """The style of the cards' labels in each language, set smaller alike where a phrase
    kept whole ("RMB 100 million") is wider than a card."""
    texts = [t for kpi in block.items for t in (kpi.progress, kpi.label) if t]  # (trends:
    # fitted as the figures are)
    styles = {}
    for lang in renderer.languages:
        style = renderer.styles.get("kpi_label", lang)
        pieces = [] if lang.startswith("zh") else [
            w for t in texts for w in english_for_breaking(t.get(lang)).split(" ")]
        styles[lang] = scaled_to_fit(style, pieces, width)
    return styles


def progress_bar(fraction: float, width: float, box: ResolvedBox) -> Drawing:
    """A KPI card's small bar: the share of the target reached (full past it)."""
    height = 4.0
    color = HexColor(box.band_color or box.border_color or "#1F4E79")
    drawing = Drawing(width, height + 3)
    drawing.add(Rect(0, 1.5, width, height, fillColor=HexColor("#E3E7EC"), strokeColor=None))
    drawing.add(Rect(0, 1.5, width * max(0.0, min(fraction, 1.0)), height, fillColor=color,
                     strokeColor=None))
    return drawing
