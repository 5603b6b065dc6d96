"""An English compound keeps its own hyphen wherever its line breaks fall. ReportLab breaks
a compound at its hyphen ("state-|owned", embedded hyphenation) and leaves its words of the
lines in the paragraph; breaking those again at another width (the parallel layout's
column balancing wraps each paragraph at several widths) rejoined the halves without the
hyphen: "stateowned", "landuse" in the middle of a line."""

from __future__ import annotations

import io
import re
import sys

import pytest
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
