"""What every block of the model answers (`ModelBlock`), and the two helpers the block
classes declare their texts and style roles with."""

from __future__ import annotations

from typing import ClassVar

from .text import Bilingual, Inline, Note, plain_text


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
    theme must define; theme.resolved.STYLE_ROLES gathers them."""

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

    def notes(self) -> list[Note]:
        """The footnotes (glosses) its English carries, in order."""
        return []


def _roles(*pairs: tuple[str, str, str]) -> dict[str, Bilingual[str]]:
    return {role: Bilingual(zh, en) for role, zh, en in pairs}
