"""Find as typed: every figure of the sample DOCX is found by the text a person types into
Word's Find box (plain spaces, no invisible characters), in every layout."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.oxml.ns import qn

import briefing
from briefing.changes import snapshot
from briefing.pipeline import prepare
from tests.conftest import SAMPLE, paragraph_text

INVISIBLE = "\u2060\u200b\u200c\u200d\ufeff\u00ad\u00a0"


def _paragraph_texts(path) -> list[str]:
    """What Find searches: each paragraph's text, in the body, tables, headers and footers."""
    document = docx.Document(str(path))
    parts = [document.element.body] + [s.header._element for s in document.sections] + [
        s.footer._element for s in document.sections]
    return [paragraph_text(p) for part in parts for p in part.iter(qn("w:p"))]


@pytest.mark.parametrize("layout", ["stacked", "parallel", "en"])
def it_finds_every_figure_as_typed(layout: str, tmp_path) -> None:
    path = briefing.build(SAMPLE, tmp_path, formats=("docx",), layout=layout)[0]
    texts = _paragraph_texts(path)
    figures = snapshot(prepare(SAMPLE, layout=layout))["figures"]
    languages = {"stacked": ("zh", "en"), "parallel": ("zh", "en"), "en": ("en",)}[layout]
    missing = []
    for fig_id, figure in figures.items():
        for lang in languages:
            typed = figure["text"][lang].replace("\u00a0", " ")  # the space bar's space
            if not any(typed in text for text in texts):
                missing.append((fig_id, typed))
    assert not missing, missing
    for typed in ("112.5亿元", "2023年", "RMB 11.25 billion"):
        if typed.isascii() or "zh" in languages:
            assert any(typed in text for text in texts), typed
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert not [c for c in INVISIBLE if c in xml]
