"""What a block declaration is made of: `BlockSpec`, the base of every block's content
model, and `BlockType`, which binds a block's key, spec, model class and build step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..content.fields import PathT, Strict
from ..model import Block, Source

if TYPE_CHECKING:
    from ..build import Builder
    from ..content.schema import Figure


class BlockSpec(Strict):
    """A block as written in briefing.yaml: one key naming its kind (`paragraph:`, `table:`),
    plus a theme style to use instead of the default and tags for editions."""

    style: str | None = None
    tags: list[str] = []

    def problems(self, figures: dict[str, Figure]) -> list[tuple[PathT, str]]:
        """Mistakes only the figures reveal, as (path inside the block, message). Unknown
        figure ids are found for every block from its FigureId fields."""
        return []


# spec, builder, the block's path in the file, its checked style, where it was written
BuildStep = Callable[[Any, "Builder", PathT, "str | None", Source], Block]


@dataclass(frozen=True)
class BlockType:
    """One kind of block, declared once: the key that names it in briefing.yaml, its
    content model (`spec`), the model class it builds (what the writers draw; its
    `texts()` feed the glyph check) and the step that builds it."""

    kind: str
    spec: type[BlockSpec]
    model: type
    build: BuildStep

    def __post_init__(self) -> None:
        assert self.kind in self.spec.model_fields, f"{self.spec.__name__} has no '{self.kind}'"
