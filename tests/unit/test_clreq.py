"""The clreq line-breaking rules on plain strings: every Han character and mark 1 wide,
Latin letters and spaces 0.5 wide, lines of 10 (no ReportLab, no font)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefing.clreq import (
    CANNOT_END,
    CANNOT_START,
    Line,
    break_lines,
    clusters,
    justified_characters,
)

HAN = "汉"
WIDTH = 10.0


def width_of(char: str) -> float:
    return 0.5 if char.isascii() else 1.0


def lines(text: str, hanging: bool = False, max_widths: tuple[float, ...] = (WIDTH,),
          line_breaks: tuple[int, ...] = ()) -> list[str]:
    found = break_lines(text, [width_of(c) for c in text], max_widths, hanging, line_breaks)
    assert "".join(text[line.start:line.end] for line in found) == text  # nothing lost
    return [text[line.start:line.end] for line in found]


def assert_well_broken(broken: list[str]) -> None:
    for line in broken:
        assert line[0] not in CANNOT_START, broken
        assert line.rstrip()[-1] not in CANNOT_END, broken


def it_fills_lines_up_to_their_width() -> None:
    assert lines(HAN * 25) == [HAN * 10, HAN * 10, HAN * 5]


def it_gives_the_first_line_its_own_width_and_later_lines_the_last_one() -> None:
    assert lines(HAN * 20, max_widths=(8, 5)) == [HAN * 8, HAN * 5, HAN * 5, HAN * 2]


@pytest.mark.parametrize("mark", sorted("，。、；：？！）》」』】〕…—”’%"))
def it_never_starts_a_line_with_closing_punctuation(mark: str) -> None:
    broken = lines(HAN * 10 + mark + HAN * 12)
    assert_well_broken(broken)
    assert broken[0] == HAN * 9  # a character goes along with the mark
    assert broken[1].startswith(HAN + mark)


@pytest.mark.parametrize("mark", sorted("（《「『【〔“‘"))
def it_never_ends_a_line_with_opening_punctuation(mark: str) -> None:
    broken = lines(HAN * 9 + mark + HAN * 12)
    assert_well_broken(broken)
    assert broken[0] == HAN * 9 and broken[1].startswith(mark + HAN)


@pytest.mark.parametrize("figure", ["112.5亿元", "46微克/立方米", "24.1%", "7244万元",
                                    "3452套", "2023年"])
def it_keeps_numbers_with_their_units(figure: str) -> None:
    for offset in range(1, 8):
        broken = lines(HAN * (10 - offset) + figure + "，" + HAN * 12)
        assert any(figure in line for line in broken), (offset, broken)
        assert_well_broken(broken)


def it_breaks_latin_words_only_at_spaces() -> None:
    broken = lines(HAN * 6 + "Xicheng District, R&D e-mail" + HAN * 12)
    words = {word.strip(HAN + " ,") for line in broken for word in line.split(" ")}
    assert {"Xicheng", "District", "R&D", "e-mail"} <= words, broken


def it_keeps_the_space_at_the_end_of_its_line() -> None:
    broken = lines("aaaaaaaaaaaaaaaaaa bbbb")  # 18 letters: 9 wide, the space fits
    assert broken == ["aaaaaaaaaaaaaaaaaa ", "bbbb"]


def it_hangs_one_closing_mark_into_the_margin_only_when_allowed() -> None:
    assert lines(HAN * 10 + "，" + HAN * 3, hanging=True) == [HAN * 10 + "，", HAN * 3]
    assert lines(HAN * 10 + "，" + HAN * 3) == [HAN * 9, HAN + "，" + HAN * 3]
    # never two marks: "。”" do not both hang
    assert lines(HAN * 10 + "。”" + HAN * 3, hanging=True)[0] == HAN * 9


def it_splits_a_cluster_longer_than_a_line_by_character() -> None:
    assert lines("A" * 50) == ["A" * 20, "A" * 20, "A" * 10]


def it_ends_a_line_after_the_cluster_of_a_line_break() -> None:
    found = break_lines(HAN * 6, [1.0] * 6, [WIDTH], line_breaks=(2,))
    assert found == [Line(0, 3, 3.0, forced=True), Line(3, 6, 3.0)]


def it_makes_one_empty_line_of_no_text() -> None:
    assert break_lines("", [], [WIDTH]) == [Line(0, 0, 0.0)]


def it_cuts_text_into_unbreakable_clusters() -> None:
    text = "总投资112.5亿元，“两个确保”R&D done"
    spans = [text[a:b] for a, b in clusters(text)]
    assert spans == ["总", "投", "资", "112.5亿元，", "“两", "个", "确", "保”", "R&D ", "done"]


def it_spreads_slack_between_all_but_trailing_spaces() -> None:
    assert justified_characters("汉字汉字  ") == 4
    assert justified_characters("Xicheng 区") == 9


def it_needs_no_typesetting_library() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, briefing.clreq; "
         "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'docx')))"],
        capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"
