"""Pictures and page breaks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field, field_validator

from ..content.fields import PathT, Strict, Text
from ..errors import Diagnostic, error
from ..limits import PAGE_BREAKS
from ..model import Block, Image, PageBreak, Source
from .base import BlockSpec

if TYPE_CHECKING:
    from ..build import Builder


class ImageSpec(Strict):
    file: str = Field(description="PNG or JPEG in the briefing folder")
    alt: Text = Field(description="what the picture shows, for readers who cannot see it")
    caption: Text | None = None
    width_percent: int = Field(100, ge=10, le=100, description="of the text width")


class ImageBlock(BlockSpec):
    image: ImageSpec


class PageBreakBlock(BlockSpec):
    page_break: bool

    @field_validator("page_break")
    @classmethod
    def _only_true(cls, value: bool) -> bool:
        if not value:  # `page_break: false` reads as "no break" but was one: refused
            raise ValueError("a page break is written 'page_break: true'; for no page "
                             "break, remove the block")
        return value


def build_image(spec: ImageBlock, b: Builder, path: PathT, style: str | None,
                src: Source) -> Image:
    image = spec.image
    base = path + ("image",)
    checked = b.image(image.file, base + ("file",))
    caption = b.plain(image.caption, base + ("caption",)) if image.caption else None
    return Image(checked or Path(image.file), b.plain(image.alt, base + ("alt",)),
                 caption, image.width_percent / 100, style, src)


def build_page_break(spec: PageBreakBlock, b: Builder, path: PathT, style: str | None,
                     src: Source) -> PageBreak:
    return PageBreak(style, src)


def page_break_runs(blocks: list[Block]) -> list[Diagnostic]:
    """A run of more page breaks in a row than PAGE_BREAKS allows, at the first break over
    the limit: each after the first makes a blank page, and the PDF's layout takes a long
    run of empty pages for a block that fits on none (ReportLab stops after ten)."""
    problems: list[Diagnostic] = []
    run: list[Source] = []
    for block in blocks:
        run = run + [block.source] if isinstance(block, PageBreak) else []
        if len(run) == PAGE_BREAKS.value + 1:
            first, over = run[0], run[-1]
            problems.append(error(over.file, over.line, over.field, PAGE_BREAKS.message(
                f"the run of page breaks from line {first.line}", None),
                "one page_break starts a new page; remove the ones after it (for a blank "
                f"page, two in a row), or {PAGE_BREAKS.raise_it}"))
    return problems
