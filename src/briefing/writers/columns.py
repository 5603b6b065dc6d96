"""Table column widths and the table's type size, one rule for both writers: figure and
date columns as wide as their widest cell, the text columns sharing what is left by their
shares (model.Column.share), each keeping its widest unbreakable piece. A figure column is
never narrower than its widest piece (a number with its unit, a date, a header word): where
the figures and a text column of MIN_TEXT cannot fit at the theme's size, the whole table
(labels, headers, figures, both languages alike) is set smaller, down to MIN_SCALE, as a
typesetter sets a wide table a size down rather than figures at 70% beside full-size labels.
Of the widths between each figure column's least and its one-line width, the table takes
those whose rows are lowest: a long cell ("▲ 3.4 percentage points") wraps at its spaces
rather than squeeze the labels into hyphenation. The writers measure (`Measure`: the PDF
with ReportLab, the DOCX with font_metrics) and give the height of the rows at candidate
widths and scale."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..clreq import (
    NO_BREAK_SPACE,
    english_for_breaking,
    glue_number_phrases,
    trend_unit_break,
)
from ..model import FigureTable, Lang

Measure = Callable[[str, str, Lang], float]  # text, style role, language -> width on one line

FITTED_ROLES = frozenset({"table_number", "table_date"})  # cell roles sized to content
KEPT_WHOLE_ROLES = frozenset({"table_date"})  # never wrapped while the table has room
MAX_FITTED = 0.4  # of the table's width: a longer figure wraps
MIN_TEXT = 0.25   # of the table's width: what a text column keeps before figures wrap
LEAST_TEXT = 0.15  # of the table's width: the least a text column keeps before dates wrap
MIN_SCALE = 0.7  # the least a table's type is scaled to keep its figures whole
SLACK_PT = 1.0  # a figure column's beyond its text: a line filled to the point wraps
_ROUNDING = 1e-6  # points: widths summed to the width exactly are not over it
EASING = (1.0, 0.75, 0.5, 0.25, 0.0)  # of the way from a figure column's least to its natural


@dataclass(frozen=True)
class Fit:
    """A column sized to its content: its widest cell on one line, and the least it may be
    narrowed to (its widest word; the whole cell for a date). Padding included."""

    natural: float
    least: float


def eased(fits: Sequence[Fit | None], keep: float) -> list[Fit | None]:
    """The fits with natural widths taken `keep` of the way from their least (0) to their
    natural width (1): candidates of which the table takes the one whose rows are lowest."""
    return [Fit(f.least + keep * (f.natural - f.least), f.least) if f else None for f in fits]


def fit_widths(shares: Sequence[float], fits: Sequence[Fit | None],
               width: float, kept: Sequence[float] = (), padding: float = 0.0) -> list[float]:
    """Widths of columns: a fitted column gets its natural width, up to MAX_FITTED of
    `width` (not below its least while the text columns keep MIN_TEXT); the others share
    the rest in proportion to their `shares`, each keeping at least MIN_TEXT of `width` (or
    its widest piece, `kept`). When that is short the fitted columns give up width down to
    their least, in proportion to what they can give; then the text columns, down to
    LEAST_TEXT (or what `kept` says a text column keeps: its widest unbreakable phrase);
    then the fitted columns' text (less their `padding`) shrinks alike (a table cramped
    below MIN_SCALE)."""
    least_text = [max(LEAST_TEXT * width, kept[i] if i < len(kept) else 0.0)
                  for i, f in enumerate(fits) if f is None]
    text_shares = [s for s, f in zip(shares, fits, strict=True) if f is None]
    need = sum(max(MIN_TEXT * width, least) for least in least_text)
    cap = [max(MAX_FITTED * width, min(f.least, width - need)) if f else 0.0 for f in fits]
    fitted = [min(f.natural, c) if f else None for f, c in zip(fits, cap, strict=True)]
    used = sum(n for n in fitted if n is not None)
    if used + need > width + _ROUNDING:
        slack = [max(n - min(f.least, n), 0.0) if f and n is not None else 0.0
                 for f, n in zip(fits, fitted, strict=True)]
        give = min(used + need - width, sum(slack))
        total = sum(slack) or 1.0
        fitted = [n - give * s / total if n is not None else None
                  for n, s in zip(fitted, slack, strict=True)]
        used = sum(n for n in fitted if n is not None)
    if used + need > width + _ROUNDING:  # text columns give up room, down to LEAST_TEXT each
        need = max(width - used, sum(least_text))
    if used + need > width + _ROUNDING:  # still too wide: shrink the fitted columns' text alike
        pads = padding * sum(n is not None for n in fitted)
        scale = max(width - need - pads, 0.0) / (used - pads) if used > pads else 0.0
        fitted = [padding + (n - padding) * scale if n is not None else None for n in fitted]
        used = sum(n for n in fitted if n is not None)
    if not text_shares:
        return [(n or 0.0) * width / (used or 1.0) for n in fitted]
    rest = width - used
    texts = iter(_shared(rest, text_shares, least_text))
    return [n if n is not None else next(texts) for n in fitted]


def _shared(rest: float, shares: Sequence[float], least: Sequence[float]) -> list[float]:
    """`rest` shared by the text columns in proportion to their shares, a column below its
    least raised to it at the expense of the others (down to their least)."""
    total = sum(shares)
    widths = [rest * s / total for s in shares]
    short = sum(max(lo - w, 0.0) for w, lo in zip(widths, least, strict=True))
    spare = sum(max(w - lo, 0.0) for w, lo in zip(widths, least, strict=True))
    if not short or not spare:
        return widths
    take = min(short, spare) / spare
    return [lo if w < lo else w - (w - lo) * take for w, lo in zip(widths, least, strict=True)]


@dataclass(frozen=True)
class TableLayout:
    """A table's column widths (points, padding included) and the scale of its type: each
    style's size times `scale` (1: the theme's sizes)."""

    widths: list[float]
    scale: float


Height = Callable[[list[float], float], float]  # widths, scale -> the height of the rows


def table_layout(block: FigureTable, languages: tuple[Lang, ...], measure: Measure,
                 padding: float, width: float, height: Height) -> TableLayout:
    """The table's type scale (table_scale) and, of the candidate widths at it (each
    figure column eased from its one-line width down to its widest piece, the text
    columns sharing the rest by their shares or alike), the ones whose rows are lowest
    (`height`); the first of equals, the one-line widths first."""
    fits, kept = column_fits(block, languages, measure)
    scale = table_scale(fits, kept, width, padding)
    pad = 2 * padding
    slack = pad + SLACK_PT
    scaled = [Fit(f.natural * scale + slack, f.least * scale + slack) if f else None
              for f in fits]
    kept = [k * scale + pad if f is None else 0.0 for f, k in zip(fits, kept, strict=True)]
    shares = [c.share for c in block.columns]
    equal = [1.0 if fit is None else share for fit, share in zip(fits, shares, strict=True)]
    easy = any(f and f.natural > f.least for f in scaled)
    candidates: list[list[float]] = []
    for keep in EASING if easy else (1.0,):
        for text_shares in (shares, equal):
            widths = fit_widths(text_shares, eased(scaled, keep), width, kept, pad)
            if widths not in candidates:
                candidates.append(widths)
    return TableLayout(min(candidates, key=lambda widths: height(widths, scale)), scale)


def column_fits(block: FigureTable, languages: tuple[Lang, ...],
                measure: Measure) -> tuple[list[Fit | None], list[float]]:
    """Each column's Fit at the theme's sizes, padding not included (None for a text
    column), and each text column's widest piece (0 for a figure column)."""
    fits: list[Fit | None] = []
    kept: list[float] = []
    for column, header in zip(block.columns, block.header, strict=True):
        natural = least = 0.0
        for role, value in [(column.header_role, header)] + [
                (column.cell_role, row.get(column.field)) for row in block.rows]:
            for lang in value.shown(languages):
                text = value.get(lang)
                natural = max(natural, measure(text, role, lang))
                least = max([least] + [measure(w, role, lang) for w in pieces(text, lang, role)])
        fitted = column.cell_role in FITTED_ROLES
        fits.append(Fit(natural, least) if fitted else None)
        kept.append(0.0 if fitted else least)
    return fits, kept


