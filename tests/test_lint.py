"""Warnings that `check` prints and `--strict` turns into errors: typed numbers, figures that
differ between the languages, stale figures, glossary drift."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import briefing
from briefing.cli import main
from briefing.errors import ContentError
from tests.conftest import SAMPLE


def warnings_of(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        briefing.check(folder, strict=True)
    return [d.format() for d in caught.value.diagnostics]


def edited(make_briefing, old: str, new: str, file: str = "briefing.yaml") -> Path:
    folder = make_briefing()
    text = (folder / file).read_text("utf-8")
    assert old in text
    (folder / file).write_text(text.replace(old, new), "utf-8")
    return folder


def it_passes_the_sample_with_no_warning(caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="briefing"):
        briefing.check(SAMPLE, strict=True)
    assert not caplog.records


def it_flags_a_number_typed_in_the_text(make_briefing) -> None:
    folder = edited(make_briefing, "总投资{{ signed_investment }}", "总投资112.5亿元")
    found = warnings_of(folder)
    assert any("briefing.yaml:13: warning: sections[0].blocks[0].paragraph.zh: the number "
               "112.5 is typed in the text" in m for m in found), found


def it_flags_a_text_whose_languages_quote_different_figures(make_briefing) -> None:
    folder = edited(make_briefing, "with a total investment of {{ signed_investment }}",
                    "with {{ signed_projects.label }}")
    found = warnings_of(folder)
    assert any("the Chinese and the English quote different figures: signed_investment" in m
               for m in found), found


def it_flags_stale_figures_and_fails_under_strict(make_briefing, capsys) -> None:
    folder = edited(make_briefing, "    as_of: 2023-12-31\n    source: {zh: 测试区统计局, en: Test",
                    "    as_of: 2021-06-30\n    source: {zh: 测试区统计局, en: Test",
                    file="figures.yaml")
    assert main(["check", str(folder)]) == 0  # a warning only
    assert "figure is 929 days older than the edition" in capsys.readouterr().err
    assert main(["check", str(folder), "--strict"]) == 1


@pytest.mark.parametrize("old, new, reads, hint", [
    ("新签约项目{{ signed_projects }}，", "新签约项目{{ signed_projects }}个，", "33个个",
     "write {{ signed_projects.number }}个, or drop '个'"),
    ("总投资{{ signed_investment }}。", "总投资{{ signed_investment }}元。", "112.5亿元元",
     "write {{ signed_investment.number }}元, or drop '元'"),
    ("signed {{ signed_projects }} with", "signed {{ signed_projects }} of them with",
     "33 projects of them", "write {{ signed_projects.number }} of them, or drop 'of them'"),
    ("signed {{ signed_projects }} with", "signed {{ signed_projects }} projects with",
     "33 projects projects", "write {{ signed_projects.number }} projects, or drop 'projects'"),
    ("investment of {{ signed_investment }}", "investment of RMB {{ signed_investment }}",
     "RMB RMB 11.25 billion", "write RMB {{ signed_investment.number }}, or drop 'RMB'"),
])
def it_flags_a_unit_written_again_after_a_figure(make_briefing, old: str, new: str, reads: str,
                                                  hint: str) -> None:
    folder = edited(make_briefing, old, new)
    with pytest.raises(ContentError) as caught:
        briefing.check(folder, strict=True)
    found = [(d.message, d.hint) for d in caught.value.diagnostics]
    assert found == [(f"'{{{{ {new.split('{{ ')[1].split(' }}')[0]} }}}}' prints its unit "
                      f"already: this reads '{reads}'", hint)]


def it_builds_what_the_unit_lint_suggests(make_briefing, tmp_path) -> None:
    from tests.conftest import pdf_text
    folder = edited(make_briefing, "新签约项目{{ signed_projects }}，",
                    "新签约项目{{ signed_projects.number }}个，")
    briefing.check(folder, strict=True)
    pdf = "".join(pdf_text(next(p for p in briefing.build(folder, tmp_path / "o")
                                if p.suffix == ".pdf")))
    assert "新签约项目33个，" in pdf.replace("\n", "") and "33个个" not in pdf


def it_names_the_block_where_a_glossary_term_lost_its_english(make_briefing) -> None:
    """It named the field `glossary`, which was not where the term was written."""
    folder = edited(make_briefing, 'en: "Test District signed', 'en: "The test area signed')
    found = warnings_of(folder)
    assert any("briefing.yaml:12: warning: sections[0].blocks[0].paragraph: '测试区' is in "
               "the Chinese but 'Test District' is not in the English" in m for m in found), found
