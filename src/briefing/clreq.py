"""Chinese line breaking after W3C "Requirements for Chinese Text Layout" (clreq), as pure
functions over strings and character widths: no ReportLab, no python-docx.

- no line starts with closing punctuation (CANNOT_START),
- no line ends with opening punctuation (CANNOT_END),
- a number stays with the unit characters that follow it (`112.5亿元`, `46微克/立方米`),
- a run of Latin letters and digits breaks only at a space (never inside a word),
- a paragraph may let closing punctuation hang into the margin (`hanging`) instead of
  pushing a character to the next line; it never hangs more than one character.

`clusters` cuts text into pieces that must not be broken inside; `break_lines` fills lines
with them greedily. The PDF writer's adapter (writers/pdf/linebreak.py) measures the
characters and hands ReportLab the lines. Word and LibreOffice apply their own kinsoku
rules for punctuation but not our number-unit rule; the DOCX keeps its text as a person
would type it (no invisible joiners: Find and copy-paste must work), so there a number may
part from its unit at a line end.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NamedTuple

# Closing punctuation and marks that may not begin a line (full- and half-width forms).
CANNOT_START = frozenset(
    "，。、；：？！）》」』】〕〗〙〛｝］〉…‥—–～／・·％‰℃"
    "”’"
    ",.;:?!)]}%"
    "ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻"
)
# Opening punctuation that may not end a line.
CANNOT_END = frozenset("（《「『【〔〖〘〚｛［〈“‘([{")
# Characters that belong to a number written before them: units, classifiers, and the
# markers of approximation in our figures (余, 多, 以下). "2023年" stays together too.
NUMBER_UNITS = frozenset("万亿千百十元美个家套人次场天亩项余多以下上"
                         "微克立方米公顷吨年月日号期倍强/%‰")
NUMBER_CHARS = frozenset("0123456789.,")


def _is_latin(char: str) -> bool:
    """Letters and digits of alphabetic scripts: kept together as words."""
    return char.isalnum() and ord(char) < 0x2E80


def clusters(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of `text` that must not be broken inside. No break before a
    character that cannot start a line, after one that cannot end a line, or before a space
    (it stays at the end of its line); after a space, always; none inside a Latin word or
    number, joiners included (R&D, 1,883, U.S., e-mail); none between a number and its unit
    characters. Character classes are looked up once per character: this runs for every
    paragraph of every PDF."""
    if not text:
        return []
    flags = [_FLAGS.get(char) or _classify(char) for char in text]
    spans: list[tuple[int, int]] = []
    start = 0
    after_number = False  # does position i follow a number, or a unit character of one?
    before = flags[0]
    for i in range(1, len(text)):
        char = flags[i]
        after_number = bool(before & _NC or (after_number and before & _NU))
        kept = (char & (_CS | _SP) or before & _CE
                or not before & _SP and (
                    before & _LT and char & (_LT | _JN)
                    or before & _JN and char & _LT and i >= 2 and flags[i - 2] & _LT
                    or after_number and char & _NU))
        if not kept:
            spans.append((start, i))
            start = i
        before = char
    spans.append((start, len(text)))
    return spans


# character classes for clusters(); bit 0 is set for every classified character
_CS, _CE, _SP, _LT, _JN, _NU, _NC = (1 << k for k in range(1, 8))
_FLAGS: dict[str, int] = {}


def _classify(char: str) -> int:
    flags = 1 | (_CS if char in CANNOT_START else 0) | (_CE if char in CANNOT_END else 0)
    flags |= (_SP if char.isspace() else 0) | (_LT if _is_latin(char) else 0)
    flags |= (_JN if char in "-'’.,/&" else 0) | (_NU if char in NUMBER_UNITS else 0)
    flags |= _NC if char in NUMBER_CHARS and char != "," else 0
    _FLAGS[char] = flags
    return flags


class Line(NamedTuple):
    """text[start:end] on one line, `width` wide; `forced`: ended by a line break in the
    text (<br/>), not by the width."""

    start: int
    end: int
    width: float
    forced: bool = False


def break_lines(text: str, widths: Sequence[float], max_widths: Sequence[float],
                hanging: bool = False, line_breaks: Collection[int] = (),
                tolerance: float = 0.0) -> list[Line]:
    """The lines of `text`, whose character i is `widths[i]` wide: clusters filled in
    greedily, line n at most `max_widths[n]` wide (the last width for all later lines) plus
    `tolerance`. With `hanging`, a cluster ending in closing punctuation may overrun by
    that one mark. A cluster wider than a line (a 2,000-character string) is split by
    character. A line ends after the cluster of each index in `line_breaks`."""
    # prefix sums: the width of text[a:b] is ends[b] - ends[a]
    ends = [0.0]
    for width in widths:
        ends.append(ends[-1] + width)
    spans: list[Line] = []
    line_start = 0
    used = 0.0

    def max_width() -> float:
        return max_widths[min(len(spans), len(max_widths) - 1)]

    def end_line(end: int, width: float, forced: bool = False) -> None:
        nonlocal line_start, used
        spans.append(Line(line_start, end, width, forced))
        line_start, used = end, 0.0

    for start, end in clusters(text):
        width = ends[end] - ends[start]
        if line_breaks and any(k in line_breaks for k in range(start, end)):
            end_line(end, used + width, forced=True)
            continue
        limit = max_width() + tolerance
        if used + width <= limit:
            used += width
            continue
        hang = widths[end - 1] if hanging and text[end - 1] in CANNOT_START else 0.0
        if used + width - hang <= limit and start > line_start:
            used += width  # the closing punctuation hangs into the margin
            end_line(end, used)
            continue
        if start > line_start:
            end_line(start, used)
        # the cluster starts the new line; one wider than the line is split by character
        for k in range(start, end):
            if used + widths[k] > max_width() + tolerance and k > line_start:
                end_line(k, used)
            used += widths[k]
    if line_start < len(text) or not spans:
        end_line(len(text), used)
    return spans


def justified_characters(line: str) -> int:
    """How many characters of a justified Chinese line share its slack (spread between
    them, since Chinese has no spaces to widen): all but the spaces it ends with."""
    return len(line.rstrip())
