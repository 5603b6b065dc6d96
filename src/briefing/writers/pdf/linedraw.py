"""ReportLab's line-drawing functions, wrapped for the lines linebreak.py builds: a
justified Chinese line's slack spread between its characters (character spacing, PDF `Tc`,
since ReportLab justifies only at spaces), a grid's tracking on every line, and the runs of
a one-style line each drawn with its own spacing. Installed into
reportlab.platypus.paragraph on import (linebreak.py imports this module);
tests/pdf/test_reportlab_internals.py checks the functions wrapped.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paragraph import FragLine

from ...clreq import JUSTIFY_CAP_EM


def _spread(tx, count: int, extra: float, last, base: float = 0.0,  # type: ignore[no-untyped-def]
            cap: float = float("inf")) -> bool:
    """Set the character spacing of a fragment line: `base` (a grid's tracking) plus, for a
    justified line, its slack spread evenly between its `count` characters, at most `cap`
    a character; False (nothing set) when there is nothing to set."""
    spread = 0.0
    if count > 1 and not last and abs(extra) > 1e-6:
        spread = min(extra / (count - 1), cap)
    if abs(base + spread) < 1e-9:
        return False
    tx.setCharSpace(base + spread)
    return True


def _with_character_spacing(original, justified: bool):  # type: ignore[no-untyped-def]
    """ReportLab justifies by widening spaces; Chinese has none. Fragment lines made by
    split_cjk_frags carry `cjkChars` (and `tracking`): a justified line's slack is spread
    between its characters, up to the cap; the tracking goes to every line."""

    def draw(tx: PDFTextObject, offset: float, line: FragLine, last: int = 0) -> Any:
        extra = getattr(line, "extraSpace", 0)
        size = getattr(line, "fontSize", 10)
        count = getattr(line, "cjkChars", 0) if justified else 0
        if getattr(line, "lineBreak", False):
            count = 0
        if not _spread(tx, count, extra, last, getattr(line, "tracking", 0.0),
                       JUSTIFY_CAP_EM * size):
            return original(tx, offset, line, last)
        spread = min(extra / (count - 1), JUSTIFY_CAP_EM * size) if count > 1 and not last \
            else 0.0
        try:
            line.extraSpace = extra - spread * max(count - 1, 0)
            if justified:
                line.extraSpace = 0
            return original(tx, offset, line, last)
        finally:
            line.extraSpace = extra
            tx.setCharSpace(0)

    draw.wrapped = original  # type: ignore[attr-defined]
    return draw


def _drawing_runs(original, align: str):  # type: ignore[no-untyped-def]
    """ReportLab's drawing of a simple line, for our lines with `runs`: each run drawn with
    its own character spacing (explicit positioning: ReportLab has no per-glyph advance),
    placed as the alignment says in what the line's slack leaves."""

    def draw(tx, offset, extraspace, words, last=0):  # type: ignore[no-untyped-def]
        runs = getattr(words, "runs", None)
        if runs is None:
            return original(tx, offset, extraspace, words, last)
        x = offset + {"center": extraspace / 2, "right": extraspace}.get(align, 0.0)
        rl_paragraph.setXPos(tx, x)
        current = 0.0  # the text object's character spacing, 0 between lines
        for text, spacing in runs:
            if abs(spacing - current) > 1e-9:
                tx.setCharSpace(spacing)
                current = spacing
            tx._textOut(text, 0)
        if current:
            tx.setCharSpace(0)
        tx._code.append("T*")
        rl_paragraph.setXPos(tx, -x)
        return x

    draw.wrapped = original  # type: ignore[attr-defined]
    return draw


for _align, _name in (("left", "_leftDrawParaLine"), ("center", "_centerDrawParaLine"),
                      ("right", "_rightDrawParaLine"), ("justify", "_justifyDrawParaLine")):
    if not hasattr(getattr(rl_paragraph, _name), "wrapped"):
        setattr(rl_paragraph, _name, _drawing_runs(getattr(rl_paragraph, _name), _align))
    if not hasattr(getattr(rl_paragraph, _name + "X"), "wrapped"):
        setattr(rl_paragraph, _name + "X", _with_character_spacing(
            getattr(rl_paragraph, _name + "X"), _align == "justify"))

