"""The disk cache (cache.py) is only ever a shortcut: a damaged or unwritable one costs
time, never a wrong result; it keeps the most recently used entries of a kind."""

from __future__ import annotations

import os
from pathlib import Path

from briefing import cache


def it_stores_checks_and_recomputes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    calls = []

    def compute() -> bytes:
        calls.append(1)
        return b"derived"

    assert cache.cached("kind", "key", compute) == b"derived"
    assert cache.cached("kind", "key", compute) == b"derived" and len(calls) == 1
    [entry] = tmp_path.glob("kind-*.bin")
    entry.write_bytes(entry.read_bytes()[:-1] + b"X")  # damaged: the checksum fails
    assert cache.cached("kind", "key", compute) == b"derived" and len(calls) == 2
    assert cache.cached("kind", "other key", compute) == b"derived" and len(calls) == 3


def it_works_without_a_writable_cache(tmp_path: Path, monkeypatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocked / "cache"))
    assert cache.cached("kind", "key", lambda: b"data") == b"data"


def it_keeps_the_most_recently_used_entries(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "KEEP", 3)
    for i in range(3):
        cache.cached("kind", f"key{i}", lambda: b"x")
    entries = sorted(tmp_path.glob("kind-*.bin"))
    for age, entry in enumerate(entries):
        os.utime(entry, (1_000_000 + age, 1_000_000 + age))
    cache.cached("kind", "key0", lambda: b"x")  # used again: the newest
    cache.cached("kind", "key3", lambda: b"x")  # a fourth entry: the least recent goes
    assert len(list(tmp_path.glob("kind-*.bin"))) == 3
    calls = []
    cache.cached("kind", "key0", lambda: calls.append(1) or b"x")
    assert not calls  # key0 survived
