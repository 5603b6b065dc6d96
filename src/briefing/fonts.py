"""Fonts: every character of every text must have a glyph in the font that draws it.

Checked with the font's own cmap (fontTools) before any writer runs, so a missing glyph is a
build error naming the character, its code point, where it was written and the font, never
a blank or a tofu box in the output.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError

from .errors import ContentError, Diagnostic, error
from .model import (BulletList, CallOut, Document, FigureTable, Heading, KpiGrid, Paragraph,
                    Source, plain_text)
from .theme.resolve import ResolvedTheme

_IGNORED = {"\n", "\t", "\r"}


@cache
def font_cmap(path: Path) -> frozenset[int]:
    """Code points the font maps to a glyph."""
    try:
        font = TTFont(str(path), lazy=True, fontNumber=0)
        if "glyf" not in font:
            raise ContentError([error(path, None, "", "only TrueType-outline fonts can be "
                                      "embedded in the PDF; this font has CFF outlines")])
        return frozenset(font.getBestCmap() or {})
    except (TTLibError, OSError) as exc:
        raise ContentError([error(path, None, "", f"not a usable font file: {exc}")]) from None


def document_texts(document: Document) -> list[tuple[str, Source | None]]:
    """Every text the writers will draw, with where it was written."""
    texts: list[tuple[str, Source | None]] = []
    cover = document.cover
    for value in (cover.title, cover.subtitle, cover.date_text, cover.publisher):
        if value is not None:
            texts += [(value.zh, None), (value.en, None)]
    for label in document.labels.values():
        texts += [(label.zh, None), (label.en, None)]
    for block in document.blocks:
        parts: list[str] = []
        if isinstance(block, (Heading, Paragraph)):
            parts = [plain_text(block.text.zh), plain_text(block.text.en)]
        elif isinstance(block, BulletList):
            parts = [plain_text(t) for item in block.items for t in (item.zh, item.en)]
        elif isinstance(block, FigureTable):
            values = [block.caption] if block.caption else []
            values += [v for row in block.rows for v in (row.label, row.value, row.as_of)]
            values += list(block.header)
            parts = [t for v in values for t in (v.zh, v.en)]
        elif isinstance(block, CallOut):
            parts = [block.value.zh, block.value.en, block.label.zh, block.label.en,
                     plain_text(block.text.zh), plain_text(block.text.en)]
        elif isinstance(block, KpiGrid):
            parts = [t for k in block.items for t in (k.value.zh, k.value.en, k.label.zh,
                                                       k.label.en)]
        texts += [(p, block.source) for p in parts]
    return texts


def check_glyphs(document: Document, theme: ResolvedTheme) -> None:
    """Raise ContentError for each character that a font the theme uses cannot draw."""
    used_fonts = {style.font for style in theme.styles.values()}
    problems: list[Diagnostic] = []
    reported: set[tuple[str, str]] = set()
    for key in sorted(used_fonts):
        font = theme.fonts[key]
        for path in (font.regular, font.bold):
            cmap = font_cmap(path)
            for text, source in document_texts(document):
                for char in text:
                    if char in _IGNORED or ord(char) in cmap or (char, path.name) in reported:
                        continue
                    reported.add((char, path.name))
                    name = unicodedata.name(char, "unnamed character")
                    problems.append(error(
                        source.file if source else theme.file, source.line if source else None,
                        "", f"character '{char}' (U+{ord(char):04X} {name}) is not in font "
                        f"{path.name}", "replace the character or add a font that has it"))
    if problems:
        raise ContentError(problems)
