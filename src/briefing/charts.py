"""Charts over figures, drawn once with ReportLab's graphics from theme colours and fonts.

The PDF writer places the drawing itself (vector); the DOCX writer places a PNG of the same
drawing (rendered through PDF by pdfium), so both formats show one chart. Labels are ours,
wrapped to their space, one line per language (chart_text.py): ReportLab's chart labels
neither wrap nor break lines. Every label lies inside the drawing: a legend taller than the
chart makes the drawing taller, so nothing placed after it is drawn over. Fills are the
theme's colours, then patterned (chart_fills.py).
"""

from __future__ import annotations

import io

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.doughnut import Doughnut
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.rl_config import _unset_

from .chart_fills import Fill, chart_fills, rect_marks, wedge_marks
from .chart_text import LINE, MIN_SIZE, ChartText, height_of
from .model import Chart, Lang, characters_of
from .reportlab_fonts import register_fonts
from .theme.resolve import ResolvedTheme

HEIGHT_PT = 200.0  # a chart's height, unless its legend needs more (or the page less)


class TextlessDrawing(Drawing):  # type: ignore[misc]  # (ReportLab is untyped)
    """A drawing without text (a KPI card's bar, a QR code). ReportLab's renderer opens a
    drawing in its initial font, Helvetica unless told, in an empty text object: the PDF
    would name a font it does not embed. This one opens in the font the canvas is in (the
    document's own, embedded)."""

    def draw(self, showBoundary: object = _unset_) -> None:  # noqa: N803
        self.initialFontName, self.initialFontSize = self.canv._fontname, self.canv._fontsize
        super().draw(showBoundary)


LABEL_LINES = 4  # at most, under the bars, for the category labels of all languages
GAP = 0.6  # between neighbouring labels, in font sizes
MIN_FIGURE_SIZE = 4.0  # the smallest a bar's value is set (it is never shortened)
LEGEND_MOST_PT = 2 * HEIGHT_PT  # a taller pie legend is set smaller, down to MIN_SIZE
MARGIN = 10.0  # around the pie, and left and right of the bars
DONUT_HOLE = 0.4  # the donut's hole, of its diameter (ReportLab's own default)
MIN_PLOT_PT = 40.0  # the least height of the bars' area


def draw_chart(chart: Chart, theme: ResolvedTheme, languages: tuple[Lang, ...],
               width_pt: float, height_pt: float = HEIGHT_PT) -> Drawing:
    """The chart as a ReportLab drawing `width_pt` wide and `height_pt` high, or as much
    higher as its legend needs: every label lies inside the drawing. (The theme's fonts
    are registered with ReportLab: reportlab_fonts.register_fonts.)"""
    drawing = Drawing(width_pt, height_pt)
    size = max(theme.style_for("table_cell", languages[0]).size_pt - 1.5, 6.5)
    text = ChartText(drawing, theme, size, HexColor(theme.styles["Normal"].color))
    # never Helvetica (ReportLab's default), even for no text: it would not be embedded
    drawing.initialFontName, drawing.initialFontSize = text.chains["zh"].faces[0], 10
    fills = chart_fills(theme.chart_colors, max(len(chart.labels), len(chart.values)))
    if chart.kind in ("pie", "donut"):
        _pie(chart, text, fills, languages)
    else:
        _bars(chart, text, fills, languages, theme)
    return drawing


def _pie(chart: Chart, text: ChartText, fills: list[Fill],
         languages: tuple[Lang, ...]) -> None:
    """The pie on the left, its legend beside it: label, value and share of each slice."""
    drawing = text.drawing
    width = drawing.width
    entries = [[(f"{label.get(lang)}{'：' if lang == 'zh' else ': '}"
                 f"{chart.value_text(0, i, lang)}", lang) for lang in languages]
               for i, label in enumerate(chart.labels)]
    diameter = max(min(drawing.height - 2 * MARGIN, width * 0.45), 2 * MARGIN)
    legend_x = diameter + 3 * MARGIN
    legend_width = width - legend_x - MARGIN
    legend = text.legend(entries, legend_width)
    while text.stacked_height(legend) > LEGEND_MOST_PT and text.size > MIN_SIZE:
        text.size = max(text.size - 0.5, MIN_SIZE)  # (a legend of twelve, in two languages)
        legend = text.legend(entries, legend_width)
    # the legend starts 2 margins down, and ends a margin above the drawing's foot
    drawing.height = max(drawing.height, text.stacked_height(legend) + 3 * MARGIN,
                         diameter + 2 * MARGIN)
    pie = Doughnut() if chart.kind == "donut" else Pie()
    pie.x, pie.y = MARGIN, drawing.height - MARGIN - diameter
    pie.width = pie.height = diameter
    pie.data = [float(v) for v in chart.values[0]]  # drawing only: printed as text
    pie.labels = None
    pie.slices.fontName = text.chains["zh"].faces[0]  # never Helvetica: not embedded
    pie.slices.strokeColor = HexColor("#FFFFFF")
    inner = 0.0
    if isinstance(pie, Doughnut):
        pie.innerRadiusFraction = DONUT_HOLE
        inner = diameter / 2 * DONUT_HOLE
    for i, fill in enumerate(fills):
        pie.slices[i].fillColor = HexColor(fill.color)
    drawing.add(pie)
    center = (pie.x + diameter / 2, pie.y + diameter / 2)
    for fill, (start, end) in zip(fills, _slice_angles(pie.data), strict=True):
        for mark in wedge_marks(fill, *center, diameter / 2, inner, start, end):
            drawing.add(mark)
    text.draw_legend(legend_x, drawing.height - 2 * MARGIN, legend, fills, legend_width)


