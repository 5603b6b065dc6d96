"""An English compound keeps its own hyphen wherever its line breaks fall. ReportLab breaks
a compound at its hyphen ("state-|owned", embedded hyphenation) and leaves its words of the
lines in the paragraph; breaking those again at another width (the parallel layout's
column balancing wraps each paragraph at several widths) rejoined the halves without the
hyphen: "stateowned", "landuse" in the middle of a line."""

from __future__ import annotations

import functools
import io
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame

from briefing.pipeline import prepare
from briefing.reportlab_fonts import register_fonts
from briefing.writers.pdf.linebreak import WrappedOnce
from briefing.writers.pdf.styles import StyleSheet
from tests.conftest import ROOT, SAMPLE

sys.path.insert(0, str(ROOT / "bench"))
import typeset_audit  # noqa: E402

COMPOUND = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b")


def _compounds() -> set[str]:
    """The hyphenated compounds of the sample's English."""
    return set(COMPOUND.findall((SAMPLE / "briefing.yaml").read_text(encoding="utf-8")))


def _line_texts(pdf: bytes) -> list[str]:
    pages, _ = typeset_audit.read_lines(pdf)
    return [line.text for page in pages for line in page]


@pytest.mark.parametrize("theme", ["investor", "gov"])
def it_keeps_the_hyphens_of_compounds_in_the_parallel_layout(sample_edition, theme: str) -> None:
    compounds = _compounds()
    lines = _line_texts(sample_edition(theme, "parallel")["pdf"].read_bytes())
    joined = {c.replace("-", ""): c for c in compounds}
    lost = [(joined[word], line) for line in lines
            for word in re.findall(r"[A-Za-z]+", line) if word in joined]
    assert not lost, lost
    # not vacuous: compounds are drawn whole in the middle of lines
    assert any(c in line for c in compounds for line in lines)


def it_keeps_a_compounds_hyphen_when_wrapped_again_at_another_width() -> None:
    text = ("By consolidating and revitalizing state-owned assets and strengthening the "
            "<b>supervision</b> of land-use rights")  # markup: ReportLab's fragment lines
    prepared = prepare(SAMPLE, "gov")
    register_fonts(prepared.theme, frozenset(text) | {"-"})
    style = StyleSheet(prepared.theme).get("body", "en")
    for narrow in range(60, 300, 10):  # one of them breaks a compound at its hyphen
        paragraph = WrappedOnce(text, style)
        paragraph.wrap(float(narrow), 2000)
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=(1200, 400))
        frame = Frame(20, 20, 1100, 360, leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0)
        frame.addFromList([paragraph], canvas)  # wrapped again, all of it on one line
        canvas.save()
        lines = _line_texts(buffer.getvalue())
        assert len(lines) == 1, (narrow, lines)
        assert "state-owned" in lines[0] and "land-use" in lines[0], (narrow, lines[0])


def it_breaks_a_compound_only_with_three_letters_on_each_side_of_its_hyphen() -> None:
    # ReportLab's embedded hyphenation broke "E-|commerce" (the sample's gov/en page 6)
    hyphenator = StyleSheet(prepare(SAMPLE, "gov").theme).hyphenator
    assert list(hyphenator("E-commerce")) == []
    assert list(hyphenator("co-operate")) == [] and list(hyphenator("ready-to-go")) == [
        ("ready-", "to-go")]
    assert list(hyphenator("year-on-year")) == [("year-on-", "year"), ("year-", "on-year")]
    assert all(style.embeddedHyphenation == 0 for style in (
        StyleSheet(prepare(SAMPLE, "gov").theme).get(role, "en") for role in ("body", "heading1")))


# --- a paragraph with markup split across pages ------------------------------------------
# A footnote's marker (<super>) makes a paragraph of several fragments: ReportLab breaks
# those into "fragment words" and, for each part of a page split, breaks them again after
# rejoining the halves of each word it split; its rejoining stripped a compound's own
# hyphen ("startconstruction-on-land-acquisition", "majorpro-|ject" for "major-project").

GLOSSED = "The county deepened its Per-Mu Performance Evaluation<super>2</super> reform. "
COMPOUND_WORDS = ["major-project", "start-construction-on-land-acquisition", "state-owned",
                  "high-technology", "land-use", "three-year", "E-commerce", "mid-2026",
                  "computer-numerical-control", "first-quarter"]
