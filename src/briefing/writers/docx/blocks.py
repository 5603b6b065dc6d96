"""One handler per block type: model block -> paragraphs and tables in the DOCX (the
figure tables' handler and the table helpers in tables.py; HANDLERS lists them all)."""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable
from typing import IO, Any

from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.shared import Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from ...cache import cached
from ...model import (
    Bilingual,
    Block,
    BulletList,
    CallOut,
    Chart,
    ContactCard,
    FigureMark,
    FigureRef,
    FigureTable,
    Heading,
    Image,
    Inline,
    KpiGrid,
    Lang,
    PageBreak,
    Paragraph,
    Quote,
    Run,
    progress_bar,
)
from ...revisions import Revisions
from ...theme.resolve import ResolvedTheme
from . import oxml
from .figuremarks import FigureMarks
from .parallel import ParallelTable
from .spacing import SEPARATOR_STYLES, kept_style, spaced_style
from .styles import (
    FOOTNOTE_REFERENCE_STYLE,
    FOOTNOTE_TEXT_STYLE,
    KPI_BAR_STYLE,
    LINK_STYLE,
    STRONG_STYLE,
    StyleIds,
)
from .tables import box_cells, figure_table
from .tracked import add_tracked_change

Container = DocxDocument | _Cell


class BlockWriter:
    """Appends blocks to a python-docx document for one theme and arrangement of languages."""

    def __init__(self, doc: DocxDocument, theme: ResolvedTheme, languages: tuple[Lang, ...],
                 parallel: bool = False, ids: StyleIds | None = None,
                 revisions: Revisions | None = None, marks: FigureMarks | None = None):
        self.doc = doc
        self.theme = theme
        self.languages = languages
        self.width_pt = theme.page.frame_width_pt
        self.ids = ids or StyleIds(doc)
        self.revisions = revisions
        self.marks = marks
        self.revision_ids = itertools.count(1)  # w:id of tracked changes, unique per file
        self.target: Container | None = None  # a table cell, in the parallel layout
        # the kind of box just written (table, callout, kpi): its space goes to the style
        # of the paragraph after it (spacing.py)
        self.after_box: str | None = None
        self._parallel: ParallelTable | None = None  # the parallel layout's current table
        self.columns: tuple[BlockWriter, ...] = ()
        if parallel:
            self.columns = tuple(BlockWriter(doc, theme, (lang,), ids=self.ids,
                                             revisions=revisions, marks=marks)
                                 for lang in languages)
            for column in self.columns:
                column.revision_ids = self.revision_ids

    @property
    def container(self) -> Container:
        return self.target if self.target is not None else self.doc

    def write(self, block: Block) -> None:
        if self.columns and block.side_by_side:
            if self._parallel is None:
                self._parallel = ParallelTable(self)
            for row in block.parallel_rows():
                self._parallel.add(row)
            return
        self.end_parallel()
        HANDLERS[type(block)](self, block)

    def end_parallel(self) -> None:
        """After the last of a run of side-by-side blocks: the columns' widths."""
        if self._parallel is not None:
            self._parallel.finish()
            self._parallel = None

    def style(self, role: str, lang: Lang, override: str | None = None) -> str:
        """The style id for a part of the document in one language."""
        return self.ids[self.theme.style_for(role, lang, override).name]

    def paragraph_in(self, where: Container, style_id: str,
                     reuse_first: bool = False) -> DocxParagraph:
        """A new paragraph (or a table cell's initial empty one) with the given style; the
        first after a box in that style's variant with the box's space (spacing.py)."""
        if where is self.doc and self.after_box is not None:
            style = spaced_style(self.doc, style_id, self.after_box, self.theme)
            self.after_box = None
            self.ids.add(style.name, style.style_id)
            style_id = style.style_id
        para = where.paragraphs[0] if reuse_first else where.add_paragraph()
        oxml.set_style(para, style_id)
        return para

    def keep_with_next(self, para: DocxParagraph) -> None:
        """The paragraph in its style's "Kept With Next" variant (spacing.kept_style)."""
        style = kept_style(self.doc, para._p.style or self.ids["Normal"])
        self.ids.add(style.name, style.style_id)
        oxml.set_style(para, style.style_id)

    def close_box(self, box: str) -> None:
        """The box's own last paragraph (a table's note) carries its space after."""
        last = self.doc.paragraphs[-1]
        style = spaced_style(self.doc, last._p.style or self.ids["Normal"], box, self.theme,
                             closing=True)
        self.ids.add(style.name, style.style_id)
        oxml.set_style(last, style.style_id)

    def separate(self) -> None:
        """Before a table or page break right after a box: the paragraph that keeps Word
        from joining the two tables, as high as the box's space after."""
        if self.after_box is not None:
            box, self.after_box = self.after_box, None
            self.paragraph_in(self.doc, self.ids[SEPARATOR_STYLES[box]])

    def text(self, where: Container, role: str, value: Bilingual[Inline] | Bilingual[str],
             override: str | None = None, first_in_cell: bool = False,
             figure: FigureRef | None = None, together: bool = False) -> None:
        """The value in each language of the layout, one paragraph each (a language whose
        text is the other's is left out). With `figure`, the whole value is that rendering
        of a figure (a table cell, a call-out's or KPI's part); `together`, the languages
        kept on one page (a table's note: its Chinese never ends a page, its English the
        next)."""
        shown = value.shown(self.languages)
        for i, lang in enumerate(shown):
            para = self.paragraph_in(where, self.style(role, lang, override),
                                     reuse_first=first_in_cell and i == 0)
            self.runs(para, value.get(lang), lang, figure)
            if together and i < len(shown) - 1:
                self.keep_with_next(para)

    def runs(self, para: DocxParagraph, content: Inline | str, lang: Lang,
             figure: FigureRef | None = None) -> None:
        """The text's runs, as a person would type it (`as_typed`); the renderings of
        figures marked for update-draft."""
        if isinstance(content, str):
            content = (Run(content, figures=(FigureMark(0, len(content), *figure),)
                           if figure and content else ()),)
        # LibreOffice moves the end of every figure mark that follows a footnote reference
        # in its paragraph back by a character (a draft saved there then no longer matches
        # its register): a gloss's reference before a marked value goes after the last one
        last_marked = max((i for i, run in enumerate(content) if run.figures), default=-1)
        deferred: list[Run] = []
        for i, run in enumerate(content):
            previous = self.revisions.previous.get(run.text) if self.revisions else None
            if run.figures and self.marks is not None and not run.link and previous is None:
                self._marked_run(para, run, lang)
            elif run.link:
                oxml.add_hyperlink(para, run.link, as_typed(run.text), self.ids[LINK_STYLE],
                                   run.strong)
            elif previous is not None:
                assert self.revisions is not None
                add_tracked_change(para, as_typed(previous), as_typed(run.text),
                                   self.ids[STRONG_STYLE] if run.strong else None,
                                   self.revisions.author, self.revisions.date,
                                   self.revision_ids)
            else:
                oxml.add_text_run(para, as_typed(run.text),
                                  self.ids[STRONG_STYLE] if run.strong else None)
            if run.note:  # a gloss: a real footnote, numbered by Word in the same order
                deferred.append(run)
            if deferred and (i >= last_marked or self.marks is None):
                for noted in deferred:
                    assert noted.note is not None
                    oxml.add_footnote(para, noted.note.number, noted.note.text,
                                      self.ids[FOOTNOTE_TEXT_STYLE],
                                      self.ids[FOOTNOTE_REFERENCE_STYLE])
                deferred = []

    def _marked_run(self, para, run: Run, lang: Lang) -> None:  # type: ignore[no-untyped-def]
        """A run with figure values: plain stretches, and each value in its mark."""
        assert self.marks is not None
        style_id = self.ids[STRONG_STYLE] if run.strong else None
        position = 0
        for mark in run.figures:
            if mark.start > position:
                oxml.add_text_run(para, as_typed(run.text[position:mark.start]), style_id)
            self.marks.add(para, as_typed(run.text[mark.start:mark.end]), style_id,
                           (mark.figure, mark.attribute), lang)
            position = mark.end
        if position < len(run.text):
            oxml.add_text_run(para, as_typed(run.text[position:]), style_id)

    def heading(self, block: Heading) -> None:
        self.text(self.container, f"heading{block.level}", block.text,
                  block.style)

    def paragraph(self, block: Paragraph) -> None:
        self.text(self.container, "body", block.text, block.style)

    def bullets(self, block: BulletList) -> None:
        bulleted = self.doc.styles[self.theme.style_for("bullet", "zh", block.style).name]
        for item in block.items:
            for i, lang in enumerate(self.languages):
                name = self.theme.style_for("bullet", lang, block.style).name
                para = self.paragraph_in(self.container, self.ids[name])
                if i == 0 and not oxml.has_numbering(self.doc.styles[name]):
                    # the item's first line carries the bullet, whichever language it is in
                    oxml.copy_numbering(bulleted, para)
                self.runs(para, item.get(lang), lang)

    def quote(self, block: Quote) -> None:
        """The words, then who said them, into the container (a side-by-side block)."""
        self.text(self.container, "quote", block.text, block.style)
        # its Chinese never ends a page without its English (Quote keeps with next)
        self.text(self.container, "quote_attribution", block.attribution, together=True)

    def callout(self, block: CallOut) -> None:
        figure, text = box_cells(self, "callout", (0.36, 0.64))
        self.text(figure, "callout_value", block.value, first_in_cell=True,
                  figure=block.mark_of("value"))
        self.text(figure, "callout_label", block.label, figure=block.mark_of("label"))
        self.text(text, "callout_text", block.text, block.style, first_in_cell=True)
        self.after_box = "callout"

    def chart(self, block: Chart) -> None:
        """The title, then a PNG of the PDF's drawing, with the chart's data as alt text."""
        self.text(self.doc, "caption", block.title)
        # drawing and rasterising take 0.15 s a chart: cached by everything that shapes it
        png = cached("chart", repr((block, self.theme, self.languages, self.width_pt)),
                     lambda: _chart_png(block, self.theme, self.languages, self.width_pt))
        self.picture(self.doc, io.BytesIO(png), self.width_pt, block.alt_text(self.languages))

    def image(self, block: Image) -> None:
        """The picture at its share of the text width, with alt text, then its caption."""
        self.picture(self.doc, str(block.file), self.width_pt * block.width_fraction,
                     " / ".join(block.alt.get(lang) for lang in self.languages))
        if block.caption:
            self.text(self.doc, "caption", block.caption)

    def picture(self, where: Container, image: str | IO[bytes], width_pt: float, alt: str,
                reuse_first: bool = False) -> None:
        """A picture in its own paragraph, with alternative text for screen readers. The
        paragraph keeps an automatic line height: the styles' exact one would crop it."""
        paragraph = self.paragraph_in(where, self.ids["Normal"], reuse_first)
        paragraph.paragraph_format.line_spacing = 1.0
        paragraph.add_run().add_picture(image, width=Pt(width_pt))
        oxml.set_alt_text(paragraph, as_typed(alt))

    def contact(self, block: ContactCard) -> None:
        """The host's card, as a call-out box: text, and the link's QR code as a picture."""
        text, code = box_cells(self, "callout", (0.75, 0.25))
        self.text(text, "callout_label", block.label, first_in_cell=True)
        self.text(text, "callout_value", block.name)
        self.text(text, "callout_text", block.title)
        for line in (block.phone, block.email, block.link or ""):
            if line:
                self.runs(self.paragraph_in(text, self.style("callout_text", "en")), line, "en")
        if block.link:
            png = cached("qr", block.link, lambda: _qr_png(block.link or ""))
            self.picture(code, io.BytesIO(png), 90,
                         f"QR code: {block.link}", reuse_first=True)
        self.after_box = "callout"

    def kpis(self, block: KpiGrid) -> None:
        count = len(block.items)
        for cell, kpi in zip(box_cells(self, "kpi", tuple(1 / count for _ in range(count))),
                             block.items, strict=True):
            self.text(cell, "kpi_value", kpi.value, first_in_cell=True,
                      figure=kpi.mark_of("value"))
            if kpi.trend:
                self.text(cell, "kpi_label", kpi.trend, figure=kpi.mark_of("trend"))
            if kpi.progress:
                if kpi.fraction is not None:  # the small bar, in ten marks (KPI Bar)
                    self.runs(self.paragraph_in(cell, self.ids[KPI_BAR_STYLE]),
                              progress_bar(kpi.fraction), self.languages[0],
                              kpi.mark_of("bar"))
                self.text(cell, "kpi_label", kpi.progress, figure=kpi.mark_of("progress"))
            self.text(cell, "kpi_label", kpi.label, figure=kpi.mark_of("label"))
        self.after_box = "kpi"

    def page_break(self, block: PageBreak) -> None:
        self.separate()  # a box's last cell is no place for the break
        para = self.doc.paragraphs[-1] if self.doc.paragraphs else self.doc.add_paragraph()
        para.add_run().add_break(WD_BREAK.PAGE)


