"""resolve_theme: a theme file -> concrete values in points that both writers read (the
Resolved* classes of resolved.py).

`base:` inheritance and `$variable` colours are resolved here once. Which style each part of
a document gets is decided in STYLE_ROLES (resolved.py), the one table of it; the theme
decides the looks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import ContentError, Diagnostic, error
from ..model import Bilingual
from ..source.hints import did_you_mean
from ..source.load import Loaded, load_yaml
from ..source.parse import parse_model
from .geometry import geometry_problems, valid_part
from .locate import find_font, find_theme

# the writers, fonts.py and the pipeline import the resolved theme's classes from here
from .resolved import STYLE_ROLES as STYLE_ROLES
from .resolved import ResolvedBox as ResolvedBox
from .resolved import ResolvedFont as ResolvedFont
from .resolved import ResolvedPage as ResolvedPage
from .resolved import ResolvedStyle as ResolvedStyle
from .resolved import ResolvedTheme as ResolvedTheme
from .schema import STYLE_DEFAULTS, BoxSpec, FontSpec, StyleSpec, ThemeFile

MM = 72 / 25.4
NUMBER_FIELD = re.compile(r"\{(chinese|decimal|roman)\}")
PAGE_SIZES_PT = {"A4": (210 * MM, 297 * MM), "Letter": (612.0, 792.0)}
_HEX = re.compile(r"#[0-9A-Fa-f]{6}")

REQUIRED_LABELS = ("table_figure", "table_value", "table_as_of", "table_source", "sources",
                   "page")


def load_theme(reference: str, styles_dirs: Sequence[Path], relative_to: Path = Path(),
               seen: tuple[Path, ...] = ()) -> Loaded:
    """A theme file (by name or path, see locate.py) as data, merged over the theme it
    `extends:` (if any): a theme that only changes colours says so in a few lines."""
    file = find_theme(reference, styles_dirs, relative_to)
    loaded = load_yaml(file)
    if not isinstance(loaded.data, dict) or "extends" not in loaded.data:
        return loaded
    parent = loaded.data.pop("extends")
    if not isinstance(parent, str) or file.resolve() in seen:
        raise ContentError([error(file, loaded.line_of(("extends",)), "extends",
                                  f"theme '{file.stem}' cannot extend {parent!r}")])
    try:
        base = load_theme(parent, (file.parent, *styles_dirs), file.parent,
                          seen + (file.resolve(),))
    except ContentError as exc:  # an unknown base theme: say where it is named
        raise ContentError([d if d.file else replace(
            d, file=file, line=loaded.line_of(("extends",)), field_path="extends")
            for d in exc.diagnostics]) from None
    return Loaded(file, _merge(base.data, loaded.data), loaded.lines,
                  base.problems + loaded.problems, includes=[base.file, *base.includes])


def _merge(base: object, override: object) -> object:
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _merge(base.get(key), value) if key in base else value
        return merged
    return override


# a theme file's place of a field path (file, line), and a colour or $variable resolved
Where = Callable[..., tuple[Path, int | None]]
Color = Callable[..., str | None]


def resolve_theme(reference: str, styles_dirs: Path | Sequence[Path],
                  fonts_dirs: Path | Sequence[Path], relative_to: Path = Path()) -> ResolvedTheme:
    """Load a theme (a name looked up in `styles_dirs`, or a path relative to
    `relative_to`) and resolve it; ContentError lists every problem. (One folder may be
    given for either.)"""
    styles_dirs = (styles_dirs,) if isinstance(styles_dirs, Path) else tuple(styles_dirs)
    fonts_dirs = (fonts_dirs,) if isinstance(fonts_dirs, Path) else tuple(fonts_dirs)
    loaded = load_theme(reference, styles_dirs, relative_to)
    file = loaded.file
    spec, problems = parse_model(ThemeFile, loaded)
    problems = loaded.problems + problems
    if spec is None:  # go on with the values the schema took: every error in one run
        spec = valid_part(ThemeFile, loaded.data)
    if spec is None:
        raise ContentError(problems)
    assert isinstance(spec, ThemeFile)

    def where(*path: str | int) -> tuple[Path, int | None]:
        return file, loaded.line_of(path)

    def color(value: str | None, *path: str | int, report: bool = True) -> str | None:
        """`report`: False for a value inherited from a base style (reported there)."""
        if value is None:
            return None
        if value.startswith("$"):
            if value[1:] not in spec.colors:
                if not report:
                    return "#000000"
                problems.append(error(*where(*path), ".".join(map(str, path)),
                                      f"unknown colour variable '{value}'",
                                      did_you_mean(value[1:], spec.colors)))
                return "#000000"
            path, value = ("colors", value[1:]), spec.colors[value[1:]]  # a bad variable: once
        if not _HEX.fullmatch(value):
            if not report:
                return "#000000"
            bad = error(*where(*path), ".".join(map(str, path)),
                        f"'{value}' is not a colour: write #RRGGBB")
            problems.extend([bad] if bad not in problems else [])
            return "#000000"
        return value.upper()

    styles = {n: _resolve_style(n, spec, color, problems, where) for n in spec.styles}
    for role, names in STYLE_ROLES.items():
        for style_name in (names.zh, names.en):
            if style_name not in styles:
                problems.append(error(file, None, "styles", f"the theme must define style "
                                      f"'{style_name}' (used for {role})"))
    for key, style in styles.items():
        if style.font not in spec.fonts and (spec.styles[key].font is not None
                                             or spec.styles[key].base is None):
            problems.append(error(*where("styles", key, "font"), f"styles.{key}.font",
                                  f"unknown font '{style.font}'", did_you_mean(style.font,
                                                                               spec.fonts)))
    fonts = {}
    for key, font in spec.fonts.items():
        fonts[key] = _resolve_font(key, font, file, fonts_dirs, problems, where)
        for i, other in enumerate(font.fallback):
            if other not in spec.fonts or other == key:
                problems.append(error(*where("fonts", key, "fallback", i),
                                      f"fonts.{key}.fallback[{i}]",
                                      f"'{other}' is not another font of this theme",
                                      did_you_mean(other, spec.fonts)))
    boxes: dict[str, ResolvedBox] = {k: ResolvedBox(
        color(b.background, "boxes", k, "background"),
        color(b.border_color, "boxes", k, "border_color"), b.border_width_pt,
        color(b.band_color, "boxes", k, "band_color"), b.band_width_pt,
        color(b.header_background, "boxes", k, "header_background"),
        color(b.zebra, "boxes", k, "zebra"), color(b.rule_color, "boxes", k, "rule_color"),
        b.padding_pt, b.space_before_pt, b.space_after_pt) for k, b in spec.boxes.items()}
    for box in ("callout", "kpi", "table", "cover"):
        if box not in boxes:
            boxes[box] = _resolve_default_box()
    for label in REQUIRED_LABELS:
        if label not in spec.labels:
            problems.append(error(file, None, "labels", f"the theme must define label '{label}'"))
    size = PAGE_SIZES_PT[spec.page.size]
    problems += geometry_problems(spec.page, size, styles, spec.styles, where)
    p = spec.page
    page = ResolvedPage(size[0], size[1], p.margin_top_mm * MM, p.margin_bottom_mm * MM,
                        p.margin_left_mm * MM, p.margin_right_mm * MM, p.footer_distance_mm * MM,
                        p.column_gap_mm * MM, p.footer_position, p.running_header,
                        p.grid_lines, p.table_of_contents, p.footer_inset_chars,
                        p.grid_characters)
    labels = {k: Bilingual(v.zh, v.en) for k, v in spec.labels.items()}
    for level, pattern in enumerate(spec.heading_numbering):
        for lang in ("zh", "en"):
            text = getattr(pattern, lang)
            if len(NUMBER_FIELD.findall(text)) != 1:
                problems.append(error(*where("heading_numbering", level, lang),
                                      f"heading_numbering[{level}].{lang}",
                                      f"'{text}' needs exactly one of {{chinese}}, {{decimal}}, "
                                      "{roman}"))
    if problems:
        raise ContentError(_one_per_field(problems))
    numbering = tuple(Bilingual(p.zh, p.en) for p in spec.heading_numbering)
    chart_colors = tuple(color(c, "chart_colors", i) or "#000000"
                         for i, c in enumerate(spec.chart_colors))
    reference_doc: Path | None = None
    if spec.docx.reference_doc:
        reference_doc = (file.parent / spec.docx.reference_doc).resolve()
        problem = reference_doc_problem(reference_doc)
        if problem:
            raise ContentError([error(*where("docx", "reference_doc"), "docx.reference_doc",
                                      problem)])
    return ResolvedTheme(spec.name, file, page, fonts, styles, boxes, labels,
                         spec.docx.embed_fonts, tuple(loaded.includes), numbering, chart_colors,
                         spec.edition.greeting, spec.edition.contact, reference_doc,
                         spec.glosses)


def reference_doc_problem(path: Path) -> str | None:
    """Why `path` cannot be a reference document, or None: it must be a readable DOCX."""
    import zipfile

    if not path.is_file():
        return f"reference document {path} not found"
    try:
        with zipfile.ZipFile(path) as package:
            if "word/document.xml" not in package.namelist():
                return f"{path} is not a Word document (no word/document.xml)"
            package.read("word/styles.xml")
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        return f"{path} is not a readable Word document ({exc})"
    return None


def with_docx_options(theme: ResolvedTheme, reference_doc: Path | None,
                      embed_fonts: bool = False) -> ResolvedTheme:
    """The theme with the command line's DOCX options over its own: the DOCX started from
    `reference_doc` (--reference-doc; ContentError if it is no readable DOCX), the free
    faces embedded (--embed-fonts)."""
    if reference_doc is not None:
        problem = reference_doc_problem(reference_doc.resolve())
        if problem:
            raise ContentError([error(reference_doc, None, "--reference-doc", problem)])
        theme = replace(theme, reference_doc=reference_doc.resolve())
    return replace(theme, embed_fonts=True) if embed_fonts else theme


def _one_per_field(problems: list[Diagnostic]) -> list[Diagnostic]:
    """A value the schema refused is reported once (not again as missing once dropped)."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for d in problems:
        key = (d.file, d.line, d.field_path)
        if key not in seen or d.line is None:
            seen.add(key)
            kept.append(d)
    return kept


