"""A build imports only what its formats need (issue 9: imports are a third of a cold
build): no python-docx for a PDF, no ReportLab for a DOCX whose charts are cached, and never
fontTools, Pillow or the batch's process pool when their caches and inputs do not ask."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "xicheng-2023"
HEAVY = ("docx", "reportlab", "fontTools", "PIL", "pypdfium2", "multiprocessing", "rich",
         "openpyxl")


def imported_after(fmt: str, out: Path, cache: Path) -> set[str]:
    """The heavy modules a fresh process has imported after building `fmt` ("pdf",
    "docx" or "pdf,docx")."""
    script = (f"import sys, briefing; briefing.build({str(SAMPLE)!r}, {str(out)!r}, "
              f"formats={tuple(fmt.split(','))!r}); import json; "
              f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))")
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(cache),
               PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, check=True)
    return set(json.loads(done.stdout.splitlines()[-1])) & set(HEAVY)


def it_imports_only_the_writer_of_the_requested_format(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    # a first build fills the cache (font cmaps and subsets, chart pictures); in a process
    # of its own, as a build in this one may find them in its memory and write none
    imported_after("pdf,docx", tmp_path / "warm", cache)
    # (ReportLab imports Pillow itself, in reportlab.lib.utils)
    assert imported_after("pdf", tmp_path / "pdf", cache) == {"reportlab", "PIL"}
    assert imported_after("docx", tmp_path / "docx", cache) == {"docx"}
