"""Rendering one text of a content file (figures filled in, inline marks parsed) and
reporting what is wrong with it, at its file, line and field: for the document build
(build.Builder) and, for a file that failed validation, for every text of its raw data in
the same run (check_texts)."""

from __future__ import annotations

from typing import Literal, overload

from .content.fields import PathT, inline_paths
from .content.inline import InlineProblem, parse_inline
from .content.schema import BriefingFile, Figure
from .content.templating import TemplateProblem, render_text, template_problems
from .errors import Diagnostic, error
from .limits import text_size_problem
from .model import Inline, Lang
from .source.load import Loaded, format_path


@overload
def render(template: str, lang: Lang, figures: dict[str, Figure],
           inline: Literal[True]) -> Inline: ...
@overload
def render(template: str, lang: Lang, figures: dict[str, Figure],
           inline: Literal[False]) -> str: ...
@overload
def render(template: str, lang: Lang, figures: dict[str, Figure], inline: bool) -> Inline | str: ...


def render(template: str, lang: Lang, figures: dict[str, Figure], inline: bool) -> Inline | str:
    """One language of one text: figures filled in, then inline marks parsed if `inline`."""
    text = render_text(template, lang, figures, marked=inline)
    too_big = text_size_problem(text)
    if too_big:
        raise TemplateProblem(*too_big)
    return parse_inline(text) if inline else text


def text_problems(loaded: Loaded, path: PathT, exc: TemplateProblem | InlineProblem,
                  template: str, figures: dict[str, Figure],
                  broken_figures: frozenset[str] | set[str] = frozenset()) -> list[Diagnostic]:
    """The problems of one language of a text (at `path`) that `render` raised `exc` for:
    every reference's, not only the first (templating.template_problems), but none about
    `broken_figures` (defined, reported where they are defined)."""
    line, field = loaded.line_of(path), format_path(path)
    if isinstance(exc, InlineProblem):
        return [error(loaded.file, line, field, str(exc))]
    lang: Lang = "zh" if path[-1] == "zh" else "en"
    found = template_problems(template, lang, figures) or [exc]  # or a text too long
    return [error(loaded.file, line, field, problem.message, problem.hint) for problem in found
            if problem.unknown_figure not in broken_figures]


def check_texts(loaded: Loaded, figures: dict[str, Figure],
                broken_figures: set[str]) -> list[Diagnostic]:
    """Render every bilingual text found in raw data, for a file that failed validation: its
    template and link problems are then reported in the same run as its schema problems.
    References to `broken_figures` (defined, but invalid) are not reported again."""
    problems: list[Diagnostic] = []

    def walk(value: object, path: PathT) -> None:
        if isinstance(value, dict):
            if set(value) <= {"zh", "en"} and value:
                inline = _is_inline(path)
                for lang in ("zh", "en"):
                    if isinstance(value.get(lang), str):
                        try:
                            render(value[lang], lang, figures, inline)
                        except (TemplateProblem, InlineProblem) as exc:
                            problems.extend(text_problems(loaded, path + (lang,), exc,
                                                          value[lang], figures, broken_figures))
                return
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,))

    walk(loaded.data, ())
    return problems


_INLINE_PATHS = inline_paths(BriefingFile)  # ("sections", "blocks", "paragraph"), ...


def _is_inline(path: PathT) -> bool:
    """Texts whose inline marks are parsed (the rest are printed as written): the specs'
    InlineText fields."""
    return tuple(p for p in path if isinstance(p, str)) in _INLINE_PATHS
