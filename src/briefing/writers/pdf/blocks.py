"""One handler per block type: model block -> ReportLab flowables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Spacer, Table, TableStyle
from reportlab.platypus import Image as RLImage
from reportlab.platypus import PageBreak as RLPageBreak

from ...charts import draw_chart, qr_drawing
from ...clreq import loosen_no_break_spaces
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
from ...theme.resolve import MM, ResolvedBox, ResolvedTheme
from ..columns import FITTED_ROLES, KEPT_WHOLE_ROLES, Fit, cramped, eased, fit_widths
from .pagination import Floating, TableWithNote
from .styles import StyleSheet, make_paragraph, text_width

SHORT_LINES = 4  # a Chinese paragraph this short is kept whole with its English
MIN_FIGURE_SHARE = 0.7  # the least a KPI figure is scaled to stay on one line

Command = tuple[Any, ...]  # of a TableStyle: (name, first cell, last cell, *values)


class WholeTable(Table):  # type: ignore[misc]  # (ReportLab is untyped)
    """A one-row box (call-out, KPI row, a parallel block) that moves to the next page whole,
    and splits inside its row (all cells flowing on together) only when taller than a page."""

    def __init__(self, *args: Any, page_height: float = 0.0, **kwargs: Any) -> None:
        kwargs.setdefault("splitInRow", 1)
        super().__init__(*args, **kwargs)
        self.page_height = page_height  # the pieces of a split (made by Table.split) have 0

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if self._height <= self.page_height:
            return []
        pieces: list[Flowable] = super().split(availWidth, availHeight)
        return pieces


class BlockRenderer:
    """Turns blocks into flowables for one theme and one arrangement of languages."""

    def __init__(self, theme: ResolvedTheme, languages: tuple[Lang, ...],
                 parallel: bool = False, width: float | None = None):
        self.theme = theme
        self.languages = languages
        self.styles = StyleSheet(theme)
        self.width = width or theme.page.frame_width_pt
        page = theme.page
        self.page_height = page.height_pt - page.margin_top_pt - page.margin_bottom_pt
        self.columns: tuple[BlockRenderer, ...] = ()
        if parallel:
            column = (self.width - theme.page.column_gap_pt) / 2
            self.columns = tuple(BlockRenderer(theme, (lang,), width=column)
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
            flowables += self.notes(block)
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
                                   *_cell_defaults(0, self.font),
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
              override: str | None = None, every_language: bool = False,
              **extra: object) -> list[Flowable]:
        """The block's text in each language of the layout, in order (a language whose
        text is the other's is left out, unless `every_language`)."""
        langs = self.languages if every_language else value.shown(self.languages)
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
        if len(flowables) > 1 and self._short(block.text.get(self.languages[0]),
                                              flowables[0]):
            flowables[0].keepWithNext = 1  # a short paragraph stays with its translation
        return flowables

    def _short(self, text: Inline, paragraph: Flowable) -> bool:
        """At most SHORT_LINES lines, at a guess from its length (before it is wrapped)."""
        style = paragraph.style
        return bool(len(plain_text(text)) * style.fontSize <= SHORT_LINES * (
            self.width - style.leftIndent))

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

    def figure_table(self, block: FigureTable) -> list[Flowable]:
        box = self.theme.boxes["table"]
        flowables: list[Flowable] = []
        if block.caption:
            flowables += self.texts("caption", block.caption)
        columns = block.columns
        header = [self.texts(c.header_role, h)
                  for c, h in zip(columns, block.header, strict=True)]
        rows = [[self.texts(c.cell_role, r.get(c.field)) for c in columns]
                for r in block.rows]
        widths = self.column_widths(block, box.padding_pt, rows)
        table = Table([header] + rows, colWidths=widths, repeatRows=1, hAlign="LEFT",
                      spaceBefore=box.space_before_pt, spaceAfter=box.space_after_pt)
        commands: list[Command] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *_cell_defaults(box.padding_pt, self.font),
        ]
        if box.header_background:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), HexColor(box.header_background)))
        if box.zebra:
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1),
                             [HexColor("#FFFFFF"), HexColor(box.zebra)]))
        if box.rule_color:
            commands.append(("LINEBELOW", (0, 1), (-1, -1), 0.5, HexColor(box.rule_color)))
        table.setStyle(TableStyle(commands))
        if not block.note:
            return flowables + [table]
        return flowables + [TableWithNote([table, *self.texts("table_note", block.note)])]

    def column_widths(self, block: FigureTable, padding: float,
                      rows: list[list[list[Flowable]]]) -> list[float]:
        """Figure and date columns as wide as their widest cell on one line (no date
        wrapping in every row), the text columns sharing the rest (writers/columns.py)."""
        fits: list[Fit | None] = []
        for column, header in zip(block.columns, block.header, strict=True):
            if column.cell_role not in FITTED_ROLES:
                fits.append(None)
                continue
            whole = column.cell_role in KEPT_WHOLE_ROLES
            natural = least = 0.0
            for role, value in [(column.header_role, header)] + [
                    (column.cell_role, row.get(column.field)) for row in block.rows]:
                for lang in value.shown(self.languages):
                    style, text = self.styles.get(role, lang), value.get(lang)
                    natural = max(natural, text_width(text, style))
                    # where the line breaker may break (a figure's glue loosened in English)
                    words = [text] if whole else (text.split(" ") if lang.startswith("zh")
                                                  else loosen_no_break_spaces(text).split(" "))
                    least = max([least] + [text_width(w, style) for w in words])
            fits.append(Fit(natural + 2 * padding, least + 2 * padding))
        shares = [c.share for c in block.columns]
        if not cramped(fits, self.width):
            return fit_widths(shares, fits, self.width)
        # too many columns for their content: the widths that make the table shortest
        equal = [1.0 if fit is None else share for fit, share in zip(fits, shares, strict=True)]
        candidates = [fit_widths(text_shares, eased(fits, keep), self.width)
                      for keep in (1.0, 0.75, 0.5, 0.25, 0.0) for text_shares in (shares, equal)]
        return min(candidates, key=lambda widths: self._height(rows, widths, padding))

    @staticmethod
    def _height(rows: list[list[list[Flowable]]], widths: list[float], padding: float) -> float:
        """The height of table rows (cells of paragraphs) at these column widths."""
        return float(sum(max(sum(p.wrap(w - 2 * padding, 1e6)[1] for p in cell) for cell, w
                             in zip(row, widths, strict=True)) for row in rows))

    def callout(self, block: CallOut) -> list[Flowable]:
        box = self.theme.boxes["callout"]
        figure = self.texts("callout_value", block.value) + \
            self.texts("callout_label", block.label)
        text = self.texts("callout_text", block.text, block.style)
        table = WholeTable([[figure, text]], colWidths=[self.width * 0.36, self.width * 0.64],
                           hAlign="LEFT", spaceBefore=box.space_before_pt,
                           spaceAfter=box.space_after_pt, page_height=self.page_height)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   *_cell_defaults(box.padding_pt, self.font), *_frame(box)]))
        return [table]

    def chart(self, block: Chart) -> list[Flowable]:
        """The title, then the drawing itself: vector graphics in the PDF."""
        drawing = draw_chart(block, self.theme, self.languages, self.width, self.font)
        drawing.hAlign = "LEFT"
        title = self.texts("caption", block.title)
        after = Spacer(1, self.theme.boxes["table"].space_after_pt)
        return [Floating(title + [drawing, after])]

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
                                   *_cell_defaults(box.padding_pt, self.font), *_frame(box)]))
        return [table]

    def kpis(self, block: KpiGrid) -> list[Flowable]:
        box = self.theme.boxes["kpi"]
        gap = 8.0
        count = len(block.items)
        card = (self.width - gap * (count - 1)) / count
        cells: list[list[Flowable] | str] = []
        widths: list[float] = []
        commands: list[Command] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 *_cell_defaults(box.padding_pt, self.font)]
        for i, kpi in enumerate(block.items):
            if i:
                cells.append("")
                widths.append(gap)
                commands += [("LEFTPADDING", (2 * i - 1, 0), (2 * i - 1, 0), 0),
                             ("RIGHTPADDING", (2 * i - 1, 0), (2 * i - 1, 0), 0)]
            trend = self.texts("kpi_label", kpi.trend) if kpi.trend else []
            progress = (([progress_bar(kpi.fraction, card - 2 * box.padding_pt, box)]
                         if kpi.fraction is not None else [])
                        + self.texts("kpi_label", kpi.progress)) if kpi.progress else []
            # every card has a line per language, 24.1% too: the cards of a row match
            cells.append(self.figures(kpi.value, card - 2 * box.padding_pt) + trend +
                         progress +
                         self.texts("kpi_label", kpi.label))
            widths.append(card)
            commands += _frame(box, (2 * i, 0), (2 * i, 0), band_side="LINEABOVE")
        table = WholeTable([cells], colWidths=widths, hAlign="LEFT",
                           spaceBefore=box.space_before_pt, spaceAfter=box.space_after_pt,
                           page_height=self.page_height)
        table.setStyle(TableStyle(commands))
        return [table]

    def figures(self, value: Bilingual[str], width: float) -> list[Flowable]:
        """A KPI card's figure in each language, on one line: set smaller (down to
        MIN_FIGURE_SHARE of its size) rather than broken between a number and its unit.
        Every language, 24.1% too: the cards of a row match."""
        out = []
        for lang in self.languages:
            style = self.styles.get("kpi_value", lang)
            wide = text_width(value.get(lang).replace("\u00a0", " "), style)
            if wide > width:
                scale = max(width / wide, MIN_FIGURE_SHARE)
                style = style.clone(f"{style.name} {scale:.3f}", fontSize=style.fontSize * scale,
                                    leading=style.leading * scale)
                style.font_chain = self.styles.get("kpi_value", lang).font_chain
            out.append(make_paragraph(value.get(lang), style))
        return out

    def page_break(self, block: PageBreak) -> list[Flowable]:
        return [RLPageBreak()]


