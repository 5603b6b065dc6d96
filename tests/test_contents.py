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


def _passes(monkeypatch) -> list[bool]:
    """Records, for each layout pass of the PDF, whether it only measured (drew no text)."""
    from briefing.writers.pdf.document import _BriefingTemplate
    passes: list[bool] = []
    before = _BriefingTemplate.beforeDocument

    def spy(self) -> None:
        before(self)
        passes.append(self.canv.measuring)
    monkeypatch.setattr(_BriefingTemplate, "beforeDocument", spy)
    return passes


def it_finds_the_pages_in_a_pass_that_draws_nothing_then_draws_once(tmp_path: Path,
                                                                    monkeypatch) -> None:
    from reportlab.platypus.paragraph import Paragraph

    from briefing.writers.pdf.linebreak import WrappedOnce

    folder = project_with_contents_theme(tmp_path)
    passes = _passes(monkeypatch)
    drawn: list[bool] = []  # for each of our paragraphs drawn: in the measuring pass?
    draw_para = Paragraph.drawPara

    def spy(self, debug=0):
        if isinstance(self, WrappedOnce):  # (the contents' own lines are ReportLab's)
            drawn.append(self.canv.measuring)
        return draw_para(self, debug)
    monkeypatch.setattr(Paragraph, "drawPara", spy)
    pdf = briefing.build(folder, tmp_path / "out", theme="contents", formats=("pdf",))[0]
    assert passes == [True, False]
    assert drawn and not any(drawn)
    pages = pdf_text(pdf)
    assert all(page.strip() for page in pages)  # the kept pass is the drawn one
    assert "开放招商成效明显" in pages[2] + pages[3]


def it_gets_a_contents_page_running_onto_a_second_right_in_two_passes(
        tmp_path: Path, monkeypatch) -> None:
    # ReportLab's first pass has a one-line placeholder for the contents: a contents page that
    # turns out longer moves every page after it, and a third pass (drawn) was needed
    folder = project_with_contents_theme(tmp_path)
    extra = "".join(f"  - heading: {{zh: 第{n}部分, en: Part {n}}}\n"
                    "    blocks:\n"
                    f"      - paragraph: {{zh: 第{n}部分正文。, en: Text of part {n}.}}\n"
                    for n in range(1, 41))
    yaml_file = folder / "briefing.yaml"
    yaml_file.write_text(yaml_file.read_text("utf-8").rstrip("\n") + "\n" + extra, "utf-8")
    passes = _passes(monkeypatch)
    pdf = briefing.build(folder, tmp_path / "out", theme="contents", formats=("pdf",))[0]
    assert passes == [True, False]
    pages = [re.sub(r"\s+", " ", page) for page in pdf_text(pdf)]
    assert "Part 40" in pages[2] and "Part 40" not in pages[1]  # the contents take two pages
    for n in (1, 40):
        start = int(re.search(rf"Part {n} [ .]*?(\d+)", pages[1] + pages[2]).group(1))
        assert f"第{n}部分正文" in pages[start - 1].replace(" ", "")


def it_counts_for_check_the_pages_a_long_contents_takes(tmp_path: Path) -> None:
    """`check` lays the PDF out in one pass: with the contents' lines there from the start,
    as the writer's first pass has them (a one-line placeholder counted 30 pages of 33)."""
    from briefing.pipeline import check_pages, prepare

    folder = project_with_contents_theme(tmp_path)
    text = (folder / "briefing.yaml").read_text("utf-8")
    more = "".join(f"  - heading: {{zh: 附{chr(0x4E00 + i)}, en: Annex {chr(65 + i % 26)}}}\n"
                   "    blocks:\n      - paragraph: {zh: 文字。, en: Text.}\n" for i in range(100))
    (folder / "briefing.yaml").write_text(text.rstrip("\n") + "\n" + more, "utf-8")
    prepared = prepare(folder, theme="contents")
    [pdf] = briefing.build(folder, tmp_path / "out", theme="contents", formats=("pdf",))
    assert check_pages(prepared) == len(pdf_text(pdf))
