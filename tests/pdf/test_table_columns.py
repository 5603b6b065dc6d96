"""Figure tables: date and figure columns sized to their content (writers/columns.py), so
that a date is never wrapped ("December 31,|2023", "2023年12月31日" over two lines)."""

from __future__ import annotations

import sys

import pytest

from briefing.model import FigureTable
from briefing.pipeline import prepare, render
from briefing.writers.columns import MAX_FITTED, MIN_TEXT, Fit, fit_widths
from tests.conftest import ROOT, SAMPLE

sys.path.insert(0, str(ROOT / "bench"))
import typeset_audit  # noqa: E402


@pytest.mark.parametrize("theme,layout", [("gov", "stacked"), ("gov", "en"),
                                          ("investor", "parallel")])
def it_never_wraps_a_date_in_a_table(theme: str, layout: str) -> None:
    prepared = prepare(SAMPLE, theme, layout)
    dates = {row.as_of.get(lang) for block in prepared.document.blocks
             if isinstance(block, FigureTable) for row in block.rows
             for lang in prepared.document.languages}
    pages, _ = typeset_audit.read_lines(render(prepared, "pdf"))
    lines = [" ".join(line.text.split()) for page in pages for line in page]
    for date in dates:
        assert date in lines, date
        # a date wrapped leaves a line that is a good part of it, but not all
        assert not [line for line in lines
                    if date.startswith(line) and len(date) / 2 < len(line) < len(date)], date


def it_gives_fitted_columns_their_content_and_the_rest_to_text() -> None:
    widths = fit_widths([0.5, 0.28, 0.22], [None, Fit(80, 40), Fit(110, 110)], 400)
    assert widths == [210, 80, 110]


def it_narrows_figures_before_dates_when_text_columns_need_room() -> None:
    widths = fit_widths([0.28, 0.25, 0.2, 0.27], [None, Fit(150, 60), Fit(117, 117), None], 442)
    assert widths[2] == 117  # the date stays whole
    assert widths[0] + widths[3] >= 2 * MIN_TEXT * 442 - 1e-6
    assert sum(widths) == pytest.approx(442)


def it_caps_a_fitted_column() -> None:
    widths = fit_widths([0.5, 0.5], [None, Fit(1000, 100)], 400)
    assert widths[1] == MAX_FITTED * 400 and sum(widths) == pytest.approx(400)


def it_caps_a_fitted_column_no_narrower_than_its_widest_piece() -> None:
    """A figure whose widest piece is wider than MAX_FITTED keeps it while the text column
    keeps MIN_TEXT: it is not broken inside a number and its unit."""
    widths = fit_widths([0.5, 0.5], [None, Fit(1000, 250)], 400)
    assert widths == [150, 250]
    widths = fit_widths([0.5, 0.5], [None, Fit(1000, 900)], 400)
    assert widths[0] == pytest.approx(MIN_TEXT * 400) and sum(widths) == pytest.approx(400)


def it_keeps_figures_at_their_least_for_a_label_wider_than_min_text() -> None:
    """A label column whose widest word (kept) is wider than MIN_TEXT takes it from the
    figures' room to spare, never from below their least (widths summing to the table's
    exactly, as table_scale makes them, are not over it)."""
    width = 442.20472440944883
    fits = [None, Fit(105.2, 93.734), Fit(105.2, 80.584), Fit(67.16, 50.288), Fit(128.75, 98.177)]
    kept = [width - 93.734 - 80.584 - 50.288 - 98.177, 0, 0, 0, 0]
    widths = fit_widths([0.3, 0.175, 0.175, 0.175, 0.175], fits, width, kept, 8)
    assert all(w >= f.least - 1e-9 for w, f in zip(widths, fits, strict=True) if f), widths
    assert widths[0] == pytest.approx(kept[0])
