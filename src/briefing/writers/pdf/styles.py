"""Resolved theme -> ReportLab fonts and paragraph styles, and inline runs -> markup."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from ...model import Inline, Lang
from ...theme.resolve import ResolvedFont, ResolvedStyle, ResolvedTheme
from .linebreak import ChineseParagraph

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}


def font_names(key: str) -> tuple[str, str]:
    return f"briefing-{key}", f"briefing-{key}-Bold"


def register_fonts(theme: ResolvedTheme) -> None:
    """Register each theme font once per process (parsing a CJK font is costly)."""
    for key, font in theme.fonts.items():
        regular, bold = font_names(key)
        if _registered.get(regular) == font:
            continue
        pdfmetrics.registerFont(TTFont(regular, str(font.regular)))
        pdfmetrics.registerFont(TTFont(bold, str(font.bold)))
        pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular,
                                      boldItalic=bold)
        _registered[regular] = font


_registered: dict[str, ResolvedFont] = {}


class StyleSheet:
    """ParagraphStyles made on demand from resolved styles, one per name."""

    def __init__(self, theme: ResolvedTheme):
        self.theme = theme
        self._cache: dict[str, ParagraphStyle] = {}

    def get(self, role: str, lang: Lang, override: str | None = None) -> ParagraphStyle:
        resolved = self.theme.style_for(role, lang, override)
        if resolved.name not in self._cache:
            self._cache[resolved.name] = paragraph_style(resolved)
        return self._cache[resolved.name]


def paragraph_style(style: ResolvedStyle) -> ParagraphStyle:
    regular, bold = font_names(style.font)
    return ParagraphStyle(
        style.name,
        fontName=bold if style.bold else regular,
        fontSize=style.size_pt,
        leading=style.leading_pt,
        textColor=HexColor(style.color),
        alignment=_ALIGN[style.alignment],
        spaceBefore=style.space_before_pt,
        spaceAfter=style.space_after_pt,
        leftIndent=style.left_indent_pt,
        firstLineIndent=style.first_line_indent_pt,
        keepWithNext=int(style.keep_with_next),
        wordWrap="CJK" if style.lang.startswith("zh") else None,
        bulletFontName=regular,
        bulletFontSize=style.size_pt,
        bulletIndent=max(style.left_indent_pt - style.size_pt, 0),
        bulletColor=HexColor(style.color),
        allowWidows=0,
        allowOrphans=0,
        hanging_punctuation=style.hanging_punctuation,
    )


def make_paragraph(text: str, style: ParagraphStyle, **kwargs: object) -> Paragraph:
    """A paragraph of markup in a style: Chinese styles get our clreq line breaking."""
    if style.wordWrap == "CJK":
        return ChineseParagraph(text, style, hanging=style.hanging_punctuation, **kwargs)
    return Paragraph(text, style, **kwargs)  # type: ignore[arg-type]


def markup(runs: Inline | str) -> str:
    """Paragraph markup with every character of the text escaped: text is never markup."""
    if isinstance(runs, str):
        return escape(runs)
    parts = []
    for run in runs:
        text = escape(run.text)
        if run.strong:
            text = f"<b>{text}</b>"
        if run.link:
            text = f"<a href={quoteattr(run.link)}><u>{text}</u></a>"
        parts.append(text)
    return "".join(parts)
