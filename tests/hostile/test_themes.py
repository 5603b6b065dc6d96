"""Theme mistakes (issue 17): every one reported in one run, located in the theme file, and
the page geometry checked by `check`, so that a theme check accepts is one build lays out."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefing

from .bounded import bounded
from .themes import theme_project

FIVE_MISTAKES = [
    (r"margin_top_mm: 20", "margin_top_mm: 500"),                       # schema bound
    (r"(Normal: \{font: body, )size_pt: 10.5", r"\1size_pt: 1000000"),  # schema bound
    (r"(Normal: \{.*?)color: \$ink", r"\1color: $nope"),                 # unknown variable
    (r"(Normal English: \{base: Normal, )font: latin", r"\1font: latinx"),  # unknown font
    (r"(callout: \{.*?)band_width_pt: 4", r"\1band_width_pt: -4"),      # box bound
]


def _check(folder: Path):  # type: ignore[no-untyped-def]
    return bounded(briefing.check, folder, seconds=15)


def it_reports_every_mistake_of_a_theme_at_once(tmp_path: Path) -> None:
    """The issue's theme with 5 bad values reported 2."""
    edits = FIVE_MISTAKES
    outcome = _check(theme_project(tmp_path / "p", edits))
    assert outcome.kind == "ContentError", outcome.text
    fields = sorted(field for _, _, field, _, _ in outcome.problems)
    assert len(outcome.problems) == len(edits), outcome.text
    assert {file for file, *_ in outcome.problems} == {"edited.yaml"}
    assert all(line for _, line, *_ in outcome.problems), outcome.text
    assert "page.margin_top_mm" in fields and "styles.Normal.size_pt" in fields


@pytest.mark.parametrize("edits, field", [
    ([(r"margin_top_mm: 20", "margin_top_mm: 90"),
      (r"margin_bottom_mm: 22", "margin_bottom_mm: 90")],
     "page.margin_top_mm"),
    ([(r"margin_left_mm: 20", "margin_left_mm: 60"),
      (r"margin_right_mm: 20", "margin_right_mm: 60")],
     "page.margin_left_mm"),
    ([(r"(Normal: \{font: body, )size_pt: 10.5", r"\1size_pt: 96, left_indent_pt: 50")],
     "styles.Normal"),
    ([(r"(Normal: \{font: body, )", r"\1left_indent_pt: 150, first_line_indent_pt: 150, ")],
     "styles.Normal"),
], ids=["text-area-height", "text-area-width", "size-in-a-column", "indents"])
def it_checks_the_geometry(tmp_path: Path, edits: list[tuple[str, str]], field: str) -> None:
    """A 500 mm top margin passed check and failed build, blamed on briefing.yaml."""
    outcome = _check(theme_project(tmp_path / "p", edits))
    assert outcome.kind == "ContentError", outcome.text
    [(file, line, found, message, hint)] = outcome.problems
    assert (file, found) == ("edited.yaml", field) and line and hint


@pytest.mark.parametrize("edits", [
    [(r"leading_pt: [0-9.]+", "leading_pt: 72"), (r"margin_top_mm: 20", "margin_top_mm: 70"),
     (r"margin_bottom_mm: 22", "margin_bottom_mm: 67"),
     (r"margin_left_mm: 20", "margin_left_mm: 45"),
     (r"margin_right_mm: 20", "margin_right_mm: 45")],
    [(r"space_(before|after)_pt: [0-9.]+", r"space_\1_pt: 200")],
    [(r"padding_pt: [0-9.]+", "padding_pt: 40"), (r"band_width_pt: [0-9.]+", "band_width_pt: 30"),
     (r"border_width_pt: [0-9.]+", "border_width_pt: 10")],
    [(r"size_pt: [0-9.]+", "size_pt: 40")],
], ids=["largest-leading-smallest-page", "largest-spaces", "largest-boxes", "large-type"])
def it_builds_a_theme_that_check_accepts(tmp_path: Path, edits: list[tuple[str, str]]) -> None:
    folder = theme_project(tmp_path / "p", edits)
    assert bounded(briefing.check, folder).kind == "returned"
    outcome = bounded(_build, folder, "parallel", seconds=40)  # the narrowest columns
    assert outcome.kind == "returned", outcome.text


def _build(folder: Path, layout: str) -> int:
    return len(briefing.build(folder, folder / "out" / layout, layout=layout))
