"""briefing: bilingual (Chinese + English) briefings as PDF and DOCX from YAML content.

    >>> from briefing import build
    >>> build("content/xicheng-2023", "build")          # doctest: +SKIP
    [PosixPath('build/xicheng-2023.pdf'), PosixPath('build/xicheng-2023.docx')]
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BriefingError, ContentError, Diagnostic, LockedError, OutputError, Severity
from .model import Document
from .changes import CHANGES_JSON, load_snapshot, record_edition
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
    """What a build did: outputs written, and outputs left as they were (up to date);
    when it wrote, what changed since the previous edition (`changes`: the content of
    `changes_file`, OUTDIR/<id>.changes.json); how long each step took, in seconds."""

    outputs: list[Path]
    written: list[Path]
    up_to_date: list[Path]
    changes: dict[str, Any] | None = None
    changes_file: Path | None = None
    durations_s: dict[str, float] = field(default_factory=dict)

    @property
    def status(self) -> str:
        """"built" when it wrote an output, else "up to date"."""
        return "built" if self.written else "up to date"

    @property
    def figures_changed(self) -> bool:
        """Whether a figure changed, came or went since the previous edition."""
        return bool(self.changes and (self.changes["changed"] or self.changes["added"]
                                      or self.changes["removed"]))


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
    durations: dict[str, float] = {}
    clock = _Clock(durations)
    changes = None
    with output_lock(out, wait_s):
        clock.lap("wait")
        prepared = prepare(Path(path), theme, layout, strict)
        manifest = Manifest(out)
        targets = {fmt: out / f"{prepared.content.id}.{fmt}" for fmt in formats}
        digests = {fmt: input_digest(input_files(prepared), {
            "format": fmt, "layout": prepared.document.layout, "theme": prepared.theme.name,
            "strict": strict, "versions": versions()}) for fmt in formats}
        stale = [fmt for fmt in formats
                 if force or not manifest.up_to_date(targets[fmt], digests[fmt])]
        clock.lap("prepare")
        rendered = {}
        for fmt in stale:
            rendered[fmt] = render(prepared, fmt)
            clock.lap(fmt)
        redlined = []
        previous = load_snapshot(out, prepared.content.id)
        if redline and previous is not None:
            target = out / f"{prepared.content.id}.redline.docx"
            rendered_redline = render_redline(prepared, previous["figures"])
            clock.lap("redline")
        for fmt, data in rendered.items():
            save_atomic(targets[fmt], data)
            manifest.record(targets[fmt], digests[fmt], data)
        if redline and previous is not None:
            save_atomic(target, rendered_redline)
            redlined.append(target)
        if rendered:
            manifest.save()
            changes = record_edition(prepared, out)  # what changed since the last edition
        clock.lap("save")
    durations["total"] = round(sum(durations.values()), 3)
    return BuildReport([targets[f] for f in formats], [targets[f] for f in stale] + redlined,
                       [targets[f] for f in formats if f not in stale], changes,
                       out / CHANGES_JSON.format(id=prepared.content.id) if changes else None,
                       durations)


class _Clock:
    """Seconds since the previous lap, by step name."""

    def __init__(self, laps: dict[str, float]):
        self.laps, self.last = laps, time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.laps[step] = round(now - self.last, 3)
        self.last = now
