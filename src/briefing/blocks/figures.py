"""Figure blocks: table, callout, kpis, chart. Each shows its figures, formatted in both
languages, in one box."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from ..content.fields import FigureId, InlineText, PathT, Strict, Text
from ..content.figures import NBSP, format_value, round_decimals, units
from ..content.targets import percent_of_target, wording
from ..model import (
    Bilingual,
    CallOut,
    Chart,
    FigureRow,
    FigureTable,
    Kpi,
    KpiGrid,
    Source,
    breakdown_columns,
    figure_columns,
)
from .base import BlockSpec

if TYPE_CHECKING:
    from ..build import Builder
    from ..content.schema import Figure


COLUMN_VIEWS = ("value", "target", "of_target", "change", "schedule", "as_of")
ColumnView = Literal["value", "target", "of_target", "change", "schedule", "as_of"]


class TableSpec(Strict):
    caption: Text | None = None
    figures: list[FigureId] = Field([], description="a row per figure")
    columns: list[ColumnView] = Field(["value", "as_of"], min_length=1, description="what "
                                      "each row shows, in order: value, target, of_target "
                                      "(% of target), change (year on year), schedule, as_of")
    groups: list[str] = Field([], description="a breakdown: a row per group (ids of the "
                              "briefing's groups) ...")
    measures: list[str] = Field([], description="... and a column per measure: the figure "
                                "of that group and measure")

    @model_validator(mode="after")
    def _rows(self) -> TableSpec:
        if bool(self.figures) == bool(self.groups):
            raise ValueError("a table lists either figures, or groups and measures (a "
                             "breakdown)")
        if bool(self.groups) != bool(self.measures):
            raise ValueError("a breakdown needs both groups (its rows) and measures (its "
                             "columns)")
        return self


class TableBlock(BlockSpec):
    table: TableSpec


class CalloutSpec(Strict):
    figure: FigureId
    text: InlineText


class CalloutBlock(BlockSpec):
    callout: CalloutSpec


class KpisBlock(BlockSpec):
    kpis: list[FigureId] = Field(min_length=2, max_length=4)


class ChartSpec(Strict):
    type: Literal["bar", "grouped_bar", "line", "pie", "donut"] = "bar"
    title: Text
    figures: list[FigureId] = Field([], max_length=12, description="one series: a bar, point "
                                    "or slice per figure, labelled with the figure's label")
    series: list[list[FigureId]] = Field([], max_length=6, description="grouped_bar: one list "
                                         "of figure ids per series, one id per category")
    series_labels: list[Text] = []
    categories: list[Text] = []
    targets: bool = Field(False, description="bar: each figure's bar beside its target's")
    groups: list[str] = Field([], description="grouped_bar of a breakdown: a category per "
                              "group ...")
    measures: list[str] = Field([], description="... and a series per measure")

    @model_validator(mode="after")
    def _shape(self) -> ChartSpec:
        if self.groups or self.measures:
            if self.type != "grouped_bar" or not (self.groups and self.measures) or \
                    self.series or self.figures:
                raise ValueError("a breakdown chart is a grouped_bar with groups and "
                                 "measures (and no figures or series)")
        elif self.type == "grouped_bar":
            if len(self.series) < 2 or len(self.series_labels) != len(self.series):
                raise ValueError("a grouped_bar needs two or more series, each with a label "
                                 "in series_labels")
            if any(len(s) != len(self.categories) for s in self.series) or not self.categories:
                raise ValueError("each series needs one figure per category")
        elif len(self.figures) < 2 or self.series:
            raise ValueError(f"a {self.type} chart needs two or more figures (series are for "
                             "grouped_bar)")
        return self

    @property
    def all_figures(self) -> list[FigureId]:
        return self.figures or [f for s in self.series for f in s]


class ChartBlock(BlockSpec):
    chart: ChartSpec

    def problems(self, figures: dict[str, Figure]) -> list[tuple[PathT, str]]:
        found: list[tuple[PathT, str]] = []
        if self.chart.type in ("pie", "donut"):  # shares of a whole: each above zero
            found += [(("chart", "figures", i), f"'{f}' is {figures[f].value}: a slice of a "
                       "pie or donut must be above zero (show these figures as bars)")
                      for i, f in enumerate(self.chart.figures)
                      if f in figures and figures[f].value is not None
                      and figures[f].value <= 0]  # type: ignore[operator]
        chart_units = {figures[f].unit for f in self.chart.all_figures if f in figures}
        if len(chart_units) > 1:
            found.append((("chart", "figures"), "a chart's figures must share one unit, not "
                          + ", ".join(sorted(chart_units))))
        return found


def build_table(spec: TableBlock, b: Builder, path: PathT, style: str | None,
                src: Source) -> FigureTable:
    table = spec.table
    caption = b.plain(table.caption, path + ("table", "caption")) if table.caption else None
    if table.groups:
        return breakdown_table(table, b, path + ("table",), caption, style, src)
    places = b.table_places(table.figures, table.columns)  # a column shares a precision
    rows = tuple(b.figure_row(fig_id, table.columns, places) for fig_id in table.figures)
    header = (b.labels["table_figure"], *(column_header(b, c) for c in table.columns))
    return FigureTable(caption, header, rows, style, src, figure_columns(table.columns),
                       note=b.sources_note(rows))


def column_header(b: Builder, view: str) -> Bilingual[str]:
    """A column's title: the theme's label for value and as_of, the wording's for views."""
    own = {"value": "table_value", "as_of": "table_as_of"}.get(view)
    if own:
        return b.labels[own]
    return b.labels.get(f"table_{view}") or Bilingual(*(wording()["headers"][view][lang]
                                                        for lang in ("zh", "en")))


