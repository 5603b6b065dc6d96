"""A figure's year-on-year change, target and rank change between editions as its value
does: the redline tracks their wording and `briefing changes` reports them. A threshold
(statistic: false, no date) in the briefing does not stop a redline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest
from docx_plus.revisions import read_revisions

from briefing.cli import main
from tests.conftest import paragraph_text

BRIEFING = """\
theme: investor
figures: [figures.yaml]
cover:
  title: {zh: 示例区经济运行, en: "Example District: The Economy"}
  date: 2024-07-25
  publisher: {zh: 示例区人民政府, en: People’s Government of Example District}
glossary:
  - {zh: 示例区, en: Example District}
sections:
  - heading: {zh: 经济运行, en: The Economy}
    blocks:
      - paragraph:
          zh: ZH
          en: >-
            Example District’s GDP was {{ gdp }}, {{ gdp.change }}, its growth
            {{ rank.ordinal }} {{ rank.among }}. It signed {{ projects }} of {{ thr }} or
            more, {{ projects.progress }}.
      - kpis: [gdp, projects]
""".replace("ZH", "示例区地区生产总值{{ gdp }}，{{ gdp.change }}，增速{{ rank.among }}居"
            "{{ rank.ordinal }}。新签约{{ thr }}以上项目{{ projects }}，{{ projects.progress }}。")
FIGURES = """\
figures:
  gdp:
    label: {zh: 地区生产总值, en: Gross domestic product}
    value: 11250000000
    unit: CNY
    change: 6.3
    as_of: 2024-06-30
    source: {zh: 示例区统计局, en: Example District Statistics Bureau}
  projects:
    label: {zh: 新签约项目, en: Newly signed projects}
    value: 28
    unit: project
    target: {value: 50, period: year}
    as_of: 2024-06-30
    source: {zh: 示例区统计局, en: Example District Statistics Bureau}
  rank:
    label: {zh: 增速排名, en: Growth rank}
    value: 3
    unit: rank
    among: {count: 7, zh: 个县（市）, en: counties}
    as_of: 2024-06-30
    source: {zh: 市统计局, en: City Statistics Bureau}
  thr:
    label: {zh: 门槛, en: Threshold}
    value: 100000000
    unit: CNY
    statistic: false
"""


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path]:
    """The briefing, built and published into an output folder."""
    folder = tmp_path / "example"
    folder.mkdir()
    (folder / "briefing.yaml").write_text(BRIEFING, "utf-8")
    (folder / "figures.yaml").write_text(FIGURES, "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--publish", "--quiet"]) == 0
    return folder, out


def _edit(folder: Path, old: str, new: str) -> None:
    path = folder / "figures.yaml"
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def _tracked(path: Path) -> set[tuple[str, str]]:
    return {(r.revision_type, r.text) for r in read_revisions(docx.Document(str(path)))}


def it_redlines_a_briefing_with_a_threshold(published, capsys) -> None:
    folder, out = published
    _edit(folder, "value: 28", "value: 30")
    _edit(folder, "value: 100000000", "value: 50000000")  # the threshold itself, too
    assert main(["build", str(folder), "-o", str(out), "--redline", "--format", "docx"]) == 0
    assert "internal error" not in capsys.readouterr().err
    tracked = _tracked(out / "example.redline.docx")
    assert {("deletion", "28"), ("insertion", "30")} <= tracked
    assert ("insertion", "5000") in tracked or ("insertion", "50") in tracked
    changes = (out / "example.changes.md").read_text("utf-8")
    assert "门槛 / Threshold" in changes and "5000万元 / RMB 50 million" in changes


def it_tracks_and_reports_a_change_of_the_year_on_year_the_target_and_the_rank(
        published, capsys) -> None:
    folder, out = published
    _edit(folder, "change: 6.3", "change: 6.5")
    _edit(folder, "target: {value: 50, period: year}", "target: {value: 40, period: year}")
    _edit(folder, "value: 3\n", "value: 2\n")
    assert main(["changes", str(folder), "-o", str(out), "--json"]) == 0
    report = json.JSONDecoder().raw_decode(capsys.readouterr().out)[0]  # then the result
    fields = {c["id"]: c["fields"] for c in report["changed"]}
    assert fields == {"gdp": ["change"], "projects": ["target"], "rank": ["value"]}
    gdp = next(c for c in report["changed"] if c["id"] == "gdp")
    assert gdp["old"]["wording"]["change"]["zh"] == "同比增长6.3%"
    assert gdp["new"]["wording"]["change"]["en"] == "up 6.5% year on year"

    assert main(["changes", str(folder), "-o", str(out)]) == 0
    table = capsys.readouterr().out
    assert "同比增长6.3%" in table and "同比增长6.5%" in table
    assert "完成年度目标任务的56%" in table and "完成年度目标任务的70%" in table

    assert main(["build", str(folder), "-o", str(out), "--redline", "--format", "docx"]) == 0
    tracked = _tracked(out / "example.redline.docx")
    assert {("deletion", "6.3"), ("insertion", "6.5"), ("deletion", "56"),
            ("insertion", "70"), ("deletion", "3"), ("insertion", "2")} <= tracked
    redline = docx.Document(str(out / "example.redline.docx"))
    text = "\n".join(paragraph_text(p) for p in redline.element.body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"))
    assert "6.5" in text


def it_says_which_editions_it_compares_without_an_arrow_between_equal_dates(
        published, capsys) -> None:
    folder, out = published
    _edit(folder, "value: 28", "value: 30")
    assert main(["changes", str(folder), "-o", str(out)]) == 0
    said = capsys.readouterr().out
    edition = next(line for line in said.splitlines() if "Previous edition" in line)
    assert "→" not in edition and "2024-07-25" in edition and "same date" in edition
    assert re.search(r"Figures as of: 2024-06-30$", said, re.M)
    _edit(folder, "as_of: 2024-06-30\n    source: {zh: 示例区统计局, en: Example District "
          "Statistics Bureau}\n  projects", "as_of: 2024-09-30\n    source: {zh: 示例区统计局, "
          "en: Example District Statistics Bureau}\n  projects")
    assert main(["changes", str(folder), "-o", str(out)]) == 0
    assert "Figures as of: 2024-06-30 → 2024-09-30" in capsys.readouterr().out
