"""Render text templates: figures referenced by id, each language writing them its own way.

The template language is an allowlist, not a sandbox: a text is literal characters and
`{{ id }}` / `{{ id.attribute }}` references, with the attributes of `FigureView`. Anything
else (filters, calls, arithmetic, statements, comments, macros) is refused with the reason,
so a template can neither grow without bound nor print anything a figure does not hold.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..source.hints import did_you_mean
from .figures import Lang, format_as_of, format_change, format_number, format_value, units
from .schema import Figure, Previous


class TemplateProblem(Exception):
    """A template could not be rendered; `hint` may suggest a fix."""

    def __init__(self, message: str, hint: str | None = None,
                 unknown_figure: str | None = None):
        super().__init__(message)
        self.message, self.hint = message, hint
        self.unknown_figure = unknown_figure


# `{{ id }}` in a marked text: MARK_START id MARK_VALUE value MARK_END (private-use
# characters, which no text contains), turned into FigureMark spans by parse_inline
MARK_START, MARK_VALUE, MARK_END = "\ue000", "\ue001", "\ue002"


@dataclass(frozen=True)
class FigureView:
    """What a template sees of a figure, in one language. `{{ id }}` is the full value;
    a view with `mark` (the figure's id) wraps it in MARK_* characters, so that its place
    in the text is known."""

    figure: Figure
    lang: Lang
    mark: str | None = None

    def __str__(self) -> str:
        text = format_value(self.figure.shown_value, units()[self.figure.unit], self.lang,
                            self.figure.qualifier, self.figure.decimals)
        if self.mark:
            return f"{MARK_START}{self.mark}{MARK_VALUE}{text}{MARK_END}"
        return text

    @property
    def number(self) -> str:
        return format_number(self.figure.shown_value, units()[self.figure.unit], self.lang,
                             self.figure.decimals)

    @property
    def previous(self) -> str:
        """The earlier period's value, with its unit."""
        previous = self._previous()
        return format_value(previous.value, units()[self.figure.unit], self.lang,
                            self.figure.qualifier, self.figure.decimals)

    @property
    def change(self) -> str:
        """同比增长12.5% / up 12.5% year on year (percentages: in points)."""
        return self._change(arrow=False)

    @property
    def trend(self) -> str:
        """▲ 12.5% / ▼ 2.1个百分点: the change as a KPI card shows it."""
        return self._change(arrow=True)

    def _change(self, arrow: bool) -> str:
        previous = self._previous()
        days = (self.figure.as_of - previous.as_of).days
        value = self.figure.value
        assert value is not None, "derived figures are computed in validate()"
        return format_change(value, previous.value, units()[self.figure.unit],
                             self.lang, days, arrow)

    def _previous(self) -> Previous:
        if self.figure.previous is None:
            raise TemplateProblem("this figure has no previous value: add previous_value and "
                                  "previous_as_of (or previous: {value, as_of})")
        return self.figure.previous

    @property
    def label(self) -> str:
        return self.figure.label.zh if self.lang == "zh" else self.figure.label.en

    @property
    def source(self) -> str:
        return self.figure.source.zh if self.lang == "zh" else self.figure.source.en

    @property
    def as_of(self) -> str:
        return format_as_of(self.figure.as_of, self.lang)


ATTRIBUTES = ("number", "label", "as_of", "source", "previous", "change", "trend")
_ATTRIBUTES_HINT = "a figure offers " + ", ".join(f".{a}" for a in ATTRIBUTES)
_LANGUAGE_HINT = ("a text may only name a figure, {{ id }}, or one of its attributes, "
                  "{{ id.number }}; see docs/content-format.md, 'Figures in text'")
_EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)
_REFERENCE = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\s*")
_STATEMENT = re.compile(r"\{[%#]")

Part = str | tuple[str, str | None]


def _needs_rendering(template: str) -> bool:
    return "{{" in template or "{%" in template or "{#" in template


@functools.lru_cache(maxsize=4096)
def parse_template(template: str) -> tuple[Part, ...]:
    """The text split into literal parts and (figure id, attribute or None) references;
    raises TemplateProblem for anything outside the template language."""
    # as Jinja2, which read these texts before: line ends normalised, one final one dropped
    template = template.replace("\r\n", "\n").replace("\r", "\n")
    template = template[:-1] if template.endswith("\n") else template
    parts: list[Part] = []
    position = 0
    for match in _EXPRESSION.finditer(template):
        _literal(template[position:match.start()], parts)
        reference = _REFERENCE.fullmatch(match.group(1))
        if reference is None:
            shown = match.group(0) if len(match.group(0)) <= 60 else match.group(0)[:57] + "..."
            raise TemplateProblem(f"not allowed in a template: '{shown}'", _LANGUAGE_HINT)
        parts.append((reference.group(1), reference.group(2)))
        position = match.end()
    _literal(template[position:], parts)
    return tuple(parts)


def _literal(text: str, parts: list[Part]) -> None:
    if "{{" in text:
        raise TemplateProblem("template syntax: '{{' without a closing '}}'", _LANGUAGE_HINT)
    statement = _STATEMENT.search(text)
    if statement:
        kind = "statements" if statement.group(0) == "{%" else "comments"
        raise TemplateProblem(f"template syntax: {kind} ('{statement.group(0)}') are not "
                              "part of the template language", _LANGUAGE_HINT)
    if text:
        parts.append(text)


def figure_refs(template: str) -> set[str]:
    """The figure ids a template refers to, or none if it is not a valid template."""
    if not _needs_rendering(template):
        return set()
    try:
        return {part[0] for part in parse_template(template) if isinstance(part, tuple)}
    except TemplateProblem:
        return set()  # reported when the template is rendered


def render_text(template: str, lang: Lang, figures: dict[str, Figure],
                marked: bool = False) -> str:
    """Render one language's text; raises TemplateProblem for the user to fix. With
    `marked`, each `{{ id }}` value is wrapped in MARK_* characters."""
    if not _needs_rendering(template):
        return template  # plain text: nothing to parse
    return "".join(part if isinstance(part, str) else _reference(part, lang, figures, marked)
                   for part in parse_template(template))


def _reference(part: tuple[str, str | None], lang: Lang, figures: dict[str, Figure],
               marked: bool) -> str:
    fig_id, attribute = part
    figure = figures.get(fig_id)
    if figure is None:
        raise TemplateProblem(f"unknown figure '{fig_id}'", did_you_mean(fig_id, figures),
                              unknown_figure=fig_id)
    view = FigureView(figure, lang, fig_id if marked and attribute is None else None)
    if attribute is None:
        return str(view)
    if attribute not in ATTRIBUTES:
        raise TemplateProblem(f"a figure has no attribute '{attribute}'", _ATTRIBUTES_HINT)
    return str(getattr(view, attribute))
