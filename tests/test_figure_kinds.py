"""Figures as a reader meets them in the built PDF and DOCX: the precision the source gave
(same digits in both languages, 约 / about only where rounding drops some), ranks
(第9位 / 9th, of N), and thresholds that are not statistics (not in Sources)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import docx
import pytest

import briefing
from briefing.errors import ContentError
from tests.conftest import paragraph_text, pdf_text

FIGURES = """\
figures:
  output:
    label: {zh: 新增产值, en: New output}
    value: 21503910000
    unit: CNY
    as_of: 2023-06-30
    source: {zh: 市工信局, en: City Industry Bureau}
  capital:
    label: {zh: 引进省外资金, en: Out-of-province capital}
    value: 6408000000
    unit: CNY
    as_of: 2023-06-30
    source: {zh: 市工信局, en: City Industry Bureau}
  county_rank:
    label: {zh: 完成率排名, en: Completion rate ranking}
    value: 2
    unit: rank
    among: {count: 7, zh: 个县（市）, en: counties and county-level cities}
    as_of: 2023-06-30
    source: {zh: 市发展改革委, en: City Development and Reform Commission}
  threshold:
    label: {zh: 工业项目起点, en: Threshold for industrial projects}
    value: 30000000
    unit: CNY
    statistic: false
"""

BRIEFING = """\
cover:
  title: {zh: 测试简报, en: Test Briefing}
  date: 2023-07-15
  publisher: {zh: 测试区人民政府, en: Test District}
sections:
  - heading: {zh: 进展, en: Progress}
    blocks:
      - paragraph:
          zh: 新增产值{{ output }}，约合{{ output.about3 }}；引进资金{{ capital }}。
          en: New output was {{ output }}, or {{ output.about3 }}; capital was {{ capital }}.
      - paragraph:
          zh: 完成率{{ county_rank.among }}排{{ county_rank.ordinal }}，即{{ county_rank }}。
          en: >-
            The completion rate ranked {{ county_rank.ordinal }} {{ county_rank.among }},
            {{ county_rank }}.
      - paragraph:
          zh: 工业项目{{ threshold }}以上。
          en: Industrial projects of {{ threshold }} or more.
      - kpis: [output, county_rank]
      - table:
          figures: [output, capital, county_rank, threshold]
"""


def build(make_briefing, tmp_path: Path, figures: str = FIGURES,
          text: str = BRIEFING) -> tuple[str, str]:
    folder = make_briefing(briefing_yaml=text, figures_yaml=figures)
    paths = {p.suffix: p for p in briefing.build(folder, tmp_path / "out")}
    pdf = " ".join(pdf_text(paths[".pdf"])).replace("\u00a0", " ")
    document = docx.Document(str(paths[".docx"]))
    parts = [paragraph_text(p) for p in document.paragraphs] + [
        paragraph_text(cell._tc) for table in document.tables for row in table.rows
        for cell in row.cells]
    return squash(pdf), squash(" ".join(parts))


def squash(text: str) -> str:
    """Text without spaces, line breaks and word joiners: lines break anywhere in a PDF."""
    return re.sub(r"[\s\u00a0\u2060]+", "", text)


def has(text: str, *expected: str) -> bool:
    # hyphens aside: a line broken after the hyphen of "county-level" is read back from
    # the PDF without it (pdfium reports a line-end hyphen as U+FFFE, which pdf_text
    # rejoins as hyphenation)
    return all(squash(e).replace("-", "") in text.replace("-", "") for e in expected)


def it_keeps_every_digit_the_source_gave_in_both_languages(make_briefing, tmp_path) -> None:
    for text in build(make_briefing, tmp_path):
        assert has(text, "新增产值215.0391亿元", "New output was RMB 21.50391 billion")
        assert has(text, "64.08亿元", "RMB 6.408 billion")
        # rounding only where the text asks, and then with the word for "about"
        assert has(text, "约合约215亿元", "or about RMB 21.5 billion")
        assert not has(text, "RMB 6.41 billion")


def it_writes_ranks_with_what_they_are_counted_among(make_briefing, tmp_path) -> None:
    for text in build(make_briefing, tmp_path):
        assert "完成率在7个县（市）中排第2位，即7个县（市）中第2位。" in text
        assert has(text, "ranked 2nd among 7 counties and county-level cities, "
                   "2nd of 7 counties and "
                "county-level cities")


def it_keeps_thresholds_out_of_the_sources(make_briefing, tmp_path) -> None:
    pdf, _ = build(make_briefing, tmp_path)
    assert has(pdf, "工业项目3000万元以上", "RMB 30 million or more")
    sources = pdf[pdf.rindex("Sources"):]
    assert has(sources, "New output", "Completion rate ranking") and "Threshold" not in sources


def it_does_not_call_a_threshold_stale(make_briefing, caplog) -> None:
    folder = make_briefing(briefing_yaml=BRIEFING.replace("2023-07-15", "2026-07-15"),
                           figures_yaml=FIGURES)
    with pytest.raises(ContentError) as caught:
        briefing.check(folder, strict=True)
    stale = [d.field_path for d in caught.value.diagnostics if "older" in d.message]
    assert sorted(stale) == ["figures.capital.as_of", "figures.county_rank.as_of",
                             "figures.output.as_of"]


def it_needs_a_source_and_date_only_for_statistics(make_briefing) -> None:
    figures = FIGURES.replace("    statistic: false\n", "")
    folder = make_briefing(briefing_yaml=BRIEFING, figures_yaml=figures)
    with pytest.raises(ContentError) as caught:
        briefing.check(folder)
    assert [d.message for d in caught.value.diagnostics] == [
        "a statistic needs as_of and source (a threshold or constant: statistic: false)"]


def it_refuses_a_target_schedule_without_a_date(make_briefing) -> None:
    """A schedule (时序进度) counted from today's date would change the build each day."""
    figures = FIGURES.replace("    statistic: false\n",
                              "    statistic: false\n    target: {value: 60000000}\n")
    folder = make_briefing(briefing_yaml=BRIEFING, figures_yaml=figures)
    with pytest.raises(ContentError) as caught:
        briefing.check(folder)
    [problem] = caught.value.diagnostics
    assert problem.message.startswith("a target's schedule (时序进度) is counted from the "
                                      "figure's date"), problem.message
    given = FIGURES.replace("    statistic: false\n",
                            "    statistic: false\n    target: {value: 60000000, schedule: 50}\n")
    briefing.check(make_briefing(briefing_yaml=BRIEFING, figures_yaml=given, name="given"))


def it_rounds_a_figure_that_asks_and_warns_that_digits_are_lost(make_briefing, tmp_path,
                                                               caplog) -> None:
    figures = FIGURES.replace("    value: 6408000000\n", "    value: 6408000000\n"
                              "    significant: 2\n")
    for text in build(make_briefing, tmp_path, figures):
        assert has(text, "约64亿元", "about RMB 6.4 billion")
    folder = make_briefing(briefing_yaml=BRIEFING, figures_yaml=figures, name="again")
    with caplog.at_level(logging.WARNING, logger="briefing"):
        briefing.check(folder)
    messages = [r.getMessage() for r in caplog.records]
    assert any("figures.capital.significant: rounds 6408000000 to 6400000000" in m
               and "drops digits the source gave (约64亿元)" in m for m in messages), messages
