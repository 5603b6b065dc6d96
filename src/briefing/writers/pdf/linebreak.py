"""The ReportLab adapter of our Chinese line breaking: ReportLab's fragments in, the lines
of `clreq.break_lines` out, in ReportLab's own line forms.

ReportLab's CJK wrapping (`cjkFragSplit`) breaks between any two characters and keeps only
a Japanese-oriented list of characters off the start of a line: `，：；！？”` may start a
line, `“（《` may end one, and `7244` / `万元` may be torn apart. The rules are ours, in
clreq.py; this module measures the characters, builds the lines ReportLab draws, spreads a
justified Chinese line's slack between its characters (character spacing, PDF `Tc`, since
ReportLab justifies only at spaces) and keeps a paragraph's lines across a page break.

It relies on ReportLab internals (Paragraph.breakLinesCJK, the kinds of ParaLines, the
justified-line drawing functions of reportlab.platypus.paragraph and more):
tests/pdf/test_reportlab_internals.py names each one and fails when one changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.rl_accel import sameFrag
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paragraph import FragLine, Paragraph, ParaLines, imgNormV, imgVRange
from reportlab.platypus.paraparser import ParaFrag
from reportlab.rl_config import _FUZZ

from ...clreq import Line, break_lines, justified_characters
from ...reportlab_fonts import char_widths

# ReportLab's functions that draw one justified line (see the end of this module)
LineDrawer = Callable[..., Any]


def split_cjk_frags(frags: list[ParaFrag], max_widths: list[float], calc_bounds: bool,
                    hanging: bool = True) -> ParaLines:
    """Replacement for ReportLab's cjkFragSplit that follows the rules of clreq.py."""
    text, owner, widths = _characters(frags)
    # a <br/>: ReportLab marks the fragment; the line ends after its cluster
    line_breaks = {k for k, f in enumerate(owner) if getattr(f, "lineBreak", False)}
    spans = break_lines(text, widths, max_widths, hanging, line_breaks, tolerance=_FUZZ)
    if _plain(frags):
        return _plain_lines(frags[0], text, spans, max_widths)
    lines = []
    for n, (start, end, width, forced) in enumerate(spans):
        limit = max_widths[min(n, len(max_widths) - 1)]
        line = _line(text, owner, start, end, limit, width, limit - width, forced,
                     calc_bounds)
        last = n == len(spans) - 1 and not forced
        line.cjkChars = 0 if last else justified_characters(text[start:end])
        lines.append(line)
    return ParaLines(kind=1, lines=lines)


class _PlainLine(list[str]):
    """The words of a line of a one-style paragraph ([its text], as ReportLab's own
    one-fragment lines), with how many characters share its slack when justified."""

    cjk_chars = 0


def _plain(frags: list[ParaFrag]) -> bool:
    """One fragment with nothing drawn beside its text (links, underlines, a background,
    a line break, an inline image): ReportLab draws its lines as plain strings."""
    if len(frags) != 1:
        return False
    frag = frags[0]
    return not (getattr(frag, "cbDefn", None) or getattr(frag, "lineBreak", False)
                or getattr(frag, "us_lines", None) or getattr(frag, "link", None)
                or getattr(frag, "backColor", None) or bool(getattr(frag, "rise", 0)))


def _plain_lines(frag: ParaFrag, text: str, spans: list[Line],
                 max_widths: list[float]) -> ParaLines:
    """Lines of a one-style paragraph in ReportLab's simple form (kind 0): a line is
    (slack, [text]), drawn with one text operator and no per-fragment work (drawing the
    fragment form was a tenth of a page's time)."""
    lines = []
    for n, (start, end, width, _forced) in enumerate(spans):
        words = _PlainLine([text[start:end]])
        if n < len(spans) - 1:
            words.cjk_chars = justified_characters(text[start:end])
        lines.append((max_widths[min(n, len(max_widths) - 1)] - width, words))
    ascent, descent = getAscentDescent(frag.fontName, frag.fontSize)
    return frag.clone(kind=0, lines=lines, ascent=ascent, descent=descent)


