"""The "did you mean" hint picks what a person most likely meant."""

import pytest

from briefing.source.hints import did_you_mean


def it_prefers_two_letters_swapped_to_one_letter_wrong() -> None:
    assert did_you_mean("lable", ["table", "label", "title"]) == "did you mean 'label'?"


def it_ignores_case() -> None:
    assert did_you_mean("usd", ["CNY", "USD", "percent"]) == "did you mean 'USD'?"


def it_still_finds_a_letter_missing() -> None:
    assert did_you_mean("signed_project", ["signed_projects", "output"]) == \
        "did you mean 'signed_projects'?"


def it_says_nothing_when_nothing_is_close() -> None:
    assert did_you_mean("zzzz", ["table", "label"]) is None


@pytest.mark.parametrize(("typed", "meant"), [
    ("goverment", "gov"), ("government", "gov"), ("invest", "investor"), ("printer", "print")])
def it_finds_a_theme_typed_longer_or_cut_short(typed: str, meant: str) -> None:
    """difflib's ratio of 'goverment' to 'gov' is 0.5: a name the word begins with counts."""
    assert did_you_mean(typed, ["gov", "investor", "print"]) == f"did you mean '{meant}'?"


def it_finds_a_layout_cut_short() -> None:
    assert did_you_mean("par", ["stacked", "parallel", "zh", "en"]) == "did you mean 'parallel'?"


def it_prefers_a_close_spelling_to_a_shared_start() -> None:
    assert did_you_mean("investr", ["invoice", "investor"]) == "did you mean 'investor'?"


def it_does_not_take_one_or_two_letters_for_the_start_of_a_word() -> None:
    assert did_you_mean("in", ["investor", "print"]) is None
    assert did_you_mean("entry", ["zh", "en", "title"]) is None
