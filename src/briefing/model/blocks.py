"""The blocks of the model: a closed set (`Block`), each a frozen dataclass that answers
what `ModelBlock` asks (its texts, its prose, its style roles, how the parallel layout
arranges it). The text blocks (side by side in the parallel layout), pictures, contact
cards and page breaks are here; the figure blocks in figure_blocks.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from .base import ModelBlock, _plain, _roles
from .figure_blocks import CallOut, Chart, FigureTable, KpiGrid
from .text import Bilingual, Inline, Note, Run, Source, inline_notes


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
        # with the number: both writers draw it (Word through numbering.xml), so its
        # characters (一、（）) belong in the glyph check and the font subsets
        return [_plain(self.numbered_text())]

    def prose(self) -> list[Bilingual[str]]:
        return [_plain(self.text)]

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

    def notes(self) -> list[Note]:
        return inline_notes([self.text.en])


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

    def notes(self) -> list[Note]:
        return inline_notes([item.en for item in self.items])

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


Block = (Heading | Paragraph | BulletList | Quote | FigureTable | CallOut | KpiGrid | Chart
         | Image | ContactCard | PageBreak)
BLOCK_CLASSES: tuple[type[ModelBlock], ...] = get_args(Block)


def block_roles() -> dict[str, Bilingual[str]]:
    """The style roles of every block type's parts."""
    return {role: names for cls in BLOCK_CLASSES for role, names in cls.roles.items()}