def breakdown_table(table: TableSpec, b: Builder, path: PathT, caption: Bilingual[str] | None,
                    style: str | None, src: Source) -> FigureTable:
    """Groups x measures: a row per group, a column per measure, each cell the value of the
    figure of that group and measure (— where there is none)."""
    cells = b.breakdown(table.groups, table.measures, path)
    rows = []
    for group, row in zip(table.groups, cells, strict=True):
        used = [f for f in row if f]
        # a breakdown's cells are narrow: "RMB 33.713 billion" may wrap at its spaces
        extra = tuple((f"m{i}", b.views(f, lambda v: str(v).replace(NBSP, " ")) if f
                       else Bilingual("—", "—")) for i, f in enumerate(row))
        first = used[0] if used else None
        marks = tuple((f"m{i}", (f, None)) for i, f in enumerate(row) if f) + (
            (("as_of", (first, "as_of")),) if first else ())
        rows.append(FigureRow(group, b.group_label(group), Bilingual("", ""),
                              b.views(first, lambda v: v.as_of) if first else Bilingual("", ""),
                              _sources(b, used), extra, marks))
    header = (b.labels["table_figure"], *(b.measure_label(m) for m in table.measures))
    return FigureTable(caption, header, tuple(rows), style, src,
                       breakdown_columns(len(table.measures)), note=b.sources_note(tuple(rows)))


def _sources(b: Builder, fig_ids: list[str]) -> Bilingual[str]:
    zh = dict.fromkeys(b.views(f, lambda v: v.source).zh for f in fig_ids)
    en = dict.fromkeys(b.views(f, lambda v: v.source).en for f in fig_ids)
    return Bilingual("；".join(z for z in zh if z), "; ".join(e for e in en if e))


def build_callout(spec: CalloutBlock, b: Builder, path: PathT, style: str | None,
                  src: Source) -> CallOut:
    fig_id = spec.callout.figure
    return CallOut(b.views(fig_id, str), b.views(fig_id, lambda v: v.label),
                   b.inline(spec.callout.text, path + ("callout", "text")), style, src,
                   figure=fig_id)


