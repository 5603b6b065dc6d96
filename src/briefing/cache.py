"""A disk cache for derived data that is costly to compute and cheap to check.

Font cmaps, font subsets, parsed fonts and chart pictures are the same for the same
inputs, so a build keeps them in $BRIEFING_CACHE_DIR (else the system's user cache folder,
see cache_dir) under a digest of what they were made from. Entries are written atomically
and checked by their SHA-256 when read: a missing, damaged or unwritable cache only costs
the time of computing the data again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from platformdirs import user_cache_dir

from .errors import OutputError
from .output import save_atomic

VERSION = 5  # bump when the meaning of an entry changes (5: charts drawn anew)
KEEP = 64    # entries of one kind kept; the least recently used beyond that are removed


def cache_dir() -> Path:
    """Where derived data is kept: $BRIEFING_CACHE_DIR, else the user's cache folder of
    the system (~/.cache/briefing or $XDG_CACHE_HOME/briefing on Linux,
    ~/Library/Caches/briefing on macOS, %LOCALAPPDATA%\\briefing\\Cache on Windows)."""
    if os.environ.get("BRIEFING_CACHE_DIR"):
        return Path(os.environ["BRIEFING_CACHE_DIR"])
    return Path(user_cache_dir("briefing", appauthor=False))


def cached(kind: str, key: str, compute: Callable[[], bytes]) -> bytes:
    """The bytes stored for (kind, key), or `compute()`'s, stored for next time."""
    digest = hashlib.sha256(f"{key}-v{VERSION}".encode()).hexdigest()[:24]
    entry = cache_dir() / f"{kind}-{digest}.bin"
    try:
        stored = entry.read_bytes()
        if hashlib.sha256(stored[32:]).digest() == stored[:32]:
            os.utime(entry)  # recently used: kept by _prune
            return stored[32:]
    except OSError:
        pass
    data = compute()
    try:
        save_atomic(entry, hashlib.sha256(data).digest() + data)
        _prune(kind)
    except (OutputError, OSError):
        pass  # a read-only home only costs time
    return data


def _prune(kind: str) -> None:
    """Keep the KEEP most recently used entries of `kind` (subsets are up to 2 MB each)."""
    entries = sorted(cache_dir().glob(f"{kind}-*.bin"), key=lambda p: p.stat().st_mtime_ns)
    for stale in entries[:-KEEP]:
        stale.unlink(missing_ok=True)
