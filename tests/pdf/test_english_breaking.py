"""English lines in the PDF: hyphenated (pyphen, en_GB) rather than cut between letters,
ragged right where a column is too narrow to justify without gaps over 0.5 em, and a
figure's glued phrase broken only away from its number (clreq.loosen_no_break_spaces)."""

from __future__ import annotations

import io
import re
import sys
from itertools import pairwise

import pytest
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame

from briefing.clreq import glue_number_phrases, loosen_no_break_spaces
from briefing.pipeline import prepare
from briefing.reportlab_fonts import register_fonts
from briefing.writers.pdf.hyphenation import unit_words
from briefing.writers.pdf.linebreak import WrappedOnce
from briefing.writers.pdf.styles import StyleSheet, make_paragraph
from tests.conftest import ROOT, SAMPLE

sys.path.insert(0, str(ROOT / "bench"))
import typeset_audit  # noqa: E402

NBSP = "\u00a0"
HYPHENS = ("-", "\ufffe")  # pdfium reports a hyphen at a line end as U+FFFE
TEXT = ("Guided by Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era, "
        "Xicheng District has kept to the Two Assurances and the Ten Major Strategies set by "
        "the CPC Henan Provincial Committee, conscientiously implementing the requirements of "
        "stabilizing in the first year, gaining momentum in the second and taking shape in "
        "the third, with infrastructure, modernization and internationalization. ") * 2


@pytest.fixture(scope="module")
def styles() -> StyleSheet:
    prepared = prepare(SAMPLE, "gov")
    register_fonts(prepared.theme, frozenset(TEXT) | {NBSP, "-"})
    return StyleSheet(prepared.theme)


