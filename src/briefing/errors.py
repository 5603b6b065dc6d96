"""Diagnostics and the exception tree.

    BriefingError              anything the user can fix; the CLI prints it, never a traceback
    ├── ContentError           content or theme files are wrong; carries every Diagnostic found
    ├── OutputError            an output file could not be written (permissions, disk full)
    ├── LockedError            another build is writing to the output folder
    ├── UsageError             a command asked for something there is not (no edition yet)
    ├── OnChangeError          the build succeeded; the --on-change command failed
    └── DraftError             update-draft refuses the file: not ours, damaged, another's
    InternalError              a bug of ours: "internal error, please report", details saved

Exit codes are chosen in one place, `exit_code_for`.
"""

from __future__ import annotations

import contextlib
import enum
from dataclasses import dataclass
from pathlib import Path


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the user's files, located as precisely as we can."""

    severity: Severity
    file: Path | None
    line: int | None
    field_path: str
    message: str
    hint: str | None = None

    def format(self, relative_to: Path | None = None) -> str:
        where = ""
        if self.file is not None:
            file = self.file
            if relative_to is not None:
                with contextlib.suppress(ValueError):  # elsewhere: the path as it is
                    file = self.file.resolve().relative_to(relative_to.resolve())
            where = f"{file}:{self.line}: " if self.line else f"{file}: "
        field = f"{self.field_path}: " if self.field_path else ""
        level = "warning: " if self.severity is Severity.WARNING else ""
        text = f"{where}{level}{field}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


def error(file: Path | None, line: int | None, field_path: str, message: str,
          hint: str | None = None) -> Diagnostic:
    return Diagnostic(Severity.ERROR, file, line, field_path, message, hint)


def warning(file: Path | None, line: int | None, field_path: str, message: str,
            hint: str | None = None) -> Diagnostic:
    return Diagnostic(Severity.WARNING, file, line, field_path, message, hint)


def in_file_order(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """By file (in the order the files first appear) and line: as a person reads and fixes
    them. The stages that found them (the schema, then the texts) are no order to a reader:
    line 39 was printed before line 38. Problems of one line keep their order."""
    files: dict[Path | None, int] = {}
    for d in diagnostics:
        files.setdefault(d.file, len(files))
    return sorted(diagnostics, key=lambda d: (files[d.file], d.line or 0))


class BriefingError(Exception):
    """A problem the user can fix."""


class ContentError(BriefingError):
    """Content, figures or theme are invalid; `diagnostics` lists every problem found, in
    file and line order."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = in_file_order(diagnostics)
        super().__init__(f"{len(diagnostics)} problem(s) in the content")


class OutputError(BriefingError):
    """An output could not be written; the previous file, if any, is untouched."""


class LockedError(BriefingError):
    """Another build holds the output folder (see incremental.output_lock)."""


class UsageError(BriefingError):
    """The command cannot do what was asked (`changes` of a folder with no edition)."""


class OnChangeError(BriefingError):
    """The outputs are built and saved, but the command to run on changes failed."""


class DraftError(BriefingError):
    """A file update-draft will not touch: not a briefing draft, damaged, or another
    briefing's; the file is left as it was."""


class InternalError(Exception):
    """A bug in briefing itself."""


EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 4
EXIT_LOCKED = 5
EXIT_ON_CHANGE = 6
EXIT_DRAFT = 7
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130  # as a shell reports a process stopped by Ctrl-C (128 + SIGINT)
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: stdout closed by its reader, as for a Unix tool


def exit_code_for(exc: BaseException | None) -> int:
    """The one place that maps an outcome to a process exit code."""
    if exc is None:
        return EXIT_OK
    if isinstance(exc, ContentError):
        return EXIT_CONTENT
    if isinstance(exc, OutputError):
        return EXIT_OUTPUT
    if isinstance(exc, LockedError):
        return EXIT_LOCKED
    if isinstance(exc, UsageError):
        return EXIT_USAGE
    if isinstance(exc, OnChangeError):
        return EXIT_ON_CHANGE
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, DraftError):
        return EXIT_DRAFT
    return EXIT_INTERNAL
