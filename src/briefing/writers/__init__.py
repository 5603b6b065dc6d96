"""Writers: one function per format, `write_x(document, theme, options) -> bytes`, in one
table; `write` runs the writer of a format.

What varies between outputs of the same document is a writer option (`WriteOptions`), not
another path through the pipeline: a redline is the DOCX written with `revisions`. Writers
are imported lazily so that a DOCX-only build never imports ReportLab and vice versa.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from ..model import Document
from ..revisions import Revisions
from ..theme.resolve import ResolvedTheme


@dataclass(frozen=True)
class WriteOptions:
    """How to write a document, beyond its theme. `revisions`: the texts that differ from
    the previous edition, shown as tracked changes (DOCX; the PDF writer warns and writes
    the document as it is)."""

    revisions: Revisions | None = None


Writer = Callable[[Document, ResolvedTheme, WriteOptions], bytes]

WRITERS: dict[str, str] = {
    "pdf": "briefing.writers.pdf.document:write_pdf",
    "docx": "briefing.writers.docx.document:write_docx",
}


def writer_for(fmt: str) -> Writer:
    module, _, name = WRITERS[fmt].partition(":")
    writer: Writer = getattr(import_module(module), name)
    return writer


def write(fmt: str, document: Document, theme: ResolvedTheme,
          options: WriteOptions = WriteOptions()) -> bytes:
    """The bytes of `document` as a file of format `fmt` (a key of WRITERS)."""
    return writer_for(fmt)(document, theme, options)
