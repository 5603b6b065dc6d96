"""The theme's fonts registered with ReportLab, under the names the PDF writer and the
charts (drawn for both writers) use, and the width of each character in them.

Imported only where ReportLab draws: a DOCX build whose charts are cached never loads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .fonts import CONTROLS, common_characters, font_cmap, font_subset
from .parsed_fonts import parsed_font
from .theme.resolve import ResolvedFont, ResolvedTheme


def font_names(font: ResolvedFont) -> tuple[str, str]:
    """ReportLab names of a theme font's regular and bold files. Named by file, so that
    theme fonts sharing a file (the gov theme's stand-ins) share one parsed font."""
    return f"briefing-{font.regular.stem}", f"briefing-{font.bold.stem}"


def register_fonts(theme: ResolvedTheme, characters: frozenset[str], exact: bool = True) -> None:
    """Register the theme's font files with ReportLab, each subset to the common characters
    and `characters` (those the document draws). ReportLab parses a whole CJK font in 85 ms
    and keeps 28 MiB of it; the subset, cached on disk, in 12 ms, or its parsed tables are
    loaded from the cache (parsed_fonts.py).

    The subset a build draws with is that of its own characters, whatever earlier builds in
    this process registered: the PDF embeds ReportLab's cut of it, whose glyph data and
    bounding box follow the subset, so a PDF is byte for byte the one a fresh process
    writes. Without `exact` (a chart drawn to a picture, whose pixels do not depend on the
    subset) a registered font that has the characters is kept."""
    wanted = common_characters() | characters
    for font in theme.fonts.values():
        regular, bold = font_names(font)
        for name, path in ((regular, font.regular), (bold, font.bold)):
            known = _registered.get(name)
            if known is None or not known.serves(name, path, wanted, exact):
                _register(name, path, wanted, known)
        pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular,
                                      boldItalic=bold)


def registered_characters(name: str) -> frozenset[str] | None:
    """The characters of the subset registered under `name`, None if we registered none."""
    known = _registered.get(name)
    return known.characters if known else None


def registered_files() -> tuple[tuple[str, str], ...]:
    """(name, font file) of every font we registered: what a name draws with."""
    return tuple(sorted((name, str(known.path)) for name, known in _registered.items()))


@dataclass(frozen=True)
class _Registration:
    """A font we registered: its file, the characters it was subset to, the parsed font."""

    path: Path
    characters: frozenset[str]
    font: TTFont

    def serves(self, name: str, path: Path, wanted: frozenset[str], exact: bool) -> bool:
        """Whether a build wanting these characters of `path` can draw with this font: it
        is still the font ReportLab draws `name` with (anything that registers a font
        replaces ReportLab's entry, not this record), of that file, with those characters."""
        return (pdfmetrics._fonts.get(name) is self.font and self.path == path
                and (wanted == self.characters if exact else wanted <= self.characters))


_registered: dict[str, _Registration] = {}


def _register(name: str, path: Path, characters: frozenset[str],
              replaced: _Registration | None) -> None:
    """Our font under our name, and only there. pdfmetrics.registerFont keeps the first font
    registered under a name, and files each font by its face name too, handing that first
    font to any later registration of the same face: another program's Noto Sans SC would
    be given our subset, or ours replaced by theirs. (This is what registerFont does for a
    name it has not seen, minus the face filing; TTFont.unregister works on the same table.)"""
    font = parsed_font(name, font_subset(path, characters, layout=False))
    pdfmetrics._fonts[name] = font
    pdfmetrics.registerFontFamily(name)
    if replaced is None or replaced.path != path:
        _forget_widths(name)  # another file: measure anew (subsets of one file agree)
    _registered[name] = _Registration(path, characters, font)


_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def char_widths(font: str, size: float) -> dict[str, float]:
    """Character widths of a registered font at a size, measured once per process (the
    caller fills it in: ReportLab measures one character at a time)."""
    return _WIDTHS.setdefault((font, size), {})


def _forget_widths(font: str) -> None:
    """A font registered again under this name may be another file: measure anew."""
    for key in [k for k in _WIDTHS if k[0] == font]:
        del _WIDTHS[key]


class FontChain:
    """The fonts that draw a style's text: its own, then the theme's fallbacks for it. A
    character its own font lacks is drawn in the first fallback that has it."""

    def __init__(self, key: str, theme: ResolvedTheme):
        keys = (key, *theme.fonts[key].fallback)
        self.faces = [font_names(theme.fonts[k])[0] for k in keys]
        self.cmaps = [font_cmap(theme.fonts[k].regular) for k in keys]
        self._own: set[str] = set()  # characters seen that its own font has

    def _check_subsets(self, chars: set[str]) -> None:
        """Every character must be in the registered subset of the face that draws it:
        ReportLab would draw a missing one as a blank, silently. (register_fonts subsets
        to document_characters; text that bypassed it is a bug, reported as one.)"""
        for char in chars:
            if char in CONTROLS:
                continue
            face = self.faces[self.face_of(char)]
            registered = registered_characters(face)
            if registered is not None and char not in registered:
                raise AssertionError(f"U+{ord(char):04X} is not in the subset of {face}: "
                                     "document_characters() missed the text it is in")

    def face_of(self, char: str) -> int:
        """Index in the chain of the font that draws `char` (0, its own, if none has it)."""
        code = ord(char)
        for i, cmap in enumerate(self.cmaps):
            if code in cmap:
                return i
        return 0

    def markup(self, text: str) -> str:
        """Escaped text, with stretches its own font lacks set in a fallback face."""
        unseen = set(text) - self._own
        if unseen:
            self._check_subsets(unseen)
            own = self.cmaps[0]
            self._own.update(char for char in unseen if ord(char) in own)
            unseen -= self._own
        if not unseen:
            return escape(text)  # the usual case: its own font has every character
        out = []
        for face, chars in groupby(text, key=self.face_of):
            piece = escape("".join(chars))
            out.append(piece if face == 0 else f'<font face="{self.faces[face]}">{piece}</font>')
        return "".join(out)
