"""briefing: bilingual (Chinese + English) briefings as PDF and DOCX from YAML content.

    >>> from briefing import build
    >>> build("content/xicheng-2023", "build")          # doctest: +SKIP
    [PosixPath('build/xicheng-2023.pdf'), PosixPath('build/xicheng-2023.docx')]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import BriefingError, ContentError, Diagnostic, LockedError, OutputError, Severity
from .model import Document
from .changes import load_snapshot, record_edition
from .incremental import Manifest, input_digest, output_lock
from .output import save_atomic
from .pipeline import input_files, prepare, render, render_redline, versions

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


@dataclass(frozen=True)
class BuildReport:
    """What a build did: outputs written, and outputs left as they were (up to date)."""

    outputs: list[Path]
    written: list[Path]
    up_to_date: list[Path]


def build(path: str | Path, out_dir: str | Path = "build", *, formats: tuple[str, ...] = FORMATS,
          theme: str | None = None, layout: str | None = None, strict: bool = False,
          force: bool = True) -> list[Path]:
    """Build the briefing at `path` into `out_dir/<id>.<format>` for each format and return
    the output paths, in the order of `formats`. With `force=False`, outputs whose inputs
    did not change since the last build into `out_dir` are left as they are."""
    return build_report(path, out_dir, formats=formats, theme=theme, layout=layout,
                        strict=strict, force=force).outputs


def build_report(path: str | Path, out_dir: str | Path = "build", *,
                 formats: tuple[str, ...] = FORMATS, theme: str | None = None,
                 layout: str | None = None, strict: bool = False, force: bool = False,
                 wait_s: float = 300, redline: bool = False) -> BuildReport:
    """Build, and say what was written and what was up to date.

    The output folder is locked for the run (another run waits up to `wait_s`, then
    LockedError). Every output is rendered before any is saved, and each is saved
    atomically, so an error or a killed run never leaves a damaged file."""
    out = Path(out_dir)
    with output_lock(out, wait_s):
        prepared = prepare(Path(path), theme, layout, strict)
        manifest = Manifest(out)
        targets = {fmt: out / f"{prepared.content.id}.{fmt}" for fmt in formats}
        digests = {fmt: input_digest(input_files(prepared), {
            "format": fmt, "layout": prepared.document.layout, "theme": prepared.theme.name,
            "strict": strict, "versions": versions()}) for fmt in formats}
        stale = [fmt for fmt in formats
                 if force or not manifest.up_to_date(targets[fmt], digests[fmt])]
        rendered = {fmt: render(prepared, fmt) for fmt in stale}
        redlined = []
        previous = load_snapshot(out, prepared.content.id)
        if redline and previous is not None:
            target = out / f"{prepared.content.id}.redline.docx"
            rendered_redline = render_redline(prepared, previous["figures"])
        for fmt, data in rendered.items():
            save_atomic(targets[fmt], data)
            manifest.record(targets[fmt], digests[fmt], data)
        if redline and previous is not None:
            save_atomic(target, rendered_redline)
            redlined.append(target)
        if rendered:
            manifest.save()
            record_edition(prepared, out)  # what changed since the last edition, and a snapshot
    return BuildReport([targets[f] for f in formats], [targets[f] for f in stale] + redlined,
                       [targets[f] for f in formats if f not in stale])
