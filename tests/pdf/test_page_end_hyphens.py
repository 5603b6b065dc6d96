"""No page, column or call-out part ends in a word broken at a hyphen ("manufac-" at the
foot of a page, "turing" atop the next): a typesetter's rule. The paragraph keeps that
line for the next page. Read back from the PDF: a line that ends in a letter and a hyphen
with no line under it in its column."""

from __future__ import annotations

import io
import re
import sys

import pytest
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer, TableStyle

from briefing.pipeline import prepare
from briefing.reportlab_fonts import register_fonts
from briefing.writers.pdf.boxes import WholeTable
from briefing.writers.pdf.linebreak import WrappedOnce
from briefing.writers.pdf.styles import StyleSheet
from tests.conftest import ROOT, SAMPLE, Edition

sys.path.insert(0, str(ROOT / "bench"))
import typeset_audit  # noqa: E402

BROKEN_END = re.compile(r"[^\W\d_][-\ufffe]$")  # (pdfium reads some of those as U+FFFE)
FURNITURE = re.compile(r"^[—–\-\s\d]+$")  # a page number: "— 7 —"
TEXT = ("Signed investment exceeded the annual target for the year; advanced manufacturing "
        "and new energy together account for nearly three quarters of it, evidence that "
        "upstream-and-downstream chain-based promotion is paying off. The county deepened "
        "its performance evaluation reform. It supplied new industrial land, and the share "
        "of tax revenue from high-technology enterprises rose. A dedicated service window "
        "at the county government service centre and a new approval model have cut the "
        "time to register a business to less than half a working day, and the average time "
        "from signing to construction start for industrial projects. ") * 2
# (a paragraph whose lines nearly all end in broken words keeps ReportLab's break where
# keeping the word whole would leave more than page_end.MAX_LINES_SHORT lines empty)


def broken_at_breaks(pdf: bytes) -> tuple[list[tuple[int, str]], int]:
    """The lines that end in a broken word at the foot of their column (page, text), and
    how many lines end in a broken word anywhere (a test that finds none proves nothing)."""
    pages, _ = typeset_audit.read_lines(pdf)
    found, broken = [], 0
    for lines in pages:
        for line in lines:
            if not BROKEN_END.search(line.text.rstrip()):
                continue
            broken += 1
            right = max(c.right for c in line.chars)
            below = [other for other in lines if other.baseline < line.baseline - 1
                     and not FURNITURE.match(other.text.strip())
                     and other.left < right and max(c.right for c in other.chars) > line.left]
            if not below:
                found.append((line.page, line.text[-40:]))
    return found, broken


def _style():  # type: ignore[no-untyped-def]
    prepared = prepare(SAMPLE, "gov")
    register_fonts(prepared.theme, frozenset(TEXT) | frozenset("0123456789RMB .-"))
    return StyleSheet(prepared.theme).get("body", "en")


def _pdf(flowables: list, width: float, height: float) -> bytes:  # type: ignore[type-arg]
    buffer = io.BytesIO()
    frame = Frame(20, 20, width, height, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0)
    BaseDocTemplate(buffer, pagesize=(width + 40, height + 40),
                    pageTemplates=[PageTemplate("page", [frame])]).build(flowables)
    return buffer.getvalue()


def it_never_ends_a_page_in_a_broken_word() -> None:
    style = _style()
    broken = 0
    for width in range(220, 400, 12):
        for lines_per_page in (5, 7, 9):
            pdf = _pdf([WrappedOnce(TEXT, style)], float(width),
                       style.leading * lines_per_page + 1)
            found, count = broken_at_breaks(pdf)
            assert not found, (width, lines_per_page, found)
            broken += count
    assert broken > 30  # not vacuous: words are hyphenated, in the middle of pages


def it_never_ends_a_split_call_outs_part_in_a_broken_word() -> None:
    style = _style()
    width, height = 300.0, style.leading * 12
    broken = 0
    for before in range(0, 11):  # the call-out starts lower each time, and splits
        box = WholeTable([[[WrappedOnce("RMB 18.64 billion", style)],
                           [WrappedOnce(TEXT[:600], style)]]], colWidths=[90, 210],
                         page_height=height, split_share=0.2)
        box.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        pdf = _pdf([Spacer(1, style.leading * before), box], width, height)
        found, count = broken_at_breaks(pdf)
        assert not found, (before, found)
        broken += count
    assert broken > 10


@pytest.mark.parametrize("layout", ["stacked", "parallel", "en"])
@pytest.mark.parametrize("theme", ["investor", "print", "gov"])
def it_never_ends_a_sample_page_in_a_broken_word(sample_edition: Edition, theme: str,
                                                 layout: str) -> None:
    found, _ = broken_at_breaks(sample_edition(theme, layout)["pdf"].read_bytes())
    assert not found, found
