"""write_pdf: document model + resolved theme -> PDF bytes (ReportLab platypus).

ReportLab breaks lines and pages; we give it flowables (blocks.py), page templates (cover and
body, with the footer) and fonts that embed (TrueType outlines, subset by ReportLab).
"""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak,
                                PageTemplate, Spacer)

from ...model import Document
from ...theme.resolve import MM, ResolvedTheme
from .blocks import BlockRenderer
from .styles import StyleSheet, font_names, make_paragraph, markup, register_fonts


def write_pdf(document: Document, theme: ResolvedTheme) -> bytes:
    """Typeset the document; returns the PDF file's bytes (saving is output.py's job)."""
    register_fonts(theme)
    buffer = io.BytesIO()
    page = theme.page
    regular, _ = font_names(theme.styles["Normal"].font)
    template = BaseDocTemplate(
        buffer, pagesize=(page.width_pt, page.height_pt),
        leftMargin=page.margin_left_pt, rightMargin=page.margin_right_pt,
        topMargin=page.margin_top_pt, bottomMargin=page.margin_bottom_pt,
        title=" · ".join(document.cover.title.get(lang) for lang in document.languages),
        author=document.cover.publisher.get(document.languages[0]),
        subject=document.cover.subtitle.get(document.languages[0])
        if document.cover.subtitle else "",
        creator="briefing", lang="zh-CN" if "zh" in document.languages else "en",
        invariant=1, initialFontName=regular, initialFontSize=10,
    )
    frame = Frame(page.margin_left_pt, page.margin_bottom_pt, page.frame_width_pt,
                  page.height_pt - page.margin_top_pt - page.margin_bottom_pt,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    furniture = _Furniture(document, theme)
    template.addPageTemplates([
        PageTemplate("cover", [frame], onPage=furniture.cover_page),
        PageTemplate("body", [frame], onPage=furniture.body_page),
    ])
    renderer = BlockRenderer(theme, document.languages)
    story = _cover(document, theme, renderer.styles)
    for block in document.blocks:
        story += renderer.render(block)
    template.build(story, canvasmaker=Canvas)
    return buffer.getvalue()


def _cover(document: Document, theme: ResolvedTheme, styles: StyleSheet) -> list:
    cover = document.cover
    story: list = [Spacer(1, 62 * MM)]
    for role, value in (("title", cover.title), ("subtitle", cover.subtitle)):
        if value is not None:
            story += [make_paragraph(markup(value.get(lang)), styles.get(role, lang))
                      for lang in value.shown(document.languages)]
    story.append(Spacer(1, 70 * MM))
    for value in (cover.publisher, cover.date_text):
        story += [make_paragraph(markup(value.get(lang)), styles.get("cover_meta", lang))
                  for lang in value.shown(document.languages)]
    return story + [NextPageTemplate("body"), PageBreak()]


class _Furniture:
    """What is drawn on every page outside the flow: the cover band and the footer."""

    def __init__(self, document: Document, theme: ResolvedTheme):
        self.document = document
        self.theme = theme
        self.footer = theme.styles["Footer"]
        self.accent = HexColor(theme.styles["Heading 1"].color)
        self.band = theme.boxes["callout"].band_color or theme.styles["Title"].color

    def cover_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        page = self.theme.page
        canvas.saveState()
        canvas.setFillColor(self.accent)
        canvas.rect(0, page.height_pt - 38 * MM, page.width_pt, 38 * MM, stroke=0, fill=1)
        canvas.setFillColor(HexColor(self.band))
        canvas.rect(page.margin_left_pt, page.height_pt - 74 * MM, 28 * MM, 2.2 * MM,
                    stroke=0, fill=1)
        canvas.restoreState()

    def body_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        page = self.theme.page
        label = self.document.labels["page"]
        number = canvas.getPageNumber()
        text = " · ".join(label.get(lang).format(page=number) for lang in self.document.languages)
        regular, bold = font_names(self.footer.font)
        canvas.saveState()
        canvas.setFont(bold if self.footer.bold else regular, self.footer.size_pt)
        canvas.setFillColor(HexColor(self.footer.color))
        canvas.drawCentredString(page.width_pt / 2, page.footer_distance_pt, text)
        canvas.setStrokeColor(HexColor(self.theme.boxes["table"].rule_color or "#CCCCCC"))
        canvas.setLineWidth(0.5)
        y = page.height_pt - page.margin_top_pt + 8
        canvas.line(page.margin_left_pt, y, page.width_pt - page.margin_right_pt, y)
        canvas.restoreState()
