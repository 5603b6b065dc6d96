"""write_pdf: document model + resolved theme -> PDF bytes (ReportLab platypus).

ReportLab breaks lines and pages; we give it flowables (blocks.py), page templates (cover and
body, with the footer) and fonts that embed (TrueType outlines, subset by ReportLab).
"""

from __future__ import annotations

import io
import logging
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    LayoutError,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)
from reportlab.platypus.tableofcontents import TableOfContents

from ...errors import ContentError, error
from ...fonts import document_characters
from ...limits import PAGE_BREAKS, PAGES
from ...model import Document, label_parts
from ...reportlab_fonts import font_names, register_fonts
from ...theme.resolve import MM, ResolvedStyle, ResolvedTheme
from .. import WriteOptions
from .blocks import BlockRenderer
from .hyphenation import unit_words
from .pagination import KeepWithNext, parallel_sections, pull_text_before_float
from .styles import StyleSheet, make_paragraph

log = logging.getLogger("briefing")


def write_pdf(document: Document, theme: ResolvedTheme,
              options: WriteOptions = WriteOptions()) -> bytes:
    """Typeset the document; returns the PDF file's bytes (saving is output.py's job).
    A PDF shows no tracked changes: with `options.revisions` or `options.draft` it warns
    and typesets the document as it is."""
    if options.revisions is not None:
        log.warning("a PDF cannot show tracked changes: the redline is a DOCX only")
    if options.draft is not None:
        log.warning("a PDF cannot update a Word draft: this is the document as it is")
    buffer = io.BytesIO()
    _typeset(document, theme, buffer)
    return buffer.getvalue()


def count_pdf_pages(document: Document, theme: ResolvedTheme) -> int:
    """How many pages the document's PDF has, laid out as write_pdf lays it out but in one
    pass (a contents page has its lines from the start), with no text drawn and nothing
    saved; ContentError where write_pdf raises it (more than PAGES pages, a block that
    fits on no page). `check` runs it, so that what it passes, `build` writes."""
    return _typeset(document, theme, None)


