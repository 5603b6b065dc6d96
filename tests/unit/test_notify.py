"""The --on-change command line: words as a shell splits them on POSIX, the command line
as written on Windows, the changes file last; no shell either way."""

from __future__ import annotations

import sys
from pathlib import Path

from briefing.notify import command_line


def it_splits_the_command_like_a_shell_on_posix(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert command_line('bin/notify --to "Press Office" -v', Path("out/a b.changes.json")) \
        == ["bin/notify", "--to", "Press Office", "-v", str(Path("out/a b.changes.json"))]
    # what a shell would expand stays as it is: no shell runs the command
    assert command_line("notify $HOME; rm -rf x", Path("c.json")) == \
        ["notify", "$HOME;", "rm", "-rf", "x", "c.json"]


def it_passes_the_command_line_as_written_on_windows(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert command_line(r'powershell -File "C:\briefings\notify.ps1"',
                        Path("out dir") / "x.changes.json") == \
        rf'powershell -File "C:\briefings\notify.ps1" "{Path("out dir") / "x.changes.json"}"'
