"""write_docx: document model + resolved theme -> DOCX bytes (python-docx).

Phases: define every style from the theme, set up the page and footer, write the cover,
then one handler per block (blocks.py)."""

from __future__ import annotations

import datetime
import logging

import docx
import docx.document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Pt
from docx.styles import BabelFish

from ...fonts import document_characters
from ...model import Document, label_parts
from ...theme.resolve import MM, ResolvedTheme
from .. import WriteOptions
from . import oxml, settingsxml
from .blocks import BlockWriter, as_typed
from .embed import EmbeddedFont, embed_fonts, face_family, name_alternative_fonts
from .figuremarks import FigureMarks, save_register
from .numbering import number_headings
from .package import package_bytes
from .parallel import BALANCE_RANGE
from .reference_fonts import fill_east_asian_fonts
from .styles import define_styles

log = logging.getLogger("briefing")

# NUMPAGES, not SECTIONPAGES: LibreOffice does not compute SECTIONPAGES (it
# shows "Page 2 of 1"); the cover therefore counts, unnumbered, in both formats
FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}


def write_docx(document: Document, theme: ResolvedTheme,
               options: WriteOptions = WriteOptions()) -> bytes:
    """Build the Word document; returns the .docx file's bytes (saving is output.py's job).
    With `options.revisions`, every text that differs from the previous edition is a
    tracked change (a redline); with `options.draft`, the official's draft is returned with
    this document's figure values as tracked changes (redraft.py) instead."""
    if options.draft is not None:
        from .redraft import update_draft

        return update_draft(document, options.draft)
    doc, kept = _start(theme)
    define_styles(doc, theme, kept, english_measure_pt(theme, document.parallel))
    if kept:  # an office's styles: the theme's East Asian font where they name none
        fill_east_asian_fonts(doc, theme, kept)
    number_headings(doc, theme, document.languages, kept)
    if theme.reference_doc is None:  # else the office's page setup
        _page(doc.sections[0], theme)
    settingsxml.hyphenate_automatically(doc)
    marks = FigureMarks(document.id, document.cover.date.isoformat(), document.theme,
                        document.layout)
    writer = BlockWriter(doc, theme, document.languages, parallel=document.parallel,
                         revisions=options.revisions, marks=marks)
    _cover(writer, document)
    furnished = _has_furniture(doc.sections[0])  # a reference document's own
    body = doc.add_section(WD_SECTION.NEW_PAGE)  # the cover is a section without numbers
    if furnished:  # the office's headers and footers, on the body's pages too
        body.header.is_linked_to_previous = body.footer.is_linked_to_previous = True
    else:
        _furniture(doc, body, document, theme)
    if theme.page.table_of_contents:
        _contents(writer, document)
    for block in document.blocks:
        writer.write(block)
    writer.end_parallel()
    _properties(doc, document)
    save_register(doc, marks.register)
    settingsxml.set_compatibility(doc, 15, "zh-CN")
    name_alternative_fonts(doc, {f.family: (f.alternatives, f.regular)
                                 for f in theme.fonts.values() if f.alternatives})
    if theme.embed_fonts:
        embed_fonts(doc, _fonts_to_embed(document, theme))
    else:
        _warn_unembedded(theme)
    return package_bytes(doc, document.cover.date)


def english_measure_pt(theme: ResolvedTheme, parallel: bool) -> float:
    """The widest a column of English text is: the text width, or in the parallel layout
    the widest share a column may take (parallel.BALANCE_RANGE) less the gap after it."""
    width = theme.page.frame_width_pt
    return BALANCE_RANGE[1] * width - theme.page.column_gap_pt if parallel else width


