"""Table column widths shared by the writers: figure and date columns as wide as their
widest cell, the text columns sharing what is left by their shares (model.Column.share)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
