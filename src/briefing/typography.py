"""Heading numerals: 一、二、三 as official documents write them, decimal and Roman, filled
into a theme's numbering pattern, and the headings of a document numbered with them. (The
line-breaking rules are in clreq.py.)"""

from __future__ import annotations

from dataclasses import replace

from .model import Bilingual, Block, Heading

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


def number_headings(blocks: list[Block], patterns: tuple[Bilingual[str], ...]) -> list[Block]:
    """Headings numbered per level with the theme's heading_numbering `patterns`
    (一、 （一） 1. （1）); a heading restarts the count of every level below it."""
    if not patterns:
        return blocks
    counts = [0] * 5
    numbered: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level <= len(patterns):
            counts[block.level - 1] += 1
            counts[block.level:] = [0] * (len(counts) - block.level)
            n = counts[block.level - 1]
            pattern = patterns[block.level - 1]
            numbered.append(replace(block, number=Bilingual(
                format_heading_number(pattern.zh, n), format_heading_number(pattern.en, n))))
        else:
            numbered.append(block)
    return numbered
