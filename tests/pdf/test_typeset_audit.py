"""The typesetting audit (bench/typeset_audit.py) over every layout x theme PDF of the
samples: the counts brought to zero stay there. And the audit itself finds what it counts,
drawn on purpose."""

from __future__ import annotations

import io
import sys

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from briefing.pipeline import prepare
from tests.conftest import ROOT, SAMPLE

sys.path.insert(0, str(ROOT / "bench"))
import typeset_audit  # noqa: E402

# the counts at zero in every combination (docs/typesetting.md has the table); "empty"
# counts no page before a forced break or the end
ZERO = ("closing", "cuts", "loose", "spaced", "units", "empty", "foot", "overlaps", "close",
        "dates")
COMBINATIONS = [(s, t, la) for s in typeset_audit.samples() for t in typeset_audit.THEMES
                for la in typeset_audit.LAYOUTS]


def _case(sample, theme: str, layout: str):  # type: ignore[no-untyped-def]
    return pytest.param(sample, theme, layout, id=f"{sample.name}-{theme}-{layout}")


@pytest.mark.parametrize("sample,theme,layout", [_case(*c) for c in COMBINATIONS])
def it_keeps_the_audit_at_zero(sample, theme: str, layout: str) -> None:  # type: ignore[no-untyped-def]
    result = typeset_audit.audit(sample, theme, layout)
    found = [f"{f.count} p{f.page}: {f.what}" for f in result.findings if f.count in ZERO]
    assert not found


# a briefing written for these tests: in as few lines as it can, each line break a first
# user's briefing met (a KPI trend "▲ 1.3 percentage points" in a narrow gov card, a label
# "RMB 100 million or more", a quote's "——" attribution, "E-commerce" at a line end)
BREAKS = ROOT / "tests" / "fixtures" / "breaks"


@pytest.mark.parametrize("theme,layout", [(t, la) for t in typeset_audit.THEMES
                                          for la in typeset_audit.LAYOUTS])
def it_keeps_the_audit_at_zero_on_a_first_users_line_breaks(theme: str, layout: str) -> None:
    result = typeset_audit.audit(BREAKS, theme, layout)
    found = [f"{f.count} p{f.page}: {f.what}" for f in result.findings if f.count in ZERO]
    assert not found


@pytest.fixture(scope="module")
def sample():  # type: ignore[no-untyped-def]
    pdfmetrics.registerFont(TTFont("audit-test", str(ROOT / "fonts" / "NotoSansSC-Regular.ttf")))
    return prepare(SAMPLE)


def _audit(sample, draw) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """The audit's counts for a cover page and one body page drawn by `draw`."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(sample.theme.page.width_pt, sample.theme.page.height_pt))
    canvas.showPage()
    text = canvas.beginText(100, 600)
    text.setFont("audit-test", 12, leading=16)
    draw(text)
    canvas.drawText(text)
    canvas.showPage()
    canvas.setFont("audit-test", 12)
    canvas.drawString(100, 600, "end")  # a last page: the body page is not the document's end
    canvas.showPage()
    canvas.save()
    return typeset_audit.Audit(sample.document, sample.theme.page, buffer.getvalue()).counts()


def it_counts_a_word_cut_between_letters(sample) -> None:  # type: ignore[no-untyped-def]
    counts = _audit(sample, lambda t: (t.textLine("more than RMB 740 millio"),
                                       t.textLine("n on their own")))
    assert counts["cuts"] == 1 and counts["units"] == 1


def it_counts_no_cut_at_a_space(sample) -> None:  # type: ignore[no-untyped-def]
    counts = _audit(sample, lambda t: (t.textLine("more than RMB 740"), t.textLine("million")))
    assert counts["cuts"] == 0 and counts["units"] == 1


def it_counts_loose_and_letter_spaced_lines(sample) -> None:  # type: ignore[no-untyped-def]
    def draw(text) -> None:  # type: ignore[no-untyped-def]
        text.setWordSpace(7)  # a gap of 0.26 + 0.58 em
        text.textLine("district has won")
        text.setWordSpace(0)
        text.setCharSpace(3)  # +0.25 em a character
        text.textLine("签约项目33个")
        text.setCharSpace(0)
        text.textLine("，总投资")  # closing punctuation starting a line
    counts = _audit(sample, draw)
    assert (counts["loose"], counts["spaced"], counts["closing"]) == (1, 1, 1)
    assert counts["empty"] == 1  # the page is nearly empty


def it_counts_no_letter_spacing_across_word_spaces(sample) -> None:  # type: ignore[no-untyped-def]
    # a page footer: digits between spaces, full-width brackets (whose advance is blank
    # on one side) -- set solid, not letter-spaced
    assert _audit(sample, lambda t: t.textLine("第 2 页（共 8 页）"))["spaced"] == 0

    def spaced(text) -> None:  # type: ignore[no-untyped-def]
        text.setCharSpace(2)  # +0.17 em a character: still caught beside the spaces
        text.textLine("第 2 页（共 8 页）")
    assert _audit(sample, spaced)["spaced"] == 1


def it_counts_a_table_caption_ending_a_page(sample) -> None:  # type: ignore[no-untyped-def]
    counts = _audit(sample, lambda t: (t.textLine("of RMB 740 million."),
                                       t.textLine("土地征收"), t.textLine("Land acquisition")))
    assert counts["foot"] == 1
    # the end of a caption's words, ending a table cell's text, is no caption
    counts = _audit(sample, lambda t: (t.textLine("Firms in the"),
                                       t.textLine("specialized parks")))
    assert counts["foot"] == 0


def _drawn(sample, draw) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """The audit's counts for a cover page and one body page drawn on by `draw(canvas)`."""
    page = sample.theme.page
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page.width_pt, page.height_pt))
    canvas.showPage()
    canvas.setFont("audit-test", 12)
    draw(canvas)
    canvas.drawString(page.margin_left_pt, page.footer_distance_pt, "第 2 页")  # the footer
    canvas.showPage()
    canvas.save()
    return typeset_audit.Audit(sample.document, sample.theme.page, buffer.getvalue()).counts()


