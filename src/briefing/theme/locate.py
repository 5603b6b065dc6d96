"""Where a theme and its fonts are found.

A theme is a name (`investor`) or a path (`./office.yaml`, anything ending in .yaml or
.yml or holding a folder separator). A name is looked up in the folders of `styles_dirs`
in order: the project's `styles/` (the nearest folder above the briefing that has one),
then the themes installed with briefing. Fonts are looked up beside the theme file, then
in the same way in `fonts/`. A theme's `extends:` is found as a theme is, first beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

from ..errors import ContentError, error
from ..source.hints import did_you_mean

THEME_SUFFIXES = (".yaml", ".yml")


def builtin_dir(package: str) -> Path:
    """A folder installed with briefing: `briefing.styles` (the themes), `briefing.font_files`
    (the fonts), `briefing.doc_files` (the documentation), `briefing.scaffold` (what
    `briefing new` writes). Installs are unzipped, so
    the folder is a real one that ReportLab can read fonts from."""
    try:
        return Path(str(files(package)))
    except ModuleNotFoundError:  # a source tree run without installing it (PYTHONPATH=src)
        return Path(__file__).resolve().parents[3] / _CHECKOUT_FOLDERS[package]


# the top-level folders of a checkout that setuptools maps to the packages (pyproject.toml)
_CHECKOUT_FOLDERS = {"briefing.styles": "styles", "briefing.font_files": "fonts",
                     "briefing.doc_files": "docs"}


def search_dirs(briefing_folder: Path) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """The styles and fonts folders to look in for a briefing: its project's, then the
    built-in ones (once: in a checkout they are the same folders)."""
    styles, fonts = [], []
    for parent in [briefing_folder.resolve(), *briefing_folder.resolve().parents]:
        if (parent / "styles").is_dir():
            styles.append(parent / "styles")
            fonts.append(parent / "fonts")
            break
    for found, builtin in ((styles, builtin_dir("briefing.styles")),
                           (fonts, builtin_dir("briefing.font_files"))):
        if not any(d.resolve() == builtin.resolve() for d in found):
            found.append(builtin)
    return tuple(styles), tuple(fonts)


def is_theme_path(reference: str) -> bool:
    return reference.lower().endswith(THEME_SUFFIXES) or "/" in reference or "\\" in reference


def find_theme(reference: str, styles_dirs: Sequence[Path], relative_to: Path) -> Path:
    """The theme file a name or a path (relative to `relative_to`) refers to."""
    if is_theme_path(reference):
        file = relative_to / reference
        if not file.is_file():
            raise ContentError([error(None, None, "theme", f"theme file {file} not found")])
        return file
    for folder in styles_dirs:
        if (folder / f"{reference}.yaml").is_file():
            return folder / f"{reference}.yaml"
    known = sorted({p.stem for folder in styles_dirs for p in folder.glob("*.yaml")})
    raise ContentError([error(None, None, "theme", f"unknown theme '{reference}' "
                              f"(available: {', '.join(known) or 'none'})",
                              did_you_mean(reference, known))])


def find_font(name: str, theme_file: Path, fonts_dirs: Sequence[Path]) -> Path | None:
    """A theme's font file: beside the theme, else in the fonts folders in order."""
    candidates = [theme_file.parent / name, *(folder / name for folder in fonts_dirs)]
    return next((path for path in candidates if path.is_file()), None)
