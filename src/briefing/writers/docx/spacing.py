"""The space after a box (a figure table with its note, a call-out, a KPI row, a contact
card), and a table's note kept with its last row, through styles.

Word has no space after a table. A figure table's note, the paragraph that always ends it,
takes a variant of its style, "<style> End of Table", with the table's space after added
to its own. The paragraph that follows any other box takes a variant of its own style,
"<style> After <box>", with the box's space after added to its space before. A variant is
based on its style (a change to Heading 1 changes Heading 1 After Call-out too) and keeps
its outline level, numbering and next style. So the space is a style's, and no empty
paragraph stands in for it. Only where a table follows a call-out or KPI row (another box,
the parallel layout's rows) does a paragraph stand between them, in the box's "Space After
..." style, as high as that space: Word joins two tables that touch into one, the second
losing its style.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.styles.style import ParagraphStyle, StyleFactory

from ...theme.resolve import ResolvedTheme
from . import oxml

BOX_NAMES = {"table": "Table", "callout": "Call-out", "kpi": "KPI"}
SEPARATOR_STYLES = {box: f"Space After {name}" for box, name in BOX_NAMES.items()}
T = TypeVar("T")


def separator_styles(doc: DocxDocument, theme: ResolvedTheme, keep: frozenset[str]) -> None:
    """The styles of the paragraph between a box and a table after it: an empty line as
    high as the theme's space after that box."""
    for box, name in SEPARATOR_STYLES.items():
        if name in keep:
            continue
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.hidden = False
        style.quick_style = False
        fmt = style.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(max(theme.boxes[box].space_after_pt, 1))


def spaced_style(doc: DocxDocument, style_id: str, box: str, theme: ResolvedTheme,
                 closing: bool = False) -> ParagraphStyle:
    """The variant of the paragraph style `style_id` for the paragraph after a box of kind
    `box` (table, callout, kpi): the box's space after added to its space before; with
    `closing`, for the box's own last paragraph (a table's note), added to its space after.
    Created the first time it is asked for."""
    style, new = _variant(doc, style_id, f"{'End of' if closing else 'After'} {BOX_NAMES[box]}")
    if not new:
        return style
    base = style.base_style
    if closing:
        after = _inherited(base, lambda s: s.paragraph_format.space_after)
        style.paragraph_format.space_after = Pt((after.pt if after is not None else 0)
                                                + theme.boxes[box].space_after_pt)
    else:
        before = _inherited(base, lambda s: s.paragraph_format.space_before)
        style.paragraph_format.space_before = Pt((before.pt if before is not None else 0)
                                                 + theme.boxes[box].space_after_pt)
    return style


def kept_style(doc: DocxDocument, style_id: str) -> ParagraphStyle:
    """The variant "<style> Kept With Next" of a paragraph style: on the page of the
    paragraph after it (a table's last row with its note, a note's or an attribution's
    Chinese with its English), through a style as the rest of the document's formatting.
    Created the first time it is asked for."""
    return _keep_variant(doc, style_id, "Kept With Next", True)


def row_opening_style(doc: DocxDocument, style_id: str) -> ParagraphStyle:
    """The variant "<style> Opening Row" of a style that keeps with next (a heading, a
    quote), for the paragraph that opens a row of the parallel layout: Word and
    LibreOffice keep a row whose first paragraph keeps with next on the page of the next
    row, and LibreOffice never splits such a row: a section's row moved whole to the next
    page, leaving its page blank or three lines long (a first user's gov pages 2 and 12).
    Inside a cell the keep has nothing else to do."""
    return _keep_variant(doc, style_id, "Opening Row", False)


def keeps_with_next(style: ParagraphStyle) -> bool:
    """Does the style (or the nearest style it is based on that says) keep with next?"""
    return bool(_inherited(style, lambda s: s.paragraph_format.keep_with_next))


def _keep_variant(doc: DocxDocument, style_id: str, suffix: str,
                  keep: bool) -> ParagraphStyle:
    """The variant "<style> <suffix>" of a paragraph style, keeping with next or not, with
    its base's next style and outline level; created the first time it is asked for."""
    style, new = _variant(doc, style_id, suffix)
    if new:
        style.paragraph_format.keep_with_next = keep
    return style


def _variant(doc: DocxDocument, style_id: str, suffix: str) -> tuple[ParagraphStyle, bool]:
    """The style "<style> <suffix>" based on the paragraph style `style_id`, and whether it
    is new (then the caller sets what makes it differ)."""
    base = cast(ParagraphStyle, StyleFactory(doc.styles.element.get_by_id(style_id)))
    name = f"{base.name} {suffix}"
    existing = doc.styles.element.get_by_name(name)
    if existing is not None:
        return cast(ParagraphStyle, StyleFactory(existing)), False
    return _new_variant(doc, base, name), True


def _new_variant(doc: DocxDocument, base: ParagraphStyle, name: str) -> ParagraphStyle:
    """A new style `name` based on `base`, with its next style and outline level."""
    style = cast(ParagraphStyle, doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH))
    style.base_style = base
    style.hidden = False
    style.quick_style = False
    following = base.element.find(qn("w:next"))
    style.next_paragraph_style = base if following is None else \
        StyleFactory(doc.styles.element.get_by_id(following.get(qn("w:val"))))
    level = _inherited(base, _outline_level)
    if level is not None:  # the navigation pane lists it as it lists the base style's
        oxml.set_outline_level(style.element.get_or_add_pPr(), level)
    return style


def _inherited(style: ParagraphStyle, read: Callable[[ParagraphStyle], T | None]) -> T | None:
    """A paragraph property as the style has it, or the nearest style it is based on."""
    current: ParagraphStyle | None = style
    while current is not None:
        value = read(current)
        if value is not None:
            return value
        current = current.base_style
    return None


def _outline_level(style: ParagraphStyle) -> int | None:
    ppr = style.element.pPr
    level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    return int(level.get(qn("w:val"))) if level is not None else None
