"""`--on-change CMD`: tell someone when the figures changed.

The command runs after the outputs are saved, only when a figure changed, came or went
since the previous edition. It gets the absolute path of OUTDIR/<name>.changes.json as its
last argument and in $BRIEFING_CHANGES (the Markdown table's in $BRIEFING_CHANGES_MD, the
outputs, one a line, in $BRIEFING_OUTPUTS). No shell runs it: on POSIX the command is split
like a shell's words (shlex); on Windows the command line goes to the program as it is.
Its output goes to our stderr, so that stdout stays the --json result alone.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from .errors import OnChangeError


def command_line(command: str, changes_file: Path) -> str | list[str]:
    """The command with the changes file as its last argument, as subprocess takes it."""
    if sys.platform == "win32":
        return f"{command} {subprocess.list2cmdline([str(changes_file)])}"
    return [*shlex.split(command), str(changes_file)]


def run_on_change(command: str, changes_file: Path, outputs: list[Path]) -> None:
    """Run `command` for a changes report; OnChangeError when it cannot run or fails.
    Paths are given absolute: the command may change folders."""
    changes_file, outputs = changes_file.absolute(), [p.absolute() for p in outputs]
    env = dict(os.environ, BRIEFING_CHANGES=str(changes_file),
               BRIEFING_CHANGES_MD=str(changes_file.with_suffix(".md")),
               BRIEFING_OUTPUTS="\n".join(str(p) for p in outputs))
    try:
        done = subprocess.run(command_line(command, changes_file), env=env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, check=False)
    except (OSError, ValueError) as exc:
        raise OnChangeError(f"--on-change: cannot run {command!r}: {exc}") from None
    sys.stderr.write(done.stdout.decode("utf-8", "replace"))
    if done.returncode != 0:
        raise OnChangeError(f"--on-change: {command!r} exited with {done.returncode}; "
                            "the outputs are built")

