"""briefing: bilingual (Chinese + English) briefings as PDF and DOCX from YAML content.

    >>> from briefing import build
    >>> build("content/xicheng-2023", "build")          # doctest: +SKIP
    [PosixPath('build/xicheng-2023.pdf'), PosixPath('build/xicheng-2023.docx')]
"""

from __future__ import annotations

from pathlib import Path

from .build_io import DEFAULT_NAME, BuildReport
from .drafts import DraftUpdate
from .errors import (
    BriefingError,
    ContentError,
    Diagnostic,
    DraftError,
    LockedError,
    OutputError,
    Severity,
)
from .model import Document
from .pipeline import build_outputs, check_pages, prepare, update_draft_outputs

__all__ = ["FORMATS", "BriefingError", "BuildReport", "ContentError", "Diagnostic", "Document",
           "DraftError", "DraftUpdate", "LockedError", "OutputError", "Severity", "build",
           "build_report", "check", "update_draft"]
__version__ = "0.1.0"

FORMATS = ("pdf", "docx")


def check(path: str | Path, *, theme: str | None = None, layout: str | None = None,
          strict: bool = False) -> Document:
    """Validate a briefing and build its document model without writing anything; the
    PDF is laid out (not drawn), so that a build of what check passes succeeds.

    Raises ContentError listing every problem found; warnings are logged (logger
    "briefing"), and are errors too with `strict`."""
    prepared = prepare(Path(path), theme, layout, strict)
    check_pages(prepared)
    return prepared.document


def build(path: str | Path, out_dir: str | Path = "build", *, formats: tuple[str, ...] = FORMATS,
          theme: str | None = None, layout: str | None = None, strict: bool = False,
          force: bool = True, name: str = DEFAULT_NAME) -> list[Path]:
    """Build the briefing at `path` into `out_dir/<id>.<format>` for each format and return
    the output paths, in the order of `formats`. `name` is the file name pattern: {id},
    {theme} and {layout} ("{id}-{layout}": editions of several layouts in one folder).
    With `force=False`, outputs whose inputs did not change since the last build into
    `out_dir` are left as they are."""
    return build_report(path, out_dir, formats=formats, theme=theme, layout=layout,
                        strict=strict, force=force, name=name).outputs


def build_report(path: str | Path, out_dir: str | Path = "build", *,
                 formats: tuple[str, ...] = FORMATS, theme: str | None = None,
                 layout: str | None = None, strict: bool = False, force: bool = False,
                 wait_s: float = 300, redline: bool = False,
                 publish: bool = False, reference_doc: str | Path | None = None,
                 embed_fonts: bool = False, name: str = DEFAULT_NAME) -> BuildReport:
    """Build, and say what was written and what was up to date.

    The output folder is locked for the run (another run waits up to `wait_s`, then
    LockedError). Every output is rendered before any is saved, and each is saved
    atomically, so an error or a killed run never leaves a damaged file. With `publish`,
    this edition is recorded in the manifest as the one given to officials. With `redline`,
    `<id>.redline.docx` shows the changes since the edition last published into `out_dir`
    as tracked changes (a plain build does not move that baseline; a redline left from an
    earlier build is removed when the outputs change). With `reference_doc` (an office's
    own .docx), the DOCX takes its styles, page setup, headers, footers and fonts; with
    `embed_fonts`, it carries the theme's free faces, subset, whatever the theme says."""
    return build_outputs(Path(path), Path(out_dir), formats, theme, layout, strict, force,
                         wait_s, redline, publish,
                         Path(reference_doc) if reference_doc is not None else None,
                         embed_fonts, name=name)


def update_draft(draft: str | Path, output: str | Path | None = None, *,
                 briefing: str | Path | None = None) -> DraftUpdate:
    """Bring an official's edited DOCX draft (made by `build`) up to date with the current
    figures, as tracked changes, into `output` (default DRAFT.updated.docx; never the draft
    itself), with a report beside it (.report.md, .report.json). The briefing is the one
    the draft names (content/<id> or <id> here or above the draft), or `briefing`. Raises
    DraftError for a file that is not one of our drafts, is damaged, or is another
    briefing's (nothing written)."""
    return update_draft_outputs(Path(draft), Path(output) if output is not None else None,
                                Path(briefing) if briefing is not None else None)
