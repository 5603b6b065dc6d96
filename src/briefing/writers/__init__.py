"""Writers: one function per format, `write_x(document, theme, options) -> bytes`, in one
table; `write` runs the writer of a format.

What varies between outputs of the same document is a writer option (`WriteOptions`), not
another path through the pipeline: a redline is the DOCX written with `revisions`, an
official's draft brought up to date is the DOCX written with `draft`. Writers are imported
lazily so that a DOCX-only build never imports ReportLab and vice versa.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from ..model import Document
from ..revisions import Revisions
from ..theme.resolve import ResolvedTheme

if TYPE_CHECKING:
    from .register import Register


@dataclass(frozen=True)
class EditedDraft:
    """An official's edited DOCX (`data`, made by the DOCX writer) to bring up to date with
    `values`: each rendering of a figure the draft marks, as the model prints it now, by
    (figure, attribute or None for the value, language)."""

    data: bytes
    values: Mapping[tuple[str, str | None, str], str]


@dataclass(frozen=True)
class WriteOptions:
    """How to write a document, beyond its theme. `revisions`: the texts that differ from
    the previous edition, shown as tracked changes. `draft`: instead of a new document, the
    official's draft with the document's figure values as tracked changes, its register
    recording what became of each value (`read_draft` reads it). Both DOCX only: the PDF
    writer warns and writes the document as it is."""

    revisions: Revisions | None = None
    draft: EditedDraft | None = None


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


def count_pages(document: Document, theme: ResolvedTheme) -> int:
    """The number of pages of the document's PDF, laid out as the PDF writer lays it out,
    nothing drawn or saved: what only the layout finds (the pages limit, a block that fits
    on no page) raises ContentError here as it would in the writer."""
    from .pdf.document import count_pdf_pages

    return count_pdf_pages(document, theme)


def read_draft(data: bytes, name: str) -> Register:
    """The register of a DOCX draft the DOCX writer made (or updated): its briefing,
    edition, theme, layout, values and the last update's outcomes. DraftError, naming
    `name`, if the bytes are no readable DOCX or not one of ours."""
    from ..errors import DraftError
    from .docx.figuremarks import open_draft

    try:
        return open_draft(data)[1]
    except DraftError as exc:
        raise DraftError(f"{name}: {exc}") from None
