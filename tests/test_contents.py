"""A theme that asks for a table of contents gets one: a TOC field in Word (filled in when
the file opens) and a contents page with page numbers in the PDF."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
from docx.oxml.ns import qn

import briefing
from tests.conftest import ROOT, SAMPLE, pdf_text


def project_with_contents_theme(tmp_path: Path) -> Path:
    """A project folder with our themes, one more theme with contents, fonts and the sample."""
    shutil.copytree(ROOT / "styles", tmp_path / "styles")
    (tmp_path / "fonts").symlink_to(ROOT / "fonts")
    (tmp_path / "styles" / "contents.yaml").write_text(
        "extends: investor\nname: contents\npage: {table_of_contents: true}\n"
        "labels: {contents: {zh: 目录, en: Contents}}\n", encoding="utf-8")
    shutil.copytree(SAMPLE, tmp_path / "content" / "sample")
    return tmp_path / "content" / "sample"


def it_adds_a_contents_page_to_both_formats(tmp_path: Path) -> None:
    folder = project_with_contents_theme(tmp_path)
    pdf, docx_path = briefing.build(folder, tmp_path / "out", theme="contents")
    pages = pdf_text(pdf)
    contents = re.sub(r"\s+", " ", pages[1])
    assert "目录" in contents and "Contents" in contents
    # each section is listed with the page it starts on
    for heading in ("开放招商成效明显", "党建基础保障夯实"):
        match = re.search(re.escape(heading) + r"[^\d]*?(\d+)", contents)
        assert match, heading
        start = int(match.group(1))
        assert heading in re.sub(r"\s+", "", pages[start - 1])
    document = docx.Document(str(docx_path))
    instructions = [e.text for e in document.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC ") for i in instructions)
    assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
