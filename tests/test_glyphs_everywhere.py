"""The glyph check looks at every kind of text (issue 17, item 10): a character no font of
the theme draws is refused by `check`, located, wherever it is written. (It was tested on
one bullet only: a check that skipped chart titles passed the suite.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import problems_of
from tests.hostile.makers import briefing_copy

MISSING = "\U00013000"  # EGYPTIAN HIEROGLYPH A001: in none of the shipped fonts
FIGURES = (Path(__file__).parent / "fixtures" / "minimal" / "figures.yaml").read_text("utf-8")


def _block(yaml_block: str) -> tuple[str, str]:
    return ("      - kpis:", f"      - {yaml_block}\n      - kpis:")


CASES = {  # where the character is written -> (briefing.yaml edit, figures.yaml edit)
    "cover title": (("{zh: 测试简报, en: Test Briefing}",
                     f"{{zh: 测试简报, en: Test {MISSING}}}"), None),
    "cover subtitle": (("{zh: 副标题, en: Subtitle}",
                        f"{{zh: 副标题{MISSING}, en: Subtitle}}"), None),
    "cover publisher": (("publisher: {zh: 测试区人民政府",
                         f"publisher: {{zh: 测试区{MISSING}政府"), None),
    "section heading": (("{zh: 招商引资, en: Investment Promotion}",
                         f"{{zh: 招商引资, en: Investment {MISSING}}}"), None),
    "paragraph": (("总投资{{ signed_investment }}。",
                   f"总投资{{{{ signed_investment }}}}{MISSING}。"), None),
    "bullet": (("{zh: 第一项, en: First item}",
                f"{{zh: 第一项, en: First {MISSING}}}"), None),
    "call-out text": (("{zh: 创历史新高。, en: A record high.}",
                       f"{{zh: 创历史新高。, en: A {MISSING}}}"), None),
    "table caption": (("{zh: 主要指标, en: Key figures}",
                       f"{{zh: 主要{MISSING}, en: Key figures}}"), None),
    "figure label (table cell, KPI card)": (None, ("{zh: 新签约项目, en: Newly signed projects}",
                                                   f"{{zh: 新签约项目, en: Newly {MISSING}}}")),
    "figure source (sources table)": (None, (
        "{zh: 测试区统计局, en: Test District Statistics Bureau}",
        f"{{zh: 测试区统计局{MISSING}, en: Test District Statistics Bureau}}")),
    "chart title": (_block("chart: {type: pie, title: {zh: 图, en: C" + MISSING + "}, "
                           "figures: [signed_projects, signed_investment]}"), None),
    "chart category": (_block("chart: {type: grouped_bar, title: {zh: 图, en: C}, "
                              "categories: [{zh: 甲, en: A" + MISSING + "}], series: "
                              "[[signed_projects], [signed_projects]], series_labels: "
                              "[{zh: 一, en: One}, {zh: 二, en: Two}]}"), None),
    "chart series label": (_block("chart: {type: grouped_bar, title: {zh: 图, en: C}, "
                                  "categories: [{zh: 甲, en: A}], series: [[signed_projects], "
                                  "[signed_projects]], series_labels: [{zh: 一, en: One}, "
                                  "{zh: 二, en: T" + MISSING + "}]}"), None),
}


@pytest.mark.parametrize("where", sorted(CASES))
def it_refuses_a_character_no_font_draws_wherever_it_is(where: str, tmp_path: Path) -> None:
    edit, figures_edit = CASES[where]
    figures = FIGURES.replace(*figures_edit) if figures_edit else None
    if figures_edit:
        assert figures != FIGURES
    if "pie" in where or where == "chart title":
        figures = (figures or FIGURES).replace("unit: CNY", "unit: project")
    folder = briefing_copy(tmp_path / "b", figures=figures, replace=edit)
    problems = [p for p in problems_of(folder) if "U+13000" in p.message]
    assert len(problems) == 1, [p.format() for p in problems_of(folder)]
    [problem] = problems
    assert problem.file is not None and problem.file.name == "briefing.yaml" and problem.line
