"""Refusals and messages of the commands (issue 17, items 6-8): `--wait` below zero, `changes`
of a folder without an edition, a closed pipe, duplicate delegation ids; and every case
of tests/errors/ again, under the time and memory limit of this suite."""

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


@pytest.mark.parametrize("case", ERROR_CASES, ids=[c.stem for c in ERROR_CASES])
def it_refuses_each_error_case_within_the_limits(case: Path, tmp_path: Path) -> None:
    text = case.read_text("utf-8")
    folder = briefing_copy(tmp_path / "b", **({"figures": text} if case.name.startswith(
        "figures-") else {"briefing": text}))
    outcome = bounded(briefing.check, folder, seconds=10)
    assert outcome.kind == "ContentError" and outcome.problems
    assert all(line for _, line, *_ in outcome.problems), outcome.text
