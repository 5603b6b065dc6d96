"""Chart labels wrapped where a reader accepts a break, never overlapping each other or the
bars (their bounding boxes, as ReportLab measures them), inside the drawing (a legend
taller than the chart makes it taller), shortened with "…" only when they must be, in
every theme and layout."""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import combinations

import pytest
from reportlab.graphics.shapes import Group, Rect, String

from briefing.charts import draw_chart
from briefing.model import Bilingual, Chart, Source
from briefing.pipeline import prepare
from briefing.reportlab_fonts import register_fonts
from tests.conftest import SAMPLE

NBSP = "\u00a0"
LONG = Chart(
    "grouped_bar", Bilingual("图", "Chart"),
    (Bilingual("新签约项目总投资额度", "Total investment of planned high-quality projects"),
     Bilingual("在建重点项目", "Key projects under construction"),
     Bilingual("专业园区全年营收", "Revenue of the specialized parks"),
     Bilingual("停车位", "Parking spaces")),
    ((Decimal(36), Decimal(9.92), Decimal(50), Decimal(1)),
     (Decimal(20), Decimal(7.4), Decimal(30), Decimal(2))),
    tuple(tuple(Bilingual(f"{v}亿元", f"RMB{NBSP}{v}{NBSP}billion")
                for v in ("3.6", "0.992", "5", "0.1")) for _ in range(2)),
    (Bilingual("2023年", "2023"), Bilingual("2022年", "2022")), None, Source("x", 1))
DONUT = Chart(
    "donut", Bilingual("图", "Chart"),
    (Bilingual("全年优良天数", "Days of good air quality in the year"), Bilingual("其他", "Other")),
    ((Decimal(7), Decimal(3)),),
    ((Bilingual("7个", f"7{NBSP}projects"), Bilingual("3个", f"3{NBSP}projects")),),
    (), None, Source("x", 1))
# twelve slices, the chart limit, with labels that wrap: the legend is taller than the pie
SECTORS = [("先进制造业", "Advanced manufacturing"), ("新能源", "New energy"),
           ("数字经济", "Digital economy"), ("文化旅游", "Cultural tourism"),
           ("现代服务业", "Modern services"), ("现代农业", "Modern agriculture"),
           ("生物医药", "Biomedicine and health"), ("新材料", "New materials"),
           ("商贸物流", "Trade and logistics"), ("节能环保", "Energy saving"),
           ("电子信息", "Electronic information"), ("其他产业", "Other industries")]
TWELVE = Chart(
    "pie", Bilingual("图", "Chart"), tuple(Bilingual(*s) for s in SECTORS),
    (tuple(Decimal(12 - i) for i in range(12)),),
    (tuple(Bilingual(f"{12 - i}.5亿元", f"RMB{NBSP}{12 - i}.5{NBSP}billion")
           for i in range(12)),),
    (), None, Source("x", 1), tuple(Bilingual("8.3%", "8.3%") for _ in range(12)))


def shapes(node, x: float = 0.0, y: float = 0.0):  # type: ignore[no-untyped-def]
    """Every String and filled Rect of a drawing, in drawing coordinates."""
    for item in getattr(node, "contents", []):
        if isinstance(item, Group):
            tx, ty = (item.transform[4], item.transform[5]) if item.transform else (0, 0)
            yield from shapes(item, x + tx, y + ty)
        elif hasattr(item, "draw") and not isinstance(item, (String, Rect)):
            yield from shapes(item.draw(), x, y)  # a chart widget: its bars
        elif isinstance(item, String) or isinstance(item, Rect) and item.fillColor:
            yield item


def boxes(drawing):  # type: ignore[no-untyped-def]
    texts, bars = [], []
    for shape in shapes(drawing):
        x0, y0, x1, y1 = shape.getBounds()
        if isinstance(shape, String):
            if not shape.text.strip():
                continue  # the chart widget's own (empty) axis labels: no ink
            # the ink: from the baseline to the cap height, not the full advance box
            texts.append((shape.text, (x0, shape.y - 0.15 * shape.fontSize, x1,
                                       shape.y + 0.8 * shape.fontSize)))
        elif x1 - x0 < 200:  # a bar or a legend swatch, not a background
            bars.append((x0, y0, x1, y1))
    return texts, bars


def overlap(a, b) -> bool:  # type: ignore[no-untyped-def]
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


@pytest.mark.parametrize("theme", ["investor", "gov"])
@pytest.mark.parametrize("layout", ["stacked", "parallel", "en"])
def it_keeps_labels_apart_from_each_other_and_the_bars(theme: str, layout: str) -> None:
    prepared = prepare(SAMPLE, theme, layout)
    register_fonts(prepared.theme, prepared.document.characters | set(
        "额度停车位个…（）" + str(TWELVE.texts())))
    charts = [b for b in prepared.document.blocks if isinstance(b, Chart)] + [LONG, DONUT,
                                                                              TWELVE]
    for chart in charts:
        shown = " ".join(chart.value_text(s, i, lang) for s in range(len(chart.values))
                         for i in range(len(chart.labels)) for lang in ("zh", "en"))
        for width in (prepared.theme.page.frame_width_pt, 220.0):
            drawing = draw_chart(chart, prepared.theme, prepared.document.languages, width)
            texts, bars = boxes(drawing)
            for (t1, a), (t2, b) in combinations(texts, 2):
                assert not overlap(a, b), (t1, t2, width)
            for text, box in texts:
                assert not any(overlap(box, bar) for bar in bars), (text, width)
                assert box[0] >= -0.5 and box[2] <= width + 0.5, (text, width)
                assert box[1] >= -0.5 and box[3] <= drawing.height + 0.5, (text, width)
            for text, _ in texts:  # no word cut without a sign of it
                words = [w for w in re.split(r"[\s:：]+", text.replace("…", "")) if w]
                assert all(w in " ".join(l.get(lang) for l in chart.labels + chart.series_labels
                                         for lang in ("zh", "en")).replace(NBSP, " ") + " /"
                           or w in shown.replace(NBSP, " ")
                           or text.endswith("…") for w in words), text
