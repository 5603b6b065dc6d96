"""Lines kept for the process (linebreak.LINES): a second build in one process, after an
edit, as a watch loop or a batch makes it, is byte for byte the build a fresh process
makes of the edited briefing, in themes whose paragraphs split across pages and with a
contents page (gov: measured, then drawn). The builds run in the test process, after
whatever other documents it built before."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import briefing
from briefing.writers.pdf import linebreak
from tests.conftest import ROOT, SAMPLE


@pytest.mark.parametrize("theme", ["investor", "gov"])
def it_gives_a_fresh_build_s_bytes_after_an_edit(theme: str, tmp_path: Path) -> None:
    folder = tmp_path / "xicheng-2023"
    shutil.copytree(SAMPLE, folder)
    briefing.build(folder, tmp_path / "first", formats=("pdf",), theme=theme)
    assert len(linebreak.LINES) > 100, len(linebreak.LINES)  # kept for the next build
    file = folder / "briefing.yaml"
    edited = file.read_text("utf-8").replace("砥砺奋进，", "砥砺奋进、奋发有为，", 1)
    assert edited != file.read_text("utf-8")
    file.write_text(edited, "utf-8")
    (warm,) = briefing.build(folder, tmp_path / "warm", formats=("pdf",), theme=theme)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    subprocess.run([sys.executable, "-m", "briefing", "build", str(folder), "--theme", theme,
                    "--format", "pdf", "-o", str(tmp_path / "fresh"), "-q"], check=True,
                   env=env, timeout=300)
    assert warm.read_bytes() == (tmp_path / "fresh" / "xicheng-2023.pdf").read_bytes()
