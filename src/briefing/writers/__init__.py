"""Writers: one function per format, each `write_x(document, theme) -> bytes`.

Imported lazily so that a DOCX-only build never imports ReportLab and vice versa.
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable

from ..model import Document
from ..theme.resolve import ResolvedTheme

Writer = Callable[[Document, ResolvedTheme], bytes]

WRITERS: dict[str, str] = {
    "pdf": "briefing.writers.pdf.document:write_pdf",
    "docx": "briefing.writers.docx.document:write_docx",
}


def writer_for(fmt: str) -> Writer:
    module, _, name = WRITERS[fmt].partition(":")
    return getattr(import_module(module), name)  # type: ignore[no-any-return]
