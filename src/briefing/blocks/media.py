"""Pictures and page breaks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field

from ..content.fields import PathT, Strict, Text
from ..model import Image, PageBreak, Source
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
