"""`briefing batch`: one personalised edition per delegation, in parallel.

Each worker process loads the briefing's files once and builds the editions it is given;
one failing edition is reported with its error and does not stop the others.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .content.delegations import Delegation, load_delegations
from .content.schema import Content
from .errors import BriefingError, ContentError
from .output import save_atomic
from .pipeline import prepare_content, prepare_edition, prepare_theme, render
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


def edition_name(briefing_id: str, delegation: Delegation, fmt: str) -> str:
    """<briefing>--<delegation id>.<format>: ids are checked to be file-name safe."""
    return f"{briefing_id}--{delegation.id}.{fmt}"


@functools.cache
def _content(briefing: Path, layout: str | None) -> Content:
    """Loaded and validated once per worker process and layout: shared by its editions."""
    return prepare_content(briefing, layout)


@functools.cache
def _theme(briefing: Path, layout: str | None, theme: str | None) -> ResolvedTheme:
    return prepare_theme(_content(briefing, layout), theme)


def build_edition(briefing: Path, delegation: Delegation, out_dir: Path,
                  formats: tuple[str, ...]) -> EditionResult:
    """One delegation's edition; errors become the result's message, never an exception.
    The briefing's files and themes are read once per process (the batch's files do not
    change while it runs)."""
    try:
        layout = delegation.layout
        prepared = prepare_edition(_content(briefing, layout),
                                   _theme(briefing, layout, delegation.theme),
                                   edition=delegation)
        rendered = {fmt: render(prepared, fmt) for fmt in formats}
        outputs = []
        for fmt, data in rendered.items():
            target = out_dir / edition_name(prepared.content.id, delegation, fmt)
            save_atomic(target, data)
            outputs.append(target)
        return EditionResult(delegation.id, tuple(outputs))
    except ContentError as exc:
        return EditionResult(delegation.id, (), "; ".join(d.format() for d in exc.diagnostics))
    except BriefingError as exc:
        return EditionResult(delegation.id, (), str(exc))


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
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(build_edition, batch.briefing, d, out_dir, formats): d
                       for d in batch.delegations}
            for future in as_completed(futures):
                results.append(future.result())
                if on_done:
                    on_done(results[-1], len(batch.delegations))
    order = [d.id for d in batch.delegations]
    return BatchReport(sorted(results, key=lambda r: order.index(r.delegation)))