def table_scale(fits: Sequence[Fit | None], kept: Sequence[float], width: float,
                padding: float) -> float:
    """The largest scale (1 at most, MIN_SCALE at least) of the table's type at which every
    figure column keeps its widest piece and each text column MIN_TEXT of `width` (or its
    own widest piece): `fits` and `kept` as column_fits gives them, at scale 1."""
    def need(scale: float) -> float:
        return sum(f.least * scale + 2 * padding + SLACK_PT if f else
                   max(MIN_TEXT * width, k * scale + 2 * padding)
                   for f, k in zip(fits, kept, strict=True))

    if need(1.0) <= width:
        return 1.0
    if need(MIN_SCALE) > width:
        return MIN_SCALE
    low, high = MIN_SCALE, 1.0
    for _ in range(20):  # need() grows with the scale: the largest that fits, by halving
        middle = (low + high) / 2
        low, high = (middle, high) if need(middle) <= width else (low, middle)
    return low


HEADER_ROLES = frozenset({"table_header", "table_header_number"})
_NUMBER_WORD = re.compile(r"(\d[\d.,%]*) (?=[^\W\d])")
# a trend in Chinese may break between its number and its unit (clreq.break_lines)
_ZH_TREND_UNIT = re.compile(r"([▲▼△▽]\u00a0?\d[\d.,]*)(?=[^\W\d])")


def pieces(text: str, lang: str, role: str) -> list[str]:
    """The pieces of a cell's text the line breaker keeps whole: a date is one piece; a
    header its words (a Chinese header whole: "完成率", never "完成|率"); a figure its glued
    phrases (a number with its currency, scale word and unit), a trend parting from its
    unit ("▲ 3.4 | percentage points", "▲ 3.4 | 个百分点"); English text at its spaces
    where its figures' glue allows (clreq.english_for_breaking); Chinese text anywhere
    clreq allows (no piece to keep: [])."""
    if role in KEPT_WHOLE_ROLES:
        return [text]
    if role in HEADER_ROLES:
        return text.split()
    if lang.startswith("zh"):
        if role not in FITTED_ROLES:
            return []
        return _ZH_TREND_UNIT.sub(r"\1 ", glue_number_phrases(text)).split(" ")
    glued = english_for_breaking(text)
    if role not in FITTED_ROLES:
        return glued.split(" ")
    # a number keeps the word after it ("5,500 people", "2 projects", "7 counties")
    return trend_unit_break(_NUMBER_WORD.sub(f"\\1{NO_BREAK_SPACE}", glued)).split(" ")
