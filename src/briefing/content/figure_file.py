"""The shape of a figures file, as pydantic models (`Figure`, with the earlier value, the
target and the rank it may carry; `FiguresFile`), and `derive`, which gives each derived
figure the value of its formula.

All scalars arrive as strings (see source/load.py); pydantic converts them to dates and
decimals here, so the conversion rules are ours, not YAML 1.1's.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ..errors import Diagnostic, error
from ..source.hints import did_you_mean, with_hint
from ..source.load import Loaded
from .fields import Strict, Text
from .figures import Qualifier, round_decimals, round_significant, units
from .formulas import FormulaProblem, evaluate, formula_names

_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")

MAX_VALUE_DIGITS = (18, 12)  # before and after the point: 10^18 is far above any budget,
# and every unit's formatting stays within decimal arithmetic's 28 digits


def _plain_decimal(value: Any) -> Any:
    if isinstance(value, str) and not _DECIMAL.fullmatch(value.strip()):
        if not value.strip():
            raise ValueError("the value is empty: give a number, or a formula")
        raise ValueError(f"'{value}' is not a plain number (write e.g. 11250000000 or "
                         "24.1: no grouping commas, units or %)")
    if isinstance(value, str):
        whole, _, fraction = value.strip().lstrip("-").partition(".")
        if len(whole.lstrip("0")) > MAX_VALUE_DIGITS[0] or len(fraction) > MAX_VALUE_DIGITS[1]:
            raise ValueError(f"'{value[:30]}' has too many digits: at most "
                             f"{MAX_VALUE_DIGITS[0]} before the point and "
                             f"{MAX_VALUE_DIGITS[1]} after it")
    return value.strip() if isinstance(value, str) else value


class Previous(Strict):
    """The same figure for an earlier period, for changes (同比增长12.5% / up 12.5%)."""

    value: Decimal
    as_of: datetime.date

    _plain = field_validator("value", mode="before")(_plain_decimal)


class Target(Strict):
    """What the figure is measured against: 完成年度目标任务的37.22% / 37.22% of the annual
    target. `schedule`: the share of the period gone at the figure's date (时序进度), in
    percent; by default the months gone (30 June of a year: 50)."""

    value: Decimal | None = None
    percent: Decimal | None = Field(None, description="the share of the target reached as "
                                    "the source gives it (its own rounding), or instead of "
                                    "a value it does not give")
    period: Literal["year", "half", "quarter", "month"] = "year"
    schedule: Decimal | None = Field(None, ge=0, le=100)

    _plain = field_validator("value", "percent", "schedule", mode="before")(_plain_decimal)

    @model_validator(mode="after")
    def _value_or_percent(self) -> Target:
        if self.value is None and self.percent is None:
            raise ValueError("a target needs its value, or the percent of it reached")
        if self.value is not None and self.value <= 0:
            raise ValueError("a target is more than 0")
        return self


class Among(Strict):
    """What a rank is counted among: 7 个县（市） / 7 counties and county-level cities."""

    count: int = Field(ge=1)
    zh: str = Field(description="the classifier and noun after the count: 个县（市）")
    en: str = Field(description="the plural noun after the count: counties")


DERIVED_DECIMALS = 2  # a formula's value (a quotient may not end) is rounded to this


class Figure(Strict):
    label: Text
    value: Decimal | None = Field(None, description="exact value in base units (yuan, "
                                  "not 亿元); or give a formula")
    formula: str | None = Field(None, description="derived: an expression over other "
                                "figures' ids, e.g. livelihood_spending / budget_spending * 100")
    unit: str
    statistic: bool = Field(True, description="false for a threshold or constant (projects "
                            "over 1亿元): no as_of or source, not in Sources or staleness")
    as_of: datetime.date | None = None
    source: Text | None = None
    qualifier: Qualifier | None = Field(None, description="over (300余家 / more than 300 "
                                        "firms), at_least (90%以上 / at least 90%) or under "
                                        "(46微克/立方米以下 / below 46 µg/m³)")
    decimals: int | None = Field(None, ge=0, le=6, description="round to this many decimals "
                                 "of the base unit (yuan, %, mu), half up")
    significant: int | None = Field(None, ge=1, le=15, description="round to this many "
                                    "significant digits, half up")
    previous: Previous | None = None
    change: Decimal | None = Field(None, description="the change on a year earlier as the "
                                   "source gives it, in percent (for a percentage: in points)")
    target: Target | None = None
    group: str | None = Field(None, description="the row of a breakdown: an id of the "
                              "briefing's groups (the district, its zone)")
    measure: str | None = Field(None, description="the column of a breakdown: an id of the "
                                "briefing's measures")
    among: Among | None = Field(None, description="for a rank: what it is counted among")

    @property
    def shown_value(self) -> Decimal:
        """The value as printed in both languages: as given, unless the figure asks for
        rounding (`significant`, `decimals`); a formula's to DERIVED_DECIMALS by default."""
        assert self.value is not None, "derived figures are computed in validate()"
        value = self.value
        if self.decimals is not None or (self.formula and self.significant is None):
            value = round_decimals(value, DERIVED_DECIMALS if self.decimals is None
                                   else self.decimals)
        if self.significant is not None:
            value = round_significant(value, self.significant)
        return self.value if value == self.value else value  # as written, if unchanged

    @property
    def approximate(self) -> bool:
        """Whether digits the source gave are dropped (then 约 / about is printed); a
        formula's value is computed, not given, so rounding it drops none."""
        return self.formula is None and self.value is not None \
            and self.shown_value != self.value

    _plain = field_validator("value", "change", mode="before")(_plain_decimal)

    @model_validator(mode="after")
    def _value_or_formula(self) -> Figure:
        if (self.value is None) == (self.formula is None):
            raise ValueError("give either a value or a formula")
        if self.statistic and (self.as_of is None or self.source is None):
            missing = " and ".join(n for n, v in (("as_of", self.as_of),
                                                   ("source", self.source)) if v is None)
            raise ValueError(f"a statistic needs {missing} (a threshold or constant: "
                             "statistic: false)")
        if self.target is not None and self.target.schedule is None and self.as_of is None:
            # counted from the figure's date; from today's, a build would differ by the day
            raise ValueError("a target's schedule (时序进度) is counted from the figure's "
                             "date: give as_of, or the target's schedule (e.g. schedule: 50)")
        if self.qualifier is not None and self.unit == "rank":
            raise ValueError("a rank is a place, exact: it takes no qualifier")
        if self.among is not None and self.unit != "rank":
            raise ValueError("'among' is for figures whose unit is rank")
        if self.unit == "rank" and self.value is not None and \
                (self.value != self.value.to_integral() or self.value < 1):
            raise ValueError(f"a rank is a whole number from 1, not {self.value}")
        return self

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, value: str) -> str:
        if value not in units():
            raise ValueError(with_hint(f"unknown unit '{value}'", value, units(),
                                       "the units are " + ", ".join(units())))
        return value