def _resolve_default_box() -> ResolvedBox:
    b = BoxSpec()
    return ResolvedBox(None, None, b.border_width_pt, None, 0, None, None, None, b.padding_pt,
                       b.space_before_pt, b.space_after_pt)


def _resolve_style(name: str, spec: ThemeFile, color: Color, problems: list[Diagnostic],
                   where: Where) -> ResolvedStyle:
    chain: list[StyleSpec] = []
    seen: list[str] = []
    current: str | None = name
    while current is not None:
        if current in seen:
            problems.append(error(*where("styles", name, "base"), f"styles.{name}.base",
                                  "styles inherit from each other in a circle: "
                                  + " -> ".join(seen + [current])))
            break
        if current not in spec.styles:
            problems.append(error(*where("styles", seen[-1], "base"), f"styles.{seen[-1]}.base",
                                  f"unknown base style '{current}'",
                                  did_you_mean(current, spec.styles)))
            break
        seen.append(current)
        chain.append(spec.styles[current])
        current = spec.styles[current].base
    values: dict[str, Any] = dict(STYLE_DEFAULTS)  # of the types StyleSpec declares
    for style in reversed(chain):  # the root first, so nearer styles win
        values.update({k: v for k, v in style.model_dump().items()
                       if v is not None and k != "base"})
    values["color"] = color(values["color"], "styles", name, "color",
                            report=spec.styles[name].color is not None or not seen[1:])
    return ResolvedStyle(name=name, base=spec.styles[name].base, **values)


def _resolve_font(key: str, font: FontSpec, theme_file: Path, fonts_dirs: Sequence[Path],
                  problems: list[Diagnostic], where: Where) -> ResolvedFont:
    paths = []
    for weight in ("regular", "bold"):
        path = find_font(getattr(font, weight), theme_file, fonts_dirs)
        if path is None:
            problems.append(error(*where("fonts", key, weight), f"fonts.{key}.{weight}",
                                  f"font file {getattr(font, weight)} not found beside "
                                  f"{theme_file.name} nor in {', '.join(map(str, fonts_dirs))}"))
            path = theme_file.parent / getattr(font, weight)
        paths.append(path)
    alternatives = [font.alt_family] if isinstance(font.alt_family, str) else \
        list(font.alt_family or [])
    return ResolvedFont(font.family, paths[0], paths[1], tuple(font.fallback),
                        tuple(alternatives))
