"""Run one piece of work in a child process with a time and a memory limit, so that a
regression in a hostile-input case fails the test instead of hanging or swapping CI.

POSIX: the child is forked (briefing already imported) and its address space limited with
resource.setrlimit(RLIMIT_AS) on Linux; elsewhere the time limit alone applies.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefing.errors import BriefingError, ContentError


@dataclass(frozen=True)
class Outcome:
    """What the work did: returned (`value`), or raised a BriefingError (`kind` its class
    name, `problems` the diagnostics as (file name, line, field, message, hint))."""

    kind: str
    value: Any = None
    problems: tuple[tuple[str | None, int | None, str, str, str | None], ...] = ()
    message: str = ""

    @property
    def text(self) -> str:
        return "\n".join(f"{f}:{line}: {field}: {message} | {hint}"
                         for f, line, field, message, hint in self.problems) or self.message


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, AttributeError):
        return None  # not Linux: no reliable RLIMIT_AS


def _child(connection: Any, function: Callable[..., Any], args: tuple[Any, ...],
           memory_mb: int) -> None:
    used = _address_space()
    if used is not None:
        import resource
        limit = used + memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        outcome = Outcome("returned", function(*args))
    except ContentError as exc:
        outcome = Outcome("ContentError", problems=tuple(
            (d.file.name if d.file else None, d.line, d.field_path, d.message, d.hint)
            for d in exc.diagnostics))
    except BriefingError as exc:
        outcome = Outcome(type(exc).__name__, message=str(exc))
    except MemoryError:
        outcome = Outcome("MemoryError", message=f"more than {memory_mb} MB")
    except BaseException:  # noqa: BLE001 - a traceback is the finding
        outcome = Outcome("traceback", message=traceback.format_exc())
    connection.send(outcome)
    connection.close()
    os._exit(0)


def bounded(function: Callable[..., Any], *args: Any, seconds: float = 20,
            memory_mb: int = 500) -> Outcome:
    """Run function(*args) within `seconds` and `memory_mb` of extra address space; fails
    the calling test if it runs out of either or dies."""
    method = "fork" if sys.platform != "win32" else "spawn"
    context = multiprocessing.get_context(method)
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args, memory_mb))
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise AssertionError(f"{function.__name__} took more than {seconds} s")
        outcome: Outcome = receiver.recv()
    except EOFError:
        raise AssertionError(f"{function.__name__} died (exit code {child.exitcode})") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if outcome.kind == "MemoryError":
        raise AssertionError(f"{function.__name__} used {outcome.message}")
    return outcome