def _characters(frags: list[ParaFrag]) -> tuple[str, list[ParaFrag], list[float]]:
    """The paragraph's text, and for each character its fragment and width. (ReportLab
    wraps every character in an object and measures it alone; widths are looked up per
    font and size here.)"""
    text: list[str] = []
    owner: list[ParaFrag] = []
    widths: list[float] = []
    for frag in frags:
        # a fragment split off simple lines (ReportLab's _split_blParaSimple) holds the
        # lines' texts as words
        chunk = frag.text if hasattr(frag, "text") else "".join(getattr(frag, "words", ()))
        chunk = chunk or ""
        if isinstance(chunk, bytes):
            chunk = chunk.decode("utf8")
        text.append(chunk)
        owner += [frag] * len(chunk)
        if hasattr(frag, "cbDefn"):  # an inline image or anchor: its own width, as cjkU
            widths += [getattr(frag.cbDefn, "width", 0)] * len(chunk)
            continue
        known = char_widths(frag.fontName, frag.fontSize)
        for char in chunk:
            width = known.get(char)
            if width is None:
                width = known[char] = getFont(frag.fontName).stringWidth(char, frag.fontSize)
            widths.append(width)
    return "".join(text), owner, widths


def _line(text: str, owner: list[ParaFrag], start: int, end: int, max_width: float, width: float,
          extra: float, line_break: bool, calc_bounds: bool) -> FragLine:
    """ReportLab's makeCJKParaLine for text[start:end], taken a run of characters of one
    fragment at a time: ReportLab compares and measures the fragment of every character
    (sameFrag, getAscentDescent), which was a third of the PDF's layout time."""
    words = []
    current = FragLine()
    pieces: list[str] = []
    max_size = max_ascent = min_descent = 0
    k = start
    while k < end:
        frag = owner[k]
        run_end = k + 1
        while run_end < end and owner[run_end] is frag:
            run_end += 1
        size = frag.fontSize
        image = getattr(frag, "cbDefn", None)
        if calc_bounds and image is not None and bool(getattr(image, "width", 0)):
            descent, ascent = imgVRange(imgNormV(image.height, size), image.valign, size)
        else:
            ascent, descent = getAscentDescent(frag.fontName, size)
        max_size, max_ascent = max(max_size, size), max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
        if not sameFrag(current, frag):
            current = current.clone()
            current.text = "".join(pieces)
            words.append(current)
            pieces = []
            current = frag
        pieces.append(text[k:run_end])
        k = run_end
    if pieces:
        current = current.clone()
        current.text = "".join(pieces)
        words.append(current)
    return FragLine(kind=1, extraSpace=extra, wordCount=1, words=words[1:], fontSize=max_size,
                    ascent=max_ascent, descent=min_descent, maxWidth=max_width,
                    currentWidth=width, lineBreak=line_break)


class WrappedOnce(Paragraph):  # type: ignore[misc]  # (ReportLab is untyped)
    """A Paragraph that keeps its lines for the width it was last wrapped to. ReportLab
    wraps a paragraph again each time it measures it (keep-with-next, table cells, the
    second pass of a document with a contents page): two thirds of all line breaking."""

    _wrapped_size: tuple[float, float]  # (width, height) for the width it was wrapped to

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # (split() drops blPara when the paragraph moves on whole: then wrap again)
        if self.__dict__.get("_wrapped_width") != availWidth or "blPara" not in self.__dict__:
            self._wrapped_size = super().wrap(availWidth, availHeight)
            self._wrapped_width = availWidth
        return self._wrapped_size

    def draw(self) -> None:
        if not getattr(self.canv, "measuring", False):  # see _BriefingTemplate.beforeDocument
            super().draw()


