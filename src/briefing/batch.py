"""`briefing batch`: one personalised edition per delegation, in parallel.

Each worker process loads the briefing's files once and builds the editions it is given;
one failing edition is reported with its error and does not stop the others. Each edition
is published as `briefing build` publishes (editions.py): its PDF, DOCX, manifest entries,
change report and figure snapshot together or not at all, under the output folder's lock
(held only to publish: the workers render in parallel).
"""

from __future__ import annotations

import dataclasses
import functools
import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .content.delegations import Delegation, load_delegations
from .content.schema import Content
from .editions import inputs_digest, publish_outputs
from .errors import BriefingError, ContentError
from .incremental import Manifest, output_lock
from .pipeline import prepare_content, prepare_edition, prepare_theme, render
from .publish import repair
from .theme.resolve import ResolvedTheme


@dataclass(frozen=True)
class EditionResult:
    delegation: str
    outputs: tuple[Path, ...]
    error: str | None = None


@dataclass(frozen=True)
class BatchReport:
    results: list[EditionResult]

    @property
    def failed(self) -> list[EditionResult]:
        return [r for r in self.results if r.error]


def edition_stem(briefing_id: str, delegation: Delegation) -> str:
    """<briefing>--<delegation id>, the stem of the edition's files: ids are checked to be
    file-name safe."""
    return f"{briefing_id}--{delegation.id}"


@functools.cache
def _content(briefing: Path, layout: str | None) -> Content:
    """Loaded and validated once per worker process and layout: shared by its editions."""
    return prepare_content(briefing, layout)


@functools.cache
def _theme(briefing: Path, layout: str | None, theme: str | None) -> ResolvedTheme:
    return prepare_theme(_content(briefing, layout), theme)


def _edition_theme(briefing: Path, layout: str | None, delegation: Delegation) -> ResolvedTheme:
    """The edition's theme; one the delegations file names but that cannot be found is
    reported at that file's line and field, not as if typed on the command line."""
    try:
        return _theme(briefing, layout, delegation.theme)
    except ContentError as exc:
        where = delegation.theme_source()
        if where is None:
            raise
        raise ContentError([dataclasses.replace(d, file=where.file, line=where.line,
                                                field_path=where.field)
                            if d.file is None else d for d in exc.diagnostics]) from None


def build_edition(briefing: Path, delegation: Delegation, out_dir: Path,
                  formats: tuple[str, ...], wait_s: float = 300) -> EditionResult:
    """One delegation's edition, rendered, then published as a unit; errors become the
    result's message, never an exception. The briefing's files and themes are read once
    per process (the batch's files do not change while it runs)."""
    try:
        layout = delegation.layout
        prepared = prepare_edition(_content(briefing, layout),
                                   _edition_theme(briefing, layout, delegation),
                                   edition=delegation)
        stem = edition_stem(prepared.content.id, delegation)
        edition = delegation.model_dump(mode="json")  # what makes it differ from others
        outputs = {out_dir / f"{stem}.{fmt}": (inputs_digest(prepared, fmt, edition=edition),
                                              render(prepared, fmt)) for fmt in formats}
        with output_lock(out_dir, wait_s):
            repair(out_dir)  # an edition a killed run committed but did not finish moving
            publish_outputs(out_dir, prepared, Manifest(out_dir), outputs, stem)
        return EditionResult(delegation.id, tuple(outputs))
    except ContentError as exc:
        return EditionResult(delegation.id, (), "; ".join(d.format() for d in exc.diagnostics))
    except BriefingError as exc:
        return EditionResult(delegation.id, (), str(exc))


def _warm_start() -> multiprocessing.context.BaseContext | None:
    """Fork on Linux, where it is the usual start and safe (Python 3.14 would otherwise
    use a fork server, whose workers start cold); the system's default elsewhere."""
    return multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None


def run_batch(delegations_file: Path, out_dir: Path, formats: tuple[str, ...],
              jobs: int | None = None, briefing: Path | None = None,
              on_done: Callable[[EditionResult, int], None] | None = None) -> BatchReport:
    """Build every delegation's edition, on `jobs` processes (default: all cores).
    `on_done(result, total)` is called as each edition finishes (for progress)."""
    batch = load_delegations(delegations_file, briefing)
    _content.cache_clear()  # a new run reads the files again (in-process callers, tests)
    _theme.cache_clear()
    jobs = max(1, jobs or os.cpu_count() or 1)
    results: list[EditionResult] = []
    if jobs == 1:
        for delegation in batch.delegations:
            results.append(build_edition(batch.briefing, delegation, out_dir, formats))
            if on_done:
                on_done(results[-1], len(batch.delegations))
    else:
        # The first edition here, before the workers exist: they are forked from this
        # process with every module imported and the content, theme, fonts and charts
        # loaded, so two workers cost no more start-up than one (where processes start by
        # fork, Linux; elsewhere each worker imports afresh)
        first, *rest = batch.delegations
        results.append(build_edition(batch.briefing, first, out_dir, formats))
        if on_done:
            on_done(results[-1], len(batch.delegations))
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_warm_start()) as pool:
            futures = {pool.submit(build_edition, batch.briefing, d, out_dir, formats): d
                       for d in rest}
            for future in as_completed(futures):
                results.append(future.result())
                if on_done:
                    on_done(results[-1], len(batch.delegations))
    order = [d.id for d in batch.delegations]
    return BatchReport(sorted(results, key=lambda r: order.index(r.delegation)))
