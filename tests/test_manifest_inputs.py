"""The manifest records every input (issue 17, item 9): change any one kind of input and
the next build rebuilds; change nothing and it is up to date. An image block's photo was
not an input: after it was replaced, a rebuild said "up to date" and kept the old one."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

import briefing
from briefing import editions
from tests.conftest import ROOT
from tests.hostile.makers import briefing_copy, image_block, with_figures_file, xlsx


def _project(root: Path) -> Path:
    """styles/ (print, which extends investor), fonts/ (one font a copy, to be changed) and
    a briefing with an image block and its figures in a CSV file."""
    folder = briefing_copy(root / "b", replace=("theme: investor", "theme: print"))
    (root / "styles").mkdir()
    for theme in ("print", "investor"):
        shutil.copy(ROOT / "styles" / f"{theme}.yaml", root / "styles")
    (root / "fonts").mkdir()
    for font in (ROOT / "fonts").glob("*.ttf"):
        if font.name == "NotoSans-Regular.ttf":
            shutil.copy(font, root / "fonts")
        else:
            (root / "fonts" / font.name).symlink_to(font)
    Image.new("RGB", (40, 30), (200, 0, 0)).save(folder / "photo.png")
    image_block(folder, "photo.png")
    return folder


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


CHANGES: dict[str, Callable[[Path], None]] = {
    "briefing.yaml": lambda f: _append(f / "briefing.yaml", "# edited\n"),
    "figures file": lambda f: _append(f / "figures.yaml", "# edited\n"),
    "image block": lambda f: Image.new("RGB", (40, 30), (0, 0, 200)).save(f / "photo.png"),
    "theme file": lambda f: _append(f.parent / "styles" / "print.yaml", "# edited\n"),
    "theme it extends": lambda f: _append(f.parent / "styles" / "investor.yaml", "# edited\n"),
    "font": lambda f: _append(f.parent / "fonts" / "NotoSans-Regular.ttf", "\0"),
}


def _written(folder: Path, out: Path) -> list[str]:
    report = briefing.build_report(folder, out, formats=("pdf",))
    return [p.name for p in report.written]


@pytest.mark.parametrize("kind", sorted(CHANGES))
def it_rebuilds_when_any_input_changes(kind: str, tmp_path: Path) -> None:
    folder, out = _project(tmp_path), tmp_path / "out"
    assert _written(folder, out) == ["b.pdf"]
    assert _written(folder, out) == []  # nothing changed: up to date
    CHANGES[kind](folder)
    assert _written(folder, out) == ["b.pdf"], f"a changed {kind} was called up to date"


def it_rebuilds_when_a_spreadsheet_of_figures_changes(tmp_path: Path) -> None:
    folder, out = briefing_copy(tmp_path / "b"), tmp_path / "out"
    book = xlsx(with_figures_file(folder, "figures.xlsx"))
    assert _written(folder, out) == ["b.pdf"]
    assert _written(folder, out) == []
    xlsx(book, {"A10": ""})  # the same figures, another file
    assert _written(folder, out) == ["b.pdf"]


def it_rebuilds_for_another_version_of_the_tool(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder, out = briefing_copy(tmp_path / "b"), tmp_path / "out"
    assert _written(folder, out) == ["b.pdf"]
    versions = dict(editions.versions(), briefing="99.0")
    monkeypatch.setattr(editions, "versions", lambda: versions)
    assert _written(folder, out) == ["b.pdf"]
