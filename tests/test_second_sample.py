"""The second sample, content/hexi-2023h1 (a mid-year progress report): it passes check
with no warning, builds in every layout and theme, and says what its figures say."""

from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path

import docx
import pytest

import briefing
from briefing.layout import LAYOUTS
from tests.conftest import ROOT, pdf_text

SECOND = ROOT / "content" / "hexi-2023h1"


def flat(text: str) -> str:
    return re.sub(r"[\s\u00a0\u2060]+", "", text)


def it_passes_check_with_no_warning(caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="briefing"):
        briefing.check(SECOND, strict=True)
    assert not caplog.records


@pytest.mark.parametrize("theme", ["investor", "print", "gov"])
@pytest.mark.parametrize("layout", LAYOUTS)
def it_builds_in_every_layout_and_theme(theme: str, layout: str, tmp_path: Path) -> None:
    paths = {p.suffix: p for p in briefing.build(SECOND, tmp_path, theme=theme, layout=layout)}
    text = flat("".join(pdf_text(paths[".pdf"])))
    if layout != "zh":
        assert flat("37.22% of the annual target") in text
        assert flat("RMB 21.922 billion") in text  # every digit the bulletin gave
    if layout != "en":
        assert flat("完成年度目标任务的37.22%") in text and "219.22亿元" in text
    docx.Document(str(paths[".docx"]))  # opens


def it_reports_progress_changes_ranks_and_thresholds(tmp_path: Path) -> None:
    paths = {p.suffix: p for p in briefing.build(SECOND, tmp_path)}
    text = flat("".join(pdf_text(paths[".pdf"])))
    for expected in ("this was down 8.92% year on year and was still RMB 14.134 billion short of "
                     "the annual target",
                     "27.78 percentage points ahead of schedule", "超时序进度27.78个百分点",
                     "ranked 1st among 7 counties and county-level cities",
                     "完成率在7个县（市）中居第1位", "about RMB 22 billion", "约220亿元",
                     "10 firms more than a year earlier", "比上年增加10家",
                     "工业项目和1亿元以上的其他项目",
                     "industrial project of RMB 30 million or more"):
        assert flat(expected) in text, expected
    sources = text[text.rindex("Sources"):]
    assert "Threshold" not in sources and flat("Total investment of key projects") in sources
    with zipfile.ZipFile(paths[".docx"]) as package:
        notes = package.read("word/footnotes.xml").decode()
    assert "schedule: the share of the year gone by the reporting date" in notes
