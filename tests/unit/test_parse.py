"""parse_model: pydantic errors as Diagnostics whose hints come from the file's own words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.errors import ContentError
from briefing.theme.resolve import resolve_theme

ROOT = Path(__file__).resolve().parents[2]


def theme_problems(tmp_path: Path, text: str) -> list[str]:
    styles = tmp_path / "styles"
    shutil.copytree(ROOT / "styles", styles)
    (styles / "typo.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        resolve_theme("typo", [styles], [ROOT / "fonts"])
    return [d.format(relative_to=tmp_path) for d in caught.value.diagnostics]


def it_suggests_a_theme_attribute_for_a_misspelt_one(tmp_path: Path) -> None:
    # the hint comes from the theme's fields, not the content file's (which have no 'color')
    problems = theme_problems(tmp_path, "extends: investor\nstyles:\n"
                              "  Body Text: {colour: '#000000'}\n")
    assert problems == ["styles/typo.yaml:3: styles.Body Text.colour: unknown field 'colour'"
                        "\n  hint: did you mean 'color'?"]


def it_calls_a_theme_attribute_in_the_wrong_place_an_indentation_mistake(
        tmp_path: Path) -> None:
    problems = theme_problems(tmp_path, "extends: investor\nsize_pt: 11\n")
    assert problems == ["styles/typo.yaml:2: size_pt: 'size_pt' does not belong here"
                        "\n  hint: check the indentation"]
