"""Where a paragraph may split at a page (or column, or call-out) break: never after a line
that ends in a word broken at a hyphen ("manufac-|turing", "state-|owned"), a typesetter's
rule (TeX's \\brokenpenalty): the reader would carry half a word over the page. The line
goes on with the rest of the paragraph instead."""

from __future__ import annotations

import re
from typing import Any

_BROKEN_END = re.compile(r"[^\W\d_]-$")  # a letter, then the hyphen the line ends with
_WORD_START = re.compile(r"^\w")
MAX_LINES_SHORT = 4  # the most lines a page may end short to keep a word whole
MAX_LINES_MOVED = 2  # the most lines of room a paragraph leaves empty, going on whole


def line_text(line: Any) -> str:
    """The text of one of ReportLab's lines: (slack, words) of a one-style paragraph, or a
    FragLine of fragments."""
    if isinstance(line, tuple):
        return " ".join(str(word) for word in line[1])
    return "".join(getattr(word, "text", "") or "" for word in line.words)


def ends_in_broken_word(lines: list[Any], index: int) -> bool:
    """Does line `index` end inside a word, at a hyphen (the next line going on with it)?"""
    if index + 1 >= len(lines):
        return False
    return bool(_BROKEN_END.search(line_text(lines[index]).rstrip("\u00a0"))
                and _WORD_START.match(line_text(lines[index + 1]).lstrip()))


def lines_to_keep(lines: list[Any], fit: int, widows: bool) -> int:
    """How many of the lines stay before the break when `fit` fit: as ReportLab splits
    (one fewer where only the last line would go on, unless `widows` are allowed), then
    fewer while the last line kept ends in a broken word, at most MAX_LINES_SHORT fewer.
    Where one line would be left (ReportLab keeps no orphan), the whole paragraph goes on
    if at most MAX_LINES_MOVED fit: at the foot of a page, never atop one. Otherwise
    ReportLab's break stands."""
    if fit >= len(lines):
        return fit
    room = fit
    if not widows and len(lines) == fit + 1 and len(lines) > 3:
        fit -= 1
    keep = fit
    while keep > 0 and ends_in_broken_word(lines, keep - 1):
        keep -= 1
    if keep < 2:
        return 0 if room <= MAX_LINES_MOVED else fit
    return keep if fit - keep <= MAX_LINES_SHORT else fit