def _typeset(document: Document, theme: ResolvedTheme, buffer: io.BytesIO | None) -> int:
    """Lay the document out and, into `buffer`, draw and save it; without a buffer, only
    lay it out. Returns the number of pages."""
    register_fonts(theme, document_characters(document))
    page = theme.page
    regular, _ = font_names(theme.fonts[theme.styles["Normal"].font])
    first = document.languages[0]
    template = _BriefingTemplate(
        buffer if buffer is not None else io.BytesIO(), pagesize=(page.width_pt, page.height_pt),
        leftMargin=page.margin_left_pt, rightMargin=page.margin_right_pt,
        topMargin=page.margin_top_pt, bottomMargin=page.margin_bottom_pt,
        title=_title(document), author=document.cover.publisher.get(first),
        subject=document.cover.subtitle.get(first) if document.cover.subtitle else "",
        creator="briefing", lang="zh-CN" if "zh" in document.languages else "en",
        keywords=", ".join(document.cover.keywords),
        invariant=1, initialFontName=regular, initialFontSize=10,
        keepTogetherClass=KeepWithNext,  # a heading keeps with the start of what follows
    )
    # ReportLab takes ten empty pages in a row for a block that fits on no page; page
    # breaks in a row (at most PAGE_BREAKS, checked with the content) make as many
    template._emptyPagesAllowed = max(10, PAGE_BREAKS.value + 2)
    frame = Frame(page.margin_left_pt, page.margin_bottom_pt, page.frame_width_pt,
                  page.height_pt - page.margin_top_pt - page.margin_bottom_pt,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    furniture = _Furniture(document, theme)
    # the cover: titles from a third of the way down, publisher and date at the foot
    height = page.height_pt - page.margin_top_pt - page.margin_bottom_pt
    foot = 45 * MM
    cover_frames = [
        Frame(page.margin_left_pt, page.margin_bottom_pt + foot, page.frame_width_pt,
              height - foot - 50 * MM, leftPadding=0, rightPadding=0, topPadding=0,
              bottomPadding=0, id="cover-titles"),
        Frame(page.margin_left_pt, page.margin_bottom_pt, page.frame_width_pt, foot,
              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="cover-foot"),
    ]
    template.addPageTemplates([
        PageTemplate("cover", cover_frames, onPage=furniture.cover_page),
        PageTemplate("body", [frame]),
    ])
    renderer = BlockRenderer(theme, document.languages, parallel=document.parallel,
                             unit_words=unit_words(value.en for value, _ in document.texts))
    story = _cover(document, renderer.styles)
    contents = None
    if page.table_of_contents:
        contents = _contents(document, renderer.styles)
        story += contents
    for block in document.blocks:
        story += renderer.render(block)
    if document.parallel:
        story = parallel_sections(story)
    _nest_outline(story)
    if contents is not None:
        # the first pass lays the contents out with a line per heading (its page to come),
        # not ReportLab's one-line placeholder: the pages after it then move no more, and
        # the second pass is the last
        toc = next(f for f in contents if isinstance(f, TableOfContents))
        headings = (f.outline for f in story if getattr(f, "outline", None))
        for n, (title, level) in enumerate(headings, 1):
            toc.addEntry(level - 1, escape(title), 0, f"h{n}")
        if buffer is None:  # the one pass lays those lines out, as multiBuild's first does
            toc.beforeBuild()
    def canvas(*args: Any, **kwargs: Any) -> _PagedCanvas:
        return _PagedCanvas(*args, furniture=furniture, count_only=buffer is None, **kwargs)

    # binary streams: ReportLab's default ASCII85 armour makes the file a quarter larger and
    # costs 0.05 s to encode; no reader of 2026 needs a 7-bit-clean PDF
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        if buffer is None:  # one pass, no text drawn
            template.measure_first = True
            template.build(story, canvasmaker=canvas)
        elif page.table_of_contents:  # page numbers of the contents need a second pass
            template.measure_first = True
            template.multiBuild(story, canvasmaker=canvas)
        else:
            template.build(story, canvasmaker=canvas)
    except (_TooManyPages, LayoutError) as exc:
        source = template.current_source  # the block being laid out
        message, hint = (PAGES.message("the PDF"), PAGES.hint) if isinstance(
            exc, _TooManyPages) else (
            "this block does not fit on a page, even split (a cell taller than a page?)",
            "shorten the text, or split it into several blocks")
        raise ContentError([error(source.file if source else None,
                                  source.line if source else None,
                                  source.field if source else "", message, hint)]) from None
    finally:
        rl_config.useA85 = a85
        # the template and its canvas refer to each other: without this, the canvas, its
        # PDF objects and held pages wait for the garbage collector (a batch held several)
        template.__dict__.pop("canv", None)
    return furniture.pages


def _title(document: Document) -> str:
    return " · ".join(document.cover.title.get(lang) for lang in document.languages)


def _cover(document: Document, styles: StyleSheet) -> list[Flowable]:
    cover = document.cover
    story: list[Flowable] = []
    for role, value in (("title", cover.title), ("subtitle", cover.subtitle)):
        if value is not None:
            story += [make_paragraph(value.get(lang), styles.get(role, lang))
                      for lang in value.shown(document.languages)]
    for role, value in (("subtitle", cover.prepared_for), ("cover_meta", cover.visit)):
        if value is not None:
            story += [make_paragraph(value.get(lang), styles.get(role, lang))
                      for lang in value.shown(document.languages)]
    story.append(FrameBreak())
    for value in (cover.publisher, cover.date_text):
        story += [make_paragraph(value.get(lang), styles.get("cover_meta", lang))
                  for lang in value.shown(document.languages)]
    return story + [NextPageTemplate("body"), PageBreak()]


def _nest_outline(story: list[Flowable]) -> None:
    """A PDF outline cannot skip a level: a heading of level 3 right under a section's (or
    one before any section heading) is nested one below the entry before it. The heading
    keeps its own style; only its bookmark and contents entry move up."""
    deepest = 0
    for flowable in story:
        entry = getattr(flowable, "outline", None)
        if entry:
            title, level = entry
            deepest = min(level, deepest + 1)
            flowable.outline = (title, deepest)


def _contents(document: Document, styles: StyleSheet) -> list[Flowable]:
    """A contents page: its title, then one line per heading with its page (filled in by
    the second pass of multiBuild)."""
    title = document.labels.get("contents")
    story: list[Flowable] = []
    if title is not None:
        story += [make_paragraph(title.get(lang), styles.get("heading1", lang))
                  for lang in title.shown(document.languages)]
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [styles.get("body", document.languages[0]),
                       styles.get("bullet", document.languages[0])]
    return story + [toc, PageBreak()]


class _TooManyPages(Exception):
    """Raised from inside ReportLab's layout loop to stop it."""


class _BriefingTemplate(BaseDocTemplate):  # type: ignore[misc]  # (ReportLab is untyped)
    """Adds a PDF outline entry (bookmark) for each flowable that carries `outline`, and
    remembers where the flowable being laid out was written, for error messages."""

    current_source = None
    _headings = 0
    measure_first = False  # set for multiBuild: its first pass only finds the page numbers

    def beforeDocument(self) -> None:  # noqa: N802 (ReportLab's name); each pass restarts
        self._headings = 0
        # the first pass's pages are thrown away: lay them out, draw no text on them
        self.canv.measuring = self.measure_first
        self.measure_first = False

    def handle_pageBegin(self) -> None:  # noqa: N802 (ReportLab's name)
        super().handle_pageBegin()
        if self.page > PAGES.value:
            raise _TooManyPages

    def _allSatisfied(self) -> bool:  # noqa: N802 (ReportLab's name)
        # a pass that did not draw is never the last, whatever the contents page says
        return not self.canv.measuring and super()._allSatisfied()

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if flowables:
            pull_text_before_float(flowables, getattr(self, "frame", None))
            self.current_source = getattr(flowables[0], "source", self.current_source)
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab's name)
        entry = getattr(flowable, "outline", None)
        if entry:
            title, level = entry
            self._headings += 1
            key = f"h{self._headings}"  # by position: the same input gives the same bytes
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level - 1, closed=False)
            self.notify("TOCEntry", (level - 1, escape(title), self.page, key))


