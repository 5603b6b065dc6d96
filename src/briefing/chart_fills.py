"""The fills of a chart's slices and series: the theme's colours in order, then the same
colours dotted, then striped. Up to the chart limit (12 figures) no two fills are alike
with four colours or more, and a chart printed in grays (the gov and print themes) still
tells them apart: the pattern does what a colour cannot.

A pattern is drawn as marks over the solid fill, in white on a dark fill and in black on
a light one, inside the shape: a rectangle (a bar, a legend's swatch) or a slice.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, PolyLine, Shape
from reportlab.lib.colors import Color, HexColor

PATTERNS = ("solid", "dots", "stripes")
MOST_FILLS = 12  # the most figures a chart shows (ChartSpec.figures)
DEFAULT_COLORS = ("#333333", "#777777", "#AAAAAA", "#CCCCCC")  # a theme without its own
DOT_STEP, DOT_RADIUS = 4.5, 0.75  # points
STRIPE_STEP, STRIPE_WIDTH = 3.5, 0.9
SAMPLE = 0.4  # a stripe's ends are found to this many points inside a curved shape


@dataclass(frozen=True)
class Fill:
    color: str    # "#RRGGBB"
    pattern: str  # one of PATTERNS

    @property
    def ink(self) -> Color:
        """The colour of the pattern's marks: white on a dark fill, black on a light one."""
        return HexColor("#FFFFFF" if gray_level(self.color) < 0.55 else "#000000")


def chart_fills(colors: tuple[str, ...], count: int) -> list[Fill]:
    """The fills of `count` slices or series: each colour solid, then each dotted, then
    each striped."""
    palette = colors or DEFAULT_COLORS
    return [Fill(palette[i % len(palette)], PATTERNS[i // len(palette) % len(PATTERNS)])
            for i in range(count)]


def gray_level(color: str) -> float:
    """The colour's lightness as a grayscale printer prints it (Rec. 601 luma), 0 to 1."""
    red, green, blue = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue


Inside = Callable[[float, float], bool]


def rect_marks(fill: Fill, x: float, y: float, width: float, height: float) -> list[Shape]:
    """The pattern's marks inside a rectangle (none for a solid fill)."""
    return marks(fill, (x, y, x + width, y + height),
                 lambda px, py: x <= px <= x + width and y <= py <= y + height)


def wedge_marks(fill: Fill, cx: float, cy: float, radius: float, inner: float,
                start: float, end: float) -> list[Shape]:
    """The pattern's marks inside a slice: between radii `inner` and `radius`, from angle
    `start` to `end` (degrees, anticlockwise from the x axis)."""
    def inside(px: float, py: float) -> bool:
        r = math.hypot(px - cx, py - cy)
        angle = math.degrees(math.atan2(py - cy, px - cx))
        angle = start + (angle - start) % 360
        return inner <= r <= radius and angle <= end
    return marks(fill, (cx - radius, cy - radius, cx + radius, cy + radius), inside)


def marks(fill: Fill, box: tuple[float, float, float, float], inside: Inside) -> list[Shape]:
    """Dots on a staggered grid, or stripes at 45 degrees, where `inside` holds, kept
    clear of the shape's edge (a dot whole, a stripe's ends)."""
    if fill.pattern == "dots":
        return _dots(fill.ink, box, inside)
    if fill.pattern == "stripes":
        return _stripes(fill.ink, box, inside)
    return []


def _dots(ink: Color, box: tuple[float, float, float, float], inside: Inside) -> list[Shape]:
    x0, y0, x1, y1 = box
    found: list[Shape] = []
    row = 0
    y = y0 + DOT_STEP / 2
    while y < y1:
        x = x0 + DOT_STEP / 2 * (1 + row % 2)
        while x < x1:
            edge = DOT_RADIUS * 1.5
            if all(inside(x + dx, y + dy) for dx, dy in
                   ((edge, 0), (-edge, 0), (0, edge), (0, -edge))):
                found.append(Circle(x, y, DOT_RADIUS, fillColor=ink, strokeColor=None))
            x += DOT_STEP
        y += DOT_STEP * math.sqrt(3) / 2
        row += 1
    return found


def _stripes(ink: Color, box: tuple[float, float, float, float],
             inside: Inside) -> list[Shape]:
    """Lines x - y = c across the box, each cut into its stretches inside the shape."""
    x0, y0, x1, y1 = box
    found: list[Shape] = []
    margin = STRIPE_WIDTH
    c = x0 - y1 + STRIPE_STEP / 2
    while c < x1 - y0:
        start = max(x0, y0 + c)
        stop = min(x1, y1 + c)
        run: list[float] = []
        steps = max(int((stop - start) / SAMPLE), 1)
        for k in range(steps + 1):
            x = start + (stop - start) * k / steps
            if inside(x - margin, x - c) and inside(x + margin, x - c) \
                    and inside(x, x - c - margin) and inside(x, x - c + margin):
                run.append(x)
            elif run:
                found.append(_stripe(ink, run, c))
                run = []
        if run:
            found.append(_stripe(ink, run, c))
        c += STRIPE_STEP * math.sqrt(2)
    return found


def _stripe(ink: Color, run: list[float], c: float) -> PolyLine:
    return PolyLine([run[0], run[0] - c, run[-1], run[-1] - c], strokeColor=ink,
                strokeWidth=STRIPE_WIDTH)
