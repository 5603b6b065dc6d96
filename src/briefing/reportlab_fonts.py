"""The theme's fonts registered with ReportLab, under the names the PDF writer and the
charts (drawn for both writers) use, and the width of each character in them.

Imported only where ReportLab draws: a DOCX build whose charts are cached never loads it.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .fonts import common_characters, font_subset
from .theme.resolve import ResolvedFont, ResolvedTheme


def font_names(font: ResolvedFont) -> tuple[str, str]:
    """ReportLab names of a theme font's regular and bold files. Named by file, so that
    theme fonts sharing a file (the gov theme's stand-ins) share one parsed font."""
    return f"briefing-{font.regular.stem}", f"briefing-{font.bold.stem}"


def register_fonts(theme: ResolvedTheme, characters: frozenset[str]) -> None:
    """Register the theme's font files with ReportLab, each subset to the common characters
    and `characters` (those the document draws). ReportLab parses a whole CJK font in 85 ms
    and keeps 28 MiB of it; the subset, cached on disk, takes 7 ms. A font registered by an
    earlier build in this process is kept while it has every character needed."""
    wanted = common_characters() | characters
    for font in theme.fonts.values():
        regular, bold = font_names(font)
        for name, path in ((regular, font.regular), (bold, font.bold)):
            known = _registered.get(name)
            if known and known[0] == path and wanted <= known[1]:
                continue
            covered = wanted | known[1] if known and known[0] == path else wanted
            _register(name, font_subset(path, covered, layout=False))
            _forget_widths(name)
            _registered[name] = (path, covered)
        pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular,
                                      boldItalic=bold)


def registered_characters(name: str) -> frozenset[str] | None:
    """The characters of the subset registered under `name`, None if we registered none."""
    known = _registered.get(name)
    return known[1] if known else None


def registered_files() -> tuple[tuple[str, str], ...]:
    """(name, font file) of every font we registered: what a name draws with."""
    return tuple(sorted((name, str(path)) for name, (path, _) in _registered.items()))


_registered: dict[str, tuple[Path, frozenset[str]]] = {}


def _register(name: str, font_data: bytes) -> None:
    """Our font under our name, and only there. pdfmetrics.registerFont keeps the first font
    registered under a name, and files each font by its face name too, handing that first
    font to any later registration of the same face: another program's Noto Sans SC would
    be given our subset, or ours replaced by theirs. (This is what registerFont does for a
    name it has not seen, minus the face filing; TTFont.unregister works on the same table.)"""
    pdfmetrics._fonts[name] = TTFont(name, io.BytesIO(font_data))
    pdfmetrics.registerFontFamily(name)


_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def char_widths(font: str, size: float) -> dict[str, float]:
    """Character widths of a registered font at a size, measured once per process (the
    caller fills it in: ReportLab measures one character at a time)."""
    return _WIDTHS.setdefault((font, size), {})


def _forget_widths(font: str) -> None:
    """A font registered again under this name may be another file: measure anew."""
    for key in [k for k in _WIDTHS if k[0] == font]:
        del _WIDTHS[key]
