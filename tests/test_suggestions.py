"""A theme or layout typed wrong gets "did you mean", wherever it is named: on the command
line, in briefing.yaml (tests/errors/unknown_theme_longer.yaml, unknown_layout.yaml) and in
a delegations file, located there by file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefing
from briefing.batch import build_edition
from briefing.cli import main
from briefing.content.delegations import load_delegations
from briefing.errors import ContentError
from tests.conftest import ROOT

DELEGATIONS = ROOT / "content" / "delegations.yaml"


@pytest.mark.parametrize(("typed", "meant"), [
    ("goverment", "gov"), ("government", "gov"), ("invest", "investor"), ("printer", "print")])
def it_suggests_the_theme_meant_on_the_command_line(make_briefing, capsys, typed: str,
                                                      meant: str) -> None:
    assert main(["check", str(make_briefing()), "--theme", typed]) == 1
    err = capsys.readouterr().err
    assert f"theme: unknown theme '{typed}'" in err
    assert f"hint: did you mean '{meant}'?" in err


def it_suggests_the_layout_meant_on_the_command_line(make_briefing, capsys) -> None:
    folder = make_briefing()
    assert main(["check", str(folder), "--layout", "side-by-side"]) == 2
    err = capsys.readouterr().err
    assert "unknown layout 'side-by-side'" in err and "did you mean" not in err
    assert main(["check", str(folder), "--layout", "paralel"]) == 2
    err = capsys.readouterr().err
    assert "unknown layout 'paralel'" in err and "did you mean 'parallel'?" in err
    assert "Traceback" not in err


def _delegations(tmp_path: Path, old: str, new: str) -> Path:
    text = DELEGATIONS.read_text("utf-8")
    assert old in text
    text = text.replace(old, new, 1).replace("briefing: xicheng-2023",
                                             f"briefing: {ROOT / 'content' / 'xicheng-2023'}")
    (tmp_path / "delegations.yaml").write_text(text, "utf-8")
    return tmp_path / "delegations.yaml"


def it_suggests_the_theme_meant_where_a_delegations_file_names_it(tmp_path: Path) -> None:
    file = _delegations(tmp_path, "    theme: investor\n", "    theme: goverment\n")
    batch = load_delegations(file)
    line = file.read_text("utf-8").splitlines().index("    theme: goverment") + 1
    result = build_edition(batch.briefing, batch.delegations[0], tmp_path / "out", ("pdf",))
    assert result.error is not None
    assert result.error.startswith(f"{file}:{line}: delegations[0].theme: unknown theme "
                                   "'goverment'"), result.error
    assert result.error.endswith("hint: did you mean 'gov'?"), result.error
    assert not (tmp_path / "out").exists()


def it_suggests_the_layout_meant_where_a_delegations_file_names_it(tmp_path: Path) -> None:
    file = _delegations(tmp_path, "    layout: parallel\n", "    layout: paralel\n")
    with pytest.raises(ContentError) as caught:
        load_delegations(file)
    [problem] = caught.value.diagnostics
    line = file.read_text("utf-8").splitlines().index("    layout: paralel") + 1
    assert (problem.file, problem.line, problem.field_path) == (file, line,
                                                              "delegations[0].layout")
    assert problem.hint == "did you mean 'parallel'?"


def it_suggests_the_layout_meant_through_the_api(make_briefing) -> None:
    with pytest.raises(ContentError) as caught:
        briefing.check(make_briefing(), layout="paralel")
    [problem] = caught.value.diagnostics
    assert (problem.field_path, problem.hint) == ("layout", "did you mean 'parallel'?")
    assert problem.message.startswith("unknown layout 'paralel'")
