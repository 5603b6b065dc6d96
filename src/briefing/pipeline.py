"""The pipeline, one function per step:

    load_content -> validate -> resolve_theme -> build_document -> check_glyphs -> write_x -> save

`prepare` runs every step before the writers; `render` runs one writer; `save_atomic` saves.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from .build import build_document, check_texts
from .content.load import Loaded, load_yaml
from .content.delegations import Delegation
from .content.tables import load_table
from .content.schema import Content, effective_layout, validate
from .errors import ContentError, Diagnostic, error
from .fonts import check_glyphs
from .lint import lint
from .model import Document
from .theme.resolve import ResolvedTheme, resolve_theme
from .writers import writer_for

log = logging.getLogger("briefing")

BRIEFING_FILE = "briefing.yaml"


@dataclass(frozen=True)
class Prepared:
    """Everything the writers need: the document model and its resolved theme."""

    content: Content
    theme: ResolvedTheme
    document: Document


def find_briefing(path: Path) -> Path:
    """The briefing folder for a folder or a briefing.yaml path."""
    folder = path.parent if path.is_file() else path
    if folder.name in ("", "..") or folder.name == ".":  # `briefing build .`: the id is a name
        folder = folder.resolve()
    if not (folder / BRIEFING_FILE).is_file():
        raise ContentError([error(path, None, "", f"no {BRIEFING_FILE} here: give a briefing "
                                  "folder such as content/xicheng-2023")])
    return folder


def project_dirs(folder: Path) -> tuple[Path, Path]:
    """styles/ and fonts/ of the project the briefing belongs to: the nearest ancestor of the
    briefing folder that has a styles/ folder, else the checkout briefing runs from."""
    for parent in [folder.resolve(), *folder.resolve().parents]:
        if (parent / "styles").is_dir():
            return parent / "styles", parent / "fonts"
    root = Path(__file__).resolve().parents[2]
    return root / "styles", root / "fonts"


def load_content(folder: Path) -> tuple[Loaded, list[Loaded]]:
    """Step 1: read briefing.yaml and the figure files it names."""
    briefing = load_yaml(folder / BRIEFING_FILE)
    if not isinstance(briefing.data, dict) or not briefing.data:
        shape = "is empty" if not briefing.data else \
            f"holds a {'list' if isinstance(briefing.data, list) else 'single value'}"
        raise ContentError([error(briefing.file, 1, "", f"{BRIEFING_FILE} {shape}; it must be "
                                  "a mapping of cover:, sections: and the other fields",
                                  "start from content/xicheng-2023/briefing.yaml or the "
                                  "example in docs/content-format.md")])
    names = briefing.data.get("figures", ["figures.yaml"]) if isinstance(briefing.data, dict) \
        else ["figures.yaml"]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return briefing, []  # validate() reports the wrong type with its line
    problems: list[Diagnostic] = []
    figure_files = []
    for i, name in enumerate(names):
        path = (folder / name).resolve()
        if Path(name).is_absolute() or not path.is_relative_to(folder.resolve()):
            problems.append(error(briefing.file, briefing.line_of(("figures", i)),
                                  f"figures[{i}]", f"'{name}' is outside the briefing folder"))
            continue
        if not path.is_file():
            problems.append(error(briefing.file, briefing.line_of(("figures", i)),
                                  f"figures[{i}]", f"figure file '{name}' not found"))
            continue
        try:
            tabular = path.suffix.lower() in (".csv", ".xlsx")
            figure_files.append(load_table(path) if tabular else load_yaml(path))
        except ContentError as exc:
            problems += exc.diagnostics
    if problems:
        raise ContentError(problems)
    return briefing, figure_files


def _one_per_line(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop follow-on errors: a value the loader refused also fails the schema."""
    seen: set[tuple[object, object]] = set()
    kept = []
    for d in diagnostics:
        key = (d.file, d.line, d.field_path) if d.line else (d, None)
        if key not in seen:
            seen.add(key)
            kept.append(d)
    return kept


def prepare(path: Path, theme: str | None = None, layout: str | None = None,
            strict: bool = False, edition: Delegation | None = None) -> Prepared:
    """Run every step up to the writers; raise ContentError with every problem found.
    Warnings are logged; with `strict` they are errors too."""
    content = prepare_content(path, layout)
    return prepare_edition(content, prepare_theme(content, theme), layout, strict, edition)


