"""Warnings that `check` prints and `--strict` turns into errors: typed numbers, figures that
differ between the languages, stale figures, glossary drift."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

import briefing
from briefing.cli import main
from briefing.errors import ContentError
from tests.conftest import SAMPLE


def warnings_of(folder: Path) -> list[str]:
    """The warnings, as --strict reports them: errors."""
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
    assert any("briefing.yaml:13: sections[0].blocks[0].paragraph.zh: the number "
               "112.5 is typed in the text" in m for m in found), found


@pytest.mark.parametrize("not_figures, zh, en, flagged", [
    # a year does not cover the same digits inside another number
    (["2025"], "2025年力争签约25个", "In 2025, 25 signings",
     ["zh: the number 25", "en: the number 25"]),
    (["20"], "2020年与20.5", "In 2020 and 20.5", ["zh: the number 20.5", "zh: the number 2020",
                                             "en: the number 20.5", "en: the number 2020"]),
    # a number with a unit is typed with or without the space: flagged alike in both
    ([], "年产20GWh", "20 GWh a year", ["zh: the number 20", "en: the number 20"]),
    (["2026"], "年产20GWh，2026年达产", "20 GWh a year by 2026",
     ["zh: the number 20", "en: the number 20"]),
    # a number alone covers it with its unit glued on
    (["20"], "年产20GWh", "20 GWh a year", []),
    # a number with its unit covers that phrase, with or without the space, and only it
    (["20 GWh"], "年产20GWh", "20 GWh a year", []),
    (["20GWh"], "年产20 GWh", "20 GWh a year, 20 lines", ["en: the number 20"]),
    (["PM2.5", "S510"], "PM2.5与S510", "PM2.5. S510 and 510", ["en: the number 510"]),
])
def it_matches_not_figures_as_whole_numbers_and_phrases(make_briefing, not_figures: list[str],
                                                        zh: str, en: str,
                                                        flagged: list[str]) -> None:
    paragraph = f"{{zh: {json.dumps(zh, ensure_ascii=False)}, en: {json.dumps(en)}}}"
    folder = edited(make_briefing, "      - kpis:",
                    f"      - paragraph: {paragraph}\n      - kpis:")
    text = (folder / "briefing.yaml").read_text("utf-8")
    (folder / "briefing.yaml").write_text(f"not_figures: {not_figures!r}\n" + text, "utf-8")
    if not flagged:
        briefing.check(folder, strict=True)
        return
    found = warnings_of(folder)
    assert all("briefing.yaml:16: sections[0].blocks[1].paragraph." in m
               for m in found), found
    assert sorted(m.split("paragraph.")[1].split(" is typed")[0] for m in found) == sorted(flagged)


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
    said = [line for line in capsys.readouterr().err.splitlines() if "929 days" in line]
    assert len(said) == 2 and all("figures.yaml:" in line and ": warning: figures." in line
                                  for line in said), said
    assert main(["check", str(folder), "--strict"]) == 1
    # errors now: said as errors, and counted as the total counts them
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(" ", 1)[1] for line in lines if "929 days" in line] == [
        line.split(" ", 1)[1].replace(" warning: ", " ") for line in said]
    assert not [line for line in lines if "warning:" in line]
    assert lines[-1].endswith(" 2 errors; nothing was written")


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
    assert any("briefing.yaml:12: sections[0].blocks[0].paragraph: '测试区' is in "
               "the Chinese but 'Test District' is not in the English" in m for m in found), found
