"""Refusals and messages of the commands (issue 17, items 6-8): `--wait` below zero, `changes`
of a folder without an edition, a closed pipe, duplicate delegation ids, a character no
font has in a delegation's texts; and every case of tests/errors/ again, under the time
and memory limit of this suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import briefing
from briefing.cli import main
from briefing.content.delegations import load_delegations
from briefing.errors import ContentError

from .bounded import bounded
from .makers import briefing_copy

ROOT = Path(__file__).resolve().parents[2]
ERROR_CASES = sorted((ROOT / "tests" / "errors").glob("*.yaml"))


@pytest.mark.parametrize("wait", ["-1", "-0.5", "nan", "inf", "soon"])
def it_refuses_a_wait_that_is_not_zero_or_more_seconds(wait: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = briefing_copy(tmp_path / "b")
    assert main(["build", str(folder), "-o", str(tmp_path / "out"), "--wait", wait]) == 2
    assert "--wait" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def it_says_there_is_no_edition_to_compare_with(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """It said "First edition" and exited 0."""
    folder = briefing_copy(tmp_path / "b")
    assert main(["changes", str(folder), "-o", str(tmp_path / "nothing")]) == 2
    err = capsys.readouterr().err
    assert "no edition of b" in err and "build into it first" in err


def it_ends_quietly_when_the_reader_of_its_output_goes(tmp_path: Path) -> None:
    """`briefing changes --json | head`: "internal error" (exit 70) before."""
    folder = briefing_copy(tmp_path / "b")
    briefing.build(folder, tmp_path / "out")
    command = [sys.executable, "-m", "briefing", "changes", str(folder), "-o",
               str(tmp_path / "out"), "--json"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before anything is written
    err = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert b"internal error" not in err and b"Traceback" not in err


def it_locates_a_repeated_delegation_id(tmp_path: Path) -> None:
    file = tmp_path / "delegations.yaml"
    entry = "  - id: acme\n    name: {zh: 甲, en: A}\n    visit_date: 2024-03-12\n"
    file.write_text("briefing: ../b\ndelegations:\n" + entry + entry, "utf-8")
    with pytest.raises(ContentError) as caught:
        load_delegations(file)
    [problem] = caught.value.diagnostics
    assert problem.line == 6 and "first on line 3" in problem.message


def it_locates_a_repeated_delegation_id_in_a_spreadsheet(tmp_path: Path) -> None:
    file = tmp_path / "visits.csv"
    file.write_text("id,name_zh,name_en,visit_date\nacme,甲,A,2024-03-12\n"
                    "acme,乙,B,2024-03-13\n", "utf-8")
    with pytest.raises(ContentError) as caught:
        load_delegations(file, briefing_copy(tmp_path / "b"))
    [problem] = caught.value.diagnostics
    assert (problem.line, problem.field_path) == (3, "A3 delegations[1].id")
    assert "first on line 2" in problem.message and problem.hint


MISSING = "\U00013000"  # EGYPTIAN HIEROGLYPH A001: in none of the shipped fonts


def _batch_of(folder: Path, file: Path) -> list[tuple[str, str | None]]:
    from briefing.batch import run_batch

    report = run_batch(file, folder.parent / "out", ("pdf",), jobs=1,
                       briefing=folder if file.suffix == ".csv" else None)
    return [(r.delegation, r.error) for r in report.results]


@pytest.mark.parametrize("field", ["name.en", "organisation.zh", "greeting.en",
                                   "contact.title.zh", "contact.phone"])
def it_locates_a_character_no_font_has_in_a_delegation(tmp_path: Path, field: str) -> None:
    """It was blamed on the briefing's cover (briefing.yaml:2)."""
    folder = briefing_copy(tmp_path / "b")
    values = {"name.en": "A", "organisation.zh": "甲公司", "greeting.en": "Welcome",
              "contact.title.zh": "主任", "contact.phone": "+86 1"}
    values[field] = values[field] + MISSING
    file = tmp_path / "visits.yaml"
    file.write_text(f"""briefing: b
delegations:
  - id: good
    name: {{zh: 乙, en: B}}
    visit_date: 2024-03-12
  - id: acme
    name: {{zh: 甲, en: "{values['name.en']}"}}
    organisation: {{zh: "{values['organisation.zh']}", en: A Ltd}}
    visit_date: 2024-03-12
    greeting:
      zh: 欢迎
      en: "{values['greeting.en']}"
    contact:
      name: {{zh: 王芳, en: Wang Fang}}
      title:
        zh: "{values['contact.title.zh']}"
        en: Director
      phone: "{values['contact.phone']}"
""", "utf-8")
    lines = file.read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if MISSING in text)
    outcome = bounded(_batch_of, folder, file, seconds=30)
    assert outcome.kind == "returned", outcome.text
    (good, fine), (acme, error) = outcome.value
    assert fine is None and acme == "acme" and error is not None
    assert error.startswith(f"{file}:{line}: delegations[1].{field}: character '{MISSING}'"), \
        error
    assert "hint: replace the character" in error


def it_locates_an_unknown_theme_of_a_delegation(tmp_path: Path) -> None:
    """It was reported as 'theme: unknown theme', as if typed on the command line."""
    folder = briefing_copy(tmp_path / "b")
    file = tmp_path / "visits.yaml"
    file.write_text("""briefing: b
delegations:
  - id: good
    name: {zh: 乙, en: B}
    visit_date: 2024-03-12
  - id: acme
    name: {zh: 甲, en: A}
    visit_date: 2024-03-12
    theme: goverment
""", "utf-8")
    outcome = bounded(_batch_of, folder, file, seconds=30)
    assert outcome.kind == "returned", outcome.text
    (_, fine), (_, error) = outcome.value
    assert fine is None and error is not None
    assert error.startswith(f"{file}:9: delegations[1].theme: unknown theme 'goverment'"), error


def it_locates_a_character_no_font_has_in_a_delegation_spreadsheet(tmp_path: Path) -> None:
    folder = briefing_copy(tmp_path / "b")
    file = tmp_path / "visits.csv"
    file.write_text(f"id,name_zh,name_en,visit_date\nacme,甲,A{MISSING},2024-03-12\n",
                    "utf-8")
    outcome = bounded(_batch_of, folder, file, seconds=30)
    assert outcome.kind == "returned", outcome.text
    [(_, error)] = outcome.value
    assert error is not None and f"{file}:2: C2 delegations[0].name.en: character" in error


@pytest.mark.parametrize("case", ERROR_CASES, ids=[c.stem for c in ERROR_CASES])
def it_refuses_each_error_case_within_the_limits(case: Path, tmp_path: Path) -> None:
    text = case.read_text("utf-8")
    folder = briefing_copy(tmp_path / "b", **({"figures": text} if case.name.startswith(
        "figures-") else {"briefing": text}))
    outcome = bounded(briefing.check, folder, seconds=10)
    assert outcome.kind == "ContentError" and outcome.problems
    assert all(line for _, line, *_ in outcome.problems), outcome.text
