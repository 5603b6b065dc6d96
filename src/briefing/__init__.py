"""briefing: bilingual (Chinese + English) briefings as PDF and DOCX from YAML content.

    >>> from briefing import build
    >>> build("content/xicheng-2023", "build")          # doctest: +SKIP
    [PosixPath('build/xicheng-2023.pdf'), PosixPath('build/xicheng-2023.docx')]
"""

from __future__ import annotations

from pathlib import Path

from .errors import BriefingError, ContentError, Diagnostic, LockedError, OutputError, Severity
from .model import Document
from .pipeline import DEFAULT_NAME, BuildReport, build_outputs, prepare

__all__ = ["FORMATS", "BriefingError", "BuildReport", "ContentError", "Diagnostic", "Document",
           "LockedError", "OutputError", "Severity", "build", "build_report", "check"]
__version__ = "0.1.0"

FORMATS = ("pdf", "docx")


def check(path: str | Path, *, theme: str | None = None, layout: str | None = None,
          strict: bool = False) -> Document:
    """Validate a briefing and build its document model without writing anything.

    Raises ContentError listing every problem found; warnings are logged (logger
    "briefing"), and are errors too with `strict`."""
    return prepare(Path(path), theme, layout, strict).document


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
                 name: str = DEFAULT_NAME) -> BuildReport:
    """Build, and say what was written and what was up to date.

    The output folder is locked for the run (another run waits up to `wait_s`, then
    LockedError). Every output is rendered before any is saved, and each is saved
    atomically, so an error or a killed run never leaves a damaged file. With `redline`,
    `<id>.redline.docx` shows the changes since the last edition built into `out_dir` as
    tracked changes."""
    return build_outputs(Path(path), Path(out_dir), formats, theme, layout, strict, force,
                         wait_s, redline, name)
