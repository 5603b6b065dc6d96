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
    english_for_breaking,
    glue_number_phrases,
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


@pytest.mark.parametrize("width", range(2, 12))
def it_never_parts_the_two_dashes_of_a_dash(width: int) -> None:
    # clreq: a 破折号 "——" may start a line, never break in two; a cluster wider than a
    # line ("说——" in a line of two) is split by character, but not there
    broken = lines(HAN * 3 + "——" + HAN * 9 + "——" + HAN * 4, max_widths=(width,))
    pairs = zip(broken, broken[1:], strict=False)
    assert not any(a.endswith("—") and b.startswith("—") for a, b in pairs)


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


def it_keeps_a_percentage_point_figure_whole() -> None:
    text = "提高4.9个百分点，"
    assert "4.9个百分点，" in [text[a:b] for a, b in clusters(text)]


@pytest.mark.parametrize("pair,index", [("”“", 0), ("。”", 0), ("）、", 0), ("（“", 1)])
def it_compresses_adjacent_full_width_punctuation(pair: str, index: int) -> None:
    from briefing.clreq import compressed_widths
    widths = compressed_widths("汉" + pair + "汉", [1.0] * 4, 1.0)
    assert sum(widths) == 3.5 and widths[1 + index] == 0.5


def it_leaves_lone_punctuation_and_half_width_marks_alone() -> None:
    from briefing.clreq import compressed_widths
    assert compressed_widths("汉，汉“汉", [1.0] * 5, 1.0) == [1.0] * 5
    assert compressed_widths("汉”“汉", [1.0, 0.3, 0.3, 1.0], 1.0) == [1.0, 0.3, 0.3, 1.0]


def it_spaces_only_between_chinese_characters_up_to_the_cap() -> None:
    from briefing.clreq import JUSTIFY_CAP_EM, justify_gaps
    gaps, extra = justify_gaps("签约项目33个", 0.1, 1.0)
    assert gaps == [0, 1, 2]  # not inside 33, nor between 3 and 个
    assert extra == pytest.approx(0.1 / 3)
    _, extra = justify_gaps("签约项目33个", 2.0, 1.0)
    assert extra == JUSTIFY_CAP_EM


@pytest.mark.parametrize("typed,glued", [
    ("projects of RMB 100 million or more", "projects of RMB\u00a0100\u00a0million or more"),
    ("27.78 percentage points ahead", "27.78\u00a0percentage\u00a0points ahead"),
    ("▲ 8.08% year on year", "▲\u00a08.08% year on year"),
    ("334 mu of land in 2023", "334\u00a0mu of land in 2023"),
    ("In 2023 the 12 firms", "In 2023 the 12 firms"),  # a number alone: nothing to glue
])
def it_glues_a_typed_number_to_its_currency_arrow_and_scale(typed: str, glued: str) -> None:
    assert glue_number_phrases(typed) == glued
    # the figures' own glue loosened away from digits, the typed phrase glued
    assert english_for_breaking("more\u00a0than " + typed) == "more than " + glued
