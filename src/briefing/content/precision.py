"""A table column's shared precision: the percentages of a column (percent of target, the
change on a year earlier, against schedule) are printed to one number of decimals, so that
the column aligns as a typesetter sets it (116.50%, 88.00%, 94.60%, 103.06%; ▲ 16.0% beside
▲ 12.3%). The decimals are those of the column's most precise number: padded with zeros,
never rounded, so every cell still says exactly what the figure's text says (88% in text is
88.00% in the column). Values keep their own precision: a column of values holds different
indicators in different units and scales (186.4亿元 beside 19个), as statistical tables print
their main indicators.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from . import targets
from .figure_file import Figure
from .figures import fraction_places, units, year_change


def _change(figure: Figure) -> Decimal:
    if figure.change is not None:
        return figure.change
    assert figure.previous is not None and figure.value is not None
    return year_change(figure.value, figure.previous.value, units()[figure.unit])


def _schedule(figure: Figure) -> Decimal:
    return targets.percent_of_target(figure) - targets.schedule(figure)


# the number each of these views prints, by the attribute of the template view (FigureView)
COLUMN_NUMBERS: dict[str, Callable[[Figure], Decimal]] = {
    "of_target": targets.percent_of_target, "trend": _change, "schedule_points": _schedule}


def _has_number(figure: Figure, attribute: str) -> bool:
    if attribute == "trend":
        return figure.change is not None or figure.previous is not None
    return figure.target is not None and figure.value is not None


def column_places(figures: Iterable[Figure], attribute: str | None) -> int:
    """The decimals every cell of a table's column of `attribute` shows: those of its most
    precise number; 0 for a column of any other view (each keeps its own)."""
    number = COLUMN_NUMBERS.get(attribute or "")
    if number is None or attribute is None:
        return 0
    return max((fraction_places(number(f)) for f in figures if _has_number(f, attribute)),
               default=0)


def cell_attribute(figure: Figure, attribute: str | None, places: int) -> str | None:
    """The attribute a cell's mark names (the DOCX's, for update-draft): `of_target:2` in a
    column of 2 decimals, so that update-draft renders the cell to them again (templating.
    rendering), even where this figure's own number has them (its new one may not); else
    `attribute` (None: the value). An update that changes the column's precision itself
    (its one number of 2 decimals now of 1) keeps the draft's: a fresh build aligns it."""
    if places == 0 or attribute not in COLUMN_NUMBERS or not _has_number(figure, attribute):
        return attribute
    return f"{attribute}:{places}"