PLAIN_WORDS = ["service", "window", "county", "government", "approval", "model", "and",
               "a", "the", "industrial", "enterprises", "development", "infrastructure",
               "construction", "of", "to", "manufacturing"]


def _read_back(markup: str, width: float, lines_per_page: int) -> list[str]:
    """The lines of the paragraph laid out `width` wide on pages of `lines_per_page` lines
    of the gov theme's English body, as the PDF draws them."""
    from reportlab.platypus import BaseDocTemplate, PageTemplate

    style = _gov_body(markup)
    frame = Frame(20, 20, width, style.leading * lines_per_page + 1, leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    buffer = io.BytesIO()
    template = BaseDocTemplate(buffer, pagesize=(width + 40, style.leading * 40),
                               pageTemplates=[PageTemplate("page", [frame])])
    template.build([WrappedOnce(markup, style)])
    pages, _ = typeset_audit.read_lines(buffer.getvalue())
    # the footnote's marker, set smaller on its own baseline, is left out (and the source
    # text read without it) (pdfium reads some hyphens at a line's end as U+FFFE)
    texts = ["".join(c.text for c in line.chars if c.size > 0.9 * style.fontSize)
             .replace("\ufffe", "-") for page in pages for line in page]
    return [text for text in texts if text.strip()]


def _without_marker(markup: str) -> str:
    return re.sub("<super>[^<]*</super>", "", markup)


@functools.cache
def _gov_prepared():  # type: ignore[no-untyped-def]
    return prepare(SAMPLE, "gov")


def _gov_body(markup: str):  # type: ignore[no-untyped-def]
    prepared = _gov_prepared()
    register_fonts(prepared.theme, frozenset(re.sub("<[^>]+>", "", markup)) | {"-"})
    return StyleSheet(prepared.theme).get("body", "en")


def _mismatch(source: str, lines: list[str]) -> str | None:
    """Where the lines read back differ from the source text, or None. A line may end in a
    hyphen the break added (inside a word) or in the word's own (a compound's); it ends
    at a space otherwise."""
    printed = "\n".join(line.strip() for line in lines)
    i = j = 0  # in printed, in source
    while i < len(printed) and j < len(source):
        if printed[i] == source[j]:
            i, j = i + 1, j + 1
            if printed[i - 1] == "-" and printed[i:i + 1] == "\n":
                i += 1  # a compound broken at its own hyphen
        elif printed[i] == "\n" and source[j] == " ":
            i, j = i + 1, j + 1
        elif printed[i:i + 2] == "-\n" and source[j - 1:j].isalpha() and source[j].isalpha():
            i += 2  # a hyphen the break added
        else:
            return f"{printed[max(i - 40, 0):i]}[{printed[i:i + 20]}] for " \
                   f"{source[max(j - 40, 0):j]}[{source[j:j + 20]}]"
    if i < len(printed) or j < len(source):
        return f"left over: {printed[i:]!r} / {source[j:]!r}"
    return None


def it_keeps_compounds_after_a_footnote_marker_across_page_breaks() -> None:
    text = (GLOSSED + "A dedicated major-project service window at the county government "
            "service centre and a start-construction-on-land-acquisition approval model have "
            "cut the time to register a business to less than half a working day.")
    source = _without_marker(text)
    split = 0
    for width in range(120, 420, 15):
        for lines_per_page in (3, 4, 5):
            lines = _read_back(text, float(width), lines_per_page)
            split += len(lines) > lines_per_page
            assert _mismatch(source, lines) is None, (width, lines_per_page,
                                                      _mismatch(source, lines))
    assert split > 20  # not vacuous: the paragraph went over pages


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.sampled_from(COMPOUND_WORDS + PLAIN_WORDS), min_size=12,
                      max_size=40),
       width=st.integers(min_value=90, max_value=400),
       lines_per_page=st.integers(min_value=3, max_value=6))
def it_reads_back_every_word_of_a_glossed_paragraph(words: list[str], width: int,
                                                    lines_per_page: int) -> None:
    text = GLOSSED + " ".join(words) + "."
    source = _without_marker(text)
    lines = _read_back(text, float(width), lines_per_page)
    assert _mismatch(source, lines) is None, (width, lines_per_page, _mismatch(source, lines))
