"""Every output passes the validators a publisher would run, keeps the permissions a user
expects, and concurrent builds of one folder do not interleave."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import briefing
from tests.conftest import ROOT, SAMPLE, Edition, pdf_fonts

CASES = [("investor", "stacked"), ("investor", "parallel"), ("gov", "zh"), ("print", "en")]


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is needed (.ci/run installs it)")
@pytest.mark.parametrize("theme, layout", CASES)
def it_writes_pdfs_that_qpdf_accepts_with_every_font_embedded(theme: str, layout: str,
                                                              sample_edition: Edition) -> None:
    pdf = sample_edition(theme, layout)["pdf"]
    check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in pdf_fonts(pdf))


def it_creates_outputs_with_the_users_umask(make_briefing, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        paths = briefing.build(make_briefing(), tmp_path / "a")
        assert all(p.stat().st_mode & 0o777 == 0o644 for p in paths)
        os.umask(0o002)
        paths = briefing.build(make_briefing(name="b"), tmp_path / "b")
        assert all(p.stat().st_mode & 0o777 == 0o664 for p in paths)
    finally:
        os.umask(old)


def it_runs_concurrent_builds_of_one_folder_one_after_the_other(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    command = [sys.executable, "-m", "briefing", "build", str(SAMPLE), "-o", str(out),
               "--force", "--wait", "120"]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [run.communicate(timeout=180) for run in runs]
    assert all(run.returncode == 0 for run in runs), results
    pdf = (out / "xicheng-2023.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"%%EOF" in pdf[-64:]
    with zipfile.ZipFile(out / "xicheng-2023.docx") as package:
        assert package.testzip() is None
    assert not list(out.glob(".*.tmp"))
