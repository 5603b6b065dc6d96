"""Resolved theme -> ReportLab fonts and paragraph styles, and inline runs -> markup."""

from __future__ import annotations

from itertools import groupby
from xml.sax.saxutils import quoteattr

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from ...clreq import english_for_breaking
from ...model import Inline, Lang
from ...reportlab_fonts import FontChain, font_names
from ...theme.resolve import ResolvedStyle, ResolvedTheme
from .hyphenation import MIN_WORD, Hyphenator
from .linebreak import ChineseParagraph, WrappedOnce

# Roles whose English is never hyphenated: titles and headings (a hyphen in a heading
# reads as a compound), table headers (short, the column fitted to them), figures. Nor is
# any style centred or set right (an attribution "—— … Govern-|ment", a KPI card's label):
# its lines are ragged on both sides or on the left, so a short line costs nothing
UNHYPHENATED_ROLES = frozenset({"title", "subtitle", "heading1", "heading2", "heading3",
                                "heading4", "caption", "table_header", "table_header_number",
                                "kpi_value", "callout_value"})
_HYPHENATED_ALIGNMENTS = frozenset({"left", "justify"})
COMPOUNDS_ONLY = Hyphenator(frozenset(), words=False)  # the unhyphenated styles' breaker
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}


class StyleSheet:
    """ParagraphStyles made on demand from resolved styles, one per name."""

    def __init__(self, theme: ResolvedTheme, unit_words: frozenset[str] = frozenset()):
        self.theme = theme
        self.hyphenator = Hyphenator(unit_words)  # the document's units kept whole
        self._cache: dict[str, ParagraphStyle] = {}

    def get(self, role: str, lang: Lang, override: str | None = None) -> ParagraphStyle:
        resolved = self.theme.style_for(role, lang, override)
        hyphenated = role not in UNHYPHENATED_ROLES and \
            resolved.alignment in _HYPHENATED_ALIGNMENTS
        key = resolved.name if hyphenated else f"{resolved.name} (unhyphenated)"
        if key not in self._cache:
            self._cache[key] = paragraph_style(resolved, self.theme,
                                               self.hyphenator if hyphenated else None)
        return self._cache[key]


def text_width(text: str, style: ParagraphStyle) -> float:
    """The width of `text` set on one line in a style, each character in the face that draws
    it (a table column sized to its content measures its cells with this)."""
    chain = style.font_chain
    width = 0.0
    for face, chars in groupby(text, key=chain.face_of):
        font = style.fontName if face == 0 else chain.faces[face]
        width += pdfmetrics.stringWidth("".join(chars), font, style.fontSize)
    return width


MIN_FIT_SHARE = 0.7  # the least a figure is scaled to stay on one line
FIT_FUZZ_PT = 0.5  # room left on a line a text is fitted to (one filled to the point wraps)


def scaled_to_fit(style: ParagraphStyle, pieces: list[str], width: float) -> ParagraphStyle:
    """The style, set smaller (down to MIN_FIT_SHARE of its size) where the widest of
    `pieces` (texts kept on one line) is wider than `width`: a figure shrinks rather than
    part from its unit."""
    wide = max((text_width(p.replace("\u00a0", " "), style) for p in pieces), default=0.0)
    if wide <= width:
        return style
    scale = max((width - FIT_FUZZ_PT) / wide, MIN_FIT_SHARE)  # (a line filled to the point
    # wraps in ReportLab)
    return resized(style, scale)


def resized(style: ParagraphStyle, scale: float) -> ParagraphStyle:
    """The style with its size and leading times `scale` (the style itself at 1; one
    copy per style and scale)."""
    if scale == 1.0:
        return style
    copies: dict[float, ParagraphStyle] = style.__dict__.setdefault("_resized", {})
    if scale not in copies:
        scaled = style.clone(f"{style.name} {scale:.3f}", fontSize=style.fontSize * scale,
                             leading=style.leading * scale)
        for cached in [k for k in vars(scaled) if k.startswith("_")]:  # the unscaled's
            delattr(scaled, cached)
        copies[scale] = scaled
    return copies[scale]


