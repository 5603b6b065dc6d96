"""Figures and how each language writes them.

Babel does the number formatting (grouping, 万/亿 and million/billion, plural forms, dates);
this module only adds what Babel does not know: units (元 after 亿, RMB before billion,
classifiers and nouns), qualifiers (余 / more than) and the rounding rule.

Rounding is half up in both languages (Babel quantizes with the decimal context, whose
default is half to even), to at most `decimals` decimals of the scale each language uses.
"""

from __future__ import annotations

import datetime
import decimal
import functools
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal

Lang = Literal["zh", "en"]
LOCALES: dict[Lang, str] = {"zh": "zh_CN", "en": "en"}
ROUNDING = decimal.ROUND_HALF_UP
DEFAULT_DECIMALS = 2
MILLION = Decimal(1_000_000)
NBSP = "\u00a0"  # keeps "RMB 11.25 billion" and "334 mu" on one line


@dataclass(frozen=True)
class Unit:
    id: str
    kind: Literal["money", "percent", "count"]
    zh: str = ""
    en_prefix: str = ""
    en_one: str = ""
    en_other: str = ""
    en_also: tuple[Decimal, str, int] | None = None  # factor, symbol, decimals
    negative: bool = True  # False: a value below zero is a mistake (an area, a count)


@cache
def units() -> dict[str, Unit]:
    """The unit registry, read from units.yaml beside this module."""
    raw = yaml.safe_load(resources.files(__package__).joinpath("units.yaml").read_text("utf-8"))
    table: dict[str, Unit] = {}
    for unit_id, spec in raw.items():
        one, other = spec.get("en", ["", ""])
        also = spec.get("en_also")
        table[unit_id] = Unit(unit_id, spec["kind"], spec.get("zh", ""),
                              spec.get("en_prefix", ""), one, other,
                              (Decimal(also["factor"]), also["symbol"], also["decimals"])
                              if also else None, spec.get("negative", True))
    return table


@cache
def _locale(lang: Lang) -> Locale:
    """Babel parses a locale name on every call given a string: parsed once here."""
    return Locale.parse(LOCALES[lang])


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "#" * decimals if decimals else "")


def format_number(value: Decimal, unit: Unit, lang: Lang, decimals: int = DEFAULT_DECIMALS) -> str:
    """The number alone, in the scale the language reads it: 112.5亿 / 11.25 billion
    (Babel's spaces as they are; format_value makes them non-breaking)."""
    # a figure is formatted wherever it is quoted (text, tables, sources): once each here,
    # keyed by the exact decimal text (Decimal("1.0") == Decimal("1.00") would share a key)
    return _format_number(str(value), unit, lang, decimals)


@functools.lru_cache(maxsize=8192)
def _format_number(value_text: str, unit: Unit, lang: Lang, decimals: int) -> str:
    value = Decimal(value_text)
    locale = _locale(lang)
    with decimal.localcontext() as ctx:
        ctx.rounding = ROUNDING
        if lang == "zh" and unit.kind != "percent":
            return format_compact_decimal(value, locale=locale, fraction_digits=decimals)
        if unit.kind == "money" and abs(value) >= MILLION:
            return format_compact_decimal(value, format_type="long", locale=locale,
                                          fraction_digits=decimals)
        return format_decimal(value, format=_pattern(decimals), locale=locale)


def round_significant(value: Decimal, digits: int) -> Decimal:
    """The value to `digits` significant digits, half up: 11,254,000,000 to 3 is 11,300,000,000,
    so both languages show the same precision (113亿元, RMB 11.3 billion)."""
    if value == 0:
        return value
    exponent = value.adjusted() - digits + 1
    return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUNDING)


def format_value(value: Decimal, unit: Unit, lang: Lang, qualifier: str | None = None,
                 decimals: int = DEFAULT_DECIMALS) -> str:
    """The number with its unit and qualifier: 300余家, more than 300 firms, RMB 11.25 billion."""
    return _format_value(str(value), unit, lang, qualifier, decimals)  # once each: see below


@functools.lru_cache(maxsize=8192)
def _format_value(value_text: str, unit: Unit, lang: Lang, qualifier: str | None,
                  decimals: int) -> str:
    value = Decimal(value_text)
    number = format_number(value, unit, lang, decimals)
    if lang == "zh":
        over = "余" if qualifier == "over" else ""
        under = "以下" if qualifier == "under" else ""
        word = "%" if unit.kind == "percent" else unit.zh
        return f"{number}{over}{word}{under}"
    number = number.replace(" ", NBSP)
    if unit.kind == "money":
        text = f"{unit.en_prefix}{NBSP}{number}"
    elif unit.kind == "percent":
        text = f"{number}%"
    else:
        plural = _locale("en").plural_form(value)
        noun = unit.en_one if plural == "one" else unit.en_other
        # the number stays with the noun's first word: "1,000 parking" never breaks
        text = f"{number}{NBSP}{noun}" if noun else number
        if unit.en_also:
            factor, symbol, places = unit.en_also
            with decimal.localcontext() as ctx:
                ctx.rounding = ROUNDING
                other = format_decimal(value * factor, format=_pattern(places), locale="en")
            text += f" ({other}{NBSP}{symbol})"
    prefix = {"over": f"more{NBSP}than{NBSP}", "under": f"below{NBSP}"}.get(qualifier or "", "")
    return prefix + text


def format_change(value: Decimal, previous: Decimal, unit: Unit, lang: Lang,
                  days: int, arrow: bool = False) -> str:
    """同比增长12.5% / up 12.5% year on year; for percentages, the change in points.
    With `arrow`, the short form of a KPI card: ▲ 12.5% / ▼ 2.1个百分点."""
    points = unit.kind == "percent"
    change = value - previous if points else (value - previous) / previous * 100
    size = format_value(abs(change), units()["percent"], lang, decimals=1)
    if points:
        size = size.removesuffix("%") + ("个百分点" if lang == "zh" else NBSP + "percentage points")
    if arrow:
        return ("▲" if change > 0 else "▼" if change < 0 else "=") + NBSP + size
    yearly = 330 <= days <= 400
    if lang == "zh":
        if change == 0:
            return "与上年持平" if yearly else "持平"
        verb = ("提高" if change > 0 else "降低") if points else ("增长" if change > 0 else "下降")
        return ("同比" if yearly else "") + verb + size
    if change == 0:
        return "unchanged"
    return ("up " if change > 0 else "down ") + size + (" year on year" if yearly else "")


@functools.lru_cache(maxsize=1024)  # a table repeats a few dates many times
def format_as_of(day: datetime.date, lang: Lang) -> str:
    """2023年12月31日 / December 31, 2023."""
    return format_date(day, "long", locale=_locale(lang))
