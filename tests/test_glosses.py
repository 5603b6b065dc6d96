"""Glosses: the English explains a glossary term at its first use, as a numbered note under
the block in the PDF and a real footnote in the DOCX, or in a glossary section, as the
theme says; check warns about a term that needs a gloss and has none."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import docx
import pytest

import briefing
from briefing.errors import ContentError
from tests.conftest import edit_briefing, paragraph_text, pdf_text

GLOSSED = ("  - {zh: 测试区, en: Test District, needs_gloss: true,\n"
           "     gloss: a district made up for the tests}\n")


def glossed(make_briefing, name: str = "mini") -> Path:
    folder = make_briefing(name=name)
    edit_briefing(folder, "  - {zh: 测试区, en: Test District}\n", GLOSSED)
    edit_briefing(folder, "          text: {zh: 创历史新高。, en: A record high.}",
                  "          text: {zh: 测试区创历史新高。, en: A record high for Test District.}")
    return folder


def outputs(folder: Path, out: Path, **options: str) -> dict[str, Path]:
    return {p.suffix: p for p in briefing.build(folder, out, **options)}


def it_footnotes_a_term_at_its_first_use_in_the_english(make_briefing, tmp_path) -> None:
    paths = outputs(glossed(make_briefing), tmp_path / "out", theme="investor")
    pdf = "".join(pdf_text(paths[".pdf"]))
    flat = "".join(pdf.split())  # the mark is a line of its own in the extracted text
    assert "TestDistrict1signed33projects" in flat  # the mark, at the first use only
    assert "1 Test District: a district made up for the tests" in pdf
    assert "TestDistrict1" not in flat.split("signed", 1)[1]
    document = docx.Document(str(paths[".docx"]))
    with zipfile.ZipFile(paths[".docx"]) as package:
        notes = package.read("word/footnotes.xml").decode()
        body = package.read("word/document.xml").decode()
    assert "Test District: a district made up for the tests" in notes
    assert body.count("<w:footnoteReference") == 1 and 'w:footnoteReference w:id="1"' in body
    assert "Footnote Text" in {s.name for s in document.styles}
    part = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")
    assert part.partname == "/word/footnotes.xml"


def it_gathers_the_glosses_in_a_section_where_the_theme_says(make_briefing, tmp_path) -> None:
    paths = outputs(glossed(make_briefing), tmp_path / "out", theme="print")
    pdf = "".join(pdf_text(paths[".pdf"])).replace("\r\n", " ")
    assert "术语说明" in pdf and "Glossary" in pdf
    assert "Test District: a district made up for the tests" in pdf
    assert pdf.index("Glossary") < pdf.rindex("Sources")
    with zipfile.ZipFile(paths[".docx"]) as package:
        assert "word/footnotes.xml" not in package.namelist()
    texts = [paragraph_text(p) for p in docx.Document(str(paths[".docx"])).paragraphs]
    assert "Test District: a district made up for the tests" in texts


def it_explains_nothing_to_chinese_readers(make_briefing, tmp_path) -> None:
    paths = outputs(glossed(make_briefing), tmp_path / "out", layout="zh")
    assert "made up for the tests" not in "".join(pdf_text(paths[".pdf"]))
    with zipfile.ZipFile(paths[".docx"]) as package:
        assert "word/footnotes.xml" not in package.namelist()


def it_warns_about_a_term_that_needs_a_gloss_and_has_none(make_briefing, caplog) -> None:
    folder = make_briefing()
    edit_briefing(folder, "  - {zh: 测试区, en: Test District}\n",
                  "  - {zh: 测试区, en: Test District, needs_gloss: true}\n")
    with pytest.raises(ContentError) as caught:
        briefing.check(folder, strict=True)
    [problem] = caught.value.diagnostics
    assert problem.line == 8 and problem.field_path == "glossary[0]"
    assert problem.message == ("'Test District' (测试区) is used in the English without a "
                               "gloss, and readers will not know it")
    with caplog.at_level(logging.WARNING, logger="briefing"):
        briefing.check(glossed(make_briefing, "glossed"), strict=True)  # no warning now
