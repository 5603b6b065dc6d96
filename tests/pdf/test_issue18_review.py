"""A first-time user's briefing (issue 18's review): KPI cards whose trend arrow left its
number, whose wrapped rank overlapped its label and whose figures changed size from card to
card; a lone Chinese character on a table cell's last line; an English heading set like
body text; and no space between a table's source note and the paragraph after it. Each is
read back from the PDF built (text with positions, fonts)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pypdf
import pytest

import briefing
from briefing.clreq import is_cjk
from briefing.pipeline import prepare
from tests.conftest import ROOT, paragraph_text

sys.path.insert(0, str(ROOT / "bench"))
import typeset_audit  # noqa: E402

BRIEFING = """\
theme: investor
cover:
  title: {zh: 青山县上半年经济运行情况, en: "Qingshan County: The First Half"}
  date: 2024-07-25
  publisher: {zh: 青山县人民政府办公室, en: General Office of Qingshan County}
sections:
  - heading: {zh: 经济运行稳中向好, en: A Steady and Improving Economy}
    blocks:
      - paragraph:
          zh: 地区生产总值{{ gdp }}，排名{{ gdp_rank }}。
          en: GDP reached {{ gdp }} and ranked {{ gdp_rank }}.
      - kpis: [gdp, industry_growth, retail, gdp_rank]
      - table:
          caption: {zh: 主要指标, en: Key figures}
          figures: [gdp, retail]
      - paragraph:
          zh: 规模以上工业增加值增速{{ industry_growth }}。
          en: Industrial value added grew {{ industry_growth }}.
"""
FIGURES = """\
figures:
  gdp:
    label: {zh: 地区生产总值, en: Gross domestic product}
    value: 11310000000
    unit: CNY
    change: 6.5
    as_of: 2024-06-30
    source: {zh: 青山县统计局, en: Qingshan County Statistics Bureau}
  industry_growth:
    label: {zh: 规模以上工业增加值增速, en: Growth of industrial value added above designated size}
    value: 8.2
    unit: percent
    previous: {value: 6.9, as_of: 2023-06-30}
    as_of: 2024-06-30
    source: {zh: 青山县统计局, en: Qingshan County Statistics Bureau}
  retail:
    label: {zh: 社会消费品零售总额, en: Total retail sales of consumer goods}
    value: 3940000000
    unit: CNY
    change: 5.9
    as_of: 2024-06-30
    source: {zh: 青山县统计局, en: Qingshan County Statistics Bureau}
  gdp_rank:
    label: {zh: 地区生产总值增速排名, en: GDP growth ranking}
    value: 3
    unit: rank
    among: {count: 9, zh: 个县（市、区）, en: counties and districts of the city}
    as_of: 2024-06-30
    source: {zh: 江州市统计局, en: Jiangzhou Municipal Statistics Bureau}
