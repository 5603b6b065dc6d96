"""layout.py: the one module of layout rules (which languages, which is left out, which
layout a build uses), and what validation takes from it."""

from __future__ import annotations

import pytest

import briefing
from briefing.layout import LAYOUTS, choose_layout, layout_named
from tests.conftest import problems_of


def it_names_the_languages_each_layout_prints() -> None:
    assert {name: layout_named(name).languages for name in LAYOUTS} == {
        "stacked": ("zh", "en"), "parallel": ("zh", "en"), "zh": ("zh",), "en": ("en",)}
    assert [name for name in LAYOUTS if layout_named(name).parallel] == ["parallel"]
    assert {name: layout_named(name).unused_language for name in LAYOUTS} == {
        "stacked": None, "parallel": None, "zh": "en", "en": "zh"}


@pytest.mark.parametrize("data, override, chosen", [
    ({"layout": "parallel"}, None, "parallel"),   # the briefing's own
    ({"layout": "parallel"}, "en", "en"),         # the command line's wins
    ({}, None, "stacked"),                        # the default
    ({"layout": "sideways"}, None, "stacked"),    # validation reports it
    (["not", "a", "mapping"], None, "stacked"),
])
def it_chooses_the_layout_asked_for_else_the_briefings_own(data, override, chosen) -> None:
    assert choose_layout(data, override).name == chosen


def it_fills_in_only_the_language_a_single_language_layout_leaves_out() -> None:
    data = {"cover": {"title": {"zh": "标题"}},
            "sections": [{"blocks": [{"bullets": [{"zh": "一"}, {"zh": "二", "en": "two"}]}]}]}
    assert layout_named("zh").fill_unused_language(data) == {
        "cover": {"title": {"zh": "标题", "en": ""}},
        "sections": [{"blocks": [{"bullets": [{"zh": "一", "en": ""},
                                              {"zh": "二", "en": "two"}]}]}]}
    assert layout_named("en").fill_unused_language(data) == data  # {zh: ...} lacks English
    assert layout_named("stacked").fill_unused_language(data) is data


def it_accepts_a_chinese_only_text_in_a_chinese_edition_and_refuses_it_in_others(
        make_briefing) -> None:
    folder = make_briefing()
    file = folder / "briefing.yaml"
    file.write_text(file.read_text("utf-8").replace(
        "{zh: 第一项, en: First item}", "{zh: 第一项}"), "utf-8")
    assert briefing.check(folder, layout="zh").languages == ("zh",)
    [problem] = problems_of(folder)
    assert problem.message == "missing the English text (en)"


def it_locates_a_spreadsheet_mistake_by_its_cell_in_a_single_language_edition(
        make_briefing) -> None:
    folder = make_briefing()
    (folder / "figures.yaml").unlink()
    (folder / "figures.csv").write_text(
        "id,label_zh,label_en,value,unit,as_of,source_zh,source_en\n"
        "signed_projects,新签约项目,Newly signed projects,n/a,project,2023-12-31,统计局,Bureau\n"
        "signed_investment,总投资,Investment,11250000000,CNY,2023-12-31,统计局,Bureau\n", "utf-8")
    file = folder / "briefing.yaml"
    file.write_text("figures: [figures.csv]\n" + file.read_text("utf-8"), "utf-8")
    for layout in ("stacked", "zh"):  # the zh edition lost the cell before
        with pytest.raises(briefing.ContentError) as caught:
            briefing.check(folder, layout=layout)
        [problem] = caught.value.diagnostics
        assert problem.field_path == "D2 figures.signed_projects.value"
