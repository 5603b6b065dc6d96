"""Theme checks that span several values, and a theme's errors all at once.

The schema bounds each value (theme/schema.py); these check what only values together say:
the text area left by the margins, that every style's indents and size fit the narrowest
column a layout gives it (half the text area, in the parallel layout), and that a KPI
card's figure is set no smaller than its label. Found by `check`, so
that a theme `check` accepts is one `build` can lay out.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Diagnostic, error
from .resolved import STYLE_ROLES

MM = 72 / 25.4
MIN_TEXT_WIDTH_MM = 120    # a KPI row, a figure table, two parallel columns of 56 mm
MIN_TEXT_HEIGHT_MM = 160   # the cover: its titles frame is the text area less 95 mm
Where = Callable[..., tuple[Path, int | None]]


def geometry_problems(page: Any, page_size_pt: tuple[float, float], styles: dict[str, Any],
                      specs: dict[str, Any], where: Where) -> list[Diagnostic]:
    """Problems of the page (a PageSpec) and the resolved styles' fit in its text area,
    each reported at the style that sets the values (`specs`), not at those inheriting."""
    problems = []
    width_mm = page_size_pt[0] / MM - page.margin_left_mm - page.margin_right_mm
    height_mm = page_size_pt[1] / MM - page.margin_top_mm - page.margin_bottom_mm
    for extent, found, least, sides in (
            ("wide", width_mm, MIN_TEXT_WIDTH_MM, ("margin_left_mm", "margin_right_mm")),
            ("tall", height_mm, MIN_TEXT_HEIGHT_MM, ("margin_top_mm", "margin_bottom_mm"))):
        if found < least:
            problems.append(error(*where("page", sides[0]), f"page.{sides[0]}",
                                  f"the margins leave a text area {found:.0f} mm {extent} on "
                                  f"a {page.size} page; it must be at least {least} mm",
                                  f"make page.{sides[0]} and page.{sides[1]} smaller"))
    if problems:
        return problems
    column_pt = (width_mm - page.column_gap_mm) / 2 * MM
    needed = {name: style.left_indent_pt + max(style.first_line_indent_pt, 0) + 2 * style.size_pt
              for name, style in styles.items()}
    for name in styles:
        base = specs[name].base
        if needed[name] > column_pt and needed.get(base, 0) <= column_pt:  # not inherited
            problems.append(error(*where("styles", name), f"styles.{name}",
                                  f"indents and size leave no room for text: "
                                  f"{needed[name]:.0f} pt of a column {column_pt:.0f} pt wide "
                                  "(parallel layout)", "make left_indent_pt, "
                                  "first_line_indent_pt or size_pt smaller"))
    return problems + kpi_size_problems(styles, where)


def kpi_size_problems(styles: dict[str, Any], where: Where) -> list[Diagnostic]:
    """A KPI figure's style smaller than its label's, in either language: the figure is
    the card's headline (the PDF scales figures down only to their label's size, and
    sets fewer cards a row where they would shrink below it; Word sets the styles as they
    are)."""
    problems = []
    for lang in ("zh", "en"):
        figure, label = STYLE_ROLES["kpi_value"].get(lang), STYLE_ROLES["kpi_label"].get(lang)
        if figure in styles and label in styles \
                and styles[figure].size_pt < styles[label].size_pt:
            problems.append(error(
                *where("styles", figure), f"styles.{figure}.size_pt",
                f"{styles[figure].size_pt:g} pt is smaller than {label}'s "
                f"{styles[label].size_pt:g} pt: a KPI card's figure is never set smaller "
                "than its label", f"make it at least {styles[label].size_pt:g} pt, or "
                f"{label} smaller"))
    return problems


def valid_part(model: type[BaseModel], data: Any) -> BaseModel | None:
    """The model of `data` without the values the schema refused (each dropped, so that the
    rest of a theme is still checked and every error reported in one run), or None if that
    is not enough (a required value is missing)."""
    for _ in range(4):
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            data = copy.deepcopy(data)
            if not all(_drop(data, err["loc"]) for err in exc.errors()):
                return None
    return None


def _drop(data: Any, loc: tuple[Any, ...]) -> bool:
    """Remove the value at `loc` from its mapping; False if it is not a mapping's value."""
    node = data
    for part in loc[:-1]:
        if (isinstance(node, dict) and part in node
                or isinstance(node, list) and isinstance(part, int) and part < len(node)):
            node = node[part]
        else:
            return False
    if isinstance(node, dict) and loc and loc[-1] in node:
        del node[loc[-1]]
        return True
    return False
