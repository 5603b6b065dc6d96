"""A build leaves no paragraph's drawing state for the cyclic garbage collector: ReportLab
binds a method of each text object to itself, and a long document's collections of that
garbage were a tenth of its build time."""

from __future__ import annotations

import gc
from pathlib import Path

from reportlab.pdfgen.textobject import PDFTextObject

import briefing
from tests.conftest import SAMPLE


def it_frees_each_paragraphs_text_object_when_it_is_drawn(tmp_path: Path) -> None:
    briefing.build(SAMPLE, tmp_path / "warm", formats=("pdf",))
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what the collector would free is kept in gc.garbage
    try:
        briefing.build(SAMPLE, tmp_path / "out", formats=("pdf",))
        gc.collect()
        cyclic = [o for o in gc.garbage if isinstance(o, PDFTextObject)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert cyclic == []
