"""The "did you mean" hint picks what a person most likely meant."""

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