def unhyphenated(style: ParagraphStyle) -> ParagraphStyle:
    """The style without hyphenation (one copy per style): a figure breaks at its spaces
    ("71 | projects"), never inside a word ("71 pro-|jects"); a compound still at its own
    hyphen (COMPOUNDS_ONLY)."""
    plain: ParagraphStyle | None = style.__dict__.get("_unhyphenated")
    if plain is None:
        english = style.wordWrap != "CJK"
        plain = style._unhyphenated = style.clone(
            f"{style.name} (unhyphenated)", hyphenationLang=COMPOUNDS_ONLY if english else "")
        for cached in [k for k in vars(plain) if k.startswith("_")]:  # the style's own
            delattr(plain, cached)
    return plain


def paragraph_style(style: ResolvedStyle, theme: ResolvedTheme,
                    hyphenator: Hyphenator | None = None) -> ParagraphStyle:
    """The ReportLab style; English text is hyphenated by `hyphenator` if given, else
    breaks only compounds at their own hyphens (COMPOUNDS_ONLY)."""
    regular, bold = font_names(theme.fonts[style.font])
    english = not style.lang.startswith("zh")
    hyphenator = hyphenator if english else None
    paragraph = ParagraphStyle(
        style.name if hyphenator or not english else f"{style.name} (unhyphenated)",
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
        # English: hyphenated (hyphenation.py) rather than cut between letters; a compound
        # at its own hyphens by the Hyphenator too, which knows which of them a reader
        # accepts (ReportLab's embedded hyphenation breaks "E-|commerce")
        hyphenationLang=hyphenator or (COMPOUNDS_ONLY if english else ""),
        hyphenationMinWordLength=MIN_WORD,
        embeddedHyphenation=0 if english else 1,
        splitLongWords=0,
    )
    paragraph.font_chain = FontChain(style.font, theme)
    # the words the hyphenator keeps whole, in the key of the lines kept (linebreak.LINES)
    paragraph.kept_whole = " ".join(sorted(hyphenator.kept)) if hyphenator else ""
    paragraph.tracking = theme.grid_tracking_pt(style)
    return paragraph


def make_paragraph(content: Inline | str, style: ParagraphStyle, **kwargs: object) -> Paragraph:
    """A paragraph of text or runs in a style: Chinese styles get our clreq line breaking.
    English text is glued for breaking (clreq.english_for_breaking) before its markup: a
    trend's ▲ drawn in a fallback face is then still glued to its number ("▲ 3.4")."""
    chinese = style.wordWrap == "CJK"
    glued = isinstance(content, str) and not chinese
    if isinstance(content, str) and glued:
        content = english_for_breaking(content)
    text = markup(content, style.font_chain)
    frags = plain_frags(text, style)
    if frags is not None:
        text = frags[0].text
    if chinese:
        return ChineseParagraph(text, style, hanging=style.hanging_punctuation, frags=frags,
                                **kwargs)
    if not glued and frags is not None:
        frags[0].text = english_for_breaking(frags[0].text)
    elif not glued:
        text = english_for_breaking(text)
    return WrappedOnce(text, style, frags=frags, **kwargs)


def plain_frags(text: str, style: ParagraphStyle) -> list[ParaFrag] | None:
    """The fragment list ReportLab's markup parser would make of text without markup: one
    fragment in the style's font, a copy of the one it makes of a probe text. (The parser,
    an HTMLParser, was a sixth of the PDF's time; most paragraphs have no markup.) None
    when the text has markup or entities, so that ReportLab parses it."""
    if "<" in text or "&" in text or getattr(style, "textTransform", None):
        return None
    text = cleanBlockQuotedText(text)
    if not text:
        return None
    template = getattr(style, "_plain_frag", None)
    if template is None:
        _, parsed, _ = ParaParser().parse("x", style)
        template = style._plain_frag = parsed[0]
    frag = template.clone()
    frag.text = text
    return [frag]


def markup(runs: Inline | str, chain: FontChain) -> str:
    """Paragraph markup with every character of the text escaped: text is never markup."""
    if isinstance(runs, str):
        return chain.markup(runs)
    parts = []
    for run in runs:
        text = chain.markup(run.text)
        if run.strong:
            text = f"<b>{text}</b>"
        if run.link:
            text = f"<a href={quoteattr(run.link)}><u>{text}</u></a>"
        if run.note:  # the footnote's number; its text follows the block (blocks.py)
            text += f"<super>{run.note.number}</super>"
        parts.append(text)
    return "".join(parts)