def progress_bar(fraction: float, width: float, box: ResolvedBox) -> Drawing:
    """A KPI card's small bar: the share of the target reached (full past it)."""
    height = 4.0
    color = HexColor(box.band_color or box.border_color or "#1F4E79")
    drawing = Drawing(width, height + 3)
    drawing.add(Rect(0, 1.5, width, height, fillColor=HexColor("#E3E7EC"), strokeColor=None))
    drawing.add(Rect(0, 1.5, width * max(0.0, min(fraction, 1.0)), height, fillColor=color,
                     strokeColor=None))
    return drawing


# One handler per model block type (tests/test_blocks.py: every declared block has one).
HANDLERS: dict[type, Callable[[BlockRenderer, Any], list[Flowable]]] = {
    Heading: BlockRenderer.heading, Paragraph: BlockRenderer.paragraph,
    BulletList: BlockRenderer.bullets, Quote: BlockRenderer.quote,
    FigureTable: BlockRenderer.figure_table,
    CallOut: BlockRenderer.callout, KpiGrid: BlockRenderer.kpis, Chart: BlockRenderer.chart,
    Image: BlockRenderer.image, ContactCard: BlockRenderer.contact,
    PageBreak: BlockRenderer.page_break,
}


def _cell_defaults(points: float, font: str) -> list[Command]:
    """Padding, and our font for the cells' own text: a Table's default is Helvetica, which
    would put an unembedded font into the PDF."""
    return [("FONTNAME", (0, 0), (-1, -1), font)] + [
        (side, (0, 0), (-1, -1), points)
        for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]


def _frame(box: ResolvedBox, start: tuple[int, int] = (0, 0), end: tuple[int, int] = (-1, -1),
           band_side: str = "LINEBEFORE") -> list[Command]:
    commands: list[Command] = []
    if box.background:
        commands.append(("BACKGROUND", start, end, HexColor(box.background)))
    if box.border_color and box.border_width_pt:
        commands.append(("BOX", start, end, box.border_width_pt, HexColor(box.border_color)))
    if box.band_color and box.band_width_pt:
        commands.append((band_side, start, start if band_side == "LINEBEFORE" else end,
                         box.band_width_pt, HexColor(box.band_color)))
    return commands
