"""--reference-doc and the theme's docx.reference_doc: the DOCX starts from an office's own
Word document (examples/reference-doc/office-template.docx, made with LibreOffice from its
.fodt by make.sh): its styles, page setup, headers, footers and fonts; ours fill only the
styles it lacks. The PDF does not change."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

import briefing
from briefing.cli import main
from tests.conftest import ROOT, SAMPLE, paragraph_text, style_name

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
