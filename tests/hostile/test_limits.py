"""Each limit of briefing.limits (issue 17): an input over it is refused fast, within a
memory bound, by a located error that names the limit and how to raise it."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefing
from briefing import limits
from briefing.limits import Limit

from .bounded import bounded
from .makers import briefing_copy, image_block, png_header, with_figures_file, xlsx

PARAGRAPH = "{zh: 创历史新高。, en: A record high.}"


def _over(folder: Path, limit: Limit, seconds: float = 8, build: bool = False) -> str:
    """Check (or build) the folder under limits; it must fail naming `limit`."""
    if build:
        outcome = bounded(briefing.build, folder, folder / "out", seconds=seconds)
    else:
        outcome = bounded(briefing.check, folder, seconds=seconds)
    assert outcome.kind == "ContentError", outcome.text
    [problem] = outcome.problems
    file, line, field, message, hint = problem
    assert f"({limit.name})" in message and f"the limit is {limit.value:,}" in message
    assert hint and limit.variable in hint
    assert file is not None
    return outcome.text


def it_bounds_a_yaml_file(tmp_path: Path) -> None:
    folder = briefing_copy(tmp_path / "b")
    (folder / "figures.yaml").write_text("a: '" + "x" * (3 * 2**20) + "'\n", "utf-8")
    assert "figures.yaml" in _over(folder, limits.FILE_BYTES)


def it_bounds_a_figures_table(tmp_path: Path) -> None:
    folder = briefing_copy(tmp_path / "b")
    csv = with_figures_file(folder, "figures.csv")
    csv.write_text("id,label_zh\n" + "x,y\n" * (6 * 2**20), "utf-8")
    assert "figures.csv" in _over(folder, limits.TABLE_FILE_BYTES)


def it_bounds_what_a_workbook_unpacks_to(tmp_path: Path) -> None:
    folder = briefing_copy(tmp_path / "b")
    book = with_figures_file(folder, "figures.xlsx")
    xlsx(book, sheet_tail=b"<!--" + b" " * (80 * 2**20) + b"-->")
    assert book.stat().st_size < 2**20
    _over(folder, limits.XLSX_UNCOMPRESSED_BYTES)


@pytest.mark.parametrize("dimension", [True, False], ids=["declared", "undeclared"])
def it_bounds_the_rows_of_a_sheet(tmp_path: Path, dimension: bool) -> None:
    folder = briefing_copy(tmp_path / "b")
    xlsx(with_figures_file(folder, "figures.xlsx"), {"A1048576": "x"}, dimension=dimension)
    _over(folder, limits.XLSX_ROWS)


@pytest.mark.parametrize("dimension", [True, False], ids=["declared", "undeclared"])
def it_bounds_the_columns_of_a_sheet(tmp_path: Path, dimension: bool) -> None:
    folder = briefing_copy(tmp_path / "b")
    xlsx(with_figures_file(folder, "figures.xlsx"), {"XFD3": "x"}, dimension=dimension)
    _over(folder, limits.XLSX_COLUMNS)


def it_bounds_one_far_cell(tmp_path: Path) -> None:
    """The issue's 9 KB workbook with one cell at XFD1048576."""
    folder = briefing_copy(tmp_path / "b")
    xlsx(with_figures_file(folder, "figures.xlsx"), {"XFD1048576": "x"})
    text = _over(folder, limits.XLSX_ROWS)
    assert "figures.xlsx" in text


@pytest.mark.parametrize("nesting", ["flow", "block"])
def it_bounds_nesting(tmp_path: Path, nesting: str) -> None:
    if nesting == "flow":  # 2,000 nested [ ran PyYAML out of stack
        deep = "[" * 2000 + "]" * 2000
    else:
        deep = "".join(f"\n{' ' * (i + 8)}k{i}:" for i in range(60)) + " x"
    folder = briefing_copy(tmp_path / "b", replace=("glossary:", f"extra: {deep}\nglossary:"))
    text = _over(folder, limits.NESTING_DEPTH)
    assert "briefing.yaml:" in text


def it_bounds_one_text(tmp_path: Path) -> None:
    """The issue's 1.9 MB paragraph: `build` ran past 240 s."""
    folder = briefing_copy(tmp_path / "b", replace=(
        PARAGRAPH, "{zh: 创历史新高。, en: '" + "word " * 380_000 + "'}"))
    text = _over(folder, limits.TEXT_CHARS)
    assert "briefing.yaml:" in text and "callout.text.en" in text


def it_bounds_a_word(tmp_path: Path) -> None:
    """The issue's 200,000 characters without a break took 69 s; 15,000 are within the text
    limit."""
    folder = briefing_copy(tmp_path / "b", replace=(PARAGRAPH, "{zh: 创历史新高。, en: '"
                                                     + "x" * 15_000 + "'}"))
    assert "callout.text.en" in _over(folder, limits.WORD_CHARS)