def _slice_angles(values: list[float]) -> list[tuple[float, float]]:
    """Each slice's angles as ReportLab's pie draws them: from 12 o'clock, clockwise."""
    total = sum(values)
    angles = []
    start = 90.0
    for value in values:
        end = start - 360 * value / total
        angles.append((end, start))
        start = end
    return angles


def _bars(chart: Chart, text: ChartText, fills: list[Fill], languages: tuple[Lang, ...],
          theme: ResolvedTheme) -> None:
    """Bars (or a line) with each value above its bar, the categories under them, and
    for grouped bars the series' legend across the top."""
    drawing = text.drawing
    width_pt, size = drawing.width, text.size
    rows = [[float(v) for v in row] for row in chart.values]  # drawing only: printed as text
    grouped = len(rows) > 1
    slot = (width_pt - 2 * MARGIN) / len(rows[0])
    # the series' legend across the top, an entry per series side by side
    legend = text.legend([[(label.get(lang), lang) for lang in languages]
                          for label in chart.series_labels],
                         (width_pt - 2 * MARGIN) / len(rows)) if grouped else []
    legend_height = max(height_of(lines) for lines in legend) + 0.5 * size if legend else 0.0
    bar_slot = slot / len(rows) if grouped else slot
    # every label wrapped before the plot is sized: the values' lines above the tallest bar
    names_texts = [[(label.get(lang), lang) for lang in languages] for label in chart.labels]
    # each value in every language of the layout, grouped bars too (issue 15)
    values_texts = [[[(v.get(lang), lang) for lang in v.shown(languages)] for v in series]
                    for series in chart.value_texts]
    name_width, value_width = slot - GAP * size, bar_slot - GAP * size
    name_size = text.fitting_size([t for texts in names_texts for t in texts], name_width,
                                  MIN_SIZE)
    value_size = text.fitting_size([t for series in values_texts for texts in series
                                    for t in texts], value_width, MIN_FIGURE_SIZE)
    names = [text.block(texts, name_width, LABEL_LINES, name_size) for texts in names_texts]
    values = [[text.block(texts, value_width, 0, value_size) for texts in series]
              for series in values_texts]
    name_lines = max(len(lines) for lines in names)
    value_lines = max(len(lines) for series in values for lines in series)
    label_height = name_lines * name_size * LINE + 4
    above = value_lines * value_size * LINE + 6 + legend_height
    drawing.height = max(drawing.height, label_height + 6 + MIN_PLOT_PT + above)
    plot = VerticalBarChart() if chart.kind in ("bar", "grouped_bar") else HorizontalLineChart()
    plot.x, plot.y = MARGIN, label_height + 6
    plot.width = width_pt - 2 * MARGIN
    plot.height = drawing.height - plot.y - above
    plot.data = rows
    top = max(max(row) for row in rows)
    plot.valueAxis.valueMin = 0
    plot.valueAxis.valueMax = top if top > 0 else 1
    plot.valueAxis.visible = False  # each bar carries its value, in every language
    plot.categoryAxis.categoryNames = [""] * len(rows[0])
    for labels in (plot.categoryAxis.labels, plot.valueAxis.labels):
        labels.fontName = text.chains["zh"].faces[0]  # never Helvetica: not embedded
    plot.categoryAxis.strokeColor = HexColor(theme.boxes["table"].rule_color or "#999999")
    if isinstance(plot, VerticalBarChart):
        for i in range(len(rows)):
            plot.bars[i].fillColor = HexColor(fills[i].color)
            plot.bars[i].strokeColor = None
        plot.barWidth = 10
        plot.groupSpacing = 10
        plot.barSpacing = 2
        drawing.add(plot.draw())  # drawn here: its bars' places are known only then
        for fill, bars in zip(fills, plot._barPositions, strict=False):
            for x, y, w, h in bars:
                for mark in rect_marks(fill, x, y, w, h):
                    drawing.add(mark)
    else:
        plot.lines[0].strokeColor = HexColor(fills[0].color)
        plot.lines[0].strokeWidth = 2
        drawing.add(plot)
    for i, lines in enumerate(names):
        text.draw(plot.x + slot * (i + 0.5), plot.y - 4, lines, "middle")
        for s, row in enumerate(rows):
            center = plot.x + slot * i + bar_slot * (s + 0.5) if grouped else \
                plot.x + slot * (i + 0.5)
            height = plot.height * row[i] / plot.valueAxis.valueMax
            shown = values[s][i]
            text.draw(center, plot.y + height + 3 + value_size * LINE * len(shown), shown,
                      "middle")
    if grouped:
        text.draw_legend(plot.x, drawing.height - 2, legend, fills, plot.width, across=True)


def qr_drawing(link: str, size_pt: float) -> Drawing:
    """A QR code of the link, as vector graphics."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    widget = QrCodeWidget(link, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = TextlessDrawing(size_pt, size_pt, transform=[size_pt / (x1 - x0), 0, 0,
                                                    size_pt / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def chart_picture(chart: Chart, theme: ResolvedTheme, languages: tuple[Lang, ...],
                  width_pt: float) -> bytes:
    """The chart as a PNG for Word, drawn as for the PDF in the theme's body font (the one
    registered with ReportLab if it has the chart's characters, else for those only)."""
    register_fonts(theme, characters_of(chart.texts(), languages), exact=False)
    return chart_png(draw_chart(chart, theme, languages, width_pt))


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