def it_counts_a_legend_drawn_over_the_heading_after_it(sample) -> None:  # type: ignore[no-untyped-def]
    def draw(canvas) -> None:  # type: ignore[no-untyped-def]
        canvas.drawString(300, 400, "现代服务业：7.6亿元")  # a chart's legend, run on
        canvas.setFont("audit-test", 14)
        canvas.drawString(260, 397, "1. Priority industrial-chain projects")
    assert _drawn(sample, draw)["overlaps"] == 1  # (once for the pair of lines)
    assert _drawn(sample, lambda c: c.drawString(300, 400, "现代服务业：7.6亿元"))["overlaps"] == 0


def it_counts_text_spilt_below_the_type_area(sample) -> None:  # type: ignore[no-untyped-def]
    # a legend under its chart at the foot of the page, drawn over the bottom margin (the
    # Lanshan briefing's gov/stacked p.7): no other text there, the footer is not counted
    page = sample.theme.page
    foot = page.margin_bottom_pt
    counts = _drawn(sample, lambda c: (c.drawString(100, foot + 14, "Cultural tourism"),
                                       c.drawString(100, foot - 10, "Modern services")))
    assert counts["overlaps"] == 1
    assert _drawn(sample, lambda c: c.drawString(100, foot + 14, "Cultural tourism"))[
        "overlaps"] == 0


def it_counts_table_cells_run_together(sample) -> None:  # type: ignore[no-untyped-def]
    """Two cells' texts side by side with 3 pt between (at 12 pt: 0.25 em), as a cramped
    table drew "30 projects103.33%"; 12 pt apart they are two columns."""
    def cells(gap: float):  # type: ignore[no-untyped-def]
        def draw(text) -> None:  # type: ignore[no-untyped-def]
            text.textOut("30 projects")
            x = 100 + pdfmetrics.stringWidth("30 projects", "audit-test", 12) + gap
            text.setTextOrigin(x, 600)
            text.textOut("103.33%")
        return draw
    assert _audit(sample, cells(3))["close"] == 1
    assert _audit(sample, cells(12))["close"] == 0


def it_counts_a_table_date_broken_over_lines(sample) -> None:  # type: ignore[no-untyped-def]
    dates = typeset_audit._table_dates(sample.document)
    date = next(d for d in dates if " " in d)  # "December 31, 2023"
    head, tail = date.split(" ", 1)
    counts = _audit(sample, lambda t: (t.textLine(f"as of {head}"), t.textLine(f"{tail} the")))
    assert counts["dates"] == 1
    counts = _audit(sample, lambda t: (t.textLine("as of"), t.textLine(f"{date} the")))
    assert counts["dates"] == 0


def it_counts_a_compound_broken_after_a_short_first_part(sample) -> None:  # type: ignore[no-untyped-def]
    counts = _audit(sample, lambda t: (t.textLine("the town’s E-"), t.textLine("commerce Park")))
    assert counts["cuts"] == 1
    counts = _audit(sample, lambda t: (t.textLine("the state-"), t.textLine("owned assets")))
    assert counts["cuts"] == 0


def it_lets_a_dash_start_a_line_but_not_half_of_one(sample) -> None:  # type: ignore[no-untyped-def]
    # clreq: a 破折号 may start a line; its two halves never part
    assert _audit(sample, lambda t: (t.textLine("他说"), t.textLine("——这是")))["closing"] == 0
    assert _audit(sample, lambda t: (t.textLine("他说—"), t.textLine("—这是")))["closing"] == 1


def it_reads_a_number_phrase_across_the_lines_of_its_paragraph(sample) -> None:  # type: ignore[no-untyped-def]
    breaks = prepare(BREAKS)  # whose texts hold the phrase
    counts = _audit(breaks, lambda t: (t.textLine("▲ 1.3"), t.textLine("percentage"),
                                       t.textLine("points")))
    assert counts["units"] == 2
