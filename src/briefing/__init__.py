"""briefing: bilingual (Chinese + English) briefings as PDF and DOCX from YAML content.

    >>> from briefing import build
    >>> build("content/xicheng-2023", "build")          # doctest: +SKIP
    [PosixPath('build/xicheng-2023.pdf'), PosixPath('build/xicheng-2023.docx')]
"""

from __future__ import annotations

from pathlib import Path

from .errors import BriefingError, ContentError, Diagnostic, OutputError, Severity
from .model import Document
from .output import save_atomic
from .pipeline import prepare, render

__all__ = ["FORMATS", "BriefingError", "ContentError", "Diagnostic", "Document",
           "OutputError", "Severity", "build", "check"]
__version__ = "0.1.0"

FORMATS = ("pdf", "docx")


def check(path: str | Path, *, theme: str | None = None, layout: str | None = None,
          strict: bool = False) -> Document:
    """Validate a briefing and build its document model without writing anything.

    Raises ContentError listing every problem found; warnings are logged (logger
    "briefing"), and are errors too with `strict`."""
    return prepare(Path(path), theme, layout, strict).document


def build(path: str | Path, out_dir: str | Path = "build", *, formats: tuple[str, ...] = FORMATS,
          theme: str | None = None, layout: str | None = None,
          strict: bool = False) -> list[Path]:
    """Build the briefing at `path` into `out_dir/<id>.<format>` for each format.

    Every output is rendered before any is saved, and each is saved atomically, so a
    content error never touches existing files. Returns the paths written."""
    prepared = prepare(Path(path), theme, layout, strict)
    rendered = {fmt: render(prepared, fmt) for fmt in formats}
    written = []
    for fmt, data in rendered.items():
        target = Path(out_dir) / f"{prepared.content.id}.{fmt}"
        save_atomic(target, data)
        written.append(target)
    return written
