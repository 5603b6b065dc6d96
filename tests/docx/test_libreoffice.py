"""The DOCX as a reader's word processor shows it: converted by LibreOffice on a machine
without our fonts, for every theme and layout. Text, page size and fonts must survive; every
part of the package must be well-formed and every relationship must resolve."""

from __future__ import annotations

import posixpath
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from lxml import etree

from tests.conftest import Edition, libreoffice_pdf, pdf_text, pdffonts

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdffonts") is None,
    reason="LibreOffice and poppler-utils are needed (.ci/run installs them)")
HEADINGS = ("开放招商成效明显", "项目基础更加坚实", "产业发展实现新突破", "新城形象更加靓丽",
            "疑难问题加快破解", "民生福祉持续增进", "党建基础保障夯实")
CASES = [(theme, layout) for theme in ("investor", "gov")
         for layout in ("stacked", "parallel", "zh", "en")]


@pytest.fixture
def built(sample_edition: Edition) -> Callable[[str, str], Path]:
    return lambda theme, layout: sample_edition(theme, layout)["docx"]


@needs_libreoffice
@pytest.mark.parametrize("theme, layout", CASES)
def it_opens_in_libreoffice_with_all_text(theme: str, layout: str, built, tmp_path: Path) -> None:
    pdf = libreoffice_pdf(built(theme, layout).read_bytes(), tmp_path / "lo")
    text = re.sub(r"[\s\u2060]+", "", "".join(pdf_text(pdf)))
    if layout != "en":
        assert all(heading in text for heading in HEADINGS)
        assert "112.5亿元" in text and "3452套" in text
    if layout != "zh":
        assert "RMB11.25billion" in text and "3,452homes" in text
        assert "NotableResultsinOpeningUpandInvestmentPromotion" in text
    document = pdfium.PdfDocument(str(pdf))
    try:
        width, height = document[1].get_size()
    finally:
        document.close()
    assert (round(width), round(height)) == (595, 842)
    if theme == "investor":
        # Noto is not installed for LibreOffice here: these come from the DOCX itself
        fonts = {f["name"].split("+")[-1] for f in pdffonts(pdf)}
        assert "NotoSansSC-Regular" in fonts or layout == "en"
        assert "NotoSans-Regular" in fonts or layout == "zh"
        assert not any("DejaVu" in name or "Liberation" in name for name in fonts), fonts


@pytest.mark.parametrize("theme, layout", CASES)
def it_writes_well_formed_parts_and_resolvable_relationships(theme: str, layout: str,
                                                             built) -> None:
    with zipfile.ZipFile(built(theme, layout)) as package:
        names = set(package.namelist())
        for name in names:
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))  # raises on malformed XML
        for rels in (n for n in names if n.endswith(".rels")):
            source_dir = posixpath.dirname(posixpath.dirname(rels))
            for rel in etree.fromstring(package.read(rels)):
                if rel.get("TargetMode") == "External":
                    continue
                target = posixpath.normpath(posixpath.join(source_dir, rel.get("Target")))
                assert target.lstrip("/") in names, (rels, rel.get("Target"))
