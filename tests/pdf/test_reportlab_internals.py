"""The ReportLab internals our PDF writer relies on, checked one by one, so that a ReportLab
release that changes one fails here, naming it, and not as a subtly different PDF.

Most belong to the line-breaking adapter (writers/pdf/linebreak.py): private functions of
reportlab.platypus.paragraph it calls or replaces, the Paragraph methods it overrides, the
forms of ParaLines it builds, and the fragment attributes it reads. The rest: the plain
fragments of writers/pdf/styles.py, the font table of reportlab_fonts.py, the doc
template hooks of writers/pdf/document.py and the bars' places charts.py reads.
pyproject.toml pins ReportLab to the major versions these were checked against (4.2.5
and 5.1.0: `reportlab>=4.2,<6`); before widening the pin, run this file against the new
release.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import pytest
import reportlab
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paragraph import Paragraph
from reportlab.platypus.paraparser import ParaParser

import briefing.writers.pdf.linebreak  # noqa: F401  (installs the justification wrappers)

VERSION = reportlab.Version

# internal -> the signature we call it with, or override it with
SIGNATURES = {
    "reportlab.platypus.paragraph._handleBulletWidth": "(bulletText, style, maxWidths)",
    "reportlab.platypus.paragraph._processed_frags": "(frags)",
    "reportlab.platypus.paragraph._justifyDrawParaLine":
        "(tx, offset, extraspace, words, last=0)",
    "reportlab.platypus.paragraph._justifyDrawParaLineX": "(tx, offset, line, last=0)",
    "reportlab.platypus.paragraph._split_blParaHard": "(blPara, start, stop)",
    "reportlab.platypus.paragraph._rejoinSplitFragWords": "(F)",
    "reportlab.platypus.paragraph._shyUnsplit": "(s, ss=None)",
    "reportlab.platypus.paragraph._reconstructSplitFrags": "(f)",
    "reportlab.platypus.paragraph.imgNormV": "(v, nv)",
    "reportlab.platypus.paragraph.imgVRange": "(h, va, fontSize)",
    "reportlab.platypus.paragraph.cleanBlockQuotedText": "(text, joiner=' ')",
    "reportlab.platypus.paragraph.Paragraph.__init__":
        "(self, text, style=None, bulletText=None, frags=None, caseSensitive=1, "
        "encoding='utf8')",
    "reportlab.platypus.paragraph.Paragraph.wrap": "(self, availWidth, availHeight)",
    "reportlab.platypus.paragraph.Paragraph.draw": "(self)",
    "reportlab.platypus.paragraph.Paragraph.breakLinesCJK": "(self, maxWidths)",
    "reportlab.platypus.paragraph.Paragraph._get_split_blParaFunc": "(self)",
    "reportlab.platypus.paraparser.ParaParser.parse": "(self, text, style)",
    "reportlab.pdfbase.pdfmetrics.getAscentDescent": "(fontName, fontSize=None)",
    "reportlab.pdfbase.pdfmetrics.getFont": "(fontName)",
    "reportlab.pdfgen.textobject.PDFTextObject.setCharSpace": "(self, charSpace)",
    "reportlab.platypus.doctemplate.BaseDocTemplate._allSatisfied": "(self)",
    "reportlab.platypus.doctemplate.BaseDocTemplate.handle_flowable": "(self, flowables)",
    "reportlab.platypus.doctemplate.BaseDocTemplate.beforeDocument": "(self)",
    "reportlab.platypus.tableofcontents.TableOfContents.beforeBuild": "(self)",
}


def internal(name: str) -> Any:
    """The object a dotted name points to; a clear failure if ReportLab has none."""
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            if not hasattr(found, attr):
                pytest.fail(f"ReportLab {VERSION} has no {name}: the PDF writer relies on it "
                            f"(see tests/pdf/test_reportlab_internals.py)")
            found = getattr(found, attr)
        return found
    pytest.fail(f"ReportLab {VERSION} has no module for {name}")


def style() -> ParagraphStyle:
    return ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12, wordWrap="CJK")


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def it_finds_each_internal_with_the_signature_we_use(name: str) -> None:
    found = internal(name)
    # the justification wrappers we install are checked against the function they wrap,
    # a function we replace (fragwords.py) against the original
    found = getattr(found, "wrapped", getattr(found, "replaces", found))
    signature = str(inspect.signature(found))
    assert signature == SIGNATURES[name], (
        f"ReportLab {VERSION} changed {name}: it is now {signature}, the PDF writer uses "
        f"{SIGNATURES[name]}")


def it_finds_the_count_of_empty_pages_allowed() -> None:
    # the PDF writer raises it so that the page breaks check allows are never taken for
    # a block too big for any page (ReportLab's loop guard)
    from reportlab.platypus.doctemplate import BaseDocTemplate, LayoutError

    template = BaseDocTemplate(None)
    assert getattr(template, "_emptyPagesAllowed", None) == 10, \
        f"ReportLab {VERSION} has no BaseDocTemplate._emptyPagesAllowed"
    assert "_emptyPagesAllowed" in BaseDocTemplate.handle_pageEnd.__code__.co_names
    assert issubclass(LayoutError, Exception)


def it_finds_the_layout_tolerance() -> None:
    fuzz = internal("reportlab.rl_config._FUZZ")
    assert isinstance(fuzz, float) and 0 < fuzz < 1e-3, f"reportlab.rl_config._FUZZ: {fuzz!r}"


def it_draws_justified_lines_through_the_module_functions_we_wrap() -> None:
    # drawPara looks the line-drawing functions up as module globals when it draws, so the
    # character-spacing wrappers linebreak.py puts there are the ones called
    names = Paragraph.drawPara.__code__.co_names
    for name in ("_justifyDrawParaLine", "_justifyDrawParaLineX"):
        assert name in names, f"ReportLab {VERSION}: Paragraph.drawPara no longer calls {name}"
        assert hasattr(getattr(rl_paragraph, name), "wrapped"), f"{name} is not wrapped"


def it_rejoins_split_words_through_the_module_function_we_replace() -> None:
    # _getFragWords looks _rejoinSplitFragWords up as a module global: fragwords.py's
    # correction (a compound's own hyphen kept) is the one called
    assert "_rejoinSplitFragWords" in rl_paragraph._getFragWords.__code__.co_names
    assert hasattr(rl_paragraph._rejoinSplitFragWords, "replaces")
    for name in ("_SplitFragHY", "_SplitFragH", "_SHYIndexedStr"):
        assert isinstance(getattr(rl_paragraph, name, None), type), \
            f"ReportLab {VERSION} has no class {name} (writers/pdf/fragwords.py)"
    assert issubclass(rl_paragraph._SplitFragHY, rl_paragraph._SplitFragH)


def it_breaks_cjk_paragraphs_through_break_lines_cjk() -> None:
    calls: list[Any] = []

    class Recording(Paragraph):
        def breakLinesCJK(self, maxWidths):  # noqa: N802, N803
            calls.append(maxWidths)
            return super().breakLinesCJK(maxWidths)

    paragraph = Recording("汉字" * 40, style())
    paragraph.wrap(100, 1000)
    assert calls == [[100, 100]], f"ReportLab {VERSION}: Paragraph.wrap with wordWrap='CJK' " \
        "no longer calls breakLinesCJK(widths)"
    assert paragraph.blPara is not None, "Paragraph.wrap no longer keeps its lines as blPara"


def it_splits_through_the_split_function_and_marks_the_first_part() -> None:
    calls: list[tuple[int, int]] = []

    class Recording(Paragraph):
        def _get_split_blParaFunc(self):  # noqa: N802
            original = super()._get_split_blParaFunc()

            def split(bl_para, start, stop):
                calls.append((start, stop))
                return original(bl_para, start, stop)
            return split

    paragraph = Recording("汉字" * 40, style())
    paragraph.wrap(100, 1000)
    first, second = paragraph.split(100, 30)
    lines = paragraph.blPara.lines
    assert calls == [(0, 2), (2, len(lines))], f"ReportLab {VERSION}: Paragraph.split " \
        "no longer gets its parts from _get_split_blParaFunc()(blPara, start, stop)"
    assert getattr(first, "_splitpara", 0) == 1, "Paragraph.split no longer sets _splitpara"
    # the first part keeps ReportLab's simple lines, wrapped as kind 1 (breakLinesCJK
    # unwraps them again)
    assert first.blPara.kind == 1 and first.blPara.lines == lines[:2]
    assert isinstance(first.blPara.lines[0], tuple), "simple lines are no longer tuples"


def it_builds_the_line_objects_the_adapter_makes() -> None:
    line = internal("reportlab.platypus.paragraph.FragLine")(
        kind=1, extraSpace=1.0, wordCount=1, words=[], fontSize=10, ascent=8, descent=-2,
        maxWidth=100, currentWidth=99, lineBreak=False)
    assert (line.kind, line.extraSpace, line.currentWidth) == (1, 1.0, 99)
    lines = internal("reportlab.platypus.paragraph.ParaLines")(kind=1, lines=[line])
    assert lines.kind == 1 and lines.lines == [line]


@pytest.mark.parametrize(("markup", "attribute"), [
    ("plain", "fontName"), ("plain", "fontSize"), ("plain", "text"),
    ('<a href="https://example.org">link</a>', "link"),
    ("<u>under</u>", "us_lines"), ('<span backColor="#FF0000">back</span>', "backColor"),
    ("<super>2</super>", "rise"), ("one<br/>two", "lineBreak"),
    ('<a name="here"/>anchor', "cbDefn"),
])
def it_finds_the_fragment_attributes_the_adapter_reads(markup: str, attribute: str) -> None:
    _style, frags, _bullets = ParaParser().parse(markup, style())
    assert any(getattr(frag, attribute, None) for frag in frags), (
        f"ReportLab {VERSION}: ParaParser no longer sets '{attribute}' on fragments of "
        f"{markup!r}")
    clone = frags[0].clone(kind=0, lines=[])
    assert clone.kind == 0 and clone.fontName == frags[0].fontName, "ParaFrag.clone changed"


def it_compares_fragments_by_style() -> None:
    same_frag = internal("reportlab.lib.rl_accel.sameFrag")
    _style, frags, _ = ParaParser().parse("a<b>b</b>", style())
    assert same_frag(frags[0], frags[0].clone())
    assert not same_frag(frags[0], frags[1]), "rl_accel.sameFrag no longer tells styles apart"


def it_keeps_registered_fonts_in_the_table_get_font_reads() -> None:
    fonts = internal("reportlab.pdfbase.pdfmetrics._fonts")
    get_font = internal("reportlab.pdfbase.pdfmetrics.getFont")
    marker = object()
    fonts["briefing-internals-test"] = marker
    try:
        assert get_font("briefing-internals-test") is marker, \
            "pdfmetrics.getFont no longer reads pdfmetrics._fonts"
    finally:
        del fonts["briefing-internals-test"]


def it_asks_all_satisfied_in_each_pass_of_multi_build() -> None:
    multi_build = internal("reportlab.platypus.doctemplate.BaseDocTemplate.multiBuild")
    assert "_allSatisfied" in multi_build.__code__.co_names, \
        f"ReportLab {VERSION}: multiBuild no longer asks _allSatisfied() after each pass"


def it_keeps_the_bars_places_where_a_chart_reads_them() -> None:
    # charts.py draws a pattern over each bar whose fill repeats a colour: at the places
    # the bar chart computed while drawing (VerticalBarChart._barPositions)
    from reportlab.graphics.charts.barcharts import VerticalBarChart

    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 10, 20, 200, 100
    chart.data = [[1, 2], [2, 4]]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, 4
    chart.draw()
    positions = getattr(chart, "_barPositions", None)
    assert positions is not None, f"ReportLab {VERSION} has no VerticalBarChart._barPositions"
    (x, y, width, height) = positions[1][1]  # the second series' second bar: the tallest
    assert y == 20 and abs(height - 100) < 1e-6 and 10 < x < 210 and width > 0