def as_typed(text: str) -> str:
    """Text as a person types it, so that Word's Find, replace and copy-paste work: the
    model's no-break spaces ("RMB 11.25 billion", kept on one line in the PDF) become
    spaces, as Word's Find does not match a typed space to a no-break one. Numbers and
    units are not glued with invisible characters either: Word and LibreOffice may break
    "2023|年" at a line end, as they would in a typed document."""
    return text.replace("\u00a0", " ")


# One handler per model block type (tests/test_blocks.py: every declared block has one).
HANDLERS: dict[type, Callable[[BlockWriter, Any], None]] = {
    Heading: BlockWriter.heading, Paragraph: BlockWriter.paragraph,
    BulletList: BlockWriter.bullets, Quote: BlockWriter.quote,
    FigureTable: figure_table,
    CallOut: BlockWriter.callout, KpiGrid: BlockWriter.kpis, Chart: BlockWriter.chart,
    Image: BlockWriter.image, ContactCard: BlockWriter.contact,
    PageBreak: BlockWriter.page_break,
}


def _chart_png(chart: Chart, theme: ResolvedTheme, languages: tuple[Lang, ...],
               width_pt: float) -> bytes:
    from ...charts import chart_picture  # ReportLab only for documents with charts

    return chart_picture(chart, theme, languages, width_pt)


def _qr_png(link: str) -> bytes:
    from ...charts import chart_png, qr_drawing  # ReportLab only for documents with links

    return chart_png(qr_drawing(link, 90))
