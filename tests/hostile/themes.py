"""Themes made on the fly: a copy of styles/investor.yaml, edited, beside a briefing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .makers import briefing_copy

ROOT = Path(__file__).resolve().parents[2]


def theme_project(root: Path, edits: list[tuple[str, str]]) -> Path:
    """A project at `root` (styles/, fonts/, a briefing using theme 'edited'), the theme
    being investor.yaml with each regular-expression edit applied; returns the briefing."""
    if root.exists():
        shutil.rmtree(root)
    folder = briefing_copy(root / "b", replace=("theme: investor", "theme: edited"))
    (root / "styles").mkdir()
    try:
        (root / "fonts").symlink_to(ROOT / "fonts", target_is_directory=True)
    except OSError:  # Windows without the symlink privilege
        shutil.copytree(ROOT / "fonts", root / "fonts")
    text = (ROOT / "styles" / "investor.yaml").read_text("utf-8")
    for pattern, replacement in edits:
        text, count = re.subn(pattern, replacement, text)
        assert count, pattern
    (root / "styles" / "edited.yaml").write_text(text, "utf-8")
    return folder