def prepare_content(path: Path, layout: str | None = None) -> Content:
    """Steps 1-2: the briefing's files, loaded and validated."""
    folder = find_briefing(path)
    log.info("Step 1 - load_content %s", folder)
    briefing_file, figure_files = load_content(folder)
    log.info("Step 2 - validate")
    try:
        return validate(folder, briefing_file, figure_files,
                        effective_layout(briefing_file, layout))
    except ContentError as exc:
        defined = {fig_id for f in figure_files if isinstance(f.data, dict)
                   and isinstance(f.data.get("figures"), dict) for fig_id in f.data["figures"]}
        found = exc.diagnostics + check_texts(briefing_file, exc.figures,  # type: ignore[arg-type]
                                              defined - set(exc.figures))
        raise ContentError(_one_per_line(found)) from None


def prepare_theme(content: Content, theme: str | None = None) -> ResolvedTheme:
    """Step 3: the theme (the briefing's, or `theme`), resolved."""
    log.info("Step 3 - resolve_theme %s", theme or content.briefing.theme)
    styles_dir, fonts_dir = project_dirs(content.folder)
    try:
        return resolve_theme(theme or content.briefing.theme, styles_dir, fonts_dir)
    except ContentError as exc:
        if theme:  # asked for on the command line: nothing to locate in the files
            raise
        loaded = content.briefing_file
        located = [replace(d, file=loaded.file, line=loaded.line_of(("theme",)))
                   if d.file is None and d.field_path == "theme" else d
                   for d in exc.diagnostics]
        raise ContentError(located) from None


def prepare_edition(content: Content, resolved: ResolvedTheme, layout: str | None = None,
                    strict: bool = False, edition: Delegation | None = None) -> Prepared:
    """Steps 4-5: the document model, its glyphs checked, its warnings logged."""
    log.info("Step 4 - build_document")
    document = build_document(content, resolved, layout, edition)
    resolved = resolved.for_languages(document.languages)
    log.info("Step 5 - check_glyphs")
    check_glyphs(document, resolved)
    warnings = lint(content, document)
    if strict and warnings:
        raise ContentError(warnings)
    for diagnostic in warnings:
        log.warning(diagnostic.format(Path.cwd()))
    return Prepared(content, resolved, document)


def input_files(prepared: Prepared) -> list[Path]:
    """Every file a build reads: content, figures, images, theme files, fonts."""
    content, theme = prepared.content, prepared.theme
    files = [content.briefing_file.file, *(f.file for f in content.figure_files.values())]
    if prepared.document.cover.logo:
        files.append(prepared.document.cover.logo)
    files += [theme.file, *theme.includes]
    files += [p for font in theme.fonts.values() for p in (font.regular, font.bold)]
    return files


@functools.cache
def _versions() -> tuple[tuple[str, str], ...]:
    """Looked up once per process: importlib.metadata scans every installed distribution
    for each name (8 ms a build)."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("briefing", "reportlab", "python-docx", "babel", "fonttools", "pypdfium2"):
        try:
            found.append((name, version(name)))
        except PackageNotFoundError:
            found.append((name, "unknown"))
    return tuple(found)


def versions() -> dict[str, str]:
    """The versions of briefing and of the libraries that shape its output."""
    return dict(_versions())


def render(prepared: Prepared, fmt: str) -> bytes:
    """Step 6: one writer turns the model into a file's bytes."""
    log.info("Step 6 - write_%s", fmt)
    return writer_for(fmt)(prepared.document, prepared.theme)


def render_redline(prepared: Prepared, old_figures: dict[str, dict[str, object]]) -> bytes:
    """The DOCX with every text changed since the edition of `old_figures` (a snapshot's
    figures) shown as tracked changes."""
    from .revisions import previous_document, revisions
    from .writers.docx.document import write_docx

    before = previous_document(prepared.content, prepared.theme, prepared.document.layout,
                               old_figures)  # type: ignore[arg-type]
    author = prepared.document.cover.publisher.get(prepared.document.languages[0])
    return write_docx(prepared.document, prepared.theme,
                      revisions(before, prepared.document, f"briefing ({author})"))
