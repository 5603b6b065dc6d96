"""The line-start and line-end rules against clreq's own lists, written out here (issue 17,
item 10), not read from the code's table: a table that lost a mark would pass a test that
compares it with itself.

W3C, "Requirements for Chinese Text Layout" (clreq), 3.1.7 "Prohibition rules for line
start and line end" (行首行尾禁则): pause and stop marks (点号), closing quotation marks and
brackets, connector marks (连接号), the interpunct (间隔号) and the solidus (分隔号) may not
start a line; opening quotation marks and brackets may not end one. The small kana,
iteration and prolonged-sound marks and the postfix units (％ ‰ ℃) follow the same rule
in CJK typesetting practice (JIS X 4051 / jlreq "characters not starting a line")."""

from __future__ import annotations

import pytest

from briefing.clreq import break_lines

HAN = "汉"

NOT_AT_LINE_START = {
    "pause and stop marks (点号)": "、，。：；？！",
    "closing quotation marks": "”’」』",
    "closing brackets": "）〕］｝〉》】〗〙",
    "connector marks (连接号)": "—–～",
    "interpunct (间隔号)": "·・",
    "solidus (分隔号)": "／",
    "ellipsis": "…‥",
    "postfix units": "％‰℃",
    "small kana, iteration and prolonged-sound marks": ("ぁぃぅぇぉっゃゅょゎ"
                                                        "ァィゥェォッャュョヮヵヶ々〻ー"),
    "half-width closing and stop marks": ",.;:?!)]}%",
}
NOT_AT_LINE_END = {
    "opening quotation marks": "“‘「『",
    "opening brackets": "（〔［｛〈《【〖〘",
    "half-width opening brackets": "([{",
}


def _lines(text: str) -> list[str]:
    widths = [0.5 if c.isascii() else 1.0 for c in text]
    found = break_lines(text, widths, (10.0,), False, ())
    assert "".join(text[line.start:line.end] for line in found) == text
    return [text[line.start:line.end] for line in found]


@pytest.mark.parametrize("mark", [m for marks in NOT_AT_LINE_START.values() for m in marks])
def it_never_starts_a_line_with(mark: str) -> None:
    # ten characters fill the line: the mark would be the first of the next one
    broken = _lines(HAN * 10 + mark + HAN * 12)
    assert all(not line.startswith(mark) for line in broken), broken
    assert broken[0] == HAN * 9 and broken[1].startswith(HAN + mark)


@pytest.mark.parametrize("mark", [m for marks in NOT_AT_LINE_END.values() for m in marks])
def it_never_ends_a_line_with(mark: str) -> None:
    # the mark would be the last of a full line: it goes on with what it opens
    broken = _lines(HAN * 9 + mark + HAN * 12)
    assert all(not line.rstrip().endswith(mark) for line in broken), broken
    assert broken[0] == HAN * 9 and broken[1].startswith(mark + HAN)
