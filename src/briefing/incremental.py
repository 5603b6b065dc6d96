"""Unattended rebuilds: skip outputs whose inputs did not change, and never let two runs
work on one output folder at once.

The manifest (`OUTDIR/.briefing-manifest.json`) records, for each output, a digest of every
input that made it (content and figure files, images, theme files, font files, the tool's
and its libraries' versions, the options) and a digest of the output itself. An output is
up to date when both still match. The manifest is replaced atomically after the outputs, so
an interrupted run at worst rebuilds what it had not recorded.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import LockedError, OutputError
from .fonts import font_digest
from .output import save_atomic

MANIFEST = ".briefing-manifest.json"
LOCK = ".briefing.lock"


@contextlib.contextmanager
def output_lock(out_dir: Path, wait_s: float) -> Iterator[None]:
    """Hold OUTDIR/.briefing.lock for the duration; wait up to `wait_s` for another run.
    The lock is the operating system's (filelock: flock on POSIX, msvcrt.locking on Windows):
    it goes with the process that held it, so a killed run never leaves the folder locked."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(out_dir / LOCK, timeout=wait_s, poll_interval=0.2)
        lock.acquire()
    except Timeout:
        raise LockedError(f"another briefing build is writing to {out_dir}; "
                          f"waited {wait_s:g} s (see --wait)") from None
    except OSError as exc:
        raise OutputError(f"cannot write to {out_dir}: {exc.strerror}") from None
    try:
        _remove_leftovers(out_dir)
        yield
    finally:
        lock.release()


def _remove_leftovers(out_dir: Path) -> None:
    """Temporary files of a run that was killed while saving (see output.save_atomic)."""
    for leftover in out_dir.glob(".*.tmp"):
        leftover.unlink(missing_ok=True)


def file_digest(path: Path) -> str:
    """SHA-256 of a file; for fonts, cached like other derived font data."""
    if path.suffix.lower() in (".ttf", ".otf"):
        return font_digest(path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_digest(files: list[Path], options: dict[str, object]) -> str:
    """One digest of the input files' contents (by name) and the options."""
    digest = hashlib.sha256()
    for path in sorted(set(files)):
        digest.update(f"{path.name}\0{file_digest(path)}\n".encode())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    return digest.hexdigest()


class Manifest:
    """What the last builds into a folder were made from, and, per briefing, the edition
    last published to officials (`build --publish`): the baseline of redlines, which a
    plain build does not move."""

    def __init__(self, out_dir: Path):
        self.path = out_dir / MANIFEST
        self.published: dict[str, dict[str, object]] = {}
        try:
            data = json.loads(self.path.read_text("utf-8"))
            self.outputs: dict[str, dict[str, str]] = dict(data.get("outputs", {}))
            published = data.get("published", {})
            if isinstance(published, dict):
                self.published = {k: v for k, v in published.items() if isinstance(v, dict)
                                  and isinstance(v.get("figures"), dict)}
        except (OSError, ValueError, AttributeError):
            self.outputs = {}  # none yet, or unreadable: everything is rebuilt

    def publish(self, briefing_id: str, snapshot: dict[str, object]) -> None:
        """Record `snapshot` (changes.snapshot: edition and figures) as given to officials."""
        self.published[briefing_id] = {"edition": snapshot["edition"],
                                       "figures": snapshot["figures"]}

    def baseline(self, briefing_id: str) -> dict[str, object] | None:
        """The edition last published to officials, or None."""
        return self.published.get(briefing_id)

    def up_to_date(self, target: Path, inputs: str) -> bool:
        entry = self.outputs.get(target.name)
        if not entry or entry.get("inputs") != inputs or not target.is_file():
            return False
        return entry.get("output") == hashlib.sha256(target.read_bytes()).hexdigest()

    def record(self, target: Path, inputs: str, data: bytes) -> None:
        self.outputs[target.name] = {"inputs": inputs,
                                     "output": hashlib.sha256(data).hexdigest()}

    def data(self) -> bytes:
        """The manifest file's bytes (published with the outputs, publish.py)."""
        data: dict[str, object] = {"version": 1, "outputs": self.outputs}
        if self.published:
            data["published"] = self.published
        text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
        return text.encode("utf-8") + b"\n"

    def save(self) -> None:
        save_atomic(self.path, self.data())
