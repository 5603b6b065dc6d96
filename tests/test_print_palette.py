"""The print theme is for grayscale office printers: every colour its charts are drawn in
is a gray, in the PDF and in the DOCX's chart pictures (both drawn by charts.py)."""

from __future__ import annotations

from decimal import Decimal

from reportlab.graphics.shapes import Drawing, Group

from briefing.charts import draw_chart
from briefing.model import Bilingual, Chart, Source
from briefing.pipeline import prepare
from briefing.reportlab_fonts import register_fonts
from tests.conftest import SAMPLE


def fills(shape: object) -> list[object]:
    """Every fill and stroke colour of a drawing, its groups searched."""
    found = [getattr(shape, name) for name in ("fillColor", "strokeColor")
             if getattr(shape, name, None) is not None]
    if isinstance(shape, (Drawing, Group)):
        for child in shape.contents:
            found += fills(child)
    return found


def it_resolves_every_chart_colour_of_the_print_theme_to_a_gray() -> None:
    theme = prepare(SAMPLE, "print").theme
    assert len(theme.chart_colors) >= 3
    for color in theme.chart_colors:
        red, green, blue = (color[1:3], color[3:5], color[5:7])
        assert red == green == blue, color


def it_draws_a_print_chart_in_grays_only() -> None:
    theme = prepare(SAMPLE, "print").theme
    labels = tuple(Bilingual(f"类{i}", f"Kind {i}") for i in range(6))
    register_fonts(theme, frozenset("".join(b.zh + b.en for b in labels)) | frozenset(
        "0123456789.% "))
    for kind in ("pie", "bar"):  # a slice per colour; bars in the first
        chart = Chart(kind, Bilingual("构成", "Shares"), labels,
                      (tuple(Decimal(v) for v in (30, 25, 20, 12, 8, 5)),),
                      (tuple(Bilingual(f"{v}%", f"{v}%") for v in (30, 25, 20, 12, 8, 5)),),
                      (), None, Source(SAMPLE / "briefing.yaml", 1))
        drawing = draw_chart(chart, theme, ("zh", "en"), 400).expandUserNodes()
        colours = [c for c in fills(drawing) if hasattr(c, "red")]
        assert len({(c.red, c.green, c.blue) for c in colours}) >= (4 if kind == "pie" else 2)
        for colour in colours:
            assert abs(colour.red - colour.green) < 1e-6 and \
                abs(colour.green - colour.blue) < 1e-6, (kind, colour)
