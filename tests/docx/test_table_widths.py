"""The DOCX's figure tables: columns sized to their content by the rule the PDF uses
(writers/columns.py), written as a fixed grid; in LibreOffice no date wraps, and a figure
wraps only where its column is narrower than the figure as a word processor sets it."""

from __future__ import annotations

import collections
import html
import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import briefing
from briefing.font_metrics import text_width
from briefing.theme.resolve import ResolvedTheme, resolve_theme
from briefing.writers.columns import SLACK_PT
from briefing.writers.docx.tables import word_processor_width
from tests.conftest import ROOT, libreoffice_convert
from tests.docx.test_libreoffice import needs_libreoffice

SAMPLES = ("xicheng-2023", "hexi-2023h1")
THEMES = ("gov", "investor", "print")  # gov first: LibreOffice uses the fonts embedded in
# the first of several documents converted in one run that name the same fonts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Both samples in every theme, stacked (both languages in each cell), the free faces
    embedded so that LibreOffice sets the text in the faces measured."""
    out = tmp_path_factory.mktemp("table-widths")
    return {(sample, theme): briefing.build_report(
                ROOT / "content" / sample, out / f"{sample}-{theme}", formats=("docx",),
                theme=theme, layout="stacked", embed_fonts=True).outputs[0]
            for sample in SAMPLES for theme in THEMES}


def _theme(name: str) -> ResolvedTheme:
    return resolve_theme(name, ROOT / "styles", ROOT / "fonts")


def _figure_cells(path: Path, theme: ResolvedTheme) -> list[tuple[str, str, str, float]]:
    """(role, language, text, column width in points) of every figure and date cell."""
    styles = {theme.style_for(role, lang).name: (role, lang)
              for role in ("table_number", "table_date") for lang in ("zh", "en")}
    cells = []
    for table in docx.Document(str(path)).tables:
        grid = [int(col.get(qn("w:w"))) / 20 for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        for row in table.rows[1:]:
            for cell, width in zip(row.cells, grid, strict=True):
                for paragraph in cell.paragraphs:
                    text = "".join(t.text or "" for t in paragraph._p.iter(qn("w:t")))
                    if paragraph.style.name in styles and text.strip():
                        cells.append((*styles[paragraph.style.name], text, width))
    return cells


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("theme_name", THEMES)
def it_sizes_date_columns_to_their_dates_in_a_fixed_grid(built, sample, theme_name) -> None:
    theme = _theme(theme_name)
    padding = theme.boxes["table"].padding_pt
    document = docx.Document(str(built[sample, theme_name]))
    for table in document.tables:
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        # the widths are kept: a fixed layout, every cell as wide as its grid column
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        for row in table.rows:
            assert [int(tc.tcPr.tcW.get(qn("w:w"))) for tc in row._tr.tc_lst] == grid
    dates: dict[float, tuple[float, float]] = {}  # column width -> its widest date
    for role, lang, text, width in _figure_cells(built[sample, theme_name], theme):
        if role == "table_date":
            style = theme.style_for(role, lang)
            pdf, word = dates.get(width, (0.0, 0.0))
            dates[width] = (max(pdf, text_width(text, style, theme)),
                            max(word, word_processor_width(text, style, theme)))
    assert dates
    for width, (pdf, word) in dates.items():
        # as wide as the widest date on one line (as the PDF measures it, and with what
        # LibreOffice adds between Chinese and digits, and the rule's slack), not a share
        # of the page
        assert pdf + 2 * padding <= width <= word + 2 * padding + SLACK_PT + 0.1, \
            (width, pdf, word)


@needs_libreoffice
@pytest.mark.parametrize("sample", SAMPLES)
def it_keeps_dates_and_figures_with_room_on_one_line_in_libreoffice(
        built, sample, tmp_path: Path) -> None:
    pdfs = libreoffice_convert({theme: built[sample, theme].read_bytes() for theme in THEMES},
                               tmp_path / "lo")
    for theme_name in THEMES:
        theme = _theme(theme_name)
        padding = theme.boxes["table"].padding_pt
        lines = _pdf_lines(pdfs[theme_name])
        cells = collections.defaultdict(list)
        for role, lang, text, width in _figure_cells(built[sample, theme_name], theme):
            cells[role, lang, text].append(width)
        for (role, lang, text), widths in cells.items():
            key = _squeezed(text)
            whole = sum(line.count(key) for line in lines)  # cells set on one line
            if whole >= len(widths):
                continue
            assert role != "table_date", f"{theme_name}: the date {text!r} wraps"
            # the cells that wrapped (the narrowest) had less room than the figure needs
            needed = word_processor_width(text, theme.style_for(role, lang), theme)
            for width in sorted(widths)[:len(widths) - whole]:
                assert width - 2 * padding < needed, f"{theme_name}: {text!r} wraps in {width}"


def _squeezed(text: str) -> str:
    return re.sub(r"[\s\u00a0\u2060\u202f\u00ad]+", "", text)


def _pdf_lines(pdf: Path) -> list[str]:
    """The text of each line of each page (words on one baseline, left to right), without
    spaces: poppler's own lines split a table row's cells."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    lines = []
    for page in re.findall(r"<page.*?</page>", out, re.S):
        rows = collections.defaultdict(list)
        for x, y, word in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" '
                                     r'yMax="([\d.]+)">([^<]*)</word>', page):
            rows[round(float(y))].append((float(x), html.unescape(word)))
        lines += [_squeezed("".join(word for _, word in sorted(row))) for row in rows.values()]
    return lines


