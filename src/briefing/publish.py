"""Publishing an edition as one unit: its PDF, DOCX, manifest, change report and snapshot
replace the previous edition's together, or not at all.

No file system renames several files at once, and Windows cannot rename a folder over a
non-empty one, so an edition is published in three steps, with a journal:

1. stage: every file is written beside its public name as `.briefing-staging-<random>.<name>`
   and flushed to disk (fsync). The previous edition is untouched; a failure or a kill here
   leaves it whole (the staged files are removed by the next run).
2. commit: the journal `OUTDIR/.briefing-publish.json`, naming the staging prefix and each
   file with its SHA-256, is written to a temporary file, flushed and renamed into place,
   and the folder is flushed: one atomic rename is the moment the new edition exists.
   Staging in the output folder itself, not in a folder of its own, lets that one flush of
   the folder make the staged names and the journal's durable together.
3. move: each staged file is renamed over its public name (os.replace: atomic per file on
   Linux, macOS and Windows), the folder flushed again, then the journal removed.

A file whose bytes the folder already holds under its name is left out of all three steps
(an edition's snapshot and change report when no figure changed, a batch edition built
again from the same files): no write, no fsync, no rename for it.

A power cut between the commit and the folder's flush can keep the journal but lose the
staged files' names: nothing was moved then, and the next run drops the journal, keeping
the previous edition.

A run that fails or is killed during step 3 leaves the journal: the next run (which holds
the folder's lock) finishes the moves before anything else, so at rest the folder holds
the previous edition or the new one, never a mixture. While step 3 runs (a few renames, in
a millisecond) a reader that does not take the lock can see some new files beside old
ones; `briefing build` itself never does, since it repairs first.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from pathlib import Path

from .errors import OutputError

JOURNAL = ".briefing-publish.json"
STAGING = ".briefing-staging-"


def _write_file(path: Path, data: bytes) -> None:
    """Write and flush one file (the one place publishing writes bytes)."""
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _replace(source: Path, target: Path) -> None:
    """Rename over (the one place publishing renames)."""
    os.replace(source, target)


def _sync_folder(folder: Path) -> None:
    """Make the folder's entries durable (POSIX; Windows has no handle to a folder)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def publish_edition(out_dir: Path, files: dict[str, bytes | None]) -> None:
    """Replace the files named in `files` (names in `out_dir`) as one unit, and remove
    those given None; raises OutputError. The caller holds the folder's lock and has called
    `repair` first. Per edition: an fsync per file that changed, one for the journal and
    two of the folder (POSIX; Windows has no handle to a folder)."""
    files = {name: data for name, data in files.items() if not _holds(out_dir / name, data)}
    if not files:  # the folder holds this edition already
        return
    prefix = f"{STAGING}{secrets.token_hex(6)}."
    try:
        for name, data in files.items():
            if data is not None:
                _write_file(out_dir / f"{prefix}{name}", data)
                os.chmod(out_dir / f"{prefix}{name}", 0o666 & ~_umask())
        journal = {"staging": prefix,
                   "files": {name: None if data is None else hashlib.sha256(data).hexdigest()
                             for name, data in files.items()}}
        pending = out_dir / f"{JOURNAL}.tmp"
        _write_file(pending, json.dumps(journal, indent=2).encode("utf-8"))
        _replace(pending, out_dir / JOURNAL)  # the commit: from here on, the new edition
        _sync_folder(out_dir)  # the staged files' names and the journal's, together
    except OSError as exc:
        _remove_staged(out_dir, prefix)
        (out_dir / f"{JOURNAL}.tmp").unlink(missing_ok=True)
        raise OutputError(f"cannot write the new edition into {out_dir}: {exc.strerror}; "
                          "the previous edition is untouched") from None
    _complete(out_dir)


def repair(out_dir: Path) -> None:
    """Finish an edition that was committed but not moved into place, and remove what an
    interrupted run staged without committing. Called under the folder's lock."""
    if (out_dir / JOURNAL).is_file():
        _complete(out_dir)
    _remove_staged(out_dir, STAGING)
    (out_dir / f"{JOURNAL}.tmp").unlink(missing_ok=True)


def _remove_staged(out_dir: Path, prefix: str) -> None:
    for leftover in out_dir.glob(f"{prefix}*"):
        if leftover.is_dir():  # staged by an earlier version, in a folder of its own
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def _complete(out_dir: Path) -> None:
    """Step 3: move each staged file into place (again, after an interruption: a file
    already moved is recognised by its digest), then drop the journal."""
    try:
        journal = json.loads((out_dir / JOURNAL).read_text("utf-8"))
        prefix: str = journal["staging"]
        files: dict[str, str | None] = journal["files"]
        if not prefix.startswith(STAGING) or "/" in prefix or "\\" in prefix:
            raise ValueError(prefix)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise OutputError(f"the publication journal {out_dir / JOURNAL} is damaged: remove "
                          "it and build again with --force") from None
    lost = [name for name, digest in files.items() if digest is not None
            and not (out_dir / f"{prefix}{name}").is_file() and not _moved(out_dir, name, digest)]
    if lost and not any(_moved(out_dir, name, digest) for name, digest in files.items()):
        # a power cut before the folder was flushed kept the journal but not the files it
        # names; nothing was moved yet: the previous edition stands
        (out_dir / JOURNAL).unlink(missing_ok=True)
        _remove_staged(out_dir, prefix)
        return
    try:
        for name, digest in files.items():
            if digest is None:  # an output that no longer matches the others
                (out_dir / name).unlink(missing_ok=True)
            elif (out_dir / f"{prefix}{name}").is_file():
                _replace(out_dir / f"{prefix}{name}", out_dir / name)
            elif name in lost:
                raise OutputError(f"{out_dir / name} is neither the previous nor the new "
                                  f"edition's file: build again with --force")
        _sync_folder(out_dir)
        (out_dir / JOURNAL).unlink()
    except OSError as exc:
        raise OutputError(f"the new edition in {out_dir} is written but {exc.filename} "
                          f"could not be replaced ({exc.strerror}; open in another program?): "
                          "the next build finishes it") from None


def _moved(out_dir: Path, name: str, digest: str | None) -> bool:
    """Whether the journal's file `name` is in place: the new file (by its digest), or gone
    when it is to be removed. A file is in a journal only when it changes, so the previous
    edition's file never passes for the new one."""
    if digest is None:
        return not (out_dir / name).exists()
    return _digest(out_dir / name) == digest


def _holds(path: Path, data: bytes | None) -> bool:
    """Whether `path` is already `data` (None: absent); a file of another size is not
    read."""
    try:
        if data is None:
            return not path.exists()
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
