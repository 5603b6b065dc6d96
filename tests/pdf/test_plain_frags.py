"""Paragraphs without markup skip ReportLab's markup parser (issue 9: a sixth of the PDF's
time): the fragment we make must be the one the parser makes."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from briefing.writers.pdf.styles import plain_frags

STYLE = ParagraphStyle("body", fontName="Helvetica", fontSize=10.5, leading=17,
                       textColor="#1D2A36", wordWrap="CJK")


@pytest.mark.parametrize("text", [
    "砥砺奋进，硕果累累。", "  Forging ahead,\n   with   determination  ",
    "112.5亿元 (RMB 11.25 billion)",
    "“两个确保”“十大战略”", "A\u00a0B\u2060C",
])
def it_makes_the_fragment_the_parser_makes(text: str) -> None:
    [made] = plain_frags(text, STYLE)
    _, parsed, _ = ParaParser().parse(cleanBlockQuotedText(text), STYLE)
    assert len(parsed) == 1 and vars(made) == vars(parsed[0])


@pytest.mark.parametrize("text", ["a &amp; b", "<b>bold</b>", "   ", ""])
def it_leaves_markup_entities_and_empty_text_to_the_parser(text: str) -> None:
    assert plain_frags(text, STYLE) is None
