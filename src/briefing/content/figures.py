"""Figures and how each language writes them.

Babel does the number formatting (grouping, 万/亿 and million/billion, plural forms, dates);
this module only adds what Babel does not know: units (元 after 亿, RMB before billion,
classifiers and nouns), qualifiers (300余家 / more than 300 firms, 90%以上 / at least 90%)
and the rounding rule.

Precision: a value is printed exactly as precisely as it is given, in both languages, so
both show the same significant digits (64.08亿元 / RMB 6.408 billion). Rounding is done on
the value, never on one language's rendering: where the content asks (a figure's
`significant` or `decimals`, a text's `{{ id.about(3) }}`), half up, and the word for
"about" (约 / about) is added when digits the source gave are dropped.
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
EXACT_DIGITS = 12  # fraction digits Babel may need in its largest scale (万亿, trillion)
MILLION = Decimal(1_000_000)
HUNDRED_THOUSAND = Decimal(100_000)
NBSP = "\u00a0"  # keeps "RMB 11.25 billion" and "334 mu" on one line
Qualifier = Literal["over", "under", "at_least"]
# what each qualifier adds after the number with its unit (46微克/立方米以下, 90%以上):
# "over" is 余 after a round number (see _takes_yu), 以上 after any other (90%以上, 25个以上:
# 90余% and 25余个 are not Chinese; 以上 keeps it a noun, as 达到90%以上 needs, where 超过90%
# would read 达到超过90%). Official translations give 以上 as "over", "more than".
ZH_QUALIFIERS = {"over": "以上", "under": "以下", "at_least": "以上"}
EN_QUALIFIERS = {"over": "more than", "under": "below", "at_least": "at least"}


@dataclass(frozen=True)
class Unit:
    id: str
    kind: Literal["money", "percent", "count", "rank"]
    zh: str = ""
    en_prefix: str = ""
    en_one: str = ""
    en_other: str = ""
    en_also: tuple[Decimal, str, int] | None = None  # factor, symbol, decimals
    negative: bool = True  # False: a value below zero is a mistake (an area, a count)
    # ranks: the English suffix for each of CLDR's ordinal plural forms (Babel's
    # Locale.ordinal_form: one -> 1st, 21st; two -> 2nd; few -> 3rd; other -> 4th, 11th)
    en_ordinals: tuple[tuple[str, str], ...] = ()

    @property
    def en_ordinal(self) -> dict[str, str]:
        return dict(self.en_ordinals)


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
                              if also else None, spec.get("negative", True),
                              tuple(spec.get("en_ordinal", {}).items()))
    return table


@cache
def _locale(lang: Lang) -> Locale:
    """Babel parses a locale name on every call given a string: parsed once here."""
    return Locale.parse(LOCALES[lang])


def _pattern(decimals: int, least: int = 0) -> str:
    """Babel's pattern for up to `decimals` fraction digits, at least `least` of them."""
    least = min(least, decimals)
    return "#,##0" + ("." + "0" * least + "#" * (decimals - least) if decimals else "")


def _fraction_digits(number: str) -> int:
    """Digits after the decimal point of a formatted number (2.3456万: 4)."""
    _, point, fraction = number.partition(".")
    return sum(char.isdigit() for char in fraction) if point else 0


