"""An edition's files and how they are published: the outputs, the output folder's
manifest recording each with the digest of what made it, and the change report and figure
snapshot since the folder's last edition of the same name, all as one unit (publish.py).

`briefing build` and every edition of `briefing batch` publish through `publish_outputs`,
holding the folder's lock, after `publish.repair`: the staging, the commit and the repair
of a half-published edition are the same for both.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .build_io import input_files, versions
from .changes import edition_files
from .incremental import Manifest, input_digest
from .publish import publish_edition

if TYPE_CHECKING:  # the pipeline imports this module to publish
    from .pipeline import Prepared


def inputs_digest(prepared: Prepared, fmt: str, **options: object) -> str:
    """One digest of every input of the prepared build's `fmt` output: its files, the
    layout, the theme, the versions of what shapes the output, and `options`."""
    return input_digest(input_files(prepared), {
        "format": fmt, "layout": prepared.document.layout, "theme": prepared.theme.name,
        "versions": versions(), **options})


def publish_outputs(out: Path, prepared: Prepared, manifest: Manifest,
                    outputs: Mapping[Path, tuple[str, bytes]], stem: str,
                    record: bool = True,
                    others: Mapping[str, bytes | None] | None = None,
                    since: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """Publish `outputs` (path in `out` -> (inputs digest, bytes)) as one unit with the
    manifest recording them, `others` (name -> bytes; None: removed) and, with `record`
    and any output, the change report and snapshot named `stem` (<stem>.changes.json,
    .changes.md, .figures.json). Returns the changes since the last snapshot of `stem`
    (else of the first of `since` the folder holds; None when not recorded). The caller
    holds the folder's lock and has repaired it."""
    files: dict[str, bytes | None] = {}
    for target, (inputs, data) in outputs.items():
        files[target.name] = data
        manifest.record(target, inputs, data)
    files.update(others or {})
    files[manifest.path.name] = manifest.data()
    changes = None
    if outputs and record:  # what changed since the last edition, and a snapshot
        changes, reports = edition_files(prepared, out, stem, since)
        files.update(reports)
    publish_edition(out, files)  # all of it, or none of it
    return changes
