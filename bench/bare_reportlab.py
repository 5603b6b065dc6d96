"""Baseline: the sample briefing as a plain ReportLab platypus script.

    python bench/bare_reportlab.py OUT.pdf [--repeat N]

Reads bench/sample.json (see export_text.py) and typesets it the obvious way: the same four
Noto TTF fonts (embedded, subset), A4, Chinese paragraphs with wordWrap='CJK' followed by
their English, tables with a simple TableStyle for figure tables, call-outs and KPIs,
ReportLab's own charts (bar, doughnut) for charts, a page number in the footer. No briefing
imports: this is what the same job costs "by hand".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.doughnut import Doughnut
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent / "fonts"
ACCENT, SOFT, RULE, INK, MUTED = (HexColor(c) for c in
                                  ("#0B4F8A", "#EAF2FA", "#C9D4DF", "#1D2A36", "#4F5D6B"))


def register_fonts() -> None:
    """Parse the four fonts, once per process (a loop of builds would keep them)."""
    if "SC" in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in (("SC", "NotoSansSC-Regular"), ("SC-Bold", "NotoSansSC-Bold"),
                       ("Latin", "NotoSans-Regular"), ("Latin-Bold", "NotoSans-Bold")):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{file}.ttf")))


def style(name: str, lang: str, size: float, leading: float, bold: bool = False,
          **extra) -> ParagraphStyle:
    """A paragraph style; Chinese ones break lines CJK-style."""
    font = ("SC" if lang == "zh" else "Latin") + ("-Bold" if bold else "")
    return ParagraphStyle(f"{name}-{lang}", fontName=font, fontSize=size, leading=leading,
                          textColor=INK if lang == "zh" else MUTED,
                          wordWrap="CJK" if lang == "zh" else None, **extra)


STYLES = {
    "title": (style("title", "zh", 26, 36, True), style("title", "en", 17, 22, spaceAfter=18)),
    "cover": (style("cover", "zh", 12, 17), style("cover", "en", 10, 14, spaceAfter=8)),
    "heading": (style("h1", "zh", 15, 21, True, spaceBefore=16, keepWithNext=1),
                style("h1", "en", 11.5, 15, True, spaceAfter=8, keepWithNext=1)),
    "paragraph": (style("body", "zh", 10.5, 17, alignment=TA_JUSTIFY, spaceAfter=3),
                  style("body", "en", 9.5, 13.5, spaceAfter=9)),
    "bullet": (style("li", "zh", 10.5, 17, leftIndent=14, bulletIndent=3),
               style("li", "en", 9.5, 13.5, leftIndent=14, spaceAfter=5)),
    "caption": (style("cap", "zh", 10, 14, True, spaceBefore=4, keepWithNext=1),
                style("cap", "en", 9, 12, True, spaceAfter=4, keepWithNext=1)),
    "cell": (style("td", "zh", 9.5, 13), style("td", "en", 8, 10.5)),
    "number": (style("num", "zh", 9.5, 13, True, alignment=TA_RIGHT),
               style("num", "en", 8, 10.5, alignment=TA_RIGHT)),
    "figure": (style("fig", "zh", 20, 26, True), style("fig", "en", 12, 16, True, spaceAfter=3)),
    "kpi": (style("kpi", "zh", 17, 22, True, alignment=TA_CENTER),
            style("kpi", "en", 9.5, 12, True, alignment=TA_CENTER, spaceAfter=4)),
    "kpi_label": (style("kl", "zh", 9, 12.5, alignment=TA_CENTER),
                  style("kl", "en", 8, 10, alignment=TA_CENTER)),
}
WIDTH = A4[0] - 40 * mm
SHARES = {3: (0.46, 0.30, 0.24), 4: (0.28, 0.25, 0.20, 0.27)}  # figures; the Sources table


def both(role: str, zh: str, en: str, **extra) -> list[Paragraph]:
    """Chinese then English, in the role's two styles; empty texts are skipped."""
    zh_style, en_style = STYLES[role]
    return [Paragraph(escape(text), s, **extra)
            for text, s in ((zh, zh_style), (en, en_style)) if text]


def table(rows: list[list], widths: list[float], commands: list[tuple]) -> Table:
    result = Table(rows, colWidths=widths, hAlign="LEFT", spaceBefore=6, spaceAfter=12)
    result.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("FONTNAME", (0, 0), (-1, -1), "SC"), *commands]))
    return result


