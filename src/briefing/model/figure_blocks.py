"""The figure blocks of the model: figure tables (their rows and columns), call-outs, KPI
cards and charts. Each shows both languages in one box, across the page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .base import ModelBlock, _plain, _roles
from .text import Bilingual, FigureRef, Inline, Lang, Note, Source, inline_notes

# what a figure table's cell of each column shows of its figure: the attribute of the
# figure's template view (None: the value; a cell is narrow, so change and schedule in
# their short forms)
CELL_VIEWS: dict[str, str | None] = {
    "label": "label", "value": None, "as_of": "as_of", "source": "source",
    "target": "target", "of_target": "of_target", "change": "trend",
    "schedule": "schedule_points"}


@dataclass(frozen=True)
class FigureRow:
    """A row of a figure table: a figure (or, in a breakdown, a group) and its cells. The
    columns a table chose beyond these (target, of_target, change, or a breakdown's
    measures) are in `extra`, by field name. `marks`: the rendering of a figure each cell
    shows, by field name (a cell not listed shows none: a "—", a group's label)."""

    figure_id: str
    label: Bilingual[str]
    value: Bilingual[str]
    as_of: Bilingual[str]
    source: Bilingual[str]
    extra: tuple[tuple[str, Bilingual[str]], ...] = ()
    marks: tuple[tuple[str, FigureRef], ...] = field(default=(), metadata={"dump": False})

    def get(self, field: str) -> Bilingual[str]:
        """The cell of a column's field."""
        for name, value in self.extra:
            if name == field:
                return value
        return getattr(self, field)  # type: ignore[no-any-return]

    def mark_of(self, field: str) -> FigureRef | None:
        """The rendering of a figure the cell of `field` shows, if it shows one."""
        return dict(self.marks).get(field)


@dataclass(frozen=True)
class Column:
    """A column of figure tables: the row field it shows, the style roles of its header and
    cells, and its share of the text width. Both writers lay tables out from these."""

    field: str
    header_role: str
    cell_role: str
    share: float


FIGURE_COLUMNS = (Column("label", "table_header", "table_cell", 0.50),
                  Column("value", "table_header_number", "table_number", 0.28),
                  Column("as_of", "table_header_number", "table_date", 0.22))

_CELL_ROLES = {"as_of": "table_date"}  # the other views are numbers


def figure_columns(views: Sequence[str]) -> tuple[Column, ...]:
    """The columns of a figure table that shows `views` of each figure (value, target,
    of_target, change, schedule, as_of) after its label; the default two are as before."""
    if tuple(views) == ("value", "as_of"):
        return FIGURE_COLUMNS
    share = 0.70 / len(views) if len(views) > 2 else 0.25
    label = Column("label", "table_header", "table_cell", 1 - share * len(views))
    return (label, *(Column(v, "table_header_number", _CELL_ROLES.get(v, "table_number"),
                            share) for v in views))


def breakdown_columns(measures: int) -> tuple[Column, ...]:
    """A breakdown: the group's label, then a column per measure (fields m0, m1 ...)."""
    share = min(0.6 / measures, 0.25)
    return (Column("label", "table_header", "table_cell", 1 - share * measures),
            *(Column(f"m{i}", "table_header_number", "table_number", share)
              for i in range(measures)))


@dataclass(frozen=True)
class FigureTable(ModelBlock):
    caption: Bilingual[str] | None
    header: tuple[Bilingual[str], ...]  # a title per column
    rows: tuple[FigureRow, ...]
    style: str | None
    source: Source
    columns: tuple[Column, ...] = FIGURE_COLUMNS
    note: Bilingual[str] | None = None  # under the table: where its figures come from

    roles = _roles(("table_header", "Table Header", "Table Header English"),
                   ("table_header_number", "Table Header Figure", "Table Header Figure English"),
                   ("table_cell", "Table Text", "Table Text English"),
                   ("table_number", "Table Figure", "Table Figure English"),
                   ("table_date", "Table Date", "Table Date English"),
                   ("table_note", "Table Note", "Table Note English"))

    def texts(self) -> list[Bilingual[str]]:
        return ([self.caption] if self.caption else []) + [
            row.get(c.field) for row in self.rows for c in self.columns] + (
            [self.note] if self.note else []) + list(self.header)


@dataclass(frozen=True)
class CallOut(ModelBlock):
    """One highlighted figure with its label and a short text."""

    value: Bilingual[str]
    label: Bilingual[str]
    text: Bilingual[Inline]
    style: str | None
    source: Source
    figure: str | None = None  # the id of the figure `value` prints

    def mark_of(self, part: str) -> FigureRef | None:
        """The rendering of its figure a part (value, label) shows."""
        return (self.figure, None if part == "value" else part) if self.figure else None

    roles = _roles(("callout_value", "Call-out Figure", "Call-out Figure English"),
                   ("callout_label", "Call-out Label", "Call-out Label English"),
                   ("callout_text", "Call-out Text", "Call-out Text English"))

    def texts(self) -> list[Bilingual[str]]:
        return [self.value, self.label, _plain(self.text)]

    def prose(self) -> list[Bilingual[str]]:
        return [_plain(self.text)]

    def notes(self) -> list[Note]:
        return inline_notes([self.text.en])


@dataclass(frozen=True)
class Kpi:
    value: Bilingual[str]
    label: Bilingual[str]
    trend: Bilingual[str] | None = None  # ▲ 12.5%, when the figure has a previous value
    progress: Bilingual[str] | None = None  # 完成年度目标任务的37.22%, with a target
    fraction: float | None = None  # of the target (may be over 1): the card's small bar
    figure: str | None = None  # the id of the figure `value` prints

    def mark_of(self, part: str) -> FigureRef | None:
        """The rendering of its figure a part shows: value, label, trend, progress (the
        attributes of the figure's template view) or bar (`progress_bar`)."""
        return (self.figure, None if part == "value" else part) if self.figure else None


BAR_MARKS = "■□"  # a KPI card's bar of progress, in text: reached, still to do


def progress_bar(fraction: float) -> str:
    """A KPI card's bar of progress in text, in ten blocks: ■■■■■■□□□□ for 0.6."""
    filled = round(max(0.0, min(fraction, 1.0)) * 10)
    return BAR_MARKS[0] * filled + BAR_MARKS[1] * (10 - filled)


@dataclass(frozen=True)
class KpiGrid(ModelBlock):
    items: tuple[Kpi, ...]
    style: str | None
    source: Source

    roles = _roles(("kpi_value", "KPI Value", "KPI Value English"),
                   ("kpi_label", "KPI Label", "KPI Label English"))

    def texts(self) -> list[Bilingual[str]]:
        texts = [v for k in self.items for v in (k.value, k.label, k.trend, k.progress) if v]
        if any(k.fraction is not None for k in self.items):
            texts.append(Bilingual(BAR_MARKS, BAR_MARKS))  # Word draws the bars with these
        return texts


@dataclass(frozen=True)
class Chart(ModelBlock):
    """A chart over figures of one unit: bar, grouped bar, line, pie or donut. `values` and
    `value_texts` hold one row per series (one series but for grouped bars), one entry per
    category in `labels`."""

    kind: str
    title: Bilingual[str]
    labels: tuple[Bilingual[str], ...]
    values: tuple[tuple[Decimal, ...], ...]          # for drawing
    value_texts: tuple[tuple[Bilingual[str], ...], ...]  # printed: 112.5亿元 / RMB 11.25 billion
    series_labels: tuple[Bilingual[str], ...]
    style: str | None
    source: Source
    shares: tuple[Bilingual[str], ...] = ()  # pie, donut: each slice's share, 24.1%

    def texts(self) -> list[Bilingual[str]]:
        return [self.title, *self.labels, *self.series_labels,
                *(v for row in self.value_texts for v in row), *self.shares]

    def value_text(self, series: int, index: int, lang: Lang) -> str:
        """A value as printed beside its label: a slice's with its share of the whole,
        7.6亿元（4.1%） / RMB 760 million (4.1%), the English share kept on the value's line
        (a no-break space)."""
        value = self.value_texts[series][index].get(lang)
        if not self.shares:
            return value
        share = self.shares[index].get(lang)
        return f"{value}（{share}）" if lang == "zh" else f"{value}\u00a0({share})"

    def alt_text(self, languages: tuple[Lang, ...]) -> str:
        """What the chart says, for readers who cannot see it."""
        def row(lang: Lang, s: int) -> str:
            prefix = f"{self.series_labels[s].get(lang)}: " if self.series_labels else ""
            return prefix + "; ".join(f"{label.get(lang)} {self.value_text(s, i, lang)}"
                                      for i, label in enumerate(self.labels))
        return " / ".join(self.title.get(lang) + ": " + " | ".join(
            row(lang, s) for s in range(len(self.values))) for lang in languages)

