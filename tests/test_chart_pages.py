"""Charts on the page, read back from the PDF and the DOCX of a small fictional briefing
(tests/data/qinghe-2024, reduced from a user's): a legend inside its chart, never over the
heading after it; a slice's share beside its value; twelve fills all different, and
grays a printer tells apart; the chart's English in the body's English face; a chart
drawn a little lower rather than leave a page a third empty before a heading."""

from __future__ import annotations

import io
import itertools
import re
import sys
from decimal import Decimal
from itertools import combinations
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image
from reportlab.graphics.shapes import Circle, PolyLine, Wedge

from briefing.chart_fills import MOST_FILLS, PATTERNS, chart_fills, gray_level
from briefing.charts import HEIGHT_PT, draw_chart
from briefing.model import Bilingual, Chart, Source
from briefing.pipeline import prepare, render
from briefing.reportlab_fonts import register_fonts
from briefing.theme.schema import MIN_CHART_COLORS
from briefing.writers.pdf import pagination
from tests.conftest import ROOT, pdf_text, pdffonts
from tests.pdf.test_gov_faces import faces

sys.path.insert(0, str(ROOT / "bench"))
import typeset_audit  # noqa: E402

QINGHE = ROOT / "tests" / "data" / "qinghe-2024"
LEGEND_END = ("现代服务业", "Modern services")
HEADING = ("重点推进的产业链项目", "Priority industrial-chain projects")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[object, bytes, Path]]:
    """The briefing's gov PDF in each layout: what was prepared for it, its bytes, its file."""
    folder = tmp_path_factory.mktemp("qinghe")
    built = {}
    for layout in ("stacked", "parallel", "zh", "en"):
        prepared = prepare(QINGHE, "gov", layout)
        built[layout] = (prepared, render(prepared, "pdf"), _saved(
            render(prepared, "pdf"), folder / f"{layout}.pdf"))
    return built


def _audit(prepared, pdf: bytes) -> typeset_audit.Audit:  # type: ignore[no-untyped-def]
    return typeset_audit.Audit(prepared.document, prepared.theme.page, pdf)


@pytest.mark.parametrize("layout", ["stacked", "parallel", "zh", "en"])
def it_keeps_the_legend_above_the_heading_after_it(pdfs, layout: str) -> None:  # type: ignore[no-untyped-def]
    prepared, pdf, _ = pdfs[layout]
    audit = _audit(prepared, pdf)
    assert [f.what for f in audit.findings if f.count == "overlaps"] == []
    for lines in audit.pages:
        legend = [c for line in lines for c in line.visible()
                  if any(t in line.text for t in LEGEND_END)]
        heading = [c for line in lines for c in line.visible()
                   if any(t in line.text for t in HEADING)]
        if legend and heading:  # the legend's last entry ends above the heading's top
            assert min(c.ink[1] for c in legend) > max(c.ink[3] for c in heading)


def it_prints_each_slice_with_its_share(pdfs) -> None:  # type: ignore[no-untyped-def]
    text = re.sub(r"\s+", " ", " ".join(pdf_text(pdfs["stacked"][2]))).replace("\u00a0", " ")
    # 0.76 of 18.64 billion is 4.08%; 9.62 of it 51.61%: one decimal, as changes are
    for expected in ("7.6亿元（4.1%）", "RMB 760 million (4.1%)", "96.2亿元（51.6%）",
                     "RMB 9.62 billion (51.6%)"):
        assert expected in text, expected


def it_gives_the_docx_picture_the_shares_and_the_whole_legend(tmp_path: Path) -> None:
    import briefing

    paths = briefing.build(QINGHE, tmp_path, theme="gov", layout="stacked",
                           formats=("docx",))
    document = docx.Document(str(next(p for p in paths if p.suffix == ".docx")))
    donut = next(d.get("descr") for d in document.element.body.iter(qn("wp:docPr"))
                 if "产业构成" in d.get("descr"))
    assert "现代服务业 7.6亿元（4.1%）" in donut and "Modern services RMB 760 million (4.1%)" \
        in donut.replace("\u00a0", " ")
    picture = next(p for p in document.part.package.parts if p.content_type == "image/png")
    image = Image.open(io.BytesIO(picture.blob)).convert("L")
    # taller than a chart's usual height (its legend needs it), and the legend's last
    # entry not cut off: the picture's last rows are blank paper
    assert image.height / image.width > HEIGHT_PT / 442
    bottom = image.crop((0, image.height - 8, image.width, image.height))
    assert bottom.getextrema()[0] > 250


def it_sets_the_chart_english_in_the_body_english_face(pdfs) -> None:  # type: ignore[no-untyped-def]
    drawn = faces(pdfs["stacked"][2])
    chars = "".join(c for _, c, _, _, _ in drawn)  # (`faces` leaves out the spaces)
    body = chars.index("Byindustry,")  # the body paragraph's English
    legend = chars.index("Modernservices:")  # the legend's last entry
    assert {drawn[k][2] for k in range(body, body + 10)} == {"NotoSans-Regular"}
    assert {drawn[k][2] for k in range(legend, legend + 14)} == {"NotoSans-Regular"}
    # and its Chinese in the body's Chinese face (仿宋)
    zh = chars.index("现代服务业：")
    assert {drawn[k][2] for k in range(zh, zh + 5)} == {"FandolFang-Regular"}


