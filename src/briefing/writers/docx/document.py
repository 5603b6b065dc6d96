"""write_docx: document model + resolved theme -> DOCX bytes (python-docx).

Phases: define every style from the theme, set up the page and footer, write the cover,
then one handler per block (blocks.py)."""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import cast

import docx
import docx.document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.packuri import PackURI
from docx.opc.phys_pkg import PhysPkgWriter
from docx.opc.pkgwriter import PackageWriter
from docx.section import Section
from docx.shared import Pt

from ...fonts import document_characters
from ...model import Document, label_parts
from ...theme.resolve import MM, ResolvedTheme
from .. import WriteOptions
from . import oxml
from .blocks import BlockWriter
from .embed import EmbeddedFont, embed_fonts, name_alternative_fonts
from .numbering import number_headings
from .styles import define_styles

# NUMPAGES, not SECTIONPAGES: LibreOffice does not compute SECTIONPAGES (it
# shows "Page 2 of 1"); the cover therefore counts, unnumbered, in both formats
FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}


def write_docx(document: Document, theme: ResolvedTheme,
               options: WriteOptions = WriteOptions()) -> bytes:
    """Build the Word document; returns the .docx file's bytes (saving is output.py's job).
    With `options.revisions`, every text that differs from the previous edition is a
    tracked change (a redline)."""
    doc = docx.Document()
    define_styles(doc, theme)
    number_headings(doc, theme, document.languages)
    _page(doc.sections[0], theme)
    writer = BlockWriter(doc, theme, document.languages, parallel=document.parallel,
                         revisions=options.revisions)
    _cover(writer, document)
    body = doc.add_section(WD_SECTION.NEW_PAGE)  # the cover is a section without numbers
    _furniture(doc, body, document, theme)
    if theme.page.table_of_contents:
        _contents(writer, document)
    for block in document.blocks:
        writer.write(block)
    _properties(doc, document)
    name_alternative_fonts(doc, {f.family: f.alt_family for f in theme.fonts.values()
                                 if f.alt_family})
    if theme.embed_fonts:
        embed_fonts(doc, _fonts_to_embed(document, theme))
    return _repeatable(doc, document.cover.date)


def _repeatable(doc: docx.document.Document, day: datetime.date) -> bytes:
    """The package's bytes, the same for the same input: python-docx stamps each zip entry
    with the clock, so its package writer is given a zip whose entries carry the edition's
    date. (Re-zipping python-docx's own output instead cost 0.05 s of decompressing and
    compressing the fonts again.)"""
    package = doc.part.package
    for part in package.parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        # _DatedZip has the one method of PhysPkgWriter's that these use
        writer = cast(PhysPkgWriter, _DatedZip(archive, (day.year, day.month, day.day, 0, 0, 0)))
        # (python-docx leaves these two private helpers unannotated)
        PackageWriter._write_content_types_stream(writer, package.parts)  # type: ignore[no-untyped-call]
        PackageWriter._write_pkg_rels(writer, package.rels)  # type: ignore[no-untyped-call]
        PackageWriter._write_parts(writer, package.parts)
    return out.getvalue()


class _DatedZip:
    """The `write(pack_uri, blob)` that python-docx's PackageWriter asks of a zip."""

    def __init__(self, archive: zipfile.ZipFile, stamp: tuple[int, int, int, int, int, int]):
        self.archive, self.stamp = archive, stamp

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, date_time=self.stamp)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        self.archive.writestr(entry, blob)


def _fonts_to_embed(document: Document, theme: ResolvedTheme) -> list[EmbeddedFont]:
    """Every font the styles name, subset to every character of the document."""
    characters = "".join(sorted(document_characters(document)))
    used = sorted({style.font for style in theme.styles.values()})
    return [EmbeddedFont(theme.fonts[key].family, theme.fonts[key].regular,
                         theme.fonts[key].bold, characters) for key in used]


