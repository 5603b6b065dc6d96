"""`{{ id.against_target }}` is a verb phrase whichever way the figure came out, in both
languages, so one sentence reads right both ways (newuser3's finding 8: "the county 3
projects short of the annual target")."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from briefing.content.figure_file import Figure
from briefing.content.templating import render_text

SENTENCE = {"zh": "全县新投产项目{{ x }}，{{ x.against_target }}。",
            "en": "{{ x }} went into operation; the county {{ x.against_target }}."}


def figure(value: str, target: dict[str, object]) -> Figure:
    return Figure.model_validate({
        "label": {"zh": "新投产项目", "en": "Projects in operation"}, "value": Decimal(value),
        "unit": "project", "as_of": datetime.date(2024, 12, 31),
        "source": {"zh": "县投资促进局", "en": "County Investment Promotion Bureau"},
        "target": target})


@pytest.mark.parametrize("value, target, zh, en", [
    ("31", {"value": 30}, "全县新投产项目31个，超额完成年度目标任务。",
     "31 projects went into operation; the county exceeded the annual target."),
    ("30", {"value": 30}, "全县新投产项目30个，完成年度目标任务。",
     "30 projects went into operation; the county met the annual target."),
    ("22", {"value": 25}, "全县新投产项目22个，距年度目标尚差3个。",
     "22 projects went into operation; the county was still 3 projects short of the "
     "annual target."),
    # a target given as a percent alone: the share reached, a verb phrase too
    ("22", {"percent": 88}, "全县新投产项目22个，完成年度目标任务的88%。",
     "22 projects went into operation; the county reached 88% of the annual target."),
])
def it_reads_in_one_sentence_whichever_way_the_figure_came_out(
        value: str, target: dict[str, object], zh: str, en: str) -> None:
    figures = {"x": figure(value, target)}
    assert render_text(SENTENCE["zh"], "zh", figures) == zh
    assert render_text(SENTENCE["en"], "en", figures).replace("\u00a0", " ") == en
