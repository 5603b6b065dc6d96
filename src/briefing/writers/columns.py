"""Table column widths, one rule for both writers: figure and date columns as wide as
their widest cell, the text columns sharing what is left by their shares
(model.Column.share), each keeping its widest unbreakable piece; a table too narrow for
that takes the candidate widths that make it shortest. The writers measure (`Measure`:
the PDF with ReportLab, the DOCX with font_metrics) and give the height of the rows at
candidate widths."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..clreq import english_for_breaking, glue_number_phrases
from ..model import FigureTable, Lang

Measure = Callable[[str, str, Lang], float]  # text, style role, language -> width on one line
Pieces = Callable[[str, str, str], list[str]]  # text, language, role -> what stays whole

FITTED_ROLES = frozenset({"table_number", "table_date"})  # cell roles sized to content
KEPT_WHOLE_ROLES = frozenset({"table_date"})  # never wrapped while the table has room
MAX_FITTED = 0.4  # of the table's width: a longer figure wraps
MIN_TEXT = 0.25   # of the table's width: what a text column keeps before figures wrap
LEAST_TEXT = 0.15  # of the table's width: the least a text column keeps before dates wrap


@dataclass(frozen=True)
class Fit:
    """A column sized to its content: its widest cell on one line, and the least it may be
    narrowed to (its widest word; the whole cell for a date). Padding included."""

    natural: float
    least: float


def cramped(fits: Sequence[Fit | None], width: float) -> bool:
    """Do the fitted columns at their natural widths leave the text columns short?"""
    used = sum(min(f.natural, MAX_FITTED * width) for f in fits if f)
    return used + MIN_TEXT * width * sum(f is None for f in fits) > width


def eased(fits: Sequence[Fit | None], keep: float) -> list[Fit | None]:
    """The fits with natural widths taken `keep` of the way from their least (0) to their
    natural width (1): candidates for a cramped table, whose writer keeps the one that
    makes the table shortest."""
    return [Fit(f.least + keep * (f.natural - f.least), f.least) if f else None for f in fits]


def fit_widths(shares: Sequence[float], fits: Sequence[Fit | None],
               width: float, kept: Sequence[float] = (), padding: float = 0.0) -> list[float]:
    """Widths of columns: a fitted column gets its natural width, up to MAX_FITTED of
    `width`; the others share the rest in proportion to their `shares`, each keeping at
    least MIN_TEXT of `width`. When that is short the fitted columns give up width down to
    their least, in proportion to what they can give; then the text columns, down to
    LEAST_TEXT (or what `kept` says a text column keeps: its widest unbreakable phrase);
    then the fitted columns' text (less their `padding`) shrinks alike."""
    least_text = [max(LEAST_TEXT * width, kept[i] if i < len(kept) else 0.0)
                  for i, f in enumerate(fits) if f is None]
    fitted = [min(f.natural, MAX_FITTED * width) if f else None for f in fits]
    text_shares = [s for s, f in zip(shares, fits, strict=True) if f is None]
    need = MIN_TEXT * width * len(text_shares)
    used = sum(n for n in fitted if n is not None)
    if used + need > width:
        slack = [max(n - min(f.least, n), 0.0) if f and n is not None else 0.0
                 for f, n in zip(fits, fitted, strict=True)]
        give = min(used + need - width, sum(slack))
        total = sum(slack) or 1.0
        fitted = [n - give * s / total if n is not None else None
                  for n, s in zip(fitted, slack, strict=True)]
        used = sum(n for n in fitted if n is not None)
    if used + need > width:  # text columns give up room, down to LEAST_TEXT each
        need = max(width - used, sum(least_text))
    if used + need > width:  # still too wide: shrink the fitted columns' text alike
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


def column_widths(block: FigureTable, languages: tuple[Lang, ...], measure: Measure,
                  padding: float, width: float,
                  height: Callable[[list[float]], float],
                  whole: Pieces | None = None) -> list[float]:
    """Figure and date columns as wide as their widest cell on one line (no date wrapping
    in every row), the text columns sharing the rest; when that leaves the text columns
    short, of the candidate widths the ones whose rows are lowest (`height`). `whole`: the
    pieces of a text the writer's line breaker keeps whole (default `pieces`, the PDF's)."""
    whole = whole or pieces
    fits: list[Fit | None] = []
    kept: list[float] = []  # a text column's widest piece kept on one line
    for column, header in zip(block.columns, block.header, strict=True):
        natural = least = 0.0
        for role, value in [(column.header_role, header)] + [
                (column.cell_role, row.get(column.field)) for row in block.rows]:
            for lang in value.shown(languages):
                text = value.get(lang)
                natural = max(natural, measure(text, role, lang))
                least = max([least] + [measure(w, role, lang) for w in whole(text, lang, role)])
        fitted = column.cell_role in FITTED_ROLES
        fits.append(Fit(natural + 2 * padding, least + 2 * padding) if fitted else None)
        kept.append(0.0 if fitted else least + 2 * padding)
    shares = [c.share for c in block.columns]
    if not cramped(fits, width):
        return fit_widths(shares, fits, width, kept, 2 * padding)
    # too many columns for their content: the widths that make the table shortest
    equal = [1.0 if fit is None else share for fit, share in zip(fits, shares, strict=True)]
    candidates = [fit_widths(text_shares, eased(fits, keep), width, kept, 2 * padding)
                  for keep in (1.0, 0.75, 0.5, 0.25, 0.0) for text_shares in (shares, equal)]
    return min(candidates, key=height)


def pieces(text: str, lang: str, role: str) -> list[str]:
    """The pieces of a cell's text the line breaker keeps whole: English where its
    figures' glue allows (clreq.english_for_breaking); a Chinese figure at its spaces only
    (its clusters are its number and unit), not after its trend arrow; Chinese text
    anywhere clreq allows (no piece to keep: []); a date is one piece."""
    if role in KEPT_WHOLE_ROLES:
        return [text]
    if lang.startswith("zh"):
        return glue_number_phrases(text).split(" ") if role in FITTED_ROLES else []
    return english_for_breaking(text).split(" ")
