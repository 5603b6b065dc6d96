"""Scheduled rebuilds: outputs rebuilt only when an input changed, one run per output folder
at a time, and a run killed at any moment leaves the previous outputs whole."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.incremental import output_lock
from tests.conftest import ROOT, SAMPLE


def built(capsys, *args: str) -> tuple[int, str]:
    code = main(["build", *args])
    return code, capsys.readouterr().out


def it_skips_outputs_whose_inputs_did_not_change(make_briefing, tmp_path: Path, capsys) -> None:
    folder, out = make_briefing(), tmp_path / "out"
    code, said = built(capsys, str(folder), "-o", str(out))
    assert code == 0 and said.count("wrote") == 2
    code, said = built(capsys, str(folder), "-o", str(out))
    assert code == 0 and said.count("up to date") == 2 and "wrote" not in said
    # a changed figure rebuilds both formats
    figures = folder / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 33", "value: 34"), "utf-8")
    code, said = built(capsys, str(folder), "-o", str(out))
    assert said.count("wrote") == 2
    # a damaged output is rebuilt; --force rebuilds everything
    (out / "mini.pdf").write_bytes(b"damaged")
    code, said = built(capsys, str(folder), "-o", str(out), "--format", "pdf")
    assert "wrote" in said and (out / "mini.pdf").read_bytes().startswith(b"%PDF")
    code, said = built(capsys, str(folder), "-o", str(out), "--force")
    assert said.count("wrote") == 2


def it_rebuilds_when_the_theme_or_layout_changes(make_briefing, tmp_path: Path, capsys) -> None:
    folder, out = make_briefing(), tmp_path / "out"
    built(capsys, str(folder), "-o", str(out), "--format", "pdf")
    code, said = built(capsys, str(folder), "-o", str(out), "--format", "pdf", "--layout", "en")
    assert "wrote" in said
    code, said = built(capsys, str(folder), "-o", str(out), "--format", "pdf", "--theme", "print")
    assert "wrote" in said


def it_waits_for_another_run_then_says_the_folder_is_busy(make_briefing, tmp_path: Path,
                                                          capsys) -> None:
    out = tmp_path / "out"
    with output_lock(out, wait_s=0):
        code = main(["build", str(make_briefing()), "-o", str(out), "--wait", "0.5"])
    assert code == 5
    assert "another briefing build is writing to" in capsys.readouterr().err
    assert not (out / "mini.pdf").exists()


def valid(pdf: Path, docx: Path) -> bool:
    data = pdf.read_bytes()
    with zipfile.ZipFile(docx) as package:
        return data.startswith(b"%PDF") and b"%%EOF" in data[-64:] and \
            package.testzip() is None


@pytest.mark.parametrize("delay", [0.4, 0.8, 1.2, 1.6])
def it_keeps_the_previous_outputs_when_a_run_is_killed(delay: float, tmp_path: Path,
                                                       sample_build: dict[str, Path]) -> None:
    out = tmp_path / "out"
    shutil.copytree(sample_build["pdf"].parent, out)  # the previous run's outputs and manifest
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    command = [sys.executable, "-m", "briefing", "build", str(SAMPLE), "-o", str(out)]
    pdf, docx = out / "xicheng-2023.pdf", out / "xicheng-2023.docx"
    run = subprocess.Popen([*command, "--force"], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    time.sleep(delay)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    assert valid(pdf, docx)  # the old files, or the new ones: never a half-written file
    # the next run recovers: no lock left behind, leftovers removed, outputs whole
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert valid(pdf, docx)
    assert not list(out.glob(".*.tmp"))


def it_reports_the_figures_that_changed_since_the_last_edition(make_briefing, tmp_path: Path,
                                                               capsys) -> None:
    import json
    folder, out = make_briefing(), tmp_path / "out"
    built(capsys, str(folder), "-o", str(out))
    assert "First edition" in (out / "mini.changes.md").read_text("utf-8")
    figures = folder / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 11250000000",
                                                          "value: 12000000000"), "utf-8")
    # before building: `briefing changes` says what the next edition will change
    assert main(["changes", str(folder), "-o", str(out)]) == 0
    preview = capsys.readouterr().out.replace("\u00a0", " ")
    assert "| 新签约项目总投资 / Total investment of newly signed projects | " \
           "112.5亿元 / RMB 11.25 billion | 120亿元 / RMB 12 billion | 增长6.7% / up 6.7% |" \
           in preview
    assert "招商引资 / Investment Promotion" in preview  # the section that quotes it
    built(capsys, str(folder), "-o", str(out))
    report = json.loads((out / "mini.changes.json").read_text("utf-8"))
    [change] = report["changed"]
    assert change["id"] == "signed_investment" and change["old"]["value"] == "11250000000"
    assert change["new"]["value"] == "12000000000"
    assert change["sections"] == [{"zh": "招商引资", "en": "Investment Promotion"}]
    # nothing changed since: the next build says so
    built(capsys, str(folder), "-o", str(out), "--force")
    assert "No figure changed" in (out / "mini.changes.md").read_text("utf-8")


def it_writes_a_redlined_docx_with_the_changed_figures_as_tracked_changes(make_briefing,
                                                                          tmp_path: Path,
                                                                          capsys) -> None:
    import docx as python_docx
    from docx.oxml.ns import qn

    folder, out = make_briefing(), tmp_path / "out"
    built(capsys, str(folder), "-o", str(out), "--publish")
    figures = folder / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 11250000000",
                                                          "value: 12000000000"), "utf-8")
    code, said = built(capsys, str(folder), "-o", str(out), "--redline")
    assert code == 0 and "wrote" in said and "mini.redline.docx" in said
    body = python_docx.Document(str(out / "mini.redline.docx")).element.body
    deleted = ["".join(t.text for t in e.iter(qn("w:delText"))) for e in body.iter(qn("w:del"))]
    inserted = ["".join(t.text for t in e.iter(qn("w:t"))) for e in body.iter(qn("w:ins"))]
    assert "112.5" in deleted and "120" in inserted  # 112.5亿元 -> 120亿元
    assert "11.25" in deleted and "12" in inserted  # RMB 11.25 billion -> RMB 12 billion
    change = next(body.iter(qn("w:ins")))
    assert change.get(qn("w:author")).startswith("briefing") and \
        change.get(qn("w:date")) == "2024-01-15T00:00:00Z"
    clean = python_docx.Document(str(out / "mini.docx")).element.body
    assert not list(clean.iter(qn("w:ins"))) and not list(clean.iter(qn("w:del")))
    if shutil.which("soffice"):  # a word processor shows both, as a revision
        from tests.conftest import libreoffice_pdf, pdf_text
        text = "".join(pdf_text(libreoffice_pdf((out / "mini.redline.docx").read_bytes(),
                                                 tmp_path / "lo")))
        assert "112.5" in text and "120" in text


def it_redlines_against_the_edition_published_not_the_last_build(
        make_briefing, tmp_path: Path, capsys) -> None:
    """The trap of issue 16: a plain build (from cron) between the figure change and
    --redline made the redline empty; an outdated redline stayed beside new outputs."""
    import docx as python_docx
    from docx.oxml.ns import qn

    def changes(path: Path) -> tuple[list[str], list[str]]:
        body = python_docx.Document(str(path)).element.body
        return (["".join(t.text for t in e.iter(qn("w:delText"))) for e in body.iter(qn("w:del"))],
                ["".join(t.text for t in e.iter(qn("w:t"))) for e in body.iter(qn("w:ins"))])

    folder, out = make_briefing(), tmp_path / "out"
    redline = out / "mini.redline.docx"
    assert main(["build", str(folder), "-o", str(out), "--redline"]) == 0
    assert "no edition of this briefing was published" in capsys.readouterr().err
    assert not redline.exists()  # nothing published yet: said, not written
    built(capsys, str(folder), "-o", str(out), "--publish")
    manifest = json.loads((out / ".briefing-manifest.json").read_text("utf-8"))
    assert manifest["published"]["mini"]["figures"]["signed_investment"]["value"] == \
        "11250000000"
    figures = folder / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 11250000000",
                                                          "value: 12000000000"), "utf-8")
    built(capsys, str(folder), "-o", str(out))  # the cron build: the baseline stays
    manifest = json.loads((out / ".briefing-manifest.json").read_text("utf-8"))
    assert manifest["published"]["mini"]["figures"]["signed_investment"]["value"] == \
        "11250000000"
    code, said = built(capsys, str(folder), "-o", str(out), "--redline")
    assert code == 0 and redline.exists()
    deleted, inserted = changes(redline)
    assert "112.5" in deleted and "120" in inserted  # still against the published edition
    # the figures change again; a plain build leaves no outdated redline beside its outputs
    figures.write_text(figures.read_text("utf-8").replace("value: 12000000000",
                                                          "value: 13000000000"), "utf-8")
    built(capsys, str(folder), "-o", str(out))
    assert not redline.exists()
    built(capsys, str(folder), "-o", str(out), "--redline")
    deleted, inserted = changes(redline)
    assert "112.5" in deleted and "130" in inserted
    # publishing this edition: the redline against the old one is outdated, removed
    built(capsys, str(folder), "-o", str(out), "--publish")
    assert not redline.exists()
