"""Resolved theme -> Word styles. Every paragraph and table of the DOCX takes its look from
one of these named styles, so a change to a style in Word changes every instance.

Word ignores a style name that the file does not define, so every style is created here
before any text is written, and `StyleIds` refuses a name that is missing."""

from __future__ import annotations

import copy
import math

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement as Element
from docx.shared import Pt, RGBColor
from docx.styles import BabelFish
from docx.styles.style import BaseStyle, ParagraphStyle, StyleFactory

from ...theme.resolve import STYLE_ROLES, ResolvedBox, ResolvedStyle, ResolvedTheme
from . import oxml, tablexml
from .spacing import separator_styles

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}

TABLE_STYLES = {"table": "Figure Table", "callout": "Call-out Box", "kpi": "KPI Card"}
PARALLEL_STYLE = "Parallel Text"
LINK_STYLE = "Hyperlink"
STRONG_STYLE = "Strong"
FOOTNOTE_TEXT_STYLE = "Footnote Text"  # Word's own names: its footnote tools use them
FOOTNOTE_REFERENCE_STYLE = "Footnote Reference"
KPI_BAR_STYLE = "KPI Bar"
KPI_BAR_SIZE_PT = 7.0  # 5.5 pt high, about 45-55 pt long (the PDF's bar: 4 pt, the card wide)
KPI_BAR_CLOSING_EM = 0.2  # the marks' side bearings (Noto Sans SC): Word sets them touching;
# LibreOffice 7.4 closes up by 1.15 pt at most (measured), leaving 0.25 pt hairlines


def define_styles(doc: DocxDocument, theme: ResolvedTheme,
                  keep: frozenset[str] = frozenset(), measure_pt: float | None = None) -> None:
    """Create or update every style the theme defines, plus the table and character styles;
    the styles named in `keep` (an office's reference document's) are left as they are, and
    so are its document defaults: ours fill only what it lacks. A process that builds
    several documents with one theme (a batch) copies the styles part it made the first
    time: 5 ms instead of 30. `measure_pt`: the widest a column of English text is (the
    text width; less in the parallel layout), which decides its justification
    (`alignment`)."""
    measure_pt = theme.page.frame_width_pt if measure_pt is None else measure_pt
    key = repr((theme, sorted(keep), measure_pt))
    if key in _made_styles:
        doc.part._styles_part._element = copy.deepcopy(_made_styles[key])
        return
    _define_styles(doc, theme, keep, measure_pt)
    _made_styles[key] = copy.deepcopy(doc.styles.element)


_made_styles: dict[str, Element] = {}  # repr(theme) -> styles part element


def _define_styles(doc: DocxDocument, theme: ResolvedTheme, keep: frozenset[str],
                   measure_pt: float) -> None:
    styles = doc.styles
    # by name, read once: python-docx's add_style and styles[name] scan every style
    by_name = {s.name: s for s in styles}
    for name in theme.styles:
        if name not in by_name:
            by_name[name] = StyleFactory(styles.element.add_style_of_type(
                BabelFish.ui2internal(name), WD_STYLE_TYPE.PARAGRAPH, False))
    for name, resolved in theme.styles.items():
        if name not in keep:
            _apply(by_name, by_name[name], resolved, theme, measure_pt)
    _outline_levels(by_name, theme, keep)
    if not keep:
        normal = theme.styles["Normal"]
        _document_defaults(doc, theme.fonts[normal.font].family, normal.lang,
                           grid=bool(theme.page.grid_lines))
    _character_styles(doc, theme)
    if KPI_BAR_STYLE not in keep:
        _kpi_bar_style(doc, theme)
    for box, name in TABLE_STYLES.items():
        if name not in keep:
            _table_style(doc, name, theme.boxes[box], box)
    if PARALLEL_STYLE not in keep:
        _parallel_style(doc, theme.page.column_gap_pt)
    separator_styles(doc, theme, keep)


class StyleIds:
    """Style name -> style id, read once after the styles are defined. A name the file does
    not define is refused: Word would silently fall back to Normal."""

    def __init__(self, doc: DocxDocument):
        self._ids: dict[str, str] = {style.name: style.style_id for style in doc.styles}

    def add(self, name: str, style_id: str) -> None:
        """A style defined after the others (spacing.py's variants)."""
        self._ids[name] = style_id

    def __getitem__(self, name: str) -> str:
        try:
            return self._ids[name]
        except KeyError:
            raise AssertionError(f"style {name!r} is used but not defined") from None