CRAMPED_FIGURES = """
  share_high_tech:
    label: {zh: 高新技术企业税收占比, en: Share of tax revenue from high-technology enterprises}
    value: 38.6
    unit: percent
    as_of: 2023-12-31
    previous: {value: 35.2, as_of: 2022-12-31}
    source: {zh: 测试区税务局, en: Test District Taxation Bureau}
  foreign_investment:
    label: {zh: 实际使用外资, en: Foreign direct investment actually utilised}
    value: 86500000
    unit: USD
    as_of: 2023-12-31
    target: {value: 80000000, period: year}
    previous: {value: 78200000, as_of: 2022-12-31}
    source: {zh: 测试区商务局, en: Test District Commerce Bureau}
"""
CRAMPED_TABLE = """
      - table:
          caption: {zh: 指标完成情况, en: Indicators against targets}
          figures: [foreign_investment, share_high_tech]
          columns: [value, target, of_target, change]
"""


@pytest.mark.parametrize("theme_name", ["gov", "investor"])
def it_keeps_every_figure_column_as_wide_as_its_widest_word(make_briefing, tmp_path: Path,
                                                             theme_name: str) -> None:
    """Five columns, one trend long ("▲ 3.4 percentage points"): every figure column
    keeps its widest word at the size the cells are set in; it shrank every figure column
    below its own widest word, and LibreOffice broke "106.6|7%", "targe|t" and
    "8650万美|元" (a first user's gov draft)."""
    folder = make_briefing()
    for name, extra, anchor in (("figures.yaml", CRAMPED_FIGURES, "figures:\n"),
                                ("briefing.yaml", CRAMPED_TABLE, "    blocks:\n")):
        text = (folder / name).read_text("utf-8")
        (folder / name).write_text(text.replace(anchor, anchor + extra.lstrip("\n"), 1),
                                   "utf-8")
    word = briefing.build(folder, tmp_path, formats=("docx",), theme=theme_name)[0]
    theme = _theme(theme_name)
    padding = theme.boxes["table"].padding_pt
    table = next(t for t in docx.Document(str(word)).tables if len(t.columns) == 5)
    grid = [int(col.get(qn("w:w"))) / 20 for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    styles = {theme.style_for(role, lang).name: (role, lang)
              for role in ("table_number", "table_header_number") for lang in ("zh", "en")}
    checked = 0
    for row in table.rows:
        for cell, width in list(zip(row.cells, grid, strict=True))[1:]:
            for paragraph in cell.paragraphs:
                text = "".join(t.text or "" for t in paragraph._p.iter(qn("w:t")))
                role, lang = styles[paragraph.style.name.removesuffix(" Kept With Next")]
                style = theme.style_for(role, lang)
                size = next((int(sz.get(qn("w:val"))) / 2 for sz in paragraph._p.iter(qn("w:sz"))),
                            style.size_pt)  # a cramped table's type set a size down
                for word_ in text.split():
                    needed = word_processor_width(word_, style, theme) * size / style.size_pt
                    assert needed + 2 * padding <= width + 0.05, (word_, width)
                    checked += 1
    assert checked > 20
