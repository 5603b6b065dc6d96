"""The document settings (word/settings.xml) python-docx has no API for: compatibility
mode and theme font languages, automatic hyphenation, updating fields on open."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def set_compatibility(doc: DocxDocument, mode: int, east_asian_lang: str) -> None:
    """settings.xml: Word's compatibility mode (15: Word 2013 and later, no "Compatibility
    Mode" banner) and the languages of the theme fonts (the template says ja-JP)."""
    settings = doc.settings.element
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), str(mode))
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), east_asian_lang)


# the settings CT_Settings puts after w:autoHyphenation (it must precede them)
_AFTER_HYPHENATION = ("w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps",
                      "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle",
                      "w:defaultTableStyle", "w:evenAndOddHeaders", "w:bookFoldRevPrinting",
                      "w:bookFoldPrinting", "w:bookFoldPrintingSheets",
                      "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing",
                      "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery",
                      "w:doNotUseMarginsForDrawingGridOrigin", "w:drawingGridHorizontalOrigin",
                      "w:drawingGridVerticalOrigin", "w:doNotShadeFormData",
                      "w:noPunctuationKerning",
                      "w:characterSpacingControl")


def hyphenate_automatically(doc: DocxDocument) -> None:
    """Word hyphenates the document's Latin words as it lays them out (w:autoHyphenation),
    as the PDF does with pyphen: justified English without wide gaps."""
    settings = doc.settings.element
    if settings.find(qn("w:autoHyphenation")) is not None:
        return
    element = OxmlElement("w:autoHyphenation")
    later = [child for child in settings if child.tag in {qn(t) for t in _AFTER_HYPHENATION}]
    if later:
        later[0].addprevious(element)
    else:
        settings.append(element)


def update_fields_on_open(doc: DocxDocument) -> None:
    """Ask Word to update fields (the table of contents) when the file is opened."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
