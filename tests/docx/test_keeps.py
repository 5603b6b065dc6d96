"""What the DOCX keeps together, through styles: a parallel row is never kept with the
next (LibreOffice then moves a row it may not split to a page of its own: a blank page,
a page of three lines); and justified English is set ragged right in a narrow column.
(A quote's attribution kept with it: tests/test_quote.py.)"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import briefing
from briefing.theme.resolve import resolve_theme
from briefing.writers.docx.document import english_measure_pt
from briefing.writers.docx.spacing import keeps_with_next
from briefing.writers.docx.styles import alignment
from tests.conftest import ROOT, Edition, libreoffice_convert, pdf_text
from tests.docx.test_libreoffice import needs_libreoffice


def _parallel_rows(path: Path):  # type: ignore[no-untyped-def]
    document = docx.Document(str(path))
    for table in document.tables:
        if table.style is not None and table.style.name == "Parallel Text":
            yield from table.rows


@pytest.mark.parametrize("theme", ["investor", "gov"])
def it_keeps_no_parallel_row_with_the_next(theme: str, sample_edition: Edition) -> None:
    """The paragraph opening each cell of a row (a heading, mostly) is in a style that does
    not keep with next: its "Opening Row" variant, a heading still, in the outline."""
    rows = list(_parallel_rows(sample_edition(theme, "parallel")["docx"]))
    assert len(rows) > 10
    openings = [cell.paragraphs[0] for row in rows for cell in row.cells]
    assert not [p.style.name for p in openings if keeps_with_next(p.style)]
    headings = [p for p in openings if p.style.name.startswith("Heading")]
    assert headings and all(p.style.name.endswith(" Opening Row") for p in headings
                            if keeps_with_next(p.style.base_style))
    for paragraph in headings:  # in the navigation pane as its base style
        level = paragraph.style.element.pPr.find(qn("w:outlineLvl"))
        assert level is not None and level.get(qn("w:val")) == \
            str(int(paragraph.style.name.split()[1]) - 1)


@pytest.mark.parametrize("theme_name", ["gov", "investor"])
def it_sets_justified_english_ragged_right_in_a_narrow_column(theme_name: str) -> None:
    """Justified English beside the Chinese (a column of 70% of the width at most: 20 ems
    of gov's 14 pt), without the PDF's hyphenation, spread a few words over each line:
    set ragged right; over the whole width (31 ems in gov) it stays justified. (gov's own
    English is ragged now: the rule holds for a theme that justifies it.)"""
    theme = resolve_theme(theme_name, ROOT / "styles", ROOT / "fonts")
    english = dataclasses.replace(theme.styles["Body Text English"], alignment="justify",
                                  size_pt=14)
    chinese = dataclasses.replace(theme.styles["Body Text"], alignment="justify")
    narrow = english_measure_pt(theme, parallel=True)
    assert alignment(english, english_measure_pt(theme, parallel=False)) == "justify"
    assert alignment(english, narrow) == "left"
    assert alignment(chinese, narrow) == "justify"


GLOSS = """  - zh: 三个一批
    en: Three Batches
    gloss: a programme in which each county signs a batch of projects
    needs_gloss: true
"""
OPENING = "".join(  # three paragraphs, a gloss: the section and the KPI row pass a page
    "      - paragraph:\n"
    f"          zh: 第{i}段。测试区坚持{'三个一批' if i == 1 else ''}项目为王，"
    "全年新签约项目持续增加，产业链条不断延伸，营商环境持续优化，重点项目建设全面提速，招商引资成效明显。\n"
    f"          en: Paragraph {i}. Test District put"
    f" {'the Three Batches' if i == 1 else 'projects'} first; the projects it signed kept"
    " growing, its industrial chains grew longer, its business environment kept improving,"
    " and its key projects were built faster, with clear results in investment promotion.\n"
    for i in range(1, 4))


@needs_libreoffice
def it_leaves_no_page_blank_in_libreoffice(make_briefing, tmp_path: Path) -> None:
    """A first section side by side (a footnote in it) that, with the KPI row after it,
    passes a page:
    LibreOffice kept its row (a heading first) with the next and would not split it, so
    it moved the row past a page of its own, leaving page 2 blank (as in a first user's
    gov/parallel; and a page holding three lines of a column where a row ended)."""
    folder = make_briefing()
    text = (folder / "briefing.yaml").read_text("utf-8")
    text = text.replace("glossary:\n", "glossary:\n" + GLOSS, 1)
    (folder / "briefing.yaml").write_text(
        text.replace("    blocks:\n", "    blocks:\n" + OPENING, 1), "utf-8")
    word = briefing.build(folder, tmp_path / "out", formats=("docx",), theme="gov",
                          layout="parallel")[0]
    pdf = libreoffice_convert({"long": word.read_bytes()}, tmp_path / "lo")["long"]
    pages = [re.sub(r"\s+", "", text) for text in pdf_text(pdf)]
    assert len(pages) > 2
    assert not [i + 1 for i, text in enumerate(pages) if len(text) < 40], pages
