"""The XML of tables and table styles python-docx has no API for: shading, borders, cell
margins, a table style's conditional parts, row properties and the table's look."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement as Element
from docx.styles.style import BaseStyle
from docx.table import Table, _Row

from .oxml import child_in_order


def shading(fill: str) -> Element:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill.lstrip("#"))
    return shd


def borders(tag: str, sides: dict[str, tuple[float, str] | None]) -> Element:
    """<w:tblBorders> or <w:tcBorders>; each side (width_pt, colour) or None for no line."""
    element = OxmlElement(tag)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side not in sides:
            continue
        edge = OxmlElement(f"w:{side}")
        spec = sides[side]
        if spec is None:
            edge.set(qn("w:val"), "nil")
        else:
            width, color = spec
            edge.set(qn("w:val"), "single")
            edge.set(qn("w:sz"), str(max(2, round(width * 8))))  # eighths of a point
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), color.lstrip("#"))
        element.append(edge)
    return element


def cell_margins(points: float) -> Element:
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(round(points * 20)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    return margins


def style_table_properties(style: BaseStyle) -> Element:
    """<w:tblPr> of a table style, created if missing."""
    return child_in_order(style.element, "w:tblPr")


def add_conditional(style: BaseStyle, kind: str) -> Element:
    """<w:tblStylePr w:type=kind> (firstRow, band1Horz...) with empty pPr/rPr/tblPr/tcPr."""
    cond = OxmlElement("w:tblStylePr")
    cond.set(qn("w:type"), kind)
    style.element.append(cond)
    return cond


def mark_header_row(row: _Row) -> None:
    """Repeat this row at the top of each page (no style can say this)."""
    child_in_order(row._tr.get_or_add_trPr(), "w:tblHeader").set(qn("w:val"), "true")


def keep_row_together(row: _Row) -> None:
    """Never split a row across pages (its Chinese would be on one, its English on the next)."""
    child_in_order(row._tr.get_or_add_trPr(), "w:cantSplit").set(qn("w:val"), "true")


def table_look(table: Table, first_row: bool, banded_rows: bool) -> None:
    """Which conditional parts of the table style apply."""
    look = child_in_order(table._tbl.tblPr, "w:tblLook")
    look.set(qn("w:firstRow"), "1" if first_row else "0")
    look.set(qn("w:lastRow"), "0")
    look.set(qn("w:firstColumn"), "0")
    look.set(qn("w:lastColumn"), "0")
    look.set(qn("w:noHBand"), "0" if banded_rows else "1")
    look.set(qn("w:noVBand"), "1")
    flags = (0x20 if first_row else 0) | (0 if banded_rows else 0x200) | 0x400  # noVBand
    look.set(qn("w:val"), f"{flags:04X}")
