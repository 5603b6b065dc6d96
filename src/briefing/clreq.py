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

import re
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
                         "微克立方米公顷吨年月日号期倍强分点/%‰")  # 分点: 4.9个百分点
# Unit characters that end a number's units: what follows is a word of its own ("2026年|
# 年中", "1亿元以上|项目"), not one more unit
UNIT_ENDS = frozenset("年月日号上下")
NUMBER_CHARS = frozenset("0123456789.,")
# Marks that belong to the number after them: a KPI trend's arrow (▲ 1.3个百分点), a sign,
# a currency symbol. No break after one, nor after the no-break space that follows it.
PREFIX_MARKS = frozenset("▲▼△▽=±¥$€£")
DASH = "—"  # two make a 破折号 "——", which may start a line but never parts
NO_BREAK_SPACE = "\u00a0"  # the figures glue their phrases with it: "more than 12,000 people"


def _is_latin(char: str) -> bool:
    """Letters and digits of alphabetic scripts: kept together as words."""
    return char.isalnum() and ord(char) < 0x2E80


def clusters(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of `text` that must not be broken inside. No break before a
    character that cannot start a line, after one that cannot end a line, or before a space
    (it stays at the end of its line); after a space, always, but for the no-break space
    after a prefix mark (▲ 1.3, ¥ 5), which stays with both; none inside a Latin word or
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
        after_number = bool(before & _NC or (after_number and before & _NU
                                              and not before & _NE))
        kept = (char & (_CS | _SP) or before & (_CE | _PM)
                or before & _NB and i >= 2 and flags[i - 2] & _PM
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
_CS, _CE, _SP, _LT, _JN, _NU, _NC, _PM, _NB, _NE = (1 << k for k in range(1, 11))
_FLAGS: dict[str, int] = {}


def _classify(char: str) -> int:
    flags = 1 | (_CS if char in CANNOT_START else 0) | (_CE if char in CANNOT_END else 0)
    flags |= (_SP if char.isspace() else 0) | (_LT if _is_latin(char) else 0)
    flags |= (_JN if char in "-'’.,/&" else 0) | (_NU if char in NUMBER_UNITS else 0)
    flags |= _NC if char in NUMBER_CHARS and char != "," else 0
    flags |= (_PM if char in PREFIX_MARKS else 0) | (_NB if char == NO_BREAK_SPACE else 0)
    flags |= _NE if char in UNIT_ENDS else 0
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
                tolerance: float = 0.0, no_lone_last: bool = False) -> list[Line]:
    """The lines of `text`, whose character i is `widths[i]` wide: clusters filled in
    greedily, line n at most `max_widths[n]` wide (the last width for all later lines) plus
    `tolerance`. With `hanging`, a cluster ending in closing punctuation may overrun by
    that one mark. A cluster wider than a line (a 2,000-character string) is split by
    character, but never between the two dashes of a "——". A line ends after the cluster
    of each index in `line_breaks`. With `no_lone_last`, a last line of one character
    gets the one before (lone_last)."""
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

    pieces = clusters(text)
    for start, end in pieces:
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
        # the cluster starts the new line; one wider than the line breaks by character,
        # but a trend's between its number and its unit if both then fit ("▲ 1.3 |
        # 个百分点", not "▲ 1.3个百分 | 点")
        first = start
        unit = _unit_start(text, start, end) if text[start] in PREFIX_MARKS else None
        if unit and ends[end] - ends[start] > max_width() + tolerance \
                and max(ends[unit] - ends[start], ends[end] - ends[unit]) \
                <= max_width() + tolerance:
            used = ends[unit] - ends[start]
            end_line(unit, used)
            first = unit
        for k in range(first, end):
            if used + widths[k] > max_width() + tolerance and k > line_start:
                if text[k - 1] == text[k] == DASH and k - 1 > line_start:
                    end_line(k - 1, used - widths[k - 1])  # a 破折号 "——" never parts:
                    used = widths[k - 1]  # it starts the line (clreq allows it)
                else:
                    end_line(k, used)
            used += widths[k]
    if line_start < len(text) or not spans:
        end_line(len(text), used)
    if no_lone_last:
        lone_last(text, spans, pieces, ends, max_widths[min(len(spans), len(max_widths)) - 1]
                  + tolerance)
    return spans


def _unit_start(text: str, start: int, end: int) -> int | None:
    """Where the unit of a number begins in text[start:end] (1.3|个百分点), if it does."""
    for k in range(start + 1, end):
        if text[k - 1].isdigit() and text[k] in NUMBER_UNITS and not text[k].isdigit():
            return k
    return None


def lone_last(text: str, spans: list[Line], pieces: list[tuple[int, int]],
              ends: list[float], limit: float) -> None:
    """A paragraph's last line of a single character (a table cell's "局"), which clreq
    counts among the short last lines to avoid, gets the last cluster of the line before,
    when both still fit and that line keeps two characters. `ends`: prefix sums of the
    widths; `limit`: the last line's width. Changes `spans` in place."""
    if len(spans) < 2 or spans[-2].forced:
        return
    previous, last = spans[-2], spans[-1]
    shown = [c for c in text[last.start:last.end] if not c.isspace() and c not in CANNOT_START]
    if len(shown) != 1 or not is_cjk(shown[0]):
        return
    cut = max((start for start, _ in pieces if previous.start < start < previous.end),
              default=previous.start)
    if cut - previous.start < 2 or ends[last.end] - ends[cut] > limit:
        return
    spans[-2] = Line(previous.start, cut, ends[cut] - ends[previous.start])
    spans[-1] = Line(cut, last.end, ends[last.end] - ends[cut], last.forced)


# Full-width punctuation drawn in one half of its em (GB style): the opening marks in the
# right half, the closing marks and the pause and stop marks in the left.
OPENING_MARKS = frozenset("（《「『【〔〖〘〚｛［“‘")
CLOSING_MARKS = frozenset("）》」』】〕〗〙〛｝］”’、。，．：；！？")
JUSTIFY_CAP_EM = 0.08  # the most a gap between Chinese characters widens, in ems


def compressed_widths(text: str, widths: Sequence[float], size: float) -> list[float]:
    """The widths with adjacent full-width punctuation compressed (clreq's basic set): of
    two marks side by side, the blank half between them goes. A closing mark before
    another mark loses its blank right half ("。”", "”“" take 1.5 em, not 2); an opening
    mark after an opening one loses its blank left half ("（“")."""
    out = list(widths)
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if a in CLOSING_MARKS and (b in CLOSING_MARKS or b in OPENING_MARKS) \
                and widths[i] >= 0.9 * size:
            out[i] = widths[i] - size / 2
        elif a in OPENING_MARKS and b in OPENING_MARKS and widths[i + 1] >= 0.9 * size:
            out[i + 1] = widths[i + 1] - size / 2
    return out


def is_cjk(char: str) -> bool:
    """Han characters, kana and full-width punctuation: the characters between which a
    justified Chinese line may be spaced (never inside a number or a Latin word)."""
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF01 <= code <= 0xFF60


def justify_gaps(line: str, slack: float, size: float) -> tuple[list[int], float]:
    """Where a justified Chinese line takes its slack, and how much each place gets: the
    gaps between two CJK characters (after index i, for each i returned), at most
    JUSTIFY_CAP_EM a gap. What the cap leaves is left at the line's end: a line spread
    further would read as letter-spaced ("签 约 项 目 3 3 个")."""
    text = line.rstrip()
    gaps = [i for i in range(len(text) - 1) if is_cjk(text[i]) and is_cjk(text[i + 1])]
    if not gaps or slack <= 0:
        return [], 0.0
    return gaps, min(slack / len(gaps), JUSTIFY_CAP_EM * size)


def justified_characters(line: str) -> int:
    """How many characters of a justified Chinese line share its slack (spread between
    them, since Chinese has no spaces to widen): all but the spaces it ends with."""
    return len(line.rstrip())


def glued_phrases(text: str) -> list[list[tuple[int, int]]]:
    """clusters(text) grouped into phrases kept on one line if they can be: a cluster
    ending in a no-break space is glued to the next."""
    phrases: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for span in clusters(text):
        current.append(span)
        if text[span[1] - 1] != NO_BREAK_SPACE:
            phrases.append(current)
            current = []
    return phrases + [current] if current else phrases


def loosened(text: str, phrase: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """A glued phrase that does not fit a line, cut where a reader accepts: at its no-break
    spaces, except those beside a digit, which keep a number with its unit and its currency
    ("more than | RMB 740 million", not "RMB | 740")."""
    parts: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end in phrase:
        current.append((start, end))
        after = text[end] if end < len(text) else ""
        if text[end - 1] == NO_BREAK_SPACE and not (
                end >= 2 and text[end - 2].isdigit() or after.isdigit()):
            parts.append(current)
            current = []
    return parts + [current] if current else parts


def breakable_glue(text: str, before: str = "") -> str:
    """A glued phrase too wide for its line, free to break at its no-break spaces, but for
    the one after a prefix mark: "▲ 1.3 | percentage | points", never "▲ | 1.3". `before`:
    the text before it (the ▲ may be drawn in a fragment of another font)."""
    previous = (before[-1:] or " ") + text  # previous[i]: the character before text[i]
    return "".join(" " if char == NO_BREAK_SPACE and previous[i] not in PREFIX_MARKS
                   else char for i, char in enumerate(text))


_TREND_UNIT = re.compile(rf"([{''.join(sorted(PREFIX_MARKS))}]{NO_BREAK_SPACE}?\d[\d.,]*)"
                         rf"{NO_BREAK_SPACE}(?=[^\W\d])")


def trend_unit_break(text: str) -> str:
    """A trend's glued phrase free to break between its number and its unit, as its
    Chinese does ("▲ 3.4 | percentage points", "▲ 3.4 | 个百分点"), and nowhere else: the
    break a too-narrow column takes first, the unit's own words kept together."""
    return _TREND_UNIT.sub(r"\1 ", text)


def loosen_no_break_spaces(text: str) -> str:
    """English for a line breaker that cannot break a glued phrase only when it must: the
    no-break spaces of the figures' phrases kept only beside a digit, where they hold a
    number to its unit or currency ("more than" may end a line, "RMB 740 million" stays)."""
    if NO_BREAK_SPACE not in text:
        return text
    out = list(text)
    for i, char in enumerate(text):
        if char == NO_BREAK_SPACE and not (i and text[i - 1].isdigit()
                                           or i + 1 < len(text) and text[i + 1].isdigit()):
            out[i] = " "
    return "".join(out)


# A number typed in English with what belongs to it: its currency or trend arrow before
# it, its scale or unit word after it ("RMB 100 million", "▲ 8.08%", "8 percentage points").
_NUMBER_PHRASE = re.compile(
    r"(?:\b(?:RMB|USD|EUR|HKD)\s+|[▲▼]\s+)?\d[\d.,]*"
    r"(?:\s+(?:million|billion|trillion|percentage\s+points?|pp|mu|ha)\b)?")


def glue_number_phrases(text: str) -> str:
    """English with the spaces of its typed number phrases made no-break spaces, as the
    figures' own phrases are: "projects of RMB 100 million" ends a line before "RMB", never
    inside the phrase."""
    return _NUMBER_PHRASE.sub(lambda m: re.sub(r"\s+", NO_BREAK_SPACE, m.group()), text)


def english_for_breaking(text: str) -> str:
    """English as a line breaker should see it: the figures' glue loosened away from their
    digits (loosen_no_break_spaces), typed number phrases glued (glue_number_phrases)."""
    return glue_number_phrases(loosen_no_break_spaces(text))
