"""The command line: outputs, exit codes, located errors, no traceback, nothing damaged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path = ROOT, **env_vars: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), **env_vars)
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120)


def it_builds_both_formats_into_the_output_folder(make_briefing, tmp_path: Path) -> None:
    folder = make_briefing(name="my-briefing")
    result = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "my-briefing.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "out" / "my-briefing.docx").read_bytes().startswith(b"PK")
    assert "wrote" in result.stdout


def it_builds_one_format_when_asked(make_briefing, tmp_path: Path, capsys) -> None:
    folder = make_briefing()
    assert main(["build", str(folder), "-o", str(tmp_path / "out"), "--format", "docx"]) == 0
    outputs = {p.name for p in (tmp_path / "out").iterdir()}
    assert "mini.docx" in outputs and "mini.pdf" not in outputs


def it_says_it_prepares_the_font_cache_once_per_cache(make_briefing, tmp_path: Path) -> None:
    # each theme has fonts of its own (subsets of its own): the first build of each, in a
    # run of several, said "preparing the font cache (once ...)" every time
    folder, cache = make_briefing(), str(tmp_path / "cache")
    said = []
    for theme in ("investor", "gov", "print"):
        result = run("build", str(folder), "--theme", theme, "--name", "{id}-{theme}",
                     "--format", "pdf", "-o", str(tmp_path / "out"), BRIEFING_CACHE_DIR=cache)
        assert result.returncode == 0, result.stderr
        said.append(result.stderr.count("preparing the font cache"))
    assert said == [1, 0, 0]


def it_checks_without_writing(make_briefing, tmp_path: Path, capsys) -> None:
    folder = make_briefing()
    assert main(["check", str(folder)]) == 0
    assert "OK" in capsys.readouterr().out
    assert not (Path.cwd() / "build" / "mini.pdf").exists()


def it_exits_1_with_located_errors_and_no_traceback(make_briefing, tmp_path: Path) -> None:
    folder = make_briefing()
    text = (folder / "briefing.yaml").read_text(encoding="utf-8")
    (folder / "briefing.yaml").write_text(text.replace("figure: signed_investment",
                                                      "figure: signed_investmnt"), "utf-8")
    result = run("check", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = text.splitlines().index("          figure: signed_investment") + 1
    assert (f"briefing.yaml:{line}: sections[0].blocks[2].callout.figure: unknown figure "
            "'signed_investmnt'") in result.stderr
    assert "hint: did you mean 'signed_investment'?" in result.stderr


@pytest.mark.parametrize("args", [["build"], ["frobnicate", "x"],
                                  ["build", "x", "--format", "odt"]])
def it_exits_2_on_usage_errors(args: list[str], capsys) -> None:
    assert main(args) == 2


def it_exits_1_for_a_folder_without_a_briefing(tmp_path: Path, capsys) -> None:
    assert main(["check", str(tmp_path)]) == 1
    assert "no briefing.yaml here" in capsys.readouterr().err


def it_leaves_existing_outputs_untouched_on_a_content_error(make_briefing, tmp_path: Path) -> None:
    folder = make_briefing()
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (folder / "figures.yaml").write_text("figures:\n  x: [", encoding="utf-8")
    assert main(["build", str(folder), "-o", str(out)]) == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def it_reports_an_unwritable_output_folder_without_a_traceback(make_briefing, tmp_path: Path,
                                                               capsys) -> None:
    folder = make_briefing()
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["build", str(folder), "-o", str(blocker / "out")]) == 4
    err = capsys.readouterr().err
    assert "cannot write" in err and "Traceback" not in err


def it_warns_when_a_glossary_term_is_translated_differently(make_briefing, tmp_path: Path,
                                                            capsys) -> None:
    folder = make_briefing()
    text = (folder / "briefing.yaml").read_text(encoding="utf-8")
    (folder / "briefing.yaml").write_text(text.replace('en: "Test District signed',
                                                      'en: "The test area signed'), "utf-8")
    assert main(["check", str(folder)]) == 0
    assert "'测试区' is in the Chinese but 'Test District' is not in the English" in \
        capsys.readouterr().err


@pytest.mark.parametrize("path, code, output", [("content/xicheng-2023", 0, "OK"),
                                                ("content/missing", 1, "nothing was written")])
def it_exits_fast_with_the_code_and_all_output(path: str, code: int, output: str) -> None:
    # the installed `briefing` script: os._exit after main(), skipping the interpreter's
    # teardown; the exit code and every printed line must still arrive
    script = (f"import sys; sys.argv = ['briefing', 'check', {path!r}]; "
              "from briefing.cli import run; run()")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)
    assert done.returncode == code
    assert output in done.stdout + done.stderr


def it_collects_garbage_less_often_while_it_builds(tmp_path: Path, monkeypatch) -> None:
    # a build frees nearly everything by reference counting: the cyclic collector runs ten
    # times less often while it builds, and the caller's settings are back afterwards
    import gc

    import briefing.cli

    during = []
    build_report = briefing.cli.build_report

    def spy(*args, **kwargs):
        during.append(gc.get_threshold())
        return build_report(*args, **kwargs)
    monkeypatch.setattr(briefing.cli, "build_report", spy)
    before = gc.get_threshold()
    assert main(["build", str(ROOT / "content" / "xicheng-2023"), "-o", str(tmp_path),
                 "--format", "pdf"]) == 0
    assert during == [(before[0] * 10, *before[1:])]
    assert gc.get_threshold() == before