def _page(section: Section, theme: ResolvedTheme) -> None:
    """Page size, margins and the document grid (lines per page, characters per line)."""
    page = theme.page
    section.page_width, section.page_height = Pt(page.width_pt), Pt(page.height_pt)
    section.top_margin, section.bottom_margin = Pt(page.margin_top_pt), Pt(page.margin_bottom_pt)
    section.left_margin, section.right_margin = Pt(page.margin_left_pt), Pt(page.margin_right_pt)
    section.footer_distance = Pt(page.footer_distance_pt)
    if page.grid_lines:
        body_height = page.height_pt - page.margin_top_pt - page.margin_bottom_pt
        oxml.set_line_grid(section, body_height / page.grid_lines)


def _furniture(doc: docx.document.Document, section: Section, document: Document,
               theme: ResolvedTheme) -> None:
    """Header and page-numbered footer of the body section (the cover is page 1)."""
    page = theme.page
    section.footer.is_linked_to_previous = False
    footers = [(section.footer, "right" if page.footer_position == "outside" else None)]
    if page.footer_position == "outside":
        doc.settings.odd_and_even_pages_header_footer = True
        section.even_page_footer.is_linked_to_previous = False
        footers.append((section.even_page_footer, "left"))
    label = document.labels["page"]
    for footer, side in footers:
        paragraph = footer.paragraphs[0]
        paragraph.style = doc.styles[theme.style_for("footer", "en").name]
        if side:  # odd pages right, even pages left: a style cannot say which page it is on
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if side == "right" else \
                WD_ALIGN_PARAGRAPH.LEFT
        for i, lang in enumerate(label.shown(document.languages)):
            if i:
                paragraph.add_run(" · ")
            for kind, text in label_parts(label.get(lang)):
                if kind == "text":
                    paragraph.add_run(text)
                else:
                    oxml.add_field(paragraph, FIELDS[kind])
    if page.running_header:
        section.header.is_linked_to_previous = False
        header = section.header.paragraphs[0]
        header.style = doc.styles[theme.style_for("header", "zh").name]
        header.add_run(" · ".join(document.cover.title.get(lang)
                                  for lang in document.languages))
        if page.footer_position == "outside":
            even = section.even_page_header
            even.is_linked_to_previous = False
            even.paragraphs[0].style = header.style
            even.paragraphs[0].add_run(header.text)


def _contents(writer: BlockWriter, document: Document) -> None:
    """A TOC field, filled in by Word when the file opens (w:updateFields)."""
    doc = writer.doc
    title = document.labels.get("contents")
    if title is not None:
        writer.text(doc, "heading1", title)
        for paragraph in doc.paragraphs[-len(title.shown(document.languages)):]:
            oxml.exclude_from_numbering(paragraph)
    paragraph = doc.add_paragraph(style=doc.styles[writer.theme.style_for("body", "zh").name])
    oxml.add_field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', placeholder=" ")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    oxml.update_fields_on_open(doc)


def _cover(writer: BlockWriter, document: Document) -> None:
    cover = document.cover
    doc = writer.doc
    if cover.logo is not None:  # 20 mm high
        from PIL import Image

        with Image.open(cover.logo) as logo:
            width_pt = 20 * MM * logo.width / logo.height
        writer.picture(doc, str(cover.logo), width_pt,
                       " / ".join(cover.publisher.get(lang) for lang in document.languages))
    writer.text(doc, "title", cover.title)
    if cover.subtitle:
        writer.text(doc, "subtitle", cover.subtitle)
    if cover.prepared_for is not None:
        writer.text(doc, "subtitle", cover.prepared_for)
    if cover.visit is not None:
        writer.text(doc, "cover_meta", cover.visit)
    writer.text(doc, "cover_meta", cover.publisher)
    writer.text(doc, "cover_meta", cover.date_text)


def _properties(doc: docx.document.Document, document: Document) -> None:
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
    props.keywords = ", ".join(cover.keywords)
    props.revision = 1
