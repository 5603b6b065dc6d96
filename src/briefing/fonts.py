"""Fonts: every character of every text must have a glyph in the font that draws it.

Checked with the font's own cmap (fontTools) before any writer runs, so a missing glyph is a
build error naming the character, its code point, where it was written and the font, never
a blank or a tofu box in the output.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

from .cache import cache_dir, cached
from .errors import ContentError, Diagnostic, error
from .model import Bilingual, Document, Source
from .theme.resolve import STYLE_ROLES, ResolvedTheme

log = logging.getLogger("briefing")

NOTICE = 25  # a log level for progress a person waits on: shown as warnings are, not counted
CONTROLS = frozenset("\n\t\r")  # in texts, but never drawn as glyphs
WRITER_TEXT = " · 0123456789"  # what the writers add themselves: separators, page numbers

__all__ = ["cache_dir", "font_cached", "font_digest", "font_cmap", "font_subset",
           "common_characters", "document_characters", "check_glyphs",
           "CONTROLS"]


def font_cached(kind: str, path: Path, detail: str, compute: Callable[[], bytes]) -> bytes:
    """Data derived from a font file, cached on disk by the file's SHA-256 and `detail`
    (see cache.py): a copy of the font elsewhere, a fresh clone, finds it too."""
    return cached(kind, f"{font_digest(path)}-{detail}", compute)


def font_digest(path: Path) -> str:
    """SHA-256 of a font file, itself cached by the file's name, size and mtime (hashing
    a CJK font takes 15 ms)."""
    try:
        stat = path.stat()
        key = f"{path.resolve()}-{stat.st_size}-{stat.st_mtime_ns}"
        return cached("sha256", key,
                      lambda: hashlib.sha256(path.read_bytes()).hexdigest().encode()).decode()
    except OSError as exc:
        raise ContentError([error(path, None, "", f"cannot read font: {exc.strerror}")]) from None


class Coverage:
    """The code points a font maps to a glyph, as a bitmap: 136 KiB for any font, where a
    frozenset of a CJK font's 30,000 code points took 3 MiB (12 MiB for a theme's four)."""

    __slots__ = ("bits",)
    SIZE = 0x110000 >> 3

    def __init__(self, bits: bytes):
        self.bits = bits

    @classmethod
    def of(cls, codes: Iterable[int]) -> Coverage:
        bits = bytearray(cls.SIZE)
        for code in codes:
            bits[code >> 3] |= 1 << (code & 7)
        return cls(bytes(bits))

    def __contains__(self, code: object) -> bool:
        return (isinstance(code, int) and 0 <= code < 0x110000
                and bool(self.bits[code >> 3] & (1 << (code & 7))))

    def __or__(self, other: Coverage) -> Coverage:
        both = int.from_bytes(self.bits, "little") | int.from_bytes(other.bits, "little")
        return Coverage(both.to_bytes(self.SIZE, "little"))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Coverage) and self.bits == other.bits

    def __hash__(self) -> int:
        return hash(self.bits)

    def __iter__(self) -> Iterator[int]:
        return (i * 8 + bit for i, byte in enumerate(self.bits) if byte
                for bit in range(8) if byte >> bit & 1)


@cache
def font_cmap(path: Path) -> Coverage:
    """Code points the font maps to a glyph (decoding a CJK font's cmap takes 0.1 s: cached)."""
    return Coverage(font_cached("cmap", path, "bitmap",
                                lambda: Coverage.of(_read_cmap(path)).bits))


def font_subset(path: Path, characters: frozenset[str] | str, layout: bool = True) -> bytes:
    """The font reduced to the `characters` it has, cached on disk by font and character
    set. Without `layout` the OpenType layout tables go too (ReportLab does not use them)."""
    cmap = font_cmap(path)
    codes = sorted(code for code in {ord(c) for c in characters} if code in cmap)
    detail = hashlib.sha256(array("I", codes).tobytes()).hexdigest() + f"-{layout}"
    return font_cached("subset", path, detail, lambda: _first_subset(path, codes, layout))


def _first_subset(path: Path, codes: list[int], layout: bool) -> bytes:
    """A subset not in the cache yet: about a second for a CJK font. Said once per cache,
    when it holds no subset yet (the first build, slower by some seconds); a later build's
    new text or font makes a subset too, said with -v only (each layout and theme has its
    own characters and fonts, and a run of twelve said it four times)."""
    if not _told and not any(cache_dir().glob("subset-*.bin")):
        _told.append(path)
        log.log(NOTICE, "preparing the font cache (the fonts' subsets: later builds reuse "
                "them)")
    else:
        log.info("a subset of %s for %d characters (cached for later builds)", path.name,
                 len(codes))
    return subset_font(path, codes, layout)


_told: list[Path] = []


def subset_font(path: Path, codes: list[int], layout: bool = True) -> bytes:
    """The font reduced to `codes` plus printable ASCII and .notdef (with its outline: Word
    draws it for a missing glyph), still a TrueType font with all its names (and, with
    `layout`, its layout features). Deterministic: fontTools' subsetter is, and the head
    table's timestamp is kept."""
    from fontTools import subset  # 0.1 s to import: only when a subset is not cached yet

    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]  # the Chinese family name too: Word may list either
    options.notdef_outline = True
    options.layout_features = ["*"] if layout else []
    options.glyph_names = layout
    options.recalc_timestamp = False
    buffer = io.BytesIO()
    with subset.load_font(str(path), options) as font:
        if "glyf" not in font:
            raise ValueError(f"{path}: only TrueType-outline (glyf) fonts can be embedded")
        subsetter = subset.Subsetter(options)
        # printable ASCII too: an editor can type Latin text in the embedded face, and newer
        # LibreOffice ignores an embedded subset of fewer than 26 glyphs
        subsetter.populate(unicodes=set(codes) | set(range(0x20, 0x7F)))
        subsetter.subset(font)
        subset.save_font(font, buffer, options)
    return buffer.getvalue()


