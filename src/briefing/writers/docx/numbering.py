"""Heading numbers as Word numbering (numbering.xml), attached to the heading styles.

Word then numbers the headings itself: an official who moves or deletes a section in the
draft gets 一、二、三、 renumbered, which literal text could not do. The theme's patterns
("{chinese}、", "（{chinese}）", "{decimal}.") become levels of one abstract numbering per
language.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement as Element
from docx.styles.style import BaseStyle

from ...model import Lang
from ...theme.resolve import STYLE_ROLES, ResolvedTheme
from .oxml import PPR_ORDER, child_in_order

FORMATS = {"{chinese}": "chineseCounting", "{decimal}": "decimal", "{roman}": "upperRoman"}
HEADING_ROLES = ("heading1", "heading2", "heading3", "heading4")


def number_headings(doc: DocxDocument, theme: ResolvedTheme, languages: tuple[Lang, ...],
                    keep: frozenset[str] = frozenset()) -> None:
    """Define the numbering and name it in each heading style, per language (not in the
    styles of `keep`: a reference document's heading styles number themselves, or not)."""
    patterns = theme.heading_numbering
    if not patterns:
        return
    numbering = doc.part.numbering_part.element
    for lang in languages:
        abstract_id = _next_id(numbering, "w:abstractNum", "w:abstractNumId")
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        multi = OxmlElement("w:multiLevelType")
        multi.set(qn("w:val"), "multilevel")
        abstract.append(multi)
        for level, pattern in enumerate(patterns):
            abstract.append(_level(level, pattern.get(lang)))
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)  # all abstractNum come before any num
        else:
            numbering.append(abstract)
        num_id = _next_id(numbering, "w:num", "w:numId")
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(abstract_id))
        num.append(ref)
        numbering.append(num)
        for level, role in enumerate(HEADING_ROLES[:len(patterns)]):
            name = STYLE_ROLES[role].get(lang)
            if name not in keep:
                _attach(doc.styles[theme.styles[name].name], num_id, level)


def _level(level: int, pattern: str) -> Element:
    """<w:lvl>: start at 1, the number format, the text with %N for the number."""
    fmt = next((f for token, f in FORMATS.items() if token in pattern), "decimal")
    text = pattern
    for token in FORMATS:
        text = text.replace(token, f"%{level + 1}")
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), str(level))
    suffix = "space" if pattern.endswith(" ") else "nothing"
    for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:suff", suffix),
                       ("w:lvlText", text.rstrip()), ("w:lvlJc", "left")):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        lvl.append(element)
    return lvl


def _attach(style: BaseStyle, num_id: int, level: int) -> None:
    ppr = style.element.get_or_add_pPr()
    num_pr = child_in_order(ppr, "w:numPr", PPR_ORDER)
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        element = child_in_order(num_pr, tag, ("w:ilvl", "w:numId"))
        element.set(qn("w:val"), str(value))


def _next_id(numbering: Element, tag: str, attr: str) -> int:
    ids = [int(e.get(qn(attr))) for e in numbering.findall(qn(tag))]
    return max(ids, default=0) + 1

