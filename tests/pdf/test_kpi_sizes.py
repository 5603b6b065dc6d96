"""KPI cards read back from the PDF (bench/kpi_sizes.py: each card's figure and label found
in the PDF's lines, with their font sizes): a figure is never set smaller than its card's
label in its language, and all the cards of a KPI block, in one row or several, and both
rows of a split row, set their figures at one size per language."""

from __future__ import annotations

import functools
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.pipeline import prepare
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import kpi_sizes  # noqa: E402

SAMPLES = ("xicheng-2023", "hexi-2023h1")
FOLDERS = {**{s: ROOT / "content" / s for s in SAMPLES},
           "breaks": ROOT / "tests" / "fixtures" / "breaks"}  # (a first user's briefing)
CASES = [(s, t, la) for s in FOLDERS for t in kpi_sizes.THEMES for la in kpi_sizes.LAYOUTS]
Rows = list[list[kpi_sizes.Card]]


@pytest.fixture(scope="module")
def measured(sample_edition, tmp_path_factory: pytest.TempPathFactory  # type: ignore[no-untyped-def]
             ) -> Callable[[str, str, str], tuple[tuple[str, ...], Rows]]:
    """Each briefing's KPI rows as its PDF draws them (the first sample's PDF the one the
    whole test run shares), and the languages it prints."""

    @functools.cache
    def measure(sample: str, theme: str, layout: str) -> tuple[tuple[str, ...], Rows]:
        if sample == SAMPLES[0]:
            prepared = prepare(ROOT / "content" / sample, theme, layout)
            pdf = sample_edition(theme, layout)["pdf"].read_bytes()
            return prepared.document.languages, kpi_sizes.kpi_rows(
                prepared.document, prepared.theme.page, pdf)
        document, rows = kpi_sizes.measure(FOLDERS[sample], theme, layout)
        return document.languages, rows

    return measure


@pytest.mark.parametrize("sample,theme,layout", CASES)
def it_sets_no_kpi_figure_smaller_than_its_cards_label(measured, sample: str, theme: str,  # type: ignore[no-untyped-def]
                                                        layout: str) -> None:
    languages, rows = measured(sample, theme, layout)
    assert rows
    for n, row in enumerate(rows):
        for k, card in enumerate(row):
            for lang in languages:
                figure, label = card.figure_size(lang), card.label_size(lang)
                if figure:
                    assert figure >= label - 0.01, (f"row {n + 1}, card {k + 1}, {lang}: "
                                                    f"figure {figure:.2f} pt, label {label:.2f}")


def _figure_sizes(row: list[kpi_sizes.Card], lang: str) -> set[float]:
    return {round(size, 2) for card in row for part in card.parts
            if part.kind == "value" and part.lang == lang for size in part.sizes}


@pytest.mark.parametrize("sample,theme,layout", CASES)
def it_sets_the_figures_of_a_kpi_block_at_one_size(measured, sample: str, theme: str,  # type: ignore[no-untyped-def]
                                                   layout: str) -> None:
    languages, rows = measured(sample, theme, layout)
    for n, row in enumerate(rows):
        for lang in languages:
            assert len(_figure_sizes(row, lang)) <= 1, (n + 1, lang, _figure_sizes(row, lang))


# "RMB 123.456789123456 trillion": at 14 pt wider than half the gov text area, so that
# in the old code the split row's first half set its figures smaller than the second's
LONG_MONEY = "123456789123456"


def it_sizes_both_rows_of_a_split_kpi_row_alike(tmp_path: Path) -> None:
    folder = tmp_path / "hexi"
    shutil.copytree(ROOT / "content" / "hexi-2023h1", folder)
    figures = folder / "figures.yaml"
    text = figures.read_text("utf-8")
    assert "value: 21922000000\n" in text  # the first card's figure (capital)
    figures.write_text(text.replace("value: 21922000000\n", f"value: {LONG_MONEY}\n", 1),
                       "utf-8")
    document, rows = kpi_sizes.measure(folder, "gov", "stacked")
    first = rows[0]
    assert "trillion" in first[0].parts[1].text
    assert len({card.page for card in first}) == 2  # the row goes on over a page break
    for lang in document.languages:
        assert len(_figure_sizes(first, lang)) == 1, (lang, _figure_sizes(first, lang))
        assert all(card.figure_size(lang) >= card.label_size(lang) - 0.01 for card in first)
