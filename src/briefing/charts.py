"""Charts over figures, drawn once with ReportLab's graphics from theme colours and fonts.

The PDF writer places the drawing itself (vector); the DOCX writer places a PNG of the same
drawing (rendered through PDF by pdfium), so both formats show one chart. Labels are ours,
wrapped to their space, one line per language: ReportLab's chart labels neither wrap nor
break lines.
"""

from __future__ import annotations

import io

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.doughnut import Doughnut
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from .model import Chart, Lang, characters_of
from .reportlab_fonts import font_names, register_fonts
from .theme.resolve import ResolvedTheme

HEIGHT_PT = 200.0
LABEL_LINES = 4  # room under the bars for wrapped category labels


def draw_chart(chart: Chart, theme: ResolvedTheme, languages: tuple[Lang, ...],
               width_pt: float, font: str) -> Drawing:
    """The chart as a ReportLab drawing `width_pt` wide; `font` is a registered font name."""
    drawing = Drawing(width_pt, HEIGHT_PT, initialFontName=font, initialFontSize=10)
    colors = [HexColor(c) for c in theme.chart_colors] or [HexColor("#555555")]
    ink = HexColor(theme.styles["Normal"].color)
    size = max(theme.style_for("table_cell", languages[0]).size_pt - 1.5, 6.5)
    rows = [[float(v) for v in row] for row in chart.values]  # drawing only: printed as text
    text = _Text(drawing, font, size, ink)
    if chart.kind in ("pie", "donut"):
        pie = Doughnut() if chart.kind == "donut" else Pie()
        pie.x, pie.y = 10, 10
        pie.width = pie.height = HEIGHT_PT - 20
        pie.data = rows[0]
        pie.labels = None
        pie.slices.fontName = font  # never Helvetica: it would not be embedded
        pie.slices.strokeColor = HexColor("#FFFFFF")
        for i in range(len(rows[0])):
            pie.slices[i].fillColor = colors[i % len(colors)]
        drawing.add(pie)
        entries = [[f"{label.get(lang)}  {value.get(lang)}" for lang in languages]
                   for label, value in zip(chart.labels, chart.value_texts[0], strict=True)]
        text.legend(HEIGHT_PT + 10, HEIGHT_PT - 20, entries, colors, width_pt - HEIGHT_PT - 20)
        return drawing
    grouped = len(rows) > 1
    legend_height = size * 1.25 * (len(languages) + 0.5) if grouped else 0
    plot = VerticalBarChart() if chart.kind in ("bar", "grouped_bar") else HorizontalLineChart()
    label_height = LABEL_LINES * size * 1.25
    plot.x, plot.y = 10, label_height + 6
    plot.width = width_pt - 20
    slot = plot.width / len(rows[0])
    bar_width = slot / len(rows) if grouped else slot
    # each value in every language of the layout, wrapped to its bar (grouped bars too)
    value_lines = [[[line for lang in chart.value_texts[s][i].shown(languages)
                     for line in _wrap_value(text, chart.value_texts[s][i].get(lang),
                                             bar_width - 2)]
                    for i in range(len(rows[0]))] for s in range(len(rows))]
    above = max(2.6, max(len(lines) for row in value_lines for lines in row) + 0.6)
    plot.height = HEIGHT_PT - label_height - 6 - above * size * 1.25 - legend_height
    plot.data = rows
    top = max(max(row) for row in rows)
    plot.valueAxis.valueMin = 0
    plot.valueAxis.valueMax = top if top > 0 else 1
    plot.valueAxis.visible = False  # each bar carries its value, in every language
    plot.categoryAxis.categoryNames = [""] * len(rows[0])
    for labels in (plot.categoryAxis.labels, plot.valueAxis.labels):
        labels.fontName = font  # never Helvetica: it would not be embedded
    plot.categoryAxis.strokeColor = HexColor(theme.boxes["table"].rule_color or "#999999")
    if isinstance(plot, VerticalBarChart):
        for i in range(len(rows)):
            plot.bars[i].fillColor = colors[i % len(colors)]
            plot.bars[i].strokeColor = None
        plot.barWidth = 10
        plot.groupSpacing = 10
        plot.barSpacing = 2
    else:
        plot.lines[0].strokeColor = colors[0]
        plot.lines[0].strokeWidth = 2
    drawing.add(plot)
    for i, label in enumerate(chart.labels):
        text.lines(plot.x + slot * (i + 0.5), plot.y - 4, [label.get(lang) for lang in languages],
                   slot - 4, "middle", max_lines=LABEL_LINES)
        for s, row in enumerate(rows):
            lines = value_lines[s][i]
            center = plot.x + slot * i + bar_width * (s + 0.5) if grouped else \
                plot.x + slot * (i + 0.5)
            height = plot.height * row[i] / plot.valueAxis.valueMax
            text.lines(center, plot.y + height + 4 + size * 1.2 * len(lines), lines,
                       bar_width - 2, "middle", max_lines=len(lines))
    if grouped:
        entries = [[" / ".join(label.get(lang) for lang in languages)]
                   for label in chart.series_labels]
        text.legend(plot.x, HEIGHT_PT - 2, entries, colors, plot.width, across=True)
    return drawing