def fraction_places(value: Decimal) -> int:
    """The fraction digits of a value as given (11250000000: 0; 24.15: 2)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def format_number(value: Decimal, unit: Unit, lang: Lang, places: int = 0) -> str:
    """The number alone, exactly, in the scale the language reads it: 112.5亿 / 11.25 billion
    (Babel's spaces as they are; format_value makes them non-breaking). A percentage is
    given at least `places` decimals (a table's column of them shares a precision: 88.00%
    beside 103.06%); every other number keeps its own."""
    # a figure is formatted wherever it is quoted (text, tables, sources): once each here,
    # keyed by the exact decimal text (Decimal("1.0") == Decimal("1.00") would share a key)
    return _format_number(str(value), unit, lang, places)


@functools.lru_cache(maxsize=8192)
def _format_number(value_text: str, unit: Unit, lang: Lang, least: int) -> str:
    value = Decimal(value_text)
    locale = _locale(lang)
    places = fraction_places(value)
    with decimal.localcontext() as ctx:
        ctx.rounding = ROUNDING  # nothing is rounded here: every digit given is printed
        if lang == "zh" and unit.kind not in ("percent", "rank"):
            compact = format_compact_decimal(value, locale=locale,
                                             fraction_digits=places + EXACT_DIGITS)
            if abs(value) < HUNDRED_THOUSAND and _fraction_digits(compact) > 2:
                # 人均可支配收入23456元, not 2.3456万元: statistical bulletins write a value
                # below 10万 in plain digits, ungrouped, unless 万 reads it shorter (1.2万人)
                return format_decimal(value, format="0" + _pattern(places)[5:], locale=locale)
            return compact
        if unit.kind == "money" and abs(value) >= MILLION:
            return format_compact_decimal(value, format_type="long", locale=locale,
                                          fraction_digits=places + EXACT_DIGITS)
        if unit.kind == "percent":
            return format_decimal(value, format=_pattern(max(places, least), least),
                                  locale=locale)
        return format_decimal(value, format=_pattern(places), locale=locale)


def round_significant(value: Decimal, digits: int) -> Decimal:
    """The value to `digits` significant digits, half up: 11,254,000,000 to 3 is 11,300,000,000,
    so both languages show the same precision (113亿元, RMB 11.3 billion)."""
    if value == 0:
        return value
    exponent = value.adjusted() - digits + 1
    return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUNDING)


def round_decimals(value: Decimal, places: int) -> Decimal:
    """The value to `places` decimals of its base unit (yuan, %, mu), half up."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUNDING)


def significant_digits(value: Decimal) -> int:
    """How many significant digits a value has as given (11250000000: 4; 0.05: 1)."""
    return len(value.normalize().as_tuple().digits) if value else 1


def format_value(value: Decimal, unit: Unit, lang: Lang, qualifier: str | None = None,
                 about: bool = False, places: int = 0) -> str:
    """The number with its unit and qualifier: 300余家, more than 300 firms, RMB 11.25 billion,
    90%以上 / at least 90%; with `about` (digits were dropped), 约113亿元 / about RMB 11.3
    billion; a percentage to at least `places` decimals (see format_number)."""
    return _format_value(str(value), unit, lang, qualifier, about, places)  # once each


@functools.lru_cache(maxsize=8192)
def _format_value(value_text: str, unit: Unit, lang: Lang, qualifier: str | None,
                  about: bool, places: int) -> str:
    value = Decimal(value_text)
    number = format_number(value, unit, lang, places)
    about = about and not qualifier  # 余 / more than already says it is not exact
    if lang == "zh":
        if unit.kind == "rank":
            return ("约" if about else "") + unit.zh.replace("{n}", number)
        word = "%" if unit.kind == "percent" else unit.zh
        if qualifier == "over" and _takes_yu(value, unit):
            return f"{number}余{word}"
        return f"{'约' if about else ''}{number}{word}{ZH_QUALIFIERS.get(qualifier or '', '')}"
    number = number.replace(" ", NBSP)
    if unit.kind == "money":
        text = f"{unit.en_prefix}{NBSP}{number}"
    elif unit.kind == "percent":
        text = f"{number}%"
    elif unit.kind == "rank":
        text = number + unit.en_ordinal[_locale("en").ordinal_form(value)]
    else:
        plural = _locale("en").plural_form(value)
        noun = unit.en_one if plural == "one" else unit.en_other
        # the number stays with the noun's first word: "1,000 parking" never breaks
        text = f"{number}{NBSP}{noun}" if noun else number
        if unit.en_also:
            factor, symbol, decimals = unit.en_also
            converted = round_decimals(value * factor, decimals)
            text += f" ({format_decimal(converted, format=_pattern(decimals), locale='en')}" \
                    f"{NBSP}{symbol})"
    word = EN_QUALIFIERS.get(qualifier or "", "")
    prefix = word.replace(" ", NBSP) + NBSP if word else ""
    return prefix + (f"about{NBSP}" if about else "") + text


def _takes_yu(value: Decimal, unit: Unit) -> bool:
    """Whether 余 may follow the number: a round count or sum, whose last digit is not a
    unit's (20余项, 300余家, 1.2万余人, 7.4亿余元). Not a percentage (90%以上, not 90余%),
    nor an exact number (25个以上, 3.4个百分点以上)."""
    return unit.kind != "percent" and value != 0 and value == value.to_integral_value() \
        and value % 10 == 0


def year_change(value: Decimal, previous: Decimal, unit: Unit,
                given: Decimal | None = None) -> Decimal:
    """The change on a year earlier as printed: as the source `given` it, else computed to
    one decimal, in percent (for a percentage, in points)."""
    if given is not None:
        return given
    points = unit.kind == "percent"
    change = value - previous if points else (value - previous) / previous * 100
    return round_decimals(change, 1)


def format_change(value: Decimal, previous: Decimal, unit: Unit, lang: Lang,
                  days: int, arrow: bool = False, given: Decimal | None = None,
                  places: int = 0) -> str:
    """同比增长12.5% / up 12.5% year on year; for percentages, the change in points.
    With `arrow`, the short form of a KPI card: ▲ 12.5% / ▼ 2.1个百分点. A change `given`
    by the source (a year on year -8.92%) is printed as given, not computed; to at least
    `places` decimals (a table's column of changes shares a precision)."""
    points = unit.kind == "percent"
    change = year_change(value, previous, unit, given)
    size = format_value(abs(change), units()["percent"], lang, places=places)
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
