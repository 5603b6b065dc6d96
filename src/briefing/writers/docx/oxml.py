"""The few things python-docx has no API for, done at the XML level: the schema's order of
properties, fonts and languages, paragraph settings, fields, numbering, pictures' alt
text, the document grid, styles, runs, links and footnotes. (Tables' XML: tablexml.py; the
document settings: settingsxml.py.)"""

from __future__ import annotations

import copy
import math
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.xmlchemy import BaseOxmlElement as Element
from docx.section import Section
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run

# Word refuses a file whose property elements are out of the schema's order, so children
# are inserted at their place in these sequences (ECMA-376 CT_PPr and CT_RPr).
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
    "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
    "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern",
    "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath")


def child_in_order(parent: Element, tag: str, order: tuple[str, ...] = ()) -> Element:
    """The child `tag` of parent, created if missing: before its first successor in
    `order`, else at the end."""
    found: Element | None = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    successors = {qn(t) for t in order[order.index(tag) + 1:]} if tag in order else set()
    for child in parent:
        if child.tag in successors:
            child.addprevious(element)
            return element
    parent.append(element)
    return element


def set_fonts(rpr: CT_RPr, latin: str, east_asian: str) -> None:
    """Set every font slot explicitly. python-docx's Font.name sets only ascii/hAnsi, and a
    theme-font attribute (asciiTheme...) would override them, so those are removed."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:cs"), latin)


def set_language(rpr: Element, latin: str, east_asian: str) -> None:
    lang = child_in_order(rpr, "w:lang", RPR_ORDER)
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asian)


def set_hanging_punctuation(ppr: Element, allowed: bool) -> None:
    """Word's "allow punctuation to extend past the margin" (w:overflowPunct)."""
    child_in_order(ppr, "w:overflowPunct", PPR_ORDER).set(qn("w:val"), "1" if allowed else "0")


def set_outline_level(ppr: Element, level: int) -> None:
    """w:outlineLvl (0 = level 1): what the navigation pane and TOC \\o list."""
    child_in_order(ppr, "w:outlineLvl", PPR_ORDER).set(qn("w:val"), str(level))


def set_autospace(ppr: Element, on: bool) -> None:
    """Word's (and LibreOffice's) extra space between East Asian and Latin text or digits."""
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        child_in_order(ppr, tag, PPR_ORDER).set(qn("w:val"), "1" if on else "0")


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A field such as PAGE, as begin / instruction / separate / result / end runs, so that
    Word and LibreOffice compute it when the page is laid out."""

    def field_char(kind: str) -> None:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(char)

    field_char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    field_char("separate")
    paragraph.add_run(placeholder)
    field_char("end")


def has_numbering(style: BaseStyle) -> bool:
    return style.element.pPr is not None and style.element.pPr.numPr is not None


def copy_numbering(style: BaseStyle, paragraph: Paragraph) -> None:
    """Give a paragraph the bullet of a list style (direct: the English item style has none,
    as it follows its Chinese item in the stacked layout)."""
    if has_numbering(style):
        num_pr = style.element.pPr.numPr
        ppr = paragraph._p.get_or_add_pPr()
        ppr._insert_numPr(copy.deepcopy(num_pr))


def set_alt_text(paragraph: Paragraph, text: str) -> None:
    """Alternative text of the pictures in a paragraph (wp:docPr/@descr), for screen readers."""
    for doc_pr in paragraph._p.iter(qn("wp:docPr")):
        doc_pr.set("descr", text)


def set_document_grid(section: Section, lines: int, characters: int | None = None,
                      character_pt: float = 0.0) -> None:
    """<w:docGrid>: `lines` a page (w:type="lines"); with `characters`, also characters a
    line (linesAndChars), as Word's Page Setup counts them from the page in twips: lines =
    text height // w:linePitch (twips), characters = text width // (the Normal style's East
    Asian size, `character_pt`, plus w:charSpace in 4096ths of a point). Both are rounded
    down so that the counts come out whole (GB/T 9704: linePitch 579, charSpace -842 for
    22 lines and 28 characters of 16 pt in 156 x 225 mm). Only paragraphs that snap to the
    grid take its pitch; ours do not (styles._document_defaults) and set the characters'
    by character spacing (styles.grid_spacing_twips), which Word and LibreOffice both draw."""
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    page_width, page_height, left, right, top, bottom = (
        length.twips if length is not None else 0 for length in (
            section.page_width, section.page_height, section.left_margin,
            section.right_margin, section.top_margin, section.bottom_margin))
    height = page_height - top - bottom
    grid.set(qn("w:type"), "linesAndChars" if characters else "lines")
    grid.set(qn("w:linePitch"), str(height // lines))
    if not characters:
        grid.attrib.pop(qn("w:charSpace"), None)
        return
    width = page_width - left - right
    grid.set(qn("w:charSpace"), str(math.floor((width / 20 / characters - character_pt) * 4096)))


def set_character_spacing(rpr: Element, twips: int) -> None:
    """Word's character spacing (w:spacing in run properties): twips added to every
    character's advance, negative to condense."""
    child_in_order(rpr, "w:spacing", RPR_ORDER).set(qn("w:val"), str(twips))


