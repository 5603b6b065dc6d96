"""write_docx: document model + resolved theme -> DOCX bytes (python-docx).

Phases: define every style from the theme, set up the page and footer, write the cover,
then one handler per block (blocks.py)."""

from __future__ import annotations

import datetime
import io

import docx
from docx.enum.text import WD_BREAK
from docx.shared import Mm, Pt

from ...model import Document, label_parts
from ...theme.resolve import ResolvedTheme
from ...fonts import document_texts
from . import oxml
from .blocks import BlockWriter
from .embed import EmbeddedFont, embed_fonts
from .styles import define_styles


FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}


def write_docx(document: Document, theme: ResolvedTheme) -> bytes:
    """Build the Word document; returns the .docx file's bytes (saving is output.py's job)."""
    doc = docx.Document()
    define_styles(doc, theme)
    _page_setup(doc, document, theme)
    writer = BlockWriter(doc, theme, document.languages, parallel=document.parallel)
    _cover(writer, document)
    for block in document.blocks:
        writer.write(block)
    _properties(doc, document)
    if theme.embed_fonts:
        embed_fonts(doc, _fonts_to_embed(document, theme))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


WRITER_TEXT = " · 0123456789"  # what the writer adds itself: separators, field results


def _fonts_to_embed(document: Document, theme: ResolvedTheme) -> list[EmbeddedFont]:
    """Every font the styles name, subset to every character of the document."""
    characters = "".join(sorted({char for value, _ in document_texts(document)
                                 for lang in document.languages for char in value.get(lang)}
                                | set(WRITER_TEXT)))
    used = sorted({style.font for style in theme.styles.values()})
    return [EmbeddedFont(theme.fonts[key].family, theme.fonts[key].regular,
                         theme.fonts[key].bold, characters) for key in used]


def _page_setup(doc, document: Document, theme: ResolvedTheme) -> None:  # type: ignore[no-untyped-def]
    page = theme.page
    section = doc.sections[0]
    section.page_width, section.page_height = Pt(page.width_pt), Pt(page.height_pt)
    section.top_margin, section.bottom_margin = Pt(page.margin_top_pt), Pt(page.margin_bottom_pt)
    section.left_margin, section.right_margin = Pt(page.margin_left_pt), Pt(page.margin_right_pt)
    section.footer_distance = Pt(page.footer_distance_pt)
    section.different_first_page_header_footer = True  # no page number on the cover
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles[theme.style_for("footer", "en").name]
    label = document.labels["page"]
    for i, lang in enumerate(document.languages):
        if i:
            footer.add_run(" · ")
        for kind, text in label_parts(label.get(lang)):
            if kind == "text":
                footer.add_run(text)
            else:
                oxml.add_field(footer, FIELDS[kind])
    header = section.header.paragraphs[0]
    header.style = doc.styles[theme.style_for("header", "zh").name]
    header.add_run(" · ".join(document.cover.title.get(lang) for lang in document.languages))


def _cover(writer: BlockWriter, document: Document) -> None:
    cover = document.cover
    doc = writer.doc
    if cover.logo is not None:
        para = doc.add_paragraph(style=doc.styles[writer.theme.style_for("cover_meta", "zh").name])
        para.add_run().add_picture(str(cover.logo), height=Mm(20))
        oxml.set_alt_text(para, " / ".join(cover.publisher.get(lang)
                                           for lang in document.languages))
    writer.text(doc, "title", cover.title)
    if cover.subtitle:
        writer.text(doc, "subtitle", cover.subtitle)
    writer.text(doc, "cover_meta", cover.publisher)
    writer.text(doc, "cover_meta", cover.date_text)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


def _properties(doc, document: Document) -> None:  # type: ignore[no-untyped-def]
    props = doc.core_properties
    cover = document.cover
    langs = document.languages
    props.title = " · ".join(cover.title.get(lang) for lang in langs)
    props.subject = cover.subtitle.get(langs[0]) if cover.subtitle else ""
    props.author = cover.publisher.get(langs[0])
    props.language = "zh-CN" if "zh" in langs else "en-US"
    # the edition's date, not the clock: the same input gives the same document
    stamp = datetime.datetime.combine(cover.date, datetime.time(0, 0))
    props.created = props.modified = stamp
    props.last_modified_by = "briefing"
    props.revision = 1
