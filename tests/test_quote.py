"""The quote block (issue 14, item 9): the words in the theme's Quote styles, then who said
them, after a dash, in every theme, in Word and in the PDF."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

import briefing
from briefing.writers.docx.spacing import keeps_with_next
from tests.conftest import pdf_text

QUOTE = """
      - quote:
          text: {zh: "“项目为王，实干为先。”", en: "“Projects are king; action comes first.”"}
          attribution: {zh: 秦保强, en: Qin Baoqiang}
"""


@pytest.fixture
def quoted(make_briefing) -> Path:
    folder = make_briefing()
    text = (folder / "briefing.yaml").read_text("utf-8")
    (folder / "briefing.yaml").write_text(text.replace("    blocks:\n", "    blocks:" + QUOTE, 1),
                                          "utf-8")
    return folder


@pytest.mark.parametrize("theme", ["investor", "print", "gov"])
def it_writes_the_words_then_who_said_them_in_the_quote_styles(
        quoted: Path, tmp_path: Path, theme: str) -> None:
    pdf, word = briefing.build(quoted, tmp_path, theme=theme)
    styled = [(p.style.name, p.text) for p in docx.Document(str(word)).paragraphs
              if p.style.name.startswith("Quote")]
    assert styled == [("Quote", "“项目为王，实干为先。”"),
                      ("Quote English", "“Projects are king; action comes first.”"),
                      ("Quote Attribution Kept With Next", "——秦保强"),
                      ("Quote Attribution English", "— Qin Baoqiang")]
    page = "".join(pdf_text(pdf)).replace("\r\n", "")
    assert page.index("实干为先") < page.index("action comes first") < page.index("——秦保强") \
        < page.index("— Qin Baoqiang")


def it_puts_each_language_of_a_quote_in_its_column_in_the_parallel_layout(
        quoted: Path, tmp_path: Path) -> None:
    word = briefing.build(quoted, tmp_path, formats=("docx",), layout="parallel")[0]
    rows = docx.Document(str(word)).tables[0].rows  # a section a row, Chinese left
    row = next(r for r in rows if "秦保强" in r.cells[0].text)
    cells = [[(p.style.name, p.text) for p in cell.paragraphs] for cell in row.cells]
    quotes = [[(name, text) for name, text in cell if name.startswith("Quote")]
              for cell in cells]
    assert quotes == [[("Quote", "“项目为王，实干为先。”"), ("Quote Attribution", "——秦保强")],
                      [("Quote English", "“Projects are king; action comes first.”"),
                       ("Quote Attribution English", "— Qin Baoqiang")]]
    for cell, quote in zip(cells, quotes, strict=True):  # together, in the section's order
        start = cell.index(quote[0])
        assert cell[start:start + 2] == quote and cell[0][0].startswith("Heading")


def _quote_keeps(path: Path) -> list[tuple[str, bool]]:
    document = docx.Document(str(path))
    return [(p.text, keeps_with_next(p.style)) for p in document.paragraphs
            if p.style.name.startswith("Quote")]


@pytest.mark.parametrize("theme", ["investor", "print", "gov"])
def it_keeps_a_quote_with_who_said_it_and_chinese_with_english(
        quoted: Path, tmp_path: Path, theme: str) -> None:
    stacked = briefing.build(quoted, tmp_path / "stacked", formats=("docx",), theme=theme)[0]
    assert _quote_keeps(stacked) == [
        ("“项目为王，实干为先。”", True), ("“Projects are king; action comes first.”", True),
        ("——秦保强", True), ("— Qin Baoqiang", False)]
    for layout in ("zh", "en"):  # one language: the attribution ends the quote
        alone = briefing.build(quoted, tmp_path / layout, formats=("docx",), theme=theme,
                               layout=layout)[0]
        assert [keep for _, keep in _quote_keeps(alone)] == [True, False]