def _wrap_value(text: _Text, value: str, width: float) -> list[str]:
    """A value's lines over a bar: whole if it fits, else broken at its (non-breaking)
    spaces rather than inside a word ("RMB 5.621 / billion", not "billi / on")."""
    lines = text.wrap(value, width)
    return lines if len(lines) == 1 else text.wrap(value.replace("\u00a0", " "), width)


class _Text:
    """Strings added to a drawing, wrapped to a width: by words for Latin text, by
    characters for Chinese."""

    def __init__(self, drawing: Drawing, font: str, size: float, color: object):
        self.drawing, self.font, self.size, self.color = drawing, font, size, color

    def lines(self, x: float, top: float, texts: list[str], width: float, anchor: str,
              max_lines: int = 6) -> float:
        """Draw the texts from `top` downwards; returns the y below the last line."""
        y = top
        wrapped = [line for text in texts for line in self.wrap(text, width)][:max_lines]
        for line in wrapped:
            y -= self.size * 1.2
            self.drawing.add(String(x, y, line, fontName=self.font, fontSize=self.size,
                                    fillColor=self.color, textAnchor=anchor))
        return y

    def legend(self, x: float, top: float, entries: list[list[str]], colors: list[Color],
               width: float, across: bool = False) -> None:
        """A colour swatch and its lines per entry, stacked (or side by side: `across`)."""
        step = width / max(len(entries), 1)
        y = top
        for i, lines in enumerate(entries):
            left = x + step * i if across else x
            self.drawing.add(Rect(left, (top if across else y) - self.size * 0.95, self.size,
                                  self.size, fillColor=colors[i % len(colors)], strokeColor=None))
            bottom = self.lines(left + self.size * 1.6, top if across else y, lines,
                                (step if across else width) - self.size * 2, "start")
            y = bottom - self.size

    def wrap(self, text: str, width: float) -> list[str]:
        words = text.replace("\u00a0", " ").split(" ") if text.isascii() else list(text)
        joiner = " " if text.isascii() else ""
        lines: list[str] = []
        current = ""
        for word in words:
            candidate = f"{current}{joiner}{word}" if current else word
            if current and stringWidth(candidate, self.font, self.size) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        return lines + [current] if current else lines


def qr_drawing(link: str, size_pt: float) -> Drawing:
    """A QR code of the link, as vector graphics."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    widget = QrCodeWidget(link, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size_pt, size_pt, transform=[size_pt / (x1 - x0), 0, 0,
                                                    size_pt / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def chart_picture(chart: Chart, theme: ResolvedTheme, languages: tuple[Lang, ...],
                  width_pt: float) -> bytes:
    """The chart as a PNG for Word, drawn as for the PDF in the theme's body font (registered
    with ReportLab for the chart's own characters only)."""
    register_fonts(theme, characters_of(chart.texts(), languages))
    font = font_names(theme.fonts[theme.styles["Normal"].font])[0]
    return chart_png(draw_chart(chart, theme, languages, width_pt, font))


def chart_png(drawing: Drawing, dpi: int = 200) -> bytes:
    """The drawing as PNG, for Word: rendered through PDF so it looks as in the PDF."""
    import pypdfium2 as pdfium
    from reportlab.graphics import renderPDF

    pdf = pdfium.PdfDocument(renderPDF.drawToString(drawing))
    try:
        image = pdf[0].render(scale=dpi / 72).to_pil()
    finally:
        pdf.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
