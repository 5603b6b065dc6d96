"""A figure against its target and against a year earlier, in each language's words.

The numbers are computed here, exactly, and rounded as derived figures are (2 decimals of
a percent); the wording comes from wording.yaml, so that 完成年度目标任务的37.22% and
"37.22% of the annual target" are data, not code.
"""

from __future__ import annotations

import calendar
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from .figures import Lang, format_value, round_decimals, units

if TYPE_CHECKING:
    from .figure_file import Figure

PERCENT_PLACES = 2  # 37.22% of the target, 6.6 points ahead: as the bulletins print them


@cache
def wording() -> dict[str, Any]:
    """wording.yaml beside this module."""
    text = resources.files(__package__).joinpath("wording.yaml").read_text("utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def say(key: str, lang: Lang, **values: str) -> str:
    """One phrase of wording.yaml in a language, its {fields} filled in."""
    return str(wording()[key][lang]).format(**values)


def period_word(figure: Figure, lang: Lang) -> str:
    assert figure.target is not None
    return str(wording()["periods"][figure.target.period][lang])


def percent_of_target(figure: Figure) -> Decimal:
    """The value as a percentage of the target: 219.22 of 589 is 37.22 (or as the source
    gives it: `target.percent`)."""
    assert figure.target is not None and figure.value is not None
    if figure.target.percent is not None:
        return figure.target.percent
    assert figure.target.value is not None
    return round_decimals(figure.value / figure.target.value * 100, PERCENT_PLACES)


def schedule(figure: Figure) -> Decimal:
    """The share of the target's period gone at the figure's date (时序进度), in percent:
    given, or the months gone (30 June: half a year, a quarter and a half...)."""
    assert figure.target is not None
    if figure.target.schedule is not None:
        return figure.target.schedule
    day = figure.as_of
    assert day is not None, "a target without a schedule needs as_of (Figure's validator)"
    months = {"year": 12, "half": 6, "quarter": 3, "month": 1}[figure.target.period]
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    gone = Decimal((day.month - 1) % months) + Decimal(day.day) / Decimal(days_in_month)
    return round_decimals(gone / months * 100, PERCENT_PLACES)


def _percent(value: Decimal, lang: Lang) -> str:
    return format_value(value, units()["percent"], lang)


def _points(value: Decimal, lang: Lang) -> str:
    return format_value(abs(value), units()["percentage_point"], lang)


def progress(figure: Figure, lang: Lang) -> str:
    """完成年度目标任务的37.22% / 37.22% of the annual target."""
    return say("progress", lang, period=period_word(figure, lang),
               percent=_percent(percent_of_target(figure), lang))


def against_target(figure: Figure, lang: Lang) -> str:
    """超额完成年度目标任务 / exceeded the annual target; met it; what is still short (距年度
    目标尚差3个 / was still 3 projects short of the annual target); or, for a target given
    as a percent alone, the share reached. Always a verb phrase (wording.yaml)."""
    assert figure.target is not None and figure.value is not None
    period = period_word(figure, lang)
    share = percent_of_target(figure)
    if share > 100:
        return say("exceeded", lang, period=period)
    if share == 100 or figure.target.value is None:
        return say("met" if share == 100 else "reached", lang, period=period,
                   percent=_percent(share, lang))
    return say("short", lang, period=period, value=shortfall(figure, lang))


def shortfall(figure: Figure, lang: Lang) -> str:
    """How much is still to do: the target less the value, with its unit (0 when met)."""
    assert figure.target is not None and figure.value is not None
    if figure.target.value is None:
        raise ValueError("the target's value is not given")
    gap = max(figure.target.value - figure.value, Decimal(0))
    return format_value(gap, units()[figure.unit], lang)


def against_schedule(figure: Figure, lang: Lang) -> str:
    """超时序进度6.6个百分点 / 6.6 percentage points ahead of schedule (时序进度)."""
    points = percent_of_target(figure) - schedule(figure)
    if points == 0:
        return say("on_schedule", lang)
    return say("ahead" if points > 0 else "behind", lang, points=_points(points, lang))


def schedule_points(figure: Figure, lang: Lang, places: int = 0) -> str:
    """The same in short, for a table's cell: +6.6个百分点 / +6.6 pp (the header says what),
    to at least `places` decimals (its column's precision)."""
    points = percent_of_target(figure) - schedule(figure)
    sign = "+" if points > 0 else "−" if points < 0 else ""
    number = format_value(abs(points), units()["percent"], lang,
                          places=places).removesuffix("%")
    return sign + number + ("个百分点" if lang == "zh" else "\u00a0pp")


def difference(figure: Figure, lang: Lang) -> str:
    """比上年增加10家 / 10 more than a year earlier: a count against its previous value."""
    assert figure.previous is not None and figure.value is not None
    gap = figure.value - figure.previous.value
    if gap == 0:
        return say("same", lang)
    return say("more" if gap > 0 else "fewer", lang,
               value=format_value(abs(gap), units()[figure.unit], lang))
