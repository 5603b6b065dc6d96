"""Fonts across builds in one process (a watch loop, a batch worker, the test suite): a PDF
draws with the fonts its own characters need, whatever was built or registered before it,
so its KPI trend keeps its ▲ and its bytes are those a fresh process writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

import briefing
from briefing import reportlab_fonts
from tests.conftest import MINIMAL, ROOT, pdf_glyphs, pdf_text
from tests.test_cases import copy_case_files

CASES = ROOT / "tests" / "cases"
# documents whose characters differ from the KPI case's: the second sample has characters
# outside the common set (as do the first's 砺 圳 …), the table case English figures
OTHERS = (ROOT / "content" / "hexi-2023h1", ROOT / "content" / "xicheng-2023")


def _case(kind: str, tmp_path: Path) -> Path:
    folder = tmp_path / kind
    shutil.copytree(MINIMAL, folder)
    case = CASES / f"{kind}.yaml"
    (folder / "briefing.yaml").write_text(case.read_text("utf-8"), "utf-8")
    copy_case_files(case, folder)
    return folder


def _pdf(folder: Path, out: Path) -> Path:
    (pdf,) = briefing.build(folder, out, formats=("pdf",))
    return pdf


def _assert_trend_drawn(pdf: Path) -> None:
    assert "▲" in "".join(pdf_text(pdf))
    drawing = pdf_glyphs(pdf, "▲")
    assert drawing and all(drawing.values()), drawing  # a glyph with an outline


def it_writes_a_fresh_process_s_pdf_after_other_documents(tmp_path: Path) -> None:
    kpis = _case("kpis", tmp_path)
    _pdf(kpis, tmp_path / "first")
    for n, folder in enumerate((*OTHERS, _case("table", tmp_path))):
        _pdf(folder, tmp_path / f"other{n}")
    later = _pdf(kpis, tmp_path / "later")
    _assert_trend_drawn(later)
    subprocess.run([sys.executable, "-m", "briefing", "build", str(kpis), "--format", "pdf",
                    "-o", str(tmp_path / "fresh"), "-q"], check=True, timeout=300,
                   env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert later.read_bytes() == (tmp_path / "fresh" / later.name).read_bytes()


def _set_our_record_aside(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A build as from a fresh process's record (tests/test_batch.py does this), then the
    record put back: ReportLab now holds the fonts of that build, not those recorded."""
    with monkeypatch.context() as patch:
        patch.setattr(reportlab_fonts, "_registered", {})
        _pdf(OTHERS[1], tmp_path / "aside")


def _unregister_ours(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Another program in the process unregisters the fonts (ReportLab's TTFont.unregister)."""
    for name in list(reportlab_fonts._registered):
        pdfmetrics.getFont(name).unregister()


@pytest.mark.parametrize("change", [_set_our_record_aside, _unregister_ours])
def it_draws_the_trend_after_reportlab_s_fonts_changed_under_it(
        change: Callable[[pytest.MonkeyPatch, Path], None], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    kpis = _case("kpis", tmp_path)
    _pdf(kpis, tmp_path / "first")
    change(monkeypatch, tmp_path)
    _assert_trend_drawn(_pdf(kpis, tmp_path / "later"))
