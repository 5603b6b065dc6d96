"""Figure blocks: table, callout, kpis, chart. Each shows its figures, formatted in both
languages, in one box."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from ..content.fields import FigureId, InlineText, PathT, Strict, Text
from ..content.figures import NBSP
from ..model import CallOut, Chart, FigureTable, Kpi, KpiGrid, Source
from .base import BlockSpec

if TYPE_CHECKING:
    from ..build import Builder
    from ..content.schema import Figure


class TableSpec(Strict):
    caption: Text | None = None
    figures: list[FigureId] = Field(min_length=1)


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

    @model_validator(mode="after")
    def _shape(self) -> ChartSpec:
        if self.type == "grouped_bar":
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
        chart_units = {figures[f].unit for f in self.chart.all_figures if f in figures}
        if len(chart_units) > 1:
            return [(("chart", "figures"), "a chart's figures must share one unit, not "
                     + ", ".join(sorted(chart_units)))]
        return []


def build_table(spec: TableBlock, b: Builder, path: PathT, style: str | None,
                src: Source) -> FigureTable:
    caption = (b.plain(spec.table.caption, path + ("table", "caption"))
               if spec.table.caption else None)
    rows = tuple(b.figure_row(fig_id) for fig_id in spec.table.figures)
    labels = b.labels
    header = (labels["table_figure"], labels["table_value"], labels["table_as_of"])
    return FigureTable(caption, header, rows, style, src, note=b.sources_note(rows))


def build_callout(spec: CalloutBlock, b: Builder, path: PathT, style: str | None,
                  src: Source) -> CallOut:
    fig_id = spec.callout.figure
    return CallOut(b.views(fig_id, str), b.views(fig_id, lambda v: v.label),
                   b.inline(spec.callout.text, path + ("callout", "text")), style, src)


def build_kpis(spec: KpisBlock, b: Builder, path: PathT, style: str | None,
               src: Source) -> KpiGrid:
    # a KPI card is narrow: "RMB 11.25 billion" may wrap at its spaces there
    return KpiGrid(tuple(Kpi(b.views(f, lambda v: str(v).replace(NBSP, " ")),
                             b.views(f, lambda v: v.label),
                             b.views(f, lambda v: v.trend)
                             if b.content.figures[f].previous else None)
                         for f in spec.kpis), style, src)


def build_chart(spec: ChartBlock, b: Builder, path: PathT, style: str | None,
                src: Source) -> Chart:
    chart = spec.chart
    series = chart.series or [chart.figures]
    base = path + ("chart",)
    labels = (tuple(b.plain(c, base + ("categories", i)) for i, c in enumerate(chart.categories))
              if chart.categories else tuple(b.views(f, lambda v: v.label)
                                             for f in chart.figures))
    return Chart(chart.type, b.plain(chart.title, base + ("title",)), labels,
                 tuple(tuple(b.content.figures[f].shown_value for f in s) for s in series),
                 tuple(tuple(b.views(f, str) for f in s) for s in series),
                 tuple(b.plain(t, base + ("series_labels", i))
                       for i, t in enumerate(chart.series_labels)), style, src)
