"""A chart's labels: wrapped to their space where a reader accepts a break (the clreq rules
of clreq.clusters: Latin words at spaces, a number with its unit), set smaller or
shortened with "…" when they must be (charts show figures whose full labels are in the
tables). Each language is drawn in the faces of the theme's table text in that language
(its font, then the fallbacks, character by character, as the PDF's paragraphs are), so
that a chart's English is in the face of the body's English.
"""

from __future__ import annotations

from itertools import groupby
from typing import NamedTuple

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from .chart_fills import Fill, rect_marks
from .clreq import glue_number_phrases, glued_phrases, loosened
from .model import Lang
from .reportlab_fonts import FontChain
from .theme.resolve import ResolvedTheme

LINE = 1.2  # line pitch, in font sizes
LEGEND_LINES = 6  # the most lines of one legend entry
MIN_SIZE = 6.0  # the smallest a chart label is set before it is shortened


class Label(NamedTuple):
    """One line of a label: its text, size and language (which chooses its faces)."""

    text: str
    size: float
    lang: Lang


class ChartText:
    """Labels added to a drawing, each language in its own faces."""

    def __init__(self, drawing: Drawing, theme: ResolvedTheme, size: float, color: object):
        self.drawing, self.size, self.color = drawing, size, color
        self.chains = {lang: FontChain(theme.style_for("table_cell", lang).font, theme)
                       for lang in ("zh", "en")}

    def width(self, text: str, size: float, lang: Lang) -> float:
        chain = self.chains[lang]
        return sum(float(stringWidth("".join(chars), chain.faces[face], size))
                   for face, chars in groupby(text, key=chain.face_of))

    def fitting_size(self, texts: list[tuple[str, Lang]], width: float, least: float) -> float:
        """The size, from ours down to `least`, at which no phrase of the texts that should
        not be broken (a word, a number with its unit) is wider than `width`."""
        units = [(text[part[0][0]:part[-1][1]].strip(), lang) for text, lang in
                 ((glue_number_phrases(t), lang) for t, lang in texts)
                 for phrase in glued_phrases(text) for part in loosened(text, phrase)]
        size = self.size
        while size > least and any(self.width(unit, size, lang) > width
                                   for unit, lang in units):
            size = max(size - 0.5, least)
        return size

    def block(self, texts: list[tuple[str, Lang]], width: float, max_lines: int,
              size: float) -> list[Label]:
        """The lines of `texts` (one or more languages) within `width` at `size`: at most
        `max_lines`, each language keeping at least one, the rest shortened with "…"; as
        many as it takes when `max_lines` is 0 (a figure, never shortened)."""
        share = max(max_lines // max(len(texts), 1), 1)
        out: list[Label] = []
        for n, (raw, lang) in enumerate(texts):
            text = glue_number_phrases(raw)
            allowed = share if n < len(texts) - 1 else max(max_lines - len(out), 1)
            spans = self.wrap(text, width, size, lang)
            if max_lines and len(spans) > allowed:  # the rest shortened into the last line
                spans = spans[:allowed - 1] + [(spans[allowed - 1][0], len(text))]
            out += [Label((self.shorten(text[a:b].strip(), width, size, lang) if max_lines
                           else text[a:b].strip()).replace("\u00a0", " "), size, lang)
                    for a, b in spans]
        return out

    def draw(self, x: float, top: float, lines: list[Label], anchor: str) -> float:
        """Draw the lines from `top` downwards, each character in the face of its
        language's chain that has it; returns the y below the last line."""
        y = top
        for line in lines:
            y -= line.size * LINE
            chain = self.chains[line.lang]
            left = x - {"start": 0.0, "middle": 0.5, "end": 1.0}[anchor] * self.width(
                line.text, line.size, line.lang)
            for face, chars in groupby(line.text, key=chain.face_of):
                piece = "".join(chars)
                self.drawing.add(String(left, y, piece, fontName=chain.faces[face],
                                        fontSize=line.size, fillColor=self.color))
                left += float(stringWidth(piece, chain.faces[face], line.size))
        return y

    def legend(self, entries: list[list[tuple[str, Lang]]], width: float) -> list[list[Label]]:
        """Each entry's lines beside its swatch, `width` wide in all."""
        room = width - self.size * 2.2
        return [self.block(texts, room, LEGEND_LINES, self.fitting_size(texts, room, MIN_SIZE))
                for texts in entries]

    def stacked_height(self, legend: list[list[Label]]) -> float:
        """The height of a legend's entries stacked, a font size apart."""
        return sum(height_of(lines) for lines in legend) + self.size * (len(legend) - 1)

    def draw_legend(self, x: float, top: float, legend: list[list[Label]], fills: list[Fill],
                    width: float, across: bool = False) -> None:
        """A swatch and its lines per entry, stacked (or side by side: `across`)."""
        step = width / max(len(legend), 1)
        y = top
        for i, lines in enumerate(legend):
            left = x + step * i if across else x
            self.swatch(left, (top if across else y) - self.size * 0.95, fills[i])
            bottom = self.draw(left + self.size * 1.6, top if across else y, lines, "start")
            y = bottom - self.size

    def swatch(self, x: float, y: float, fill: Fill) -> None:
        self.drawing.add(Rect(x, y, self.size, self.size, fillColor=fill.color,
                              strokeColor=None))
        for mark in rect_marks(fill, x, y, self.size, self.size):
            self.drawing.add(mark)

    def wrap(self, text: str, width: float, size: float, lang: Lang) -> list[tuple[int, int]]:
        """Lines as spans of `text`, filled greedily with glued phrases (clreq.py:
        no break inside a word or a number, none before closing punctuation); a phrase
        too wide for a line breaks where a reader accepts it, then at each cluster."""
        pieces: list[tuple[int, int]] = []
        for phrase in glued_phrases(text):
            parts = [phrase]
            if self.width(text[phrase[0][0]:phrase[-1][1]].strip(), size, lang) > width:
                parts = loosened(text, phrase)
            for part in parts:
                if self.width(text[part[0][0]:part[-1][1]].strip(), size, lang) > width:
                    pieces += part
                else:
                    pieces.append((part[0][0], part[-1][1]))
        spans: list[tuple[int, int]] = []
        start = 0
        for a, b in pieces:
            if a > start and self.width(text[start:b].strip(), size, lang) > width:
                spans.append((start, a))
                start = a
        return spans + [(start, len(text))] if text[start:].strip() else spans

    def shorten(self, text: str, width: float, size: float, lang: Lang) -> str:
        """The text, cut at its end with "…" until it fits."""
        if self.width(text, size, lang) <= width:
            return text
        while text and self.width(text.rstrip() + "…", size, lang) > width:
            text = text[:-1]
        return text.rstrip() + "…"


def height_of(lines: list[Label]) -> float:
    """The height the lines take, drawn one under the other."""
    return sum(line.size * LINE for line in lines)