"""
CASES = [(t, la) for t in ("investor", "print", "gov") for la in ("stacked", "zh", "en")]


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("qingshan") / "qingshan"
    folder.mkdir()
    (folder / "briefing.yaml").write_text(BRIEFING, encoding="utf-8")
    (folder / "figures.yaml").write_text(FIGURES, encoding="utf-8")
    out = folder.parent / "out"
    built = {}
    for theme, layout in CASES:
        [pdf] = briefing.build(folder, out, formats=("pdf",), theme=theme, layout=layout,
                               name="{id}-{theme}-{layout}")
        built[theme, layout] = pdf
    return built


def lines_of(pdf: Path) -> list[typeset_audit.Line]:
    pages, _ = typeset_audit.read_lines(pdf.read_bytes())
    return [line for page in pages for line in page]


def cards_of(lines: list[typeset_audit.Line]) -> list[typeset_audit.Line]:
    """The lines of the KPI row: from the first card's figure to the table's caption."""
    start = next(i for i, line in enumerate(lines) if line.text.strip() in ("113.1亿元",
                                                                            "RMB 11.31 billion")
                 or line.text.strip().startswith("RMB 11.31") and line.size > 10)
    end = next(i for i, line in enumerate(lines) if line.text.strip() in ("主要指标",
                                                                          "Key figures"))
    return lines[start:end]


@pytest.mark.parametrize("theme,layout", CASES)
def it_keeps_a_trend_arrow_with_its_number(editions, theme: str, layout: str) -> None:  # type: ignore[no-untyped-def]
    lines = lines_of(editions[theme, layout])
    arrows = [line for line in lines if line.text.strip().startswith(("▲", "▼"))]
    assert arrows
    for line in arrows:
        assert re.match(r"[▲▼]\s?\d", line.text.strip()), line.text  # not alone on its line
        visible = line.visible()
        for a, b in zip(visible, visible[1:], strict=False):  # and not drawn over it
            assert b.left >= a.right - 0.5, (line.text, a.text, b.text)


FIGURE_TEXTS = {"zh": ("113.1亿元", "8.2%", "39.4亿元", "9个县（市、区）中第3位"),
                "en": ("RMB 11.31 billion", "8.2%", "RMB 3.94 billion",
                       "3rd of 9 counties and districts of the city")}
LABELS = {"zh": "地区生产总值", "en": "Gross"}  # (a centred label is not hyphenated)


@pytest.mark.parametrize("theme,layout", CASES)
def it_sets_a_row_of_kpi_figures_at_one_size_without_overlaps(editions, theme: str,  # type: ignore[no-untyped-def]
                                                              layout: str) -> None:
    cards = cards_of(lines_of(editions[theme, layout]))
    for lang in (("en",) if layout == "en" else ("zh", "en") if layout == "stacked"
                 else ("zh",)):
        figures = [line for line in cards if len(line.text.strip()) > 3 and any(
            line.text.strip() in text for text in FIGURE_TEXTS[lang])
            and (lang == "zh" or line.text.strip() not in FIGURE_TEXTS["zh"])  # once
            and not line.text.strip() in LABELS[lang]]
        sizes = {round(line.size, 1) for line in figures}
        assert len(sizes) == 1, (lang, [(f.text, f.size) for f in figures])
        size = sizes.pop()
        label = next(line for line in cards if line.text.strip().startswith(LABELS[lang]))
        if theme != "gov":  # (gov's cards are too narrow for "RMB 11.31 billion" at 14 pt)
            assert size >= 1.1 * label.size, lang  # a figure, not a label
    # a number stays with its unit: "RMB 11.31 billion" on one line
    assert not any(line.text.strip() in ("billion", "亿元") for line in cards)
    # the wrapped rank's lines and the label under them do not overlap
    for a, b in zip(cards, cards[1:], strict=False):
        if abs(a.left - b.left) < 60 and a.baseline > b.baseline and a.visible() \
                and b.visible():
            assert max(c.ink[3] for c in b.visible()) <= min(c.ink[1] for c in a.visible()) \
                + 0.5, (a.text, b.text)


@pytest.mark.parametrize("theme", ["investor", "print", "gov"])
def it_prints_a_figure_the_same_in_both_languages_once(editions, theme: str) -> None:  # type: ignore[no-untyped-def]
    text = [line.text.strip() for line in cards_of(lines_of(editions[theme, "stacked"]))]
    assert text.count("8.2%") == 1, [t for t in text if "8.2" in t]


@pytest.mark.parametrize("theme,layout", CASES)
def it_leaves_no_chinese_character_alone_on_a_cells_last_line(editions, theme: str,  # type: ignore[no-untyped-def]
                                                               layout: str) -> None:
    if layout == "en":
        return
    for line in lines_of(editions[theme, layout]):
        shown = line.text.strip()
        assert not (len(shown) == 1 and is_cjk(shown)), line.text


def it_sets_english_headings_of_an_english_gov_edition_bold(editions) -> None:  # type: ignore[no-untyped-def]
    reader = pypdf.PdfReader(editions["gov", "en"])
    fonts: list[str] = []

    def visit(text, _cm, _tm, font, _size) -> None:  # type: ignore[no-untyped-def]
        if "A Steady and Improving" in text and font:
            fonts.append(str(font.get("/BaseFont")))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    assert fonts and all("Bold" in font for font in fonts), fonts


@pytest.mark.parametrize("theme,layout", CASES)
def it_leaves_space_between_a_table_note_and_the_next_paragraph(editions, theme: str,  # type: ignore[no-untyped-def]
                                                                 layout: str) -> None:
    resolved = prepare(editions[theme, layout].parent.parent / "qingshan", theme).theme
    lines = lines_of(editions[theme, layout])
    note = max(i for i, line in enumerate(lines) if line.text.startswith(("来源：", "Source:")))
    after = lines[note + 1]
    space = resolved.boxes["table"].space_after_pt
    gap = lines[note].baseline - after.baseline  # baseline to baseline: space, then a line
    assert gap >= space + after.size - 1, (lines[note].text, after.text, gap)


def it_prints_a_kpi_figure_the_same_in_both_languages_once_in_the_docx(  # type: ignore[no-untyped-def]
        editions, tmp_path: Path) -> None:
    import docx

    folder = editions["investor", "stacked"].parent.parent / "qingshan"
    [path] = briefing.build(folder, tmp_path, formats=("docx",), layout="stacked")
    cards = [t for t in docx.Document(str(path)).tables if t.style.name == "KPI Card"]
    texts = [paragraph_text(p) for t in cards for cell in t.rows[0].cells
             for p in cell.paragraphs]
    assert texts.count("8.2%") == 1, texts
    assert texts.count("113.1亿元") == 1 and texts.count("RMB 11.31 billion") == 1, texts