class _PagedCanvas(Canvas):  # type: ignore[misc]  # (ReportLab is untyped)
    """Holds pages back until the end, so that every footer can say "of N"."""

    measuring = False  # a layout pass whose pages are thrown away (see _BriefingTemplate)

    def __init__(self, *args: Any, furniture: _Furniture, count_only: bool = False,
                 **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._count_only = count_only  # count_pdf_pages: the pages counted, not saved
        self._held: list[dict[str, Any]] = []  # each page's canvas state
        self._doc.setDateFormatter(furniture.pdf_date)  # the edition's date, not the clock

    def drawText(self, text: PDFTextObject) -> None:  # noqa: N802 (ReportLab's name)
        super().drawText(text)
        # Paragraph gives each text object a method bound to itself: a reference cycle per
        # paragraph that only the garbage collector frees (a tenth of a long build's time)
        text.__dict__.pop("_do_line", None)

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)  # the cover counts, unnumbered, as Word counts it (NUMPAGES)
        self._furniture.pages = total
        if self._count_only:
            self._held.clear()
            return
        for state in self._held:
            self.__dict__.update(state)
            if self.getPageNumber() > 1:
                self._furniture.body_page(self, self.getPageNumber(), total)
            Canvas.showPage(self)
        Canvas.save(self)
        self._held.clear()  # each held page refers to the list: a cycle through all pages


def _use_style(canvas: Canvas, style: ResolvedStyle, theme: ResolvedTheme) -> None:
    regular, bold = font_names(theme.fonts[style.font])
    canvas.setFont(bold if style.bold else regular, style.size_pt)
    canvas.setFillColor(HexColor(style.color))


class _Furniture:
    """What is drawn on every page outside the flow: cover band, running header, footer."""

    def __init__(self, document: Document, theme: ResolvedTheme):
        self.document = document
        self.theme = theme
        self.footer = theme.style_for("footer", "zh")
        self.header = theme.style_for("header", "zh")
        self.cover = theme.boxes["cover"]
        self.rule = HexColor(theme.boxes["table"].rule_color or "#CCCCCC")
        self.pages = 0  # of the last pass laid out

    def pdf_date(self, *_clock: int) -> str:
        day = self.document.cover.date
        return f"D:{day.year:04d}{day.month:02d}{day.day:02d}000000+00'00'"

    def cover_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        page = self.theme.page
        canvas.saveState()
        if self.cover.background:  # a band across the top
            canvas.setFillColor(HexColor(self.cover.background))
            canvas.rect(0, page.height_pt - 38 * MM, page.width_pt, 38 * MM, stroke=0, fill=1)
        if self.cover.band_color:  # a short bar above the title
            canvas.setFillColor(HexColor(self.cover.band_color))
            canvas.rect(page.margin_left_pt, page.height_pt - page.margin_top_pt - 44 * MM,
                        28 * MM, 2.2 * MM, stroke=0, fill=1)
        logo = self.document.cover.logo
        if logo is not None:  # in the band, right-aligned, at most 24 x 60 mm
            canvas.drawImage(str(logo), page.width_pt - page.margin_right_pt - 60 * MM,
                             page.height_pt - 31 * MM, width=60 * MM, height=24 * MM,
                             preserveAspectRatio=True, anchor="e", mask="auto")
        canvas.restoreState()

    def body_page(self, canvas: Canvas, number: int, total: int) -> None:
        page = self.theme.page
        numbers = {"page": str(number), "pages": str(total), "text": ""}
        label = self.document.labels["page"]
        footer = " · ".join(
            "".join(text or numbers[kind] for kind, text in label_parts(label.get(lang)))
            for lang in label.shown(self.document.languages))
        canvas.saveState()
        _use_style(canvas, self.footer, self.theme)
        y = page.footer_distance_pt
        inset = page.footer_inset_chars * self.footer.size_pt
        if page.footer_position == "outside" and number % 2 == 0:
            canvas.drawString(page.margin_left_pt + inset, y, footer)
        elif page.footer_position == "outside":
            canvas.drawRightString(page.width_pt - page.margin_right_pt - inset, y, footer)
        else:
            canvas.drawCentredString(page.width_pt / 2, y, footer)
        if page.running_header:
            top = page.height_pt - page.margin_top_pt + 8
            _use_style(canvas, self.header, self.theme)
            canvas.drawString(page.margin_left_pt, top + 4, _title(self.document))
            canvas.setStrokeColor(self.rule)
            canvas.setLineWidth(0.5)
            canvas.line(page.margin_left_pt, top, page.width_pt - page.margin_right_pt, top)
        canvas.restoreState()
