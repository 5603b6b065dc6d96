"""For schedulers: one JSON result on stdout, timestamped logs, --quiet, --on-change, the
documented cron line and systemd units, and the exit codes in one table."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import errors
from briefing.cli import main
from tests.conftest import MINIMAL, ROOT, edit_briefing

DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d ")


def json_result(capsys, *args: str) -> tuple[int, dict, str]:  # type: ignore[no-untyped-def, type-arg]
    code = main(["build", *args, "--json"])
    said = capsys.readouterr()
    return code, json.loads(said.out), said.err  # the whole of stdout is one object


def stale(folder: Path) -> Path:
    """The briefing with a figure 929 days older than the edition: a warning."""
    figures = folder / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("as_of: 2023-12-31",
                                                          "as_of: 2021-06-30", 1), "utf-8")
    return folder


def it_prints_one_result_object_for_each_outcome(make_briefing, tmp_path: Path, capsys) -> None:
    folder, out = stale(make_briefing()), tmp_path / "out"
    code, result, err = json_result(capsys, str(folder), "-o", str(out))
    assert code == 0 and result["status"] == "built" and result["exit_code"] == 0
    assert result["written"] == result["outputs"] == [str(out / "mini.pdf"),
                                                      str(out / "mini.docx")]
    assert result["changed_figures"] == [] and result["errors"] == []
    assert result["changes_file"] == str(out / "mini.changes.json")
    assert set(result["durations_s"]) >= {"prepare", "pdf", "docx", "save", "total"}
    assert 0 < result["durations_s"]["total"] < 120
    [warning] = result["warnings"]
    assert "figure is 929 days older than the edition" in warning and warning in err

    code, result, _ = json_result(capsys, str(folder), "-o", str(out))
    assert code == 0 and result["status"] == "up to date" and result["written"] == []
    assert result["up_to_date"] == result["outputs"] and result["changes_file"] is None

    figures = folder / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 33", "value: 34"), "utf-8")
    code, result, _ = json_result(capsys, str(folder), "-o", str(out), "--format", "pdf")
    assert result["status"] == "built" and result["written"] == [str(out / "mini.pdf")]
    assert result["changed_figures"] == ["signed_projects"]

    edit_briefing(folder, "{{ signed_projects }}，", "{{ signed_projets }}，")
    code, result, err = json_result(capsys, str(folder), "-o", str(out))
    assert code == 1 and result["status"] == "failed" and result["exit_code"] == 1
    [problem] = result["errors"]
    assert problem["file"].endswith("briefing.yaml") and problem["line"] == 13
    assert "signed_projets" in problem["message"] and problem["hint"]
    assert result["outputs"] == [] and "1 error; nothing was written" in err


def it_says_nothing_but_errors_when_quiet(make_briefing, tmp_path: Path, capsys) -> None:
    folder, out = stale(make_briefing()), tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")  # no "wrote", no warning
    assert (out / "mini.pdf").is_file()
    # the warning is still in the result object
    code, result, err = json_result(capsys, str(folder), "-o", str(out), "--quiet", "--force")
    assert err == "" and "929 days" in result["warnings"][0]
    assert main(["build", str(folder), "-o", str(out), "--quiet", "--theme", "nope"]) == 1
    assert "unknown theme 'nope'" in capsys.readouterr().err


def it_timestamps_log_lines_when_stderr_is_not_a_terminal(make_briefing, capsys,
                                                          monkeypatch) -> None:
    folder = stale(make_briefing())
    monkeypatch.delenv("JOURNAL_STREAM", raising=False)
    main(["check", str(folder), "--theme", "nope"])
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all(STAMP.match(line) for line in lines), lines
    main(["check", str(folder), "-v"])
    lines = capsys.readouterr().err.splitlines()
    assert any(line.endswith("Step 1 - load_content " + str(folder)) for line in lines)
    assert all(STAMP.match(line) for line in lines if not line.startswith("  hint")), lines
    monkeypatch.setenv("JOURNAL_STREAM", "8:1234")  # systemd's journal dates lines itself
    main(["check", str(folder)])
    assert not STAMP.match(capsys.readouterr().err)
    monkeypatch.delenv("JOURNAL_STREAM")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # a person at a terminal
    main(["check", str(folder)])
    assert capsys.readouterr().err.startswith(str(folder))


HOOK = """\
import json, os, sys
record = {"argv": sys.argv[1:], "env": os.environ["BRIEFING_CHANGES"],
          "md": os.environ["BRIEFING_CHANGES_MD"], "outputs": os.environ["BRIEFING_OUTPUTS"]}
with open(sys.argv[2], "a", encoding="utf-8") as log:
    log.write(json.dumps(record) + "\\n")