def it_lets_chinese_text_break_anywhere(tmp_path: Path) -> None:
    folder = briefing_copy(tmp_path / "b", replace=(PARAGRAPH, "{zh: " + "创历史新高" * 400
                                                     + ", en: A record high.}"))
    assert bounded(briefing.check, folder, seconds=8).kind == "returned"


def it_bounds_the_document(tmp_path: Path) -> None:
    """Figures repeat text: a label of 19,000 characters quoted 60 times."""
    label = "label " * 3_000
    figures = (briefing_copy(tmp_path / "b").joinpath("figures.yaml")).read_text("utf-8")
    figures = figures.replace("{zh: 新签约项目, en: Newly signed projects}",
                              f"{{zh: 新签约项目, en: '{label}'}}")
    quoting = "".join("      - paragraph: {zh: 文字, en: '{{ signed_projects.label }}'}\n"
                      for _ in range(120))
    folder = briefing_copy(tmp_path / "b", figures=figures,
                           replace=("      - kpis:", quoting + "      - kpis:"))
    _over(folder, limits.DOCUMENT_CHARS, seconds=15)


def it_bounds_the_blocks(tmp_path: Path) -> None:
    breaks = "      - page_break: true\n" * 20_001
    folder = briefing_copy(tmp_path / "b", replace=("      - kpis:", breaks + "      - kpis:"))
    _over(folder, limits.BLOCKS, seconds=15)


@pytest.mark.parametrize("command", ["check", "build"])
def it_bounds_the_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    """`check` lays the PDF out too: what it passes, `build` writes (it counted pages only
    at build before)."""
    monkeypatch.setenv(limits.PAGES.variable, "20")
    breaks = ("      - page_break: true\n      - paragraph: {zh: 文字, en: text}\n") * 30
    folder = briefing_copy(tmp_path / "b", replace=("      - kpis:", breaks + "      - kpis:"))
    text = _over(folder, limits.PAGES, build=command == "build", seconds=30)
    # at the block being laid out when the limit was passed
    assert "briefing.yaml:" in text and ".blocks[" in text, text
    assert not (folder / "out" / "b.pdf").exists()


def it_bounds_the_page_breaks_in_a_row(tmp_path: Path) -> None:
    """Eleven page breaks in a row: "this block does not fit on a page, even split" at
    another block's line before, from ReportLab's guard against endless empty pages."""
    breaks = "      - page_break: true\n" * 11
    folder = briefing_copy(tmp_path / "b", replace=("      - kpis:", breaks + "      - kpis:"))
    text = _over(folder, limits.PAGE_BREAKS)
    lines = (folder / "briefing.yaml").read_text("utf-8").splitlines()
    first = lines.index("      - page_break: true") + 1
    assert f"briefing.yaml:{first + 10}: sections[0].blocks[11].page_break:" in text, text
    assert f"from line {first}" in text and "blank page" in text


def it_builds_as_many_page_breaks_in_a_row_as_the_limit_allows(tmp_path: Path) -> None:
    """Ten at the start (ten blank pages after the cover) and ten at the end."""
    breaks = "      - page_break: true\n" * 10
    folder = briefing_copy(tmp_path / "b", replace=("    blocks:\n", "    blocks:\n" + breaks))
    with (folder / "briefing.yaml").open("a", encoding="utf-8") as handle:
        handle.write(breaks)
    outcome = bounded(briefing.build, folder, folder / "out", seconds=30)
    assert outcome.kind == "returned", outcome.text


def it_bounds_an_image(tmp_path: Path) -> None:
    folder = briefing_copy(tmp_path / "b")
    png_header(folder / "bomb.png", 100_000, 100_000)
    image_block(folder, "bomb.png")
    assert "image.file" in _over(folder, limits.IMAGE_PIXELS)


def it_raises_a_limit_from_the_environment(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    folder = briefing_copy(tmp_path / "b", replace=(PARAGRAPH, "{zh: 创历史新高。, en: '"
                                                     + "x" * 6000 + "'}"))
    _over(folder, limits.WORD_CHARS)
    monkeypatch.setenv(limits.WORD_CHARS.variable, "10000")
    assert bounded(briefing.check, folder).kind == "returned"


def it_documents_every_limit() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "limits.md").read_text("utf-8")
    for limit in limits.LIMITS:
        assert f"| `{limit.name}` | {limit.default:,} {limit.unit} |" in docs, limit.name
        assert limit.variable in docs


def it_bounds_the_bytes_of_an_image(tmp_path: Path) -> None:
    folder = briefing_copy(tmp_path / "b")
    with (folder / "huge.png").open("wb") as handle:
        handle.truncate(21 * 2**20)  # sparse: 21 MB on disk in no time
    image_block(folder, "huge.png")
    assert "image.file" in _over(folder, limits.IMAGE_BYTES)
