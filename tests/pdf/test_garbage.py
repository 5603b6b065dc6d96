"""A PDF build leaves nothing for the cyclic garbage collector that only it could free:
ReportLab binds a method of each text object to itself, its document template and canvas
refer to each other, and our held pages to their list. A long document's collections of
that garbage were a tenth of its build time, and a batch worker held several editions'."""

from __future__ import annotations

import gc
from pathlib import Path

from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

import briefing
from tests.conftest import SAMPLE


def it_frees_its_canvas_pages_and_text_objects_by_reference_counting(tmp_path: Path) -> None:
    briefing.build(SAMPLE, tmp_path / "warm", formats=("pdf",))
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what the collector would free is kept in gc.garbage
    try:
        briefing.build(SAMPLE, tmp_path / "out", formats=("pdf",))
        gc.collect()
        cyclic = [type(o).__name__ for o in gc.garbage
                  if isinstance(o, (PDFTextObject, Canvas, PDFDocument))]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert cyclic == []
