"""The document model: what both writers draw, with every figure resolved and all text
rendered. Frozen dataclasses, no pydantic, ReportLab or python-docx here.

Blocks form a closed set (`Block`). Every text is Bilingual; every block has `style` (a theme
style name, or None for "the default for this kind of block") and `source` (where it was
written), and answers what `ModelBlock` asks: its texts, and how it is laid out.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path
from typing import ClassVar, Generic, Iterable, Literal, TypeVar, Union, get_args

Lang = Literal["zh", "en"]
T = TypeVar("T")


@dataclass(frozen=True)
class Bilingual(Generic[T]):
    zh: T
    en: T

    def get(self, lang: Lang) -> T:
        return self.zh if lang == "zh" else self.en

    def shown(self, languages: tuple[Lang, ...]) -> tuple[Lang, ...]:
        """The languages to print: an English identical to the Chinese (24.1%, PM2.5) is
        printed once."""
        if len(languages) > 1 and self.zh == self.en:
            return languages[:1]
        return languages


@dataclass(frozen=True)
class Run:
    """A stretch of inline text: plain, strong, or a link (http, https or mailto)."""

    text: str
    strong: bool = False
    link: str | None = None


Inline = tuple[Run, ...]


def plain_text(runs: Inline) -> str:
    return "".join(run.text for run in runs)


@dataclass(frozen=True)
class Source:
    file: Path
    line: int | None

    def __str__(self) -> str:
        return f"{self.file.name}:{self.line}"


def _plain(value: Bilingual[Inline]) -> Bilingual[str]:
    return Bilingual(plain_text(value.zh), plain_text(value.en))


class ModelBlock:
    """What every block of the model answers; each block's dataclass declares the rest.

    `side_by_side`: in the parallel layout the block's languages go into two columns, one
    row per `parallel_rows()` (text blocks). Its writer handlers are then called once per
    column, inside a table cell, with one language: they must write only paragraphs, into
    the writer's current container (`BlockWriter.container` in the DOCX), and no tables or
    boxes of their own. Other blocks show both languages in one box, across the page.

    `roles`: the style roles of its parts (role -> style name in zh and en), which every
    theme must define; theme.resolve.STYLE_ROLES gathers them."""

    side_by_side: ClassVar[bool] = False
    roles: ClassVar[dict[str, Bilingual[str]]] = {}

    def texts(self) -> list[Bilingual[str]]:
        """Every text the block draws, as plain strings in both languages: the glyph check
        and the fonts both writers embed read these."""
        return []

    def prose(self) -> list[Bilingual[str]]:
        """Its translated prose (not figures or labels): the glossary check compares the
        languages of these."""
        return []

    def parallel_rows(self) -> tuple[ModelBlock, ...]:
        """The rows a side-by-side block takes in the parallel layout, each aligning its
        Chinese and English at the top."""
        return (self,)


def _roles(*pairs: tuple[str, str, str]) -> dict[str, Bilingual[str]]:
    return {role: Bilingual(zh, en) for role, zh, en in pairs}


@dataclass(frozen=True)
class Heading(ModelBlock):
    text: Bilingual[Inline]
    level: int
    style: str | None
    source: Source
    # "一、" / "I. " when the theme numbers headings: the PDF prints it; Word numbers the
    # heading styles itself (numbering.xml), so that moving a section renumbers
    number: Bilingual[str] | None = None

    side_by_side = True
    roles = _roles(*((f"heading{n}", f"Heading {n}", f"Heading {n} English")
                     for n in range(1, 5)))

    def texts(self) -> list[Bilingual[str]]:
        return [_plain(self.text)]

    prose = texts

    def numbered_text(self) -> Bilingual[Inline]:
        """The text with its number in front, for writers that do not number by themselves."""
        if self.number is None:
            return self.text
        return Bilingual((Run(self.number.zh),) + self.text.zh,
                         (Run(self.number.en),) + self.text.en)


@dataclass(frozen=True)
class Paragraph(ModelBlock):
    text: Bilingual[Inline]
    style: str | None
    source: Source

    side_by_side = True
    roles = _roles(("body", "Body Text", "Body Text English"))

    def texts(self) -> list[Bilingual[str]]:
        return [_plain(self.text)]

    prose = texts


@dataclass(frozen=True)
class BulletList(ModelBlock):
    items: tuple[Bilingual[Inline], ...]
    style: str | None
    source: Source

    side_by_side = True
    roles = _roles(("bullet", "List Bullet", "List Bullet English"))

    def texts(self) -> list[Bilingual[str]]:
        return [_plain(item) for item in self.items]

    prose = texts

    def parallel_rows(self) -> tuple[ModelBlock, ...]:
        """One row per item, so that items stay level with each other."""
        return tuple(BulletList((item,), self.style, self.source) for item in self.items)


@dataclass(frozen=True)
class Quote(ModelBlock):
    """Words quoted (a leader's remark, say), and who said them, as printed:
    ——秦保强，区委书记 / — Qin Baoqiang, Party Secretary."""

    text: Bilingual[Inline]
    attribution: Bilingual[str]
    style: str | None
    source: Source

    side_by_side = True
    roles = _roles(("quote", "Quote", "Quote English"),
                   ("quote_attribution", "Quote Attribution", "Quote Attribution English"))

    def texts(self) -> list[Bilingual[str]]:
        return [_plain(self.text), self.attribution]

    prose = texts


@dataclass(frozen=True)
class FigureRow:
    figure_id: str
    label: Bilingual[str]
    value: Bilingual[str]
    as_of: Bilingual[str]
    source: Bilingual[str]


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
SOURCE_COLUMNS = (Column("label", "table_header", "table_cell", 0.28),
                  Column("value", "table_header_number", "table_number", 0.25),
                  Column("as_of", "table_header_number", "table_date", 0.20),
                  Column("source", "table_header", "table_cell", 0.27))


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
            getattr(row, c.field) for row in self.rows for c in self.columns] + (
            [self.note] if self.note else []) + list(self.header)


@dataclass(frozen=True)
class CallOut(ModelBlock):
    """One highlighted figure with its label and a short text."""

    value: Bilingual[str]
    label: Bilingual[str]
    text: Bilingual[Inline]
    style: str | None
    source: Source

    roles = _roles(("callout_value", "Call-out Figure", "Call-out Figure English"),
                   ("callout_label", "Call-out Label", "Call-out Label English"),
                   ("callout_text", "Call-out Text", "Call-out Text English"))

    def texts(self) -> list[Bilingual[str]]:
        return [self.value, self.label, _plain(self.text)]

    def prose(self) -> list[Bilingual[str]]:
        return [_plain(self.text)]


@dataclass(frozen=True)
class Kpi:
    value: Bilingual[str]
    label: Bilingual[str]
    trend: Bilingual[str] | None = None  # ▲ 12.5%, when the figure has a previous value


@dataclass(frozen=True)
class KpiGrid(ModelBlock):
    items: tuple[Kpi, ...]
    style: str | None
    source: Source

    roles = _roles(("kpi_value", "KPI Value", "KPI Value English"),
                   ("kpi_label", "KPI Label", "KPI Label English"))

    def texts(self) -> list[Bilingual[str]]:
        return [v for k in self.items for v in (k.value, k.label, k.trend) if v]


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

    def texts(self) -> list[Bilingual[str]]:
        return [self.title, *self.labels, *self.series_labels,
                *(v for row in self.value_texts for v in row)]

    def alt_text(self, languages: tuple[Lang, ...]) -> str:
        """What the chart says, for readers who cannot see it."""
        def row(lang: Lang, s: int) -> str:
            prefix = f"{self.series_labels[s].get(lang)}: " if self.series_labels else ""
            return prefix + "; ".join(f"{label.get(lang)} {value.get(lang)}" for label, value
                                      in zip(self.labels, self.value_texts[s]))
        return " / ".join(self.title.get(lang) + ": " + " | ".join(
            row(lang, s) for s in range(len(self.values))) for lang in languages)


@dataclass(frozen=True)
class Image(ModelBlock):
    """A picture from the briefing folder (checked), with its alt text and caption."""

    file: Path
    alt: Bilingual[str]
    caption: Bilingual[str] | None
    width_fraction: float
    style: str | None
    source: Source

    def texts(self) -> list[Bilingual[str]]:
        return [self.alt] + ([self.caption] if self.caption else [])


@dataclass(frozen=True)
class ContactCard(ModelBlock):
    """Who to call: a host's name, title, phone and e-mail, and a link printed as a QR code.
    Made for an edition (not written in briefing.yaml); styled as a call-out."""

    label: Bilingual[str]
    name: Bilingual[str]
    title: Bilingual[str]
    phone: str
    email: str
    link: str | None
    style: str | None
    source: Source

    def texts(self) -> list[Bilingual[str]]:
        return [self.label, self.name, self.title,
                Bilingual(self.phone, self.phone), Bilingual(self.email, self.email)]


@dataclass(frozen=True)
class PageBreak(ModelBlock):
    style: str | None
    source: Source


Block = Union[Heading, Paragraph, BulletList, Quote, FigureTable, CallOut, KpiGrid, Chart,
              Image, ContactCard, PageBreak]
BLOCK_CLASSES: tuple[type[ModelBlock], ...] = get_args(Block)


def block_roles() -> dict[str, Bilingual[str]]:
    """The style roles of every block type's parts."""
    return {role: names for cls in BLOCK_CLASSES for role, names in cls.roles.items()}


@dataclass(frozen=True)
class Cover:
    title: Bilingual[str]
    subtitle: Bilingual[str] | None
    date: datetime.date
    date_text: Bilingual[str]
    publisher: Bilingual[str]
    logo: Path | None = None  # a checked PNG or JPEG; its alt text is the publisher
    prepared_for: Bilingual[str] | None = None  # 专为……编制 / Prepared for ..., in an edition
    visit: Bilingual[str] | None = None  # the visitors' organisation and date of visit
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """A briefing ready to write. `layout` and `languages` say how the two languages are
    arranged: stacked (each text block in Chinese, then in English), parallel (side by side,
    Chinese left), or one language. Computed once by build_document; both writers read it.
    Figure blocks (tables, call-outs, KPI cards) always show all `languages` in one box."""

    id: str
    theme: str
    layout: str  # stacked, parallel, zh, en
    languages: tuple[Lang, ...]
    cover: Cover
    blocks: tuple[Block, ...]
    labels: dict[str, Bilingual[str]]

    @property
    def parallel(self) -> bool:
        return self.layout == "parallel"

    @cached_property
    def texts(self) -> list[tuple[Bilingual[str], Source | None]]:
        """Every text the writers will draw, in both languages, with where it was written
        (for the glyph check and the fonts both writers embed: gathered once)."""
        cover = self.cover
        texts: list[tuple[Bilingual[str], Source | None]] = [
            (value, None) for value in (cover.title, cover.subtitle, cover.date_text,
                                        cover.publisher, cover.prepared_for, cover.visit,
                                        *self.labels.values()) if value]
        for block in self.blocks:
            texts += [(v, block.source) for v in block.texts()]
        return texts

    @cached_property
    def characters(self) -> frozenset[str]:
        """The characters of those texts, in the document's languages."""
        return characters_of((value for value, _ in self.texts), self.languages)


def characters_of(texts: Iterable[Bilingual[str]], languages: Iterable[str]) -> frozenset[str]:
    """The characters of texts in the given languages."""
    languages = tuple(languages)
    return frozenset("".join(value.get(lang) for value in texts for lang in languages))


_LABEL_TOKEN = re.compile(r"\{(page|pages)\}")


def label_parts(template: str) -> list[tuple[str, str]]:
    """A label such as "Page {page} of {pages}" as ("text", "Page "), ("page", ""), ...: the
    PDF writer fills in numbers, the DOCX writer inserts PAGE and NUMPAGES fields."""
    parts: list[tuple[str, str]] = []
    pos = 0
    for match in _LABEL_TOKEN.finditer(template):
        if match.start() > pos:
            parts.append(("text", template[pos:match.start()]))
        parts.append((match.group(1), ""))
        pos = match.end()
    if pos < len(template):
        parts.append(("text", template[pos:]))
    return parts


def dump(document: Document) -> str:
    """The model as readable text, one line per value, for golden tests and debugging."""
    lines = [f"Document {document.id} theme={document.theme} layout={document.layout} "
             f"languages={','.join(document.languages)}"]
    _dump_value("cover", document.cover, 1, lines)
    for block in document.blocks:
        _dump_value(type(block).__name__, block, 1, lines)
    return "\n".join(lines) + "\n"


def _dump_value(name: str, value: object, depth: int, lines: list[str]) -> None:
    pad = "  " * depth
    if isinstance(value, Bilingual):
        lines.append(f"{pad}{name}.zh: {_short(value.zh)}")
        lines.append(f"{pad}{name}.en: {_short(value.en)}")
    elif isinstance(value, Source):
        lines.append(f"{pad}{name}: line {value.line}")
    elif isinstance(value, Path):  # a checked picture: where the briefing folder is varies
        lines.append(f"{pad}{name}: {value.name}")
    elif isinstance(value, tuple) and value and not isinstance(value[0], Run):
        for i, item in enumerate(value):
            _dump_value(f"{name}[{i}]", item, depth, lines)
    elif hasattr(value, "__dataclass_fields__") and not isinstance(value, Run):
        lines.append(f"{pad}{name}:")
        for f in fields(value):  # type: ignore[arg-type]
            _dump_value(f.name, getattr(value, f.name), depth + 1, lines)
    else:
        lines.append(f"{pad}{name}: {_short(value)}")


def _short(value: object) -> str:
    """Runs in Markdown-like marks; a non-breaking space shown as ⍽."""
    if isinstance(value, tuple) and all(isinstance(r, Run) for r in value):
        text = "".join(f"**{r.text}**" if r.strong else f"[{r.text}]({r.link})" if r.link
                       else r.text for r in value)
    else:
        text = str(value)
    return text.replace("\u00a0", "⍽")