def _apply(by_name: dict[str, BaseStyle], style: ParagraphStyle, resolved: ResolvedStyle,
           theme: ResolvedTheme, measure_pt: float) -> None:
    """Write every resolved attribute, so built-in styles lose the template's own looks."""
    if resolved.base:
        style.base_style = by_name[resolved.base]
    style.quick_style = True
    font = style.font
    font.size = Pt(resolved.size_pt)
    font.bold = resolved.bold
    font.italic = False
    font.color.rgb = RGBColor.from_string(resolved.color.lstrip("#"))
    family = theme.fonts[resolved.font].family
    # Chinese styles draw CJK in their own font; English ones in the main Chinese font
    east_asian = family if resolved.lang.startswith("zh") else \
        theme.fonts[theme.styles["Normal"].font].family
    rpr = style.element.get_or_add_rPr()
    oxml.set_fonts(rpr, family, east_asian)
    # w:val is the language of Latin text (digits too): zh-CN there lets LibreOffice break
    # between the digits of 7244; Chinese text is marked by w:eastAsia
    oxml.set_language(rpr, "en-US", "zh-CN")
    if theme.page.grid_characters:  # on every style: an English one would inherit it
        oxml.set_character_spacing(rpr, grid_spacing_twips(theme.grid_tracking_pt(resolved)))
    fmt = style.paragraph_format
    fmt.space_before = Pt(resolved.space_before_pt)
    fmt.space_after = Pt(resolved.space_after_pt)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(resolved.leading_pt)
    fmt.alignment = _ALIGN[alignment(resolved, measure_pt)]
    fmt.left_indent = Pt(resolved.left_indent_pt)
    fmt.first_line_indent = Pt(resolved.first_line_indent_pt)
    if style.element.pPr is not None and style.element.pPr.numPr is not None:
        # a bulleted style hangs its bullet in the indent, so every line's text aligns
        fmt.first_line_indent = Pt(-resolved.left_indent_pt)
    fmt.keep_with_next = resolved.keep_with_next
    ppr = style.element.get_or_add_pPr()
    oxml.set_hanging_punctuation(ppr, resolved.hanging_punctuation)
    # the template's own looks that no theme attribute sets: Title's blue bottom border,
    # its "no space between paragraphs of the same style"
    for leftover in ("w:pBdr", "w:contextualSpacing"):
        for element in ppr.findall(qn(leftover)):
            ppr.remove(element)


def _outline_levels(by_name: dict[str, BaseStyle], theme: ResolvedTheme,
                    keep: frozenset[str]) -> None:
    """Every heading style, in each language, at its outline level: Word's navigation pane
    and table of contents list the English headings of an English-only draft too."""
    for level in range(1, 5):
        roles = STYLE_ROLES[f"heading{level}"]
        for name in dict.fromkeys((roles.zh, roles.en)):
            if name in theme.styles and name not in keep:
                oxml.set_outline_level(by_name[theme.styles[name].name].element.get_or_add_pPr(),
                                       level - 1)


def grid_spacing_twips(tracking_pt: float) -> int:
    """A grid's tracking (ResolvedTheme.grid_tracking_pt) as Word's character spacing, in
    whole twips: rounded down, and one twip more for word processors' rounding of glyph
    advances (measured: LibreOffice 7.4 set 27 characters of 16 pt a gov line at -5 twips,
    the exact -4.1 rounded down; 28 at -6)."""
    return math.floor(tracking_pt * 20) - 1 if tracking_pt else 0