def it_gives_twelve_slices_twelve_fills() -> None:
    assert MIN_CHART_COLORS * len(PATTERNS) >= MOST_FILLS
    for theme in ("investor", "print", "gov"):
        colors = prepare(QINGHE, theme, "zh").theme.chart_colors
        fills = chart_fills(colors, MOST_FILLS)
        assert len(set(fills)) == MOST_FILLS, theme
        if theme != "investor":  # grays: each solid fill apart from the others in print
            levels = sorted(gray_level(c) for c in colors)
            assert all(b - a >= 0.12 for a, b in itertools.pairwise(levels)), (theme, levels)


def it_marks_a_slice_whose_colour_comes_round_again() -> None:
    # gov's 5th slice took the 1st one's near-black: now it is dotted, the 9th striped
    prepared = prepare(QINGHE, "gov", "stacked")
    labels = tuple(Bilingual(f"类{i}", f"Kind {i}") for i in range(12))
    register_fonts(prepared.theme, frozenset("".join(b.zh + b.en for b in labels)
                                             + "0123456789.%（） :："))
    chart = Chart("pie", Bilingual("构成", "Shares"), labels, (tuple(Decimal(1) for _ in labels),),
                  (tuple(Bilingual("1%", "1%") for _ in labels),), (), None,
                  Source(QINGHE / "briefing.yaml", 1))
    drawing = draw_chart(chart, prepared.theme, ("zh", "en"), 442).expandUserNodes()
    shapes = list(_walk(drawing))
    wedges = [s for s in shapes if isinstance(s, Wedge)]
    assert len(wedges) == 12

    def marks_in(wedge: Wedge, kind: type) -> int:
        import math
        found = 0
        for mark in shapes:
            if not isinstance(mark, kind):
                continue
            x, y = (mark.cx, mark.cy) if isinstance(mark, Circle) else (
                (mark.points[0] + mark.points[2]) / 2, (mark.points[1] + mark.points[3]) / 2)
            angle = math.degrees(math.atan2(y - wedge.centery, x - wedge.centerx))
            low, high = wedge.startangledegrees, wedge.endangledegrees
            if math.hypot(x - wedge.centerx, y - wedge.centery) <= wedge.radius and \
                    (angle - low) % 360 <= (high - low) % 360:
                found += 1
        return found
    for k, wedge in enumerate(wedges):
        dots, stripes = marks_in(wedge, Circle), marks_in(wedge, PolyLine)
        expected = PATTERNS[k // len(prepared.theme.chart_colors)]
        assert (dots > 0, stripes > 0) == (expected == "dots", expected == "stripes"), k
    keys = {(w.fillColor.hexval(), PATTERNS[k // 4]) for k, w in enumerate(wedges)}
    assert len(keys) == 12
    assert all(a.fillColor != b.fillColor for a, b in combinations(wedges[:4], 2))


def _walk(node):  # type: ignore[no-untyped-def]
    for item in getattr(node, "contents", []):
        yield item
        yield from _walk(item)


def it_draws_a_chart_lower_rather_than_leave_a_page_a_third_empty(  # type: ignore[no-untyped-def]
        pdfs, monkeypatch) -> None:
    prepared, pdf, path = pdfs["zh"]
    pages = pdf_text(path)
    before = next(i for i, p in enumerate(pages) if "新投产项目22个" in p)
    assert "主要项目指标与年度目标" in pages[before]  # the chart under the text before it
    assert _audit(prepared, pdf).counts()["empty"] == 0
    # the case is the one it claims: drawn no lower, the chart goes overleaf and leaves
    # the page more than a quarter empty (a heading follows: no text to pull before it)
    monkeypatch.setattr(pagination, "LOWEST_CHART", 1.0)
    unlowered = render(prepared, "pdf")
    pages = pdf_text(_saved(unlowered, path.with_name("unlowered.pdf")))
    assert "主要项目指标与年度目标" not in pages[before]
    assert _audit(prepared, unlowered).counts()["empty"] == 1


def _saved(pdf: bytes, path: Path) -> Path:
    path.write_bytes(pdf)
    return path


def it_refuses_a_theme_with_fewer_chart_colours_than_twelve_fills_need(tmp_path: Path) -> None:
    import briefing
    from briefing.errors import ContentError

    theme = tmp_path / "three.yaml"
    theme.write_text('extends: investor\nname: three\n'
                     'chart_colors: ["#000000", "#777777", "#CCCCCC"]\n', "utf-8")
    with pytest.raises(ContentError) as caught:
        briefing.check(QINGHE, theme=str(theme))
    [problem] = caught.value.diagnostics
    assert problem.line == 3 and problem.field_path == "chart_colors"
    assert "at least 4" in problem.message


def it_draws_its_charts_in_embedded_fonts_only(pdfs) -> None:  # type: ignore[no-untyped-def]
    # (a drawing starts in ReportLab's Helvetica unless told otherwise: not embedded)
    for _, _, path in pdfs.values():
        fonts = pdffonts(path)
        assert fonts and all(f["emb"] == "yes" for f in fonts), fonts
