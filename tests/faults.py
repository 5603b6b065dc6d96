"""Faults injected into publish.py's writes, renames and folder flushes, by call count: a
full disk or a file in use (an OSError at the nth call) and a kill (SIGKILL before the nth
call runs, as a power cut or the OOM killer would). tests/test_publish.py and
tests/test_batch_publish.py use them on `briefing build` and on a batch's editions."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from typing import Any

import pytest

from briefing import publish

# each write, rename and folder flush of an edition whose six files change (publish.py):
# six staged files and the journal written; the journal (the commit) and six files renamed;
# the folder flushed after the commit and after the moves
KILL_POINTS = [("_write_file", n) for n in range(1, 8)] + [("_replace", n) for n in range(1, 8)] \
    + [("_sync_folder", n) for n in range(1, 3)]
KILL_IDS = [f"{name}-{nth}" for name, nth in KILL_POINTS]


def committed(name: str, nth: int) -> bool:
    """Whether a kill before the nth call of publish.<name> comes after the commit: the
    journal's rename is the first _replace, and the folder is flushed after it."""
    return name == "_sync_folder" or name == "_replace" and nth >= 2


def count_calls(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    """The calls of publish.<name> from now on, counted in the list's one item."""
    calls = [0]
    real = getattr(publish, name)

    def counting(*args: Any) -> None:
        calls[0] += 1
        real(*args)
    monkeypatch.setattr(publish, name, counting)
    return calls


def fail_at(monkeypatch: pytest.MonkeyPatch, name: str, nth: int, error: int) -> None:
    """The nth call of publish.<name> raises OSError(`error`) instead of running."""
    calls = [0]
    real: Callable[..., None] = getattr(publish, name)

    def failing(*args: Any) -> None:
        calls[0] += 1
        if calls[0] == nth:
            raise OSError(error, os.strerror(error), str(args[-1]))
        real(*args)
    monkeypatch.setattr(publish, name, failing)


def kill_at(name: str, nth: int) -> None:
    """In a child process: SIGKILL itself at the nth call of publish.<name>, before it
    runs."""
    calls = [0]
    real: Callable[..., None] = getattr(publish, name)

    def dying(*args: Any) -> None:
        calls[0] += 1
        if calls[0] == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        real(*args)
    setattr(publish, name, dying)
