"""The document model: what both writers draw, with every figure resolved and all text
rendered. Frozen dataclasses, no ReportLab or python-docx here.

Blocks form a closed set (Heading, Paragraph, BulletList, FigureTable, CallOut, KpiGrid,
PageBreak). Every text is Bilingual; every block has `style` (a theme style name, or None
for "the default for this kind of block") and `source` (where it was written).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path
from typing import Generic, Iterable, Literal, TypeVar, Union

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
    """A stretch of inline text: plain, strong, or a link (http, https or mailto), with
    perhaps a footnote after it."""

    text: str
    strong: bool = False
    link: str | None = None
    note: Note | None = None  # a footnote (a gloss) referenced at the end of this run


@dataclass(frozen=True)
class Note:
    """A footnote: its number in the document (1, 2, ... in reading order; Word numbers
    its own footnotes the same way) and its text."""

    number: int
    text: str


Inline = tuple[Run, ...]


def plain_text(runs: Inline) -> str:
    return "".join(run.text for run in runs)


@dataclass(frozen=True)
class Source:
    file: Path
    line: int | None

    def __str__(self) -> str:
        return f"{self.file.name}:{self.line}"


@dataclass(frozen=True)
class Heading:
    text: Bilingual[Inline]
    level: int
    style: str | None
    source: Source
    # "一、" / "I. " when the theme numbers headings: the PDF prints it; Word numbers the
    # heading styles itself (numbering.xml), so that moving a section renumbers
    number: Bilingual[str] | None = None

    def numbered_text(self) -> Bilingual[Inline]:
        """The text with its number in front, for writers that do not number by themselves."""
        if self.number is None:
            return self.text
        return Bilingual((Run(self.number.zh),) + self.text.zh,
                         (Run(self.number.en),) + self.text.en)


@dataclass(frozen=True)
class Paragraph:
    text: Bilingual[Inline]
    style: str | None
    source: Source


@dataclass(frozen=True)
class BulletList:
    items: tuple[Bilingual[Inline], ...]
    style: str | None
    source: Source


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
class FigureTable:
    caption: Bilingual[str] | None
    header: tuple[Bilingual[str], ...]  # a title per column
    rows: tuple[FigureRow, ...]
    style: str | None
    source: Source
    columns: tuple[Column, ...] = FIGURE_COLUMNS
    note: Bilingual[str] | None = None  # under the table: where its figures come from


@dataclass(frozen=True)
class CallOut:
    """One highlighted figure with its label and a short text."""

    value: Bilingual[str]
    label: Bilingual[str]
    text: Bilingual[Inline]
    style: str | None
    source: Source


@dataclass(frozen=True)
class Kpi:
    value: Bilingual[str]
    label: Bilingual[str]
    trend: Bilingual[str] | None = None  # ▲ 12.5%, when the figure has a previous value


@dataclass(frozen=True)
class KpiGrid:
    items: tuple[Kpi, ...]
    style: str | None
    source: Source


@dataclass(frozen=True)
class Chart:
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

    def alt_text(self, languages: tuple[Lang, ...]) -> str:
        """What the chart says, for readers who cannot see it."""
        def row(lang: Lang, s: int) -> str:
            prefix = f"{self.series_labels[s].get(lang)}: " if self.series_labels else ""
            return prefix + "; ".join(f"{label.get(lang)} {value.get(lang)}" for label, value
                                      in zip(self.labels, self.value_texts[s]))
        return " / ".join(self.title.get(lang) + ": " + " | ".join(
            row(lang, s) for s in range(len(self.values))) for lang in languages)


@dataclass(frozen=True)
class Image:
    """A picture from the briefing folder (checked), with its alt text and caption."""

    file: Path
    alt: Bilingual[str]
    caption: Bilingual[str] | None
    width_fraction: float
    style: str | None
    source: Source


@dataclass(frozen=True)
class ContactCard:
    """Who to call: a host's name, title, phone and e-mail, and a link printed as a QR code."""

    label: Bilingual[str]
    name: Bilingual[str]
    title: Bilingual[str]
    phone: str
    email: str
    link: str | None
    style: str | None
    source: Source


@dataclass(frozen=True)
class PageBreak:
    style: str | None
    source: Source


Block = Union[Heading, Paragraph, BulletList, FigureTable, CallOut, KpiGrid, Chart, Image,
              ContactCard, PageBreak]


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
            texts += [(v, block.source) for v in block_texts(block)]
            texts += [(Bilingual("", f"{note.number} {note.text}"), block.source)
                      for note in block_notes(block)]
        return texts

    @cached_property
    def characters(self) -> frozenset[str]:
        """The characters of those texts, in the document's languages."""
        return characters_of((value for value, _ in self.texts), self.languages)


def block_texts(block: object) -> list[Bilingual[str]]:
    """The texts of one block, as plain strings in both languages."""
    if isinstance(block, (Heading, Paragraph)):
        return [_plain(block.text)]
    if isinstance(block, BulletList):
        return [_plain(item) for item in block.items]
    if isinstance(block, FigureTable):
        return ([block.caption] if block.caption else []) + [
            getattr(row, c.field) for row in block.rows for c in block.columns] + (
            [block.note] if block.note else []) + list(block.header)
    if isinstance(block, CallOut):
        return [block.value, block.label, _plain(block.text)]
    if isinstance(block, Chart):
        return [block.title, *block.labels, *block.series_labels,
                *(v for row in block.value_texts for v in row)]
    if isinstance(block, Image):
        return [block.alt] + ([block.caption] if block.caption else [])
    if isinstance(block, ContactCard):
        return [block.label, block.name, block.title,
                Bilingual(block.phone, block.phone), Bilingual(block.email, block.email)]
    if isinstance(block, KpiGrid):
        return [v for k in block.items for v in (k.value, k.label, k.trend) if v]
    return []


def block_notes(block: object) -> list[Note]:
    """The footnotes (glosses, in English) a block's text carries, in order."""
    texts = (block.items if isinstance(block, BulletList) else
             [block.text] if isinstance(block, (Paragraph, CallOut)) else [])
    return [run.note for text in texts for run in text.en if run.note]


def characters_of(texts: Iterable[Bilingual[str]], languages: Iterable[str]) -> frozenset[str]:
    """The characters of texts in the given languages."""
    languages = tuple(languages)
    return frozenset("".join(value.get(lang) for value in texts for lang in languages))


def _plain(value: Bilingual[Inline]) -> Bilingual[str]:
    return Bilingual(plain_text(value.zh), plain_text(value.en))


TEXT_BLOCKS = (Heading, Paragraph, BulletList)


def parallel_rows(block: Block) -> tuple[Block, ...]:
    """The rows a text block takes in the parallel layout, each row aligning its Chinese
    and English at the top: one per bullet item, so items stay level with each other."""
    if isinstance(block, BulletList):
        return tuple(BulletList((item,), block.style, block.source) for item in block.items)
    return (block,)


LABEL_FIELDS = ("page", "pages")
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
        text = "".join((f"**{r.text}**" if r.strong else f"[{r.text}]({r.link})" if r.link
                        else r.text) + (f"[^{r.note.number}: {r.note.text}]" if r.note else "")
                       for r in value)
    else:
        text = str(value)
    return text.replace("\u00a0", "⍽")
