"""Content that strains the layout renders, or fails with a located message: never a
ReportLab LayoutError."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import briefing
from briefing.errors import ContentError
from tests.conftest import pdf_text

ROWS = 300


def stress_briefing(folder: Path) -> None:
    figures = ["figures:"] + [
        f"  f{i}:\n    label: {{zh: 指标{i}, en: Indicator {i}}}\n    value: {i * 1234567}\n"
        f"    unit: CNY\n    as_of: 2023-12-31\n    source: {{zh: 来源, en: Source}}"
        for i in range(ROWS)]
    (folder / "figures.yaml").write_text("\n".join(figures) + "\n", encoding="utf-8")
    (folder / "briefing.yaml").write_text(f"""cover:
  title: {{zh: 压力测试, en: Stress test}}
  date: 2024-01-15
  publisher: {{zh: 测试, en: Test}}
sections:
  - heading: {{zh: 大表, en: Big table}}
    blocks:
      - table:
          figures: [{", ".join(f"f{i}" for i in range(ROWS))}]
      - paragraph: {{zh: {"汉" * 2000}, en: {"A" * 2000}}}
      - callout:
          figure: f1
          text: {{zh: {"很长的说明。" * 600}, en: {"A long explanation. " * 400}}}
""", encoding="utf-8")


@pytest.mark.parametrize("layout", ["stacked", "parallel"])
def it_splits_long_tables_strings_and_callouts_across_pages(layout: str, tmp_path: Path) -> None:
    folder = tmp_path / "stress"
    folder.mkdir()
    stress_briefing(folder)
    pdf, _docx = briefing.build(folder, tmp_path / "out", layout=layout)
    pages = pdf_text(pdf)
    text = re.sub(r"\s+", "", "".join(pages))  # lines joined back
    # every character of the unbroken strings is there (the page furniture may interrupt them)
    assert "Indicator299" in text and text.count("汉") == 2000 and "A" * 500 in text
    # the header row repeats on every page the table spans
    # (the call-out's label, f1's, is "Indicator 1" too: its pages are not the table's)
    table_pages = [p for p in pages if ("Indicator 1" in p or "Indicator 2" in p)
                   and "A long explanation" not in p]
    assert len(table_pages) > 3
    assert all("指标" in p and "Indicator" in p for p in table_pages)
    assert text.count("说") == 600  # no line of the split call-out lost


def it_reports_a_block_that_cannot_fit_with_its_location(make_briefing, tmp_path: Path,
                                                         monkeypatch) -> None:
    from reportlab.platypus import Spacer

    from briefing.writers.pdf import blocks

    def too_tall(self, block):
        spacer = Spacer(10, 5000)  # taller than any page and impossible to split
        spacer.source = block.source
        return [spacer]

    monkeypatch.setattr(blocks.BlockRenderer, "render", too_tall)
    with pytest.raises(ContentError) as caught:
        briefing.build(make_briefing(), tmp_path, formats=("pdf",))
    [problem] = caught.value.diagnostics
    assert problem.file.name == "briefing.yaml" and problem.line == 10
    assert "does not fit on a page" in problem.message
