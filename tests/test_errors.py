"""Every case in tests/errors/ reports exactly the diagnostics declared in its comments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import briefing
from briefing.errors import ContentError
from tests.conftest import problems_of

CASES = sorted((Path(__file__).parent / "errors").glob("*.yaml"))
_DECLARED = re.compile(r"\s*# (error|hint): (.*)")


def declared(case: Path) -> list[tuple[int, str, str | None]]:
    """(line, 'field: message', hint) for each `# error:` comment."""
    expected: list[tuple[int, str, str | None]] = []
    pending: list[list[str | None]] = []
    for number, line in enumerate(case.read_text(encoding="utf-8").splitlines(), start=1):
        match = _DECLARED.match(line)
        if match and match.group(1) == "error":
            pending.append([match.group(2), None])
        elif match:
            pending[-1][1] = match.group(2)
        elif line.strip() and not line.strip().startswith("#"):
            expected += [(number, str(text), hint) for text, hint in pending]
            pending = []
    return expected


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def it_reports_each_declared_problem_at_its_line(case: Path, make_briefing) -> None:
    if case.name.startswith("figures-"):
        folder = make_briefing(figures_yaml=case.read_text(encoding="utf-8"))
        reported_file = "figures.yaml"
    else:
        folder = make_briefing(briefing_yaml=case.read_text(encoding="utf-8"))
        reported_file = "briefing.yaml"
    diagnostics = problems_of(folder)
    reported = sorted((d.line or 0, f"{d.field_path}: {d.message}", d.hint)
                      for d in diagnostics)
    assert reported == sorted(declared(case))
    assert {d.file.name for d in diagnostics if d.file} == {reported_file}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def it_reports_the_problems_in_line_order(case: Path, make_briefing) -> None:
    kind = "figures_yaml" if case.name.startswith("figures-") else "briefing_yaml"
    folder = make_briefing(**{kind: case.read_text(encoding="utf-8")})
    lines = [d.line or 0 for d in problems_of(folder)]
    assert lines == sorted(lines)


# what pydantic, PyYAML and Jinja say in their own words: never shown to a user
LIBRARY_WORDING = re.compile(
    r"Input should|after validation|Field required|Value error|valid dictionary|instance of|"
    r"Extra inputs|List should|String should|unable to (parse|interpret)|Assertion failed|"
    r"<block end>|<scalar>|<block mapping|<block sequence|while parsing|while scanning|"
    r"pydantic|jinja|expected token|outside expected range|is undefined|end of print|"
    r"end of template|is unsafe|object", re.IGNORECASE)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def it_words_every_message_in_its_own_terms(case: Path, make_briefing) -> None:
    kind = "figures_yaml" if case.name.startswith("figures-") else "briefing_yaml"
    folder = make_briefing(**{kind: case.read_text(encoding="utf-8")})
    for diagnostic in problems_of(folder):
        text = f"{diagnostic.message} {diagnostic.hint or ''}"
        assert not LIBRARY_WORDING.search(text), text


def it_reports_mistakes_stage_by_stage_as_the_docs_say(make_briefing) -> None:
    """docs/content-format.md: every error of a stage at once, a stage only when the ones
    before it found nothing. One mistake of each stage, fixed round by round."""
    folder = make_briefing()
    briefing_yaml, figures_yaml = folder / "briefing.yaml", folder / "figures.yaml"

    def edit(file: Path, old: str, new: str) -> None:
        text = file.read_text("utf-8")
        assert old in text
        file.write_text(text.replace(old, new, 1), "utf-8")

    edit(briefing_yaml, "theme: investor", "theme: investr")  # the theme
    edit(briefing_yaml, "kpis: [signed_projects, signed_investment]",
         "kpis: [signed_projects, signed_investmnt]")  # what a block names
    edit(briefing_yaml, "总投资{{ signed_investment }}。",
         "总投资{{ signed_investmen }}，112.5亿元。")  # a text, and a typed number
    edit(briefing_yaml, "caption: {zh: 主要指标", "captoin: {zh: 主要指标")  # a field
    edit(briefing_yaml, "      - bullets:", "      - style: Body Txt\n        bullets:")
    edit(figures_yaml, "    value: 33\n", "    value: 33\n    valeu: 3\n")

    def round_(strict: bool = False) -> list[str]:
        with pytest.raises(ContentError) as caught:
            briefing.check(folder, strict=strict)
        return [f"{d.file.name if d.file else ''}:{d.line}: {d.message}"
                for d in caught.value.diagnostics]

    # the content: every file's fields and every text, at once
    assert round_() == ["briefing.yaml:13: unknown figure 'signed_investmen'",
                        "briefing.yaml:20: unknown field 'captoin'",
                        "figures.yaml:5: unknown field 'valeu'"]
    edit(briefing_yaml, "captoin:", "caption:")
    edit(figures_yaml, "    valeu: 3\n", "")
    # the fields right, what the blocks name is checked too, with the texts
    assert round_() == ["briefing.yaml:13: unknown figure 'signed_investmen'",
                        "briefing.yaml:15: unknown figure 'signed_investmnt'"]
    edit(briefing_yaml, "signed_investmnt]", "signed_investment]")
    edit(briefing_yaml, "{{ signed_investmen }}", "{{ signed_investment }}")
    assert round_() == ["briefing.yaml:1: unknown theme 'investr' (available: gov, investor, "
                        "print)"]
    edit(briefing_yaml, "theme: investr", "theme: investor")
    assert round_() == ["briefing.yaml:22: unknown style 'Body Txt' (theme investor)"]
    edit(briefing_yaml, "style: Body Txt", "style: Body Text")
    briefing.check(folder)  # the warnings last: errors only with strict
    assert round_(strict=True) == ["briefing.yaml:13: the number 112.5 is typed in the text"]
