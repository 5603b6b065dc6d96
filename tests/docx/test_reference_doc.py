"""--reference-doc and the theme's docx.reference_doc: the DOCX starts from an office's own
Word document (examples/reference-doc/office-template.docx, made with LibreOffice from its
.fodt by make.sh): its styles, page setup, headers, footers and fonts; ours fill only the
styles it lacks. The PDF does not change."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

import briefing
from briefing.cli import main
from tests.conftest import ROOT, SAMPLE, libreoffice_convert, paragraph_text, style_name
from tests.docx.test_libreoffice import needs_libreoffice

REFERENCE = ROOT / "examples" / "reference-doc" / "office-template.docx"


def _check_office_looks(path: Path) -> None:
    document = docx.Document(str(path))
    heading = document.styles["Heading 1"]  # the office's
    assert heading.font.color.rgb == RGBColor.from_string("7B1E1E")
    assert heading.font.size == Pt(15)
    assert heading.element.rPr.rFonts.get(qn("w:ascii")) == "DejaVu Sans"
    callout = document.styles["Call-out Figure"]  # not in the office's: ours
    assert callout.font.size is not None and callout.font.size != Pt(15)
    for section in document.sections:
        assert round(section.left_margin.mm) == 30 and round(section.top_margin.mm) == 39
        assert [p.text for p in section.header.paragraphs] == ["示例办公室 · Example Office"]
        assert [p.text for p in section.footer.paragraphs] == ["内部资料 · For internal use"]
    texts = [paragraph_text(p) for p in document.element.body.iter(qn("w:p"))]
    assert "开放招商成效明显" in texts and "标题 Heading" not in texts  # its text is gone
    headings = [p for p in document.paragraphs if p.text == "开放招商成效明显"]
    assert headings and style_name(headings[0]) == "Heading 1"


def it_takes_styles_page_and_furniture_from_the_reference_doc(tmp_path: Path) -> None:
    plain = briefing.build(SAMPLE, tmp_path / "plain")
    report = briefing.build_report(SAMPLE, tmp_path / "office", reference_doc=REFERENCE)
    pdf, docx_path = report.outputs
    _check_office_looks(docx_path)
    assert pdf.read_bytes() == plain[0].read_bytes()  # the PDF is the theme's, unchanged


def it_takes_the_reference_doc_from_the_theme(tmp_path: Path) -> None:
    themes = tmp_path / "themes"
    themes.mkdir()
    shutil.copy(REFERENCE, themes / "office.docx")
    (themes / "office.yaml").write_text("extends: investor\nname: office\n"
                                        "docx: {reference_doc: office.docx}\n", "utf-8")
    path = briefing.build(SAMPLE, tmp_path / "out", formats=("docx",),
                          theme=str(themes / "office.yaml"))[0]
    _check_office_looks(path)


@pytest.mark.parametrize("content", [b"not a zip", None])
def it_refuses_a_reference_doc_that_is_not_a_docx(content, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "template.docx"
    if content is not None:
        bad.write_bytes(content)
    code = main(["build", str(SAMPLE), "-o", str(tmp_path / "out"), "--reference-doc", str(bad)])
    err = capsys.readouterr().err
    assert code == 1 and "template.docx" in err and "Traceback" not in err
    assert not (tmp_path / "out" / "xicheng-2023.docx").exists()


def _reference_without_east_asian_fonts(path: Path, east_asian: str | None = None) -> None:
    """An office's template as Word makes one from its default: theme fonts only
    (w:eastAsiaTheme), and the office's Latin face on its headings; or, with
    `east_asian`, that face named for Chinese in Normal."""
    document = docx.Document()
    document.styles["Heading 1"].font.name = "Arial"
    if east_asian:
        fonts = document.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
        fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
        fonts.set(qn("w:eastAsia"), east_asian)
    document.save(str(path))


def _east_asian_font(document, style_name: str) -> str | None:  # type: ignore[no-untyped-def]
    """The East Asian face a style draws Chinese with, through its basedOn chain to the
    document defaults; None if only a theme font (which LibreOffice ignores) or none."""
    style = document.styles[style_name]
    while style is not None:
        fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsiaTheme")):
            return None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
        style = style.base_style
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    return None if fonts is None or fonts.get(qn("w:eastAsiaTheme")) else \
        fonts.get(qn("w:eastAsia"))


def it_fills_the_east_asian_font_the_reference_styles_lack(tmp_path: Path) -> None:
    reference = tmp_path / "office.docx"
    _reference_without_east_asian_fonts(reference)
    path = briefing.build_report(SAMPLE, tmp_path / "out", formats=("docx",),
                                 reference_doc=reference).outputs[0]
    document = docx.Document(str(path))
    used = {p.style.name for p in document.paragraphs if re.search("[\u4e00-\u9fff]", p.text)}
    assert {"Heading 1", "Body Text", "Title"} <= used
    assert {name: _east_asian_font(document, name) for name in used} == {
        name: "Noto Sans SC" for name in used}
    heading = document.styles["Heading 1"]  # the office's looks otherwise kept
    assert heading.element.rPr.rFonts.get(qn("w:ascii")) == "Arial"


def it_warns_of_a_reference_style_whose_east_asian_face_is_not_chinese(
        tmp_path: Path, caplog) -> None:
    reference = tmp_path / "office.docx"
    _reference_without_east_asian_fonts(reference, east_asian="DejaVu Sans")
    with caplog.at_level(logging.WARNING, logger="briefing"):
        path = briefing.build_report(SAMPLE, tmp_path / "out", formats=("docx",),
                                     reference_doc=reference).outputs[0]
    warned = [r.getMessage() for r in caplog.records if "Chinese" in r.getMessage()]
    assert len(warned) == 1 and "'DejaVu Sans'" in warned[0] and "Normal" in warned[0]
    assert _east_asian_font(docx.Document(str(path)), "Normal") == "DejaVu Sans"  # theirs
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="briefing"):  # the example names one
        briefing.build_report(SAMPLE, tmp_path / "example", formats=("docx",),
                              reference_doc=REFERENCE)
    assert not [r for r in caplog.records if "Chinese" in r.getMessage()]


def _fonts_drawing(pdf: Path, text: str) -> set[str]:
    """The fonts a PDF draws the characters of `text` with, where it first shows it."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(str(pdf))
    for page in document:
        textpage = page.get_textpage()
        shown = textpage.get_text_range()
        start = shown.find(text)
        if start >= 0:
            found = set()
            for index in range(start, start + len(text)):
                name, flags = ctypes.create_string_buffer(256), ctypes.c_int()
                raw.FPDFText_GetFontInfo(textpage.raw, index, name, 256, ctypes.byref(flags))
                found.add(name.value.decode().split("+")[-1])
            return found
    raise AssertionError(f"{text} is not in {pdf}")


@needs_libreoffice
def it_draws_the_reference_styles_chinese_in_the_theme_face_in_libreoffice(
        tmp_path: Path) -> None:
    """The heading style of a reference made without East Asian fonts: LibreOffice drew
    its Chinese in DejaVu Sans (boxes), now in the embedded Noto Sans SC."""
    reference = tmp_path / "office.docx"
    _reference_without_east_asian_fonts(reference)
    path = briefing.build_report(SAMPLE, tmp_path / "out", formats=("docx",),
                                 reference_doc=reference, embed_fonts=True).outputs[0]
    pdf = libreoffice_convert({"doc": path.read_bytes()}, tmp_path / "lo")["doc"]
    assert _fonts_drawing(pdf, "开放招商成效明显") == {"NotoSansSC-Bold"}
