"""The DOCX as a reader's word processor shows it: converted by LibreOffice on a machine
without our fonts. Text, page size and fonts must survive."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import briefing
from tests.conftest import SAMPLE, libreoffice_pdf, pdf_text, pdffonts

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdffonts") is None,
    reason="LibreOffice and poppler-utils are needed (.ci/run installs them)")


@pytest.mark.parametrize("layout", ["stacked", "parallel"])
def it_opens_in_libreoffice_with_all_text_and_the_embedded_fonts(layout: str, tmp_path: Path) -> None:
    [docx_path] = briefing.build(SAMPLE, tmp_path, formats=("docx",), layout=layout)
    pdf = libreoffice_pdf(docx_path.read_bytes(), tmp_path / "lo")
    text = re.sub(r"[\s\u2060]+", "", "".join(pdf_text(pdf)))
    for heading in ("开放招商成效明显", "项目基础更加坚实", "产业发展实现新突破", "新城形象更加靓丽",
                    "疑难问题加快破解", "民生福祉持续增进", "党建基础保障夯实"):
        assert heading in text
    for figure in ("112.5亿元", "RMB11.25billion", "3452套", "3,452homes", "24.1%"):
        assert figure in text, figure
    document = pdfium.PdfDocument(str(pdf))
    try:
        width, height = document[0].get_size()
    finally:
        document.close()
    assert (round(width), round(height)) == (595, 842)
    fonts = {f["name"].split("+")[-1] for f in pdffonts(pdf)}
    # Noto Sans SC is not installed for LibreOffice here: these come from the DOCX itself
    assert {"NotoSansSC-Regular", "NotoSansSC-Bold", "NotoSans-Regular"} <= fonts
    assert not any("DejaVu" in name or "Liberation" in name for name in fonts), fonts