def _document_defaults(doc: DocxDocument, family: str, lang: str, grid: bool) -> None:
    """docDefaults: the fonts and language of text that has no style at all; how paragraphs
    sit on the page's line grid."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    oxml.set_fonts(rpr, family, family)
    oxml.set_language(rpr, "en-US", "zh-CN")
    # no extra gap between Chinese and Latin letters or digits ("2023 年"): the PDF has none
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    oxml.set_autospace(ppr, False)
    if grid:
        # the styles' exact leading already is the grid's pitch (22 lines a page); snapping
        # made LibreOffice round every space before and after up to a whole grid line
        # (gov stacked: 45 pages against the PDF's 35). Word ignores the grid for exact
        # line spacing anyway. Not the character grid either: LibreOffice 7.4 gives a snapped
        # character two grid cells where the pitch is under its size (28 of 16 pt in 156 mm
        # came out 14 a line); the styles carry that pitch as character spacing instead.
        oxml.child_in_order(ppr, "w:snapToGrid", oxml.PPR_ORDER).set(qn("w:val"), "0")


JUSTIFIED_MIN_EM = 30  # the least measure, in ems of its size, English is justified in


def alignment(style: ResolvedStyle, measure_pt: float) -> str:
    """The style's alignment in a column `measure_pt` wide: justified English set ragged
    right in a measure under JUSTIFIED_MIN_EM. Word and LibreOffice do not hyphenate the
    DOCX's English as the PDF does (LibreOffice 7.4 not at all), so a justified line of a
    narrow column spreads a few words over it: the parallel layout's English column (70%
    of the width at most) took gaps of an em and more in gov (20 ems of 14 pt), where the
    PDF, which sets such a paragraph ragged (pdf/linebreak.py, `_too_loose`), had none."""
    if style.alignment == "justify" and not style.lang.startswith("zh") and \
            measure_pt < JUSTIFIED_MIN_EM * style.size_pt:
        return "left"
    return style.alignment


def _character_styles(doc: DocxDocument, theme: ResolvedTheme) -> None:
    names = {s.name for s in doc.styles}
    if LINK_STYLE not in names:
        link = doc.styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
        link.font.underline = True
        link.font.color.rgb = RGBColor.from_string(
            theme.styles["Heading 1"].color.lstrip("#"))
    if STRONG_STYLE not in names:
        doc.styles.add_style(STRONG_STYLE, WD_STYLE_TYPE.CHARACTER).font.bold = True
    if FOOTNOTE_REFERENCE_STYLE not in names:
        doc.styles.add_style(FOOTNOTE_REFERENCE_STYLE,
                             WD_STYLE_TYPE.CHARACTER).font.superscript = True
    if FOOTNOTE_TEXT_STYLE not in names:  # glosses: set like a table's source note
        note = doc.styles.add_style(FOOTNOTE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        note.base_style = doc.styles[STYLE_ROLES["table_note"].en]


def _kpi_bar_style(doc: DocxDocument, theme: ResolvedTheme) -> None:
    """A KPI card's bar of progress: its ■ reached and □ still to do (model.progress_bar)
    drawn small in the colour of the PDF's bar, closed up so that the marks touch: a solid
    bar along an outlined track, where the label's black squares stood apart. Text, not a
    picture or shaded cells, so that update-draft brings it up to date as it does the
    card's figures."""
    box = theme.boxes["kpi"]
    style = doc.styles.add_style(KPI_BAR_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[STYLE_ROLES["kpi_label"].zh]
    style.font.size = Pt(KPI_BAR_SIZE_PT)
    style.font.color.rgb = RGBColor.from_string(
        (box.band_color or box.border_color or "#1F4E79").lstrip("#"))
    oxml.set_character_spacing(style.element.get_or_add_rPr(),
                               -round(KPI_BAR_CLOSING_EM * KPI_BAR_SIZE_PT * 20))
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(KPI_BAR_SIZE_PT + 3)
    fmt.space_before = Pt(1.5)
    fmt.space_after = Pt(1.5)


def _parallel_style(doc: DocxDocument, gap_pt: float) -> None:
    """Parallel layout: a borderless two-column table, Chinese left, English right."""
    style = doc.styles.add_style(PARALLEL_STYLE, WD_STYLE_TYPE.TABLE)
    style.element.basedOn_val = "TableNormal"
    tblpr = tablexml.style_table_properties(style)
    tblpr.append(tablexml.borders("w:tblBorders", {s: None for s in
                                                  ("top", "left", "bottom", "right", "insideH",
                                                   "insideV")}))
    margins = tablexml.cell_margins(0)
    margins.find(qn("w:right")).set(qn("w:w"), str(round(gap_pt * 20)))
    tblpr.append(margins)


def _table_style(doc: DocxDocument, name: str, box: ResolvedBox, kind: str) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.TABLE)
    style.element.basedOn_val = "TableNormal"
    tblpr = tablexml.style_table_properties(style)
    rule = (0.5, box.rule_color) if box.rule_color else None
    band = (box.band_width_pt, box.band_color) if box.band_color and box.band_width_pt else None
    border = (box.border_width_pt, box.border_color) if box.border_color else None
    if kind == "table":
        tblpr.append(tablexml.borders("w:tblBorders", {"top": rule, "bottom": rule,
                                                      "insideH": rule, "left": None, "right": None,
                                                      "insideV": None}))
    else:
        tblpr.append(tablexml.borders("w:tblBorders", {s: None for s in
                                                      ("top", "left", "bottom", "right",
                                                       "insideH", "insideV")}))
    if kind == "kpi":
        spacing = OxmlElement("w:tblCellSpacing")
        spacing.set(qn("w:w"), "80")  # 4 pt between cards
        spacing.set(qn("w:type"), "dxa")
        tblpr.insert(0, spacing)
    tblpr.append(tablexml.cell_margins(box.padding_pt))
    if kind in ("callout", "kpi"):
        tcpr = OxmlElement("w:tcPr")
        sides: dict[str, tuple[float, str] | None] = {
            "top": border, "left": border, "bottom": border, "right": border}
        sides["left" if kind == "callout" else "top"] = band
        tcpr.append(tablexml.borders("w:tcBorders", sides))
        if box.background:
            tcpr.append(tablexml.shading(box.background))
        style.element.append(tcpr)
    if kind == "table":
        if box.header_background:
            header = tablexml.add_conditional(style, "firstRow")
            tcpr = OxmlElement("w:tcPr")
            tcpr.append(tablexml.shading(box.header_background))
            header.append(tcpr)
        if box.zebra:
            zebra = tablexml.add_conditional(style, "band2Horz")
            tcpr = OxmlElement("w:tcPr")
            tcpr.append(tablexml.shading(box.zebra))
            zebra.append(tcpr)
