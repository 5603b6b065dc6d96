"""Chinese lines in the PDF read back: adjacent full-width punctuation compressed
("”“" takes 1.5 em, drawn with explicit character spacing), justified lines spaced only
between CJK characters and never over 0.08 em a gap."""

from __future__ import annotations

import io
import sys
from itertools import pairwise

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame

from briefing.writers.pdf.linebreak import ChineseParagraph
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import typeset_audit  # noqa: E402

SIZE = 10.0
pdfmetrics.registerFont(TTFont("cs-test", str(ROOT / "fonts" / "NotoSansSC-Regular.ttf")))


def lines(text: str, chars_per_line: int = 20, align: int = 0) -> list:  # type: ignore[type-arg]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 400))
    style = ParagraphStyle("t", fontName="cs-test", fontSize=SIZE, leading=14,
                           wordWrap="CJK", alignment=align)
    frame = Frame(50, 20, chars_per_line * SIZE, 360, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    frame.addFromList([ChineseParagraph(text, style, hanging=False)], canvas)
    canvas.save()
    pages, _ = typeset_audit.read_lines(buffer.getvalue())
    return pages[0]


def it_compresses_a_closing_quote_before_an_opening_one() -> None:
    [line] = lines("锚定省委“两个确保”“十大战略”")
    close, open_ = line.chars[9], line.chars[10]
    assert (close.text, open_.text) == ("”", "“")
    assert open_.left - close.left == SIZE / 2  # the closing quote's blank half is gone
    assert line.chars[-1].text == "”"


def it_spreads_a_justified_line_only_between_chinese_characters() -> None:
    found = lines("签约项目33个，总投资112.5亿元，" + "汉" * 30, chars_per_line=9,
                  align=TA_JUSTIFY)
    for line in found[:-1]:
        chars = line.visible()
        for a, b in pairwise(chars):
            gap = (b.left - a.right) / SIZE
            assert gap <= 0.08 + 1e-3, line.text
            if not ("\u3000" <= a.text <= "\u9fff" or "\uff00" <= a.text <= "\uffef"):
                assert abs(gap) < 1e-3, line.text  # no space inside 33 or 112.5


def it_fills_a_justified_line_before_a_number_and_its_units() -> None:
    # a number's units end at 年 or 以上: "2026年|年中", "1亿元以上|项目" (a cluster
    # "2026年年" or "1亿元以上项" did not fit, and the line before was left 3-5 em short,
    # spread at the cap so that it read as letter-spaced)
    for text, per_line in (("能电池及电池管理系统项目开工预计2026年年中全面达产。", 20),
                           ("招商图谱，力争全年新签约1亿元以上项目25余个，重点项目开工", 17)):
        found = lines(text, chars_per_line=per_line, align=TA_JUSTIFY)
        first = found[0]
        chars = first.visible()
        short = per_line * SIZE - (chars[-1].right - chars[0].left)
        assert short < 0.5 * SIZE, (first.text, short / SIZE)
        gaps = [(b.left - a.right) / SIZE for a, b in pairwise(chars)]
        assert max(gaps) < 0.08 - 1e-3, first.text  # within the cap: not letter-spaced