def lines(styles: StyleSheet, text: str, width: float, role: str = "body") -> list:  # type: ignore[type-arg]
    """The lines (audit Lines) of `text` set in the gov theme's English style."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(600, 2000))
    frame = Frame(20, 20, width, 1960, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0)
    frame.addFromList([make_paragraph(text, styles.get(role, "en"))], canvas)
    canvas.save()
    pages, _ = typeset_audit.read_lines(buffer.getvalue())
    return pages[0]


def words_of(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]+", text))


@pytest.mark.parametrize("width", [440.0, 260.0, 150.0])
def it_hyphenates_instead_of_cutting_words(styles: StyleSheet, width: float) -> None:
    found = lines(styles, TEXT, width)
    known = words_of(TEXT)
    for line, after in pairwise(found):
        text = line.text.rstrip()
        if text.endswith(HYPHENS):  # a hyphenation: the halves make a word of the text
            head = re.search(r"[A-Za-z]+$", text[:-1]).group()
            tail = re.match(r"[A-Za-z]+", after.text.lstrip()).group()
            assert head + tail in known or text[:-1].endswith(tuple(known)), (text, after.text)
        else:  # otherwise every line ends with a whole word
            last = re.findall(r"[A-Za-z]+", text)[-1]
            assert last in known, text
    if width < 300:
        assert any(line.text.rstrip().endswith(HYPHENS) for line in found)


@pytest.mark.parametrize("width", [440.0, 260.0, 150.0])
def it_never_justifies_a_gap_wider_than_half_an_em(styles: StyleSheet, width: float) -> None:
    for line in lines(styles, TEXT, width):
        chars = line.chars
        for k in range(1, len(chars) - 1):
            if chars[k].text == " ":
                after = next(c for c in chars[k:] if c.text.strip())
                assert (after.left - chars[k - 1].right) / line.size <= 0.5 + 1e-6, line.text


def it_breaks_a_glued_phrase_away_from_its_number(styles: StyleSheet) -> None:
    phrase = f"more{NBSP}than{NBSP}RMB{NBSP}740{NBSP}million"
    assert loosen_no_break_spaces(phrase) == f"more than RMB{NBSP}740{NBSP}million"
    found = [" ".join(line.text.split()) for line in lines(styles, phrase, 110, "table_number")]
    assert found == ["more than", "RMB 740 million"]


@pytest.mark.parametrize("width", [120.0, 150.0, 200.0])
def it_keeps_a_typed_amount_with_its_currency_and_scale(styles: StyleSheet, width: float) -> None:
    text = "Industrial projects of RMB 100 million or more started, 8 percentage points ahead"
    assert glue_number_phrases(text) == text.replace("RMB 100 million", "RMB\xa0100\xa0million") \
        .replace("8 percentage points", "8\xa0percentage\xa0points")
    found = [" ".join(line.text.split()) for line in lines(styles, text, width, "kpi_label")]
    assert any("RMB 100 million" in line for line in found), found
    assert any("8 percentage points" in line for line in found), found


def it_breaks_a_glued_phrase_wider_than_its_column_at_its_spaces(styles: StyleSheet) -> None:
    found = lines(styles, f"of RMB{NBSP}100{NBSP}million or more", 40, "kpi_label")
    assert all(line.chars[-1].right <= 20 + 40 + 0.5 for line in found), \
        [line.text for line in found]  # nothing sticks out of the column


# issue 18's review: "Bur-eau", "ad-ded", "sec-tor", "urb-an", "Statist-ics" (en_GB patterns,
# two letters a side), "RMB 100 mil-lion", "Of tar-get" in a column heading
BAD_BREAKS = ("Bur-", "ad-", "sec-", "urb-", "Statist-", "tar-", "mil-", "pro-", "do-", "in-")


@pytest.mark.parametrize("width", [90.0, 120.0, 150.0])
def it_hyphenates_with_three_letters_a_side_and_never_a_units_word(styles: StyleSheet,
                                                                   width: float) -> None:
    text = ("The Qingshan County Statistics Bureau added that the tertiary sector and the "
            "urban economy met the target: RMB 100 million in 28 projects, domestic "
            "and industrial investment.")
    found = lines(StyleSheet(styles.theme, unit_words([text])), text, width)
    assert len(found) > 4
    for line, after in pairwise(found):
        words = line.text.rstrip().split()
        if words and words[-1].endswith(HYPHENS):
            head = re.search(r"[A-Za-z]+$", words[-1][:-1]).group()
            tail = re.match(r"[A-Za-z]+", after.text.lstrip()).group()
            assert len(head) >= 3 and len(tail) >= 3, (line.text, after.text)
            assert len(head + tail) >= 7, (line.text, after.text)
            assert not words[-1].startswith(BAD_BREAKS), (line.text, after.text)
            assert not (len(words) > 1 and re.search(r"\d$", words[-2])), line.text  # a unit


@pytest.mark.parametrize("role", ["heading1", "heading2", "table_header", "title", "kpi_value"])
def it_never_hyphenates_headings_table_headers_and_figures(styles: StyleSheet, role: str) -> None:
    text = ("Of the target and the schedule of the Investment Promotion and Statistics of "
            "the Administration of the Municipal Development")
    hyphenated = {}
    for width in range(60, 260, 20):
        for kind in (role, "table_cell"):  # body text at these widths would be hyphenated
            found = lines(styles, text, float(width), kind)
            hyphenated.setdefault(kind, []).extend(
                line.text for line in found if line.text.rstrip().endswith(HYPHENS))
    assert hyphenated["table_cell"]
    assert not hyphenated[role], hyphenated[role]


@pytest.mark.parametrize("role", ["quote_attribution", "kpi_label"])
def it_never_hyphenates_a_line_set_right_or_centred(role: str) -> None:
    # an attribution ended "—— ... Govern-" with "ment" alone on the next line
    text = "—— Head of the Investment Promotion Bureau, Lanshan County People's Government"
    prepared = prepare(SAMPLE, "gov")
    register_fonts(prepared.theme, frozenset(text))
    sheet = StyleSheet(prepared.theme)
    style = sheet.get(role, "en")
    assert style.alignment in (TA_CENTER, TA_RIGHT)
    hyphenated = 0
    for width in range(120, 400, 9):
        lines = _drawn_lines(WrappedOnce(text, style), float(width))
        assert not any(line.rstrip().endswith(("-", "\ufffe")) for line in lines), (width, lines)
        body = _drawn_lines(WrappedOnce(text, sheet.get("body", "en")), float(width))
        hyphenated += any(line.rstrip().endswith(("-", "\ufffe")) for line in body)
    assert hyphenated  # not vacuous: the body style hyphenates this text at these widths


def _drawn_lines(paragraph, width: float) -> list[str]:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width + 40, 800))
    Frame(20, 20, width, 760, leftPadding=0, rightPadding=0, topPadding=0,
          bottomPadding=0).addFromList([paragraph], canvas)
    canvas.save()
    pages, _ = typeset_audit.read_lines(buffer.getvalue())
    return [line.text for line in pages[0]]
