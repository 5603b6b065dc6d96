"""Figure values marked in the DOCX, so that `update-draft` finds them in an official's
edited draft.

Each rendering of a figure (`{{ id }}` and every `{{ id.attribute }}` in text; the cells
of figure tables; call-outs' and KPI cards' values, labels, trends, progress and bars) is
written as a content control (w:sdt, rich text, tagged
`briefing:<briefing>:<edition>:<figure>` or `...:<figure>.<attribute>`) that holds a
bookmark `_BF<n>` around its runs. Word keeps both. LibreOffice 7.4 keeps
the content control but empties its properties, and keeps bookmarks with their names
(measured); so the bookmark is what is read back, the content control is what Word shows.
(A plain-text control, w:text, is not used: LibreOffice 7.4 writes its Chinese text three
times.) Bookmarks whose names start with "_" are hidden in Word's bookmark list.

The register (writers/register.py), a custom XML part (kept by Word and LibreOffice), names
the briefing, the edition, theme and layout, and for each bookmark what it depends on
(the figure and the attribute), the language and the text printed.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Iterator

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement as Element
from docx.text.paragraph import Paragraph
from lxml import etree

from ...errors import DraftError
from ...model import FigureRef
from ..register import NAMESPACE, MarkedValue, Register
from . import oxml

BOOKMARK_PREFIX = "_BF"
_ITEM_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_DATASTORE = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"


class FigureMarks:
    """Writes marked values into paragraphs and keeps the register of them."""

    def __init__(self, briefing: str, edition: str, theme: str, layout: str):
        self.register = Register(briefing, edition, theme, layout, [])

    def add(self, paragraph: Paragraph, text: str, style_id: str | None, figure: FigureRef,
            lang: str) -> None:
        """`text` (the rendering `figure` of a figure) as a marked run at the end of the
        paragraph."""
        number = len(self.register.values) + 1
        name = f"{BOOKMARK_PREFIX}{number}"
        sdt = OxmlElement("w:sdt")
        properties = OxmlElement("w:sdtPr")
        value = MarkedValue(name, figure[0], lang, text, figure[1])
        for tag, val in (("w:tag", control_tag(self.register, value)), ("w:id", str(number))):
            element = OxmlElement(tag)
            element.set(qn("w:val"), val)
            properties.append(element)
        sdt.append(properties)
        content = OxmlElement("w:sdtContent")
        sdt.append(content)
        start, end = bookmark(name, number)
        content.append(start)
        oxml.append_text_run(content, text, style_id)
        content.append(end)
        paragraph._p.append(sdt)
        self.register.values.append(value)


def control_tag(register: Register, value: MarkedValue) -> str:
    """The tag of a value's content control: briefing, edition and what it renders."""
    return f"briefing:{register.briefing}:{register.edition}:{value.key}"


def bookmark(name: str, number: int) -> tuple[Element, Element]:
    """A bookmark's start and end elements."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    return start, end


def save_register(doc: DocxDocument, register: Register) -> None:
    """The register as a custom XML part of the document, with its item properties (a
    fixed item id per briefing and edition: the same input gives the same file)."""
    package = doc.part.package
    item = Part(PackURI(package.next_partname("/customXml/item%d.xml")), "application/xml",
                register.to_xml(), package)
    item_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{NAMESPACE}:{register.briefing}:"
                                             f"{register.edition}")
    props_name = item.partname.replace("/item", "/itemProps")
    props = Part(PackURI(props_name), _ITEM_PROPS, (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<ds:datastoreItem xmlns:ds="{_DATASTORE}" ds:itemID="{{{str(item_id).upper()}}}">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs>'
        "</ds:datastoreItem>").encode(), package)
    item.relate_to(props, RELATIONSHIP_TYPE.CUSTOM_XML_PROPS)
    doc.part.relate_to(item, RELATIONSHIP_TYPE.CUSTOM_XML)


def read_register(doc: DocxDocument) -> Register | None:
    """The draft's register, wherever the word processor that saved it put the part."""
    for part in doc.part.package.iter_parts():
        if str(part.partname).startswith("/customXml/") and "itemProps" not in \
                str(part.partname):
            register = Register.from_xml(part.blob)
            if register is not None:
                return register
    return None


def open_draft(data: bytes) -> tuple[DocxDocument, Register]:
    """A draft made by this writer, and its register; DraftError if the bytes are no
    readable DOCX or have no register."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError,
            etree.XMLSyntaxError):
        raise DraftError(f"not a readable Word document: this is {what_file(data)}; "
                         "update-draft takes a Word draft (.docx) made by `briefing build`, "
                         "as the official saved it") from None
    register = read_register(doc)
    if register is None:
        raise DraftError("not a draft made by briefing (it has no figure register); only a "
                         "DOCX from `briefing build` can be updated")
    return doc, register


def what_file(data: bytes) -> str:
    """What a file that is no readable DOCX is, in a reader's words (from its first bytes
    and, for a ZIP package, its parts)."""
    if not data:
        return "an empty file"
    if data.startswith(b"%PDF"):
        return "a PDF"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "a Word 97-2003 document (.doc) or another old Office file; save it as .docx"
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                names = set(package.namelist())
                kind = package.read("mimetype").decode("ascii", "replace") \
                    if "mimetype" in names else ""
        except (zipfile.BadZipFile, OSError, KeyError):
            return "a damaged or incomplete file (its ZIP package is cut short or broken)"
        if "opendocument.text" in kind:
            return "an OpenDocument text (.odt); save it in Word format (.docx)"
        if "word/document.xml" in names:
            return "a damaged Word document (its parts cannot be read)"
        return "a ZIP archive without a Word document in it"
    if b"\0" in data[:4096]:
        return "not a Word document (its first bytes match no document format)"
    return "a text file, not a Word document"


def replace_register(doc: DocxDocument, register: Register) -> None:
    """The draft's register part, wherever it is, rewritten with `register`."""
    for part in doc.part.package.iter_parts():
        if str(part.partname).startswith("/customXml/") and \
                Register.from_xml(part.blob) is not None:
            part._blob = register.to_xml()
            return


def marked_ranges(body: Element) -> Iterator[tuple[str, list[Element]]]:
    """(bookmark name, the runs between its start and end) for each of our bookmarks, in
    document order. The runs are the w:r elements (in w:ins too, not in w:del) of the
    start's paragraph between the two marks."""
    ends = {e.get(qn("w:id")): e for e in body.iter(qn("w:bookmarkEnd"))}
    for start in body.iter(qn("w:bookmarkStart")):
        name = start.get(qn("w:name"), "")
        if not name.startswith(BOOKMARK_PREFIX):
            continue
        end = ends.get(start.get(qn("w:id")))
        paragraph = next(start.iterancestors(qn("w:p")), None)
        if end is None or paragraph is None:
            continue
        runs: list[Element] = []
        inside = False
        for element in paragraph.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:r")):
            if element is start:
                inside = True
            elif element is end:
                break
            elif inside and element.tag == qn("w:r") and \
                    next(element.iterancestors(qn("w:del")), None) is None:
                runs.append(element)
        else:
            continue  # the end is not in this paragraph: the official joined or split it
        yield name, runs


def run_text(runs: list[Element]) -> str:
    """The text the runs show (w:t, tabs and breaks as typed)."""
    text = []
    for run in runs:
        for child in run:
            if child.tag == qn("w:t"):
                text.append(child.text or "")
            elif child.tag == qn("w:tab"):
                text.append("\t")
            elif child.tag in (qn("w:br"), qn("w:cr")):
                text.append("\n")
    return "".join(text)