def build_kpis(spec: KpisBlock, b: Builder, path: PathT, style: str | None,
               src: Source) -> KpiGrid:
    # the figure keeps its glue: a row of cards sizes its figures to keep "RMB 11.25
    # billion" on one line (writers/pdf/kpis.py)
    figures = b.content.figures
    return KpiGrid(tuple(Kpi(b.views(f, str),
                             b.views(f, lambda v: v.label),
                             b.views(f, lambda v: v.trend)
                             if figures[f].previous or figures[f].change is not None else None,
                             b.views(f, lambda v: v.progress) if figures[f].target else None,
                             kpi_fraction(figures[f]), figure=f)
                         for f in spec.kpis), style, src)


def kpi_fraction(figure: Figure) -> float | None:
    """The value's share of its target, for a KPI card's bar."""
    if figure.target is None or figure.value is None:
        return None
    return float(percent_of_target(figure)) / 100


def build_chart(spec: ChartBlock, b: Builder, path: PathT, style: str | None,
                src: Source) -> Chart:
    chart = spec.chart
    base = path + ("chart",)
    title = b.plain(chart.title, base + ("title",))
    if chart.groups:
        return breakdown_chart(chart, b, base, title, style, src)
    if chart.targets:
        return target_chart(chart, b, title, style, src)
    series = chart.series or [chart.figures]
    labels = (tuple(b.plain(c, base + ("categories", i)) for i, c in enumerate(chart.categories))
              if chart.categories else tuple(b.views(f, lambda v: v.label)
                                             for f in chart.figures))
    values = tuple(tuple(b.content.figures[f].shown_value for f in s) for s in series)
    return Chart(chart.type, title, labels, values,
                 tuple(tuple(b.views(f, str) for f in s) for s in series),
                 tuple(b.plain(t, base + ("series_labels", i))
                       for i, t in enumerate(chart.series_labels)), style, src,
                 shares(values[0]) if chart.type in ("pie", "donut") else ())


SHARE_PLACES = 1  # a slice's share of the whole: 24.1%, as changes are printed


def shares(values: tuple[Decimal, ...]) -> tuple[Bilingual[str], ...]:
    """Each value's share of their sum, in percent, printed as every percentage is."""
    total = sum(values, Decimal(0))
    return tuple(Bilingual(*(format_value(round_decimals(v / total * 100, SHARE_PLACES),
                                          units()["percent"], lang) for lang in ("zh", "en")))
                 for v in values)


def target_chart(chart: ChartSpec, b: Builder, title: Bilingual[str], style: str | None,
                 src: Source) -> Chart:
    """Actual against target: for each figure, its bar beside its target's."""
    figures = [b.content.figures[f] for f in chart.figures]
    targets = [f.target.value if f.target and f.target.value else Decimal(0) for f in figures]
    return Chart("grouped_bar", title, tuple(b.views(f, lambda v: v.label) for f in chart.figures),
                 (tuple(f.shown_value for f in figures), tuple(targets)),
                 (tuple(b.views(f, str) for f in chart.figures),
                  tuple(b.views(f, lambda v: v.target) if figures[i].target and
                        figures[i].target.value else Bilingual("—", "—")  # type: ignore[union-attr]
                        for i, f in enumerate(chart.figures))),
                 (_header("actual"), _header("target")), style, src)


def breakdown_chart(chart: ChartSpec, b: Builder, path: PathT, title: Bilingual[str],
                    style: str | None, src: Source) -> Chart:
    """Groups x measures as a grouped bar chart: a category per group, a series per measure."""
    cells = b.breakdown(chart.groups, chart.measures, path)
    figures = b.content.figures
    series = [[row[m] for row in cells] for m in range(len(chart.measures))]
    return Chart("grouped_bar", title, tuple(b.group_label(g) for g in chart.groups),
                 tuple(tuple(figures[f].shown_value if f else Decimal(0) for f in s)
                       for s in series),
                 tuple(tuple(b.views(f, str) if f else Bilingual("—", "—") for f in s)
                       for s in series),
                 tuple(b.measure_label(m) for m in chart.measures), style, src)


def _header(key: str) -> Bilingual[str]:
    return Bilingual(*(str(wording()["headers"][key][lang]) for lang in ("zh", "en")))
