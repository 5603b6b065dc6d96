"""Baseline: the sample briefing as a plain python-docx script.

    python bench/bare_docx.py OUT.docx [--repeat N]

Reads bench/sample.json (see export_text.py) and writes it the obvious way: python-docx's
default template, A4 with 20 mm margins, the built-in styles (Title, Subtitle, Heading 1,
Normal, List Bullet, Caption), Noto Sans SC / Noto Sans set on Normal, a page number field in
the footer, and tables for figure tables, call-outs and KPIs. Charts are left out (their
titles stay): python-docx cannot draw one. No briefing imports.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent


def setup(doc) -> None:
    """Fonts on Normal (Latin + East Asian), A4 page, footer with a PAGE field."""
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Noto Sans", Pt(10)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans SC")
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = section.top_margin = Mm(20)
    section.bottom_margin = Mm(22)
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        run = footer.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._r.append(element)


def both(container, zh: str, en: str, style: str = "Normal", en_style: str | None = None,
         bold: bool = False) -> None:
    """Chinese then English paragraphs; empty texts are skipped."""
    for text, name in ((zh, style), (en, en_style or style)):
        if text:
            container.add_paragraph(style=name).add_run(text).bold = bold


def table(doc, rows: int, cols: int, style: str = "Light List Accent 1"):
    result = doc.add_table(rows=rows, cols=cols)
    result.style = doc.styles[style]
    return result


def cell(target, zh: str, en: str, bold: bool = False) -> None:
    """Fill a table cell: Chinese in its first paragraph, English in a second."""
    target.paragraphs[0].add_run(zh).bold = bold
    target.add_paragraph().add_run(en).font.size = Pt(8)


def write(doc, item: dict) -> None:
    """One sample.json item -> paragraphs or a table."""
    kind, zh, en, rows = item["kind"], item["zh"], item["en"], item.get("rows", [])
    if kind == "heading":
        both(doc, zh, en, f"Heading {item['level']}", f"Heading {item['level'] + 1}")
    elif kind == "paragraph":
        both(doc, zh, en)
    elif kind == "bullet":
        both(doc, zh, en, "List Bullet", "List Continue")
    elif kind == "table":
        both(doc, zh, en, "Caption")
        grid = table(doc, len(rows), len(rows[0]["zh"]))
        for r, row in zip(grid.rows, rows):
            for c, z, e in zip(r.cells, row["zh"], row["en"]):
                cell(c, z, e)
    elif kind == "callout":
        box = table(doc, 1, 2, "Light Shading Accent 1").rows[0].cells
        cell(box[0], rows[0]["zh"][0], rows[0]["en"][0], bold=True)
        cell(box[0], rows[0]["zh"][1], rows[0]["en"][1])
        cell(box[1], zh, en)
    elif kind == "kpis":
        for c, row in zip(table(doc, 1, len(rows), "Table Grid").rows[0].cells, rows):
            cell(c, row["zh"][0], row["en"][0], bold=True)
            cell(c, row["zh"][1], row["en"][1])
    elif kind == "chart":  # python-docx cannot draw one: its title only
        both(doc, zh, en, "Caption")
    else:
        raise ValueError(f"unknown kind {kind!r}")


def main(out: str, repeat: int = 1) -> None:
    data = json.loads((HERE / "sample.json").read_text(encoding="utf-8"))
    doc = docx.Document()
    setup(doc)
    cover = data["cover"]
    both(doc, cover["zh"][0], cover["en"][0], "Title", "Subtitle")
    for zh, en in zip(cover["zh"][1:], cover["en"][1:]):
        both(doc, zh, en)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    # --repeat: N times the body, for per-page cost; the closing Sources section once
    for item in data["items"] * repeat + data["closing"]:
        write(doc, item)
    doc.core_properties.title = cover["en"][0]
    doc.save(out)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 4) or (len(sys.argv) == 4 and sys.argv[2] != "--repeat"):
        sys.exit("usage: bare_docx.py OUT.docx [--repeat N]")
    main(sys.argv[1], int(sys.argv[3]) if len(sys.argv) == 4 else 1)
