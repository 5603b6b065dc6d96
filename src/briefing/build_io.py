"""What a build reads and what it leaves: the briefing folder a path names, every input
file of a prepared build, the versions of the libraries that shape the output, the outputs'
file names, the per-step stopwatch and the `BuildReport`. No step is run here (the
pipeline runs them)."""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ContentError, error
from .model import Image

if TYPE_CHECKING:
    from .pipeline import Prepared

BRIEFING_FILE = "briefing.yaml"


@dataclass(frozen=True)
class BuildReport:
    """What a build did: outputs written, and outputs left as they were (up to date);
    when it wrote, what changed since the previous edition (`changes`: the content of
    `changes_file`, OUTDIR/<name>.changes.json, named as the outputs); how long each step
    took, in seconds."""

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



def find_briefing(path: Path) -> Path:
    """The briefing folder for a folder or a briefing.yaml path."""
    folder = path.parent if path.is_file() else path
    if folder.name in ("", "..") or folder.name == ".":  # `briefing build .`: the id is a name
        folder = folder.resolve()
    if not (folder / BRIEFING_FILE).is_file():
        raise ContentError([error(path, None, "", f"no {BRIEFING_FILE} here: give a briefing "
                                  "folder such as content/xicheng-2023")])
    return folder


def input_files(prepared: Prepared) -> list[Path]:
    """Every file a build reads: content, figures, images (the cover logo and every image
    block, as the writers read them: a normalised copy is named after its original's
    digest), theme files and those they extend, fonts."""
    content, theme = prepared.content, prepared.theme
    files = [content.briefing_file.file, *(f.file for f in content.figure_files.values())]
    if prepared.document.cover.logo:
        files.append(prepared.document.cover.logo)
    files += [block.file for block in prepared.document.blocks if isinstance(block, Image)]
    files += [theme.file, *theme.includes]
    files += [p for font in theme.fonts.values() for p in (font.regular, font.bold)]
    if theme.reference_doc is not None:
        files.append(theme.reference_doc)
    return files


@functools.cache
def _versions() -> tuple[tuple[str, str], ...]:
    """Looked up once per process: importlib.metadata scans every installed distribution
    for each name (8 ms a build)."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("briefing", "reportlab", "python-docx", "babel", "fonttools", "pypdfium2"):
        try:
            found.append((name, version(name)))
        except PackageNotFoundError:
            found.append((name, "unknown"))
    return tuple(found)


def versions() -> dict[str, str]:
    """The versions of briefing and of the libraries that shape its output."""
    return dict(_versions())


DEFAULT_NAME = "{id}"
NAME_FIELDS = ("id", "theme", "layout")
_NAME_FIELD = re.compile(r"\{([^{}]*)\}")


def output_stem(pattern: str, prepared: Prepared) -> str:
    """The outputs' file name without its suffix: `pattern` with {id} (the briefing
    folder's name), {theme} and {layout} filled in. "{id}-{layout}" lets the editions of
    several layouts share one output folder (xicheng-2023-parallel.pdf)."""
    unknown = [f for f in _NAME_FIELD.findall(pattern) if f not in NAME_FIELDS]
    values = {"id": prepared.content.id, "theme": Path(prepared.theme.name).stem,
              "layout": prepared.document.layout}
    stem = _NAME_FIELD.sub(lambda m: values.get(m.group(1), ""), pattern)
    if unknown or not stem or stem.startswith(".") or any(c in stem for c in '/\\:*?"<>|'):
        raise ContentError([error(None, None, "name", f"'{pattern}' is not a name for the "
                                  "outputs" + (f": unknown {{{unknown[0]}}}" if unknown else ""),
                                  "use {id}, {theme} and {layout} and letters, digits, - "
                                  "and _: '{id}-{theme}-{layout}'")])
    return stem


def stopwatch(laps: dict[str, float]) -> Callable[[str], None]:
    """lap(step) records the seconds since the previous lap under the step's name."""
    last = [time.perf_counter()]

    def lap(step: str) -> None:
        now = time.perf_counter()
        laps[step] = round(now - last[0], 3)
        last[0] = now
    return lap
