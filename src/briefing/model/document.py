"""The document: its cover and blocks, the texts it draws, and `dump()` to readable text."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, fields, is_dataclass
from functools import cached_property
from pathlib import Path

from .blocks import Block
from .text import Bilingual, Lang, Run, Source, characters_of


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
    cover_source: Source | None = None  # where the cover's texts were written

    @property
    def parallel(self) -> bool:
        return self.layout == "parallel"

    @cached_property
    def texts(self) -> list[tuple[Bilingual[str], Source | None]]:
        """Every text the writers will draw, in both languages, with where it was written
        (for the glyph check and the fonts both writers embed: gathered once)."""
        cover = self.cover
        texts: list[tuple[Bilingual[str], Source | None]] = [
            (value, self.cover_source) for value in (
                cover.title, cover.subtitle, cover.date_text, cover.publisher,
                cover.prepared_for, cover.visit) if value]
        texts += [(value, None) for value in self.labels.values()]  # the theme's
        for block in self.blocks:
            texts += [(v, block.source) for v in block.texts()]
            texts += [(Bilingual("", f"{note.number} {note.text}"), block.source)
                      for note in block.notes()]
        return texts

    @cached_property
    def characters(self) -> frozenset[str]:
        """The characters of those texts, in the document's languages."""
        return characters_of((value for value, _ in self.texts), self.languages)


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
    elif is_dataclass(value) and not isinstance(value, (type, Run)):
        lines.append(f"{pad}{name}:")
        for f in fields(value):
            if f.metadata.get("dump", True):  # not: where figures stand (the DOCX's marks)
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
