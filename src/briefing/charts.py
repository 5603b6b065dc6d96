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
from reportlab.rl_config import _unset_

from .clreq import glue_number_phrases, glued_phrases, loosened
from .model import Chart, Lang, characters_of
from .reportlab_fonts import font_names, register_fonts
from .theme.resolve import ResolvedTheme

HEIGHT_PT = 200.0


class TextlessDrawing(Drawing):  # type: ignore[misc]  # (ReportLab is untyped)
    """A drawing without text (a KPI card's bar, a QR code). ReportLab's renderer opens a
    drawing in its initial font, Helvetica unless told, in an empty text object: the PDF
    would name a font it does not embed. This one opens in the font the canvas is in (the
    document's own, embedded)."""

    def draw(self, showBoundary: object = _unset_) -> None:  # noqa: N803
        self.initialFontName, self.initialFontSize = self.canv._fontname, self.canv._fontsize
        super().draw(showBoundary)

LABEL_LINES = 4  # at most, under the bars, for the category labels of all languages
LINE = 1.2  # line pitch, in font sizes
GAP = 0.6  # between neighbouring labels, in font sizes
MIN_SIZE = 6.0  # the smallest a chart label is set before it is shortened
MIN_FIGURE_SIZE = 4.0  # the smallest a bar's value is set (it is never shortened)


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
        diameter = min(HEIGHT_PT - 20, width_pt * 0.45)  # the legend keeps half the width
        pie.x, pie.y = 10, HEIGHT_PT - 10 - diameter
        pie.width = pie.height = diameter
        pie.data = rows[0]
        pie.labels = None
        pie.slices.fontName = font  # never Helvetica: it would not be embedded
        pie.slices.strokeColor = HexColor("#FFFFFF")
        for i in range(len(rows[0])):
            pie.slices[i].fillColor = colors[i % len(colors)]
        drawing.add(pie)
        entries = [[f"{label.get(lang)}{'：' if lang == 'zh' else ': '}{value.get(lang)}"
                    for lang in languages]
                   for label, value in zip(chart.labels, chart.value_texts[0], strict=True)]
        text.legend(diameter + 30, HEIGHT_PT - 20, entries, colors, width_pt - diameter - 40)
        return drawing
    grouped = len(rows) > 1
    legend_height = size * 1.25 * (len(languages) + 0.5) if grouped else 0
    plot = VerticalBarChart() if chart.kind in ("bar", "grouped_bar") else HorizontalLineChart()
    slot = (width_pt - 20) / len(rows[0])
    bar_slot = slot / len(rows) if grouped else slot
    # every label wrapped before the plot is sized: the values' lines above the tallest bar
    names_texts = [[label.get(lang) for lang in languages] for label in chart.labels]
    # each value in every language of the layout, grouped bars too (issue 15)
    values_texts = [[[v.get(lang) for lang in v.shown(languages)] for v in series]
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
    plot.x, plot.y = 10, label_height + 6
    plot.width = width_pt - 20
    plot.height = HEIGHT_PT - label_height - 6 - value_lines * value_size * LINE - 6 - \
        legend_height
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
        entries = [[" / ".join(label.get(lang) for lang in languages)]
                   for label in chart.series_labels]
        text.legend(plot.x, HEIGHT_PT - 2, entries, colors, plot.width, across=True)
    return drawing


class _Text:
    """Strings added to a drawing, wrapped to a width where a reader accepts a break (the
    clreq rules of clreq.clusters: Latin words at spaces, a number with its unit),
    set smaller or shortened with "…" when they must be (charts show figures whose full
    labels are in the tables)."""

    def __init__(self, drawing: Drawing, font: str, size: float, color: object):
        self.drawing, self.font, self.size, self.color = drawing, font, size, color

    def width(self, text: str, size: float | None = None) -> float:
        return float(stringWidth(text, self.font, size or self.size))

    def fitting_size(self, texts: list[str], width: float, least: float) -> float:
        """The size, from ours down to `least`, at which no phrase of the texts that should
        not be broken (a word, a number with its unit) is wider than `width`."""
        texts = [glue_number_phrases(text) for text in texts]
        units = [text[part[0][0]:part[-1][1]].strip() for text in texts
                 for phrase in glued_phrases(text) for part in loosened(text, phrase)]
        size = self.size
        while size > least and any(self.width(unit, size) > width for unit in units):
            size = max(size - 0.5, least)
        return size

    def block(self, texts: list[str], width: float, max_lines: int,
              size: float) -> list[tuple[str, float]]:
        """The lines of `texts` (one or more languages) within `width` at `size`, as
        (text, size): at most `max_lines`, each language keeping at least one, the rest
        shortened with "…"; as many as it takes when `max_lines` is 0 (a figure, never
        shortened)."""
        share = max(max_lines // max(len(texts), 1), 1)
        out: list[str] = []
        for n, text in enumerate(glue_number_phrases(text) for text in texts):
            allowed = share if n < len(texts) - 1 else max(max_lines - len(out), 1)
            spans = self.wrap(text, width, size)
            if max_lines and len(spans) > allowed:  # the rest shortened into the last line
                spans = spans[:allowed - 1] + [(spans[allowed - 1][0], len(text))]
            out += [self.shorten(text[a:b].strip(), width, size) if max_lines
                    else text[a:b].strip() for a, b in spans]
        return [(line.replace("\u00a0", " "), size) for line in out]

    def draw(self, x: float, top: float, lines: list[tuple[str, float]], anchor: str) -> float:
        """Draw the lines from `top` downwards; returns the y below the last line."""
        y = top
        for line, size in lines:
            y -= size * LINE
            self.drawing.add(String(x, y, line, fontName=self.font, fontSize=size,
                                    fillColor=self.color, textAnchor=anchor))
        return y

    def legend(self, x: float, top: float, entries: list[list[str]], colors: list[Color],
               width: float, across: bool = False) -> None:
        """A colour swatch and its lines per entry, stacked (or side by side: `across`)."""
        step = width / max(len(entries), 1)
        y = top
        for i, texts in enumerate(entries):
            left = x + step * i if across else x
            self.drawing.add(Rect(left, (top if across else y) - self.size * 0.95, self.size,
                                  self.size, fillColor=colors[i % len(colors)], strokeColor=None))
            room = (step if across else width) - self.size * 2.2
            lines = self.block(texts, room, 6, self.fitting_size(texts, room, MIN_SIZE))
            bottom = self.draw(left + self.size * 1.6, top if across else y, lines, "start")
            y = bottom - self.size

    def wrap(self, text: str, width: float, size: float) -> list[tuple[int, int]]:
        """Lines as spans of `text`, filled greedily with glued phrases (clreq.py:
        no break inside a word or a number, none before closing punctuation); a phrase
        too wide for a line breaks where a reader accepts it, then at each cluster."""
        pieces: list[tuple[int, int]] = []
        for phrase in glued_phrases(text):
            parts = [phrase]
            if self.width(text[phrase[0][0]:phrase[-1][1]].strip(), size) > width:
                parts = loosened(text, phrase)
            for part in parts:
                if self.width(text[part[0][0]:part[-1][1]].strip(), size) > width:
                    pieces += part
                else:
                    pieces.append((part[0][0], part[-1][1]))
        spans: list[tuple[int, int]] = []
        start = 0
        for a, b in pieces:
            if a > start and self.width(text[start:b].strip(), size) > width:
                spans.append((start, a))
                start = a
        return spans + [(start, len(text))] if text[start:].strip() else spans

    def shorten(self, text: str, width: float, size: float) -> str:
        """The text, cut at its end with "…" until it fits."""
        if self.width(text, size) <= width:
            return text
        while text and self.width(text.rstrip() + "…", size) > width:
            text = text[:-1]
        return text.rstrip() + "…"


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