print("the hook speaks")
sys.exit(int(sys.argv[1]))
"""


def it_runs_the_on_change_command_only_when_figures_changed(make_briefing, tmp_path: Path) -> None:
    folder, out, calls = make_briefing(), tmp_path / "out", tmp_path / "calls.jsonl"
    (tmp_path / "hook.py").write_text(HOOK, "utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))

    def build(status: int = 0) -> subprocess.CompletedProcess[str]:
        command = shlex.join([sys.executable, str(tmp_path / "hook.py"), str(status),
                              str(calls)])
        return subprocess.run([sys.executable, "-m", "briefing", "build", str(folder), "-o",
                               str(out), "--json", "--on-change", command], env=env,
                              capture_output=True, text=True, timeout=300)

    def calls_made() -> list[dict[str, str]]:
        return [json.loads(line) for line in calls.read_text("utf-8").splitlines()] \
            if calls.exists() else []

    assert build().returncode == 0 and calls_made() == []  # the first edition
    assert build().returncode == 0 and calls_made() == []  # up to date
    figures = folder / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 33", "value: 34"), "utf-8")
    done = build()
    assert done.returncode == 0, done.stderr
    changes = out / "mini.changes.json"
    [call] = calls_made()
    assert call["argv"][-1] == call["env"] == str(changes)
    assert call["md"] == str(out / "mini.changes.md")
    assert call["outputs"].splitlines() == [str(out / "mini.pdf"), str(out / "mini.docx")]
    assert json.loads(changes.read_text("utf-8"))["changed"][0]["id"] == "signed_projects"
    assert json.loads(done.stdout)["status"] == "built"  # the hook's words went to stderr
    assert "the hook speaks" in done.stderr
    # a failing command: the outputs are built, the exit code says the command failed
    figures.write_text(figures.read_text("utf-8").replace("value: 34", "value: 35"), "utf-8")
    done = build(status=3)
    assert done.returncode == errors.EXIT_ON_CHANGE == 6
    result = json.loads(done.stdout)
    assert result["status"] == "built" and result["changed_figures"] == ["signed_projects"]
    assert "exited with 3" in result["errors"][0]["message"]


def documented_cron_command() -> str:
    [line] = [line for line in (EXAMPLES / "crontab").read_text("utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    return line.split(None, 5)[5]  # after minute, hour, day, month, weekday


@pytest.mark.skipif(not Path("/bin/sh").exists() or not shutil.which("env"),
                    reason="cron runs its commands with /bin/sh")
def it_runs_the_documented_cron_line_in_crons_environment(tmp_path: Path) -> None:
    """The crontab's command as cron runs it: /bin/sh, HOME, LOGNAME, SHELL and
    PATH=/usr/bin:/bin only; /srv/briefings, the folder it names, is a temporary one."""
    srv, home = tmp_path / "srv", tmp_path / "home"
    (srv / "bin").mkdir(parents=True)
    home.mkdir()
    (srv / ".venv").symlink_to(Path(sys.executable).parents[1])
    shutil.copytree(MINIMAL, srv / "content" / "xicheng-2023")
    hook = srv / "bin" / "mail-changes"
    hook.write_text('#!/bin/sh\necho "$1 $BRIEFING_CHANGES" >> "$HOME/mailed"\n', "utf-8")
    hook.chmod(0o755)
    command = documented_cron_command().replace("/srv/briefings", str(srv))
    cron_env = ["env", "-i", f"HOME={home}", "LOGNAME=briefing", "SHELL=/bin/sh",
                "PATH=/usr/bin:/bin", "/bin/sh", "-c", command]

    def run() -> None:
        done = subprocess.run(cron_env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0 and done.stdout == done.stderr == "", done

    run()
    assert (srv / "public" / "xicheng-2023.pdf").is_file()
    assert (srv / "briefing.log").read_text("utf-8") == ""  # --quiet: nothing to mail
    assert list((home / ".cache" / "briefing").glob("*.bin"))  # the cron user's cache
    run()
    assert not (home / "mailed").exists()
    figures = srv / "content" / "xicheng-2023" / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 33", "value: 34"), "utf-8")
    run()
    changes = srv / "public" / "xicheng-2023.changes.json"
    assert (home / "mailed").read_text("utf-8") == f"{changes} {changes}\n"
    # a content error is logged, with a timestamp, and the exit code tells cron
    figures.write_text(figures.read_text("utf-8").replace("value: 34", "value: lots"), "utf-8")
    done = subprocess.run(cron_env, capture_output=True, text=True, timeout=300)
    assert done.returncode == errors.EXIT_CONTENT
    log = (srv / "briefing.log").read_text("utf-8").splitlines()
    assert log and all(STAMP.match(line) for line in log if not line.startswith("  ")), log


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="no systemd-analyze here")
def it_documents_a_systemd_service_and_timer_that_verify(tmp_path: Path) -> None:
    """systemd-analyze verify checks the units, the ExecStart program included; the folder
    the units name, /srv/briefings, is a temporary one with this checkout's .venv."""
    srv = tmp_path / "srv"
    srv.mkdir()
    (srv / ".venv").symlink_to(Path(sys.executable).parents[1])
    for name in ("briefing.service", "briefing.timer"):
        text = (EXAMPLES / name).read_text("utf-8")
        (tmp_path / name).write_text(text.replace("/srv/briefings", str(srv)), "utf-8")
    done = subprocess.run(["systemd-analyze", "verify", "--man=no",
                           str(tmp_path / "briefing.service"), str(tmp_path / "briefing.timer")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "briefing" not in done.stderr, done.stderr  # no complaint about our units
    service = (EXAMPLES / "briefing.service").read_text("utf-8")
    assert "ExecStart=/srv/briefings/.venv/bin/briefing build " in service
    assert "--json" in service  # the journal gets the result object


def it_documents_every_exit_code_in_one_table() -> None:
    text = (DOCS / "cli.md").read_text("utf-8")
    section = text[text.index("## Exit codes"):]
    documented = [int(code) for code in re.findall(r"^\| (\d+) \|", section, re.MULTILINE)]
    defined = sorted(v for k, v in vars(errors).items() if k.startswith("EXIT_"))
    assert documented == defined
    assert len(re.findall(r"^\| \d+ \|", text, re.MULTILINE)) == len(defined)  # one table
