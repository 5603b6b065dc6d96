"""`briefing new`: a small briefing that builds in every theme and layout, to start from.

The files beside this module are written into the new folder as they are, but for the
README, which names the folder (`{id}`).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import OutputError, UsageError
from ..output import save_atomic
from ..theme.locate import builtin_dir

FILES = ("briefing.yaml", "figures.csv", "README.md")
# the folder's name is the briefing's id and the stem of its outputs
FOLDER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def new_briefing(folder: Path) -> list[Path]:
    """Write a new briefing into `folder`, which must not exist; return the files written.
    UsageError for a name that cannot name a briefing; OutputError when the folder exists
    or cannot be made: nothing is overwritten."""
    if not FOLDER_NAME.fullmatch(folder.name):
        raise UsageError(f"'{folder.name}' cannot name a briefing: use letters, digits, "
                          "'-', '_' and '.', e.g. xicheng-2024")
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        raise OutputError(f"{folder} already exists; nothing was written (give the name of "
                          "a new folder)") from None
    except OSError as exc:
        raise OutputError(f"cannot make {folder}: {exc.strerror}") from None
    source = builtin_dir("briefing.scaffold")
    written = []
    for name in FILES:
        data = (source / name).read_bytes()
        if name == "README.md":
            data = data.decode("utf-8").format(id=folder.name).encode("utf-8")
        save_atomic(folder / name, data)
        written.append(folder / name)
    return written
