"""Text blocks: paragraph, heading, bullets, quote. In the parallel layout these go side by side
(see `model.ModelBlock.side_by_side`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from ..content.fields import InlineText, PathT, Strict, Text
from ..model import Bilingual, BulletList, Heading, Paragraph, Quote, Source
from .base import BlockSpec

if TYPE_CHECKING:
    from ..build import Builder


class ParagraphBlock(BlockSpec):
    paragraph: InlineText


class HeadingBlock(BlockSpec):
    heading: InlineText
    level: int = Field(2, ge=2, le=4, description="2 under a section heading, 3 and 4 below")


class BulletsBlock(BlockSpec):
    bullets: list[InlineText] = Field(min_length=1)


class QuoteSpec(Strict):
    text: InlineText = Field(description="the words quoted")
    attribution: Text = Field(description="who said them, and where or when: "
                              "秦保强，区委书记 / Qin Baoqiang, Party Secretary")


class QuoteBlock(BlockSpec):
    quote: QuoteSpec


def build_paragraph(spec: ParagraphBlock, b: Builder, path: PathT, style: str | None,
                    src: Source) -> Paragraph:
    return Paragraph(b.inline(spec.paragraph, path + ("paragraph",)), style, src)


def build_heading(spec: HeadingBlock, b: Builder, path: PathT, style: str | None,
                  src: Source) -> Heading:
    return Heading(b.inline(spec.heading, path + ("heading",)), spec.level, style, src)


def build_bullets(spec: BulletsBlock, b: Builder, path: PathT, style: str | None,
                  src: Source) -> BulletList:
    items = tuple(b.inline(item, path + ("bullets", i)) for i, item in enumerate(spec.bullets))
    return BulletList(items, style, src)


def build_quote(spec: QuoteBlock, b: Builder, path: PathT, style: str | None,
                src: Source) -> Quote:
    by = b.plain(spec.quote.attribution, path + ("quote", "attribution"))
    return Quote(b.inline(spec.quote.text, path + ("quote", "text")),
                 Bilingual(f"——{by.zh}", f"— {by.en}"), style, src)
