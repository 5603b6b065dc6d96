"""What a resolved theme is: the values in points that both writers read (ResolvedTheme and
its page, fonts, styles and boxes), and STYLE_ROLES, the one table of which style each part
of a document gets. resolve.py makes them from a theme file."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Bilingual, Lang, block_roles
from .schema import Alignment

# (role, language) -> style name. English variants read better a little smaller and lighter,
# so most roles have an " English" style; a theme may make them identical. The roles of
# blocks' parts are declared with their model classes (model.ModelBlock.roles).
STYLE_ROLES: dict[str, Bilingual[str]] = {
    "title": Bilingual("Title", "Title English"),
    "subtitle": Bilingual("Subtitle", "Subtitle English"),
    "cover_meta": Bilingual("Cover Details", "Cover Details English"),
    "caption": Bilingual("Caption", "Caption English"),  # tables, charts and pictures
    "header": Bilingual("Header", "Header"),
    "footer": Bilingual("Footer", "Footer"),
    **block_roles(),
}


# A call-out's figure keeps its English size in an English edition: "RMB 54.5 billion" at
# the size of "545亿元" would not fit its box. (A row of KPI cards fits its figures itself:
# writers/pdf/kpis.py.)
FIGURE_ROLES = frozenset({"callout_value"})


@dataclass(frozen=True)
class ResolvedStyle:
    name: str
    font: str            # key of ResolvedTheme.fonts
    size_pt: float
    leading_pt: float
    bold: bool
    color: str           # #RRGGBB
    alignment: Alignment
    space_before_pt: float
    space_after_pt: float
    left_indent_pt: float
    first_line_indent_pt: float
    keep_with_next: bool
    lang: str
    hanging_punctuation: bool
    base: str | None     # the resolved parent, for writers that keep inheritance (DOCX)


@dataclass(frozen=True)
class ResolvedBox:
    background: str | None
    border_color: str | None
    border_width_pt: float
    band_color: str | None
    band_width_pt: float
    header_background: str | None
    zebra: str | None
    rule_color: str | None
    padding_pt: float
    space_before_pt: float
    space_after_pt: float


@dataclass(frozen=True)
class ResolvedFont:
    family: str
    regular: Path
    bold: Path
    fallback: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()  # DOCX: the fonts Word uses where `family` is missing


@dataclass(frozen=True)
class ResolvedPage:
    width_pt: float
    height_pt: float
    margin_top_pt: float
    margin_bottom_pt: float
    margin_left_pt: float
    margin_right_pt: float
    footer_distance_pt: float
    column_gap_pt: float
    footer_position: str = "center"
    running_header: bool = True
    grid_lines: int | None = None
    table_of_contents: bool = False
    footer_inset_chars: float = 0.0  # the page number's distance from the outer text edge
    grid_characters: int | None = None  # Chinese characters a line of the Normal size

    @property
    def frame_width_pt(self) -> float:
        return self.width_pt - self.margin_left_pt - self.margin_right_pt


@dataclass(frozen=True)
class ResolvedTheme:
    name: str
    file: Path
    page: ResolvedPage
    fonts: dict[str, ResolvedFont]
    styles: dict[str, ResolvedStyle]
    boxes: dict[str, ResolvedBox]
    labels: dict[str, Bilingual[str]]
    embed_fonts: bool = False  # DOCX: carry the fonts inside the file
    includes: tuple[Path, ...] = ()  # theme files it extends
    heading_numbering: tuple[Bilingual[str], ...] = ()  # patterns per heading level
    chart_colors: tuple[str, ...] = ()
    greeting_at: str = "start"  # editions: where the greeting and the contact card go
    contact_at: str = "end"
    reference_doc: Path | None = None  # DOCX: an office's own document to start from
    glosses: str = "footnotes"  # footnotes at first use, or a glossary section

    def for_languages(self, languages: tuple[Lang, ...]) -> ResolvedTheme:
        """The theme as an edition in these languages uses it. English styles are made to
        sit under the Chinese (smaller, lighter); in an English-only edition English is the
        main text, so each English style takes its Chinese counterpart's looks and keeps
        its own font and language, and its weight where it is bold: a Chinese heading may
        be set apart by a heavy face (黑体) that the English does not use."""
        if languages != ("en",):
            return self
        styles = dict(self.styles)
        for role, names in STYLE_ROLES.items():
            if names.en != names.zh and role not in FIGURE_ROLES:
                english = self.styles[names.en]
                styles[names.en] = replace(self.styles[names.zh], name=english.name,
                                           font=english.font, lang=english.lang,
                                           bold=english.bold or self.styles[names.zh].bold,
                                           alignment=english.alignment, base=english.base,
                                           space_after_pt=max(english.space_after_pt,
                                                              self.styles[names.zh].space_after_pt))
        return replace(self, styles=styles)

    def grid_tracking_pt(self, style: ResolvedStyle) -> float:
        """Points added to each character's advance so that Chinese text of the Normal size
        sets `page.grid_characters` characters a line (GB/T 9704: 28 of 3号 in 156 mm, whose
        pitch is a little under the 16 pt size); 0 for other sizes and languages. Both
        writers apply it: the PDF as character spacing, the DOCX as its styles' w:spacing."""
        grid, normal = self.page.grid_characters, self.styles["Normal"]
        if not grid or not style.lang.startswith("zh") or style.size_pt != normal.size_pt:
            return 0.0
        return self.page.frame_width_pt / grid - style.size_pt

    def style_for(self, role: str, lang: Lang, override: str | None = None) -> ResolvedStyle:
        """The style a part of the document gets; a block's own `style:` wins if set."""
        name = override or STYLE_ROLES[role].get(lang)
        if override and lang == "en" and f"{override} English" in self.styles:
            name = f"{override} English"
        return self.styles[name]
