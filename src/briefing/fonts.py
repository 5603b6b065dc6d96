"""Fonts: every character of every text must have a glyph in the font that draws it.

Checked with the font's own cmap (fontTools) before any writer runs, so a missing glyph is a
build error naming the character, its code point, where it was written and the font, never
a blank or a tofu box in the output.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from array import array
from functools import cache
from pathlib import Path
from typing import Callable

from fontTools.ttLib import TTFont, TTLibError

from .errors import ContentError, Diagnostic, OutputError, error
from .model import (Bilingual, BulletList, CallOut, Chart, ContactCard, Document, FigureTable,
                    Heading, Image,
                    Inline, KpiGrid, Paragraph, Source, plain_text)
from .output import save_atomic
from .theme.resolve import STYLE_ROLES, ResolvedTheme

_IGNORED = {"\n", "\t", "\r"}


CACHE_VERSION = 2


def cache_dir() -> Path:
    """Where derived font data is kept: $BRIEFING_CACHE_DIR, else ~/.cache/briefing."""
    if os.environ.get("BRIEFING_CACHE_DIR"):
        return Path(os.environ["BRIEFING_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefing"


def font_cached(kind: str, path: Path, detail: str, compute: Callable[[], bytes]) -> bytes:
    """Data derived from a font file, cached on disk: keyed by the file's name, size and
    mtime and `detail`, checked by its SHA-256 when read back, written atomically. A missing,
    damaged or unwritable cache only costs the time of `compute`."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise ContentError([error(path, None, "", f"cannot read font: {exc.strerror}")]) from None
    key = f"{path.name}-{stat.st_size}-{stat.st_mtime_ns}-{detail}-v{CACHE_VERSION}"
    cached = cache_dir() / f"{kind}-{hashlib.sha256(key.encode()).hexdigest()[:24]}.bin"
    try:
        stored = cached.read_bytes()
        if hashlib.sha256(stored[32:]).digest() == stored[:32]:
            return stored[32:]
    except OSError:
        pass
    data = compute()
    try:
        save_atomic(cached, hashlib.sha256(data).digest() + data)
    except OutputError:
        pass  # a read-only home only costs time
    return data


@cache
def font_cmap(path: Path) -> frozenset[int]:
    """Code points the font maps to a glyph (decoding a CJK font's cmap takes 0.1 s: cached)."""
    data = font_cached("cmap", path, "",
                       lambda: array("I", sorted(_read_cmap(path))).tobytes())
    return frozenset(array("I", data))


def _read_cmap(path: Path) -> frozenset[int]:
    try:
        font = TTFont(str(path), lazy=True, fontNumber=0)
        if "glyf" not in font:
            raise ContentError([error(path, None, "", "only TrueType-outline fonts can be "
                                      "embedded in the PDF; this font has CFF outlines")])
        return frozenset(font.getBestCmap() or {})
    except (TTLibError, OSError) as exc:
        raise ContentError([error(path, None, "", f"not a usable font file: {exc}")]) from None


def document_texts(document: Document) -> list[tuple[Bilingual[str], Source | None]]:
    """Every text the writers will draw, in both languages, with where it was written."""
    cover = document.cover
    texts: list[tuple[Bilingual[str], Source | None]] = [
        (value, None) for value in (cover.title, cover.subtitle, cover.date_text,
                                    cover.publisher, cover.prepared_for, cover.visit,
                                    *document.labels.values()) if value]
    for block in document.blocks:
        values: list[Bilingual[str]] = []
        if isinstance(block, (Heading, Paragraph)):
            values = [_plain(block.text)]
        elif isinstance(block, BulletList):
            values = [_plain(item) for item in block.items]
        elif isinstance(block, FigureTable):
            values = [block.caption] if block.caption else []
            values += [getattr(row, c.field) for row in block.rows for c in block.columns]
            values += [block.note] if block.note else []
            values += list(block.header)
        elif isinstance(block, CallOut):
            values = [block.value, block.label, _plain(block.text)]
        elif isinstance(block, Chart):
            values = [block.title, *block.labels, *block.series_labels,
                      *(v for row in block.value_texts for v in row)]
        elif isinstance(block, Image):
            values = [block.alt] + ([block.caption] if block.caption else [])
        elif isinstance(block, ContactCard):
            values = [block.label, block.name, block.title,
                      Bilingual(block.phone, block.phone), Bilingual(block.email, block.email)]
        elif isinstance(block, KpiGrid):
            values = [v for k in block.items for v in (k.value, k.label, k.trend) if v]
        texts += [(v, block.source) for v in values]
    return texts


def _plain(value: Bilingual[Inline]) -> Bilingual[str]:
    return Bilingual(plain_text(value.zh), plain_text(value.en))


def check_glyphs(document: Document, theme: ResolvedTheme) -> None:
    """Raise ContentError for each character that no font of the chain drawing it has: the
    style's font (regular and bold), then its fallbacks. (Labels such as the footer mix both
    languages in one style; they are checked against the fonts of both.)"""
    problems: list[Diagnostic] = []
    reported: set[str] = set()
    texts = document_texts(document)
    for lang in ("zh", "en"):
        keys = sorted({theme.style_for(role, lang).font for role in STYLE_ROLES})
        chains = [[getattr(theme.fonts[k], weight) for k in (key, *theme.fonts[key].fallback)]
                  for key in keys for weight in ("regular", "bold")]
        for value, source in texts:
            for char in sorted(set(value.get(lang)) - _IGNORED):
                if char in reported:
                    continue
                missing = [chain for chain in chains
                           if not any(ord(char) in font_cmap(path) for path in chain)]
                if not missing:
                    continue
                reported.add(char)  # once per character: the first place it is used
                name = unicodedata.name(char, "unnamed character")
                fonts = ", ".join(" > ".join(p.name for p in chain) for chain in missing)
                problems.append(error(
                    source.file if source else theme.file, source.line if source else None,
                    "", f"character '{char}' (U+{ord(char):04X} {name}) is in none of the "
                    f"fonts {fonts}", "replace the character, or add a font that has it to "
                    "the theme's fallbacks"))
    if problems:
        raise ContentError(problems)