class FiguresFile(Strict):
    figures: dict[str, Figure]


def derive(figures: dict[str, Figure], defined_in: dict[str, Loaded]) -> list[Diagnostic]:
    """Give each derived figure its value, in dependency order; a formula naming an unknown
    figure, a circle of formulas or a division by zero is located at the formula."""
    problems: list[Diagnostic] = []
    pending = {i: f for i, f in figures.items() if f.formula is not None}

    def problem(fig_id: str, message: str, hint: str | None = None) -> None:
        loaded = defined_in[fig_id]
        path = ("figures", fig_id, "formula")
        cell = loaded.cell_of(path)
        field = f"figures.{fig_id}.formula"
        problems.append(error(loaded.file, loaded.line_of(path),
                              f"{cell} {field}" if cell else field, message, hint))

    needs: dict[str, set[str]] = {}
    for fig_id, figure in list(pending.items()):
        try:
            needs[fig_id] = formula_names(figure.formula or "")
        except FormulaProblem as exc:
            problem(fig_id, str(exc))
            del pending[fig_id]
            continue
        unknown = sorted(needs[fig_id] - set(figures))
        if unknown:
            problem(fig_id, f"unknown figure '{unknown[0]}' in the formula",
                    did_you_mean(unknown[0], figures))
            del pending[fig_id]
    while pending:
        ready = [i for i in pending if not needs[i] & set(pending)]
        if not ready:
            for fig_id in sorted(pending):
                problem(fig_id, "formulas that depend on each other in a circle: "
                        + ", ".join(sorted(pending)))
            break
        for fig_id in ready:
            figure = pending.pop(fig_id)
            values = {name: figures[name].value for name in needs[fig_id]}
            known = {name: v for name, v in values.items() if v is not None}
            if len(known) < len(values):
                continue  # depends on a figure whose formula failed: reported there
            try:
                value = evaluate(figure.formula or "", known)
            except FormulaProblem as exc:
                problem(fig_id, str(exc))
                continue
            if abs(value) >= 10 ** MAX_VALUE_DIGITS[0]:
                problem(fig_id, f"the formula gives {value:.3E}, more than "
                        f"{MAX_VALUE_DIGITS[0]} digits")
                continue
            figures[fig_id] = figure.model_copy(update={"value": value})
    return problems
