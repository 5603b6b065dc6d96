"""One handler per block type: model block -> paragraphs and tables in the DOCX."""

from __future__ import annotations

from typing import Callable

from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.shared import Pt
from docx.table import _Cell

from ...model import (TABLE_COLUMNS, Bilingual, Block, BulletList, CallOut, FigureTable,
                      Heading, Inline, KpiGrid, Lang, PageBreak, Paragraph)
from ...theme.resolve import ResolvedTheme
from . import oxml
from .styles import LINK_STYLE, STRONG_STYLE, TABLE_STYLES, StyleIds

Container = DocxDocument | _Cell


class BlockWriter:
    """Appends blocks to a python-docx document for one theme and arrangement of languages."""

    def __init__(self, doc: DocxDocument, theme: ResolvedTheme, languages: tuple[Lang, ...]):
        self.doc = doc
        self.theme = theme
        self.languages = languages
        self.width_pt = theme.page.frame_width_pt
        self.ids = StyleIds(doc)
        self._handlers: dict[type, Callable[[Block], None]] = {
            Heading: self.heading, Paragraph: self.paragraph, BulletList: self.bullets,
            FigureTable: self.figure_table, CallOut: self.callout, KpiGrid: self.kpis,
            PageBreak: self.page_break,
        }

    def write(self, block: Block) -> None:
        self._handlers[type(block)](block)

    def style(self, role: str, lang: Lang, override: str | None = None) -> str:
        """The style id for a part of the document in one language."""
        return self.ids[self.theme.style_for(role, lang, override).name]

    def paragraph_in(self, where: Container, style_id: str, reuse_first: bool = False):  # type: ignore[no-untyped-def]
        """A new paragraph (or a table cell's initial empty one) with the given style."""
        para = where.paragraphs[0] if reuse_first else where.add_paragraph()
        oxml.set_style(para, style_id)
        return para

    def text(self, where: Container, role: str, value: Bilingual[Inline] | Bilingual[str],
             override: str | None = None, first_in_cell: bool = False) -> None:
        """The value in each language of the layout, one paragraph each."""
        for i, lang in enumerate(value.shown(self.languages)):
            para = self.paragraph_in(where, self.style(role, lang, override),
                                     reuse_first=first_in_cell and i == 0)
            self.runs(para, value.get(lang))

    def runs(self, para, content: Inline | str) -> None:  # type: ignore[no-untyped-def]
        if isinstance(content, str):
            para.add_run(content)
            return
        for run in content:
            if run.link:
                oxml.add_hyperlink(para, run.link, run.text, self.ids[LINK_STYLE], run.strong)
            else:
                added = para.add_run(run.text)
                if run.strong:
                    oxml.set_style(added, self.ids[STRONG_STYLE])

    def heading(self, block: Heading) -> None:  # type: ignore[override]
        self.text(self.doc, "heading1" if block.level == 1 else "heading2", block.text,
                  block.style)

    def paragraph(self, block: Paragraph) -> None:  # type: ignore[override]
        self.text(self.doc, "body", block.text, block.style)

    def bullets(self, block: BulletList) -> None:  # type: ignore[override]
        for item in block.items:
            for lang in self.languages:
                para = self.paragraph_in(self.doc, self.style("bullet", lang, block.style))
                self.runs(para, item.get(lang))

    def figure_table(self, block: FigureTable) -> None:  # type: ignore[override]
        if block.caption:
            self.text(self.doc, "caption", block.caption)
        table = self._table(1 + len(block.rows), 3, "table", TABLE_COLUMNS)
        for i, (cell, title) in enumerate(zip(table.rows[0].cells, block.header)):
            self.text(cell, "table_header" if i == 0 else "table_header_number", title,
                      first_in_cell=True)
        oxml.mark_header_row(table.rows[0])
        for row in table.rows:
            oxml.keep_row_together(row)
        for row, data in zip(table.rows[1:], block.rows):
            cells = row.cells
            self.text(cells[0], "table_cell", data.label, first_in_cell=True)
            self.text(cells[1], "table_number", data.value, first_in_cell=True)
            self.text(cells[2], "table_date", data.as_of, first_in_cell=True)
        oxml.table_look(table, first_row=True, banded_rows=True)
        self._space_after("table")

    def callout(self, block: CallOut) -> None:  # type: ignore[override]
        table = self._table(1, 2, "callout", (0.36, 0.64))
        figure, text = table.rows[0].cells
        self.text(figure, "callout_value", block.value, first_in_cell=True)
        self.text(figure, "callout_label", block.label)
        self.text(text, "callout_text", block.text, block.style, first_in_cell=True)
        oxml.table_look(table, first_row=False, banded_rows=False)
        self._space_after("callout")

    def kpis(self, block: KpiGrid) -> None:  # type: ignore[override]
        count = len(block.items)
        table = self._table(1, count, "kpi", tuple(1 / count for _ in range(count)))
        for cell, kpi in zip(table.rows[0].cells, block.items):
            self.text(cell, "kpi_value", kpi.value, first_in_cell=True)
            self.text(cell, "kpi_label", kpi.label)
        oxml.table_look(table, first_row=False, banded_rows=False)
        self._space_after("kpi")

    def page_break(self, block: PageBreak) -> None:  # type: ignore[override]
        para = self.doc.paragraphs[-1] if self.doc.paragraphs else self.doc.add_paragraph()
        para.add_run().add_break(WD_BREAK.PAGE)

    def _table(self, rows: int, cols: int, box: str, fractions: tuple[float, ...]):  # type: ignore[no-untyped-def]
        table = self.doc.add_table(rows=rows, cols=cols)
        table._tbl.tblPr.style = self.ids[TABLE_STYLES[box]]
        table.autofit = False
        for column, fraction in zip(table.columns, fractions):
            width = Pt(self.width_pt * fraction)
            column.width = width
            for cell in column.cells:
                cell.width = width
        return table

    def _space_after(self, box: str) -> None:
        """Word has no 'space after table'; an empty Normal paragraph of that height does it."""
        spacer = self.paragraph_in(self.doc, self.ids["Normal"])
        fmt = spacer.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.line_spacing = Pt(max(self.theme.boxes[box].space_after_pt, 1))