def exclude_from_numbering(paragraph: Paragraph) -> None:
    """A heading-styled paragraph without the style's number (numId 0): the contents title."""
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = child_in_order(ppr, "w:numPr", PPR_ORDER)
    child_in_order(num_pr, "w:numId").set(qn("w:val"), "0")



def _plain_run(parent: Element, text: str, style_id: str | None, tag: str = "w:t") -> Element:
    run = OxmlElement("w:r")
    if style_id:
        rpr = OxmlElement("w:rPr")
        rstyle = OxmlElement("w:rStyle")
        rstyle.set(qn("w:val"), style_id)
        rpr.append(rstyle)
        run.append(rpr)
    element = OxmlElement(tag)
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run.append(element)
    parent.append(run)
    return run


def set_style(paragraph_or_run: Paragraph | Run, style_id: str) -> None:
    """Name the style by id. python-docx's `.style = name` rescans every style of the file to
    find the default one, and its element-order machinery (`get_or_add_pStyle`) took a
    fifth of the writer's time: the style element is always the first of the properties."""
    if isinstance(paragraph_or_run, Paragraph):
        first_child_style(paragraph_or_run._p, "w:pPr", "w:pStyle").set(qn("w:val"), style_id)
    else:
        first_child_style(paragraph_or_run._r, "w:rPr", "w:rStyle").set(qn("w:val"), style_id)


def first_child_style(element: Element, props: str, tag: str) -> Element:
    """The element's properties (w:pPr / w:rPr, always its first child) and, first in them,
    the style reference (w:pStyle / w:rStyle), made if missing."""
    first = element[0] if len(element) else None
    if first is None or first.tag != qn(props):
        first = OxmlElement(props)
        element.insert(0, first)
    style = first[0] if len(first) else None
    if style is None or style.tag != qn(tag):
        style = OxmlElement(tag)
        first.insert(0, style)
    return style


def append_text_run(parent: Element, text: str, style_id: str | None,
                    tag: str = "w:t") -> Element:
    """A run of plain text (no tabs or line breaks) at the end of any run container: a
    paragraph, a content control's content, a tracked change (`tag` w:delText in a
    deletion)."""
    return _plain_run(parent, text, style_id, tag)


def add_text_run(paragraph: Paragraph, text: str, style_id: str | None) -> None:
    """A run of plain text (python-docx's add_run + .text builds it through its generic,
    order-checking element machinery: 0.05 s a briefing). Tabs and line breaks, which need
    their own elements, go through python-docx."""
    if "\t" in text or "\n" in text or "\r" in text:
        run = paragraph.add_run(text)
        if style_id:
            set_style(run, style_id)
        return
    _plain_run(paragraph._p, text, style_id)


def add_hyperlink(paragraph: Paragraph, url: str, text: str, style: str, bold: bool) -> None:
    """An external link run, styled with a character style."""
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rstyle = OxmlElement("w:rStyle")
    rstyle.set(qn("w:val"), style)
    rpr.append(rstyle)
    if bold:
        rpr.append(OxmlElement("w:b"))
    run.append(rpr)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


FOOTNOTES_PART = "/word/footnotes.xml"
_FOOTNOTES_TYPE = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
                   "footnotes+xml")
# Word's footnotes part starts with the two separators it draws above the notes
_FOOTNOTES_XML = (
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    + "".join(f'<w:footnote w:type="{kind}" w:id="{number}"><w:p><w:pPr><w:spacing '
              f'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:{kind}/></w:r>'
              f'</w:p></w:footnote>' for kind, number in (("separator", -1),
                                                          ("continuationSeparator", 0)))
    + "</w:footnotes>")


def add_footnote(paragraph: Paragraph, number: int, text: str, text_style: str,
                 reference_style: str) -> None:
    """A real Word footnote: its reference mark at the end of the paragraph so far, and
    its text (in `text_style`) in the footnotes part, made on first use. python-docx has
    no API for footnotes."""
    notes = _footnotes(paragraph.part)
    note = OxmlElement("w:footnote")
    note.set(qn("w:id"), str(number))
    para = OxmlElement("w:p")
    first_child_style(para, "w:pPr", "w:pStyle").set(qn("w:val"), text_style)
    para.append(_styled_run(reference_style, OxmlElement("w:footnoteRef")))
    _plain_run(para, " " + text, None)
    note.append(para)
    notes.append(note)
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), str(number))
    paragraph._p.append(_styled_run(reference_style, reference))


def _styled_run(style: str, content: Element) -> Element:
    """A run in a character style holding one element (a footnote mark or reference)."""
    run = OxmlElement("w:r")
    first_child_style(run, "w:rPr", "w:rStyle").set(qn("w:val"), style)
    run.append(content)
    return run


def _footnotes(document_part: Any) -> Any:
    """The footnotes part's root element, the part made and related on first use."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml

    for rel in document_part.rels.values():
        if rel.reltype == RELATIONSHIP_TYPE.FOOTNOTES:
            return rel.target_part.element
    part = XmlPart(PackURI(FOOTNOTES_PART), _FOOTNOTES_TYPE, parse_xml(_FOOTNOTES_XML),
                   document_part.package)
    document_part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    return part.element
