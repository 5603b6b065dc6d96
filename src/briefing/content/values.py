"""Values that are well-formed but impossible: a negative count (a pie slice of zero is
the chart block's own check, blocks/figures.py).

Checked after the figures are known (derived ones computed), each located where the value
or the reference is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Diagnostic, error
from ..source.load import Loaded, format_path
from .figures import units

if TYPE_CHECKING:
    from .figure_file import Figure


def sign_problems(figures: dict[str, Figure],
                  defined_in: dict[str, Loaded]) -> list[Diagnostic]:
    """Values below zero for a unit that cannot be negative (units.yaml: negative: false)."""
    problems = []
    for fig_id, figure in figures.items():
        if units()[figure.unit].negative:
            continue
        for path, value in ((("value",), figure.value),
                            (("previous", "value"),
                             figure.previous.value if figure.previous else None)):
            if value is not None and value < 0:
                loaded = defined_in[fig_id]
                where = ("figures", fig_id, *path)
                given = "formula gives" if figure.formula and path == ("value",) else "value is"
                cell = loaded.cell_of(where)
                field = format_path(where)
                problems.append(error(loaded.file, loaded.line_of(where),
                                      f"{cell} {field}" if cell else field,
                                      f"the {given} {value}, and a figure in '{figure.unit}' "
                                      "cannot be negative", "check the sign (units.yaml says which "
                                      "units may be negative)"))
    return problems

