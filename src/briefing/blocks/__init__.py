"""The block types, declared once: BLOCK_TYPES binds each block's key in briefing.yaml, its
content spec, its model class and its build step. Everything else that needs the set of
blocks (the schema's block union, the field names for hints, inline texts, the writers'
handler tests) derives it from this table. docs/architecture.md: "Adding a block"."""

from __future__ import annotations

from ..model import (
    BulletList,
    CallOut,
    Chart,
    FigureTable,
    Heading,
    Image,
    KpiGrid,
    PageBreak,
    Paragraph,
    Quote,
)
from .base import BlockSpec, BlockType
from .figures import (
    CalloutBlock,
    ChartBlock,
    KpisBlock,
    TableBlock,
    build_callout,
    build_chart,
    build_kpis,
    build_table,
)
from .media import ImageBlock, PageBreakBlock, build_image, build_page_break
from .text import (
    BulletsBlock,
    HeadingBlock,
    ParagraphBlock,
    QuoteBlock,
    build_bullets,
    build_heading,
    build_paragraph,
    build_quote,
)

BLOCK_TYPES: tuple[BlockType, ...] = (
    BlockType("paragraph", ParagraphBlock, Paragraph, build_paragraph),
    BlockType("heading", HeadingBlock, Heading, build_heading),
    BlockType("bullets", BulletsBlock, BulletList, build_bullets),
    BlockType("quote", QuoteBlock, Quote, build_quote),
    BlockType("table", TableBlock, FigureTable, build_table),
    BlockType("callout", CalloutBlock, CallOut, build_callout),
    BlockType("kpis", KpisBlock, KpiGrid, build_kpis),
    BlockType("chart", ChartBlock, Chart, build_chart),
    BlockType("image", ImageBlock, Image, build_image),
    BlockType("page_break", PageBreakBlock, PageBreak, build_page_break),
)

BLOCK_KINDS: tuple[str, ...] = tuple(t.kind for t in BLOCK_TYPES)
BY_SPEC: dict[type[BlockSpec], BlockType] = {t.spec: t for t in BLOCK_TYPES}

__all__ = ["BLOCK_KINDS", "BLOCK_TYPES", "BY_SPEC", "BlockSpec", "BlockType"]