def flowables(item: dict) -> list:
    """One sample.json item -> platypus flowables."""
    kind, zh, en, rows = item["kind"], item["zh"], item["en"], item.get("rows", [])
    if kind in ("heading", "paragraph"):
        return both(kind, zh, en)
    if kind == "bullet":
        return both("bullet", zh, "", bulletText="•") + both("bullet", "", en)
    if kind == "table":
        cells = [[both("cell", r["zh"][0], r["en"][0])] +
                 [both("number", z, e) for z, e in zip(r["zh"][1:], r["en"][1:])] for r in rows]
        return both("caption", zh, en) + [table(
            cells, [WIDTH * f for f in SHARES[len(rows[0]["zh"])]],
            [("BACKGROUND", (0, 0), (-1, 0), SOFT), ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE)])]
    if kind == "callout":
        (value, label), (value_en, label_en) = rows[0]["zh"], rows[0]["en"]
        figure = both("figure", value, value_en) + both("cell", label, label_en)
        return [table([[figure, both("paragraph", zh, en)]], [WIDTH * 0.36, WIDTH * 0.64],
                      [("BACKGROUND", (0, 0), (-1, -1), SOFT),
                       ("LINEBEFORE", (0, 0), (0, 0), 4, ACCENT)])]
    if kind == "kpis":
        cards = [both("kpi", r["zh"][0], r["en"][0]) + both("kpi_label", r["zh"][1], r["en"][1])
                 for r in rows]
        return [table([cards], [WIDTH / len(cards)] * len(cards),
                      [("BACKGROUND", (0, 0), (-1, -1), SOFT),
                       ("GRID", (0, 0), (-1, -1), 0.5, RULE)])]
    if kind == "chart":
        return both("caption", zh, en) + [chart(item)]
    raise ValueError(f"unknown kind {kind!r}")


def chart(item: dict) -> Drawing:
    """ReportLab's own bar chart, or its pie / doughnut, labels in both languages."""
    drawing = Drawing(WIDTH, 62 * mm)
    if item["chart"] in ("pie", "donut"):  # a slice's label is one line
        pie = Doughnut() if item["chart"] == "donut" else Pie()
        pie.x, pie.y, pie.width, pie.height = WIDTH / 2 - 25 * mm, 6 * mm, 50 * mm, 50 * mm
        pie.data = item["values"][0]
        pie.labels = [f"{label['zh']} / {label['en']}" for label in item["labels"]]
        pie.slices.fontName, pie.slices.fontSize = "SC", 8
        for i in range(len(pie.data)):
            pie.slices[i].fillColor = (ACCENT, SOFT, RULE, MUTED)[i % 4]
        drawing.add(pie)
        return drawing
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 18 * mm, 14 * mm, WIDTH - 24 * mm, 44 * mm
    bars.data = item["values"]
    bars.bars[0].fillColor = ACCENT
    bars.categoryAxis.categoryNames = [f"{label['zh']}\n{label['en']}"
                                       for label in item["labels"]]
    for axis in (bars.categoryAxis, bars.valueAxis):
        axis.labels.fontName, axis.labels.fontSize = "SC", 7
    drawing.add(bars)
    return drawing


def footer(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont("SC", 8)
    canvas.drawCentredString(A4[0] / 2, 11 * mm, f"第 {doc.page} 页 · Page {doc.page}")
    canvas.restoreState()


def main(out: str, repeat: int = 1) -> None:
    register_fonts()
    data = json.loads((HERE / "sample.json").read_text(encoding="utf-8"))
    cover = data["cover"]
    story: list = [Spacer(1, 62 * mm), *both("title", cover["zh"][0], cover["en"][0]),
                   *both("cover", cover["zh"][1], cover["en"][1]), Spacer(1, 70 * mm)]
    for zh, en in zip(cover["zh"][2:], cover["en"][2:]):
        story += both("cover", zh, en)
    story.append(PageBreak())
    # --repeat: N times the body, for per-page cost; the closing Sources section once
    for item in data["items"] * repeat + data["closing"]:
        story += flowables(item)
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=20 * mm, bottomMargin=22 * mm, title=cover["en"][0])
    doc.build(story, onLaterPages=footer)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 4) or (len(sys.argv) == 4 and sys.argv[2] != "--repeat"):
        sys.exit("usage: bare_reportlab.py OUT.pdf [--repeat N]")
    main(sys.argv[1], int(sys.argv[3]) if len(sys.argv) == 4 else 1)
