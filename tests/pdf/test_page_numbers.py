"""Page numbers read as text where they are printed (issue 17, item 10): each body page's
footer, in the strip below the text area, says its own number (and the total), on the side
the theme puts it. The visual test compares pages at about 29 dpi with a 0.2% tolerance:
a wrong digit passes it."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import briefing
from tests.conftest import SAMPLE

MM = 72 / 25.4


def footers(pdf_path: Path, margin_bottom_mm: float) -> list[tuple[str, float]]:
    """Each page's text below the text area, and where it starts (a share of the width)."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        found = []
        for page in pdf:
            width, _ = page.get_size()
            text = page.get_textpage()
            strip = text.get_text_bounded(0, 0, width, margin_bottom_mm * MM).strip()
            boxes = [text.get_charbox(i) for i in range(text.count_chars())
                     if text.get_charbox(i)[3] < margin_bottom_mm * MM]
            left = min((b[0] for b in boxes), default=0.0) / width
            found.append((re.sub(r"\s+", " ", strip), left))
        return found
    finally:
        pdf.close()


@pytest.mark.parametrize("layout", ["stacked", "parallel", "zh", "en"])
def it_numbers_every_body_page_with_its_own_number(layout: str, tmp_path: Path) -> None:
    [pdf] = briefing.build(SAMPLE, tmp_path, formats=("pdf",), layout=layout)
    pages = footers(pdf, 22)  # investor: margin_bottom_mm 22
    total = len(pages)
    assert pages[0][0] == ""  # the cover has no footer
    for number, (text, _) in enumerate(pages[1:], start=2):
        expected = {"zh": f"第 {number} 页（共 {total} 页）", "en": f"Page {number} of {total}"}
        shown = [expected[lang] for lang in (("zh", "en") if layout in ("stacked", "parallel")
                                             else (layout,))]
        assert text == " · ".join(shown), (number, text)


def it_puts_the_number_on_the_outer_side_in_the_gov_theme(tmp_path: Path) -> None:
    [pdf] = briefing.build(SAMPLE, tmp_path, formats=("pdf",), theme="gov")
    pages = footers(pdf, 35)  # gov: margin_bottom_mm 35
    for number, (text, left) in enumerate(pages[1:], start=2):
        assert text.replace(" ", "").startswith(f"—{number}—"), (number, text)
        assert (left > 0.5) == (number % 2 == 1), (number, left)  # odd right, even left
