"""A figure table of four figure columns (value, target, % of target, change) in a narrow
gov page (tests/data/cramped-table, after a user's county briefing): read back from the
PDF's glyph boxes, no two columns touch, a number stays with its unit, a header word and a
date stay whole, the figures are set at the labels' size (the whole table a size down,
writers/columns.py), a trend keeps its spaces and its arrow."""

from __future__ import annotations

import sys
from functools import cache

import pytest

from briefing.model import FigureTable
from briefing.pipeline import prepare, render
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import typeset_audit  # noqa: E402

CRAMPED = ROOT / "tests" / "data" / "cramped-table"
WORD_GAP_PT = 1.5  # letters of one word: their advance boxes abut (justified Chinese: 1 pt)


@cache
def built(theme: str, layout: str) -> tuple[object, bytes]:
    prepared = prepare(CRAMPED, theme, layout)
    return prepared, render(prepared, "pdf")


def baselines(pdf: bytes) -> list[list[tuple[str, float, float, float]]]:
    """Every baseline of every page after the cover: its characters (text, advance box's
    left and right, font size) left to right, whichever text object draws them."""
    pages, _ = typeset_audit.read_lines(pdf)
    rows: list[list[tuple[str, float, float, float]]] = []
    for lines in pages[1:]:
        by_baseline: dict[int, list[tuple[str, float, float, float]]] = {}
        for char in (char for line in lines for char in line.chars):
            by_baseline.setdefault(round(char.baseline * 2), []).append(
                (char.text, char.left, char.right, char.size))
        rows += [sorted(chars, key=lambda c: c[1]) for chars in by_baseline.values()]
    return rows


def line_texts(pdf: bytes) -> list[str]:
    pages, _ = typeset_audit.read_lines(pdf)
    return [" ".join(line.text.split()) for page in pages for line in page]


@pytest.mark.parametrize("theme,layout", [("gov", "en"), ("gov", "stacked"),
                                          ("investor", "en")])
def it_leaves_the_cell_padding_between_columns(theme: str, layout: str) -> None:
    """Between two characters side by side with no space between, either nothing (one
    word) or a gap of at least both cells' padding (two cells)."""
    prepared, pdf = built(theme, layout)
    gap = 2 * prepared.theme.boxes["table"].padding_pt - 0.5
    close = [(line, round(b[1] - a[2], 1)) for chars in baselines(pdf)
             for a, b in zip(chars, chars[1:], strict=False) if a[0].strip() and b[0].strip()
             if WORD_GAP_PT < b[1] - a[2] < gap
             for line in ["".join(c[0] for c in chars)]]
    assert not close, close


@pytest.mark.parametrize("theme,layout", [("gov", "en"), ("gov", "stacked")])
def it_sets_figures_at_the_size_of_their_labels(theme: str, layout: str) -> None:
    prepared, pdf = built(theme, layout)
    pages, _ = typeset_audit.read_lines(pdf)
    lines = [line for page in pages for line in page]

    def size_of(text: str) -> float:
        return next(line.size for line in lines if line.text.strip().startswith(text))

    label, figure = size_of("Out-of-province"), size_of("RMB 9.275 billion")
    assert figure >= 0.95 * label, (figure, label)
    if layout == "stacked":
        assert size_of("92.75亿元") >= 0.95 * size_of("实际到位")


def it_keeps_the_chinese_and_english_of_sources_tables_as_in_the_main_table() -> None:
    """The Sources tables' values (a table under each source's name) in the same relation
    of sizes, Chinese to English, as the figure table's."""
    _, pdf = built("gov", "stacked")
    pages, _ = typeset_audit.read_lines(pdf)
    sizes: dict[str, list[float]] = {}
    for line in (line for page in pages for line in page):
        text = line.text.strip()
        if text in ("92.75亿元", "RMB 9.275 billion", "5840人", "5,840 people"):
            sizes.setdefault(text, []).append(line.size)
    main = sizes["92.75亿元"][0] / sizes["RMB 9.275 billion"][0]
    assert len(sizes["5840人"]) == 2  # the main table's and the Sources table's
    for zh, en in zip(sizes["5840人"], sizes["5,840 people"], strict=True):
        assert zh / en == pytest.approx(main, rel=0.02)


@pytest.mark.parametrize("theme,layout", [("gov", "en"), ("gov", "stacked"),
                                          ("gov", "parallel"), ("investor", "en")])
def it_keeps_numbers_with_units_and_header_words_whole(theme: str, layout: str) -> None:
    _, pdf = built(theme, layout)
    lines = line_texts(pdf)
    text = "\n".join(lines)
    for whole in ("RMB 9.275 billion", "RMB 18.64 billion", "5,500 people", "2,500 mu"):
        assert whole in text, whole
    for broken in ("完成", "targe", "target\n", "billion", "people", "mu"):
        assert broken not in lines, broken  # a line of a word's or a figure's part alone
    counts = typeset_audit.Audit(built(theme, layout)[0].document,  # type: ignore[attr-defined]
                                 built(theme, layout)[0].theme.page, pdf).counts()
    assert counts["units"] == counts["cuts"] == 0, counts


@pytest.mark.parametrize("theme,layout", [("gov", "en"), ("gov", "stacked"),
                                          ("investor", "en")])
def it_keeps_a_trend_with_its_arrow_and_its_spaces(theme: str, layout: str) -> None:
    """"▲ 3.4 percentage points" in a narrow column: it may wrap before its unit, never
    lose its spaces ("3.4percentagepoints") nor leave its arrow alone."""
    _, pdf = built(theme, layout)
    lines = line_texts(pdf)
    assert "▲" not in lines
    text = " ".join(lines)
    assert "percentagepoints" not in text and "3.4percentage" not in text
    assert "▲ 3.4 percentage points" in text or (
        "▲ 3.4" in lines and "percentage points" in lines), [x for x in lines if "3.4" in x]


@pytest.mark.parametrize("theme,layout", [("gov", "parallel"), ("gov", "en"),
                                          ("investor", "parallel"), ("print", "zh")])
def it_never_splits_a_date_in_a_table(theme: str, layout: str) -> None:
    prepared, pdf = built(theme, layout)
    dates = {row.as_of.get(lang) for block in prepared.document.blocks  # type: ignore[attr-defined]
             if isinstance(block, FigureTable) for row in block.rows
             for lang in prepared.document.languages}  # type: ignore[attr-defined]
    assert "2024年9月18日" in dates or "September 18, 2024" in dates
    lines = line_texts(pdf)
    for date in dates:
        assert date in lines, (date, [x for x in lines if date[:4] in x])


def it_wraps_a_long_figure_before_hyphenating_the_labels() -> None:
    """investor/en: the change column is not as wide as its one long cell ("▲ 3.4
    percentage points") while the labels are hyphenated ("oper-|ation")."""
    prepared, pdf = built("investor", "en")
    compounds = " ".join(row.label.en for block in prepared.document.blocks  # type: ignore[attr-defined]
                         if isinstance(block, FigureTable) for row in block.rows)
    hyphenated = [line for line in line_texts(pdf) if line.endswith("\ufffe")
                  and f"{line[:-1].split()[-1]}-" not in compounds]  # not "high-|technology"
    assert not hyphenated, hyphenated