def _start(theme: ResolvedTheme) -> tuple[docx.document.Document, frozenset[str]]:
    """The document to write into, and the styles to keep: python-docx's template (none
    kept), or the office's reference document (`docx.reference_doc`, `--reference-doc`)
    emptied of its text, keeping its styles, page setup, headers, footers and fonts."""
    if theme.reference_doc is None:
        return docx.Document(), frozenset()
    doc = docx.Document(str(theme.reference_doc))
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        # LibreOffice relates its core properties with a misspelt type ("officedocument"):
        # python-docx would add a second /docProps/core.xml beside it
        if rel.reltype.endswith("/metadata/core-properties") and \
                rel.reltype != RELATIONSHIP_TYPE.CORE_PROPERTIES:
            package.rels.pop(rel_id)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for style in doc.styles.element.iter(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None and name.get(qn("w:val"), "").lower() in _BUILT_IN_LOWER:
            # "Heading 1" as LibreOffice writes it; Word (and python-docx) say "heading 1"
            name.set(qn("w:val"), name.get(qn("w:val")).lower())
    return doc, frozenset(s.name for s in doc.styles)


_BUILT_IN_LOWER = frozenset(BabelFish.internal_style_names.values())


def _has_furniture(section: Section) -> bool:
    sect_pr = section._sectPr
    return sect_pr.find(qn("w:headerReference")) is not None or \
        sect_pr.find(qn("w:footerReference")) is not None


def _fonts_to_embed(document: Document, theme: ResolvedTheme) -> list[EmbeddedFont]:
    """Every font the styles use, under the name they give it, with the theme's (free)
    face, subset to every character of the document. Under the name, not the face's own
    ("Noto Sans SC"): LibreOffice draws a style's text with an embedded font of the style's
    font name only (measured: under its own name, Chinese fell back to no CJK face)."""
    characters = "".join(sorted(document_characters(document)))
    used = sorted({style.font for style in theme.styles.values()})
    return [EmbeddedFont(theme.fonts[key].family, theme.fonts[key].regular,
                         theme.fonts[key].bold, characters) for key in used]


def _warn_unembedded(theme: ResolvedTheme) -> None:
    """Say which faces the DOCX names that it neither carries nor is drawn with here: on a
    computer without them, Word substitutes along the font table's chain."""
    named = {}
    for key in sorted({style.font for style in theme.styles.values()}):
        font = theme.fonts[key]
        if font.family != face_family(font.regular):
            named[font.family] = " -> ".join(dict.fromkeys(
                (font.family, *font.alternatives, face_family(font.regular))))
    if named:
        log.warning("the DOCX names fonts it does not embed: %s. Where they are missing, "
                    "Word substitutes along these chains, LibreOffice its own; build "
                    "--embed-fonts carries the free faces inside the file",
                    "; ".join(named.values()))


def _page(section: Section, theme: ResolvedTheme) -> None:
    """Page size, margins and the document grid (lines per page, characters per line)."""
    page = theme.page
    section.page_width, section.page_height = Pt(page.width_pt), Pt(page.height_pt)
    section.top_margin, section.bottom_margin = Pt(page.margin_top_pt), Pt(page.margin_bottom_pt)
    section.left_margin, section.right_margin = Pt(page.margin_left_pt), Pt(page.margin_right_pt)
    section.footer_distance = Pt(page.footer_distance_pt)
    if page.grid_lines:
        oxml.set_document_grid(section, page.grid_lines, page.grid_characters,
                               theme.styles["Normal"].size_pt)


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
            inset = Pt(page.footer_inset_chars * theme.style_for("footer", "en").size_pt)
            if inset and side == "right":
                paragraph.paragraph_format.right_indent = inset
            elif inset:
                paragraph.paragraph_format.left_indent = inset
        for i, lang in enumerate(label.shown(document.languages)):
            if i:
                paragraph.add_run(" · ")
            for kind, text in label_parts(label.get(lang)):
                if kind == "text":
                    paragraph.add_run(as_typed(text))
                else:
                    oxml.add_field(paragraph, FIELDS[kind])
    if page.running_header:
        section.header.is_linked_to_previous = False
        header = section.header.paragraphs[0]
        header.style = doc.styles[theme.style_for("header", "zh").name]
        header.add_run(as_typed(" · ".join(document.cover.title.get(lang)
                                           for lang in document.languages)))
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
    settingsxml.update_fields_on_open(doc)


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
