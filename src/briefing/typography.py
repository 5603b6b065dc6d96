"""The rule table of Chinese line breaking (after W3C clreq), shared by the writers.

The PDF writer breaks lines itself with `clusters`; Word and LibreOffice apply their own
kinsoku rules for punctuation but not our number-unit rule, so the DOCX writer joins numbers
and units with WORD JOINER (`join_number_units`).
"""

from __future__ import annotations

# Closing punctuation and marks that may not begin a line (full- and half-width forms).
CANNOT_START = frozenset(
    "，。、；：？！）》」』】〕〗〙〛｝］…‥—–・·％‰℃"
    "”’"
    ",.;:?!)]}%"
    "ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻"
)
# Opening punctuation that may not end a line.
CANNOT_END = frozenset("（《「『【〔〖〘〚｛［“‘([{")
# Characters that belong to a number written before them: units, classifiers, and the
# markers of approximation in our figures (余, 多, 以下). "2023年" stays together too.
NUMBER_UNITS = frozenset("万亿千百十元美个家套人次场天亩项余多以下上"
                         "微克立方米公顷吨年月日号期倍强/%‰")
NUMBER_CHARS = frozenset("0123456789.,")


def _is_latin(char: str) -> bool:
    """Letters and digits of alphabetic scripts: kept together as words."""
    return char.isalnum() and ord(char) < 0x2E80


def _after_number(text: str) -> list[bool]:
    """For each position: does it follow a number, or a unit character that follows one?
    (A unit character there belongs to the number.)"""
    states = [False] * len(text)
    for i in range(1, len(text)):
        prev = text[i - 1]
        states[i] = (prev in NUMBER_CHARS and prev != ",") or (
            states[i - 1] and prev in NUMBER_UNITS)
    return states


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


NO_BREAK_SPACE = "\u00a0"  # the figures glue their phrases with it: "more than 12,000 people"


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


WORD_JOINER = "\u2060"


def join_number_units(text: str) -> str:
    """Text with a WORD JOINER before each unit character that follows a number or another
    unit character of it (112.5⁠亿⁠元): the places a word processor might break. Digits are
    left alone, so that the number itself can still be found and retyped."""
    out = []
    for char, after_number in zip(text, _after_number(text)):
        if after_number and char in NUMBER_UNITS:
            out.append(WORD_JOINER)
        out.append(char)
    return "".join(out)


_CHINESE_DIGITS = "零一二三四五六七八九"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def chinese_counting(n: int) -> str:
    """一, 二 ... 十, 十一 ... 九十九: heading numbers as official documents write them, and
    as Word's chineseCounting format shows them. (Babel spells no Chinese numerals.)"""
    if not 0 < n < 100:
        return str(n)
    tens, units = divmod(n, 10)
    text = ("" if tens == 1 else _CHINESE_DIGITS[tens]) + "十" if tens else ""
    return text + (_CHINESE_DIGITS[units] if units else "")


def upper_roman(n: int) -> str:
    text = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        text += letters * count
    return text


def format_heading_number(pattern: str, n: int) -> str:
    """"{chinese}、" with 3 -> "三、"; "({roman}) " with 3 -> "(III) "."""
    return (pattern.replace("{chinese}", chinese_counting(n))
            .replace("{decimal}", str(n)).replace("{roman}", upper_roman(n)))
