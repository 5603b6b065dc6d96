"""One handler per block type: model block -> ReportLab flowables (the figure tables'
handler in tables.py, the KPI cards' in kpis.py; HANDLERS lists them all)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Spacer, TableStyle
from reportlab.platypus import Image as RLImage
from reportlab.platypus import PageBreak as RLPageBreak

from ...charts import HEIGHT_PT, draw_chart, qr_drawing
from ...model import (
    Bilingual,
    Block,
    BulletList,
    CallOut,
    Chart,
    ContactCard,
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
    plain_text,
)
from ...reportlab_fonts import font_names
from ...theme.resolve import MM, ResolvedTheme
from .boxes import WholeTable, cell_defaults, frame
from .kpis import kpis
from .pagination import Floating
from .stacks import with_notes
from .styles import StyleSheet, make_paragraph
from .tables import figure_table

SHORT_LINES = 4  # a Chinese paragraph this short is kept whole with its English


class BlockRenderer:
    """Turns blocks into flowables for one theme and one arrangement of languages."""

    def __init__(self, theme: ResolvedTheme, languages: tuple[Lang, ...],
                 parallel: bool = False, width: float | None = None,
                 unit_words: frozenset[str] = frozenset()):
        self.theme = theme
        self.languages = languages
        self.styles = StyleSheet(theme, unit_words)
        self.width = width or theme.page.frame_width_pt
        page = theme.page
        self.page_height = page.height_pt - page.margin_top_pt - page.margin_bottom_pt
        self.columns: tuple[BlockRenderer, ...] = ()
        if parallel:
            column = (self.width - theme.page.column_gap_pt) / 2
            self.columns = tuple(BlockRenderer(theme, (lang,), width=column,
                                               unit_words=unit_words)
                                 for lang in languages)
            for renderer in self.columns:
                renderer.draws_notes = False  # the row's notes go under both columns
        self.font = font_names(theme.fonts[theme.styles["Normal"].font])[0]

    def render(self, block: Block) -> list[Flowable]:
        """The block's flowables, each tagged with the block's source for error messages."""
        if self.columns and block.side_by_side:
            flowables = [self.side_by_side(row) for row in block.parallel_rows()]
        else:
            flowables = HANDLERS[type(block)](self, block)
        if self.draws_notes and "en" in self.languages:
            flowables = with_notes(flowables, self.notes(block))
        for flowable in flowables:
            flowable.source = block.source
        return flowables

    draws_notes = True

    def notes(self, block: Block) -> list[Flowable]:
        """The block's footnotes (glosses), numbered, in small type right under it: a PDF
        page has no room kept for notes at its foot, and the note stays beside its term."""
        notes = block.notes()
        if not notes:
            return []
        style = self.styles.get("table_note", "en")
        return [make_paragraph((Run(f"{note.number}", strong=True), Run(f" {note.text}")),
                               style) for note in notes] + [
            Spacer(1, self.styles.get("body", "en").spaceAfter)]  # as after the block

    def side_by_side(self, block: Any) -> Flowable:
        """Parallel layout: the block's versions in columns, aligned at the top, kept on one
        page unless taller than a page (then the row splits and both flow on together)."""
        cells = [column.render(block) for column in self.columns]
        gap = self.theme.page.column_gap_pt
        table = WholeTable([cells], colWidths=[column.width + gap if i == 0 else column.width
                                               for i, column in enumerate(self.columns)],
                           hAlign="LEFT", page_height=self.page_height)
        # a cell drops its last paragraph's space after; the row keeps the larger one
        after = max(getattr(cell[-1].style, "spaceAfter", 0) for cell in cells if cell)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   *cell_defaults(0, self.font),
                                   ("RIGHTPADDING", (0, 0), (0, 0), gap),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), after)]))
        table.keepWithNext = isinstance(block, Heading)
        # pagination.parallel_sections makes the rows of a section one pair of columns
        table.parallel_cells = cells
        table.parallel_widths = [column.width for column in self.columns]
        table.parallel_gaps = [gap, 0.0]
        table.parallel_heading = isinstance(block, Heading)
        # a heading's bookmark: the row is what the page template sees, not its cells
        titles = [f.outline for cell in cells for f in cell if getattr(f, "outline", None)]
        if titles:
            table.outline = (" · ".join(title for title, _ in titles), titles[0][1])
        return table

    def texts(self, role: str, value: Bilingual[Inline] | Bilingual[str],
              override: str | None = None, **extra: object) -> list[Flowable]:
        """The block's text in each language of the layout, in order (a language whose
        text is the other's is left out)."""
        langs = value.shown(self.languages)
        return [make_paragraph(value.get(lang), self.styles.get(role, lang, override),
                               **extra) for lang in langs]

    def heading(self, block: Heading) -> list[Flowable]:
        text = block.numbered_text()
        flowables = self.texts(f"heading{block.level}", text,
                               block.style)
        title = " · ".join(plain_text(text.get(lang)) for lang in text.shown(self.languages))
        flowables[0].outline = (title, block.level)  # a PDF bookmark and contents entry
        return flowables

    def paragraph(self, block: Paragraph) -> list[Flowable]:
        flowables = self.texts("body", block.text, block.style)
        if len(flowables) > 1 and self._short(flowables[0]):
            flowables[0].keepWithNext = 1  # a short paragraph stays with its translation
            flowables[0].keeps_translation = True  # (a keep pagination may give up)
        return flowables

    def _short(self, paragraph: Flowable) -> bool:
        """At most SHORT_LINES lines as it wraps to the column (a guess from its length,
        every character an em, missed four-line paragraphs with figures in them)."""
        paragraph.wrap(self.width, 0xFFFFFF)
        return len(paragraph.blPara.lines) <= SHORT_LINES

    def bullets(self, block: BulletList) -> list[Flowable]:
        flowables: list[Flowable] = []
        for item in block.items:
            langs = item.shown(self.languages)
            for i, lang in enumerate(langs):
                style = self.styles.get("bullet", lang, block.style)
                paragraph = make_paragraph(item.get(lang), style,
                                           bulletText="•" if i == 0 else None)
                paragraph.keepWithNext = i < len(langs) - 1  # an item's languages stay together
                flowables.append(paragraph)
        return flowables

    def quote(self, block: Quote) -> list[Flowable]:
        """The words, then who said them: paragraphs only (a side-by-side block); the
        theme's Quote styles indent them and keep them together."""
        return (self.texts("quote", block.text, block.style)
                + self.texts("quote_attribution", block.attribution))

    def callout(self, block: CallOut) -> list[Flowable]:
        box = self.theme.boxes["callout"]
        figure = self.texts("callout_value", block.value) + \
            self.texts("callout_label", block.label)
        text = self.texts("callout_text", block.text, block.style)
        table = WholeTable([[figure, text]], colWidths=[self.width * 0.36, self.width * 0.64],
                           hAlign="LEFT", spaceBefore=box.space_before_pt,
                           spaceAfter=box.space_after_pt, page_height=self.page_height,
                           split_share=CALLOUT_SPLIT_SHARE)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   *cell_defaults(box.padding_pt, self.font), *frame(box)]))
        return [table]

    def chart(self, block: Chart) -> list[Flowable]:
        """The title, then the drawing itself: vector graphics in the PDF. It may be drawn
        lower to fill a page (pagination.Floating.redraw)."""
        def drawing(height_pt: float = HEIGHT_PT) -> Drawing:
            drawn = draw_chart(block, self.theme, self.languages, self.width, height_pt)
            drawn.hAlign = "LEFT"
            return drawn

        title = self.texts("caption", block.title)
        after = Spacer(1, self.theme.boxes["table"].space_after_pt)
        return [Floating(title + [drawing(), after], redraw=drawing)]

    def image(self, block: Image) -> list[Flowable]:
        """The picture scaled to its share of the text width, never taller than half a page,
        then its caption."""
        reader = ImageReader(str(block.file))
        width_px, height_px = reader.getSize()
        width = self.width * block.width_fraction
        height = width * height_px / width_px
        if height > self.page_height / 2:
            width, height = width * self.page_height / 2 / height, self.page_height / 2
        picture = RLImage(str(block.file), width=width, height=height)
        picture.hAlign = "LEFT"
        caption = self.texts("caption", block.caption) if block.caption else []
        return [Floating([picture] + caption)]

    def contact(self, block: ContactCard) -> list[Flowable]:
        """The host's card: name, title, phone, e-mail, and the link as a QR code."""
        box = self.theme.boxes["callout"]
        lines = (self.texts("callout_label", block.label) + self.texts("callout_value", block.name)
                 + self.texts("callout_text", block.title)
                 + [make_paragraph(t, self.styles.get("callout_text", "en"))
                    for t in (block.phone, block.email, block.link or "") if t])
        qr = qr_drawing(block.link, 30 * MM) if block.link else ""
        table = WholeTable([[lines, qr]], colWidths=[self.width - 40 * MM, 40 * MM],
                           hAlign="LEFT", spaceBefore=box.space_before_pt,
                           spaceAfter=box.space_after_pt, page_height=self.page_height)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   *cell_defaults(box.padding_pt, self.font), *frame(box)]))
        return [table]

    def page_break(self, block: PageBreak) -> list[Flowable]:
        return [RLPageBreak()]


CALLOUT_SPLIT_SHARE = 0.2  # of a page: a call-out taller splits rather than leave a page empty


# One handler per model block type (tests/test_blocks.py: every declared block has one).
HANDLERS: dict[type, Callable[[BlockRenderer, Any], list[Flowable]]] = {
    Heading: BlockRenderer.heading, Paragraph: BlockRenderer.paragraph,
    BulletList: BlockRenderer.bullets, Quote: BlockRenderer.quote,
    FigureTable: figure_table,
    CallOut: BlockRenderer.callout, KpiGrid: kpis, Chart: BlockRenderer.chart,
    Image: BlockRenderer.image, ContactCard: BlockRenderer.contact,
    PageBreak: BlockRenderer.page_break,
}

