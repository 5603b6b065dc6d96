"""`briefing watch`: one warm process that rebuilds a briefing on every save.

The files watched are the briefing's folder (content, figures, images) and the folders of
the theme files and fonts the last good build read. Each rebuild goes through the ordinary
build (pipeline.build_outputs, so it is published as every build is, under the output
folder's lock), the PDF first and then the DOCX, preparing the content once for both
(pipeline.reusing_preparation); what the modules keep per process (parsed fonts, measured
widths, compiled templates, chart pictures) stays warm from one save to the next. A build
that fails leaves the last good outputs where they are.

watchfiles does the watching (inotify, FSEvents, ReadDirectoryChangesW): no POSIX signal
is assumed; Ctrl+C, or `stop` set by a caller, ends the loop.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .build_io import BuildReport, find_briefing, input_files
from .pipeline import build_outputs, prepare, reusing_preparation
from .theme.locate import search_dirs

log = logging.getLogger("briefing")

# Grouping the events of one save (editors write a file in several steps): changes are
# taken once no new one has come for STEP_MS, or after DEBOUNCE_MS at most.
STEP_MS, DEBOUNCE_MS = 50, 800


@dataclass(frozen=True)
class Rebuilt:
    """One rebuild: what it wrote (None: it failed, with `error`), and how long it took."""

    reports: tuple[BuildReport, ...]
    seconds: float
    error: BaseException | None = None


@dataclass(frozen=True)
class WatchOptions:
    """What `briefing build` would be given: the output folder, formats and overrides."""

    out: Path
    formats: tuple[str, ...]
    theme: str | None = None
    layout: str | None = None
    strict: bool = False
    wait_s: float = 300


def rebuild(path: Path, options: WatchOptions,
            written: Callable[[Path, float], None] = lambda p, s: None) -> Rebuilt:
    """Build once: the PDF published first, then the rest (each through build_outputs, so
    an output whose inputs did not change is left alone). `written(path, seconds)` is told
    of each output as soon as it is published. Errors are returned, not raised."""
    start = time.perf_counter()
    formats = options.formats
    passes = [("pdf",), formats] if "pdf" in formats and len(formats) > 1 else [formats]
    reports: list[BuildReport] = []
    try:
        with reusing_preparation():
            for group in passes:  # the change report once, by the first pass that writes
                report = build_outputs(path, options.out, group, options.theme, options.layout,
                                       options.strict, False, options.wait_s,
                                       record=not any(r.written for r in reports))
                reports.append(report)
                for output in report.written:
                    written(output, time.perf_counter() - start)
    except Exception as exc:  # reported by the caller; the last good outputs stay
        return Rebuilt(tuple(reports), time.perf_counter() - start, exc)
    return Rebuilt(tuple(reports), time.perf_counter() - start)


def watched_paths(path: Path, options: WatchOptions) -> list[Path]:
    """The briefing folder, and the folders of the theme files and fonts it uses (of the
    theme search path when the content cannot be prepared)."""
    folder = find_briefing(path).resolve()
    try:
        with reusing_preparation():
            files = input_files(prepare(path, options.theme, options.layout, options.strict))
        outside = {f.resolve().parent for f in files}
    except Exception:  # the build reports it; watch where themes are looked for
        styles, fonts = search_dirs(folder)
        outside = {p.resolve() for p in (*styles, *fonts)}
    roots = [folder]
    for candidate in sorted(outside):
        if candidate.is_dir() and not any(candidate.is_relative_to(r) for r in roots):
            roots.append(candidate)
    return roots


def watch(path: Path, options: WatchOptions, on_rebuilt: Callable[[Rebuilt], None],
          written: Callable[[Path, float], None] = lambda p, s: None,
          ready: Callable[[list[Path]], None] = lambda roots: None,
          stop: threading.Event | None = None) -> None:
    """Build `path`, then again after every change to the files it is made from, until
    `stop` is set or Ctrl+C. `ready(roots)` is called once the watcher runs (a change from
    then on is seen), `on_rebuilt` after each build."""
    from watchfiles import Change, DefaultFilter  # only for this command
    from watchfiles import watch as changes_of

    out = options.out.resolve()
    roots = watched_paths(path, options)
    ignore = DefaultFilter(ignore_paths=[out])

    def relevant(change: Change, name: str) -> bool:
        return ignore(change, name) and not Path(name).name.startswith(".briefing")

    while True:
        # yield_on_timeout: the first (empty) yield comes once the watcher runs, so the
        # first build, and an edit made during it, are never missed
        events = changes_of(*roots, watch_filter=relevant, step=STEP_MS, debounce=DEBOUNCE_MS,
                            stop_event=stop, rust_timeout=200, yield_on_timeout=True)
        first = True
        for changed in events:
            if not changed and not first:
                continue
            if first:
                ready(roots)
            first = False
            if changed:
                log.info("changed: %s", ", ".join(sorted(name for _, name in changed)))
            with reusing_preparation():  # one preparation for the build and the paths
                result = rebuild(path, options, written)
                now = watched_paths(path, options) if result.error is None else roots
            on_rebuilt(result)
            if now != roots:  # another theme or font folder: watch that instead
                roots = now
                break
        else:
            return  # stopped
