"""Every declared block type, through every layout and both writers (issue 14): the example
of each type is its case file, tests/cases/<kind>.yaml. A block type without a case file,
a writer without a handler for it, or a handler that breaks a layout fails here."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import docx
import pytest

import briefing
from briefing.blocks import BLOCK_TYPES
from briefing.layout import LAYOUTS
from briefing.model import BLOCK_CLASSES, Bilingual, Chart, Image, Lang
from briefing.writers.docx.blocks import HANDLERS as DOCX_HANDLERS
from briefing.writers.pdf.blocks import HANDLERS as PDF_HANDLERS
from tests.conftest import pdf_text
from tests.test_cases import copy_case_files

CASES = Path(__file__).parent / "cases"
KINDS = [t.kind for t in BLOCK_TYPES]
# what a reader cannot see: spaces and line ends, and the joiners the writers insert
_INVISIBLE = re.compile("[\\s\u00a0\u00ad\u200b\u2060\ufeff]")


def _visible(text: str) -> str:
    return _INVISIBLE.sub("", text)


@pytest.mark.parametrize("writer", ["pdf", "docx"])
def it_has_a_handler_for_every_model_block_in_each_writer(writer: str) -> None:
    handlers = PDF_HANDLERS if writer == "pdf" else DOCX_HANDLERS
    declared = {t.model for t in BLOCK_TYPES} | set(BLOCK_CLASSES)
    assert declared - set(handlers) == set()


def it_declares_every_model_block_it_builds_in_the_model() -> None:
    assert {t.model for t in BLOCK_TYPES} <= set(BLOCK_CLASSES)


@pytest.mark.parametrize("kind", KINDS)
def it_has_a_case_file_for_every_block_type(kind: str) -> None:
    case = CASES / f"{kind}.yaml"
    assert case.is_file(), f"block type '{kind}' needs an example: tests/cases/{kind}.yaml"
    assert re.search(rf"^\s*- {kind}:", case.read_text("utf-8"), re.M), \
        f"tests/cases/{kind}.yaml has no '{kind}' block"


def docx_text(path: Path) -> str:
    """All text of the DOCX body in order (paragraphs, table cells), then the pictures'
    alternative texts (a chart's data is there)."""
    body = docx.Document(str(path)).element.body
    texts = [t.text or "" for t in body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")]
    alts = [e.get("descr", "") for e in body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    return "".join(texts) + "".join(alts)


def _not_in_pdf(block: object, value: Bilingual[str], lang: Lang,
                languages: tuple[Lang, ...]) -> bool:
    """The two texts the PDF leaves out by design: a picture's alternative text (ReportLab
    writes no tags) and, over a grouped chart's narrow bars, values in the second language."""
    if isinstance(block, Image):
        return value is block.alt
    if isinstance(block, Chart) and block.kind == "grouped_bar" and lang != languages[0]:
        return any(value is v for row in block.value_texts for v in row)
    return False


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("kind", KINDS)
def it_builds_every_block_in_every_layout_and_both_writers(
        kind: str, layout: str, make_briefing, tmp_path: Path) -> None:
    case = CASES / f"{kind}.yaml"
    if not case.is_file():
        pytest.fail(f"no tests/cases/{kind}.yaml")
    folder = make_briefing(briefing_yaml=case.read_text("utf-8"), name=kind)
    copy_case_files(case, folder)
    document = briefing.check(folder, layout=layout)
    assert any(type(b) is t.model for t in BLOCK_TYPES if t.kind == kind
               for b in document.blocks)
    pdf_path, docx_path = briefing.build(folder, tmp_path / "out", formats=("pdf", "docx"),
                                         layout=layout)
    written = {"pdf": _visible("".join(pdf_text(pdf_path))),
               "docx": _visible(docx_text(docx_path))}
    # each text as often as the blocks draw it (the Sources table repeats figures' texts)
    expected: dict[str, Counter[str]] = {"pdf": Counter(), "docx": Counter()}
    for block in document.blocks:
        for value in block.texts():
            for lang in value.shown(document.languages):
                expected["docx"][_visible(value.get(lang))] += 1
                if not _not_in_pdf(block, value, lang, document.languages):
                    expected["pdf"][_visible(value.get(lang))] += 1
    for fmt, texts in expected.items():
        missing = {text: n for text, n in texts.items() if written[fmt].count(text) < n}
        assert not missing, (fmt, missing)
