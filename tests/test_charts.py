"""Charts: vector drawings in the PDF, a PNG with alt text in the DOCX, one unit per chart."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

import briefing
from tests.conftest import edit_briefing, pdf_text, problems_of


@pytest.fixture(scope="module")
def built(sample_build: dict[str, Path]) -> dict[str, Path]:
    return sample_build


def it_draws_charts_as_vectors_in_the_pdf(built) -> None:
    pages = pdf_text(built["pdf"])
    index = next(i for i, p in enumerate(pages) if "各类项目总投资" in p)
    text = re.sub(r"\s+", " ", pages[index])
    # the bars' values and the categories, as text in both languages
    for expected in ("545亿元", "RMB 54.5 billion", "Total investment by project group"):
        assert expected in text.replace("\u00a0", " "), expected
    page = pypdf.PdfReader(str(built["pdf"])).pages[index]
    content = page.get_contents().get_data().decode("latin-1")
    assert len(re.findall(r"\bre\b", content)) >= 4  # the bars: rectangles drawn as paths
    xobjects = page["/Resources"].get("/XObject", {})
    assert not any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())


def it_places_a_picture_with_alt_text_in_the_docx(built) -> None:
    document = docx.Document(str(built["docx"]))
    pictures = [d.get("descr") for d in document.element.body.iter(qn("wp:docPr"))]
    assert len(pictures) == 2
    assert pictures[0].startswith("各类项目总投资: 新签约项目总投资 112.5亿元")
    assert ("Air quality in 2023: Days of good or excellent air quality in the year 253"
            in pictures[1])
    images = [p for p in document.part.package.parts if p.content_type == "image/png"]
    assert len(images) == 2 and all(len(p.blob) > 5000 for p in images)
    # the picture's paragraph is not held to the styles' exact line height (it would crop it)
    for paragraph in document.paragraphs:
        if paragraph._p.findall(".//" + qn("w:drawing")):
            spacing = paragraph._p.pPr.find(qn("w:spacing"))
            assert spacing is not None and spacing.get(qn("w:lineRule")) == "auto"


def it_computes_a_derived_figure_for_the_donut(built) -> None:
    text = "".join(pdf_text(built["pdf"]))
    assert "其他天数" in text and "112天" in text  # 365 - 253, from the figures' formula


def it_refuses_a_chart_of_mixed_units(make_briefing) -> None:
    folder = make_briefing()
    edit_briefing(folder, "      - kpis: [signed_projects, signed_investment]",
                  "      - chart:\n          title: {zh: 图, en: Chart}\n"
                  "          figures: [signed_projects, signed_investment]")
    [problem] = problems_of(folder)
    assert problem.field_path == "sections[0].blocks[1].chart.figures"
    assert "must share one unit, not CNY, project" in problem.message


def it_draws_grouped_bars_with_a_legend(make_briefing, tmp_path: Path) -> None:
    folder = make_briefing()
    (folder / "figures.yaml").write_text("figures:\n" + "".join(
        f"  {fid}:\n    label: {{zh: {fid}, en: {fid}}}\n    value: {value}\n    unit: CNY\n"
        "    as_of: 2023-12-31\n    source: {zh: 统计局, en: Bureau}\n"
        for fid, value in (("a2022", 90e8), ("a2023", 112.5e8), ("b2022", 300e8),
                           ("b2023", 344e8))).replace(".0\n", "\n"), "utf-8")
    (folder / "briefing.yaml").write_text("""cover:
  title: {zh: 图表, en: Charts}
  date: 2024-01-15
  publisher: {zh: 某区, en: A District}
sections:
  - blocks:
      - chart:
          type: grouped_bar
          title: {zh: 两年投资, en: Investment over two years}
          categories: [{zh: 签约项目, en: Signed projects}, {zh: 产业项目, en: Industrial projects}]
          series: [[a2022, b2022], [a2023, b2023]]
          series_labels: [{zh: 2022年, en: "2022"}, {zh: 2023年, en: "2023"}]
""", "utf-8")
    pdf, docx_path = briefing.build(folder, tmp_path)
    text = re.sub(r"\s+", " ", "".join(pdf_text(pdf)))
    # the legend: each series' label in each language, on a line of its own (in its faces)
    for expected in ("2022年 2022", "2023年 2023", "签约项目", "Industrial projects", "344亿元",
                     "90亿元"):
        assert expected in text, expected
    alt = next(docx.Document(str(docx_path)).element.body.iter(qn("wp:docPr"))).get("descr")
    assert alt.startswith("两年投资: 2022年: 签约项目 90亿元; 产业项目 300亿元 | "
                          "2023年: 签约项目 112.5亿元")


def chart_pictures(docx_path: Path) -> list[bytes]:
    document = docx.Document(str(docx_path))
    return [rel.target_part.blob for rel in document.part.rels.values()
            if rel.reltype.endswith("/image")]


def it_draws_the_docx_chart_again_when_its_figures_change(make_briefing, tmp_path: Path,
                                                          monkeypatch) -> None:
    # the chart's PNG is cached on disk by everything that shapes it: a new value is a new
    # picture, the same chart again is the same picture (read from the cache)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    folder = make_briefing()
    text = (folder / "briefing.yaml").read_text("utf-8")
    (folder / "briefing.yaml").write_text(text.replace(
        "      - kpis: [signed_projects, signed_investment]",
        "      - chart:\n          type: pie\n          title: {zh: 项目, en: Projects}\n"
        "          figures: [signed_projects, signed_projects]"), "utf-8")
    [first] = chart_pictures(briefing.build(folder, tmp_path / "a", formats=("docx",))[0])
    assert list((tmp_path / "cache").glob("chart-*.bin"))
    [again] = chart_pictures(briefing.build(folder, tmp_path / "b", formats=("docx",))[0])
    figures = (folder / "figures.yaml").read_text("utf-8")
    assert "value: 33\n" in figures
    (folder / "figures.yaml").write_text(figures.replace("value: 33\n", "value: 34\n"), "utf-8")
    [changed] = chart_pictures(briefing.build(folder, tmp_path / "c", formats=("docx",))[0])
    assert first == again and changed != first
