"""The ReportLab adapter of our Chinese line breaking: ReportLab's fragments in, the lines
of `clreq.break_lines` out, in ReportLab's own line forms.

ReportLab's CJK wrapping (`cjkFragSplit`) breaks between any two characters and keeps only
a Japanese-oriented list of characters off the start of a line: `，：；！？”` may start a
line, `“（《` may end one, and `7244` / `万元` may be torn apart. The rules are ours, in
clreq.py; this module holds the paragraphs that use them (`WrappedOnce`, each width's
lines kept, English loosened or set ragged where a justified gap would be too wide, split
at a page break where a reader accepts it; `ChineseParagraph`), and cjk_lines.py measures
the characters and builds the lines ReportLab draws.

It relies on ReportLab internals (Paragraph.breakLinesCJK, the kinds of ParaLines, the
justified-line drawing functions of reportlab.platypus.paragraph and more):
tests/pdf/test_reportlab_internals.py names each one and fails when one changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paragraph import Paragraph, ParaLines
from reportlab.platypus.paraparser import ParaFrag
from reportlab.rl_config import _FUZZ

from ...clreq import (
    NO_BREAK_SPACE,
    breakable_glue,
    trend_unit_break,
)
from ...reportlab_fonts import registered_files

# (installed on import: ReportLab's rejoining of split words, corrected; the line-drawing
# wrappers)
from . import fragwords, linedraw  # noqa: F401
from .cjk_lines import split_cjk_frags
from .page_end import lines_to_keep

LOOSE_EM = 0.5  # the widest gap between words a justified line may have, in ems
_ROOM_LEFT = 0.01  # points: what the first part of a paragraph split early leaves below it


def derived_style(style: ParagraphStyle, name: str, **changes: object) -> ParagraphStyle:
    """A copy of the style with some settings changed, without the values kept on the
    style for it alone (ReportLab's clone copies them): its fragment template
    (_plain_frag) and key of lines (_lines_key) would draw and break the copy's text at
    the original's size."""
    derived = style.clone(name, **changes)
    for cached in [key for key in derived.__dict__ if key.startswith("_")]:
        del derived.__dict__[cached]
    return derived


def _ragged(style: ParagraphStyle) -> ParagraphStyle:
    """The style, left-aligned (one copy per style). Unlike derived_style, the copy keeps
    the style's key of lines: its lines are the justified style's (alignment moves no
    break of English), and a split of the paragraph, which changes them, drops them under
    that one key."""
    ragged: ParagraphStyle | None = getattr(style, "_ragged", None)
    if ragged is None:
        ragged = style._ragged = style.clone(f"{style.name} (ragged)", alignment=TA_LEFT)
    return ragged


class WrappedOnce(Paragraph):  # type: ignore[misc]  # (ReportLab is untyped)
    """A Paragraph that keeps its lines for the width it was last wrapped to. ReportLab
    wraps a paragraph again each time it measures it (keep-with-next, table cells, the
    second pass of a document with a contents page): two thirds of all line breaking.
    The lines are also kept for the process, by text, style and width (LINES): a watch
    loop's or a batch's next build breaks only the paragraphs that changed."""

    _wrapped_size: tuple[float, float]  # (width, height) for the width it was wrapped to
    blPara: Any  # ReportLab's lines (set by Paragraph.wrap, or from LINES)
    _wrapWidths: list[float]
    frags: list[Any]  # the fragments; after a wrap, ReportLab's words of the lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # (split() drops blPara when the paragraph moves on whole: then wrap again)
        if self.__dict__.get("_wrapped_width") != availWidth or "blPara" not in self.__dict__:
            key = self._lines_key(availWidth)
            known = LINES.get(key) if key else None
            # ReportLab's breakLines leaves its words of the lines in frags, and breaking
            # them again rejoins a compound it broke at its own hyphen without that
            # hyphen ("state-|owned" -> "stateowned", _rejoinSplitFragWords): every width
            # is broken from the paragraph's own fragments
            self.frags = self.__dict__.setdefault("_own_frags", self.frags)
            if known is None:
                self._wrapped_size = super().wrap(availWidth, availHeight)
                if self._loosen_wider_than(availWidth):
                    del self.blPara
                    self.frags = self.__dict__["_own_frags"]
                    self._wrapped_size = super().wrap(availWidth, availHeight)
                if key and "blPara" in self.__dict__:
                    if len(LINES) >= LINES_KEPT:
                        LINES.clear()
                    LINES[key] = (self.blPara, self._wrapWidths, self._wrapped_size)
            else:  # what Paragraph.wrap sets, from the same text, style and width
                self.blPara, self._wrapWidths, self._wrapped_size = known
                self.width, self.height = self._wrapped_size
            self._wrapped_width = availWidth
            style: ParagraphStyle = self.__dict__["style"]
            if style.alignment == TA_JUSTIFY and self._too_loose():
                self.style = _ragged(style)
        taken = self.__dict__.get("_room_taken")
        if taken is not None and taken > self._wrapped_size[1]:  # (see split)
            self.height = taken  # (its lines are drawn from the top)
            return self._wrapped_size[0], taken
        return self._wrapped_size

    def _loosen_wider_than(self, width: float) -> bool:
        """Let a glued phrase (words joined by no-break spaces: "RMB 100 million") wider
        than the column break at its spaces; whether there was one. It would stick out."""
        room = width - self.style.leftIndent - self.style.rightIndent
        loosened = False
        before = ""  # the text of the fragment before (a ▲ drawn in another font)
        # the paragraph's own fragments: after a wrap of mixed fonts (a ▲ in a fallback
        # face) self.frags holds ReportLab's words of the lines, which have no text
        for frag in self.__dict__.get("_own_frags", self.frags):
            text = getattr(frag, "text", None)
            if not isinstance(text, str) or NO_BREAK_SPACE not in text:
                before = text if isinstance(text, str) else ""
                continue
            words = text.split(" ")
            for i, word in enumerate(words):
                if NO_BREAK_SPACE in word and \
                        stringWidth(word, frag.fontName, frag.fontSize) > room + _FUZZ:
                    mark = before[-1:] if i == 0 else ""  # (a ▲ kept with its number)
                    # a trend first parts from its unit ("▲ 3.4 | percentage points")
                    trend = trend_unit_break(mark + word)[len(mark):]
                    words[i] = trend if trend != word and all(
                        stringWidth(part, frag.fontName, frag.fontSize) <= room + _FUZZ
                        for part in trend.split(" ")) else breakable_glue(word, mark)
                    loosened = True
            frag.text = before = " ".join(words)
        return loosened

    def _too_loose(self) -> bool:
        """Would a justified line have a gap between words wider than LOOSE_EM? Then the
        column is too narrow to justify well, and the paragraph is set ragged right."""
        para = self.blPara
        space = getFont(self.style.fontName).stringWidth(" ", self.style.fontSize)
        limit = LOOSE_EM * self.style.fontSize
        for line in para.lines[:-1]:
            if para.kind == 0:
                extra, gaps = line[0], len(line[1]) - 1
            else:
                extra, gaps = line.extraSpace, line.wordCount - 1
                if getattr(line, "lineBreak", False):
                    continue
            if gaps > 0 and space + extra / gaps > limit:
                return True
        return False

    def split(self, availWidth, availHeight):  # type: ignore[no-untyped-def]  # noqa: N803
        # ReportLab's split changes the lines it takes apart: they are not kept then
        key = self._lines_key(self.__dict__.get("_wrapped_width", 0.0))
        if key:
            LINES.pop(key, None)
        room = self._room_before_broken_word(availWidth, availHeight)
        parts = super().split(availWidth, room)
        if room < availHeight and len(parts) == 2:
            # the first part takes the room it leaves: the lines kept for the next page
            # are not offered it again (they would end in the same broken word)
            parts[0]._room_taken = availHeight - _ROOM_LEFT
        return parts

    def _room_before_broken_word(self, width: float, height: float) -> float:
        """The height to split in: less by a line or more where the last line that fits
        ends in a word broken at a hyphen (page_end.py). Lines of one leading only (ours)."""
        if "blPara" not in self.__dict__:  # (as ReportLab's split: the lines it splits)
            self.wrap(width, height)
        auto_leading = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        leading = self.style.leading
        if auto_leading not in ("", "off") or leading <= 0:
            return height
        lines = self.blPara.lines
        fit = int(height / leading)
        widows = bool(getattr(self, "allowWidows", getattr(self.style, "allowWidows", 1)))
        keep = lines_to_keep(lines, fit, widows)
        if keep >= fit or (not widows and len(lines) == fit + 1 and keep == fit - 1):
            return height  # ReportLab's own split
        return (keep + 0.5) * leading if keep else 0.0

    def _lines_key(self, width: float) -> tuple[object, ...] | None:
        """What the lines depend on; None for the parts of a split paragraph (their lines
        are the first part's) and a width nothing fits in."""
        if getattr(self, "_splitpara", 0) or width < _FUZZ or not isinstance(self.text, str):
            return None
        return (type(self), getattr(self, "hanging", None), self.text, self.bulletText,
                style_key(self.style), width)

    def draw(self) -> None:
        if not getattr(self.canv, "measuring", False):  # see _BriefingTemplate.beforeDocument
            super().draw()


# Lines of the paragraphs this process laid out: (class, hanging, text, bullet, style,
# width) -> (blPara, wrap widths, size). Drawing reads the lines and leaves them as they
# were (the justification's spacing is set and reset around each line).
LINES: dict[tuple[object, ...], tuple[Any, list[float], tuple[float, float]]] = {}
LINES_KEPT = 20_000  # paragraph x width entries; then the lines are broken afresh


def style_key(style) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    """A ParagraphStyle by value: its plain settings (the font chain's effect is in the
    paragraph's markup) and the font files registered under its font names, kept on the
    style (made once per build)."""
    key = style.__dict__.get("_lines_key")
    if key is None:
        plain = (str, int, float, bool, type(None))
        values = tuple(sorted((name, value if isinstance(value, plain) else repr(value))
                              for name, value in vars(style).items()
                              if not name.startswith("_") and name not in ("parent", "font_chain")
                              and (isinstance(value, plain) or hasattr(value, "rgb"))))
        key = style._lines_key = (values, registered_files())
    return key  # type: ignore[no-any-return]



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
                               self.hanging, self.style.alignment == TA_JUSTIFY,
                               getattr(self.style, "tracking", 0.0))

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


__all__ = ["ChineseParagraph", "WrappedOnce", "derived_style", "split_cjk_frags"]