class ChineseParagraph(WrappedOnce):
    """A ReportLab Paragraph whose CJK lines are broken by `split_cjk_frags`."""

    def __init__(self, text: str, style: ParagraphStyle, hanging: bool = True,
                 **kwargs: Any) -> None:
        self.hanging = hanging
        super().__init__(text, style, **kwargs)

    def breakLinesCJK(self, maxWidths: float | list[float]) -> ParaLines:  # noqa: N802, N803
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and bool(getattr(self, "_splitpara", 0)):
            lines = self.blPara.lines  # the first part of a split: its lines as they were
            if lines and isinstance(lines[0], tuple):  # ReportLab wraps them as kind 1
                return self.frags[0].clone(kind=0, lines=lines)
            return self.blPara
        rl_paragraph._handleBulletWidth(self.bulletText, self.style, maxWidths)
        if not self.frags:
            return super().breakLinesCJK(maxWidths)
        auto_leading = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        return split_cjk_frags(self.frags, list(maxWidths), auto_leading not in ("", "off"),
                               self.hanging)

    def _get_split_blParaFunc(self) -> Callable[..., list[ParaFrag]]:  # noqa: N802
        # ReportLab joins the lines of the part after a page break with a space each (its
        # lines dropped the spaces they broke at); ours keep every character
        if self.blPara.kind == 1 and not rl_paragraph._processed_frags(self.frags):
            return _split_lines
        theirs: Callable[..., list[ParaFrag]] = super()._get_split_blParaFunc()
        return theirs


def _split_lines(bl_para: ParaLines, start: int, stop: int) -> list[ParaFrag]:
    """The fragments of lines start..stop, as they are."""
    return [word for line in bl_para.lines[start:stop] for word in line.words]


def _spread(tx: PDFTextObject, count: int, extra: float, last: int) -> bool:
    """Set the character spacing that spreads a justified line's slack evenly between its
    `count` characters; False (nothing set) for a last line, one character or no slack."""
    if count > 1 and not last and abs(extra) > 1e-6:
        tx.setCharSpace(extra / (count - 1))
        return True
    return False


def _justify_with_character_spacing(original: LineDrawer) -> LineDrawer:
    """ReportLab justifies by widening spaces; Chinese has none. Lines made by
    split_cjk_frags carry `cjkChars`, and their slack is spread between characters."""

    def draw(tx: PDFTextObject, offset: float, line: FragLine, last: int = 0) -> Any:
        extra = getattr(line, "extraSpace", 0)
        if getattr(line, "lineBreak", False) or not _spread(
                tx, getattr(line, "cjkChars", 0), extra, last):
            return original(tx, offset, line, last)
        try:
            line.extraSpace = 0
            return original(tx, offset, line, last)
        finally:
            line.extraSpace = extra
            tx.setCharSpace(0)

    draw.wrapped = original  # type: ignore[attr-defined]
    return draw


def _justify_plain_with_character_spacing(original: LineDrawer) -> LineDrawer:
    """The same for the simple lines of one-style paragraphs (_PlainLine)."""

    def draw(tx: PDFTextObject, offset: float, extraspace: float, words: list[str],
             last: int = 0) -> Any:
        if not _spread(tx, getattr(words, "cjk_chars", 0), extraspace, last):
            return original(tx, offset, extraspace, words, last)
        try:
            return original(tx, offset, 0, words, last)
        finally:
            tx.setCharSpace(0)

    draw.wrapped = original  # type: ignore[attr-defined]
    return draw


if not hasattr(rl_paragraph._justifyDrawParaLine, "wrapped"):
    rl_paragraph._justifyDrawParaLine = _justify_plain_with_character_spacing(
        rl_paragraph._justifyDrawParaLine)
if not hasattr(rl_paragraph._justifyDrawParaLineX, "wrapped"):
    rl_paragraph._justifyDrawParaLineX = _justify_with_character_spacing(
        rl_paragraph._justifyDrawParaLineX)


__all__ = ["ChineseParagraph", "WrappedOnce", "split_cjk_frags"]