@cache
def common_characters() -> frozenset[str]:
    """Characters a PDF font subset always holds, so that most edits keep its cache entry:
    Latin-1, general punctuation, CJK symbols, full-width forms and the 3,755 common
    hanzi of GB 2312 level 1 (rows 16-55). Parsing such a subset takes ReportLab 7 ms
    where the whole Noto Sans SC takes 85 ms and 28 MiB."""
    ranges = [(0x20, 0x17F), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF)]
    chars = {chr(c) for lo, hi in ranges for c in range(lo, hi + 1)}
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):  # the unused end of row 55
                chars.add(bytes([row, cell]).decode("gb2312"))
    return frozenset(chars)


def document_characters(document: Document) -> frozenset[str]:
    """Every character the writers draw for the document, in its languages."""
    return document.characters | frozenset(WRITER_TEXT)


def _read_cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont, TTLibError  # only when the cache has no entry

    try:
        font = TTFont(str(path), lazy=True, fontNumber=0)
        if "glyf" not in font:
            raise ContentError([error(path, None, "", "only TrueType-outline fonts can be "
                                      "embedded in the PDF; this font has CFF outlines")])
        return frozenset(font.getBestCmap() or {})
    except (TTLibError, OSError) as exc:
        raise ContentError([error(path, None, "", f"not a usable font file: {exc}")]) from None


@cache
def _chain_codes(paths: tuple[Path, ...]) -> Coverage:
    covered = font_cmap(paths[0])
    for path in paths[1:]:
        covered = covered | font_cmap(path)
    return covered


def check_glyphs(document: Document, theme: ResolvedTheme,
                 first: Sequence[tuple[Bilingual[str], Source | None]] = ()) -> None:
    """Raise ContentError for each character that no font of the chain drawing it has: the
    style's font (regular and bold), then its fallbacks. (Labels such as the footer mix both
    languages in one style; they are checked against the fonts of both.) Each character is
    reported once, at the first text that has it: `first` (an edition's own texts, where
    its delegations file has them), then the document's."""
    problems: list[Diagnostic] = []
    reported: set[str] = set()
    texts = [*first, *document.texts]
    for lang in ("zh", "en"):
        keys = sorted({theme.style_for(role, lang).font for role in STYLE_ROLES})
        chains = [[getattr(theme.fonts[k], weight) for k in (key, *theme.fonts[key].fallback)]
                  for key in keys for weight in ("regular", "bold")]
        # each chain's code points at once, each character looked at once (a per-character
        # walk through the chains was a tenth of a build)
        covered = [_chain_codes(tuple(chain)) for chain in chains]
        every = set().union(*(value.get(lang) for value, _ in texts)) - CONTROLS
        if all(ord(char) in codes for char in every for codes in covered):
            continue  # the usual case; otherwise find where each missing character is
        seen = set(CONTROLS)
        for value, source in texts:
            for char in sorted(set(value.get(lang)) - seen):
                seen.add(char)
                missing = [chain for chain, codes in zip(chains, covered, strict=True)
                           if ord(char) not in codes]
                if not missing or char in reported:
                    continue
                reported.add(char)  # once per character: the first place it is used
                name = unicodedata.name(char, "unnamed character")
                fonts = ", ".join(" > ".join(p.name for p in chain) for chain in missing)
                problems.append(error(
                    source.file if source else theme.file, source.line if source else None,
                    source.field if source else "",
                    f"character '{char}' (U+{ord(char):04X} {name}) is in none of the "
                    f"fonts {fonts}", "replace the character, or add a font that has it to "
                    "the theme's fallbacks"))
    if problems:
        raise ContentError(problems)
